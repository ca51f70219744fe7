#pragma once

#include <QtGlobal>

// When the sends of a repeat series are due, and what to make of a late
// wake-up. Pure arithmetic on a clock the caller passes in (nanoseconds on any
// monotonic clock), so it is tested without waiting.
//
// Send k (0-based) is due at start + k * interval: the schedule is anchored
// to the start, so timer wake-ups that come a little late never add up to a
// drift. A wake-up later than the tolerance counts that send as late. Sends
// are never bunched to catch up: when the clock has already passed the next
// send's slot (the process was stalled for more than an interval), the slots
// missed are skipped and counted, and the series goes on at the next slot
// still ahead, on the same grid. So every one of `count` sends goes out, and
// no two sends are ever closer than one interval.
class RepeatSchedule
{
public:
    // count 0: until stopped.
    RepeatSchedule(qint64 startNs, qint64 intervalNs, quint64 count);

    qint64 intervalNs() const { return m_intervalNs; }
    quint64 total() const { return m_count; }
    quint64 sent() const { return m_sent; }
    quint64 late() const { return m_late; }
    quint64 skippedSlots() const { return m_skipped; }
    bool isFinished() const { return m_count != 0 && m_sent >= m_count; }

    // When the next send is due (meaningless once finished).
    qint64 nextDueNs() const { return m_startNs + qint64(m_slot) * m_intervalNs; }
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
    quint64 m_slot = 0;
    quint64 m_sent = 0;
    quint64 m_late = 0;
    quint64 m_skipped = 0;
};
