#include "repeatschedule.h"

namespace {
constexpr qint64 MaxToleranceNs = 5'000'000;
}

RepeatSchedule::RepeatSchedule(qint64 startNs, qint64 intervalNs, quint64 count)
    : m_startNs(startNs)
    , m_intervalNs(qMax<qint64>(1, intervalNs))
    , m_count(count)
    , m_earliestNextNs(startNs)
{}

qint64 RepeatSchedule::toleranceNs() const
{
    return qMin(m_intervalNs / 2, MaxToleranceNs);
}

bool RepeatSchedule::take(qint64 nowNs)
{
    if (isFinished() || nowNs < nextDueNs())
        return false;
    if (nowNs - slotNs(m_sent) > toleranceNs())
        ++m_late;
    ++m_sent;
    m_earliestNextNs = nowNs + qMax<qint64>(1, m_intervalNs / 2);
    return true;
}
