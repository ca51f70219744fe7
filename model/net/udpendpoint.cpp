#include "udpendpoint.h"

#include "chatprotocol.h"
#include "hostport.h"
#include "ruleset.h"
#include "scriptrunner.h"
#include "sessionkind.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QTimer>

namespace {

// Bursts of datagrams must wait in the kernel while the event loop is busy;
// the default (about 200 KiB) holds only a few thousand small ones.
constexpr int ReceiveBuffer = 16 * 1024 * 1024;

} // namespace

UdpEndpoint::UdpEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                         QObject *parent)
    : Endpoint(id, config, store, parent)
{}

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
    m_queued.clear();
    delete m_script;
    m_script = nullptr;
    m_rules = makeRules();
    setState(SessionState::Starting, m_config.addressText());
    if (SessionKind::usesPath(m_config.kind)) {
        m_peer = m_config.hasPeer() ? DatagramSocket::Peer::fromPath(m_config.peerPath)
                                    : DatagramSocket::Peer();
        QString error;
        bool inUse = false;
        closeSocket();
        m_socket = DatagramSocket::bindPath(m_config.path, this, &error, &inUse);
        if (!m_socket) {
            reportError(inUse ? error : tr("Cannot bind %1: %2").arg(m_config.addressText(), error),
                        true);
            return;
        }
        bound();
        return;
    }
    resolve(m_config.host, [this](const QHostAddress &address, const QString &error) {
        if (!error.isEmpty()) {
            reportError(error, true);
            return;
        }
        if (m_config.peerHost.isEmpty()) {
            bindTo(address);
            return;
        }
        // The peer is resolved before binding, so that an unknown peer fails the
        // start (and the headless exit code says "could not open").
        resolve(m_config.peerHost,
                [this, address](const QHostAddress &peer, const QString &failure) {
                    if (!failure.isEmpty()) {
                        reportError(tr("Peer: %1").arg(failure), true);
                        return;
                    }
                    m_peer = DatagramSocket::Peer::fromHostAddress(HostPort::normalized(peer),
                                                                   m_config.peerPort);
                    bindTo(address);
                });
    });
}

void UdpEndpoint::bindTo(const QHostAddress &address)
{
    closeSocket();
    QString error;
    m_socket = DatagramSocket::bind(address, m_config.port, this, &error);
    if (!m_socket) {
        reportError(tr("Cannot bind %1: %2").arg(HostPort::format(address, m_config.port), error),
                    true);
        return;
    }
    bound();
}

void UdpEndpoint::bound()
{
    // Broadcast and multicast: options set and groups joined before the
    // session says it is bound, so a group that cannot be joined fails the start.
    const bool udp = !SessionKind::usesPath(m_config.kind);
    if (udp && m_config.multicast.isSet()) {
        QString error;
        if (!m_multicast.apply(m_socket->descriptor(), m_socket->isIPv6(), m_config.multicast,
                               &error)) {
            closeSocket();
            reportError(error, true);
            return;
        }
        m_socket->setBroadcastAllowed(m_config.multicast.broadcast);
    }
    m_socket->enlargeReceiveBuffer(ReceiveBuffer);
    m_socket->setReceiver([this](QByteArrayView datagram, const DatagramSocket::Peer &from) {
        onDatagram(datagram, from);
    });
    m_socket->setBatchEnd([this] { flushRecords(); });
    m_local = m_socket->localName();
    m_sessionAddresses = store()->addAddresses(m_local, QString());
    record(EventKind::Bound, 0, m_sessionAddresses, m_local.toUtf8());
    if (udp && m_config.multicast.isSet()) {
        for (const QString &note : m_multicast.appliedNotes())
            recordNote(note, 0, m_sessionAddresses);
    }
    setState(SessionState::Bound, m_local);

    const QList<QByteArray> queued = std::exchange(m_queued, {});
    for (const QByteArray &bytes : queued)
        send(SendTarget(), bytes);
    if (m_config.hasPeer() && m_socket)
        startScript();
}

UdpEndpoint::Peer UdpEndpoint::peerFor(const DatagramSocket::Peer &from)
{
    auto it = m_peers.find(from);
    if (it != m_peers.end()) {
        // A peer first met by sending to it: its credentials come with its first datagram.
        if (from.hasCredentials && !it->credentialsNoted)
            noteCredentials(from, &*it);
        return *it;
    }
    Peer peer;
    peer.name = from.text();
    if (from.hasCredentials) {
        // As a Unix stream connection shows its peer: the path (seldom there)
        // and who sent it, so unnamed senders are told apart.
        //: Who sent a Unix datagram: process id and user id.
        const QString who = tr("pid %1, uid %2").arg(from.pid).arg(from.uid);
        peer.name = from.path.isEmpty() ? who : from.path + u" (" + who + u')';
    }
    peer.addresses = store()->addAddresses(m_local, peer.name);
    peer.id = store()->openConnection(id(), peer.addresses, true);
    if (from.hasCredentials)
        noteCredentials(from, &peer);
    m_peers.insert(from, peer);
    return peer;
}

void UdpEndpoint::noteCredentials(const DatagramSocket::Peer &from, Peer *peer)
{
    peer->credentialsNoted = true;
    recordNote(
        tr("Peer credentials: pid %1, uid %2, gid %3").arg(from.pid).arg(from.uid).arg(from.gid),
        peer->id, peer->addresses);
}

void UdpEndpoint::onDatagram(QByteArrayView datagram, const DatagramSocket::Peer &from)
{
    const Peer peer = peerFor(from);
    recordLater(EventKind::Received, peer.id, peer.addresses, datagram);
    if (m_config.protocol == SessionConfig::Protocol::Chat &&
        ChatProtocol::isEndWord(datagram, m_config.endWord)) {
        // Say it back: the tutorial's receive loop on the other side only ends
        // when it hears the end word, so without this it would hang.
        sendTo(from, m_config.endWord);
        endChat(true);
        return;
    }
    if (m_rules)
        answer(datagram, from, peer);
    if (m_script && from == m_scriptPeer)
        m_script->receive(datagram.toByteArray());
}

void UdpEndpoint::answer(QByteArrayView datagram, const DatagramSocket::Peer &from,
                         const Peer &peer)
{
    const std::optional<RuleSet::Answer> reply = m_rules->answer(datagram, peer.name);
    if (!reply)
        return;
    if (!reply->error.isEmpty()) {
        reportError(reply->error, false, peer.id, peer.addresses);
        return;
    }
    if (reply->delayMs > 0)
        QTimer::singleShot(reply->delayMs, this,
                           [this, from, bytes = reply->bytes] { sendTo(from, bytes); });
    else
        sendTo(from, reply->bytes);
}

void UdpEndpoint::startScript()
{
    // A UDP script talks to the --peer: its sends go there, and only what
    // comes from there feeds its expects.
    m_scriptPeer = m_peer;
    const Peer peer = peerFor(m_scriptPeer);
    m_script = Endpoint::startScript(
        peer.id, peer.addresses, peer.name,
        [this](const QByteArray &bytes) { send(SendTarget(), bytes); }, [] {}, this);
    if (m_script)
        m_script->start();
}

void UdpEndpoint::sendTo(const QHostAddress &address, quint16 port, const QByteArray &bytes)
{
    sendTo(DatagramSocket::Peer::fromHostAddress(HostPort::normalized(address), port), bytes);
}

void UdpEndpoint::sendTo(const DatagramSocket::Peer &to, const QByteArray &bytes)
{
    if (!m_socket)
        return;
    // A Unix datagram's limit is the socket's send buffer: the kernel says so.
    const bool unixPeer = to.family == DatagramSocket::Peer::Unix;
    const bool v6 = to.family == 6;
    const qsizetype max = v6 ? MaxDatagramIPv6 : MaxDatagramIPv4;
    const Peer peer = peerFor(to);
    if (!unixPeer && bytes.size() > max) {
        reportError(tr("Datagram of %1 bytes not sent: UDP over %2 carries at most %3 bytes.")
                        .arg(bytes.size())
                        .arg(v6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4"))
                        .arg(max),
                    false, peer.id, peer.addresses);
        return;
    }
    QString error;
    if (!m_socket->sendTo(bytes, to, &error)) {
        reportError(tr("Sending to %1 failed: %2").arg(peer.name, error), false, peer.id,
                    peer.addresses);
        return;
    }
    record(EventKind::Sent, peer.id, peer.addresses, bytes);
}

void UdpEndpoint::send(const SendTarget &target, const QByteArray &bytes)
{
    if (state() == SessionState::Starting && target.kind == SendTarget::Kind::Default) {
        m_queued.append(bytes); // sent, and checked for the end word, once bound
        return;
    }
    if (!m_socket) {
        reportError(tr("The socket is not bound: nothing was sent."), false);
        return;
    }
    switch (target.kind) {
    case SendTarget::Kind::Default:
        if (!m_config.hasPeer()) {
            reportError(tr("This session has no peer: choose an address to send to."), false);
            return;
        }
        sendTo(m_peer, bytes);
        break;
    case SendTarget::Kind::Connection: {
        const auto it = std::find_if(m_peers.cbegin(), m_peers.cend(),
                                     [&](const Peer &p) { return p.id == target.connection; });
        if (it == m_peers.cend()) {
            reportError(tr("Unknown peer #%1: nothing was sent.").arg(target.connection), false);
            return;
        }
        sendTo(it.key(), bytes);
        break;
    }
    case SendTarget::Kind::AllConnections:
        for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it)
            sendTo(it.key(), bytes);
        break;
    case SendTarget::Kind::Address:
        if (SessionKind::usesPath(m_config.kind)) {
            sendTo(DatagramSocket::Peer::fromPath(target.host), bytes);
            break;
        }
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
    if (m_config.protocol == SessionConfig::Protocol::Chat &&
        ChatProtocol::isEndWord(bytes, m_config.endWord))
        endChat(false);
}

void UdpEndpoint::endChat(bool byPeer)
{
    recordNote(
        byPeer ? tr("Chat ended by the peer (end word \"%1\")")
                     .arg(QString::fromUtf8(m_config.endWord))
               : tr("Chat ended here (end word \"%1\")").arg(QString::fromUtf8(m_config.endWord)));
    // As the tutorial's loops do: the socket closes once the chat is over.
    closeSocket();
    if (m_script)
        m_script->connectionClosed();
    record(EventKind::Stopped, 0, m_sessionAddresses);
    setState(SessionState::Finished, byPeer ? tr("chat ended by the peer") : tr("chat ended"));
    Q_EMIT chatEnded(byPeer);
}

void UdpEndpoint::stop()
{
    cancelResolve();
    m_queued.clear();
    if (m_script) // may be the caller: its end can stop the session
        std::exchange(m_script, nullptr)->deleteLater();
    if (state() == SessionState::Stopped)
        return;
    if (m_socket) {
        closeSocket();
        record(EventKind::Stopped, 0, m_sessionAddresses);
    }
    setState(SessionState::Stopped);
}

void UdpEndpoint::closeSocket()
{
    if (!m_socket)
        return;
    flushRecords(); // the peers' last datagrams come before their records end
    // Left one by one, so the log shows each group go (closing would leave them silently).
    for (const QString &note : m_multicast.leaveAll())
        recordNote(note, 0, m_sessionAddresses);
    // deleteLater: we may be inside the socket's own read loop (end of chat).
    m_socket->close();
    m_socket->deleteLater();
    m_socket = nullptr;
    // The peers were "connected" only through this socket: their records end
    // with it, and a restart opens new ones as datagrams arrive.
    for (const Peer &peer : std::as_const(m_peers))
        store()->endConnection(peer.id);
    m_peers.clear();
}
