#include "udprelayendpoint.h"

#include "hostport.h"
#include "trafficstore.h"
#include "udprelayclient.h"

#include <QTimer>

#include <climits>

namespace {

// Bursts from many clients wait in the kernel while the event loop is busy
// (as for a UDP session): the relay keeps no queue of its own.
constexpr int ReceiveBuffer = 16 * 1024 * 1024;
// At most one "too many clients" error a second; the others are counted.
constexpr qint64 RefusalIntervalMs = 1000;

} // namespace

UdpRelayEndpoint::UdpRelayEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                                   QObject *parent)
    : RelayBase(id, config, store, parent)
    , m_idleTimer(new QTimer(this))
{
    m_idleTimer->setSingleShot(true);
    connect(m_idleTimer, &QTimer::timeout, this, &UdpRelayEndpoint::expireIdle);
}

UdpRelayEndpoint::~UdpRelayEndpoint() = default;

quint16 UdpRelayEndpoint::localPort() const
{
    return m_socket ? m_socket->localPort() : 0;
}

void UdpRelayEndpoint::open(const QHostAddress &target, const QHostAddress &local)
{
    m_target = HostPort::normalized(target);
    bindTo(local);
}

void UdpRelayEndpoint::bindTo(const QHostAddress &address)
{
    QString error;
    m_socket = DatagramSocket::bind(address, m_config.port, this, &error);
    if (!m_socket) {
        reportError(tr("Cannot bind %1: %2").arg(HostPort::format(address, m_config.port), error),
                    true);
        return;
    }
    m_socket->enlargeReceiveBuffer(ReceiveBuffer);
    m_socket->setReceiver([this](QByteArrayView datagram, const DatagramSocket::Peer &from) {
        onDatagram(datagram, from);
    });
    const QString local = m_socket->localName();
    m_sessionAddresses = store()->addAddresses(local, m_config.peerText());
    record(EventKind::Bound, 0, m_sessionAddresses, local.toUtf8());
    const QString idle = m_config.idleTimeoutMs > 0
                             ? tr("closed after %1 s without a datagram")
                                   .arg(SessionConfig::secondsText(m_config.idleTimeoutMs))
                             : tr("kept until the session stops");
    //: A UDP relay's second event: where each client's datagrams go, and when its socket closes.
    recordNote(tr("Relaying each client's datagrams to %1 from a socket of its own, %2")
                   .arg(HostPort::format(m_target, m_config.peerPort), idle),
               0, m_sessionAddresses);
    setState(SessionState::Bound, local);
}

void UdpRelayEndpoint::onDatagram(QByteArrayView datagram, const DatagramSocket::Peer &from)
{
    auto it = m_clients.find(from);
    if (it == m_clients.end()) {
        if (m_clients.size() >= m_config.maxClients) {
            refuse(from);
            return;
        }
        auto *client =
            new UdpRelayClient(from, m_socket, m_target, m_config.peerPort, id(), store(), this);
        if (client->failed()) {
            // Recorded and closed; the client's next datagram tries again.
            client->deleteLater();
            return;
        }
        it = m_clients.insert(from, client);
        if (m_config.idleTimeoutMs > 0 && !m_idleTimer->isActive())
            m_idleTimer->start(int(qMin<qint64>(m_config.idleTimeoutMs, INT_MAX)));
    }
    (*it)->fromClient(datagram);
}

void UdpRelayEndpoint::refuse(const DatagramSocket::Peer &from)
{
    const qint64 now = UdpRelayClient::nowMs();
    if (m_lastRefusalMs != 0 && now - m_lastRefusalMs < RefusalIntervalMs) {
        ++m_unreportedRefusals;
        return;
    }
    QString text = tr("A datagram from %1 was dropped: too many clients (the limit is %2)")
                       .arg(from.text())
                       .arg(m_config.maxClients);
    if (m_unreportedRefusals > 0)
        text += u' ' + tr("(%n more in the second before, not recorded one by one)", nullptr,
                          int(qMin<quint64>(m_unreportedRefusals, INT_MAX)));
    m_unreportedRefusals = 0;
    m_lastRefusalMs = now;
    reportError(text, false, 0, m_sessionAddresses);
}

void UdpRelayEndpoint::expireIdle()
{
    // One timer for all clients, set for the earliest expiry: forwarding a
    // datagram only stores a time, it never restarts a timer.
    const qint64 now = UdpRelayClient::nowMs();
    const qint64 idle = m_config.idleTimeoutMs;
    qint64 next = idle;
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        const qint64 quiet = now - (*it)->lastActiveMs();
        if (quiet >= idle) {
            const auto expired = it++;
            //: Why a UDP relay closed one client's upstream socket.
            closeClient(expired, Closer::Timeout,
                        tr("No datagram either way for %1 s: idle timeout")
                            .arg(SessionConfig::secondsText(idle)));
            continue;
        }
        next = qMin(next, idle - quiet);
        ++it;
    }
    if (!m_clients.isEmpty())
        m_idleTimer->start(int(qMin<qint64>(qMax<qint64>(next, 1), INT_MAX)));
}

void UdpRelayEndpoint::closeClient(QHash<DatagramSocket::Peer, UdpRelayClient *>::iterator it,
                                   Closer closer, const QString &reason)
{
    UdpRelayClient *client = *it;
    m_clients.erase(it);
    client->close(closer, reason);
    client->deleteLater();
}

void UdpRelayEndpoint::disconnectConnection(ConnectionId id)
{
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        if ((*it)->id() == id) {
            closeClient(it, Closer::Local, tr("Disconnected by the user"));
            return;
        }
    }
}

void UdpRelayEndpoint::closeAll(const QString &reason)
{
    while (!m_clients.isEmpty())
        closeClient(m_clients.begin(), Closer::Local, reason);
}

void UdpRelayEndpoint::stop()
{
    cancelResolve();
    m_idleTimer->stop();
    if (state() == SessionState::Stopped)
        return;
    closeAll(tr("Session stopped"));
    if (m_socket) {
        // deleteLater: a stop may come from inside the socket's read loop.
        m_socket->close();
        m_socket->deleteLater();
        m_socket = nullptr;
        record(EventKind::Stopped, 0, m_sessionAddresses);
    }
    setState(SessionState::Stopped);
}
