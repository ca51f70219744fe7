// Capture files: any bytes given to the reader as a file (pcap, pcapng, or
// anything else wiretap recognises), foreign traffic and SocketScope's own
// recorded files alike.
//
// Properties: nothing crashes; memory stays bounded (libFuzzer's -rss_limit_mb
// and a small store cap); a file that cannot be opened adds nothing and says
// why; what the result counts is what reached the store; a read cut short
// says where.
//
// Seeds (corpus/fuzz_capture/): a pcap with a TCP conversation and a UDP
// datagram on Ethernet, the same as pcapng (editcap -F pcapng), a raw-IP pcap
// with a fragmented datagram and an IPv6 segment, and a pcapng written by
// socketscope tcp-server --write (events restored from packet comments).

#include "capturereader.h"
#include "fuzzsupport.h"
#include "trafficstore.h"

#include <QCoreApplication>

#include <sys/mman.h>
#include <unistd.h>

namespace {

// One in-memory file, rewritten for every input: wiretap opens files by name.
int memoryFile()
{
    static const int fd = memfd_create("fuzz-capture", 0);
    return fd;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const int fd = memoryFile();
    FUZZ_CHECK(fd >= 0, QStringLiteral("memfd_create failed"));
    FUZZ_CHECK(ftruncate(fd, 0) == 0, QString());
    FUZZ_CHECK(pwrite(fd, data, size, 0) == ssize_t(size), QString());
    const QString path = QStringLiteral("/proc/self/fd/%1").arg(fd);

    TrafficStore store;
    store.setMemoryCap(4 * 1024 * 1024);
    QList<QString> sessions;
    CaptureReader reader;
    reader.setSessionAllocator([&](const QString &name, SessionId) {
        sessions.append(name);
        return SessionId(sessions.size());
    });
    const CaptureReadResult result = reader.read(path, &store);

    const QString shown = Fuzz::show(Fuzz::bytes(data, std::min<size_t>(size, 64)));
    if (result.status == CaptureReadResult::Status::CannotOpen) {
        FUZZ_CHECK(!result.message.isEmpty(), shown);
        FUZZ_CHECK(result.openError != CaptureReadResult::OpenError::None, shown);
        FUZZ_CHECK(store.lastSeq() == 0 && result.packets == 0, shown);
        return 0;
    }
    FUZZ_CHECK(result.status != CaptureReadResult::Status::Cancelled, shown);
    FUZZ_CHECK(store.lastSeq() == result.events, shown + u": " + QString::number(result.events) +
                                                     u" events, last seq " +
                                                     QString::number(store.lastSeq()));
    FUZZ_CHECK(result.tcpPackets + result.udpPackets + result.skippedPackets <= result.packets,
               shown);
    if (result.status == CaptureReadResult::Status::Truncated) {
        FUZZ_CHECK(result.stoppedAtPacket == result.packets + 1, shown);
        FUZZ_CHECK(result.stoppedAtOffset >= 0 && !result.message.isEmpty(), shown);
    }
    if (result.packets > 0 && !result.recorded)
        FUZZ_CHECK(sessions.size() == 1, shown);
    return 0;
}
