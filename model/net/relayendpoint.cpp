#include "relayendpoint.h"

#include "hostport.h"
#include "relayconnection.h"
#include "streamsocket.h"
#include "tcpconnection.h"
#include "tcplistener.h"
#include "trafficstore.h"

RelayEndpoint::RelayEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                             QObject *parent)
    : RelayBase(id, config, store, parent)
{}

RelayEndpoint::~RelayEndpoint()
{
    // Without recording: the store may be going away with us.
    for (RelayConnection *r : std::as_const(m_relays)) {
        r->disconnect(this);
        if (TcpConnection *client = r->client())
            client->disconnect();
        r->blockSignals(true);
    }
}

quint16 RelayEndpoint::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void RelayEndpoint::open(const QHostAddress &target, const QHostAddress &local)
{
    m_target = target;
    listenOn(local);
}

void RelayEndpoint::listenOn(const QHostAddress &address)
{
    delete m_listener;
    QString error;
    m_listener = TcpListener::open(
        address, m_config.port, 4096,
        [this](const StreamSocket::Accepted &accepted) { accept(accepted); }, this, &error);
    if (!m_listener) {
        reportError(error, true);
        return;
    }
    connect(m_listener, &TcpListener::acceptFailed, this,
            [this](const QString &reason) { reportError(reason, false); });
    const QString local = m_listener->localName();
    m_sessionAddresses = store()->addAddresses(local, m_config.peerText());
    record(EventKind::Listening, 0, m_sessionAddresses, local.toUtf8());
    //: A relay's second event: where each client is connected on to.
    recordNote(tr("Relaying each client to %1").arg(HostPort::format(m_target, m_config.peerPort)),
               0, m_sessionAddresses);
    setState(SessionState::Listening, local);
}

void RelayEndpoint::accept(const StreamSocket::Accepted &accepted)
{
    auto *socket = new StreamSocket(accepted);
    if (m_relays.size() >= m_config.maxClients) {
        auto *refused =
            new TcpConnection(socket, id(), store(), TrafficStore::Initiator::Peer, this);
        refused->close(Closer::Limit,
                       tr("Too many clients: the limit is %1").arg(m_config.maxClients));
        return;
    }
    auto *relay = new RelayConnection(socket, m_target, m_config.peerPort,
                                      m_config.connectTimeoutSeconds, id(), store(), this);
    m_relays.append(relay);
    connect(relay, &RelayConnection::finished, this,
            [this](RelayConnection *r) { m_relays.removeOne(r); });
}

void RelayEndpoint::disconnectConnection(ConnectionId id)
{
    for (RelayConnection *r : std::as_const(m_relays)) {
        if (r->id() == id)
            r->close(Closer::Local, tr("Disconnected by the user"));
    }
}

qint64 RelayEndpoint::pendingBytes(const SendTarget &target) const
{
    Q_UNUSED(target);
    qint64 largest = 0;
    for (const RelayConnection *r : m_relays)
        largest = qMax(largest, r->queuedBytes());
    return largest;
}

bool RelayEndpoint::isTargetOpen(const SendTarget &target) const
{
    Q_UNUSED(target);
    return false;
}

void RelayEndpoint::stop()
{
    cancelResolve();
    if (state() == SessionState::Stopped)
        return;
    const bool wasListening = m_listener != nullptr;
    delete m_listener;
    m_listener = nullptr;
    const auto relays = m_relays;
    for (RelayConnection *r : relays)
        r->close(Closer::Local, tr("Session stopped"));
    if (wasListening)
        record(EventKind::Stopped, 0, m_sessionAddresses);
    setState(SessionState::Stopped);
}
