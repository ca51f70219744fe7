// Writing capture files: a store filled with 1,000,000 events of TCP hello
// conversations (opened, "Welcome!", a name, the reply, closed: 5 events and
// 9 packets per connection) is written to pcapng and to pcap with the same
// export the window uses. Prints one JSON object with the seconds of each
// write and the file names; run_bench.py times tcpdump -r FILE -w OUT on the
// same files for the reference and makes the table.
//
//   socketscope-bench-capture-write --dir DIR [--events N] [--only pcapng|pcap]
//
// --only writes one of the two (for profiling one writer).
#include "capture/captureexport.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>
#include <ctime>

namespace {

// CPU seconds of this process: on a shared machine the wall clock also counts
// the time other programs had the processor.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype dirAt = args.indexOf(QStringLiteral("--dir"));
    const qsizetype eventsAt = args.indexOf(QStringLiteral("--events"));
    const qsizetype onlyAt = args.indexOf(QStringLiteral("--only"));
    const QString only = onlyAt >= 0 && onlyAt + 1 < args.size() ? args.at(onlyAt + 1) : QString();
    if (dirAt < 0 || dirAt + 1 >= args.size()) {
        std::fputs(
            "usage: socketscope-bench-capture-write --dir DIR [--events N] [--only pcapng|pcap]\n",
            stderr);
        return 2;
    }
    const QDir dir(args.at(dirAt + 1));
    const qint64 wanted =
        eventsAt >= 0 && eventsAt + 1 < args.size() ? args.at(eventsAt + 1).toLongLong() : 1000000;

    TrafficStore store;
    store.setMemoryCap(qint64(8) * 1024 * 1024 * 1024); // nothing evicted
    store.setSessionName(1, QStringLiteral("TCP server 127.0.0.1:9999"));
    const QString local = QStringLiteral("127.0.0.1:9999");
    for (qint64 i = 0; qint64(store.lastSeq()) < wanted; ++i) {
        const QString peer =
            QStringLiteral("127.0.0.%1:%2").arg(2 + i / 60000).arg(1024 + i % 60000);
        const AddressId a = store.addAddresses(local, peer);
        const ConnectionId c = store.openConnection(1, a, false);
        store.append(1, c, a, EventKind::Opened);
        store.append(1, c, a, EventKind::Sent, "Welcome!");
        store.append(1, c, a, EventKind::Received, "Michael");
        store.append(1, c, a, EventKind::Sent, "Hello, Michael!");
        store.append(1, c, a, EventKind::Closed, "Closed", Closer::Peer);
    }

    QByteArray json = "{\"events\":" + QByteArray::number(store.lastSeq());
    for (const char *ext : {"pcapng", "pcap"}) {
        if (!only.isEmpty() && only != QLatin1String(ext))
            continue;
        const QString file = dir.filePath(QStringLiteral("bench.") + QLatin1String(ext));
        QString error;
        QElapsedTimer clock;
        clock.start();
        const double cpuStart = cpuSeconds();
        if (!CaptureExport::writeStore(store, file, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        const double cpu = cpuSeconds() - cpuStart;
        json += ",\"" + QByteArray(ext) + "_s\":" + QByteArray::number(seconds, 'f', 4) + ",\"" +
                QByteArray(ext) + "_cpu_s\":" + QByteArray::number(cpu, 'f', 4) + ",\"" +
                QByteArray(ext) + "_file\":\"" + file.toUtf8() + "\",\"" + QByteArray(ext) +
                "_bytes\":" + QByteArray::number(QFileInfo(file).size());
    }
    json += "}\n";
    std::fputs(json.constData(), stdout);
    return 0;
}
