// Memory of the event store: bytes per recorded event beyond its payload, and
// resident memory under an endless flood with a small cap (it must plateau at
// the cap plus a constant). Prints one JSON object; run_bench.py makes the table.
#include "trafficstore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <unistd.h>

namespace {

qint64 residentBytes()
{
    long pages = 0;
    long resident = 0;
    FILE *f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return -1;
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = -1;
    std::fclose(f);
    return qint64(resident) * sysconf(_SC_PAGESIZE);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));

    // 1. Bytes per event without payload, at 1,000,000 events.
    const int events = 1000000;
    qint64 perEventRss = 0;
    qint64 perEventAccounted = 0;
    {
        TrafficStore store;
        store.setMemoryCap(qint64(4) * 1024 * 1024 * 1024);
        store.append(1, 0, 0, EventKind::Opened); // first chunk, first page of the deque
        const qint64 before = residentBytes();
        for (int i = 0; i < events; ++i)
            store.append(1, 1, 1, EventKind::Opened);
        perEventRss = (residentBytes() - before) / events;
        perEventAccounted = store.totals().memoryUsed / (events + 1);
    }

    // 2. An endless flood of 64-byte payloads into a store capped at 64 MiB:
    //    resident memory is sampled as it goes; bounded in count and time.
    const qint64 cap = 64 * 1024 * 1024;
    const qint64 floodEvents = quick ? 3000000 : 20000000;
    const qint64 baseline = residentBytes();
    qint64 peak = 0;
    qint64 lastHalfMin = -1;
    qint64 lastHalfMax = 0;
    qint64 appended = 0;
    quint64 evicted = 0;
    QElapsedTimer clock;
    clock.start();
    {
        TrafficStore store;
        store.setMemoryCap(cap);
        const QByteArray payload(64, 'x');
        for (; appended < floodEvents && clock.elapsed() < 60000; ++appended) {
            store.append(1, 1, 1, EventKind::Received, payload);
            if (appended % 100000 == 0) {
                const qint64 rss = residentBytes();
                peak = qMax(peak, rss);
                if (appended > floodEvents / 2) {
                    lastHalfMin = lastHalfMin < 0 ? rss : qMin(lastHalfMin, rss);
                    lastHalfMax = qMax(lastHalfMax, rss);
                }
            }
        }
        evicted = store.totals().evicted;
    }
    const double seconds = clock.elapsed() / 1000.0;
    std::printf("{\"events\":%d,\"bytes_per_event_rss\":%lld,\"bytes_per_event_accounted\":%lld,"
                "\"event_struct_bytes\":%d,\"flood_events\":%lld,\"flood_seconds\":%.2f,"
                "\"flood_events_per_s\":%.0f,\"evicted\":%llu,\"cap_bytes\":%lld,"
                "\"baseline_rss\":%lld,\"peak_rss\":%lld,\"last_half_min_rss\":%lld,"
                "\"last_half_max_rss\":%lld}\n",
                events, (long long)perEventRss, (long long)perEventAccounted,
                int(sizeof(TrafficEvent)), (long long)appended, seconds, appended / seconds,
                (unsigned long long)evicted, (long long)cap, (long long)baseline, (long long)peak,
                (long long)lastHalfMin, (long long)lastHalfMax);
    return 0;
}
