#include "capture/packetsynthesizer.h"

#include <QCoreApplication>

#include <tins/exceptions.h>
#include <tins/ip.h>
#include <tins/ipv6.h>
#include <tins/rawpdu.h>
#include <tins/tcp.h>
#include <tins/udp.h>

#include <algorithm>

namespace {

constexpr uint16_t Window = 65535;
constexpr uint8_t Ttl = 64;

bool splitHostPort(const QString &text, QString *host, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    bool ok = false;
    const uint value = text.mid(colon + 1).toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    *port = quint16(value);
    *host = text.left(colon);
    if (host->startsWith(u'[') && host->endsWith(u']'))
        *host = host->mid(1, host->size() - 2);
    const qsizetype zone = host->indexOf(u'%'); // fe80::1%eth0: the zone is not on the wire
    if (zone >= 0)
        host->truncate(zone);
    return !host->isEmpty();
}

bool parseEndpoint(const QString &text, PacketSynthesizer::Endpoint *out)
{
    QString host;
    if (!splitHostPort(text, &host, &out->port))
        return false;
    const std::string ascii = host.toStdString();
    try {
        if (host.contains(u':')) {
            out->v6 = true;
            out->v6Address = Tins::IPv6Address(ascii);
        } else {
            out->v6 = false;
            out->v4Address = Tins::IPv4Address(ascii);
        }
    } catch (const Tins::exception_base &) {
        return false;
    }
    return true;
}

void mapToV6(PacketSynthesizer::Endpoint *e)
{
    if (e->v6)
        return;
    e->v6Address = Tins::IPv6Address("::ffff:" + e->v4Address.to_string());
    e->v6 = true;
}

// Deterministic initial sequence numbers: a file written twice is the same
// file, and the two sides of a connection never share a number.
quint32 initialSeq(ConnectionId connection, bool local)
{
    const quint32 mixed = quint32(connection) * 2654435761u;
    return local ? mixed ^ 0x5a5a0000u : (mixed ^ 0x0000a5a5u) + 0x40000000u;
}

} // namespace

bool PacketSynthesizer::parseEndpoints(const QString &local, const QString &peer, Endpoints *out)
{
    if (!parseEndpoint(local, &out->local) || !parseEndpoint(peer, &out->peer))
        return false;
    if (out->local.v6 != out->peer.v6) {
        mapToV6(&out->local);
        mapToV6(&out->peer);
    }
    return true;
}

bool PacketSynthesizer::isReset(Closer closer, QByteArrayView reason)
{
    if (closer == Closer::Error)
        return true;
    if (closer != Closer::Peer)
        return false;
    // The store keeps the reason as words. "reset" is what a capture reader
    // records for an RST; the sentence is the socket layer's, in English or
    // in the language this process runs in.
    const QString text = QString::fromUtf8(reason);
    return text == u"reset" || text == u"Connection reset by the peer" ||
           text == QCoreApplication::translate("StreamSocket", "Connection reset by the peer");
}

void PacketSynthesizer::reset()
{
    m_tcp.clear();
}

bool PacketSynthesizer::synthesize(const Event &event, std::vector<Packet> *out)
{
    const bool wire = event.kind == EventKind::Received || event.kind == EventKind::Sent ||
                      (!event.datagram && event.connection != 0 &&
                       (event.kind == EventKind::Opened || event.kind == EventKind::Closed));
    if (!wire)
        return false;
    if (event.datagram) {
        datagram(event, out);
        return true;
    }
    bool created = false;
    TcpState &state = stateFor(event, &created);
    switch (event.kind) {
    case EventKind::Opened:
        handshake(event, state, out);
        break;
    case EventKind::Received:
    case EventKind::Sent:
        segments(event, state, out);
        break;
    case EventKind::Closed:
        close(event, state, out);
        m_tcp.erase(event.connection);
        break;
    default:
        break;
    }
    return true;
}

PacketSynthesizer::TcpState &PacketSynthesizer::stateFor(const Event &event, bool *created)
{
    auto it = m_tcp.find(event.connection);
    *created = it == m_tcp.end();
    if (*created) {
        TcpState state;
        state.localNext = initialSeq(event.connection, true);
        state.peerNext = initialSeq(event.connection, false);
        it = m_tcp.emplace(event.connection, state).first;
    }
    return it->second;
}

void PacketSynthesizer::handshake(const Event &event, TcpState &state, std::vector<Packet> *out)
{
    const bool localFirst = event.initiator == TrafficStore::Initiator::Local;
    quint32 &initiator = localFirst ? state.localNext : state.peerNext;
    quint32 &responder = localFirst ? state.peerNext : state.localNext;
    const Endpoints &ends = event.endpoints;
    out->push_back(tcp(ends, localFirst, initiator, 0, Tins::TCP::SYN, nullptr, 0, true));
    ++initiator;
    out->push_back(tcp(ends, !localFirst, responder, initiator, Tins::TCP::SYN | Tins::TCP::ACK,
                       nullptr, 0, true));
    ++responder;
    out->push_back(tcp(ends, localFirst, initiator, responder, Tins::TCP::ACK, nullptr, 0, false));
}

void PacketSynthesizer::segments(const Event &event, TcpState &state, std::vector<Packet> *out)
{
    const bool fromLocal = event.kind == EventKind::Sent;
    quint32 &sender = fromLocal ? state.localNext : state.peerNext;
    const quint32 receiver = fromLocal ? state.peerNext : state.localNext;
    const qsizetype mss = event.endpoints.local.v6 ? MaxSegmentV6 : MaxSegmentV4;
    const auto *data = reinterpret_cast<const uint8_t *>(event.payload.data());
    const qsizetype size = event.payload.size();
    for (qsizetype offset = 0; offset < size; offset += mss) {
        const qsizetype length = std::min(mss, size - offset);
        const bool last = offset + length == size;
        const uint16_t flags = last ? Tins::TCP::PSH | Tins::TCP::ACK : Tins::TCP::ACK;
        out->push_back(tcp(event.endpoints, fromLocal, sender, receiver, flags, data + offset,
                           size_t(length), false));
        sender += quint32(length);
    }
}

void PacketSynthesizer::close(const Event &event, TcpState &state, std::vector<Packet> *out)
{
    const Endpoints &ends = event.endpoints;
    if (isReset(event.closer, event.payload)) {
        // Who sent the RST is not recorded for an error; the peer's is the
        // common case (ECONNRESET), and the only one the socket layer reports.
        out->push_back(tcp(ends, false, state.peerNext, state.localNext,
                           Tins::TCP::RST | Tins::TCP::ACK, nullptr, 0, false));
        return;
    }
    const bool localFirst = event.closer != Closer::Peer;
    quint32 &first = localFirst ? state.localNext : state.peerNext;
    quint32 &second = localFirst ? state.peerNext : state.localNext;
    const uint16_t finAck = Tins::TCP::FIN | Tins::TCP::ACK;
    out->push_back(tcp(ends, localFirst, first, second, finAck, nullptr, 0, false));
    ++first;
    out->push_back(tcp(ends, !localFirst, second, first, finAck, nullptr, 0, false));
    ++second;
    out->push_back(tcp(ends, localFirst, first, second, Tins::TCP::ACK, nullptr, 0, false));
}

void PacketSynthesizer::datagram(const Event &event, std::vector<Packet> *out)
{
    const Endpoints &ends = event.endpoints;
    const bool fromLocal = event.kind == EventKind::Sent;
    const Endpoint &src = fromLocal ? ends.local : ends.peer;
    const Endpoint &dst = fromLocal ? ends.peer : ends.local;
    // A UDP socket never delivers more; the limit only guards the 16-bit lengths.
    const qsizetype size =
        std::min<qsizetype>(event.payload.size(), src.v6 ? MaxDatagramV6 : MaxDatagramV4);
    Tins::UDP udp(dst.port, src.port);
    udp /= Tins::RawPDU(reinterpret_cast<const uint8_t *>(event.payload.data()), uint32_t(size));
    if (src.v6) {
        Tins::IPv6 ip(dst.v6Address, src.v6Address);
        ip.hop_limit(Ttl);
        ip /= udp;
        out->push_back(ip.serialize());
    } else {
        Tins::IP ip(dst.v4Address, src.v4Address);
        ip.ttl(Ttl);
        ip.id(m_ipId++);
        ip /= udp;
        out->push_back(ip.serialize());
    }
}

PacketSynthesizer::Packet PacketSynthesizer::tcp(const Endpoints &ends, bool fromLocal, quint32 seq,
                                                 quint32 ack, uint16_t flags, const uint8_t *data,
                                                 size_t size, bool synOptions)
{
    const Endpoint &src = fromLocal ? ends.local : ends.peer;
    const Endpoint &dst = fromLocal ? ends.peer : ends.local;
    Tins::TCP segment(dst.port, src.port);
    segment.seq(seq);
    segment.ack_seq(ack);
    segment.flags(flags);
    segment.window(Window);
    if (synOptions)
        segment.mss(src.v6 ? MaxSegmentV6 : MaxSegmentV4);
    if (size > 0)
        segment /= Tins::RawPDU(data, uint32_t(size));
    if (src.v6) {
        Tins::IPv6 ip(dst.v6Address, src.v6Address);
        ip.hop_limit(Ttl);
        ip /= segment;
        return ip.serialize();
    }
    Tins::IP ip(dst.v4Address, src.v4Address);
    ip.ttl(Ttl);
    ip.id(m_ipId++);
    ip /= segment;
    return ip.serialize();
}
