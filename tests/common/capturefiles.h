#pragma once

// Builds small capture files inside the tests, so that no binary file has to
// be committed: packets are made with libtins, files written with libpcap
// (pcap_open_dead + pcap_dump), like tcpdump writes them.

#include <QByteArray>
#include <QString>

#include <pcap/pcap.h>
#include <tins/ethernetII.h>
#include <tins/ip.h>
#include <tins/ipv6.h>
#include <tins/rawpdu.h>
#include <tins/tcp.h>
#include <tins/udp.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace CaptureFiles {

// Link types as pcap files name them (LINKTYPE_*).
enum Link : int {
    Null = 0, // BSD loopback, host-order address family
    Ethernet = 1,
    Raw = 12,       // DLT_RAW: raw IPv4/IPv6 (LINKTYPE_RAW 101 in the file)
    Sll = 113,      // Linux cooked v1
    UpperPdu = 252, // Wireshark's exported PDU
    Sll2 = 276,     // Linux cooked v2
};

using Bytes = std::vector<uint8_t>;

inline Bytes bytesOf(const QByteArray &data)
{
    return Bytes(data.begin(), data.end());
}

// One side of a conversation.
struct Host
{
    std::string address;
    uint16_t port = 0;
    bool v6() const { return address.find(':') != std::string::npos; }
};

// An IP packet (IPv4 or IPv6 by the address) with a TCP segment inside.
inline Bytes tcpPacket(const Host &from, const Host &to, uint32_t seq, uint32_t ack, uint16_t flags,
                       const QByteArray &payload = {})
{
    Tins::TCP tcp(to.port, from.port);
    tcp.seq(seq);
    tcp.ack_seq(ack);
    tcp.flags(flags);
    if (!payload.isEmpty())
        tcp /= Tins::RawPDU(bytesOf(payload));
    if (from.v6()) {
        Tins::IPv6 ip(to.address, from.address);
        ip /= tcp;
        return ip.serialize();
    }
    Tins::IP ip(to.address, from.address);
    ip /= tcp;
    return ip.serialize();
}

inline Bytes udpPacket(const Host &from, const Host &to, const QByteArray &payload)
{
    Tins::UDP udp(to.port, from.port);
    if (!payload.isEmpty())
        udp /= Tins::RawPDU(bytesOf(payload));
    if (from.v6()) {
        Tins::IPv6 ip(to.address, from.address);
        ip /= udp;
        return ip.serialize();
    }
    Tins::IP ip(to.address, from.address);
    ip /= udp;
    return ip.serialize();
}

// Wraps an IP packet in a link-layer header of the given type.
inline Bytes framed(int link, const Bytes &ipPacket)
{
    const bool v6 = !ipPacket.empty() && (ipPacket[0] >> 4) == 6;
    Bytes out;
    switch (link) {
    case Ethernet: {
        Tins::EthernetII eth("00:11:22:33:44:55", "66:77:88:99:aa:bb");
        eth.payload_type(v6 ? 0x86dd : 0x0800);
        eth /= Tins::RawPDU(ipPacket);
        out = eth.serialize();
        // Short frames are padded to 60 bytes on the wire: the padding must
        // not be taken for payload.
        if (out.size() < 60)
            out.resize(60, 0);
        return out;
    }
    case Sll:
        // packet type, ARPHRD type, address length, 8 address bytes, protocol
        out = {0,
               0,
               0,
               1,
               0,
               6,
               0,
               0x11,
               0x22,
               0x33,
               0x44,
               0x55,
               0,
               0,
               uint8_t(v6 ? 0x86 : 0x08),
               uint8_t(v6 ? 0xdd : 0x00)};
        break;
    case Sll2: {
        // protocol, reserved, interface index, ARPHRD type, packet type,
        // address length, 8 address bytes
        out = {uint8_t(v6 ? 0x86 : 0x08),
               uint8_t(v6 ? 0xdd : 0x00),
               0,
               0,
               0,
               0,
               0,
               1,
               0,
               1,
               0,
               6,
               0,
               0x11,
               0x22,
               0x33,
               0x44,
               0x55,
               0,
               0};
        break;
    }
    case Null: {
        const uint32_t family = v6 ? 10 : 2; // AF_INET6 / AF_INET on Linux
        out.resize(4);
        std::memcpy(out.data(), &family, 4);
        break;
    }
    default:
        break;
    }
    out.insert(out.end(), ipPacket.begin(), ipPacket.end());
    return out;
}

// Writes packets to a pcap file with microsecond timestamps.
class PcapWriter
{
public:
    PcapWriter(const QString &path, int link)
    {
        m_pcap = pcap_open_dead(link, 262144);
        m_dumper = pcap_dump_open(m_pcap, path.toLocal8Bit().constData());
    }
    ~PcapWriter() { close(); }
    PcapWriter(const PcapWriter &) = delete;
    PcapWriter &operator=(const PcapWriter &) = delete;

    bool isOpen() const { return m_dumper != nullptr; }

    void write(int64_t timeUs, const Bytes &frame) { write(timeUs, frame.data(), frame.size()); }
    void write(int64_t timeUs, const uint8_t *data, size_t size)
    {
        if (!m_dumper)
            return;
        pcap_pkthdr header = {};
        header.ts.tv_sec = time_t(timeUs / 1000000);
        header.ts.tv_usec = suseconds_t(timeUs % 1000000);
        header.caplen = bpf_u_int32(size);
        header.len = bpf_u_int32(size);
        pcap_dump(reinterpret_cast<u_char *>(m_dumper), &header, data);
    }
    void close()
    {
        if (m_dumper)
            pcap_dump_close(m_dumper);
        if (m_pcap)
            pcap_close(m_pcap);
        m_dumper = nullptr;
        m_pcap = nullptr;
    }

private:
    pcap_t *m_pcap = nullptr;
    pcap_dumper_t *m_dumper = nullptr;
};

// Writes the packets of a whole TCP conversation, framed for `link`.
class Conversation
{
public:
    Conversation(PcapWriter *writer, int link, Host client, Host server, int64_t startUs)
        : m_writer(writer)
        , m_link(link)
        , m_client(std::move(client))
        , m_server(std::move(server))
        , m_timeUs(startUs)
    {}

    int64_t time() const { return m_timeUs; }
    uint32_t clientSeq() const { return m_clientSeq; }
    uint32_t serverSeq() const { return m_serverSeq; }

    void handshake()
    {
        segment(true, m_clientSeq - 1, 0, Tins::TCP::SYN);
        segment(false, m_serverSeq - 1, m_clientSeq, Tins::TCP::SYN | Tins::TCP::ACK);
        segment(true, m_clientSeq, m_serverSeq, Tins::TCP::ACK);
    }
    // Sends bytes in order and moves the sequence number on.
    void send(bool fromClient, const QByteArray &bytes)
    {
        uint32_t &seq = fromClient ? m_clientSeq : m_serverSeq;
        segment(fromClient, seq, fromClient ? m_serverSeq : m_clientSeq,
                Tins::TCP::ACK | Tins::TCP::PSH, bytes);
        seq += uint32_t(bytes.size());
    }
    // A segment at an explicit sequence number (out of order, retransmitted).
    void segmentAt(bool fromClient, uint32_t seq, const QByteArray &bytes)
    {
        segment(fromClient, seq, fromClient ? m_serverSeq : m_clientSeq,
                Tins::TCP::ACK | Tins::TCP::PSH, bytes);
    }
    void ack(bool fromClient, uint32_t ackNumber)
    {
        segment(fromClient, fromClient ? m_clientSeq : m_serverSeq, ackNumber, Tins::TCP::ACK);
    }
    void advance(bool fromClient, uint32_t bytes)
    {
        (fromClient ? m_clientSeq : m_serverSeq) += bytes;
    }
    void fin(bool fromClient)
    {
        uint32_t &seq = fromClient ? m_clientSeq : m_serverSeq;
        segment(fromClient, seq, fromClient ? m_serverSeq : m_clientSeq,
                Tins::TCP::FIN | Tins::TCP::ACK);
        ++seq;
    }
    void rst(bool fromClient)
    {
        segment(fromClient, fromClient ? m_clientSeq : m_serverSeq, 0, Tins::TCP::RST);
    }

private:
    void segment(bool fromClient, uint32_t seq, uint32_t ack, uint16_t flags,
                 const QByteArray &bytes = {})
    {
        const Host &from = fromClient ? m_client : m_server;
        const Host &to = fromClient ? m_server : m_client;
        m_timeUs += 1000;
        m_writer->write(m_timeUs, framed(m_link, tcpPacket(from, to, seq, ack, flags, bytes)));
    }

    PcapWriter *m_writer;
    int m_link;
    Host m_client;
    Host m_server;
    int64_t m_timeUs;
    uint32_t m_clientSeq = 1000001;
    uint32_t m_serverSeq = 5000001;
};

} // namespace CaptureFiles
