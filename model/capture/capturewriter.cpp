#include "capture/capturewriter.h"

#include "capture/recordedevents.h"
#include "capture/unixconversation.h"
#include "eventformat.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstring>

namespace {

constexpr int WireInterface = CaptureFileOutput::WireInterface;

// The two endpoints as they are in the packets' headers, the lower first: the
// same key for both directions of a connection.
QByteArray pairKey(const PacketSynthesizer::Endpoints &ends)
{
    // Written in place: a key per connection, and building it from small
    // QByteArray appends cost more than the connection's comment.
    constexpr qsizetype Size = 1 + 16 + 2;
    const auto endpoint = [](const PacketSynthesizer::Endpoint &e, char *out) {
        std::memset(out, 0, Size);
        out[0] = e.v6 ? '6' : '4';
        std::memcpy(out + 1, e.wire.data(), e.v6 ? 16 : 4);
        out[Size - 2] = char(e.port >> 8);
        out[Size - 1] = char(e.port & 0xff);
    };
    char local[Size];
    char peer[Size];
    endpoint(ends.local, local);
    endpoint(ends.peer, peer);
    const bool localFirst = std::memcmp(local, peer, Size) < 0;
    QByteArray key(2 * Size, Qt::Uninitialized);
    std::memcpy(key.data(), localFirst ? local : peer, Size);
    std::memcpy(key.data() + Size, localFirst ? peer : local, Size);
    return key;
}

} // namespace

CaptureWriter::CaptureWriter() = default;

CaptureWriter::~CaptureWriter()
{
    close();
}

CaptureWriter::Format CaptureWriter::formatForFileName(const QString &fileName)
{
    return fileName.endsWith(QStringLiteral(".pcap"), Qt::CaseInsensitive) ? Format::Pcap
                                                                           : Format::Pcapng;
}

bool CaptureWriter::isOpen() const
{
    return m_output.isOpen();
}

bool CaptureWriter::open(const QString &fileName)
{
    close();
    m_fileName = fileName;
    m_format = formatForFileName(fileName);
    m_error.clear();
    // A file of a rotated ring is read on its own: it names its connections again.
    ++m_file;
    m_pairOwners.clear();
    m_told.newFile();
    const bool pcap = m_format == Format::Pcap;
    if (!m_output.open(fileName,
                       pcap ? CaptureFileOutput::Format::Pcap : CaptureFileOutput::Format::Pcapng,
                       QByteArrayLiteral("SocketScope " SOCKETSCOPE_VERSION)))
        return fail();
    return true;
}

bool CaptureWriter::close()
{
    if (!isOpen())
        return true;
    return m_output.close() || fail();
}

bool CaptureWriter::flush()
{
    if (!isOpen())
        return false;
    return m_output.flush() || fail();
}

qint64 CaptureWriter::bytesWritten() const
{
    return m_output.bytesWritten();
}

bool CaptureWriter::fail()
{
    m_error = QCoreApplication::translate("CaptureWriter", "Cannot write the capture file %1: %2.")
                  .arg(m_fileName, m_output.errorReason());
    return false;
}

void CaptureWriter::resolve(Connection *c, AddressId id, const TrafficStore &store)
{
    c->texts = store.addresses(id);
    c->addresses = id;
    const TrafficStore::AddressPair &pair = c->texts;
    PacketSynthesizer::Endpoints *ends = &c->synth.endpoints;
    c->hasEndpoints = PacketSynthesizer::parseEndpoints(pair.local, pair.peer, ends);
    c->textsFromPackets = c->hasEndpoints && ends->local.spelled && ends->peer.spelled;
    if (!c->hasEndpoints)
        c->hasEndpoints = UnixConversation::endpoints(pair.local, pair.peer, id, ends);
    c->pair.clear(); // made by described(): pcap files need no pairs
}

bool CaptureWriter::pairKnown(const TrafficEvent &event, const Connection &c,
                              const TrafficStore &store)
{
    // A negative time does not survive the seconds and microseconds of a
    // packet header. A connection that named its pair loses it (describedIn
    // 0) when another connection names the same pair.
    if (event.timeUs < 0 || c.describedIn != m_file || c.describedAddresses != event.addresses)
        return false;
    QString name;
    return m_told.nameTold(event.session, store, &name);
}

bool CaptureWriter::needsNoComment(const TrafficEvent &event, const Connection &c)
{
    if (event.kind != EventKind::Received && event.kind != EventKind::Sent)
        return false;
    // An empty event has no packet to stand for it; a datagram cut to the
    // largest UDP payload would not tell its own size.
    return event.payloadSize > 0 &&
           !(c.synth.datagram && event.payloadSize > quint64(PacketSynthesizer::MaxDatagramV4));
}

void CaptureWriter::described(const TrafficEvent &event, Connection *c)
{
    if (event.kind == EventKind::Opened && !c->textsFromPackets) {
        // The reader takes the local side from who sent the SYN as it reads
        // the comment's addresses; where that goes wrong (a Unix path is not
        // the SYN's address) the next data event names the sides instead.
        // (Texts a reader spells from the packets need no asking: the SYN's
        // sender is the side it names.)
        const PacketSynthesizer::Endpoint &syn =
            c->synth.initiator == TrafficStore::Initiator::Local ? c->synth.endpoints.local
                                                                 : c->synth.endpoints.peer;
        ForeignTraffic::Endpoint sender;
        sender.v6 = syn.v6;
        sender.port = syn.port;
        std::copy(syn.wire.begin(), syn.wire.end(), sender.address.begin());
        const TrafficStore::AddressPair &pair = c->texts; // of event.addresses: see writeEvent()
        if (RecordedEvents::initiatorOf(sender, pair.local, pair.peer) != c->synth.initiator)
            return;
    }
    c->describedIn = m_file;
    c->describedAddresses = event.addresses;
    if (c->pair.isEmpty())
        c->pair = pairKey(c->synth.endpoints);
    auto owner = m_pairOwners.find(c->pair);
    if (owner == m_pairOwners.end()) {
        m_pairOwners.insert(c->pair, event.connection);
    } else if (*owner != event.connection) {
        // The reader gives the pair's next uncommented packets to this
        // connection now.
        const auto previous = m_connections.find(*owner);
        if (previous != m_connections.end())
            previous->describedIn = 0;
        *owner = event.connection;
    }
}

bool CaptureWriter::writeEvent(const TrafficEvent &event, const TrafficStore &store)
{
    if (!isOpen())
        return false;
    const QByteArray payload = store.payload(event);
    return writeEvent(event, payload, store);
}

bool CaptureWriter::writeEvent(const TrafficEvent &event, QByteArrayView payload,
                               const TrafficStore &store)
{
    if (!isOpen())
        return false;
    if (payload.size() != qsizetype(event.payloadSize)) {
        ++m_skipped; // evicted between reading the event and its bytes
        return true;
    }
    const bool pcapng = m_format == Format::Pcapng;

    m_packets.clear();
    Connection *conn = nullptr;
    if (event.connection != 0) {
        auto found = m_connections.find(event.connection);
        if (found == m_connections.end()) {
            TrafficStore::ConnectionInfo info;
            store.connection(event.connection, &info);
            Connection c;
            c.synth.connection = event.connection;
            c.synth.datagram = info.datagram;
            c.synth.initiator = info.initiator;
            resolve(&c, event.addresses, store);
            found = m_connections.insert(event.connection, c);
        } else if (found->addresses != event.addresses) {
            resolve(&*found, event.addresses, store);
        }
        conn = &*found;
        if (conn->hasEndpoints) {
            PacketSynthesizer::Event &in = conn->synth;
            in.kind = event.kind;
            in.closer = event.closer;
            in.payload = payload;
            m_synthesizer.synthesize(in, &m_packets);
            in.payload = {}; // the view is the caller's
        }
    }
    const bool wire = !m_packets.empty();
    const bool known = pcapng && wire && pairKnown(event, *conn, store);
    const bool closed = event.kind == EventKind::Closed;
    // A close like the last of its form in this file needs no comment either.
    const bool withComment =
        pcapng && !(known && (closed ? m_told.closeRepeats(m_packets.close, event.closer, payload)
                                     : needsNoComment(event, *conn)));
    if (withComment) {
        m_comment.resize(0); // keeps its capacity
        m_comment.append(CommentPrefix);
        if (known && closed) {
            m_told.appendShortClose(m_comment, event.closer, payload);
        } else if (wire && event.kind == EventKind::Opened && event.timeUs >= 0 &&
                   conn->textsFromPackets) {
            // Its packets tell the addresses and the time.
            m_told.appendShortOpen(m_comment, event, conn->synth.initiator, store);
        } else {
            // The full comment names the session: a reader knows it from now on.
            if (QString name; !m_told.nameTold(event.session, store, &name))
                m_told.tellName(event.session, name);
            EventFormat::appendJson(m_comment, event, store, EventFormat::PayloadFields::Omitted);
        }
    }

    bool ok = true;
    if (!wire) {
        if (pcapng) // pcap has nowhere to keep it
            ok = writeText(event.timeUs, EventFormat::toLine(event, store), &m_comment);
    } else {
        for (size_t i = 0; i < m_packets.count() && ok; ++i)
            ok = writePacket(WireInterface, event.timeUs, m_packets.data(i), m_packets.size(i),
                             i == 0 && withComment ? &m_comment : nullptr);
        if (ok && withComment && !closed)
            described(event, conn);
    }
    if (pcapng && closed && withComment)
        m_told.wroteClose(m_packets.close, known, event.closer, payload);
    if (conn && closed) {
        const auto owner = m_pairOwners.constFind(conn->pair);
        if (owner != m_pairOwners.constEnd() && *owner == event.connection)
            m_pairOwners.erase(owner);
        m_connections.remove(event.connection);
    }
    return ok;
}

bool CaptureWriter::writeNote(qint64 timeUs, const QString &text)
{
    if (!isOpen())
        return false;
    if (m_format != Format::Pcapng)
        return true;
    // The fields of a recorded session-less note, so a reader restores it as
    // one; seq 0 says it is SocketScope's own, not a recorded event.
    const QByteArray message =
        QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    const QByteArray comment =
        CommentPrefix + QByteArrayLiteral("{\"seq\":0,\"time\":\"") +
        EventFormat::isoTime(timeUs).toLatin1() + QByteArrayLiteral("\",\"time_us\":") +
        QByteArray::number(timeUs) +
        QByteArrayLiteral(",\"event\":\"note\",\"session\":0,\"session_name\":\"\","
                          "\"connection\":0,\"local\":\"\",\"peer\":\"\",\"bytes\":0,"
                          "\"message\":") +
        message + '}';
    return writeText(timeUs, text.toUtf8(), &comment);
}

bool CaptureWriter::writeText(qint64 timeUs, const QByteArray &line, const QByteArray *comment)
{
    return m_output.writeText(timeUs, line, comment) || fail();
}

bool CaptureWriter::writePacket(int interfaceId, qint64 timeUs, const uint8_t *data, size_t size,
                                const QByteArray *comment)
{
    return m_output.writePacket(interfaceId, timeUs, data, size, comment) || fail();
}
