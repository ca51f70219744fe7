#include "capture/capturefileoutput.h"

#include "capture/wiretapsupport.h"

#include <QFile>

#include <pcap/pcap.h>
#include <wiretap/wtap.h>
#include <wsutil/exported_pdu_tlvs.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

constexpr guint32 SnapLength = 262144; // as dumpcap: more than any IP packet
// The exported-PDU dissector that shows the payload as lines of text.
constexpr char TextDissector[] = "data-text-lines";
// pcap's stdio buffer: a write(2) per MiB instead of per 4 KiB (glibc's
// default for a file), and at most this much unwritten between flushes.
constexpr size_t PcapBufferSize = 1024 * 1024;
// A pcap record header: seconds, microseconds, captured and original length.
constexpr qint64 PcapRecordHeader = 16;

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

} // namespace

struct CaptureFileOutput::Wiretap
{
    wtap_dumper *dumper = nullptr;
    wtap_dump_params params = WTAP_DUMP_PARAMS_INIT;
    wtapng_iface_descriptions_t interfaces = {nullptr};
    GArray *sections = nullptr;
    wtap_rec rec;
    // Packet blocks with one comment each, their text replaced for commented
    // packets: creating and freeing a block per packet cost more than
    // writing. Two of them, because comments that repeat (most closes of a
    // file read alike) come between ones that do not (each connection's
    // first): a repeated text finds its block as it was and is not copied
    // into it again.
    struct CommentBlock
    {
        wtap_block_t block = nullptr;
        std::string text; // assign() reuses its capacity: no allocation per comment
        quint64 used = 0;
    };
    CommentBlock commentBlocks[2];
    quint64 commentsWritten = 0;
    QByteArray textHeader = textPduHeader();
    QByteArray textBuffer;

    Wiretap() { wtap_rec_init(&rec); }
    ~Wiretap()
    {
        for (const CommentBlock &comment : commentBlocks) {
            if (comment.block)
                wtap_block_unref(comment.block);
        }
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

struct CaptureFileOutput::Pcap
{
    std::unique_ptr<char[]> buffer; // the FILE's buffer: outlives the FILE
    FILE *file = nullptr;           // owned by `dumper` once it exists
    pcap_t *dead = nullptr;         // libpcap's handle for writing only
    pcap_dumper_t *dumper = nullptr;
    qint64 bytes = 0;

    Pcap() = default;
    Pcap(const Pcap &) = delete;
    Pcap &operator=(const Pcap &) = delete;
    ~Pcap()
    {
        if (dumper)
            pcap_dump_close(dumper); // closes `file`
        else if (file)
            std::fclose(file);
        if (dead)
            pcap_close(dead);
    }
};

CaptureFileOutput::CaptureFileOutput()
{
    WiretapSupport::init();
}

CaptureFileOutput::~CaptureFileOutput()
{
    close();
}

bool CaptureFileOutput::isOpen() const
{
    return (m_wiretap && m_wiretap->dumper) || (m_pcap && m_pcap->dumper);
}

bool CaptureFileOutput::open(const QString &fileName, Format format, const QByteArray &application)
{
    close();
    m_reason.clear();
    const QByteArray path = QFile::encodeName(fileName);
    if (format == Format::Pcap) {
        auto p = std::make_unique<Pcap>();
        p->file = std::fopen(path.constData(), "wb");
        if (!p->file)
            return fail(errno, nullptr);
        p->buffer.reset(new char[PcapBufferSize]);
        std::setvbuf(p->file, p->buffer.get(), _IOFBF, PcapBufferSize);
        p->dead = pcap_open_dead_with_tstamp_precision(DLT_RAW, int(SnapLength),
                                                       PCAP_TSTAMP_PRECISION_MICRO);
        if (!p->dead)
            return fail(ENOMEM, nullptr);
        p->dumper = pcap_dump_fopen(p->dead, p->file);
        if (!p->dumper)
            return fail(0, pcap_geterr(p->dead));
        p->bytes = qint64(sizeof(pcap_file_header));
        m_pcap = std::move(p);
        return true;
    }

    auto d = std::make_unique<Wiretap>();
    d->params.encap = WTAP_ENCAP_PER_PACKET;
    d->sections = g_array_new(FALSE, FALSE, sizeof(wtap_block_t));
    wtap_block_t shb = wtap_block_create(WTAP_BLOCK_SECTION);
    wtap_block_add_string_option(shb, OPT_SHB_USERAPPL, application.constData(),
                                 size_t(application.size()));
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
    d->params.snaplen = int(SnapLength);
    d->params.tsprec = WTAP_TSPREC_USEC;
    int err = 0;
    gchar *errInfo = nullptr;
    d->dumper = wtap_dump_open(path.constData(), wtap_pcapng_file_type_subtype(), WTAP_UNCOMPRESSED,
                               &d->params, &err, &errInfo);
    if (!d->dumper) {
        fail(err, errInfo);
        g_free(errInfo);
        return false;
    }
    m_wiretap = std::move(d);
    return true;
}

bool CaptureFileOutput::close()
{
    bool ok = true;
    if (m_pcap && m_pcap->dumper) {
        // pcap_dump_close() says nothing of a failed write: the buffer goes
        // out here first, where a full disk is seen.
        if (pcap_dump_flush(m_pcap->dumper) != 0)
            ok = fail(errno != 0 ? errno : EIO, nullptr);
    }
    m_pcap.reset();
    if (m_wiretap && m_wiretap->dumper) {
        int err = 0;
        gchar *errInfo = nullptr;
        if (!wtap_dump_close(m_wiretap->dumper, nullptr, &err, &errInfo))
            ok = fail(err, errInfo);
        m_wiretap->dumper = nullptr;
        g_free(errInfo);
    }
    m_wiretap.reset();
    return ok;
}

bool CaptureFileOutput::flush()
{
    if (m_pcap && m_pcap->dumper) {
        if (pcap_dump_flush(m_pcap->dumper) != 0)
            return fail(errno != 0 ? errno : EIO, nullptr);
        return true;
    }
    if (!m_wiretap || !m_wiretap->dumper)
        return false;
    int err = 0;
    if (!wtap_dump_flush(m_wiretap->dumper, &err))
        return fail(err, nullptr);
    return true;
}

qint64 CaptureFileOutput::bytesWritten() const
{
    if (m_pcap && m_pcap->dumper)
        return m_pcap->bytes;
    if (m_wiretap && m_wiretap->dumper)
        return qint64(wtap_get_bytes_dumped(m_wiretap->dumper));
    return 0;
}

bool CaptureFileOutput::fail(int err, const char *detail)
{
    if (err > 0)
        m_reason = QString::fromLocal8Bit(g_strerror(err));
    else if (err < 0)
        m_reason = QString::fromUtf8(wtap_strerror(err));
    else
        m_reason.clear();
    if (detail && *detail) {
        m_reason += m_reason.isEmpty() ? QString::fromUtf8(detail)
                                       : QStringLiteral(" (") + QString::fromUtf8(detail) + u')';
    }
    return false;
}

bool CaptureFileOutput::writeText(qint64 timeUs, const QByteArray &line, const QByteArray *comment)
{
    if (!m_wiretap)
        return true; // pcap has nowhere to keep it
    QByteArray &buffer = m_wiretap->textBuffer;
    buffer = m_wiretap->textHeader;
    buffer.append(line).append('\n');
    return writePacket(TextInterface, timeUs, reinterpret_cast<const uint8_t *>(buffer.constData()),
                       size_t(buffer.size()), comment);
}

wtap_block_t CaptureFileOutput::commentBlock(const QByteArray &comment)
{
    using CommentBlock = Wiretap::CommentBlock;
    CommentBlock *blocks = m_wiretap->commentBlocks;
    const quint64 use = ++m_wiretap->commentsWritten;
    for (int i = 0; i < 2; ++i) {
        if (blocks[i].block &&
            QByteArrayView(blocks[i].text.data(), qsizetype(blocks[i].text.size())) ==
                QByteArrayView(comment)) {
            blocks[i].used = use;
            return blocks[i].block;
        }
    }
    CommentBlock &oldest = blocks[0].used <= blocks[1].used ? blocks[0] : blocks[1];
    if (!oldest.block) {
        oldest.block = wtap_block_create(WTAP_BLOCK_PACKET);
        wtap_block_add_string_option(oldest.block, OPT_COMMENT, comment.constData(),
                                     size_t(comment.size()));
    } else {
        wtap_block_set_nth_string_option_value(oldest.block, OPT_COMMENT, 0, comment.constData(),
                                               size_t(comment.size()));
    }
    oldest.text.assign(comment.constData(), size_t(comment.size()));
    oldest.used = use;
    return oldest.block;
}

bool CaptureFileOutput::writePacket(int interfaceId, qint64 timeUs, const uint8_t *data,
                                    size_t size, const QByteArray *comment)
{
    if (m_pcap) {
        pcap_pkthdr header{};
        // The same arithmetic as wiretap's writer had, so a file is the same
        // file whichever library wrote it (a negative time included).
        header.ts.tv_sec = time_t(timeUs / 1000000);
        header.ts.tv_usec = suseconds_t(timeUs % 1000000);
        header.caplen = bpf_u_int32(size);
        header.len = bpf_u_int32(size);
        errno = 0;
        pcap_dump(reinterpret_cast<u_char *>(m_pcap->dumper), &header, data);
        m_pcap->bytes += PcapRecordHeader + qint64(size);
        // pcap_dump() returns nothing: the stream keeps the error.
        if (std::ferror(m_pcap->file))
            return fail(errno != 0 ? errno : EIO, nullptr);
        return true;
    }

    wtap_rec &rec = m_wiretap->rec;
    rec.rec_type = REC_TYPE_PACKET;
    rec.presence_flags = WTAP_HAS_TS | WTAP_HAS_INTERFACE_ID;
    rec.ts.secs = time_t(timeUs / 1000000);
    rec.ts.nsecs = int(timeUs % 1000000) * 1000;
    rec.tsprec = WTAP_TSPREC_USEC;
    rec.rec_header.packet_header.caplen = guint32(size);
    rec.rec_header.packet_header.len = guint32(size);
    rec.rec_header.packet_header.interface_id = guint32(interfaceId);
    rec.rec_header.packet_header.pkt_encap =
        interfaceId == WireInterface ? WTAP_ENCAP_RAW_IP : WTAP_ENCAP_WIRESHARK_UPPER_PDU;
    rec.block = nullptr;
    if (comment && !comment->isEmpty())
        rec.block = commentBlock(*comment);
    int err = 0;
    gchar *errInfo = nullptr;
    const bool ok = wtap_dump(m_wiretap->dumper, &rec, data, &err, &errInfo);
    rec.block = nullptr;
    if (!ok)
        fail(err, errInfo);
    g_free(errInfo);
    return ok;
}
