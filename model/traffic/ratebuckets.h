#pragma once

#include "trafficevent.h"

#include <QList>

#include <array>
#include <limits>
#include <vector>

// Messages and bytes, in and out, counted in time buckets per session: what the
// rate plot draws and the statistics sum. The store feeds it one add() per
// Received or Sent event, under the lock its append batch already holds, so
// the counts are exact, survive eviction and clearing, and come the same way
// from live sockets and capture files (which keep their own timestamps).
//
// Two series per session, both bounded whatever the recording's length:
// - recent: one-second buckets in a ring of RecentSeconds, for "last minute";
// - whole: the recording from its first second on, in at most MaxWholeBuckets
//   buckets of one width; when a new event falls past the last bucket, pairs
//   of buckets merge and the width doubles (1 s, 2 s, 4 s ... a week is
//   1024 buckets of 16 min). Sums never change by merging.
class RateBuckets
{
public:
    static constexpr int RecentSeconds = 128;
    static constexpr int MaxWholeBuckets = 1024;
    // Message sizes by powers of two: class 0 holds empty messages, class k
    // (1..SizeClasses-2) sizes 2^(k-1) .. 2^k - 1, the last class 64 KiB and more.
    static constexpr int SizeClasses = 18;
    static constexpr int AllSessions = -1;

    struct Counts
    {
        quint64 messagesIn = 0;
        quint64 messagesOut = 0;
        quint64 bytesIn = 0;
        quint64 bytesOut = 0;

        Counts &operator+=(const Counts &other);
        bool operator==(const Counts &other) const;
        bool isEmpty() const { return messagesIn == 0 && messagesOut == 0; }
    };

    struct Series
    {
        qint64 startUs = 0;  // start of buckets[0]
        qint64 bucketUs = 0; // width of every bucket
        QList<Counts> buckets;
    };

    using SizeCounts = std::array<quint64, SizeClasses>;

    // Called under the store's lock for every Received (out = false) or Sent
    // event: a handful of adds to that session's counts, no allocation once it
    // has its series. AllSessions figures are summed by the readers.
    void add(qint64 timeUs, SessionId session, bool out, quint32 size);

    // Readers. `session` is a session id or AllSessions.
    QList<SessionId> sessions() const; // those with at least one message
    Counts total(int session) const;
    SizeCounts sizes(int session, bool out) const;
    // `seconds` one-second buckets ending with the second that holds endUs;
    // seconds older than the ring, or without messages, count zero.
    Series recent(int session, qint64 endUs, int seconds) const;
    Series whole(int session) const;
    qint64 firstUs() const { return m_firstUs; } // 0 while empty
    qint64 lastUs() const { return m_lastUs; }   // the newest event time seen
    qint64 wholeBucketUs() const { return m_bucketUs; }

    static int sizeClass(quint32 size);
    // The smallest and largest size of a class (the last has no largest: -1).
    static qint64 sizeClassLow(int sizeClass);
    static qint64 sizeClassHigh(int sizeClass);

private:
    struct RecentSlot
    {
        qint64 second = -1;
        Counts counts;
    };

    struct PerSession
    {
        bool used = false;
        Counts total;
        std::array<SizeCounts, 2> sizes{}; // [out]
        std::vector<Counts> whole;
        std::array<RecentSlot, RecentSeconds> recent{};
    };

    static void count(PerSession &s, qint64 second, qsizetype wholeIndex, bool out, quint32 size,
                      int sizeClass);
    // Calls fn for the session's counts, or for every session's.
    template <typename Fn> void forEach(int session, Fn fn) const;
    void locate(qint64 timeUs); // sets the m_cached* fields for timeUs's second
    void coarsen();

    std::vector<PerSession> m_sessions; // by session id
    qint64 m_originUs = 0;              // start of the whole series' first bucket
    qint64 m_bucketUs = 1000000;
    qint64 m_firstUs = 0;
    qint64 m_lastUs = 0;
    bool m_empty = true;
    // The second of the latest add() and its bucket in the whole series
    // (coarsening happens only in locate(), which sets them again).
    qint64 m_cachedStartUs = std::numeric_limits<qint64>::max();
    qint64 m_cachedSecond = 0;
    qint64 m_cachedIndex = 0;
};
