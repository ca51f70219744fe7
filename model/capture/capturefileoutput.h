#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <memory>

struct wtap_block; // wiretap's wtap_block_t

// The file side of CaptureWriter: packets in, a capture file out, with the
// libraries that own these formats (no hand-made file headers or blocks).
//
//   pcapng  Wireshark's wiretap: two interfaces (raw IP, upper PDU) and
//           per-packet comments, which libpcap cannot write.
//   pcap    libpcap's pcap_dump, as tcpdump writes it, on a FILE* of ours
//           with a 1 MiB stdio buffer (pcap_dump_fopen() is libpcap's
//           documented way to hand it a stream): wiretap costs about 60%
//           more instructions per packet for the same bytes, and a 4 KiB
//           buffer means a write(2) every few dozen packets.
//
// Errors are kept as a reason ("No space left on device") for the caller's
// sentence. Not thread-safe.
class CaptureFileOutput
{
public:
    enum class Format { Pcapng, Pcap };
    static constexpr int WireInterface = 0; // raw IP (LINKTYPE_RAW)
    static constexpr int TextInterface = 1; // upper PDU (pcapng only)

    CaptureFileOutput();
    ~CaptureFileOutput(); // closes the file, ignoring errors
    CaptureFileOutput(const CaptureFileOutput &) = delete;
    CaptureFileOutput &operator=(const CaptureFileOutput &) = delete;

    // Creates (or truncates) the file; `application` names the writer in a
    // pcapng section header.
    bool open(const QString &fileName, Format format, const QByteArray &application);
    bool isOpen() const;
    // One packet; `comment` may be null or empty (none; pcap: ignored).
    bool writePacket(int interfaceId, qint64 timeUs, const uint8_t *data, size_t size,
                     const QByteArray *comment);
    // One line of text on the text interface, for the data-text-lines dissector.
    bool writeText(qint64 timeUs, const QByteArray &line, const QByteArray *comment);
    bool flush();
    bool close();
    qint64 bytesWritten() const; // headers included
    // Why the last call failed, untranslated as the system or wiretap says it.
    QString errorReason() const { return m_reason; }

private:
    bool fail(int err, const char *detail);
    // A packet block carrying `comment` (pcapng).
    wtap_block *commentBlock(const QByteArray &comment);

    struct Wiretap;
    struct Pcap;
    std::unique_ptr<Wiretap> m_wiretap;
    std::unique_ptr<Pcap> m_pcap;
    QString m_reason;
};
