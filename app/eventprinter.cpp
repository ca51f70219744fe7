#include "eventprinter.h"

#include "eventformat.h"
#include "standardstreams.h"
#include "trafficstore.h"

#include <climits>
#include <cstring>
#include <unistd.h>

using StandardStreams::printError;

EventPrinter::EventPrinter(const TrafficStore &store, Format format, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_format(format)
{}

void EventPrinter::skipRecorded()
{
    m_printedUpTo = m_store.lastSeq();
}

void EventPrinter::write(const QByteArray &bytes)
{
    if (m_failed || bytes.isEmpty())
        return;
    const int error = StandardStreams::writeAll(STDOUT_FILENO, bytes.constData(), bytes.size());
    if (error == 0)
        return;
    // A full disk or a closed pipe: what follows would be lost too, and a
    // script must not take a truncated --raw file for a complete one.
    m_failed = true;
    printError(tr("Cannot write to standard output: %1. Stopping.")
                   .arg(QString::fromLocal8Bit(std::strerror(error))));
    Q_EMIT failed();
}

void EventPrinter::printNew()
{
    const quint64 last = m_store.lastSeq();
    if (last > m_printedUpTo)
        printUpTo(last);
}

// The events come from TrafficStore::readBatch(), their payloads with them:
// one lock and one copy per block instead of a lock, an allocation and a copy
// per event (a third of the instructions of printing a hello exchange).
void EventPrinter::printUpTo(quint64 last)
{
    // One buffer for the whole run, written in large blocks: emptied with
    // resize(0), which keeps its capacity (clear() would free it, and a flood
    // would pay for growing it again every block).
    QByteArray &out = m_out;
    while (m_printedUpTo < last) {
        // Events evicted before they could be printed are said so, never
        // skipped silently (only when a flood outruns the printer by more
        // than the memory cap: a datagram session or a relay, which do not
        // wait for the printer, or a tiny --memory-cap).
        const quint64 first = m_store.firstSeq();
        if (first > m_printedUpTo + 1) {
            const quint64 lost = first - m_printedUpTo - 1;
            printError(tr("%n event(s) were evicted by the memory cap before they were printed.",
                          nullptr, int(qMin<quint64>(lost, INT_MAX))));
            m_printedUpTo = first - 1;
            continue;
        }
        const quint64 from = m_printedUpTo + 1;
        // Payloads of up to half a block: their JSON (text and hex) fills it.
        m_store.readBatch(from, qMin(last, from + 4095), OutputBlock / 2, &m_batch);
        const QList<TrafficEvent> &events = m_batch.events;
        if (events.isEmpty())
            continue; // evicted meanwhile: said above on the next turn
        // The round trips of the whole block under one lock, recorded with
        // their events (so all there): a lookup per received event cost a
        // lock and a search each.
        const QList<RoundTrip::Mark> marks = m_store.roundTrips(from, events.constLast().seq);
        auto mark = marks.cbegin();
        const auto rttOf = [&mark, &marks](const TrafficEvent &ev) -> qint64 {
            if (ev.kind != EventKind::Received)
                return -1;
            while (mark != marks.cend() && mark->seq < ev.seq)
                ++mark;
            return mark != marks.cend() && mark->seq == ev.seq ? mark->us : -1;
        };
        out.resize(0);
        qsizetype formatted = 0;
        for (const TrafficEvent &ev : events) {
            const QByteArrayView payload = m_batch.payload(formatted);
            switch (m_format) {
            case Format::Json:
                EventFormat::appendJson(out, ev, m_store, payload, rttOf(ev));
                out.append('\n');
                break;
            case Format::Lines:
                EventFormat::appendLine(out, ev, m_store, rttOf(ev));
                out.append('\n');
                break;
            case Format::Raw:
                if (ev.kind == EventKind::Received)
                    out.append(payload);
                else if (ev.kind == EventKind::Error)
                    printError(QString::fromUtf8(payload));
                break;
            }
            ++formatted;
            if (out.size() >= OutputBlock)
                break;
        }
        // Eviction goes from the front: when the first of these is still
        // kept, every payload was there while it was copied. Otherwise the
        // loop says what was lost and goes on from what is left.
        if (formatted == 0 || m_store.firstSeq() > from)
            continue;
        // Taken before write(): a failed write stops the run, which prints
        // what is left through this function again, into the same batch.
        const quint64 done = events.at(formatted - 1).seq;
        for (const RoundTrip::Mark &m : marks) {
            if (m.seq > done)
                break;
            m_roundTrips.add(m.us);
        }
        write(out);
        m_printedUpTo = done;
    }
    out.resize(0);
    // A burst's block is kept for the next one; a huge one (a single
    // datagram of 64 KiB as hex) is not.
    if (out.capacity() > 4 * OutputBlock)
        out.squeeze();
}
