#include "tcpserverendpoint.h"

#include "hostport.h"
#include "sessionkind.h"
#include "streamsocket.h"
#include "tcpconnection.h"
#include "tcplistener.h"
#include "tlscontext.h"
#include "trafficstore.h"
#include "unixlistener.h"

#include <QCoreApplication>
#include <QTimer>

namespace {

// Qt's default backlog of 50 lets a burst of clients finish the handshake in the
// kernel and then hang in a full accept queue; the kernel caps this at somaxconn.
constexpr int ListenBacklog = 65535;

} // namespace

TcpServerEndpoint::TcpServerEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                                     QObject *parent)
    : Endpoint(id, config, store, parent)
{}

TcpServerEndpoint::~TcpServerEndpoint()
{
    // Without recording: the store may be going away with us.
    for (TcpConnection *c : std::as_const(m_connections)) {
        c->setObserver(nullptr);
        c->disconnect(this);
    }
}

quint16 TcpServerEndpoint::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void TcpServerEndpoint::start()
{
    if (isActive())
        return;
    setState(SessionState::Starting, m_config.addressText());
    m_rules = makeRules();
    m_tls.reset();
    if (m_config.tls.enabled) {
        QString error;
        m_tls = TlsContext::create(m_config, &error);
        if (!m_tls) {
            reportError(error, true);
            return;
        }
    }
    if (SessionKind::usesPath(m_config.kind)) {
        listenOnPath();
        return;
    }
    resolve(m_config.host, [this](const QHostAddress &address, const QString &error) {
        if (!error.isEmpty()) {
            reportError(error, true);
            return;
        }
        listenOn(address);
    });
}

void TcpServerEndpoint::listenOn(const QHostAddress &address)
{
    delete m_listener;
    QString error;
    m_listener = TcpListener::open(
        address, m_config.port, ListenBacklog,
        [this](const StreamSocket::Accepted &accepted) { acceptTcp(accepted); }, this, &error);
    if (!m_listener) {
        reportError(error, true);
        return;
    }
    connect(m_listener, &TcpListener::acceptFailed, this,
            [this](const QString &reason) { reportError(reason, false); });
    listening(m_listener->localName());
}

void TcpServerEndpoint::listenOnPath()
{
    delete m_unixListener;
    m_unixListener = new UnixListener(this);
    QString error;
    bool inUse = false;
    if (!m_unixListener->listen(m_config.path, m_config.seqpacket, &error, &inUse)) {
        delete m_unixListener;
        m_unixListener = nullptr;
        reportError(
            inUse ? error : tr("Cannot listen on %1: %2").arg(m_config.addressText(), error), true);
        return;
    }
    connect(m_unixListener, &UnixListener::accepted, this, &TcpServerEndpoint::accept);
    listening(m_unixListener->path());
}

void TcpServerEndpoint::listening(const QString &local)
{
    m_sessionAddresses = store()->addAddresses(local, QString());
    record(EventKind::Listening, 0, m_sessionAddresses, local.toUtf8());
    if (m_tls) {
        for (const QString &note : m_tls->serverNotes())
            recordNote(note, 0, m_sessionAddresses);
    }
    if (m_config.idleTimeoutMs > 0) {
        m_idleTimer = new QTimer(this);
        // A quarter of the timeout: a connection is closed at most 25 % late.
        m_idleTimer->setInterval(int(qBound(qint64(25), m_config.idleTimeoutMs / 4, qint64(1000))));
        connect(m_idleTimer, &QTimer::timeout, this, &TcpServerEndpoint::sweepIdle);
        m_idleTimer->start();
    }
    setState(SessionState::Listening, local);
}

void TcpServerEndpoint::accept(qintptr descriptor)
{
    adopt(new StreamSocket(descriptor));
}

void TcpServerEndpoint::acceptTcp(const StreamSocket::Accepted &accepted)
{
    adopt(new StreamSocket(accepted));
}

void TcpServerEndpoint::connectionEnded(TcpConnection *connection)
{
    m_connections.remove(connection->id());
}

void TcpServerEndpoint::adopt(StreamSocket *socket)
{
    QString tlsError;
    if (m_tls) {
        if (std::unique_ptr<TlsStream> stream = m_tls->newStream(socket->descriptor(), &tlsError))
            socket->startTls(std::move(stream));
    }
    auto *connection =
        new TcpConnection(socket, id(), store(), TrafficStore::Initiator::Peer, nextOwner());
    if (!tlsError.isEmpty()) {
        reportError(tlsError, false, connection->id());
        connection->close(Closer::Error, tlsError);
        return;
    }
    if (m_connections.size() >= m_config.maxClients) {
        connection->close(Closer::Limit,
                          tr("Too many clients: the limit is %1").arg(m_config.maxClients));
        return;
    }
    m_connections.insert(connection->id(), connection);
    connection->setObserver(this);
    if (!connection->isSecuring()) {
        answerOn(connection, m_rules, true);
        runScriptOn(connection);
        return;
    }
    // The greeting, the rules and a script start once TLS is up: nothing is
    // recorded as sent that a failed handshake never carried.
    connect(connection, &TcpConnection::secured, this, [this, connection] {
        answerOn(connection, m_rules, true);
        runScriptOn(connection);
    });
}

QObject *TcpServerEndpoint::nextOwner()
{
    constexpr size_t Owners = 64;
    if (m_owners.empty()) {
        for (size_t i = 0; i < Owners; ++i)
            m_owners.push_back(new QObject(this));
    }
    return m_owners[m_nextOwner++ % m_owners.size()];
}

void TcpServerEndpoint::sweepIdle()
{
    const qint64 limitUs = m_config.idleTimeoutMs * 1000;
    const qint64 now = TrafficStore::nowUs();
    const auto connections = m_connections.values();
    for (TcpConnection *c : connections) {
        if (now - c->lastActivityUs() >= limitUs)
            c->close(Closer::Timeout, tr("Idle for %1 s: closed by the idle timeout")
                                          .arg(SessionConfig::secondsText(m_config.idleTimeoutMs)));
    }
}

void TcpServerEndpoint::send(const SendTarget &target, const QByteArray &bytes)
{
    switch (target.kind) {
    case SendTarget::Kind::Connection:
        if (TcpConnection *c = m_connections.value(target.connection)) {
            c->send(bytes);
        } else {
            reportError(
                tr("Connection #%1 is no longer open: nothing was sent.").arg(target.connection),
                false);
        }
        return;
    case SendTarget::Kind::Default:
    case SendTarget::Kind::AllConnections:
        if (m_connections.isEmpty()) {
            reportError(tr("No client is connected: nothing was sent."), false);
            return;
        }
        for (TcpConnection *c : std::as_const(m_connections))
            c->send(bytes);
        return;
    case SendTarget::Kind::Address:
        reportError(SessionKind::usesPath(m_config.kind)
                        ? tr("A Unix server sends to its clients, not to an address.")
                        : tr("A TCP server sends to its clients, not to an address."),
                    false);
        return;
    }
}

qint64 TcpServerEndpoint::pendingBytes(const SendTarget &target) const
{
    if (target.kind == SendTarget::Kind::Connection) {
        const TcpConnection *c = m_connections.value(target.connection);
        return c ? c->socket()->bytesToWrite() : 0;
    }
    qint64 largest = 0;
    for (const TcpConnection *c : m_connections)
        largest = qMax(largest, c->socket()->bytesToWrite());
    return largest;
}

bool TcpServerEndpoint::isTargetOpen(const SendTarget &target) const
{
    if (state() != SessionState::Listening)
        return false;
    switch (target.kind) {
    case SendTarget::Kind::Connection:
        return m_connections.contains(target.connection);
    case SendTarget::Kind::Default:
    case SendTarget::Kind::AllConnections:
        return true;
    case SendTarget::Kind::Address:
        return false;
    }
    return false;
}

void TcpServerEndpoint::disconnectConnection(ConnectionId id)
{
    if (TcpConnection *c = m_connections.value(id))
        c->close(Closer::Local, tr("Disconnected by the user"));
}

void TcpServerEndpoint::closeAll(Closer closer, const QString &reason)
{
    const auto connections = m_connections.values();
    for (TcpConnection *c : connections)
        c->close(closer, reason);
}

void TcpServerEndpoint::stop()
{
    cancelResolve();
    if (state() == SessionState::Stopped)
        return;
    const bool wasListening = m_listener != nullptr || m_unixListener != nullptr;
    delete m_idleTimer;
    m_idleTimer = nullptr;
    delete m_listener;
    m_listener = nullptr;
    delete m_unixListener; // removes its socket file
    m_unixListener = nullptr;
    closeAll(Closer::Local, tr("Session stopped"));
    if (wasListening)
        record(EventKind::Stopped, 0, m_sessionAddresses);
    setState(SessionState::Stopped);
}
