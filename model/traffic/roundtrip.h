#pragma once

#include "trafficevent.h"

#include <QList>
#include <QLocale>
#include <QString>

#include <deque>
#include <unordered_map>
#include <utility>
#include <vector>

// Round-trip times: how long a peer took to answer.
//
// A received message answers a sent one when it is the first data received on
// the same conversation (a TCP connection, or one UDP peer: both are one
// ConnectionId in the store) after data was sent. Its round trip is measured
// from the FIRST send since the previous receive, not the last: when a request
// leaves in several writes (a macro, a file, "Hello" then "\n"), the peer's
// clock starts with the first of them, and timing from the last would report a
// reply as faster than it was. Later receives before the next send are the rest
// of the same answer (a TCP reply split by the kernel, a greeting and a reply)
// and get no round trip of their own.
namespace RoundTrip {

// Per conversation, kept in its connection record beside the byte counters (so
// it survives eviction like they do). Times in microseconds.
struct Stats
{
    qint64 pendingSendUs = -1; // first send not yet answered; -1: none
    quint64 count = 0;         // round trips measured
    qint64 minUs = 0;
    qint64 maxUs = 0;
    qint64 sumUs = 0;
    qint64 p99Us = 0; // from a log-scale histogram: within 1/16 of the true value

    qint64 meanUs() const { return count ? sumUs / qint64(count) : 0; }
};

// A received event's round trip, stored apart from the event (most events have
// none, and an 8-byte field on every event would cost a fifth of the store).
struct Mark
{
    quint64 seq = 0;
    qint64 us = 0;
};

// Counts of microsecond values in log-scale buckets, 16 per power of two
// (exact below 16 µs), kept sparse: a conversation's round trips cluster in a
// few buckets, so it costs a few dozen bytes, and at most ~1,000 buckets
// whatever the values. Bounded, unlike a list of every sample.
class Histogram
{
public:
    void add(qint64 us);
    // The value at quantile q (0..1]: the upper edge of the bucket holding it.
    qint64 quantile(double q) const;
    // quantile(0.99), kept up to date by add(): every round trip updates a
    // connection's p99, and walking the buckets for it each time cost more
    // than the rest of recording the reply.
    qint64 p99() const;
    quint64 count() const { return m_total; }
    qint64 bytes() const { return qint64(m_buckets.size() * sizeof(Bucket)); }

    static int bucketOf(qint64 us);
    static qint64 bucketUpperUs(int bucket); // largest value in the bucket

private:
    using Bucket = std::pair<quint16, quint32>; // bucket number, count
    std::vector<Bucket> m_buckets;              // sorted by bucket number
    quint64 m_total = 0;
    // The bucket holding the 99th percentile's sample, and how many samples
    // the buckets before it hold.
    size_t m_p99Index = 0;
    quint64 m_p99Below = 0;
};

// Round trips gathered as they are read, e.g. by the command line for its
// closing summary: the same figures as a connection's Stats, for any set.
class Tally
{
public:
    void add(qint64 us);
    const Stats &stats() const { return m_stats; }
    // "round trips: 3, min 1.02 ms, mean 1.20 ms, p99 1.50 ms"; empty for none.
    QString summary() const;

private:
    Stats m_stats;
    Histogram m_histogram;
};

// The store's part: measures round trips as events are appended and keeps the
// marks and histograms. Not thread-safe: TrafficStore calls it under its mutex.
class Recorder
{
public:
    // Called for every appended data event of a connection; returns its round
    // trip (>= 0) or -1. A clock that stepped back counts as 0.
    qint64 record(Stats &stats, ConnectionId connection, EventKind kind, quint64 seq,
                  qint64 timeUs);
    // -1 when the event has no round trip (or is no longer kept).
    qint64 find(quint64 seq) const;
    // Marks of events seq in [from, to].
    QList<Mark> marks(quint64 from, quint64 to) const;
    // Eviction and clearing drop the marks of events gone.
    void dropBefore(quint64 firstKeptSeq);
    void clearMarks() { m_marks.clear(); }
    // A connection record was forgotten: its histogram goes too.
    void forget(ConnectionId connection);
    // Memory held, for the store's cap.
    qint64 bytes() const;

private:
    // 8 bytes a reply (a request/reply exchange adds 4 bytes per event to the
    // store's 40): the seq as an offset from m_base, the time in 32 bits (a
    // reply over 71 minutes is marked as 71 minutes; Stats keep it whole).
    struct PackedMark
    {
        quint32 seqOffset;
        quint32 us;
    };
    quint64 seqOf(const PackedMark &m) const { return m_base + m.seqOffset; }
    void push(quint64 seq, qint64 us);
    std::deque<PackedMark> m_marks; // in seq order
    quint64 m_base = 0;
    std::unordered_map<ConnectionId, Histogram> m_histograms;
    qint64 m_histogramBytes = 0;
};

// "850 µs", "1.24 ms", "12.3 ms", "1.24 s": three significant digits.
QString text(qint64 us, const QLocale &locale = QLocale::c());

} // namespace RoundTrip
