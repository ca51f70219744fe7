#include "capture/capturewriter.h"

#include "capture/recordedevents.h"
#include "capture/unixconversation.h"
#include "capture/wiretapsupport.h"
#include "eventformat.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <wiretap/wtap.h>
#include <wsutil/exported_pdu_tlvs.h>

#include <algorithm>
#include <cstring>

namespace {

constexpr int WireInterface = 0;
constexpr int TextInterface = 1;
constexpr guint32 SnapLength = 262144; // as dumpcap: more than any IP packet
// The exported-PDU dissector that shows the payload as lines of text.
constexpr char TextDissector[] = "data-text-lines";

wtap_block_t interfaceBlock(int encap, const char *name, const char *description)
{
    wtap_block_t idb = wtap_block_create(WTAP_BLOCK_IF_ID_AND_INFO);
    auto *mand = static_cast<wtapng_if_descr_mandatory_t *>(wtap_block_get_mandatory_data(idb));
    mand->wtap_encap = encap;
    mand->time_units_per_second = 1000000; // pcapng's default if_tsresol: microseconds
    mand->tsprecision = WTAP_TSPREC_USEC;
    mand->snap_len = SnapLength;
    wtap_block_add_string_option(idb, OPT_IDB_NAME, name, std::strlen(name));
    wtap_block_add_string_option(idb, OPT_IDB_DESCRIPTION, description, std::strlen(description));
    return idb;
}

// The upper-PDU header: TLVs of a 2-byte type and a 2-byte length, big-endian,
// naming the dissector, then the end-of-options TLV.
QByteArray textPduHeader()
{
    QByteArray header;
    const auto tlv = [&header](quint16 type, QByteArrayView value) {
        header.append(char(type >> 8)).append(char(type & 0xff));
        header.append(char(value.size() >> 8)).append(char(value.size() & 0xff));
        header.append(value);
    };
    tlv(EXP_PDU_TAG_DISSECTOR_NAME, QByteArrayView(TextDissector));
    tlv(EXP_PDU_TAG_END_OF_OPT, {});
    return header;
}

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

// Whether `text` is exactly ForeignTraffic::Endpoint::toString() of an IPv4
// endpoint ("127.0.0.1:9999"), spelled here without libtins' stream
// formatting: that cost a reader's check of every opened connection more than
// writing the connection's packets. IPv6: false (not decided here).
bool spelledAs(const PacketSynthesizer::Endpoint &e, const QString &text)
{
    if (e.v6)
        return false;
    char spelled[24]; // "255.255.255.255:65535" is 21 characters
    char *p = spelled;
    const auto decimal = [&p](unsigned value) {
        char digits[5];
        int n = 0;
        do {
            digits[n++] = char('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (n > 0)
            *p++ = digits[--n];
    };
    for (int i = 0; i < 4; ++i) {
        if (i > 0)
            *p++ = '.';
        decimal(e.wire[size_t(i)]);
    }
    *p++ = ':';
    decimal(e.port);
    return text == QLatin1StringView(spelled, p - spelled);
}

} // namespace

struct CaptureWriter::Dumper
{
    wtap_dumper *dumper = nullptr;
    wtap_dump_params params = WTAP_DUMP_PARAMS_INIT;
    wtapng_iface_descriptions_t interfaces = {nullptr};
    GArray *sections = nullptr;
    wtap_rec rec;
    // One packet block with one comment, its text replaced for every commented
    // packet: creating and freeing a block per packet cost more than writing.
    wtap_block_t commentBlock = nullptr;
    QByteArray textHeader = textPduHeader();
    QByteArray textBuffer;

    Dumper() { wtap_rec_init(&rec); }
    ~Dumper()
    {
        if (commentBlock)
            wtap_block_unref(commentBlock);
        wtap_rec_cleanup(&rec);
        if (interfaces.interface_data) {
            for (guint i = 0; i < interfaces.interface_data->len; ++i)
                wtap_block_unref(g_array_index(interfaces.interface_data, wtap_block_t, i));
            g_array_free(interfaces.interface_data, TRUE);
        }
        if (sections) {
            for (guint i = 0; i < sections->len; ++i)
                wtap_block_unref(g_array_index(sections, wtap_block_t, i));
            g_array_free(sections, TRUE);
        }
    }
};

CaptureWriter::CaptureWriter()
{
    WiretapSupport::init();
}

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
    return m_dumper && m_dumper->dumper;
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
    auto d = std::make_unique<Dumper>();
    int fileType = 0;
    if (m_format == Format::Pcapng) {
        fileType = wtap_pcapng_file_type_subtype();
        d->params.encap = WTAP_ENCAP_PER_PACKET;
        d->sections = g_array_new(FALSE, FALSE, sizeof(wtap_block_t));
        wtap_block_t shb = wtap_block_create(WTAP_BLOCK_SECTION);
        const QByteArray app = "SocketScope " SOCKETSCOPE_VERSION;
        wtap_block_add_string_option(shb, OPT_SHB_USERAPPL, app.constData(), size_t(app.size()));
        g_array_append_val(d->sections, shb);
        d->params.shb_hdrs = d->sections;
        d->interfaces.interface_data = g_array_new(FALSE, FALSE, sizeof(wtap_block_t));
        wtap_block_t wire =
            interfaceBlock(WTAP_ENCAP_RAW_IP, "socketscope", "SocketScope sockets (IPv4 and IPv6)");
        wtap_block_t text = interfaceBlock(WTAP_ENCAP_WIRESHARK_UPPER_PDU, "socketscope-events",
                                           "SocketScope events that are not packets");
        g_array_append_val(d->interfaces.interface_data, wire);
        g_array_append_val(d->interfaces.interface_data, text);
        d->params.idb_inf = &d->interfaces;
    } else {
        fileType = wtap_pcap_file_type_subtype();
        d->params.encap = WTAP_ENCAP_RAW_IP;
    }
    d->params.snaplen = int(SnapLength);
    d->params.tsprec = WTAP_TSPREC_USEC;
    int err = 0;
    gchar *errInfo = nullptr;
    const QByteArray path = QFile::encodeName(fileName);
    d->dumper =
        wtap_dump_open(path.constData(), fileType, WTAP_UNCOMPRESSED, &d->params, &err, &errInfo);
    if (!d->dumper) {
        fail(err, errInfo);
        g_free(errInfo);
        return false;
    }
    m_dumper = std::move(d);
    return true;
}

bool CaptureWriter::close()
{
    if (!isOpen()) {
        m_dumper.reset();
        return true;
    }
    int err = 0;
    gchar *errInfo = nullptr;
    const bool ok = wtap_dump_close(m_dumper->dumper, nullptr, &err, &errInfo);
    m_dumper->dumper = nullptr;
    m_dumper.reset();
    if (!ok)
        fail(err, errInfo);
    g_free(errInfo);
    return ok;
}

bool CaptureWriter::flush()
{
    if (!isOpen())
        return false;
    int err = 0;
    if (!wtap_dump_flush(m_dumper->dumper, &err))
        return fail(err, nullptr);
    return true;
}

qint64 CaptureWriter::bytesWritten() const
{
    return isOpen() ? qint64(wtap_get_bytes_dumped(m_dumper->dumper)) : 0;
}

bool CaptureWriter::fail(int err, const char *detail)
{
    QString reason =
        err > 0 ? QString::fromLocal8Bit(g_strerror(err)) : QString::fromUtf8(wtap_strerror(err));
    if (detail && *detail)
        reason += QStringLiteral(" (") + QString::fromUtf8(detail) + u')';
    m_error = QCoreApplication::translate("CaptureWriter", "Cannot write the capture file %1: %2.")
                  .arg(m_fileName, reason);
    return false;
}

void CaptureWriter::resolve(Connection *c, AddressId id, const TrafficStore &store)
{
    const TrafficStore::AddressPair pair = store.addresses(id);
    c->addresses = id;
    c->hasEndpoints = PacketSynthesizer::parseEndpoints(pair.local, pair.peer, &c->endpoints) ||
                      UnixConversation::endpoints(pair.local, pair.peer, id, &c->endpoints);
    c->pair.clear(); // made by described(): pcap files need no pairs
}

bool CaptureWriter::pairKnown(const TrafficEvent &event, const Connection &c,
                              const TrafficStore &store) const
{
    // A negative time does not survive the seconds and microseconds of a
    // packet header.
    if (event.timeUs < 0 || c.describedIn != m_file || c.describedAddresses != event.addresses)
        return false;
    const auto owner = m_pairOwners.constFind(c.pair);
    if (owner == m_pairOwners.constEnd() || *owner != event.connection)
        return false;
    return store.sessionName(event.session) == c.describedName;
}

bool CaptureWriter::needsNoComment(const TrafficEvent &event, const Connection &c)
{
    if (event.kind != EventKind::Received && event.kind != EventKind::Sent)
        return false;
    // An empty event has no packet to stand for it; a datagram cut to the
    // largest UDP payload would not tell its own size.
    return event.payloadSize > 0 &&
           !(c.datagram && event.payloadSize > quint64(PacketSynthesizer::MaxDatagramV4));
}

void CaptureWriter::appendShortClose(const TrafficEvent &event, const QByteArray &reason)
{
    // Most closes of a file read alike ("peer", "Closed"): the last one's
    // text is kept whole.
    if (m_lastClose.closer == event.closer && m_lastClose.reason == reason &&
        !m_lastClose.json.isEmpty()) {
        m_comment.append(m_lastClose.json);
        return;
    }
    const qsizetype start = m_comment.size();
    // Reasons repeat ("Closed", "Connection reset by the peer"): each is
    // encoded once.
    auto json = m_reasons.constFind(reason);
    if (json == m_reasons.constEnd()) {
        if (m_reasons.size() > 256)
            m_reasons.clear();
        const QByteArray text =
            QJsonDocument(QJsonArray{QString::fromUtf8(reason)}).toJson(QJsonDocument::Compact);
        json = m_reasons.insert(reason, text.sliced(1, text.size() - 2));
    }
    m_comment.append("{\"event\":\"closed\",\"by\":\"")
        .append(EventFormat::closerKeyword(event.closer).toLatin1())
        .append("\",\"reason\":")
        .append(*json)
        .append('}');
    m_lastClose.closer = event.closer;
    m_lastClose.reason = reason;
    m_lastClose.json = m_comment.sliced(start);
}

void CaptureWriter::described(const TrafficEvent &event, Connection *c, const TrafficStore &store)
{
    if (event.kind == EventKind::Opened) {
        // The reader takes the local side from who sent the SYN as it reads
        // the comment's addresses; where that goes wrong (a Unix path is not
        // the SYN's address) the next data event names the sides instead.
        const PacketSynthesizer::Endpoint &syn =
            c->initiator == TrafficStore::Initiator::Local ? c->endpoints.local : c->endpoints.peer;
        ForeignTraffic::Endpoint sender;
        sender.v6 = syn.v6;
        sender.port = syn.port;
        std::copy(syn.wire.begin(), syn.wire.end(), sender.address.begin());
        const TrafficStore::AddressPair pair = store.addresses(event.addresses);
        // initiatorOf() compares texts first: where ours says the same, its
        // answer is known without libtins formatting the address.
        TrafficStore::Initiator read;
        if (spelledAs(syn, pair.local))
            read = TrafficStore::Initiator::Local;
        else if (spelledAs(syn, pair.peer))
            read = TrafficStore::Initiator::Peer;
        else
            read = RecordedEvents::initiatorOf(sender, pair.local, pair.peer);
        if (read != c->initiator)
            return;
    }
    c->describedIn = m_file;
    c->describedAddresses = event.addresses;
    c->describedName = store.sessionName(event.session);
    if (c->pair.isEmpty())
        c->pair = pairKey(c->endpoints);
    m_pairOwners.insert(c->pair, event.connection);
}

bool CaptureWriter::writeEvent(const TrafficEvent &event, const TrafficStore &store)
{
    if (!isOpen())
        return false;
    const QByteArray payload = store.payload(event);
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
            c.datagram = info.datagram;
            c.initiator = info.initiator;
            resolve(&c, event.addresses, store);
            found = m_connections.insert(event.connection, c);
        } else if (found->addresses != event.addresses) {
            resolve(&*found, event.addresses, store);
        }
        conn = &*found;
        if (conn->hasEndpoints) {
            PacketSynthesizer::Event in;
            in.kind = event.kind;
            in.connection = event.connection;
            in.closer = event.closer;
            in.datagram = conn->datagram;
            in.initiator = conn->initiator;
            in.endpoints = conn->endpoints;
            in.payload = payload;
            m_synthesizer.synthesize(in, &m_packets);
        }
    }
    const bool wire = !m_packets.empty();
    const bool known = pcapng && wire && pairKnown(event, *conn, store);
    const bool withComment =
        pcapng && !(known && event.kind != EventKind::Closed && needsNoComment(event, *conn));
    if (withComment) {
        m_comment.resize(0); // keeps its capacity
        m_comment.append(CommentPrefix);
        if (known && event.kind == EventKind::Closed)
            appendShortClose(event, payload);
        else
            EventFormat::appendJson(m_comment, event, store, EventFormat::PayloadFields::Omitted);
    }

    bool ok = true;
    if (!wire) {
        if (pcapng) // pcap has nowhere to keep it
            ok = writeText(event.timeUs, EventFormat::toLine(event, store), &m_comment);
    } else {
        for (size_t i = 0; i < m_packets.count() && ok; ++i)
            ok = writePacket(WireInterface, event.timeUs, m_packets.data(i), m_packets.size(i),
                             i == 0 && withComment ? &m_comment : nullptr);
        if (ok && withComment && event.kind != EventKind::Closed)
            described(event, conn, store);
    }
    if (conn && event.kind == EventKind::Closed) {
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
    QByteArray &buffer = m_dumper->textBuffer;
    buffer = m_dumper->textHeader;
    buffer.append(line).append('\n');
    return writePacket(TextInterface, timeUs, reinterpret_cast<const uint8_t *>(buffer.constData()),
                       size_t(buffer.size()), comment);
}

bool CaptureWriter::writePacket(int interfaceId, qint64 timeUs, const uint8_t *data, size_t size,
                                const QByteArray *comment)
{
    wtap_rec &rec = m_dumper->rec;
    rec.rec_type = REC_TYPE_PACKET;
    rec.presence_flags = WTAP_HAS_TS;
    rec.ts.secs = time_t(timeUs / 1000000);
    rec.ts.nsecs = int(timeUs % 1000000) * 1000;
    rec.tsprec = WTAP_TSPREC_USEC;
    rec.rec_header.packet_header.caplen = guint32(size);
    rec.rec_header.packet_header.len = guint32(size);
    if (m_format == Format::Pcapng) {
        rec.presence_flags |= WTAP_HAS_INTERFACE_ID;
        rec.rec_header.packet_header.interface_id = guint32(interfaceId);
        rec.rec_header.packet_header.pkt_encap =
            interfaceId == WireInterface ? WTAP_ENCAP_RAW_IP : WTAP_ENCAP_WIRESHARK_UPPER_PDU;
    } else {
        rec.rec_header.packet_header.interface_id = 0;
        rec.rec_header.packet_header.pkt_encap = WTAP_ENCAP_RAW_IP;
    }
    rec.block = nullptr;
    if (comment && !comment->isEmpty()) {
        wtap_block_t &block = m_dumper->commentBlock;
        if (!block) {
            block = wtap_block_create(WTAP_BLOCK_PACKET);
            wtap_block_add_string_option(block, OPT_COMMENT, comment->constData(),
                                         size_t(comment->size()));
        } else {
            wtap_block_set_nth_string_option_value(block, OPT_COMMENT, 0, comment->constData(),
                                                   size_t(comment->size()));
        }
        rec.block = block;
    }
    int err = 0;
    gchar *errInfo = nullptr;
    const bool ok = wtap_dump(m_dumper->dumper, &rec, data, &err, &errInfo);
    rec.block = nullptr;
    if (!ok)
        fail(err, errInfo);
    g_free(errInfo);
    return ok;
}
