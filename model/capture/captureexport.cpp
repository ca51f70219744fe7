#include "capture/captureexport.h"

#include "capture/capturewriter.h"
#include "trafficstore.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace CaptureExport {

namespace {

constexpr quint64 Batch = 4096;
// Payloads read at once: a batch of large datagrams stays a few MiB.
constexpr qint64 BatchBytes = 4 * 1024 * 1024;

// A half-written file helps nobody; but only a regular file is removed, never
// a device such as /dev/full or a named pipe the user wrote to.
void removePartial(const QString &fileName)
{
    const QFileInfo info(fileName);
    if (info.isFile() && !info.isSymLink())
        QFile::remove(fileName);
}

bool finish(CaptureWriter &writer, bool ok, bool cancelled, QString *error)
{
    if (!writer.close())
        ok = false;
    if (cancelled) {
        removePartial(writer.fileName());
        error->clear();
        return false;
    }
    if (!ok) {
        *error = writer.errorString();
        removePartial(writer.fileName());
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
    TrafficStore::EventBatch batch;
    for (quint64 next = from; next <= to && to >= from;) {
        store.readBatch(next, std::min(to, next + Batch - 1), BatchBytes, &batch);
        if (batch.events.isEmpty())
            break; // evicted meanwhile
        for (qsizetype i = 0; i < batch.events.size(); ++i) {
            if (!writer.writeEvent(batch.events.at(i), batch.payload(i), store))
                return finish(writer, false, false, error);
        }
        next = batch.events.last().seq + 1;
        done += quint64(batch.events.size());
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
    if (progress && done % Batch != 0)
        progress(done, total); // the last partial batch: callers report the final count
    return finish(writer, true, false, error);
}

} // namespace CaptureExport
