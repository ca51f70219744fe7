#include "recordedevents.h"

#include "capture/packetsynthesizer.h"
#include "capturesink.h"
#include "trafficstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {

bool kindFromKeyword(const QString &keyword, EventKind *kind)
{
    static const QHash<QString, EventKind> kinds = {
        {QStringLiteral("listening"), EventKind::Listening},
        {QStringLiteral("bound"), EventKind::Bound},
        {QStringLiteral("connecting"), EventKind::Connecting},
        {QStringLiteral("opened"), EventKind::Opened},
        {QStringLiteral("closed"), EventKind::Closed},
        {QStringLiteral("in"), EventKind::Received},
        {QStringLiteral("out"), EventKind::Sent},
        {QStringLiteral("error"), EventKind::Error},
        {QStringLiteral("note"), EventKind::Note},
        {QStringLiteral("stopped"), EventKind::Stopped},
    };
    auto it = kinds.constFind(keyword);
    if (it == kinds.constEnd())
        return false;
    *kind = *it;
    return true;
}

Closer closerFromKeyword(const QString &keyword)
{
    if (keyword == u"local")
        return Closer::Local;
    if (keyword == u"peer")
        return Closer::Peer;
    if (keyword == u"timeout")
        return Closer::Timeout;
    if (keyword == u"limit")
        return Closer::Limit;
    if (keyword == u"error")
        return Closer::Error;
    return Closer::None;
}

} // namespace

// Who opened a TCP connection: the sender of the SYN, which is the packet an
// "opened" event's comment is on. Without it a client's connection read back
// would be saved again with the SYN coming from the server.
TrafficStore::Initiator RecordedEvents::initiatorOf(const ForeignTraffic::Endpoint &synSender,
                                                    const QString &local, const QString &peer)
{
    const QString sender = synSender.toString();
    if (sender == local)
        return TrafficStore::Initiator::Local;
    if (sender == peer)
        return TrafficStore::Initiator::Peer;
    // Spelled otherwise in the packet (an IPv4 side mapped into IPv6, a
    // scope id): the ports tell when they differ.
    const quint16 localPort = local.section(u':', -1).toUShort();
    const quint16 peerPort = peer.section(u':', -1).toUShort();
    if (localPort != peerPort && synSender.port == localPort)
        return TrafficStore::Initiator::Local;
    return TrafficStore::Initiator::Peer;
}

namespace {

ForeignTraffic::Key pairOf(const ForeignTraffic::Endpoint &a, const ForeignTraffic::Endpoint &b)
{
    return b < a ? ForeignTraffic::Key(b, a) : ForeignTraffic::Key(a, b);
}

} // namespace

RecordedEvents::RecordedEvents(CaptureSink *sink, TrafficStore *store,
                               CaptureReader::SessionAllocator allocator)
    : m_sink(sink)
    , m_store(store)
    , m_allocator(std::move(allocator))
{}

SessionId RecordedEvents::sessionFor(int recorded, const QString *name)
{
    auto it = m_sessions.constFind(recorded);
    if (it == m_sessions.constEnd()) {
        const QString first = name ? *name : QString();
        const SessionId id = m_allocator ? m_allocator(first, SessionId(recorded)) : SessionId(1);
        it = m_sessions.insert(recorded, id);
    }
    // A session may be renamed while it runs (a server on port 0 learns its
    // port): the latest name is the one to show. A comment without a name
    // keeps the one told before.
    if (name && m_sessionNames.value(recorded) != *name) {
        m_sessionNames.insert(recorded, *name);
        m_store->setSessionName(*it, *name);
    }
    return *it;
}

void RecordedEvents::uncommented(const Packet &packet)
{
    if (!packet.wire)
        return;
    if (packet.payload.isEmpty()) {
        // A handshake or acknowledgement stands for no event of its own, nor
        // do a close's packets after its first.
        if (!packet.fin && !packet.reset)
            return;
        // The later packets of a close find their pair forgotten.
        const auto pair = m_pairs.find(pairOf(packet.src, packet.dst));
        if (pair != m_pairs.end())
            uncommentedClose(packet, pair);
        return;
    }
    // A later segment of the event being collected.
    if (m_pending && packet.src == m_pending->src && packet.dst == m_pending->dst) {
        m_pending->bytes.append(packet.payload);
        if (m_pending->expected >= 0 ? m_pending->bytes.size() >= m_pending->expected : packet.push)
            complete();
        return;
    }
    const auto pair = m_pairs.find(pairOf(packet.src, packet.dst));
    if (pair == m_pairs.end())
        return; // no comment named the pair: nothing to restore it as
    if (m_pending)
        complete();
    const Pair &p = pair->second;
    const EventKind kind = packet.src == p.local ? EventKind::Sent : EventKind::Received;
    if (packet.datagram || packet.push) {
        m_sink->append(packet.timeUs, p.session, p.connection, p.addresses, kind, packet.payload);
        return;
    }
    Pending pending;
    pending.timeUs = packet.timeUs;
    pending.session = p.session;
    pending.connection = p.connection;
    pending.addresses = p.addresses;
    pending.kind = kind;
    pending.expected = -1;
    pending.bytes = packet.payload.toByteArray();
    pending.src = packet.src;
    pending.dst = packet.dst;
    m_pending = std::move(pending);
}

void RecordedEvents::uncommentedClose(const Packet &packet,
                                      std::map<ForeignTraffic::Key, Pair>::iterator pair)
{
    const Pair p = pair->second;
    const Close &close = closeOf(packet, p);
    if (!close.known)
        return; // a FIN of a file that comments every close
    if (m_pending)
        complete();
    forgetPair(p.connection);
    m_sink->append(packet.timeUs, p.session, p.connection, p.addresses, EventKind::Closed,
                   close.reason, close.closer);
}

RecordedEvents::Close &RecordedEvents::closeOf(const Packet &packet, const Pair &pair)
{
    using Form = PacketSynthesizer::Close;
    const Form form = packet.reset               ? Form::Reset
                      : packet.src == pair.local ? Form::LocalFin
                                                 : Form::PeerFin;
    return m_closes[int(form) - 1];
}

void RecordedEvents::forgetPair(ConnectionId connection)
{
    const auto key = m_pairOf.constFind(connection);
    if (key == m_pairOf.constEnd())
        return;
    const auto pair = m_pairs.find(*key);
    if (pair != m_pairs.end() && pair->second.connection == connection)
        m_pairs.erase(pair);
    m_pairOf.erase(key);
}

void RecordedEvents::packet(const Packet &packet)
{
    if (packet.comment.isEmpty()) {
        uncommented(packet);
        return;
    }
    if (m_pending)
        complete(); // the next event began before its bytes were all there

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(packet.comment, &error);
    const QJsonObject o = doc.object();
    EventKind kind = EventKind::Note;
    if (error.error != QJsonParseError::NoError || !o.contains(u"event") ||
        !kindFromKeyword(o.value(u"event").toString(), &kind)) {
        ++m_badComments;
        return;
    }
    qint64 timeUs = packet.timeUs;
    SessionId session = 0;
    AddressId addresses = 0;
    ConnectionId connection = 0;
    QString local;
    QString peer;
    std::optional<TrafficStore::Initiator> openedBy; // an opened on the wire: who sent the SYN
    if (!o.contains(u"session")) {
        // A short comment (a close): everything but what happened comes from
        // the address pair, as for an event without a comment.
        const auto pair =
            packet.wire ? m_pairs.find(pairOf(packet.src, packet.dst)) : m_pairs.end();
        if (pair == m_pairs.end()) {
            ++m_badComments;
            return;
        }
        session = pair->second.session;
        connection = pair->second.connection;
        addresses = pair->second.addresses;
        if (kind == EventKind::Closed) {
            // Closes of this form without a comment repeat this one.
            Close &close = closeOf(packet, pair->second);
            close.known = true;
            close.closer = closerFromKeyword(o.value(u"by").toString());
            close.reason = o.value(u"reason").toString().toUtf8();
        }
    } else {
        // toInteger(): a number past qint64's range (a damaged or made-up
        // file) keeps the packet's own time instead of an undefined cast.
        if (o.contains(u"time_us"))
            timeUs = o.value(u"time_us").toInteger(packet.timeUs);
        const QJsonValue name = o.value(u"session_name");
        const QString nameText = name.toString();
        session = sessionFor(o.value(u"session").toInt(), name.isUndefined() ? nullptr : &nameText);
        if (kind == EventKind::Opened && packet.wire && !o.contains(u"local") &&
            !o.contains(u"peer")) {
            // A short opened: the SYN's sender is the side "by" names.
            const bool byLocal = o.value(u"by").toString() == u"local";
            openedBy = byLocal ? TrafficStore::Initiator::Local : TrafficStore::Initiator::Peer;
            local = (byLocal ? packet.src : packet.dst).toString();
            peer = (byLocal ? packet.dst : packet.src).toString();
        } else {
            local = o.value(u"local").toString();
            peer = o.value(u"peer").toString();
            if (kind == EventKind::Opened && packet.wire)
                openedBy = initiatorOf(packet.src, local, peer);
        }
        addresses = m_sink->addresses(local, peer);
        const qint64 recordedConnection = o.value(u"connection").toInteger();
        if (recordedConnection > 0) {
            auto it = m_connections.constFind(recordedConnection);
            if (it == m_connections.constEnd()) {
                // UDP peers are opened without a handshake (their "opened" and
                // "closed" are non-wire events); TCP connections by one.
                const bool datagram =
                    packet.wire ? packet.datagram
                                : (kind == EventKind::Opened || kind == EventKind::Closed);
                const TrafficStore::Initiator initiator =
                    openedBy && !datagram ? *openedBy : TrafficStore::Initiator::Peer;
                it = m_connections.insert(
                    recordedConnection,
                    m_sink->openConnection(session, addresses, datagram, timeUs, initiator));
            }
            connection = *it;
        }
    }
    m_lastSession = session;

    // A commented opened/in/out on the wire names its address pair for the
    // uncommented events that follow (the writer's rule, CAPTURE_SPEC.md).
    if (packet.wire && connection != 0 &&
        (kind == EventKind::Opened || kind == EventKind::Received || kind == EventKind::Sent)) {
        Pair pair;
        pair.session = session;
        pair.connection = connection;
        pair.addresses = addresses;
        // The opened comment is on the initiator's SYN.
        const bool srcIsLocal =
            kind == EventKind::Sent || openedBy == TrafficStore::Initiator::Local;
        pair.local = srcIsLocal ? packet.src : packet.dst;
        const ForeignTraffic::Key key = pairOf(packet.src, packet.dst);
        m_pairs[key] = pair;
        m_pairOf.insert(connection, key);
    } else if (kind == EventKind::Closed) {
        if (o.contains(u"session")) {
            // A full close: what the short ones taught no longer holds (its
            // later FINs may be on a pair another connection named).
            for (Close &close : m_closes)
                close.known = false;
        }
        if (connection != 0)
            forgetPair(connection);
    }

    if (kind == EventKind::Received || kind == EventKind::Sent) {
        Pending p;
        p.timeUs = timeUs;
        p.session = session;
        p.connection = connection;
        p.addresses = addresses;
        p.kind = kind;
        p.expected = qsizetype(o.value(u"bytes").toDouble());
        p.bytes = packet.payload.toByteArray();
        p.src = packet.src;
        p.dst = packet.dst;
        m_pending = std::move(p);
        if (m_pending->bytes.size() >= m_pending->expected)
            complete();
        return;
    }
    if (kind == EventKind::Closed) {
        m_sink->append(timeUs, session, connection, addresses, kind,
                       o.value(u"reason").toString().toUtf8(),
                       closerFromKeyword(o.value(u"by").toString()));
        return;
    }
    m_sink->append(timeUs, session, connection, addresses, kind,
                   o.value(u"message").toString().toUtf8());
}

void RecordedEvents::complete()
{
    Pending p = std::move(*m_pending);
    m_pending.reset();
    if (p.bytes.size() < p.expected)
        ++m_shortEvents;
    m_sink->append(p.timeUs, p.session, p.connection, p.addresses, p.kind, p.bytes);
}

void RecordedEvents::finish()
{
    if (m_pending)
        complete();
}
