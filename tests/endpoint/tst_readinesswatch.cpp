#include "callqueue.h"
#include "readinesswatch.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QTemporaryFile>
#include <QThread>
#include <QtTest>

#include <array>
#include <memory>
#include <vector>

#include <cerrno>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// A connected pair of non-blocking stream sockets: [0] is watched, [1] is the peer.
struct Pair
{
    std::array<int, 2> fds{-1, -1};
    Pair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds.data()); }
    ~Pair()
    {
        for (int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    Pair(const Pair &) = delete;
    Pair &operator=(const Pair &) = delete;
    bool ok() const { return fds[0] >= 0 && fds[1] >= 0; }
};

// Lets the event loop run a bounded number of turns; for checking that
// something does NOT happen, without sleeping.
void spin(int turns = 50)
{
    for (int i = 0; i < turns; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents);
}

// Descriptors for `pairs` socket pairs plus headroom, raising the soft limit
// as far as the hard one allows. Returns how many pairs fit.
int pairsThatFit(int pairs)
{
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    const rlim_t wanted = rlim_t(pairs) * 2 + 64;
    if (limit.rlim_cur < wanted) {
        limit.rlim_cur = qMin(wanted, limit.rlim_max);
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    return int(qMin<rlim_t>(rlim_t(pairs), (limit.rlim_cur - 64) / 2));
}

} // namespace

class TestReadinessWatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readableWhenPeerWrites();
    void manySocketsEachReportedOnce();
    void writeInterestOnAndOff();
    void writableOnlyOnceTheKernelHasRoom();
    void removalWhileEventsArePending();
    void hangUpWakesTheReader();
    void noInterestMeansNoCallbacks();
    void refusedDescriptorsFallBackToNotifiers();
    void eachThreadHasItsOwn();
};

void TestReadinessWatch::readableWhenPeerWrites()
{
    Pair pair;
    QVERIFY(pair.ok());
    QByteArray got;
    ReadinessWatch watch(
        pair.fds[0],
        [&] {
            char buf[64];
            const ssize_t n = ::read(pair.fds[0], buf, sizeof buf);
            if (n > 0)
                got.append(buf, n);
        },
        [] {});
    watch.setReadEnabled(true);
    QVERIFY(!watch.usesFallback());
    QCOMPARE(::write(pair.fds[1], "Hello", 5), 5);
    QTRY_COMPARE(got, QByteArray("Hello"));
    // Disabled: the next bytes stay in the kernel until reading is on again.
    watch.setReadEnabled(false);
    QCOMPARE(::write(pair.fds[1], ", x!", 4), 4);
    spin();
    QCOMPARE(got, QByteArray("Hello"));
    watch.setReadEnabled(true);
    QTRY_COMPARE(got, QByteArray("Hello, x!"));
}

void TestReadinessWatch::manySocketsEachReportedOnce()
{
    // Far more than one epoll_wait returns per turn (256), so several turns
    // must pass and none may lose a socket.
    const int count = pairsThatFit(3000);
    if (count < 1000)
        QSKIP("The descriptor limit does not allow 1,000 socket pairs here");
    std::vector<std::unique_ptr<Pair>> pairs;
    std::vector<std::unique_ptr<ReadinessWatch>> watches;
    std::vector<int> reads(size_t(count), 0);
    for (int i = 0; i < count; ++i) {
        pairs.push_back(std::make_unique<Pair>());
        QVERIFY(pairs.back()->ok());
        const int fd = pairs.back()->fds[0];
        watches.push_back(std::make_unique<ReadinessWatch>(
            fd,
            [&reads, i, fd] {
                char c;
                if (::read(fd, &c, 1) == 1)
                    ++reads[size_t(i)];
            },
            [] {}));
        watches.back()->setReadEnabled(true);
    }
    for (const auto &pair : pairs)
        QCOMPARE(::write(pair->fds[1], "x", 1), 1);
    const auto total = [&reads] {
        int sum = 0;
        for (int r : reads)
            sum += r;
        return sum;
    };
    QTRY_COMPARE_WITH_TIMEOUT(total(), count, 10000);
    spin();
    for (int i = 0; i < count; ++i)
        QCOMPARE(reads[size_t(i)], 1);
}

void TestReadinessWatch::writeInterestOnAndOff()
{
    Pair pair;
    QVERIFY(pair.ok());
    int writable = 0;
    int stopAt = 3;
    ReadinessWatch watch(
        pair.fds[0], [] {},
        [&] {
            // Level-triggered: a writable socket reports every turn until turned off.
            if (++writable >= stopAt)
                watch.setWriteEnabled(false);
        });
    watch.setWriteEnabled(true);
    QTRY_COMPARE(writable, 3);
    spin();
    QCOMPARE(writable, 3);
    QVERIFY(!watch.isWriteEnabled());
    // On and off again without a turn in between: nothing is reported.
    watch.setWriteEnabled(true);
    watch.setWriteEnabled(false);
    spin();
    QCOMPARE(writable, 3);
    stopAt = 4;
    watch.setWriteEnabled(true);
    QTRY_COMPARE(writable, 4);
    spin();
    QCOMPARE(writable, 4);
}

void TestReadinessWatch::writableOnlyOnceTheKernelHasRoom()
{
    Pair pair;
    QVERIFY(pair.ok());
    // Fill the socket until the kernel refuses more (bounded: a few MiB at most).
    static const char block[4096] = {};
    qint64 filled = 0;
    for (int i = 0; i < 100000; ++i) {
        const ssize_t n = ::write(pair.fds[0], block, sizeof block);
        if (n < 0) {
            QCOMPARE(errno, EAGAIN);
            break;
        }
        filled += n;
    }
    QVERIFY(filled > 0);
    int writable = 0;
    ReadinessWatch watch(
        pair.fds[0], [] {},
        [&] {
            ++writable;
            watch.setWriteEnabled(false);
        });
    watch.setWriteEnabled(true);
    spin();
    QCOMPARE(writable, 0);
    // The peer reads everything: now there is room.
    char sink[65536];
    qint64 drained = 0;
    while (drained < filled) {
        const ssize_t n = ::read(pair.fds[1], sink, sizeof sink);
        QVERIFY2(n > 0, "the peer could not read what was written");
        drained += n;
    }
    QTRY_COMPARE(writable, 1);
}

void TestReadinessWatch::removalWhileEventsArePending()
{
    // Both sockets are readable in the same turn; whichever is handled first
    // removes the other, whose answer is already in the batch: it must not be
    // called (it would touch a deleted object). A new watch created at once
    // takes the freed slot and must not receive the old answer either.
    Pair a;
    Pair b;
    Pair c;
    QVERIFY(a.ok() && b.ok() && c.ok());
    std::unique_ptr<ReadinessWatch> watchA;
    std::unique_ptr<ReadinessWatch> watchB;
    std::unique_ptr<ReadinessWatch> watchC;
    int calls = 0;
    int callsC = 0;
    const auto readAndRemoveOther = [&](int fd, std::unique_ptr<ReadinessWatch> &other) {
        char byte;
        if (::read(fd, &byte, 1) == 1)
            ++calls;
        if (!other)
            return;
        other.reset();
        watchC = std::make_unique<ReadinessWatch>(
            c.fds[0],
            [&] {
                char got;
                if (::read(c.fds[0], &got, 1) == 1)
                    ++callsC;
            },
            [] {});
        watchC->setReadEnabled(true);
    };
    watchA = std::make_unique<ReadinessWatch>(
        a.fds[0], [&] { readAndRemoveOther(a.fds[0], watchB); }, [] {});
    watchB = std::make_unique<ReadinessWatch>(
        b.fds[0], [&] { readAndRemoveOther(b.fds[0], watchA); }, [] {});
    watchA->setReadEnabled(true);
    watchB->setReadEnabled(true);
    QCOMPARE(::write(a.fds[1], "a", 1), 1);
    QCOMPARE(::write(b.fds[1], "b", 1), 1);
    QTRY_COMPARE(calls, 1);
    spin();
    QCOMPARE(calls, 1);
    QCOMPARE(callsC, 0); // c's peer wrote nothing
    QVERIFY(bool(watchA) != bool(watchB));
    // The new watch in the freed slot works.
    QCOMPARE(::write(c.fds[1], "c", 1), 1);
    QTRY_COMPARE(callsC, 1);
}

void TestReadinessWatch::hangUpWakesTheReader()
{
    Pair pair;
    QVERIFY(pair.ok());
    int eof = 0;
    ReadinessWatch watch(
        pair.fds[0],
        [&] {
            char c;
            if (::read(pair.fds[0], &c, 1) == 0) {
                ++eof;
                watch.setReadEnabled(false);
            }
        },
        [] {});
    watch.setReadEnabled(true);
    ::close(pair.fds[1]);
    pair.fds[1] = -1;
    QTRY_COMPARE(eof, 1);
    spin();
    QCOMPARE(eof, 1);
}

void TestReadinessWatch::noInterestMeansNoCallbacks()
{
    // epoll reports hang-ups whatever the mask: a watch that wants nothing
    // must not be registered, or the loop would wake for it every turn.
    Pair pair;
    QVERIFY(pair.ok());
    int calls = 0;
    ReadinessWatch watch(
        pair.fds[0], [&] { ++calls; }, [&] { ++calls; });
    watch.setReadEnabled(true);
    watch.setReadEnabled(false);
    ::close(pair.fds[1]);
    pair.fds[1] = -1;
    spin();
    QCOMPARE(calls, 0);
    // Interest back: the hang-up is reported at once.
    watch.setReadEnabled(true);
    QTRY_VERIFY(calls > 0);
    watch.setReadEnabled(false);
}

void TestReadinessWatch::refusedDescriptorsFallBackToNotifiers()
{
    // epoll_ctl refuses regular files and /dev/null with EPERM; poll() calls
    // them always ready, and so must the watch.
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    QVERIFY(devNull >= 0);
    int readable = 0;
    int writable = 0;
    {
        ReadinessWatch watch(
            devNull,
            [&] {
                ++readable;
                watch.setReadEnabled(false);
            },
            [&] {
                ++writable;
                watch.setWriteEnabled(false);
            });
        watch.setReadEnabled(true);
        QVERIFY(watch.usesFallback());
        QTRY_COMPARE(readable, 1);
        watch.setWriteEnabled(true);
        QTRY_COMPARE(writable, 1);
        spin();
        QCOMPARE(readable, 1);
        QCOMPARE(writable, 1);
    }
    ::close(devNull);

    QTemporaryFile file;
    QVERIFY2(file.open(), qPrintable(file.errorString()));
    QCOMPARE(file.write("request\n"), 8);
    QVERIFY(file.flush());
    const int fd = ::open(QFile::encodeName(file.fileName()).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    QByteArray got;
    bool atEnd = false;
    {
        ReadinessWatch watch(
            fd,
            [&] {
                char buf[64];
                const ssize_t n = ::read(fd, buf, sizeof buf);
                if (n > 0) {
                    got.append(buf, n);
                } else {
                    atEnd = true;
                    watch.setReadEnabled(false);
                }
            },
            [] {});
        watch.setReadEnabled(true);
        QVERIFY(watch.usesFallback());
        QTRY_VERIFY(atEnd);
        QCOMPARE(got, QByteArray("request\n"));
    }
    ::close(fd);
}

void TestReadinessWatch::eachThreadHasItsOwn()
{
    // A socket on another thread is served by that thread's loop, not this one's.
    Pair pair;
    QVERIFY(pair.ok());
    // Through CallQueue, not a queued lambda: the hand-over must be one that
    // ThreadSanitizer can see. Made before the thread starts, so that the
    // thread's start orders the queue's making before its use there.
    CallQueue context;
    QThread thread;
    context.moveToThread(&thread);
    thread.start();
    std::atomic<Qt::HANDLE> calledOn{nullptr};
    std::unique_ptr<ReadinessWatch> watch;
    context.postAndWait([&] {
        watch = std::make_unique<ReadinessWatch>(
            pair.fds[0],
            [&] {
                calledOn = QThread::currentThreadId();
                watch->setReadEnabled(false);
            },
            [] {});
        watch->setReadEnabled(true);
    });
    QCOMPARE(::write(pair.fds[1], "t", 1), 1);
    QTRY_VERIFY(calledOn.load() != nullptr);
    QVERIFY(calledOn.load() != QThread::currentThreadId());
    context.postAndWait([&] { watch.reset(); });
    thread.quit();
    QVERIFY(thread.wait(10000));
}

QTEST_GUILESS_MAIN(TestReadinessWatch)
#include "tst_readinesswatch.moc"
