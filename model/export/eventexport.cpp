#include "eventexport.h"

#include "eventformat.h"
#include "exportformats.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QIODevice>
#include <QLocale>

#include <algorithm>
#include <vector>

namespace EventExport {

namespace {

constexpr quint64 BatchEvents = 512;        // events read per lock of the store
constexpr qsizetype BlockBytes = 64 * 1024; // written to the device at once

QString tr(const char *text)
{
    return QCoreApplication::translate("EventExport", text);
}

// Collects the text of whole events and hands it to the device in blocks,
// counting the events each block carries so a failure knows how many arrived.
class BlockWriter
{
public:
    explicit BlockWriter(QIODevice *device)
        : m_device(device)
    {
        m_buffer.reserve(BlockBytes + BlockBytes / 4);
    }

    QByteArray &buffer() { return m_buffer; }
    void eventAdded() { ++m_pendingEvents; }
    quint64 written() const { return m_written; }
    const QString &error() const { return m_error; }

    bool flushIfFull() { return m_buffer.size() < BlockBytes || flush(); }
    bool flush()
    {
        if (!m_buffer.isEmpty()) {
            const qint64 n = m_device->write(m_buffer);
            if (n != m_buffer.size()) {
                m_error = m_device->errorString();
                if (m_error.isEmpty() || n >= 0)
                    m_error = tr("the device accepted only part of the data");
                return false;
            }
            m_buffer.clear();
        }
        m_written += m_pendingEvents;
        m_pendingEvents = 0;
        return true;
    }

private:
    QIODevice *m_device;
    QByteArray m_buffer;
    quint64 m_pendingEvents = 0;
    quint64 m_written = 0;
    QString m_error;
};

// Every name of a format in one row, so a new format is one more row.
struct FormatNames
{
    Format format;
    const char *name; // translated
    const char *suffix;
    const char *filter; // translated
    const char *key;
};

constexpr FormatNames Names[] = {
    {Format::Csv, QT_TRANSLATE_NOOP("EventExport", "CSV"), "csv",
     QT_TRANSLATE_NOOP("EventExport", "CSV files (*.csv)"), "csv"},
    {Format::JsonLines, QT_TRANSLATE_NOOP("EventExport", "JSON lines"), "jsonl",
     QT_TRANSLATE_NOOP("EventExport", "JSON lines (*.jsonl *.ndjson)"), "jsonl"},
    {Format::Transcript, QT_TRANSLATE_NOOP("EventExport", "Transcript"), "txt",
     QT_TRANSLATE_NOOP("EventExport", "Text files (*.txt)"), "transcript"},
};

// One column of the format's row, translated or as it is.
QString column(Format format, const char *FormatNames::*field, bool translated)
{
    for (const FormatNames &names : Names) {
        if (names.format == format)
            return translated ? tr(names.*field) : QString::fromLatin1(names.*field);
    }
    return {};
}

} // namespace

QString formatName(Format format)
{
    return column(format, &FormatNames::name, true);
}

QString fileSuffix(Format format)
{
    return column(format, &FormatNames::suffix, false);
}

QString nameFilter(Format format)
{
    return column(format, &FormatNames::filter, true);
}

QString formatKey(Format format)
{
    return column(format, &FormatNames::key, false);
}

bool formatFromKey(const QString &key, Format *format)
{
    for (Format f : Formats) {
        if (formatKey(f) == key) {
            *format = f;
            return true;
        }
    }
    return false;
}

QString Result::summary(const QString &fileName) const
{
    const QLocale locale;
    QString text;
    if (!error.isEmpty()) {
        text = tr("Could not write %1: %2.").arg(fileName, error);
        if (written > 0 || selected > 0)
            text +=
                QLatin1Char(' ') + tr("The file is incomplete: %1 of %2 events were written.")
                                       .arg(locale.toString(written), locale.toString(selected));
        return text;
    }
    if (cancelled)
        return tr("Export to %1 cancelled; the file is incomplete: %2 of %3 events were written.")
            .arg(fileName, locale.toString(written), locale.toString(selected));
    text = written == 1 ? tr("Exported 1 event to %1.").arg(fileName)
                        : tr("Exported %1 events to %2.").arg(locale.toString(written), fileName);
    if (evicted > 0)
        text += QLatin1Char(' ') +
                tr("%1 selected events were evicted by the memory cap before they could be "
                   "written.")
                    .arg(locale.toString(evicted));
    return text;
}

Result write(const TrafficStore &store, const ExportSelection &selection, Format format,
             QIODevice *device, Progress *progress)
{
    Result result;
    result.selected = selection.count();
    ExportFormatter formatter(store);
    BlockWriter writer(device);
    QByteArray &out = writer.buffer();
    if (format == Format::Csv)
        out.append(ExportFormatter::csvHeader());

    quint64 handled = 0;
    for (const auto &[first, last] : selection.runs()) {
        for (quint64 from = first; from <= last; from += BatchEvents) {
            if (progress && progress->cancel.load(std::memory_order_relaxed)) {
                result.cancelled = true;
                break;
            }
            const quint64 to = std::min(last, from + BatchEvents - 1);
            const QList<TrafficEvent> events = store.events(from, to);
            // Events gone before the batch was read, then any gone meanwhile.
            result.evicted += (to - from + 1) - quint64(events.size());
            for (const TrafficEvent &event : events) {
                const qsizetype start = out.size();
                switch (format) {
                case Format::Csv:
                    formatter.appendCsv(out, event, store.payload(event));
                    break;
                case Format::JsonLines:
                    out.append(EventFormat::toJson(event, store)).append('\n');
                    break;
                case Format::Transcript:
                    formatter.appendTranscript(out, event, store.payload(event));
                    break;
                }
                // The store may have evicted the event since `events` copied
                // it, and an evicted payload reads as empty: such an event is
                // dropped and counted, never written with missing bytes.
                if (event.payloadSize > 0 && store.firstSeq() > event.seq) {
                    out.truncate(start);
                    ++result.evicted;
                    continue;
                }
                writer.eventAdded();
                if (!writer.flushIfFull())
                    break;
            }
            handled += to - from + 1;
            if (progress)
                progress->done.store(handled, std::memory_order_relaxed);
            if (!writer.error().isEmpty())
                break;
            if (to == last)
                break; // `from += BatchEvents` could wrap past the largest seq
        }
        if (result.cancelled || !writer.error().isEmpty())
            break;
    }
    if (writer.error().isEmpty() && !result.cancelled)
        writer.flush();
    result.written = writer.written();
    result.error = writer.error();
    return result;
}

Result writeFile(const TrafficStore &store, const ExportSelection &selection, Format format,
                 const QString &fileName, Progress *progress)
{
    QFile file(fileName);
    // Unbuffered: the exporter writes 64 KiB blocks itself, and a full disk
    // must show up at the write that failed, not at a later flush.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        Result result;
        result.selected = selection.count();
        result.error = file.errorString();
        return result;
    }
    Result result = write(store, selection, format, &file, progress);
    file.close();
    if (result.error.isEmpty() && file.error() != QFileDevice::NoError)
        result.error = file.errorString();
    return result;
}

} // namespace EventExport
