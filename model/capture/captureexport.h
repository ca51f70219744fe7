#pragma once

#include <QList>
#include <QString>

#include <functional>

class TrafficStore;

// One-shot export of recorded events to a capture file (pcapng, or pcap by
// the ".pcap" extension), with the same CaptureWriter as live recording.
// Thread-safe against a store still being appended to: it reads events and
// payloads under the store's lock, a batch at a time, so it may run on a
// worker thread while the engine records.
namespace CaptureExport {

// Called every few thousand events with (written, total); return false to
// cancel (the partial file is removed and *error is empty).
using Progress = std::function<bool(quint64 done, quint64 total)>;

// Every event still kept in the store.
bool writeStore(const TrafficStore &store, const QString &fileName, QString *error,
                const Progress &progress = {});
// Events [from, to] (clipped to the kept range).
bool writeRange(const TrafficStore &store, quint64 from, quint64 to, const QString &fileName,
                QString *error, const Progress &progress = {});
// The given events (e.g. the selected or filtered rows), written in seq order;
// seqs no longer kept are skipped. A TCP connection whose "opened" event is not
// among them starts mid-stream, with consistent sequence numbers.
bool writeEvents(const TrafficStore &store, QList<quint64> seqs, const QString &fileName,
                 QString *error, const Progress &progress = {});

} // namespace CaptureExport
