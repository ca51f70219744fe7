#include "repeatschedule.h"

namespace {
constexpr qint64 MaxToleranceNs = 5'000'000;
}

RepeatSchedule::RepeatSchedule(qint64 startNs, qint64 intervalNs, quint64 count)
    : m_startNs(startNs)
    , m_intervalNs(qMax<qint64>(1, intervalNs))
    , m_count(count)
{}

qint64 RepeatSchedule::toleranceNs() const
{
    return qMin(m_intervalNs / 2, MaxToleranceNs);
}

bool RepeatSchedule::take(qint64 nowNs)
{
    if (isFinished() || nowNs < nextDueNs())
        return false;
    if (nowNs - nextDueNs() > toleranceNs())
        ++m_late;
    ++m_sent;
    ++m_slot;
    // Behind by more than an interval: go on at the next slot still ahead
    // instead of firing the missed ones back to back.
    if (nowNs >= nextDueNs()) {
        const quint64 next = quint64((nowNs - m_startNs) / m_intervalNs) + 1;
        m_skipped += next - m_slot;
        m_slot = next;
    }
    return true;
}
