#include "capturereader.h"

#include "capturesink.h"
#include "foreigntraffic.h"
#include "recordedevents.h"
#include "trafficstore.h"
#include "wiretapfile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMap>
#include <QStringList>

#include <tins/ethernetII.h>
#include <tins/exceptions.h>
#include <tins/ip.h>
#include <tins/ip_reassembler.h>
#include <tins/ipv6.h>
#include <tins/rawpdu.h>
#include <tins/sll.h>
#include <tins/tcp.h>
#include <tins/udp.h>

#include <wiretap/wtap.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>
#include <optional>

namespace {

const QByteArray CommentPrefix = QByteArrayLiteral("SocketScope event ");
// Progress is also reported between batches while packets bring no events.
constexpr quint64 ProgressEveryPackets = 8192;
// Fragments that never complete are dropped past this many, to bound memory.
constexpr quint64 MaxPendingFragments = 65536;

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("CaptureReader", text, nullptr, n);
}

// A decoded packet: nearly every one is untagged IPv4 over Ethernet and kept
// in `ip`, on the stack, one allocation and free less per packet than a
// PDU of its own; the others are in `owned`. `pdu` is the one in use.
struct Decoded
{
    std::optional<Tins::IP> ip;
    std::unique_ptr<Tins::PDU> owned;
    Tins::PDU *pdu = nullptr;
};

// An IPv4 or IPv6 packet, by its version nibble.
void decodeIp(const quint8 *data, qsizetype size, Decoded *out)
{
    if (size < 1)
        return;
    switch (data[0] >> 4) {
    case 4:
        out->pdu = &out->ip.emplace(data, uint32_t(size));
        break;
    case 6:
        out->owned = std::make_unique<Tins::IPv6>(data, uint32_t(size));
        out->pdu = out->owned.get();
        break;
    default:
        break;
    }
}

void decodeOwned(std::unique_ptr<Tins::PDU> pdu, Decoded *out)
{
    out->owned = std::move(pdu);
    out->pdu = out->owned.get();
}

enum class LinkResult { Decoded, NotIp, Unsupported };

// The packet under its link-layer header. libtins parses Ethernet (VLAN tags
// included) and Linux cooked capture v1. Linux cooked v2 is not in libtins
// 4.0: its fixed 20-byte header starts with the protocol. BSD loopback and
// null carry the address family in 4 bytes of either byte order, with values
// that differ between systems (Tins::Loopback knows only its own), so the IP
// version nibble decides.
LinkResult decodeLink(int encapsulation, const quint8 *data, qsizetype size, Decoded *out)
{
    switch (encapsulation) {
    case WTAP_ENCAP_ETHERNET:
        // Untagged IPv4/IPv6, nearly every frame: straight to the IP header,
        // one allocation less per packet. libtins does the rest (VLAN tags...).
        if (size >= 14 && data[12] == 0x08 && data[13] == 0x00)
            out->pdu = &out->ip.emplace(data + 14, uint32_t(size - 14));
        else if (size >= 14 && data[12] == 0x86 && data[13] == 0xdd)
            decodeOwned(std::make_unique<Tins::IPv6>(data + 14, uint32_t(size - 14)), out);
        else
            decodeOwned(std::make_unique<Tins::EthernetII>(data, uint32_t(size)), out);
        break;
    case WTAP_ENCAP_SLL:
        decodeOwned(std::make_unique<Tins::SLL>(data, uint32_t(size)), out);
        break;
    case WTAP_ENCAP_SLL2: {
        if (size < 20)
            return LinkResult::NotIp;
        const int protocol = (data[0] << 8) | data[1];
        if (protocol != 0x0800 && protocol != 0x86dd)
            return LinkResult::NotIp;
        decodeIp(data + 20, size - 20, out);
        break;
    }
    case WTAP_ENCAP_RAW_IP:
    case WTAP_ENCAP_RAW_IP4:
    case WTAP_ENCAP_RAW_IP6:
        decodeIp(data, size, out);
        break;
    case WTAP_ENCAP_NULL:
    case WTAP_ENCAP_LOOP:
        if (size < 4)
            return LinkResult::NotIp;
        decodeIp(data + 4, size - 4, out);
        break;
    default:
        return LinkResult::Unsupported;
    }
    return out->pdu ? LinkResult::Decoded : LinkResult::NotIp;
}

} // namespace

CaptureReader::CaptureReader() = default;

QString CaptureReader::sessionNameFor(const QString &path)
{
    return tr("capture %1").arg(QFileInfo(path).fileName());
}

CaptureReadResult CaptureReader::read(const QString &path, TrafficStore *store)
{
    CaptureReadResult result;
    WiretapFile file;
    file.setCommentPrefix(CommentPrefix);
    if (!file.open(path)) {
        result.status = CaptureReadResult::Status::CannotOpen;
        result.openError = CaptureReadResult::OpenError(int(file.openError()));
        result.message = file.errorString();
        return result;
    }
    result.format = file.formatName();
    const qint64 total = file.fileSize();

    CaptureSink sink(store);
    auto reportProgress = [&] {
        if (m_progress)
            m_progress(file.position(), total);
    };
    sink.setFlushedCallback(reportProgress);

    std::unique_ptr<ForeignTraffic> foreign;
    std::unique_ptr<RecordedEvents> recorded;
    SessionId session = 0;
    Tins::IPv4Reassembler fragments;
    quint64 pendingFragments = 0;
    quint64 notTcpUdp = 0;
    quint64 undecodable = 0;
    QMap<int, quint64> unsupported; // link type -> packets
    qint64 lastTimeUs = 0;

    WiretapFile::Packet packet;
    for (;;) {
        if (m_cancel && m_cancel->load(std::memory_order_relaxed)) {
            result.status = CaptureReadResult::Status::Cancelled;
            break;
        }
        const WiretapFile::ReadStatus status = file.next(&packet);
        if (status == WiretapFile::ReadStatus::End)
            break;
        if (status == WiretapFile::ReadStatus::Error) {
            result.status = CaptureReadResult::Status::Truncated;
            result.stoppedAtPacket = result.packets + 1;
            result.stoppedAtOffset = file.errorOffset();
            result.message = tr("stopped at packet %1 (byte %2 of %3): %4")
                                 .arg(result.stoppedAtPacket)
                                 .arg(result.stoppedAtOffset)
                                 .arg(total)
                                 .arg(file.errorString());
            break;
        }
        ++result.packets;
        lastTimeUs = packet.timeUs;
        if (result.packets % ProgressEveryPackets == 0)
            reportProgress();

        // The first packet of a SocketScope file always carries its first
        // event's comment; any other file is foreign traffic.
        if (!foreign && !recorded) {
            if (!packet.comment.isEmpty()) {
                result.recorded = true;
                recorded = std::make_unique<RecordedEvents>(&sink, store, m_allocator);
            } else {
                const QString name = sessionNameFor(path);
                session = m_allocator ? m_allocator(name, 0) : SessionId(1);
                store->setSessionName(session, name);
                foreign = std::make_unique<ForeignTraffic>(&sink, session);
            }
        }

        if (recorded && packet.encapsulation == WTAP_ENCAP_WIRESHARK_UPPER_PDU) {
            RecordedEvents::Packet p;
            p.timeUs = packet.timeUs;
            p.comment = packet.comment;
            recorded->packet(p);
            continue;
        }

        Decoded decoded;
        try {
            const LinkResult link =
                decodeLink(packet.encapsulation, packet.data, packet.size, &decoded);
            if (link == LinkResult::Unsupported) {
                ++unsupported[packet.encapsulation];
                ++result.skippedPackets;
                continue;
            }
            if (link == LinkResult::NotIp) {
                ++notTcpUdp;
                ++result.skippedPackets;
                continue;
            }
            Tins::PDU *pdu = decoded.pdu;
            if (pdu->find_pdu<Tins::IP>()) {
                switch (fragments.process(*pdu)) {
                case Tins::IPv4Reassembler::FRAGMENTED:
                    // Held until its datagram is whole; counted then.
                    if (++pendingFragments > MaxPendingFragments) {
                        fragments.clear_streams();
                        pendingFragments = 0;
                    }
                    continue;
                case Tins::IPv4Reassembler::REASSEMBLED:
                    pendingFragments = 0;
                    break;
                case Tins::IPv4Reassembler::NOT_FRAGMENTED:
                    break;
                }
            }
            const auto *tcp = pdu->find_pdu<Tins::TCP>();
            const auto *udp = tcp ? nullptr : pdu->find_pdu<Tins::UDP>();
            if (!tcp && !udp) {
                ++notTcpUdp;
                ++result.skippedPackets;
                continue;
            }
            ++(tcp ? result.tcpPackets : result.udpPackets);
            if (foreign) {
                if (tcp)
                    foreign->tcp(*pdu, packet.timeUs);
                else
                    foreign->udp(*pdu, packet.timeUs);
            } else {
                RecordedEvents::Packet p;
                p.timeUs = packet.timeUs;
                p.comment = packet.comment;
                p.wire = true;
                p.datagram = udp != nullptr;
                p.push = tcp && tcp->get_flag(Tins::TCP::PSH);
                p.fin = tcp && tcp->get_flag(Tins::TCP::FIN);
                p.reset = tcp && tcp->get_flag(Tins::TCP::RST);
                const auto *raw = pdu->find_pdu<Tins::RawPDU>();
                if (raw)
                    p.payload =
                        QByteArrayView(reinterpret_cast<const char *>(raw->payload().data()),
                                       qsizetype(raw->payload_size()));
                ForeignTraffic::readEndpoints(*pdu, tcp ? tcp->sport() : udp->sport(),
                                              tcp ? tcp->dport() : udp->dport(), &p.src, &p.dst);
                recorded->packet(p);
            }
        } catch (const Tins::exception_base &) {
            // Malformed or cut by the snap length beyond what libtins parses.
            ++undecodable;
            ++result.skippedPackets;
        }
    }

    const bool cancelled = result.status == CaptureReadResult::Status::Cancelled;
    if (foreign && !cancelled) {
        foreign->finish();
        result.gaps = foreign->gaps();
        result.missingBytes = foreign->missingBytes();
    }
    if (recorded && !cancelled) {
        recorded->finish();
        session = recorded->lastSession();
    }

    // What was left out is said once, in words, at the end.
    if (session != 0 && !cancelled) {
        QStringList skipped;
        if (notTcpUdp > 0)
            skipped << tr("%n packet(s) that are neither TCP nor UDP were skipped",
                          int(qMin<quint64>(notTcpUdp, INT_MAX)));
        for (auto it = unsupported.constBegin(); it != unsupported.constEnd(); ++it)
            skipped << tr("%n packet(s) of link type %1 were skipped (not supported)",
                          int(qMin<quint64>(it.value(), INT_MAX)))
                           .arg(WiretapFile::encapsulationName(it.key()));
        if (undecodable > 0)
            skipped << tr("%n packet(s) could not be decoded and were skipped",
                          int(qMin<quint64>(undecodable, INT_MAX)));
        if (recorded && recorded->badComments() > 0)
            skipped << tr("%n SocketScope comment(s) could not be understood",
                          int(qMin<quint64>(recorded->badComments(), INT_MAX)));
        for (const QString &text : std::as_const(skipped))
            sink.append(lastTimeUs, session, 0, 0, EventKind::Note, text.toUtf8());
        if (result.status == CaptureReadResult::Status::Truncated)
            sink.append(
                lastTimeUs, session, 0, 0, EventKind::Error,
                tr("The capture file is damaged or cut short: %1").arg(result.message).toUtf8());
    }
    sink.flush();
    result.events = sink.events();
    reportProgress();
    return result;
}
