#include "roundtrip.h"

#include <QtAlgorithms>
#include <QtMath>

#include <algorithm>
#include <limits>

namespace RoundTrip {

namespace {

constexpr int SubBits = 4; // 16 buckets per power of two
constexpr int SubBuckets = 1 << SubBits;
// Rough heap cost of a histogram's map node, for the cap.
constexpr qint64 HistogramOverhead = 64;

} // namespace

int Histogram::bucketOf(qint64 us)
{
    if (us < SubBuckets)
        return int(std::max<qint64>(us, 0));
    const int exponent = 63 - qCountLeadingZeroBits(quint64(us)); // >= SubBits
    const int shift = exponent - SubBits;
    const int sub = int(quint64(us) >> shift) - SubBuckets;
    return SubBuckets + shift * SubBuckets + sub;
}

qint64 Histogram::bucketUpperUs(int bucket)
{
    if (bucket < SubBuckets)
        return bucket;
    const int shift = (bucket - SubBuckets) / SubBuckets;
    const int sub = (bucket - SubBuckets) % SubBuckets;
    const quint64 lower = quint64(SubBuckets + sub) << shift;
    const quint64 upper = lower + (quint64(1) << shift) - 1;
    return qint64(std::min<quint64>(upper, quint64(std::numeric_limits<qint64>::max())));
}

void Histogram::add(qint64 us)
{
    const auto bucket = quint16(bucketOf(us));
    const auto it =
        std::lower_bound(m_buckets.begin(), m_buckets.end(), bucket,
                         [](const Bucket &b, quint16 value) { return b.first < value; });
    const auto index = size_t(it - m_buckets.begin());
    bool counted = true;
    bool inserted = false;
    if (it != m_buckets.end() && it->first == bucket) {
        counted = it->second < std::numeric_limits<quint32>::max();
        if (counted)
            ++it->second;
    } else {
        m_buckets.insert(it, {bucket, 1});
        inserted = true;
    }
    ++m_total;

    // The p99 cursor: a sample below its bucket moves it up a place (when the
    // sample made a bucket of its own) and adds to the count below it. Then
    // the rank moves by at most one: so does the cursor, give or take a step.
    if (m_total == 1) {
        m_p99Index = 0;
        m_p99Below = 0;
    } else if (index < m_p99Index || (index == m_p99Index && inserted)) {
        if (inserted)
            ++m_p99Index;
        if (counted)
            ++m_p99Below;
    }
    const quint64 rank = std::max<quint64>(1, quint64(qCeil(0.99 * double(m_total))));
    while (m_p99Index + 1 < m_buckets.size() && m_p99Below + m_buckets[m_p99Index].second < rank) {
        m_p99Below += m_buckets[m_p99Index].second;
        ++m_p99Index;
    }
    while (m_p99Index > 0 && m_p99Below >= rank) {
        --m_p99Index;
        m_p99Below -= m_buckets[m_p99Index].second;
    }
}

qint64 Histogram::p99() const
{
    return m_buckets.empty() ? 0 : bucketUpperUs(m_buckets[m_p99Index].first);
}

qint64 Histogram::quantile(double q) const
{
    if (m_buckets.empty())
        return 0;
    // The rank-th smallest value (1-based), as in "p99 of 100 samples is the 99th".
    const quint64 rank = std::max<quint64>(1, quint64(qCeil(q * double(m_total))));
    quint64 seen = 0;
    for (const Bucket &b : m_buckets) {
        seen += b.second;
        if (seen >= rank)
            return bucketUpperUs(b.first);
    }
    return bucketUpperUs(m_buckets.back().first);
}

namespace {

void addSample(Stats &stats, Histogram &histogram, qint64 us)
{
    stats.minUs = stats.count ? std::min(stats.minUs, us) : us;
    stats.maxUs = stats.count ? std::max(stats.maxUs, us) : us;
    stats.sumUs += us;
    ++stats.count;
    histogram.add(us);
    // The bucket's edge may lie past every sample: never report more than the
    // slowest or less than the fastest seen.
    stats.p99Us = std::clamp(histogram.p99(), stats.minUs, stats.maxUs);
}

} // namespace

void Tally::add(qint64 us)
{
    addSample(m_stats, m_histogram, us);
}

QString Tally::summary() const
{
    if (m_stats.count == 0)
        return {};
    return QStringLiteral("round trips: %1, min %2, mean %3, p99 %4")
        .arg(m_stats.count)
        .arg(text(m_stats.minUs), text(m_stats.meanUs()), text(m_stats.p99Us));
}

qint64 Recorder::record(Stats &stats, ConnectionId connection, EventKind kind, quint64 seq,
                        qint64 timeUs)
{
    if (kind == EventKind::Sent) {
        if (stats.pendingSendUs < 0)
            stats.pendingSendUs = timeUs;
        return -1;
    }
    if (kind != EventKind::Received || stats.pendingSendUs < 0)
        return -1;
    const qint64 us = std::max<qint64>(0, timeUs - stats.pendingSendUs);
    stats.pendingSendUs = -1;

    auto [it, added] = m_histograms.try_emplace(connection);
    Histogram &histogram = it->second;
    const qint64 before = histogram.bytes() + (added ? 0 : HistogramOverhead);
    addSample(stats, histogram, us);
    m_histogramBytes += histogram.bytes() + HistogramOverhead - before;

    push(seq, us);
    return us;
}

void Recorder::push(quint64 seq, qint64 us)
{
    constexpr quint64 MaxOffset = std::numeric_limits<quint32>::max();
    if (m_marks.empty()) {
        m_base = seq;
    } else if (seq - m_base > MaxOffset) {
        // Offsets are relative to the oldest mark kept; move the base up to it
        // (rare: once per four billion events), dropping marks that would
        // still be too far back (a store holding four billion events).
        while (!m_marks.empty() && seq - seqOf(m_marks.front()) > MaxOffset)
            m_marks.pop_front();
        const quint64 base = m_marks.empty() ? seq : seqOf(m_marks.front());
        for (PackedMark &m : m_marks)
            m.seqOffset = quint32(seqOf(m) - base);
        m_base = base;
    }
    m_marks.push_back({quint32(seq - m_base), quint32(std::min<qint64>(us, qint64(MaxOffset)))});
}

qint64 Recorder::find(quint64 seq) const
{
    if (m_marks.empty() || seq < m_base)
        return -1;
    const auto it =
        std::lower_bound(m_marks.begin(), m_marks.end(), seq,
                         [this](const PackedMark &m, quint64 value) { return seqOf(m) < value; });
    return it != m_marks.end() && seqOf(*it) == seq ? qint64(it->us) : -1;
}

QList<Mark> Recorder::marks(quint64 from, quint64 to) const
{
    QList<Mark> result;
    auto it =
        std::lower_bound(m_marks.begin(), m_marks.end(), from,
                         [this](const PackedMark &m, quint64 value) { return seqOf(m) < value; });
    for (; it != m_marks.end() && seqOf(*it) <= to; ++it)
        result.append({seqOf(*it), qint64(it->us)});
    return result;
}

void Recorder::dropBefore(quint64 firstKeptSeq)
{
    while (!m_marks.empty() && seqOf(m_marks.front()) < firstKeptSeq)
        m_marks.pop_front();
}

void Recorder::forget(ConnectionId connection)
{
    const auto it = m_histograms.find(connection);
    if (it == m_histograms.end())
        return;
    m_histogramBytes -= it->second.bytes() + HistogramOverhead;
    m_histograms.erase(it);
}

qint64 Recorder::bytes() const
{
    return qint64(m_marks.size() * sizeof(PackedMark)) + m_histogramBytes;
}

QString text(qint64 us, const QLocale &locale)
{
    // Three significant digits in the largest unit that keeps the number >= 1.
    auto scaled = [&](double value, const char *unit) -> QString {
        // Decided on the rounded value: 9.996 ms shows as "10.0 ms", not "10.00 ms".
        const int decimals = value < 9.995 ? 2 : value < 99.95 ? 1 : 0;
        return locale.toString(value, 'f', decimals) + QLatin1Char(' ') + QLatin1String(unit);
    };
    if (us < 1000)
        return locale.toString(us) + QStringLiteral(" µs");
    if (us < 999500)
        return scaled(double(us) / 1e3, "ms");
    return scaled(double(us) / 1e6, "s");
}

} // namespace RoundTrip
