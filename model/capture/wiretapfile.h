#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

// One capture file opened for reading with Wireshark's wiretap library, which
// knows every format tshark reads (pcap, pcapng and many more) and their
// damage: hand-made parsing of these formats is exactly what to avoid. A
// plain pcap file is read with libpcap while it reads as wiretap would (see
// wiretapfile.cpp). Sequential only; one packet in memory at a time.
class WiretapFile
{
public:
    enum class OpenError { None, NoSuchFile, IsDirectory, Permission, NotACapture, Other };

    struct Packet
    {
        qint64 timeUs = 0;
        int encapsulation = 0; // WTAP_ENCAP_*
        const quint8 *data = nullptr;
        qsizetype size = 0;     // captured bytes
        qsizetype wireSize = 0; // bytes on the wire (more when the snap length cut it)
        QByteArray comment;     // the first packet comment starting with the
                                // requested prefix, without the prefix
    };

    enum class ReadStatus { Packet, End, Error };

    WiretapFile();
    ~WiretapFile();
    WiretapFile(const WiretapFile &) = delete;
    WiretapFile &operator=(const WiretapFile &) = delete;

    bool open(const QString &path);
    OpenError openError() const { return m_openError; }
    QString errorString() const { return m_error; }
    QString formatName() const;
    qint64 fileSize() const { return m_size; }
    // Bytes consumed so far (the offset reached).
    qint64 position() const;
    // After next() returned Error: the offset reached before that packet.
    qint64 errorOffset() const { return m_errorOffset; }

    // Only comments starting with this prefix are returned in Packet::comment.
    void setCommentPrefix(const QByteArray &prefix) { m_commentPrefix = prefix; }
    // Non-packet records (e.g. systemd journal entries) are skipped. On Error,
    // errorString() says why, in wiretap's words.
    ReadStatus next(Packet *packet);

    // The name of a link type, e.g. "Ethernet".
    static QString encapsulationName(int encapsulation);

private:
    ReadStatus nextFromPcap(Packet *packet);
    ReadStatus handOverToWiretap(Packet *packet);

    struct Private;
    std::unique_ptr<Private> d;
    OpenError m_openError = OpenError::None;
    QString m_error;
    qint64 m_size = 0;
    qint64 m_errorOffset = 0;
    QByteArray m_commentPrefix;
};
