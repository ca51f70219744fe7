#pragma once

#include "exportselection.h"

#include <QString>

#include <atomic>

class QIODevice;
class TrafficStore;

// Writes recorded events to a file as CSV, JSON lines or a transcript (see
// ExportFormatter for each layout; JSON lines are EventFormat::toJson, the
// objects of the headless --json). Streams: events are read from the store in
// batches and written in blocks of about 64 KiB, so exporting a million events
// needs no more memory than exporting ten. Takes the store's lock once per
// batch only, and may run on any thread.
namespace EventExport {

enum class Format { Csv, JsonLines, Transcript };
inline constexpr Format Formats[] = {Format::Csv, Format::JsonLines, Format::Transcript};

// "CSV", "JSON lines", "Transcript" (translated).
QString formatName(Format format);
// "csv", "jsonl", "txt".
QString fileSuffix(Format format);
// For a file dialog: "CSV files (*.csv)" (translated).
QString nameFilter(Format format);
// Stable names for settings: "csv", "jsonl", "transcript".
QString formatKey(Format format);
bool formatFromKey(const QString &key, Format *format);

// Shared with the thread that runs the export: set `cancel` to stop it; `done`
// counts the selected events handled so far (written or found evicted).
struct Progress
{
    std::atomic_bool cancel{false};
    std::atomic<quint64> done{0};
};

struct Result
{
    quint64 selected = 0;
    quint64 written = 0; // events whose text reached the device whole
    quint64 evicted = 0; // selected, but gone from the store before they were read
    bool cancelled = false;
    QString error; // what the device said when a write failed (or the file did not open)

    // True when every selected event still kept was written and nothing failed.
    bool complete() const { return error.isEmpty() && !cancelled; }
    // One or two translated sentences for the status bar or a message box:
    // "Exported 1,234 events to /tmp/log.csv." or, after a failure, what
    // failed, how much was written and that the file is incomplete.
    QString summary(const QString &fileName) const;
};

// Writes to an open device. A failed write stops the export; Result::written
// then counts the events before the failed block.
Result write(const TrafficStore &store, const ExportSelection &selection, Format format,
             QIODevice *device, Progress *progress = nullptr);
// Creates or truncates the file, writes, and checks that closing it worked.
Result writeFile(const TrafficStore &store, const ExportSelection &selection, Format format,
                 const QString &fileName, Progress *progress = nullptr);

} // namespace EventExport
