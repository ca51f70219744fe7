// The repeat schedule's arithmetic on a clock the test moves by hand: due
// times anchored to the start, late sends counted, overdue sends spread out
// (never fired back to back) until the series is back on its schedule.

#include "repeatschedule.h"

#include <QtTest>

namespace {
constexpr qint64 Ms = 1'000'000;
}

class TstRepeatSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dueTimesAreAnchoredToTheStart();
    void slightlyLateWakeUpsDoNotDrift();
    void earlyWakeUpSendsNothing();
    void lateSendIsCountedButNotBunched();
    void countZeroRunsUntilStopped();
    void toleranceIsHalfAnIntervalAtMostFiveMs();
};

void TstRepeatSchedule::dueTimesAreAnchoredToTheStart()
{
    RepeatSchedule s(1000 * Ms, 10 * Ms, 3);
    QCOMPARE(s.nextDueNs(), 1000 * Ms);
    QVERIFY(s.take(1000 * Ms));
    QCOMPARE(s.sent(), 1u);
    QCOMPARE(s.nextDueNs(), 1010 * Ms);
    QVERIFY(s.take(1010 * Ms));
    QCOMPARE(s.nextDueNs(), 1020 * Ms);
    QVERIFY(s.take(1020 * Ms));
    QVERIFY(s.isFinished());
    QVERIFY(!s.take(1030 * Ms));
    QCOMPARE(s.sent(), 3u);
    QCOMPARE(s.late(), 0u);
}

void TstRepeatSchedule::slightlyLateWakeUpsDoNotDrift()
{
    // Every wake-up 0.4 ms late: a relative timer would be 400 ms behind after
    // 1,000 sends; the anchored schedule still wants send k at k ms.
    RepeatSchedule s(0, 1 * Ms, 0);
    for (qint64 k = 0; k < 1000; ++k) {
        QCOMPARE(s.nextDueNs(), k * Ms);
        QVERIFY(s.take(k * Ms + 400'000));
    }
    QCOMPARE(s.nextDueNs(), 1000 * Ms);
    QCOMPARE(s.sent(), 1000u);
    QCOMPARE(s.late(), 0u);
}

void TstRepeatSchedule::earlyWakeUpSendsNothing()
{
    RepeatSchedule s(0, 10 * Ms, 2);
    QVERIFY(s.take(0));
    QVERIFY(!s.take(9 * Ms + 999'999));
    QCOMPARE(s.sent(), 1u);
    QCOMPARE(s.nextDueNs(), 10 * Ms);
}

void TstRepeatSchedule::lateSendIsCountedButNotBunched()
{
    RepeatSchedule s(0, 10 * Ms, 8);
    QVERIFY(s.take(0));
    // Stalled until 35 ms: the send due at 10 ms leaves late at 35 ms; those
    // due at 20 and 30 ms are overdue too, but go half an interval apart.
    QVERIFY(s.take(35 * Ms));
    QCOMPARE(s.sent(), 2u);
    QCOMPARE(s.late(), 1u);
    QCOMPARE(s.nextDueNs(), 40 * Ms);
    QVERIFY(!s.take(36 * Ms)); // no second send right after the late one
    QVERIFY(s.take(40 * Ms));  // due at 20
    QCOMPARE(s.nextDueNs(), 45 * Ms);
    QVERIFY(s.take(45 * Ms)); // due at 30
    QVERIFY(s.take(50 * Ms)); // due at 40
    QCOMPARE(s.late(), 4u);
    QCOMPARE(s.nextDueNs(), 55 * Ms);
    QVERIFY(s.take(55 * Ms)); // due at 50: 5 ms is within the tolerance
    QCOMPARE(s.late(), 4u);
    // Caught up: back on the grid of the start, no drift left.
    QCOMPARE(s.nextDueNs(), 60 * Ms);
    QVERIFY(s.take(60 * Ms));
    QCOMPARE(s.nextDueNs(), 70 * Ms);
    QVERIFY(s.take(70 * Ms));
    QVERIFY(s.isFinished());
    QCOMPARE(s.sent(), 8u); // every send went out, none was dropped
    QCOMPARE(s.late(), 4u);
}

void TstRepeatSchedule::countZeroRunsUntilStopped()
{
    RepeatSchedule s(0, 1 * Ms, 0);
    for (int k = 0; k < 10'000; ++k)
        QVERIFY(s.take(k * Ms));
    QVERIFY(!s.isFinished());
    QCOMPARE(s.total(), 0u);
}

void TstRepeatSchedule::toleranceIsHalfAnIntervalAtMostFiveMs()
{
    QCOMPARE(RepeatSchedule(0, 1 * Ms, 1).toleranceNs(), 500'000);
    QCOMPARE(RepeatSchedule(0, 1000 * Ms, 1).toleranceNs(), 5 * Ms);
    RepeatSchedule s(0, 1 * Ms, 0);
    QVERIFY(s.take(0));
    QVERIFY(s.take(1 * Ms + 600'000)); // 0.6 ms late at a 1 ms interval
    QCOMPARE(s.late(), 1u);
    QCOMPARE(s.nextDueNs(), 2 * Ms + 100'000); // half an interval after the late one
}

QTEST_GUILESS_MAIN(TstRepeatSchedule)
#include "tst_repeatschedule.moc"
