#include "udpendpoint.h"

#include "chatprotocol.h"
#include "helloprotocol.h"
#include "hostport.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QUdpSocket>

#include <sys/socket.h>

namespace {

// Bursts of datagrams must wait in the kernel while the event loop is busy;
// the default (about 200 KiB) holds only a few thousand small ones.
constexpr int ReceiveBuffer = 16 * 1024 * 1024;
// Datagrams handled per wakeup before other sockets get their turn.
constexpr int DatagramsPerWakeup = 256;

} // namespace

UdpEndpoint::UdpEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                         QObject *parent)
    : Endpoint(id, config, store, parent)
{
}

UdpEndpoint::~UdpEndpoint() = default;

quint16 UdpEndpoint::localPort() const
{
    return m_socket ? m_socket->localPort() : 0;
}

void UdpEndpoint::start()
{
    if (isActive())
        return;
    m_peers.clear();
    m_peerResolved = false;
    setState(SessionState::Starting, HostPort::format(m_config.host, m_config.port));
    resolve(m_config.host, [this](const QHostAddress &address, const QString &error) {
        if (!error.isEmpty()) {
            reportError(error, true);
            return;
        }
        bindTo(address);
    });
}

void UdpEndpoint::bindTo(const QHostAddress &address)
{
    delete m_socket;
    m_socket = new QUdpSocket(this);
    // No SO_REUSEADDR: on Linux it would let two sockets share a UDP port, and a
    // busy port must be reported, not silently split.
    if (!m_socket->bind(address, m_config.port, QAbstractSocket::DontShareAddress)) {
        const QString reason = tr("Cannot bind %1: %2")
                                   .arg(HostPort::format(address, m_config.port),
                                        m_socket->errorString());
        delete m_socket;
        m_socket = nullptr;
        reportError(reason, true);
        return;
    }
    enlargeReceiveBuffer();
    m_local = HostPort::format(m_socket->localAddress(), m_socket->localPort());
    m_sessionAddresses = store()->addAddresses(m_local, QString());
    record(EventKind::Bound, 0, m_sessionAddresses, m_local.toUtf8());
    connect(m_socket, &QUdpSocket::readyRead, this, &UdpEndpoint::readPending);
    setState(SessionState::Bound, m_local);

    if (!m_config.peerHost.isEmpty()) {
        resolve(m_config.peerHost, [this](const QHostAddress &peer, const QString &error) {
            if (!error.isEmpty()) {
                m_queued.clear();
                reportError(tr("Peer: %1").arg(error), m_config.protocol == SessionConfig::Protocol::Chat);
                return;
            }
            m_peerAddress = peer;
            m_peerResolved = true;
            const QList<QByteArray> queued = std::exchange(m_queued, {});
            for (const QByteArray &bytes : queued)
                send(SendTarget(), bytes);
        });
    }
}

void UdpEndpoint::enlargeReceiveBuffer()
{
    const int fd = int(m_socket->socketDescriptor());
    int size = ReceiveBuffer;
    // SO_RCVBUFFORCE passes the rmem_max limit when we may (root); otherwise the
    // kernel clamps SO_RCVBUF to rmem_max.
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

UdpEndpoint::Peer UdpEndpoint::peerFor(const QHostAddress &address, quint16 port)
{
    const QPair<QHostAddress, quint16> key(address, port);
    auto it = m_peers.constFind(key);
    if (it != m_peers.constEnd())
        return *it;
    Peer peer;
    peer.addresses = store()->addAddresses(m_local, HostPort::format(address, port));
    peer.id = store()->openConnection(id(), peer.addresses, true);
    m_peers.insert(key, peer);
    return peer;
}

void UdpEndpoint::readPending()
{
    for (int i = 0; i < DatagramsPerWakeup && m_socket && m_socket->hasPendingDatagrams(); ++i) {
        const qint64 size = m_socket->pendingDatagramSize();
        m_buffer.resize(qMax<qint64>(size, 0));
        QHostAddress from;
        quint16 fromPort = 0;
        const qint64 n = m_socket->readDatagram(m_buffer.data(), m_buffer.size(), &from, &fromPort);
        if (n < 0) {
            reportError(tr("Receive failed: %1").arg(m_socket->errorString()), false);
            continue;
        }
        from = HostPort::normalized(from);
        const Peer peer = peerFor(from, fromPort);
        const QByteArrayView datagram(m_buffer.constData(), n);
        record(EventKind::Received, peer.id, peer.addresses, datagram);

        switch (m_config.protocol) {
        case SessionConfig::Protocol::Hello:
            sendTo(from, fromPort, HelloProtocol::reply(m_config.replyTemplate, datagram));
            break;
        case SessionConfig::Protocol::Chat:
            if (ChatProtocol::isEndWord(datagram, m_config.endWord)) {
                endChat(true);
                return;
            }
            break;
        case SessionConfig::Protocol::None:
            break;
        }
    }
    // More left: come back after other sockets had their turn. Qt does not
    // signal again for datagrams that were already waiting.
    if (m_socket && m_socket->hasPendingDatagrams())
        QMetaObject::invokeMethod(this, &UdpEndpoint::readPending, Qt::QueuedConnection);
}

void UdpEndpoint::sendTo(const QHostAddress &address, quint16 port, const QByteArray &bytes)
{
    if (!m_socket)
        return;
    const bool v6 = HostPort::normalized(address).protocol() == QAbstractSocket::IPv6Protocol;
    const qsizetype max = v6 ? MaxDatagramIPv6 : MaxDatagramIPv4;
    const Peer peer = peerFor(HostPort::normalized(address), port);
    if (bytes.size() > max) {
        reportError(tr("Datagram of %1 bytes not sent: UDP over %2 carries at most %3 bytes.")
                        .arg(bytes.size())
                        .arg(v6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4"))
                        .arg(max),
                    false, peer.id, peer.addresses);
        return;
    }
    const qint64 n = m_socket->writeDatagram(bytes, address, port);
    if (n != bytes.size()) {
        reportError(tr("Sending to %1 failed: %2")
                        .arg(HostPort::format(address, port), m_socket->errorString()),
                    false, peer.id, peer.addresses);
        return;
    }
    record(EventKind::Sent, peer.id, peer.addresses, bytes);
}

void UdpEndpoint::send(const SendTarget &target, const QByteArray &bytes)
{
    if (!m_socket) {
        reportError(tr("The socket is not bound: nothing was sent."), false);
        return;
    }
    switch (target.kind) {
    case SendTarget::Kind::Default:
        if (m_config.peerHost.isEmpty()) {
            reportError(tr("This session has no peer: choose an address to send to."), false);
            return;
        }
        if (!m_peerResolved) {
            m_queued.append(bytes); // sent, and checked for the end word, once resolved
            return;
        }
        sendTo(m_peerAddress, m_config.peerPort, bytes);
        break;
    case SendTarget::Kind::Connection: {
        const auto it = std::find_if(m_peers.cbegin(), m_peers.cend(),
                                     [&](const Peer &p) { return p.id == target.connection; });
        if (it == m_peers.cend()) {
            reportError(tr("Unknown peer #%1: nothing was sent.").arg(target.connection), false);
            return;
        }
        sendTo(it.key().first, it.key().second, bytes);
        break;
    }
    case SendTarget::Kind::AllConnections:
        for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it)
            sendTo(it.key().first, it.key().second, bytes);
        break;
    case SendTarget::Kind::Address:
        resolve(target.host, [this, port = target.port, bytes](const QHostAddress &address,
                                                               const QString &error) {
            if (!error.isEmpty()) {
                reportError(error, false);
                return;
            }
            sendTo(address, port, bytes);
        });
        return;
    }
    if (m_config.protocol == SessionConfig::Protocol::Chat
        && ChatProtocol::isEndWord(bytes, m_config.endWord))
        endChat(false);
}

void UdpEndpoint::endChat(bool byPeer)
{
    recordNote(byPeer ? tr("Chat ended by the peer (end word \"%1\")")
                            .arg(QString::fromUtf8(m_config.endWord))
                      : tr("Chat ended here (end word \"%1\")")
                            .arg(QString::fromUtf8(m_config.endWord)));
    // As the tutorial's loops do: the socket closes once the chat is over.
    m_socket->close();
    m_socket->deleteLater();
    m_socket = nullptr;
    record(EventKind::Stopped, 0, m_sessionAddresses);
    setState(SessionState::Finished, byPeer ? tr("chat ended by the peer") : tr("chat ended"));
    Q_EMIT chatEnded(byPeer);
}

void UdpEndpoint::stop()
{
    cancelResolve();
    m_queued.clear();
    if (state() == SessionState::Stopped)
        return;
    if (m_socket) {
        delete m_socket;
        m_socket = nullptr;
        record(EventKind::Stopped, 0, m_sessionAddresses);
    }
    setState(SessionState::Stopped);
}
