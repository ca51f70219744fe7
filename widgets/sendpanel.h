#pragma once

#include "endpoint.h"
#include "payloadcodec.h"
#include "sendformat.h"
#include "trafficevent.h"

#include <QHash>
#include <QString>
#include <QWidget>

class Engine;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class SavedMessageModel;
class SendFormatControls;
class SendHistory;
class SendPreview;
class SendTargets;
class SendTools;

// Compose and send: target (selected connection, all clients, the UDP peer, or
// an address typed in), a multi-line input, mode Text / Hex / Text with escapes,
// encoding, line ending (none, LF, CRLF), Send (Ctrl+Enter), history (Up/Down
// recall) and inline errors for bad input (nothing is sent then); a checksum
// appended last, a live preview of the exact bytes, and under it the tools:
// saved messages, repeat send and file send.
class SendPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SendPanel(Engine *engine, QWidget *parent = nullptr);

    // The session sends go to (0: none, the panel is disabled).
    void setSession(SessionId session);
    // The connection selected in the Connections view (0: none).
    void setSelectedConnection(ConnectionId connection);
    SendTools *tools() const { return m_tools; }

public Q_SLOTS:
    // Parses the input and sends; returns false (with the inline error shown)
    // when the input is invalid or there is no valid target.
    bool send();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    using Mode = SendFormat::Mode;

    void retranslate();
    void updatePlaceholder();
    void updateSessionState();
    void updateSendEnabled();
    void updateErrorColours();
    // The bytes to send to *target, or why (and where in the input) there are none.
    PayloadCodec::ParseResult prepare(SendTarget *target) const;
    void showError(const QString &text, qsizetype position = -1);
    void clearError();
    void updatePreview();

    SendFormat format() const;

    Engine *m_engine;
    SessionId m_session = 0;
    // What was typed for other sessions, and its error, while they are not shown.
    struct Draft
    {
        QString text;
        QString error;
    };
    QHash<SessionId, Draft> m_drafts;
    bool m_running = false;

    QWidget *m_form = nullptr;
    QComboBox *m_target = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_addressError = nullptr;
    QPlainTextEdit *m_input = nullptr;
    SendFormatControls *m_format = nullptr;
    SendPreview *m_preview = nullptr;
    SavedMessageModel *m_saved = nullptr;
    SendTools *m_tools = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_targetLabel = nullptr;
    SendTargets *m_targets = nullptr;
    SendHistory *m_history = nullptr;
};
