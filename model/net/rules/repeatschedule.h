#pragma once

#include <QtGlobal>

// When the sends of a repeat series are due, and what to make of a late
// wake-up. Pure arithmetic on a clock the caller passes in (nanoseconds on any
// monotonic clock), so it is tested without waiting.
//
// Send k (0-based) is due at start + k * interval: the schedule is anchored
// to the start, so timer wake-ups that come a little late never add up to a
// drift. A send that leaves later than the tolerance after its due time is
// counted as late. Late sends are not bunched: after a stall, the sends that
// are overdue go out no closer together than half an interval (twice the
// rate) until the series is back on its schedule. So every one of `count`
// sends goes out, a receiver never sees a burst, and the end of the series
// is where the schedule says unless the stalls outlast the catching up.
class RepeatSchedule
{
public:
    // count 0: until stopped.
    RepeatSchedule(qint64 startNs, qint64 intervalNs, quint64 count);

    qint64 intervalNs() const { return m_intervalNs; }
    quint64 total() const { return m_count; }
    quint64 sent() const { return m_sent; }
    quint64 late() const { return m_late; }
    bool isFinished() const { return m_count != 0 && m_sent >= m_count; }

    // When the next send is due: its slot, or half an interval after the
    // previous send while catching up (meaningless once finished).
    qint64 nextDueNs() const { return qMax(slotNs(m_sent), m_earliestNextNs); }
    qint64 slotNs(quint64 k) const { return m_startNs + qint64(k) * m_intervalNs; }
    // How long after its slot a send may leave and still be on time: half an
    // interval, at most 5 ms (a timer's usual slack is far below both).
    qint64 toleranceNs() const;

    // Call when a timer fires at `nowNs`. Returns true when a send is due now
    // (then send it, with {{counter}} = sent(), which this call has already
    // advanced); false when woken early. Either way nextDueNs() is then where
    // to re-arm.
    bool take(qint64 nowNs);

private:
    qint64 m_startNs;
    qint64 m_intervalNs;
    quint64 m_count;
    quint64 m_sent = 0;
    quint64 m_late = 0;
    qint64 m_earliestNextNs = 0;
};
