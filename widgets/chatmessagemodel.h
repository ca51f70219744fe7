#pragma once

#include "chatview.h"
#include "trafficevent.h"

#include <QAbstractListModel>
#include <QTimer>

#include <vector>

class TrafficStore;

// The chat items of one session: Received, Sent and Note events, read from the
// store incrementally (only the sequence numbers after the last one read) and
// decoded once, since a chat shows every message and re-decoding per paint would
// be waste. Capped, so a flood into a chat session cannot grow it without bound.
// Rows and roles are described by ChatView::MessageRole; the texts it makes are
// translated in the ChatView context, with the rest of the chat's strings, and
// put together when asked for, so they follow a language switch.
class ChatMessageModel : public QAbstractListModel
{
public:
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
    using Side = ChatView::Side;

    struct Item
    {
        quint64 seq = 0;
        qint64 timeUs = 0;
        Side side = Side::Note;
        bool binary = false;
        QString sender; // empty for ours
        QString text;
        qsizetype totalBytes = 0; // when text shows only the start of a long message
    };

    static QString timeText(const Item &item);
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
