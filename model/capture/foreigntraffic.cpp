#include "foreigntraffic.h"

#include "capturesink.h"

#include <QCoreApplication>
#include <QtEndian>

#include <tins/ip.h>
#include <tins/ip_address.h>
#include <tins/ipv6.h>
#include <tins/ipv6_address.h>
#include <tins/packet.h>
#include <tins/rawpdu.h>
#include <tins/tcp.h>
#include <tins/tcp_ip/stream_follower.h>
#include <tins/udp.h>

#include <chrono>
#include <climits>
#include <cstring>

using Tins::TCPIP::Flow;
using Tins::TCPIP::Stream;
using Tins::TCPIP::StreamFollower;

namespace {

// How much may wait behind a hole in one direction before the hole is given
// up as lost. Below libtins' own limits (512 segments, 3 MiB for both
// directions together), past which it would drop the whole stream.
constexpr quint32 MaxWaitingBytes = 1024 * 1024;
constexpr size_t MaxWaitingSegments = 250;
// A stream idle this long (capture time) is forgotten; its next segment
// starts a new connection.
constexpr std::chrono::hours StreamKeepAlive(1);
// In-order segments that skip the follower (see tcp()) do not refresh the
// stream's idle clock; one segment at least this often goes through it.
constexpr qint64 RefreshFollowerUs = 60 * 1000000LL;

// TCP sequence numbers wrap: a is after b when a - b is a small positive step.
bool seqAfter(quint32 a, quint32 b)
{
    return qint32(a - b) > 0;
}

} // namespace

bool ForeignTraffic::readEndpoints(const Tins::PDU &packet, quint16 sport, quint16 dport,
                                   Endpoint *src, Endpoint *dst)
{
    src->port = sport;
    dst->port = dport;
    if (const auto *ip = packet.find_pdu<Tins::IP>()) {
        const quint32 s = ip->src_addr();
        const quint32 d = ip->dst_addr();
        std::memcpy(src->address.data(), &s, 4);
        std::memcpy(dst->address.data(), &d, 4);
        return true;
    }
    if (const auto *ip = packet.find_pdu<Tins::IPv6>()) {
        src->v6 = dst->v6 = true;
        const Tins::IPv6Address s = ip->src_addr(); // by value: one object per copy
        const Tins::IPv6Address d = ip->dst_addr();
        std::copy(s.begin(), s.end(), src->address.begin());
        std::copy(d.begin(), d.end(), dst->address.begin());
        return true;
    }
    return false;
}

namespace {

ForeignTraffic::Key keyOf(const ForeignTraffic::Endpoint &a, const ForeignTraffic::Endpoint &b)
{
    return a < b ? ForeignTraffic::Key(a, b) : ForeignTraffic::Key(b, a);
}

} // namespace

namespace {

// An address as two big-endian words: compared in two steps, in the order of
// its bytes, without a memcmp call for every packet's flow lookup.
std::pair<quint64, quint64> words(const std::array<quint8, 16> &address)
{
    return {qFromBigEndian<quint64>(address.data()), qFromBigEndian<quint64>(address.data() + 8)};
}

} // namespace

bool ForeignTraffic::Endpoint::operator<(const Endpoint &o) const
{
    if (v6 != o.v6)
        return v6 < o.v6;
    const auto a = words(address);
    const auto b = words(o.address);
    if (a != b)
        return a < b;
    return port < o.port;
}

bool ForeignTraffic::Endpoint::operator==(const Endpoint &o) const
{
    return v6 == o.v6 && port == o.port && words(address) == words(o.address);
}

QString ForeignTraffic::Endpoint::toString() const
{
    if (v6) {
        const Tins::IPv6Address ip(address.data());
        return QLatin1Char('[') + QString::fromStdString(ip.to_string()) + QStringLiteral("]:") +
               QString::number(port);
    }
    quint32 value = 0;
    std::memcpy(&value, address.data(), 4);
    return QString::fromStdString(Tins::IPv4Address(value).to_string()) + QLatin1Char(':') +
           QString::number(port);
}

struct ForeignTraffic::Connection
{
    ConnectionId id = 0;
    AddressId addresses = 0;
    Key key;
    Endpoint client; // libtins' client: the sender of the first SYN (or segment)
    QString clientText;
    QString serverText;
    bool clientIsLocal = false; // SocketScope's local side is libtins' client
    // Per libtins flow: [0] the client's data, [1] the server's.
    bool finSeen[2] = {false, false};
    quint32 finSeq[2] = {0, 0};
    Closer closer = Closer::None;
    bool reset = false;
    bool closed = false;
    Stream *stream = nullptr;
    qint64 followedUs = 0; // when the follower last saw a segment of it
};

namespace {

// The packet being fed to the follower, for the callbacks it triggers.
struct CurrentSegment
{
    quint32 seq = 0;
    quint32 payload = 0;
    quint32 flags = 0;
};
thread_local CurrentSegment t_current;

void noteFlags(bool fromClient, bool clientIsLocal, bool finSeen[2], quint32 finSeq[2],
               Closer *closer, bool *reset)
{
    const int flow = fromClient ? 0 : 1;
    const bool fromLocal = fromClient == clientIsLocal;
    if ((t_current.flags & Tins::TCP::FIN) && !finSeen[flow]) {
        finSeen[flow] = true;
        finSeq[flow] = t_current.seq + t_current.payload;
        if (*closer == Closer::None)
            *closer = fromLocal ? Closer::Local : Closer::Peer;
    }
    if (t_current.flags & Tins::TCP::RST) {
        if (!*reset && *closer == Closer::None)
            *closer = fromLocal ? Closer::Local : Closer::Peer;
        *reset = true;
    }
}
} // namespace

ForeignTraffic::ForeignTraffic(CaptureSink *sink, SessionId session)
    : m_sink(sink)
    , m_session(session)
    , m_follower(std::make_unique<StreamFollower>())
{
    m_follower->follow_partial_streams(true);
    m_follower->stream_keep_alive(StreamKeepAlive);
    m_follower->new_stream_callback([this](Stream &stream) { onNewStream(stream); });
    m_follower->stream_termination_callback(
        [this](Stream &stream, StreamFollower::TerminationReason) { onStreamEnd(stream, false); });
}

ForeignTraffic::~ForeignTraffic() = default;

void ForeignTraffic::tcp(Tins::PDU &packet, qint64 timeUs)
{
    const auto *tcp = packet.find_pdu<Tins::TCP>();
    Endpoint src;
    Endpoint dst;
    if (!tcp || !readEndpoints(packet, tcp->sport(), tcp->dport(), &src, &dst))
        return;
    m_nowUs = timeUs;
    const auto *raw = tcp->find_pdu<Tins::RawPDU>();
    t_current.seq = tcp->seq();
    t_current.payload = raw ? raw->payload_size() : 0;
    t_current.flags = tcp->flags();

    const Key key = keyOf(src, dst);
    Connection *known = m_lastTcp && key == m_lastTcp->key ? m_lastTcp : nullptr;
    if (!known) {
        auto it = m_tcp.find(key);
        if (it != m_tcp.end())
            known = m_lastTcp = it->second.get();
    }
    if (known) {
        Connection &c = *known;
        const bool fromClient = src == c.client;
        noteFlags(fromClient, c.clientIsLocal, c.finSeen, c.finSeq, &c.closer, &c.reset);
        // An acknowledgement past bytes the capture never showed proves they
        // are lost from the file: report the hole now, in its place in time.
        if ((t_current.flags & Tins::TCP::ACK) && !(t_current.flags & Tins::TCP::RST))
            acknowledged(*c.stream, c, !fromClient, tcp->ack_seq());
        if (deliverInOrder(c, fromClient, raw, timeUs))
            return;
        c.followedUs = timeUs;
    }

    Tins::Packet wrapped(&packet, Tins::Timestamp(std::chrono::microseconds(timeUs)),
                         Tins::Packet::own_pdu());
    struct Release
    {
        Tins::Packet &p;
        ~Release() { p.release_pdu(); } // the caller owns the packet
    } release{wrapped};
    m_follower->process_packet(wrapped);
}

bool ForeignTraffic::deliverInOrder(Connection &c, bool fromClient, const Tins::RawPDU *raw,
                                    qint64 timeUs)
{
    // Nearly every segment of a capture is the next one of an established
    // flow with nothing waiting: the follower would copy it into its buffer,
    // look for segments behind it, call onData() and free it again, which was
    // most of the time spent reading a TCP capture. Delivered here directly,
    // and the flow moved past it as the follower would have; anything else
    // (flags that change state, holes, retransmissions) goes to the follower.
    constexpr quint32 plainFlags = Tins::TCP::ACK | Tins::TCP::PSH;
    if (!raw || t_current.payload == 0 || (t_current.flags & ~plainFlags) != 0)
        return false;
    if (timeUs - c.followedUs >= RefreshFollowerUs || timeUs < c.followedUs)
        return false;
    Flow &flow = fromClient ? c.stream->client_flow() : c.stream->server_flow();
    if (flow.state() != Flow::ESTABLISHED || flow.sequence_number() != t_current.seq ||
        !flow.buffered_payload().empty())
        return false;
    flow.advance_sequence(t_current.seq + t_current.payload);
    m_nowUs = timeUs;
    const bool fromLocal = fromClient == c.clientIsLocal;
    m_sink->append(timeUs, m_session, c.id, c.addresses,
                   fromLocal ? EventKind::Sent : EventKind::Received,
                   QByteArrayView(reinterpret_cast<const char *>(raw->payload().data()),
                                  qsizetype(raw->payload_size())));
    return true;
}

void ForeignTraffic::onNewStream(Stream &stream)
{
    auto c = std::make_unique<Connection>();
    Endpoint client;
    Endpoint server;
    client.port = stream.client_port();
    server.port = stream.server_port();
    if (stream.is_v6()) {
        client.v6 = server.v6 = true;
        const Tins::IPv6Address a = stream.client_addr_v6();
        const Tins::IPv6Address b = stream.server_addr_v6();
        std::copy(a.begin(), a.end(), client.address.begin());
        std::copy(b.begin(), b.end(), server.address.begin());
    } else {
        const quint32 a = stream.client_addr_v4();
        const quint32 b = stream.server_addr_v4();
        std::memcpy(client.address.data(), &a, 4);
        std::memcpy(server.address.data(), &b, 4);
    }
    c->client = client;
    c->key = keyOf(client, server);
    c->clientText = client.toString();
    c->serverText = server.toString();
    if (!stream.is_partial_stream()) {
        // Started by a SYN/ACK when the capture missed the SYN: its sender is
        // the side that accepted.
        c->clientIsLocal = (t_current.flags & Tins::TCP::ACK) != 0;
    } else {
        c->clientIsLocal = client.port < server.port;
    }
    c->stream = &stream;
    c->followedUs = m_nowUs;
    const QString &local = c->clientIsLocal ? c->clientText : c->serverText;
    const QString &peer = c->clientIsLocal ? c->serverText : c->clientText;
    c->addresses = m_sink->addresses(local, peer);
    c->id = m_sink->openConnection(m_session, c->addresses, false, m_nowUs);
    m_sink->append(m_nowUs, m_session, c->id, c->addresses, EventKind::Opened);
    noteFlags(true, c->clientIsLocal, c->finSeen, c->finSeq, &c->closer, &c->reset);

    stream.auto_cleanup_payloads(true);
    stream.client_data_callback([this](Stream &s) { onData(s, true); });
    stream.server_data_callback([this](Stream &s) { onData(s, false); });
    stream.stream_closed_callback([this](Stream &s) { onStreamEnd(s, true); });
    // A hole that keeps data waiting past the limits is given up as lost.
    auto pressure = [this](Stream &s, bool clientFlow) {
        Flow &flow = clientFlow ? s.client_flow() : s.server_flow();
        if (flow.total_buffered_bytes() > MaxWaitingBytes ||
            flow.buffered_payload().size() > MaxWaitingSegments) {
            if (Connection *conn = connectionFor(s))
                skipHole(flow, *conn, clientFlow);
        }
    };
    stream.client_out_of_order_callback(
        [pressure](Stream &s, uint32_t, const Stream::payload_type &) { pressure(s, true); });
    stream.server_out_of_order_callback(
        [pressure](Stream &s, uint32_t, const Stream::payload_type &) { pressure(s, false); });

    m_byStream[&stream] = c.get();
    m_tcp[c->key] = std::move(c);
}

ForeignTraffic::Connection *ForeignTraffic::connectionFor(Stream &stream)
{
    if (m_lastTcp && m_lastTcp->stream == &stream)
        return m_lastTcp;
    auto it = m_byStream.find(&stream);
    return it == m_byStream.end() ? nullptr : it->second;
}

void ForeignTraffic::onData(Stream &stream, bool fromClient)
{
    Connection *c = connectionFor(stream);
    if (!c)
        return;
    const Stream::payload_type &bytes =
        fromClient ? stream.client_payload() : stream.server_payload();
    if (bytes.empty())
        return;
    const bool fromLocal = fromClient == c->clientIsLocal;
    m_sink->append(
        m_nowUs, m_session, c->id, c->addresses, fromLocal ? EventKind::Sent : EventKind::Received,
        QByteArrayView(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size())));
}

void ForeignTraffic::reportGap(Connection &c, bool clientFlow, quint32 missing)
{
    ++m_gaps;
    m_missingBytes += missing;
    const QString &sender = clientFlow ? c.clientText : c.serverText;
    const int count = int(qMin<quint32>(missing, INT_MAX));
    const QString text =
        QCoreApplication::translate(
            "ForeignTraffic", "%n byte(s) sent by %1 are missing from the capture", nullptr, count)
            .arg(sender);
    m_sink->append(m_nowUs, m_session, c.id, c.addresses, EventKind::Error, text.toUtf8());
}

bool ForeignTraffic::skipHole(Flow &flow, Connection &c, bool clientFlow)
{
    Flow::buffered_payload_type &waiting = flow.buffered_payload();
    if (waiting.empty())
        return false;
    const quint32 seq = flow.sequence_number();
    // The waiting segment nearest after the hole (keys may wrap around 2^32).
    auto next = waiting.begin();
    for (auto it = waiting.begin(); it != waiting.end(); ++it) {
        if (it->first - seq < next->first - seq)
            next = it;
    }
    const quint32 target = next->first;
    Stream::payload_type bytes = next->second;
    reportGap(c, clientFlow, target - seq);
    flow.advance_sequence(target);
    // advance_sequence() may drop the segment at the target itself; hand it
    // back as a segment so that the flow delivers it and what follows it.
    Tins::TCP segment;
    segment.flags(0);
    segment.seq(target);
    segment.inner_pdu(Tins::RawPDU(bytes.data(), uint32_t(bytes.size())));
    flow.process_packet(segment);
    return true;
}

void ForeignTraffic::acknowledged(Stream &stream, Connection &c, bool clientFlow, quint32 ack)
{
    Flow &flow = clientFlow ? stream.client_flow() : stream.server_flow();
    if (flow.state() == Flow::UNKNOWN)
        return; // its sequence numbers are not known yet
    const int index = clientFlow ? 0 : 1;
    quint32 confirmed = ack;
    // The FIN takes one sequence number but carries no byte.
    if (c.finSeen[index] && seqAfter(confirmed, c.finSeq[index]))
        confirmed = c.finSeq[index];
    while (seqAfter(confirmed, flow.sequence_number())) {
        if (flow.buffered_payload().empty()) {
            reportGap(c, clientFlow, confirmed - flow.sequence_number());
            flow.advance_sequence(confirmed);
            return;
        }
        quint32 nearest = UINT_MAX;
        for (const auto &segment : flow.buffered_payload())
            nearest = qMin(nearest, segment.first - flow.sequence_number());
        if (seqAfter(flow.sequence_number() + nearest, confirmed)) {
            // Only the part up to the acknowledgement is certainly lost.
            reportGap(c, clientFlow, confirmed - flow.sequence_number());
            flow.advance_sequence(confirmed);
            return;
        }
        skipHole(flow, c, clientFlow);
    }
}

void ForeignTraffic::flushHoles(Stream &stream, Connection &c)
{
    while (skipHole(stream.client_flow(), c, true)) {
    }
    while (skipHole(stream.server_flow(), c, false)) {
    }
}

void ForeignTraffic::close(Connection &c)
{
    if (c.closed)
        return;
    c.closed = true;
    const QString reason = c.reset ? QCoreApplication::translate("ForeignTraffic", "reset")
                                   : QCoreApplication::translate("ForeignTraffic", "closed");
    m_sink->append(m_nowUs, m_session, c.id, c.addresses, EventKind::Closed, reason.toUtf8(),
                   c.closer == Closer::None ? Closer::Peer : c.closer);
}

void ForeignTraffic::onStreamEnd(Stream &stream, bool closed)
{
    Connection *c = connectionFor(stream);
    if (!c)
        return;
    flushHoles(stream, *c);
    // Forgotten for being idle or stuck: closed only if a FIN or RST was seen.
    if (closed || c->closer != Closer::None)
        close(*c);
    const Key key = c->key; // c goes with its entry
    if (m_lastTcp == c)
        m_lastTcp = nullptr;
    m_byStream.erase(&stream);
    m_tcp.erase(key);
}

void ForeignTraffic::finish()
{
    for (auto &entry : m_tcp) {
        Connection &c = *entry.second;
        flushHoles(*c.stream, c);
        // Half-closed when the capture ended: closed by the side that began.
        if (c.closer != Closer::None)
            close(c);
    }
    m_lastTcp = nullptr;
    m_byStream.clear();
    m_tcp.clear();
    m_follower = std::make_unique<StreamFollower>();
}

void ForeignTraffic::udp(const Tins::PDU &packet, qint64 timeUs)
{
    const auto *udp = packet.find_pdu<Tins::UDP>();
    Endpoint src;
    Endpoint dst;
    if (!udp || !readEndpoints(packet, udp->sport(), udp->dport(), &src, &dst))
        return;
    const Key key = keyOf(src, dst);
    // Datagrams come in runs of the same pair: the last one is checked first.
    if (m_lastUdp && key == m_lastUdpKey) {
        appendDatagram(*m_lastUdp, *udp, dst, timeUs);
        return;
    }
    auto it = m_udp.find(key);
    if (it == m_udp.end()) {
        // The receiver of the first datagram is the local side, as for a
        // SocketScope UDP session that heard from a new peer.
        Datagrams d;
        d.local = dst;
        d.addresses = m_sink->addresses(dst.toString(), src.toString());
        d.id = m_sink->openConnection(m_session, d.addresses, true, timeUs);
        it = m_udp.emplace(key, d).first;
    }
    m_lastUdpKey = key;
    m_lastUdp = &it->second; // map nodes never move
    appendDatagram(it->second, *udp, dst, timeUs);
}

void ForeignTraffic::appendDatagram(const Datagrams &d, const Tins::UDP &udp, const Endpoint &dst,
                                    qint64 timeUs)
{
    const auto *raw = udp.find_pdu<Tins::RawPDU>();
    QByteArrayView payload;
    if (raw)
        payload = QByteArrayView(reinterpret_cast<const char *>(raw->payload().data()),
                                 qsizetype(raw->payload_size()));
    m_sink->append(timeUs, m_session, d.id, d.addresses,
                   dst == d.local ? EventKind::Received : EventKind::Sent, payload);
}
