#pragma once

#include "roundtrip.h"
#include "trafficstore.h"

#include <QByteArray>
#include <QObject>

// A headless session's standard output: every event the store records, as a
// readable line, a JSON object (--json) or, for a client, the received bytes
// alone (--raw). It follows the store at its own pace, in large blocks, and
// says on stderr when the memory cap evicted events before they were printed.
class EventPrinter : public QObject
{
    Q_OBJECT

public:
    enum class Format { Lines, Json, Raw };

    EventPrinter(const TrafficStore &store, Format format, QObject *parent = nullptr);

    // Prints from the next event the store records on, not what it holds now.
    void skipRecorded();
    // Prints the events recorded since the last call.
    void printNew();
    // Writes bytes to standard output as they are, unless an earlier write failed.
    void write(const QByteArray &bytes);
    bool hasFailed() const { return m_failed; }
    // The round trips of the replies printed so far.
    const RoundTrip::Tally &roundTrips() const { return m_roundTrips; }

Q_SIGNALS:
    // Standard output could not be written (said on stderr); nothing more is.
    void failed();

private:
    void printUpTo(quint64 last);

    const TrafficStore &m_store;
    const Format m_format;
    quint64 m_printedUpTo = 0;
    bool m_failed = false;
    static constexpr qsizetype OutputBlock = 256 * 1024; // written to stdout at once
    QByteArray m_out;                                    // reused by printUpTo()
    TrafficStore::EventBatch m_batch;                    // reused by printUpTo()
    RoundTrip::Tally m_roundTrips;
};
