// Reading a capture file into the store: events per second for a file of
// 1,000,000 events, made here with libpcap as tcpdump would write it.
// run_bench.py times `tcpdump -r FILE -w OUT` on the same file for the ratio.
//
//   socketscope-bench-capture-read --generate FILE --events N --kind udp|tcp
//   socketscope-bench-capture-read --read FILE
//
// Prints one JSON object per run.
#include "capturefiles.h"
#include "capturereader.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>

using namespace CaptureFiles;

namespace {

constexpr int64_t Start = 1700000000000000;

// UDP: every datagram one event. TCP: one connection whose two sides take
// turns, every segment one in-order delivery, so one event each.
int generate(const QString &path, int events, bool tcp)
{
    PcapWriter w(path, Ethernet);
    if (!w.isOpen()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 1;
    }
    const QByteArray payload(64, 'p');
    const Host client{"127.0.0.1", 40000};
    const Host server{"127.0.0.1", 9999};
    if (!tcp) {
        const Bytes toServer = framed(Ethernet, udpPacket(client, server, payload));
        const Bytes toClient = framed(Ethernet, udpPacket(server, client, payload));
        for (int i = 0; i < events; ++i)
            w.write(Start + i, i % 2 ? toClient : toServer);
        return 0;
    }
    Conversation c(&w, Ethernet, client, server, Start);
    c.handshake();
    // Building every segment with libtins would measure the generator: the
    // segments are patched copies of two templates instead.
    uint32_t seq[2] = {c.clientSeq(), c.serverSeq()};
    Bytes frames[2] = {framed(Ethernet, tcpPacket(client, server, 0, 0, Tins::TCP::ACK, payload)),
                       framed(Ethernet, tcpPacket(server, client, 0, 0, Tins::TCP::ACK, payload))};
    const size_t tcpHeader = 14 + 20;
    for (int i = 0; i < events - 1; ++i) {
        const int side = i % 2;
        Bytes &f = frames[side];
        const uint32_t s = seq[side];
        const uint32_t a = seq[1 - side];
        const uint8_t numbers[8] = {uint8_t(s >> 24), uint8_t(s >> 16), uint8_t(s >> 8),
                                    uint8_t(s),       uint8_t(a >> 24), uint8_t(a >> 16),
                                    uint8_t(a >> 8),  uint8_t(a)};
        std::memcpy(f.data() + tcpHeader + 4, numbers, 8); // checksums are not checked
        w.write(Start + 10000 + i, f);
        seq[side] += uint32_t(payload.size());
    }
    return 0;
}

int read(const QString &path)
{
    TrafficStore store;
    store.setMemoryCap(1024LL * 1024 * 1024); // all of it kept: the reading is measured
    CaptureReader reader;
    QElapsedTimer timer;
    timer.start();
    const CaptureReadResult result = reader.read(path, &store);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!result.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(result.message));
        return 1;
    }
    std::printf("{\"events\":%llu,\"packets\":%llu,\"file_bytes\":%lld,\"seconds\":%.6f,"
                "\"events_per_s\":%.0f,\"packets_per_s\":%.0f,\"gaps\":%llu}\n",
                static_cast<unsigned long long>(result.events),
                static_cast<unsigned long long>(result.packets), QFileInfo(path).size(), seconds,
                double(result.events) / seconds, double(result.packets) / seconds,
                static_cast<unsigned long long>(result.gaps));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype generateAt = args.indexOf(QStringLiteral("--generate"));
    const qsizetype readAt = args.indexOf(QStringLiteral("--read"));
    if (generateAt > 0 && generateAt + 1 < args.size()) {
        const qsizetype eventsAt = args.indexOf(QStringLiteral("--events"));
        const int events = eventsAt > 0 ? args.value(eventsAt + 1).toInt() : 1000000;
        const bool tcp = args.value(args.indexOf(QStringLiteral("--kind")) + 1) == u"tcp";
        return generate(args.at(generateAt + 1), events, tcp);
    }
    if (readAt > 0 && readAt + 1 < args.size())
        return read(args.at(readAt + 1));
    std::fprintf(stderr, "usage: %s --generate FILE --events N --kind udp|tcp | --read FILE\n",
                 argv[0]);
    return 2;
}
