#pragma once

#include "endpoint.h"
#include "sessionconfig.h"
#include "trafficevent.h"

#include <QList>
#include <QString>
#include <QWidget>

class Engine;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

// Compose and send: target (selected connection, all clients, the UDP peer, or
// an address typed in), a multi-line input, mode Text / Hex / Text with escapes,
// encoding, line ending (none, LF, CRLF), Send (Ctrl+Enter), history (Up/Down
// recall) and inline errors for bad input (nothing is sent then).
class SendPanel : public QWidget
{
    Q_OBJECT

public:
    explicit SendPanel(Engine *engine, QWidget *parent = nullptr);

    // The session sends go to (0: none, the panel is disabled).
    void setSession(SessionId session);
    // The connection selected in the Connections view (0: none).
    void setSelectedConnection(ConnectionId connection);

public Q_SLOTS:
    // Parses the input and sends; returns false (with the inline error shown)
    // when the input is invalid or there is no valid target.
    bool send();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Mode { Text, Hex, Escapes };
    enum class LineEnding { None, Lf, CrLf };
    enum class Target { SelectedConnection, AllClients, Server, Peer, Address };

    struct HistoryEntry
    {
        QString text;
        Mode mode = Mode::Text;
    };

    void updateSessionState();
    void rebuildTargets();
    void updateTargetWidgets();
    void validateAddress();
    void updateSendEnabled();
    void updateErrorColours();
    bool targetFor(SendTarget *target, QString *error) const;
    QByteArray encodeInput(const QString &text, QString *error, qsizetype *position) const;
    void showError(const QString &text, qsizetype position = -1);
    void clearError();
    void remember(const QString &text);
    bool recall(int step);
    void saveSettings() const;
    QString selectedConnectionPeer() const;

    Mode mode() const;
    LineEnding lineEnding() const;

    Engine *m_engine;
    SessionId m_session = 0;
    ConnectionId m_selectedConnection = 0;
    SessionConfig::Kind m_kind = SessionConfig::Kind::TcpServer;
    bool m_hasPeer = false;
    QString m_peerText;
    bool m_running = false;
    bool m_userChoseTarget = false;

    QWidget *m_form = nullptr;
    QComboBox *m_target = nullptr;
    QLineEdit *m_address = nullptr;
    QLabel *m_addressError = nullptr;
    QPlainTextEdit *m_input = nullptr;
    QComboBox *m_mode = nullptr;
    QComboBox *m_encoding = nullptr;
    QComboBox *m_lineEnding = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_hint = nullptr;

    QList<HistoryEntry> m_history; // oldest first
    int m_historyIndex = -1;       // -1: editing a new entry, not recalling
    QString m_draft;               // what was typed before recalling started
};
