#include "wiretapfile.h"

#include "wiretapsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <pcap/pcap.h>
#include <wiretap/wtap.h>
#include <wsutil/buffer.h>
#include <wsutil/wslog.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <mutex>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("WiretapFile", text);
}

QString wiretapReason(int err, gchar *errInfo)
{
    QString reason = err > 0 ? QString::fromLocal8Bit(std::strerror(err))
                             : QString::fromUtf8(wtap_strerror(err));
    if (errInfo) {
        reason += QStringLiteral(" (") + QString::fromUtf8(errInfo) + QStringLiteral(")");
        g_free(errInfo);
    }
    return reason;
}

} // namespace

// A plain pcap file (the format tcpdump writes) is read with libpcap, as
// tcpdump reads it: wiretap creates and frees an option block for every
// packet of it, about a third of the time spent reading one. wiretap still
// opens the file (format, open errors) and takes over, from the same packet
// on, as soon as libpcap meets anything it might read differently: an error,
// a packet that may have been cut to the snap length or is bigger than
// wiretap allows. So damaged files read and fail exactly as they did.
struct WiretapFile::Private
{
    wtap *file = nullptr;
    wtap_rec rec;
    Buffer buffer;

    std::unique_ptr<char[]> pcapBuffer; // outlives the FILE libpcap closes
    pcap_t *pcap = nullptr;
    int pcapEncapsulation = 0;
    quint64 pcapPackets = 0; // handed out by libpcap, to skip in wiretap
    qint64 pcapPosition = 0; // the offset after the last of them

    void closePcap()
    {
        if (pcap)
            pcap_close(pcap);
        pcap = nullptr;
        pcapBuffer.reset();
    }
};

namespace {

// The link types whose packets wiretap's pcap reader hands out as they are in
// the file (it adds pseudo-headers for others, or byte-swaps fields).
bool pcapReadsAsWiretap(int encapsulation)
{
    switch (encapsulation) {
    case WTAP_ENCAP_ETHERNET:
    case WTAP_ENCAP_RAW_IP:
    case WTAP_ENCAP_RAW_IP4:
    case WTAP_ENCAP_RAW_IP6:
        return true;
    default:
        return false;
    }
}

// libpcap reads through stdio: a read(2) per MiB instead of per 4 KiB
// (glibc's default for a file), which wiretap's own buffer also avoids.
constexpr size_t PcapBufferSize = 1024 * 1024;
constexpr qint64 PcapFileHeaderSize = 24;
constexpr qint64 PcapRecordHeaderSize = 16;

} // namespace

WiretapFile::WiretapFile()
    : d(std::make_unique<Private>())
{
    WiretapSupport::init();
    wtap_rec_init(&d->rec);
    ws_buffer_init(&d->buffer, 65536);
}

WiretapFile::~WiretapFile()
{
    d->closePcap();
    if (d->file)
        wtap_close(d->file);
    wtap_rec_cleanup(&d->rec);
    ws_buffer_free(&d->buffer);
}

bool WiretapFile::open(const QString &path)
{
    // wiretap takes an empty file for an empty capture of some format.
    const QFileInfo info(path);
    if (info.isFile() && info.size() == 0) {
        m_openError = OpenError::NotACapture;
        m_error = tr("the file is empty, not a capture");
        return false;
    }
    const QByteArray name = QFile::encodeName(path);
    int err = 0;
    gchar *errInfo = nullptr;
    d->file = wtap_open_offline(name.constData(), WTAP_TYPE_AUTO, &err, &errInfo, FALSE);
    if (d->file) {
        int sizeErr = 0;
        m_size = wtap_file_size(d->file, &sizeErr);
        const int type = wtap_file_type_subtype(d->file);
        if ((type == wtap_pcap_file_type_subtype() || type == wtap_pcap_nsec_file_type_subtype()) &&
            wtap_get_compression_type(d->file) == WTAP_UNCOMPRESSED &&
            pcapReadsAsWiretap(wtap_file_encap(d->file))) {
            if (FILE *stream = std::fopen(name.constData(), "rbe")) {
                d->pcapBuffer.reset(new char[PcapBufferSize]);
                std::setvbuf(stream, d->pcapBuffer.get(), _IOFBF, PcapBufferSize);
                char pcapError[PCAP_ERRBUF_SIZE] = {};
                // Nanoseconds for both kinds of file, as wiretap gives them.
                d->pcap = pcap_fopen_offline_with_tstamp_precision(
                    stream, PCAP_TSTAMP_PRECISION_NANO, pcapError);
                if (!d->pcap) {
                    std::fclose(stream);
                    d->pcapBuffer.reset();
                }
            }
            d->pcapEncapsulation = wtap_file_encap(d->file);
            d->pcapPosition = PcapFileHeaderSize;
        }
        return true;
    }
    switch (err) {
    case ENOENT:
        m_openError = OpenError::NoSuchFile;
        break;
    case EISDIR:
        m_openError = OpenError::IsDirectory;
        break;
    case EACCES:
    case EPERM:
        m_openError = OpenError::Permission;
        break;
    case WTAP_ERR_NOT_REGULAR_FILE:
        m_openError = QFileInfo(path).isDir() ? OpenError::IsDirectory : OpenError::Other;
        break;
    case WTAP_ERR_FILE_UNKNOWN_FORMAT:
    case WTAP_ERR_SHORT_READ:
    case WTAP_ERR_BAD_FILE:
    case 0: // an empty file
        m_openError = OpenError::NotACapture;
        break;
    default:
        m_openError = OpenError::Other;
        break;
    }
    switch (m_openError) {
    case OpenError::NoSuchFile:
        m_error = tr("no such file");
        break;
    case OpenError::IsDirectory:
        m_error = tr("it is a directory, not a capture file");
        break;
    case OpenError::Permission:
        m_error = tr("permission denied");
        break;
    case OpenError::NotACapture:
        m_error = tr("not a capture file that Wireshark's formats know");
        if (err != 0 && err != WTAP_ERR_FILE_UNKNOWN_FORMAT)
            m_error += QStringLiteral(": ") + wiretapReason(err, errInfo);
        else if (errInfo)
            g_free(errInfo);
        break;
    default:
        m_error = wiretapReason(err, errInfo);
        break;
    }
    return false;
}

QString WiretapFile::formatName() const
{
    if (!d->file)
        return {};
    return QString::fromUtf8(wtap_file_type_subtype_description(wtap_file_type_subtype(d->file)));
}

qint64 WiretapFile::position() const
{
    if (d->pcap)
        return d->pcapPosition;
    return d->file ? wtap_read_so_far(d->file) : 0;
}

WiretapFile::ReadStatus WiretapFile::nextFromPcap(Packet *packet)
{
    pcap_pkthdr *header = nullptr;
    const u_char *data = nullptr;
    const int status = pcap_next_ex(d->pcap, &header, &data);
    if (status == PCAP_ERROR_BREAK) // the end of the file
        return ReadStatus::End;
    // libpcap cuts a packet longer than the snap length to it, wiretap does not.
    if (status != 1 || header->caplen > header->len ||
        header->caplen >= bpf_u_int32(pcap_snapshot(d->pcap)) ||
        header->caplen > WTAP_MAX_PACKET_SIZE_STANDARD)
        return handOverToWiretap(packet);
    ++d->pcapPackets;
    d->pcapPosition += PcapRecordHeaderSize + qint64(header->caplen);
    packet->timeUs = qint64(header->ts.tv_sec) * 1000000 + header->ts.tv_usec / 1000;
    packet->encapsulation = d->pcapEncapsulation;
    packet->data = data;
    packet->size = qsizetype(header->caplen);
    packet->wireSize = qsizetype(header->len);
    packet->comment.clear(); // a pcap file has no comments
    return ReadStatus::Packet;
}

WiretapFile::ReadStatus WiretapFile::handOverToWiretap(Packet *packet)
{
    d->closePcap();
    // wiretap has not read a packet yet: it skips those libpcap handed out.
    for (quint64 i = 0; i < d->pcapPackets; ++i) {
        int err = 0;
        gchar *errInfo = nullptr;
        gint64 offset = 0;
        m_errorOffset = wtap_read_so_far(d->file);
        wtap_rec_reset(&d->rec);
        const bool read = wtap_read(d->file, &d->rec, &d->buffer, &err, &errInfo, &offset);
        g_free(errInfo);
        if (!read) {
            m_error = tr("the file changed while it was read");
            return ReadStatus::Error;
        }
    }
    return next(packet);
}

WiretapFile::ReadStatus WiretapFile::next(Packet *packet)
{
    if (d->pcap)
        return nextFromPcap(packet);
    for (;;) {
        int err = 0;
        gchar *errInfo = nullptr;
        gint64 offset = 0;
        m_errorOffset = wtap_read_so_far(d->file);
        wtap_rec_reset(&d->rec);
        if (!wtap_read(d->file, &d->rec, &d->buffer, &err, &errInfo, &offset)) {
            if (err == 0) {
                g_free(errInfo);
                return ReadStatus::End;
            }
            m_error = wiretapReason(err, errInfo);
            return ReadStatus::Error;
        }
        // Some readers leave a note even when the packet was read (NetScreen
        // text files: "cannot determine link type"); ours to free.
        g_free(errInfo);
        if (d->rec.rec_type != REC_TYPE_PACKET)
            continue;
        const wtap_packet_header &header = d->rec.rec_header.packet_header;
        // A damaged file can claim any time; clamped so microseconds fit.
        constexpr qint64 MaxSecs = std::numeric_limits<qint64>::max() / 1000000 - 1;
        const qint64 secs = qBound(-MaxSecs, qint64(d->rec.ts.secs), MaxSecs);
        packet->timeUs =
            (d->rec.presence_flags & WTAP_HAS_TS) ? secs * 1000000 + d->rec.ts.nsecs / 1000 : 0;
        packet->encapsulation = header.pkt_encap;
        packet->data = ws_buffer_start_ptr(&d->buffer);
        packet->size = qsizetype(header.caplen);
        packet->wireSize = qsizetype(header.len);
        packet->comment.clear();
        if (d->rec.block && !m_commentPrefix.isEmpty()) {
            const guint count = wtap_block_count_option(d->rec.block, OPT_COMMENT);
            for (guint i = 0; i < count; ++i) {
                char *text = nullptr;
                if (wtap_block_get_nth_string_option_value(d->rec.block, OPT_COMMENT, i, &text) !=
                        WTAP_OPTTYPE_SUCCESS ||
                    !text)
                    continue;
                const QByteArrayView comment(text);
                if (comment.startsWith(m_commentPrefix)) {
                    packet->comment = comment.sliced(m_commentPrefix.size()).toByteArray();
                    break;
                }
            }
        }
        return ReadStatus::Packet;
    }
}

QString WiretapFile::encapsulationName(int encapsulation)
{
    WiretapSupport::init();
    const char *name = wtap_encap_description(encapsulation);
    return name ? QString::fromUtf8(name) : QString::number(encapsulation);
}
