#include "wiretapfile.h"

#include "wiretapsupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <wiretap/wtap.h>
#include <wsutil/buffer.h>
#include <wsutil/wslog.h>

#include <cerrno>
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

struct WiretapFile::Private
{
    wtap *file = nullptr;
    wtap_rec rec;
    Buffer buffer;
};

WiretapFile::WiretapFile()
    : d(std::make_unique<Private>())
{
    WiretapSupport::init();
    wtap_rec_init(&d->rec);
    ws_buffer_init(&d->buffer, 65536);
}

WiretapFile::~WiretapFile()
{
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
    return d->file ? wtap_read_so_far(d->file) : 0;
}

WiretapFile::ReadStatus WiretapFile::next(Packet *packet)
{
    for (;;) {
        int err = 0;
        gchar *errInfo = nullptr;
        gint64 offset = 0;
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
