#include "ratebuckets.h"

#include <QtAlgorithms>

#include <algorithm>

namespace {

constexpr qint64 SecondUs = 1000000;
// The ring is indexed with a mask.
static_assert((RateBuckets::RecentSeconds & (RateBuckets::RecentSeconds - 1)) == 0);

// Floor division: capture files may hold times before 1970.
qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

} // namespace

RateBuckets::Counts &RateBuckets::Counts::operator+=(const Counts &other)
{
    messagesIn += other.messagesIn;
    messagesOut += other.messagesOut;
    bytesIn += other.bytesIn;
    bytesOut += other.bytesOut;
    return *this;
}

bool RateBuckets::Counts::operator==(const Counts &other) const
{
    return messagesIn == other.messagesIn && messagesOut == other.messagesOut &&
           bytesIn == other.bytesIn && bytesOut == other.bytesOut;
}

int RateBuckets::sizeClass(quint32 size)
{
    return size == 0 ? 0 : std::min(int(32 - qCountLeadingZeroBits(size)), SizeClasses - 1);
}

qint64 RateBuckets::sizeClassLow(int sizeClass)
{
    return sizeClass <= 0 ? 0 : qint64(1) << (sizeClass - 1);
}

qint64 RateBuckets::sizeClassHigh(int sizeClass)
{
    if (sizeClass >= SizeClasses - 1)
        return -1;
    return sizeClass <= 0 ? 0 : (qint64(1) << sizeClass) - 1;
}

Q_ALWAYS_INLINE void RateBuckets::count(PerSession &s, qint64 second, qsizetype wholeIndex,
                                        bool out, quint32 size, int sizeClass)
{
    // Two adds per counter set, on the fields of this direction only: this
    // runs twice for every message the engine records.
    const auto add = [out, size](Counts &c) {
        if (out) {
            ++c.messagesOut;
            c.bytesOut += size;
        } else {
            ++c.messagesIn;
            c.bytesIn += size;
        }
    };
    s.used = true;
    add(s.total);
    ++s.sizes[out][size_t(sizeClass)];
    if (s.whole.size() <= size_t(wholeIndex))
        s.whole.resize(size_t(wholeIndex) + 1);
    add(s.whole[size_t(wholeIndex)]);

    RecentSlot &slot = s.recent[size_t(second & (RecentSeconds - 1))];
    if (slot.second != second) {
        if (slot.second > second)
            return; // older than the ring holds (an out-of-order file): whole series only
        slot.second = second;
        slot.counts = {};
    }
    add(slot.counts);
}

void RateBuckets::add(qint64 timeUs, SessionId session, bool out, quint32 size)
{
    if (m_empty) {
        m_empty = false;
        m_firstUs = m_lastUs = timeUs;
        m_originUs = floorDiv(timeUs, SecondUs) * SecondUs;
    }
    m_firstUs = std::min(m_firstUs, timeUs);
    m_lastUs = std::max(m_lastUs, timeUs);
    // Under a flood nearly every event falls in the second of the one before:
    // its second and whole-series bucket are kept, and only worked out again
    // for an event of another second.
    if (timeUs < m_cachedStartUs || timeUs - m_cachedStartUs >= SecondUs)
        locate(timeUs);
    const qint64 second = m_cachedSecond;
    const qint64 index = m_cachedIndex;
    const int sizeClass = RateBuckets::sizeClass(size);
    if (m_sessions.size() <= session)
        m_sessions.resize(size_t(session) + 1);
    // The all-sessions figures are summed when read (twice a second at most),
    // not counted here: this runs for every message the engine records.
    count(m_sessions[session], second, index, out, size, sizeClass);
}

void RateBuckets::locate(qint64 timeUs)
{
    // Divisions by the constant second only (multiplies): the bucket width
    // is a power of two seconds from a whole second, so the whole series'
    // index is a shift. An event before the first one (files are not always
    // in time order) is counted in the first bucket: the sums stay exact.
    const qint64 second = floorDiv(timeUs, SecondUs);
    const qint64 sinceOrigin = second - m_originUs / SecondUs;
    const auto shift = [this] { return qCountTrailingZeroBits(quint64(m_bucketUs / SecondUs)); };
    qint64 index = std::max<qint64>(0, sinceOrigin >> shift());
    while (index >= MaxWholeBuckets) {
        coarsen();
        index = sinceOrigin >> shift();
    }
    m_cachedStartUs = second * SecondUs;
    m_cachedSecond = second;
    m_cachedIndex = index;
}

void RateBuckets::coarsen()
{
    const auto merge = [](std::vector<Counts> &buckets) {
        for (size_t i = 0; i < buckets.size(); i += 2) {
            Counts c = buckets[i];
            if (i + 1 < buckets.size())
                c += buckets[i + 1];
            buckets[i / 2] = c;
        }
        buckets.resize((buckets.size() + 1) / 2);
    };
    for (PerSession &s : m_sessions)
        merge(s.whole);
    m_bucketUs *= 2;
}

template <typename Fn> void RateBuckets::forEach(int session, Fn fn) const
{
    if (session == AllSessions) {
        for (const PerSession &s : m_sessions) {
            if (s.used)
                fn(s);
        }
    } else if (session >= 0 && size_t(session) < m_sessions.size() &&
               m_sessions[size_t(session)].used) {
        fn(m_sessions[size_t(session)]);
    }
}

QList<SessionId> RateBuckets::sessions() const
{
    QList<SessionId> ids;
    for (size_t i = 0; i < m_sessions.size(); ++i) {
        if (m_sessions[i].used)
            ids.append(SessionId(i));
    }
    return ids;
}

RateBuckets::Counts RateBuckets::total(int session) const
{
    Counts total;
    forEach(session, [&total](const PerSession &s) { total += s.total; });
    return total;
}

RateBuckets::SizeCounts RateBuckets::sizes(int session, bool out) const
{
    SizeCounts sizes{};
    forEach(session, [&sizes, out](const PerSession &s) {
        for (size_t i = 0; i < sizes.size(); ++i)
            sizes[i] += s.sizes[out][i];
    });
    return sizes;
}

RateBuckets::Series RateBuckets::recent(int session, qint64 endUs, int seconds) const
{
    seconds = std::clamp(seconds, 1, int(RecentSeconds));
    const qint64 last = floorDiv(endUs, SecondUs);
    Series series;
    series.bucketUs = SecondUs;
    series.startUs = (last - seconds + 1) * SecondUs;
    series.buckets.resize(seconds);
    forEach(session, [&series, last, seconds](const PerSession &s) {
        for (int i = 0; i < seconds; ++i) {
            const qint64 second = last - seconds + 1 + i;
            const RecentSlot &slot = s.recent[size_t(second & (RecentSeconds - 1))];
            if (slot.second == second)
                series.buckets[i] += slot.counts;
        }
    });
    return series;
}

RateBuckets::Series RateBuckets::whole(int session) const
{
    Series series;
    series.startUs = m_originUs;
    series.bucketUs = m_bucketUs;
    forEach(session, [&series](const PerSession &s) {
        if (series.buckets.size() < qsizetype(s.whole.size()))
            series.buckets.resize(qsizetype(s.whole.size()));
        for (size_t i = 0; i < s.whole.size(); ++i)
            series.buckets[qsizetype(i)] += s.whole[i];
    });
    return series;
}
