#include "tcpclientendpoint.h"

#include "sessionkind.h"
#include "tcpconnection.h"
#include "tlscontext.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QTimer>

TcpClientEndpoint::TcpClientEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                                     QObject *parent)
    : Endpoint(id, config, store, parent)
{
    m_timeout = new QTimer(this);
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        if (m_connection) {
            // The TCP connection is up; the TLS handshake is what never finished.
            m_connection->close(Closer::Timeout, tr("TLS handshake timed out after %n second(s)",
                                                    nullptr, m_config.connectTimeoutSeconds));
            return;
        }
        onConnectFailed(
            tr("timed out after %n second(s)", nullptr, m_config.connectTimeoutSeconds));
    });
}

ConnectionId TcpClientEndpoint::connectionId() const
{
    return m_connection ? m_connection->id() : 0;
}

void TcpClientEndpoint::start()
{
    if (isActive())
        return;
    m_finishRequested = false;
    m_target = m_config.addressText();
    m_tls.reset();
    if (m_config.tls.enabled) {
        QString error;
        m_tls = TlsContext::create(m_config, &error);
        if (!m_tls) {
            reportError(error, true);
            return;
        }
    }
    m_sessionAddresses = store()->addAddresses(QString(), m_target);
    setState(SessionState::Starting, m_target);
    record(EventKind::Connecting, 0, m_sessionAddresses, m_target.toUtf8());
    // The timeout covers name resolution too: that is what a user waits for.
    m_timeout->start(m_config.connectTimeoutSeconds * 1000);
    if (SessionKind::usesPath(m_config.kind)) {
        QString error;
        m_pending = StreamSocket::connectToPath(m_config.path, m_config.seqpacket, this, &error);
        watchPending(error);
        return;
    }
    resolve(m_config.host, [this](const QHostAddress &address, const QString &error) {
        if (!error.isEmpty()) {
            m_timeout->stop();
            m_queued.clear();
            reportError(error, true);
            return;
        }
        connectTo(address);
    });
}

void TcpClientEndpoint::connectTo(const QHostAddress &address)
{
    QString error;
    m_pending = StreamSocket::connectTo(address, m_config.port, this, &error);
    watchPending(error);
}

void TcpClientEndpoint::watchPending(const QString &error)
{
    if (!m_pending) {
        onConnectFailed(error);
        return;
    }
    connect(m_pending, &StreamSocket::connected, this, &TcpClientEndpoint::onConnected);
    connect(m_pending, &StreamSocket::ended, this,
            [this](StreamSocket::End, const QString &reason) { onConnectFailed(reason); });
}

void TcpClientEndpoint::onConnectFailed(const QString &reason)
{
    cancelResolve();
    m_timeout->stop();
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->deleteLater();
        m_pending = nullptr;
    }
    m_queued.clear();
    reportError(tr("Cannot connect to %1: %2").arg(m_target, reason), true);
}

void TcpClientEndpoint::onConnected()
{
    StreamSocket *socket = m_pending;
    m_pending = nullptr;
    socket->disconnect(this);
    QString tlsError;
    if (m_tls) {
        if (std::unique_ptr<TlsStream> stream = m_tls->newStream(socket->descriptor(), &tlsError))
            socket->startTls(std::move(stream));
    }
    m_connection = new TcpConnection(socket, id(), store(), TrafficStore::Initiator::Local, this);
    m_sessionAddresses = m_connection->addresses();
    connect(m_connection, &TcpConnection::ended, this,
            [this](TcpConnection *, StreamSocket::End end, const QString &reason) {
                onEnded(end, reason);
            });
    connect(m_connection, &TcpConnection::drained, this, &Endpoint::outputDrained);
    if (!tlsError.isEmpty()) {
        m_connection->close(Closer::Error, tlsError);
        return;
    }
    // With TLS the session counts as connected once the handshake succeeds: a
    // certificate that fails verification is a connection that could not be opened.
    if (m_connection->isSecuring())
        connect(m_connection, &TcpConnection::secured, this, &TcpClientEndpoint::onReady);
    else
        onReady();
}

void TcpClientEndpoint::onReady()
{
    m_timeout->stop();
    const StreamSocket *socket = m_connection->socket();
    setState(SessionState::Connected, socket->peerName());
    answerOn(m_connection, makeRules(), false);
    runScriptOn(m_connection);
    const QList<QByteArray> queued = std::exchange(m_queued, {});
    for (const QByteArray &bytes : queued)
        m_connection->send(bytes);
    if (m_finishRequested)
        m_connection->finishSending();
}

void TcpClientEndpoint::onEnded(StreamSocket::End end, const QString &reason)
{
    m_connection = nullptr;
    m_timeout->stop();
    if (state() == SessionState::Stopped)
        return;
    if (state() == SessionState::Starting) {
        // Ended before the TLS handshake finished.
        m_queued.clear();
        setState(SessionState::Error, tr("Cannot connect to %1: %2").arg(m_target, reason));
        return;
    }
    if (end == StreamSocket::End::PeerReset || end == StreamSocket::End::Failed)
        setState(SessionState::Error, reason);
    else
        setState(SessionState::Finished, reason);
}

void TcpClientEndpoint::send(const SendTarget &target, const QByteArray &bytes)
{
    if (target.kind == SendTarget::Kind::Address) {
        reportError(SessionKind::usesPath(m_config.kind)
                        ? tr("A Unix client sends to its server, not to an address.")
                        : tr("A TCP client sends to its server, not to an address."),
                    false);
        return;
    }
    if (m_connection && state() != SessionState::Starting) {
        m_connection->send(bytes);
    } else if (state() == SessionState::Starting) {
        m_queued.append(bytes);
    } else {
        reportError(tr("Not connected: nothing was sent."), false);
    }
}

qint64 TcpClientEndpoint::pendingBytes(const SendTarget &) const
{
    return m_connection ? m_connection->socket()->bytesToWrite() : 0;
}

bool TcpClientEndpoint::isTargetOpen(const SendTarget &target) const
{
    return m_connection && m_connection->isOpen() && target.kind != SendTarget::Kind::Address;
}

void TcpClientEndpoint::finishSending()
{
    if (m_connection && state() != SessionState::Starting)
        m_connection->finishSending();
    else
        m_finishRequested = true;
}

void TcpClientEndpoint::disconnectConnection(ConnectionId)
{
    if (m_connection)
        m_connection->close(Closer::Local, tr("Disconnected by the user"));
}

void TcpClientEndpoint::stop()
{
    cancelResolve();
    m_timeout->stop();
    m_queued.clear();
    if (m_pending) {
        m_pending->disconnect(this);
        m_pending->deleteLater();
        m_pending = nullptr;
    }
    const bool wasActive = isActive();
    // Detached first: its end is then recorded by the connection itself, and does
    // not pass through onEnded() as if the peer had finished the session.
    if (TcpConnection *connection = std::exchange(m_connection, nullptr)) {
        connection->disconnect(this);
        connection->close(Closer::Local, tr("Session stopped"));
    }
    if (wasActive)
        record(EventKind::Stopped, 0, m_sessionAddresses);
    setState(SessionState::Stopped);
}
