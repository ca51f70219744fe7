#pragma once

#include "trafficevent.h"

#include <QAbstractListModel>
#include <QTimer>

#include <vector>

class TrafficStore;

// The chat items of one session: Received, Sent and Note events, read from the
// store incrementally (only the sequence numbers after the last one read) and
// decoded once, since a chat shows every message and re-decoding per paint would
// be waste. Capped, so a flood into a chat session cannot grow it without bound.
// The texts it makes are put together when asked for, so they follow a
// language switch.
class ChatMessageModel : public QAbstractListModel
{
    Q_OBJECT

public:
    // One row per message or note (the chat view's QListView "chatMessages"):
    // Qt::DisplayRole is the text as shown, and these roles the rest.
    enum class Side { Theirs, Ours, Note };
    enum MessageRole {
        SideRole = Qt::UserRole, // Side as int
        SenderRole,              // "127.0.0.1:8889", or "Me" for ours
        TimeRole,                // "10:31:05", local time
        BinaryRole,              // true when the text is the escaped form of binary bytes
        SeqRole,                 // the event's sequence number in the store
        RoundTripRole,           // "RTT 1.24 ms" on a reply to our message, else empty
    };

    static constexpr int MaxItems = 5000;
    static constexpr qsizetype MaxMessageBytes = 16 * 1024;
    static constexpr quint64 ReadBatch = 4096;
    // New events are read at most this often: a capture file loading or a
    // flood appends thousands of batches a second, and each read lays out
    // bubbles on the GUI thread.
    static constexpr int ReadIntervalMs = 30;

    explicit ChatMessageModel(TrafficStore *store, QObject *parent);

    SessionId session() const { return m_session; }
    void setSession(SessionId session);
    void readNew();
    // Inactive (the chat is not on screen), new events are left in the store
    // and read, the newest MaxItems at most, when it becomes active again.
    void setActive(bool active);
    // Tells the views that the translated words ("Me", the size of a long
    // message) are in the new language.
    void retranslate();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    struct Item
    {
        quint64 seq = 0;
        qint64 timeUs = 0;
        Side side = Side::Note;
        bool binary = false;
        QString sender; // empty for ours
        QString text;
        qsizetype totalBytes = 0; // when text shows only the start of a long message
        qint64 roundTripUs = -1;  // theirs, answering ours (see roundtrip.h)
    };

    static QString timeText(const Item &item);
    static QString roundTripText(const Item &item);
    QString senderText(const Item &item) const;
    static QString displayText(const Item &item);
    // Reads every event after the last one read; returns this session's items.
    std::vector<Item> readItems();
    void appendCapped(std::vector<Item> &items);
    Item makeItem(const TrafficEvent &ev) const;

    TrafficStore *m_store;
    QTimer m_readTimer;
    bool m_active = false;
    SessionId m_session = 0;
    quint64 m_nextSeq = 1;
    std::vector<Item> m_items;
    QString m_me; // the sender of ours, looked up once per language, not per paint
};
