#pragma once

#include "trafficevent.h"

#include <QMetaType>
#include <QString>

#include <atomic>
#include <functional>

class TrafficStore;

// What reading a capture file gave. A file can be read whole (Ok), cut short
// by damage part way (Truncated: what came before is in the store), not be a
// capture at all (CannotOpen), or be stopped by the user (Cancelled).
struct CaptureReadResult
{
    enum class Status { Ok, Truncated, CannotOpen, Cancelled };
    enum class OpenError { None, NoSuchFile, IsDirectory, Permission, NotACapture, Other };

    Status status = Status::Ok;
    OpenError openError = OpenError::None;
    // In words, for people: why the file cannot be opened, or where and why
    // reading stopped ("packet 12, byte 4096: ...").
    QString message;
    QString format;        // e.g. "Wireshark/... - pcapng"
    bool recorded = false; // restored from SocketScope's event comments

    quint64 packets = 0; // packets read from the file
    quint64 tcpPackets = 0;
    quint64 udpPackets = 0;
    quint64 skippedPackets = 0; // neither TCP nor UDP, or an unsupported link type
    quint64 gaps = 0;           // TCP holes reported as error events
    quint64 missingBytes = 0;   // their total size
    quint64 events = 0;         // events appended to the store

    // Where a Truncated read stopped: the number of the first packet that could
    // not be read (1-based) and the file offset reached.
    quint64 stoppedAtPacket = 0;
    qint64 stoppedAtOffset = 0;

    bool ok() const { return status == Status::Ok; }
};
Q_DECLARE_METATYPE(CaptureReadResult)

// Reads a pcap or pcapng file (from tcpdump, dumpcap/Wireshark or SocketScope)
// into a TrafficStore as read-only session(s), keeping the capture's times.
// Pure logic over a file: no widgets, no event loop; read() runs on the
// caller's thread from start to end (CaptureLoader puts it on a worker).
//
// - A SocketScope pcapng (packets with "SocketScope event {...}" comments) is
//   restored event by event: sessions, connections, directions, closers and
//   non-wire events as recorded (see recordedevents.h).
// - Any other capture is foreign traffic: one session named after the file,
//   one connection per TCP stream and per UDP address pair; TCP reassembled
//   per direction by libtins, a hole reported as an error event naming the
//   missing byte count (see foreigntraffic.h).
//
// The file is streamed: packets are read one at a time and events reach the
// store in batches, so memory does not grow with the file.
class CaptureReader
{
public:
    // Returns the store session id to use for a session of this name.
    // `recorded` is the session id saved in a SocketScope file (0 for a
    // foreign capture), for callers that want to keep it.
    using SessionAllocator = std::function<SessionId(const QString &name, SessionId recorded)>;
    // Bytes of the file read so far and its size. Called after each batch has
    // reached the store, on read()'s thread.
    using ProgressCallback = std::function<void(qint64 done, qint64 total)>;

    CaptureReader();

    void setSessionAllocator(SessionAllocator allocator) { m_allocator = std::move(allocator); }
    void setProgressCallback(ProgressCallback progress) { m_progress = std::move(progress); }
    // Checked between packets: when it becomes true, read() stops soon and
    // returns Cancelled (what was read stays in the store).
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }

    CaptureReadResult read(const QString &path, TrafficStore *store);

    // The session name of a foreign capture: "capture http.pcapng".
    static QString sessionNameFor(const QString &path);

private:
    SessionAllocator m_allocator;
    ProgressCallback m_progress;
    const std::atomic_bool *m_cancel = nullptr;
};
