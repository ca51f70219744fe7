#pragma once

#include "endpoint.h"
#include "engine.h"
#include "sessionconfig.h"
#include "trafficevent.h"

#include <QObject>
#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;

// What the send panel's "Send to" box offers for the session's kind: the
// selected connection, all clients, the server, the UDP peer, or an address
// typed as HOST:PORT and checked as it is typed. The panel creates and lays out
// the widgets; this fills them and turns the choice into a SendTarget. Its texts
// are the panel's (translation context "SendPanel").
class SendTargets : public QObject
{
    Q_OBJECT

public:
    SendTargets(Engine *engine, QComboBox *combo, QLineEdit *address, QLabel *addressError,
                QObject *parent);

    // The session sends go to (0: none), as the engine describes it now.
    void setSession(SessionId session, const Engine::SessionInfo &info);
    // The connection selected in the Connections view (0: none).
    void setSelectedConnection(ConnectionId connection);
    // False, with the reason, while the choice is no target.
    bool resolve(SendTarget *target, QString *error) const;
    // Re-sets the entries and the address error in the current language.
    void retranslate();

Q_SIGNALS:
    // The choice or the address changed, and with it what resolve() says.
    void changed();

private:
    enum class Target { SelectedConnection, AllClients, Server, Peer, Address };

    void rebuild();
    void updateAddress();
    QString selectedConnectionPeer() const;

    Engine *m_engine;
    QComboBox *m_combo;
    QLineEdit *m_address;
    QLabel *m_addressError;
    SessionId m_session = 0;
    ConnectionId m_selectedConnection = 0;
    SessionConfig::Kind m_kind = SessionConfig::Kind::TcpServer;
    bool m_hasPeer = false;
    QString m_peerText;
    bool m_userChoseTarget = false;
};
