#include "capture/packetsynthesizer.h"

#include <QCoreApplication>

#include <tins/exceptions.h>
#include <tins/ip.h>
#include <tins/ipv6.h>
#include <tins/rawpdu.h>
#include <tins/tcp.h>
#include <tins/udp.h>
#include <tins/utils/checksum_utils.h>

#include <algorithm>
#include <cstring>

namespace {

constexpr char ResetSentence[] = "Connection reset by the peer";

QByteArray resetSentence()
{
    return QCoreApplication::translate("StreamSocket", "Connection reset by the peer").toUtf8();
}

constexpr uint16_t Window = 65535;
constexpr uint8_t Ttl = 64;
constexpr uint8_t ProtocolTcp = 6;
constexpr uint8_t ProtocolUdp = 17;
constexpr size_t Ipv4Header = 20;
constexpr size_t Ipv6Header = 40;

void putBe16(uint8_t *p, uint32_t value)
{
    p[0] = uint8_t(value >> 8);
    p[1] = uint8_t(value);
}

void putBe32(uint8_t *p, quint32 value)
{
    p[0] = uint8_t(value >> 24);
    p[1] = uint8_t(value >> 16);
    p[2] = uint8_t(value >> 8);
    p[3] = uint8_t(value);
}

// Stores the internet checksum of a running sum. The sums come from libtins'
// sum_range(), which adds 16-bit words as they lie in memory; the one's
// complement sum is the same in either byte order when stored the same way.
void putChecksum(uint8_t *p, uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    const uint16_t value = uint16_t(~sum);
    std::memcpy(p, &value, 2);
}

// The header layouts, serialized by libtins once: an IPv4 or IPv6 header with
// a TCP header (with or without the SYN's MSS option) or a UDP header.
struct Templates
{
    std::vector<uint8_t> tcp[2][2]; // [v6][with MSS]
    std::vector<uint8_t> udp[2];    // [v6]
};

std::vector<uint8_t> serializedUnder(bool v6, Tins::PDU &&transport)
{
    if (v6) {
        Tins::IPv6 ip;
        ip.hop_limit(Ttl);
        ip /= transport;
        return ip.serialize();
    }
    Tins::IP ip;
    ip.ttl(Ttl);
    ip /= transport;
    return ip.serialize();
}

const Templates &templates()
{
    static const Templates made = [] {
        Templates t;
        for (const bool v6 : {false, true}) {
            for (const bool mss : {false, true}) {
                Tins::TCP segment;
                segment.flags(Tins::TCP::ACK);
                segment.window(Window);
                if (mss)
                    segment.mss(v6 ? PacketSynthesizer::MaxSegmentV6
                                   : PacketSynthesizer::MaxSegmentV4);
                t.tcp[v6][mss] = serializedUnder(v6, std::move(segment));
            }
            t.udp[v6] = serializedUnder(v6, Tins::UDP());
        }
        return t;
    }();
    return made;
}

// The checksum pseudo-header's sum: addresses, protocol and length.
uint32_t pseudoHeaderSum(const PacketSynthesizer::Endpoint &src,
                         const PacketSynthesizer::Endpoint &dst, uint8_t protocol, size_t length)
{
    uint8_t header[40] = {};
    if (src.v6) {
        std::memcpy(header, src.wire.data(), 16);
        std::memcpy(header + 16, dst.wire.data(), 16);
        putBe32(header + 32, quint32(length));
        header[39] = protocol;
        return Tins::Utils::sum_range(header, header + 40);
    }
    std::memcpy(header, src.wire.data(), 4);
    std::memcpy(header + 4, dst.wire.data(), 4);
    header[9] = protocol;
    putBe16(header + 10, uint32_t(length));
    return Tins::Utils::sum_range(header, header + 12);
}

// Views and a stack buffer, no strings: a server's capture has a new address
// pair per connection, and parsing them was a tenth of writing a pcap file.
// `plain`: digits without a leading zero and a host without brackets.
bool splitHostPort(QStringView text, QStringView *host, quint16 *port, bool *plain)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    // Plain digits (the store's spelling) are read here; anything else as
    // QString reads numbers. toUInt() cost a third of parsing an address.
    const QStringView digits = text.sliced(colon + 1);
    uint value = 0;
    bool ok = !digits.isEmpty() && digits.size() <= 5;
    for (qsizetype i = 0; ok && i < digits.size(); ++i) {
        const char16_t c = digits[i].unicode();
        ok = c >= u'0' && c <= u'9';
        value = value * 10 + uint(c - u'0');
    }
    *plain = ok && (digits.size() == 1 || digits[0] != u'0');
    if (!ok)
        value = digits.toUInt(&ok);
    if (!ok || value > 65535)
        return false;
    *port = quint16(value);
    *host = text.first(colon);
    if (host->startsWith(u'[') && host->endsWith(u']')) {
        *host = host->sliced(1, host->size() - 2);
        *plain = false;
    }
    return !host->isEmpty();
}

bool parseEndpoint(QStringView text, PacketSynthesizer::Endpoint *out)
{
    QStringView host;
    bool plain = false;
    if (!splitHostPort(text, &host, &out->port, &plain))
        return false;
    // One pass: the zone of fe80::1%eth0 is not on the wire; a ':' says IPv6.
    char ascii[64]; // the longest IPv6 text is 45 characters
    qsizetype length = 0;
    bool v6 = false;
    for (; length < host.size(); ++length) {
        const char16_t c = host[length].unicode();
        if (c == u'%')
            break;
        if (c == 0 || c > 0x7e || length + 1 >= qsizetype(sizeof ascii))
            return false;
        v6 = v6 || c == u':';
        ascii[length] = char(c);
    }
    if (length == 0)
        return false;
    ascii[length] = '\0';
    try {
        if (v6) {
            out->v6 = true;
            out->spelled = false;
            out->v6Address = Tins::IPv6Address(ascii);
            std::copy(out->v6Address.begin(), out->v6Address.end(), out->wire.begin());
        } else {
            out->v6 = false;
            // inet_pton() (under libtins) takes only a.b.c.d without leading
            // zeros, which is how a header's address is spelled again.
            out->v4Address = Tins::IPv4Address(ascii);
            out->spelled = plain && length == host.size(); // no zone
            const uint32_t raw = out->v4Address;           // as in the header: network order
            std::memcpy(out->wire.data(), &raw, 4);
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
    std::copy(e->v6Address.begin(), e->v6Address.end(), e->wire.begin());
    e->v6 = true;
    e->spelled = false;
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
    return isReset(closer, reason, resetSentence());
}

bool PacketSynthesizer::isReset(Closer closer, QByteArrayView reason, QByteArrayView translated)
{
    if (closer == Closer::Error)
        return true;
    if (closer != Closer::Peer)
        return false;
    // The store keeps the reason as words. "reset" is what a capture reader
    // records for an RST; the sentence is the socket layer's, in English or
    // in the language this process runs in.
    return reason == QByteArrayView("reset") || reason == QByteArrayView(ResetSentence) ||
           (!translated.isEmpty() && reason == translated);
}

void PacketSynthesizer::reset()
{
    m_tcp.clear();
}

bool PacketSynthesizer::synthesize(const Event &event, std::vector<Packet> *out)
{
    Packets packets;
    if (!synthesize(event, &packets))
        return false;
    for (size_t i = 0; i < packets.count(); ++i)
        out->emplace_back(packets.data(i), packets.data(i) + packets.size(i));
    return true;
}

bool PacketSynthesizer::synthesize(const Event &event, Packets *out)
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

void PacketSynthesizer::handshake(const Event &event, TcpState &state, Packets *out)
{
    const bool localFirst = event.initiator == TrafficStore::Initiator::Local;
    quint32 &initiator = localFirst ? state.localNext : state.peerNext;
    quint32 &responder = localFirst ? state.peerNext : state.localNext;
    const Endpoints &ends = event.endpoints;
    tcp(ends, localFirst, initiator, 0, Tins::TCP::SYN, nullptr, 0, true, out);
    ++initiator;
    tcp(ends, !localFirst, responder, initiator, Tins::TCP::SYN | Tins::TCP::ACK, nullptr, 0, true,
        out);
    ++responder;
    tcp(ends, localFirst, initiator, responder, Tins::TCP::ACK, nullptr, 0, false, out);
}

void PacketSynthesizer::segments(const Event &event, TcpState &state, Packets *out)
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
        tcp(event.endpoints, fromLocal, sender, receiver, flags, data + offset, size_t(length),
            false, out);
        sender += quint32(length);
    }
}

void PacketSynthesizer::close(const Event &event, TcpState &state, Packets *out)
{
    const Endpoints &ends = event.endpoints;
    if (event.closer == Closer::Peer && m_resetSentence.isEmpty())
        m_resetSentence = resetSentence();
    if (isReset(event.closer, event.payload, m_resetSentence)) {
        // Who sent the RST is not recorded for an error; the peer's is the
        // common case (ECONNRESET), and the only one the socket layer reports.
        tcp(ends, false, state.peerNext, state.localNext, Tins::TCP::RST | Tins::TCP::ACK, nullptr,
            0, false, out);
        out->close = Close::Reset;
        return;
    }
    const bool localFirst = event.closer != Closer::Peer;
    out->close = localFirst ? Close::LocalFin : Close::PeerFin;
    quint32 &first = localFirst ? state.localNext : state.peerNext;
    quint32 &second = localFirst ? state.peerNext : state.localNext;
    const uint16_t finAck = Tins::TCP::FIN | Tins::TCP::ACK;
    tcp(ends, localFirst, first, second, finAck, nullptr, 0, false, out);
    ++first;
    tcp(ends, !localFirst, second, first, finAck, nullptr, 0, false, out);
    ++second;
    tcp(ends, localFirst, first, second, Tins::TCP::ACK, nullptr, 0, false, out);
}

void PacketSynthesizer::datagram(const Event &event, Packets *out)
{
    const Endpoints &ends = event.endpoints;
    const bool fromLocal = event.kind == EventKind::Sent;
    const Endpoint &src = fromLocal ? ends.local : ends.peer;
    const Endpoint &dst = fromLocal ? ends.peer : ends.local;
    // A UDP socket never delivers more; the limit only guards the 16-bit lengths.
    const size_t size =
        size_t(std::min<qsizetype>(event.payload.size(), src.v6 ? MaxDatagramV6 : MaxDatagramV4));
    const std::vector<uint8_t> &header = templates().udp[src.v6];
    uint8_t *udp = ipPacket(header, src, dst,
                            reinterpret_cast<const uint8_t *>(event.payload.data()), size, out);
    const size_t length = header.size() - (src.v6 ? Ipv6Header : Ipv4Header) + size;
    putBe16(udp, src.port);
    putBe16(udp + 2, dst.port);
    putBe16(udp + 4, uint32_t(length));
    udp[6] = udp[7] = 0;
    putChecksum(udp + 6, pseudoHeaderSum(src, dst, ProtocolUdp, length) +
                             Tins::Utils::sum_range(udp, udp + length));
}

uint8_t *PacketSynthesizer::ipPacket(const std::vector<uint8_t> &header, const Endpoint &src,
                                     const Endpoint &dst, const uint8_t *data, size_t size,
                                     Packets *out)
{
    uint8_t *p = out->add(header.size() + size);
    std::memcpy(p, header.data(), header.size());
    if (size > 0)
        std::memcpy(p + header.size(), data, size);
    if (src.v6) {
        putBe16(p + 4, uint32_t(header.size() - Ipv6Header + size)); // payload length
        std::memcpy(p + 8, src.wire.data(), 16);
        std::memcpy(p + 24, dst.wire.data(), 16);
        return p + Ipv6Header;
    }
    putBe16(p + 2, uint32_t(header.size() + size)); // total length
    putBe16(p + 4, m_ipId++);
    std::memcpy(p + 12, src.wire.data(), 4);
    std::memcpy(p + 16, dst.wire.data(), 4);
    p[10] = p[11] = 0;
    putChecksum(p + 10, Tins::Utils::sum_range(p, p + Ipv4Header));
    return p + Ipv4Header;
}

void PacketSynthesizer::tcp(const Endpoints &ends, bool fromLocal, quint32 seq, quint32 ack,
                            uint16_t flags, const uint8_t *data, size_t size, bool synOptions,
                            Packets *out)
{
    const Endpoint &src = fromLocal ? ends.local : ends.peer;
    const Endpoint &dst = fromLocal ? ends.peer : ends.local;
    const std::vector<uint8_t> &header = templates().tcp[src.v6][synOptions];
    uint8_t *segment = ipPacket(header, src, dst, data, size, out);
    const size_t length = header.size() - (src.v6 ? Ipv6Header : Ipv4Header) + size;
    putBe16(segment, src.port);
    putBe16(segment + 2, dst.port);
    putBe32(segment + 4, seq);
    putBe32(segment + 8, ack);
    segment[13] = uint8_t(flags);
    segment[16] = segment[17] = 0;
    putChecksum(segment + 16, pseudoHeaderSum(src, dst, ProtocolTcp, length) +
                                  Tins::Utils::sum_range(segment, segment + length));
}
