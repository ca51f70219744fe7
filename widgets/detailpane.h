#pragma once

#include "trafficevent.h"

#include <QByteArray>
#include <QHash>
#include <QWidget>

class HexDumpView;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QSplitter;
class TrafficStore;

// The selected event in full: the payload as text (encoding selector: UTF-8,
// GBK, Latin-1) beside a hex dump with offsets, the exact byte count, and for
// connection events the addresses and the reason.
class DetailPane : public QWidget
{
    Q_OBJECT

public:
    // Payloads larger than this show only their start, and say so.
    static constexpr qsizetype MaxShownBytes = 1024 * 1024;

    explicit DetailPane(TrafficStore *store, QWidget *parent = nullptr);

public Q_SLOTS:
    // 0 clears the pane.
    void showEvent(quint64 seq);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Showing { Nothing, Evicted, Event };

    QLabel *addField(int row, int column, const QString &objectName, int span = 1);
    void setField(QLabel *value, const QString &text);
    void retranslate();
    // The words about what is shown (title, field values, notice, placeholders),
    // made from the event so that a language change can make them again.
    void describe();
    void updateText();

    TrafficStore *m_store;
    Showing m_showing = Showing::Nothing;
    TrafficEvent m_event; // valid while showing an Event
    QLabel *m_titleLabel = nullptr;
    QWidget *m_fields = nullptr;
    QLabel *m_timeValue = nullptr;
    QLabel *m_sessionValue = nullptr;
    QLabel *m_directionValue = nullptr;
    QLabel *m_sizeValue = nullptr;
    QLabel *m_localValue = nullptr;
    QLabel *m_peerValue = nullptr;
    QLabel *m_closerValue = nullptr;
    QLabel *m_messageKey = nullptr;
    QLabel *m_messageValue = nullptr;
    QLabel *m_noticeLabel = nullptr;
    QComboBox *m_encodingCombo = nullptr;
    QLabel *m_encodingLabel = nullptr;
    QLabel *m_textHeading = nullptr;
    QLabel *m_hexHeading = nullptr;
    QPlainTextEdit *m_textView = nullptr;
    HexDumpView *m_hexView = nullptr;
    QSplitter *m_splitter = nullptr;
    QByteArray m_bytes; // the payload shown (at most MaxShownBytes)
    bool m_hasPayload = false;
    bool m_splitterMoved = false;      // by the user: then their sizes stay
    QHash<QLabel *, QLabel *> m_keyOf; // value label -> its key label
};
