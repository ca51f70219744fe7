#pragma once

#include "trafficevent.h"
#include "trafficstore.h"

#include <QByteArrayView>
#include <QString>

#include <tins/ip_address.h>
#include <tins/ipv6_address.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

// Turns recorded events into the IP packets that carried them, so a capture
// file shows real TCP conversations and UDP datagrams (see CAPTURE_SPEC.md):
//
//   opened (TCP)   SYN from the initiator, SYN/ACK, ACK
//   in / out       TCP segments of at most 1460 (IPv4) / 1440 (IPv6) bytes,
//                  the last with PSH, sequence and acknowledgement numbers
//                  following the bytes; or one UDP datagram
//   closed (TCP)   FIN/ACK from the side that closed in an orderly way, the
//                  other side's FIN/ACK, the last ACK; RST/ACK for a reset or
//                  an error
//
// `in` travels peer -> local, `out` local -> peer. Every TCP connection keeps
// its sequence numbers here; a connection first met after its `opened` event
// (evicted, or not part of an export) starts mid-stream without a handshake,
// still consistent from then on. The header layouts are libtins' (serialized
// once per kind as templates) and so are the checksum sums; per packet only
// addresses, ports, numbers, lengths and checksums are filled in, into one
// buffer reused from event to event: building libtins objects per packet
// cost more than the rest of writing a file. Pure logic: no files, no store.
class PacketSynthesizer
{
public:
    static constexpr int MaxSegmentV4 = 1460;
    static constexpr int MaxSegmentV6 = 1440;
    // IPv4 total length is 16 bits: 65,535 - 20 (IP) - 8 (UDP). IPv6's payload
    // length excludes its header: 65,535 - 8.
    static constexpr int MaxDatagramV4 = 65507;
    static constexpr int MaxDatagramV6 = 65527;

    struct Endpoint
    {
        bool v6 = false;
        Tins::IPv4Address v4Address;
        Tins::IPv6Address v6Address;
        quint16 port = 0;
        std::array<uint8_t, 16> wire{}; // the address as in a header (4 or 16 bytes)
        // IPv4 read from its own spelling ("127.0.0.1:9999": no brackets,
        // no leading zeros), the text a reader makes from the header again.
        bool spelled = false;
    };
    struct Endpoints
    {
        Endpoint local;
        Endpoint peer;
    };

    // "127.0.0.1:9999" and "[::1]:9999" (the store's address strings) into a
    // pair of the same family (an IPv4 side is mapped into ::ffff:0:0/96 when
    // the other is IPv6). False when either cannot be read.
    static bool parseEndpoints(const QString &local, const QString &peer, Endpoints *out);

    struct Event
    {
        EventKind kind = EventKind::Note;
        ConnectionId connection = 0;
        Closer closer = Closer::None;
        bool datagram = false;
        TrafficStore::Initiator initiator = TrafficStore::Initiator::Peer;
        Endpoints endpoints;
        QByteArrayView payload; // the wire bytes (in/out) or the close reason
    };

    using Packet = std::vector<uint8_t>; // one raw IPv4 or IPv6 packet

    // Packets one after another in one byte buffer, kept between events so
    // that making packets allocates nothing once it has grown.
    // How a TCP close was written: its first packet an RST, or a FIN from
    // the local side or from the peer.
    enum class Close { None, Reset, LocalFin, PeerFin };

    class Packets
    {
    public:
        void clear()
        {
            m_used = 0;
            m_ends.clear();
            close = Close::None;
        }
        Close close = Close::None; // of the event synthesized last
        bool empty() const { return m_ends.empty(); }
        size_t count() const { return m_ends.size(); }
        const uint8_t *data(size_t i) const { return m_bytes.data() + begin(i); }
        size_t size(size_t i) const { return m_ends[i] - begin(i); }
        // Room for one more packet of `size` bytes, which the caller fills
        // whole; valid until the next add(). The buffer only grows, and is not
        // zeroed per packet.
        uint8_t *add(size_t size)
        {
            const size_t start = m_used;
            m_used += size;
            if (m_used > m_bytes.size())
                m_bytes.resize(std::max(m_used, 2 * m_bytes.size()));
            m_ends.push_back(m_used);
            return m_bytes.data() + start;
        }

    private:
        size_t begin(size_t i) const { return i == 0 ? 0 : m_ends[i - 1]; }
        std::vector<uint8_t> m_bytes;
        size_t m_used = 0;
        std::vector<size_t> m_ends;
    };

    // Appends the packets that represent `event` to *out. Returns false (and
    // appends nothing) for an event that is not wire traffic: listening,
    // bound, connecting, error, note, stopped, a UDP peer's opened/closed.
    bool synthesize(const Event &event, Packets *out);
    bool synthesize(const Event &event, std::vector<Packet> *out); // copies

    // Whether a closed event stands for a reset (RST) rather than a FIN: an
    // error, or the peer's reset as the socket layer words it.
    static bool isReset(Closer closer, QByteArrayView reason);
    // The same with the translated sentence given (UTF-8).
    static bool isReset(Closer closer, QByteArrayView reason, QByteArrayView translated);

    // Forgets every connection (a new, unrelated file).
    void reset();

private:
    struct TcpState
    {
        quint32 localNext = 0; // next sequence number each side sends
        quint32 peerNext = 0;
    };

    TcpState &stateFor(const Event &event, bool *created);
    void handshake(const Event &event, TcpState &state, Packets *out);
    void segments(const Event &event, TcpState &state, Packets *out);
    void close(const Event &event, TcpState &state, Packets *out);
    void datagram(const Event &event, Packets *out);
    void tcp(const Endpoints &ends, bool fromLocal, quint32 seq, quint32 ack, uint16_t flags,
             const uint8_t *data, size_t size, bool synOptions, Packets *out);
    // Copies the template, fills in the IP header and returns where the
    // transport header starts.
    uint8_t *ipPacket(const std::vector<uint8_t> &header, const Endpoint &src, const Endpoint &dst,
                      const uint8_t *data, size_t size, Packets *out);

    std::unordered_map<ConnectionId, TcpState> m_tcp;
    quint16 m_ipId = 1;
    // The translated reset sentence, looked up once (the language is chosen
    // at start-up): translating it per closed connection cost a tenth of
    // writing the connection.
    QByteArray m_resetSentence;
};
