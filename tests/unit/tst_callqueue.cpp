#include "callqueue.h"

#include <QThread>
#include <QtTest>

#include <memory>
#include <vector>

// CallQueue carries functions between threads in order; run under
// ThreadSanitizer (scripts/test.sh --tsan) it also shows the hand-over is seen.
class tst_CallQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void postedFromAnotherThreadRunInOrderOnOwnThread();
    void postAndWaitRunsBehindEarlierCalls();
    void callQueuedWhileDrainingRunsLater();
};

void tst_CallQueue::postedFromAnotherThreadRunInOrderOnOwnThread()
{
    CallQueue queue;
    std::vector<int> seen; // touched on this thread only
    bool offThread = false;
    constexpr int Count = 1000;
    std::unique_ptr<QThread> poster(QThread::create([&] {
        for (int i = 0; i < Count; ++i)
            queue.post([&seen, &offThread, i] {
                offThread = offThread || QThread::currentThread() != qApp->thread();
                seen.push_back(i);
            });
    }));
    poster->start();
    QTRY_COMPARE(seen.size(), size_t(Count));
    poster->wait();
    QVERIFY(!offThread);
    for (int i = 0; i < Count; ++i)
        QCOMPARE(seen[size_t(i)], i);
}

void tst_CallQueue::postAndWaitRunsBehindEarlierCalls()
{
    QThread thread;
    auto *queue = new CallQueue;
    queue->moveToThread(&thread);
    thread.start();
    std::vector<int> seen; // touched on the queue's thread, read after the wait
    QThread *ranOn = nullptr;
    for (int i = 0; i < 10; ++i)
        queue->post([&seen, i] { seen.push_back(i); });
    queue->postAndWait([&] {
        ranOn = QThread::currentThread();
        seen.push_back(10);
    });
    QCOMPARE(ranOn, &thread);
    QCOMPARE(seen.size(), size_t(11));
    for (int i = 0; i <= 10; ++i)
        QCOMPARE(seen[size_t(i)], i);
    queue->postAndWait([queue, &thread] {
        delete queue; // a call may delete the queue itself
        thread.quit();
    });
    thread.wait();
}

void tst_CallQueue::callQueuedWhileDrainingRunsLater()
{
    CallQueue queue;
    QStringList seen;
    queue.post([&] {
        seen << QStringLiteral("first");
        queue.post([&] { seen << QStringLiteral("queued by first"); });
    });
    queue.post([&] { seen << QStringLiteral("second"); });
    QTRY_COMPARE(seen.size(), 3);
    QCOMPARE(seen, (QStringList{QStringLiteral("first"), QStringLiteral("second"),
                                QStringLiteral("queued by first")}));
}

QTEST_GUILESS_MAIN(tst_CallQueue)
#include "tst_callqueue.moc"
