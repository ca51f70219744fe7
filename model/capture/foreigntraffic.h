#pragma once

#include "trafficevent.h"

#include <QString>

#include <array>
#include <map>
#include <memory>

namespace Tins {
class PDU;
class RawPDU;
class UDP;
namespace TCPIP {
class Flow;
class Stream;
class StreamFollower;
} // namespace TCPIP
} // namespace Tins

class CaptureSink;

// Turns the TCP and UDP packets of a capture made by someone else (tcpdump,
// dumpcap, Wireshark) into one session's events, as SocketScope would have
// recorded them had it been one side of each conversation:
//
// - One connection per TCP stream. "local" is the side that accepted it (the
//   receiver of the first SYN); for a stream whose start is not in the file,
//   the side with the lower port. So `in` is client -> server.
// - TCP payload is reassembled per direction by libtins' StreamFollower (out
//   of order and retransmitted segments handled there); each contiguous
//   delivery is one in/out event. A hole is never joined silently: once it is
//   certain that bytes will not come (the other side acknowledged past them,
//   the stream closed, too much is waiting behind the hole, or the file
//   ended), an error event says how many bytes are missing and the data after
//   the hole follows.
// - FIN/RST end the connection with a closed event (by the side whose FIN or
//   RST came first; reason "reset" for RST).
// - One connection per UDP address pair, "local" being the receiver of the
//   first datagram seen; each datagram is one event, as it is.
class ForeignTraffic
{
public:
    ForeignTraffic(CaptureSink *sink, SessionId session);
    ~ForeignTraffic();
    ForeignTraffic(const ForeignTraffic &) = delete;
    ForeignTraffic &operator=(const ForeignTraffic &) = delete;

    // `packet` holds an IPv4 (reassembled) or IPv6 header with TCP/UDP inside.
    // tcp() may consume the payload of the packet.
    void tcp(Tins::PDU &packet, qint64 timeUs);
    void udp(const Tins::PDU &packet, qint64 timeUs);
    // The end of the file: holes still open are reported, half-closed
    // connections closed.
    void finish();

    quint64 gaps() const { return m_gaps; }
    quint64 missingBytes() const { return m_missingBytes; }

    struct Endpoint
    {
        std::array<quint8, 16> address{};
        quint16 port = 0;
        bool v6 = false;

        bool operator<(const Endpoint &o) const;
        bool operator==(const Endpoint &o) const;
        QString toString() const; // "127.0.0.1:80", "[::1]:80"
    };
    using Key = std::pair<Endpoint, Endpoint>; // the lower endpoint first

    // The source and destination of an IPv4 or IPv6 packet with these ports.
    static bool readEndpoints(const Tins::PDU &packet, quint16 sport, quint16 dport, Endpoint *src,
                              Endpoint *dst);

private:
    struct Connection;

    // An in-order segment of an established flow, handed on without the
    // follower. False: the follower must see it.
    bool deliverInOrder(Connection &c, bool fromClient, const Tins::RawPDU *raw, qint64 timeUs);
    void onNewStream(Tins::TCPIP::Stream &stream);
    void onData(Tins::TCPIP::Stream &stream, bool fromClient);
    void onStreamEnd(Tins::TCPIP::Stream &stream, bool closed);
    Connection *connectionFor(Tins::TCPIP::Stream &stream);
    // Reports the hole in front of the first waiting segment of `flow` and
    // delivers what follows it. False when nothing waits.
    bool skipHole(Tins::TCPIP::Flow &flow, Connection &c, bool clientFlow);
    void flushHoles(Tins::TCPIP::Stream &stream, Connection &c);
    void acknowledged(Tins::TCPIP::Stream &stream, Connection &c, bool clientFlow, quint32 ack);
    void reportGap(Connection &c, bool clientFlow, quint32 missing);
    void close(Connection &c);
    struct Datagrams;
    void appendDatagram(const Datagrams &d, const Tins::UDP &udp, const Endpoint &dst,
                        qint64 timeUs);

    CaptureSink *m_sink;
    SessionId m_session;
    qint64 m_nowUs = 0;
    std::unique_ptr<Tins::TCPIP::StreamFollower> m_follower;
    std::map<Key, std::unique_ptr<Connection>> m_tcp; // streams libtins follows now
    std::map<const Tins::TCPIP::Stream *, Connection *> m_byStream;
    // Segments come in runs of one stream: the last one is checked first.
    Connection *m_lastTcp = nullptr;
    struct Datagrams
    {
        ConnectionId id = 0;
        AddressId addresses = 0;
        Endpoint local;
    };
    std::map<Key, Datagrams> m_udp;
    Key m_lastUdpKey;
    const Datagrams *m_lastUdp = nullptr;
    quint64 m_gaps = 0;
    quint64 m_missingBytes = 0;
};
