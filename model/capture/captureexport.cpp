#include "capture/captureexport.h"

#include "capture/capturewriter.h"
#include "trafficstore.h"

#include <QFile>

#include <algorithm>

namespace CaptureExport {

namespace {

constexpr quint64 Batch = 4096;

bool finish(CaptureWriter &writer, bool ok, bool cancelled, QString *error)
{
    if (!writer.close())
        ok = false;
    if (cancelled) {
        QFile::remove(writer.fileName());
        error->clear();
        return false;
    }
    if (!ok) {
        *error = writer.errorString();
        QFile::remove(writer.fileName()); // a half-written file helps nobody
    }
    return ok;
}

} // namespace

bool writeStore(const TrafficStore &store, const QString &fileName, QString *error,
                const Progress &progress)
{
    return writeRange(store, store.firstSeq(), store.lastSeq(), fileName, error, progress);
}

bool writeRange(const TrafficStore &store, quint64 from, quint64 to, const QString &fileName,
                QString *error, const Progress &progress)
{
    CaptureWriter writer;
    if (!writer.open(fileName)) {
        *error = writer.errorString();
        return false;
    }
    from = std::max(from, store.firstSeq());
    to = std::min(to, store.lastSeq());
    const quint64 total = to >= from ? to - from + 1 : 0;
    quint64 done = 0;
    for (quint64 next = from; next <= to && to >= from;) {
        const QList<TrafficEvent> events = store.events(next, std::min(to, next + Batch - 1));
        if (events.isEmpty())
            break; // evicted meanwhile
        for (const TrafficEvent &event : events) {
            if (!writer.writeEvent(event, store))
                return finish(writer, false, false, error);
        }
        next = events.last().seq + 1;
        done += quint64(events.size());
        if (progress && !progress(done, total))
            return finish(writer, true, true, error);
    }
    return finish(writer, true, false, error);
}

bool writeEvents(const TrafficStore &store, QList<quint64> seqs, const QString &fileName,
                 QString *error, const Progress &progress)
{
    CaptureWriter writer;
    if (!writer.open(fileName)) {
        *error = writer.errorString();
        return false;
    }
    std::sort(seqs.begin(), seqs.end());
    seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
    const quint64 total = quint64(seqs.size());
    quint64 done = 0;
    for (const quint64 seq : std::as_const(seqs)) {
        TrafficEvent event;
        if (store.event(seq, &event) && !writer.writeEvent(event, store))
            return finish(writer, false, false, error);
        if (++done % Batch == 0 && progress && !progress(done, total))
            return finish(writer, true, true, error);
    }
    return finish(writer, true, false, error);
}

} // namespace CaptureExport
