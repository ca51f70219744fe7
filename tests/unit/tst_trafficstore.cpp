#include "appendnotifier.h"
#include "trafficstore.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <thread>

class tst_TrafficStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventsKeepExactBytes();
    void sequenceAndRanges();
    void connectionCounters();
    void capEvictsOldestFirst();
    void capWithEventsOnly();
    void capForgetsClosedConnections();
    void oversizedPayload();
    void fullStoreKeepsPayloadsIntact();
    void holdKeepsEventsWhileChunksAreReused();
    void notifiesOncePerBatch();
    void writerThreadBurstIsAnnouncedWhole();
    void clearDropsEvents();
    void concurrentAppendAndRead();
    void eventsWithTheirOwnTime();
};

void tst_TrafficStore::eventsKeepExactBytes()
{
    TrafficStore store;
    const QByteArray binary("\x00\xff\xfe\r\n\x80 tail", 10);
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:5000"));
    const ConnectionId c = store.openConnection(1, a, false);
    const quint64 seq = store.append(1, c, a, EventKind::Received, binary);

    TrafficEvent ev;
    QVERIFY(store.event(seq, &ev));
    QCOMPARE(ev.kind, EventKind::Received);
    QCOMPARE(ev.connection, c);
    QCOMPARE(ev.session, SessionId(1));
    QCOMPARE(ev.payloadSize, quint32(binary.size()));
    QCOMPARE(store.payload(ev), binary);
    QCOMPARE(store.payload(ev, 3), binary.left(3));
    QCOMPARE(store.addresses(ev.addresses).local, QStringLiteral("127.0.0.1:9999"));
    QCOMPARE(store.addresses(ev.addresses).peer, QStringLiteral("127.0.0.1:5000"));
    QVERIFY(ev.timeUs > 0);
    QVERIFY(qAbs(ev.timeUs - TrafficStore::nowUs()) < 60 * 1000 * 1000);
}

void tst_TrafficStore::sequenceAndRanges()
{
    TrafficStore store;
    QCOMPARE(store.firstSeq(), quint64(1));
    QCOMPARE(store.lastSeq(), quint64(0));
    for (int i = 0; i < 100; ++i)
        store.append(1, 0, 0, EventKind::Note, QByteArray::number(i));
    QCOMPARE(store.firstSeq(), quint64(1));
    QCOMPARE(store.lastSeq(), quint64(100));
    const QList<TrafficEvent> some = store.events(10, 19);
    QCOMPARE(some.size(), 10);
    QCOMPARE(some.first().seq, quint64(10));
    QCOMPARE(store.payload(some.last()), QByteArray("18"));
    QCOMPARE(store.events(95, 1000).size(), 6); // clipped to what exists
    QVERIFY(store.events(101, 200).isEmpty());
    TrafficEvent ev;
    QVERIFY(!store.event(0, &ev));
    QVERIFY(!store.event(101, &ev));
}

void tst_TrafficStore::connectionCounters()
{
    TrafficStore store;
    const AddressId a = store.addAddresses(QStringLiteral("l"), QStringLiteral("p"));
    const ConnectionId c = store.openConnection(2, a, false);
    QCOMPARE(store.totals().openConnections, quint64(1));
    quint64 serial = 0;
    QCOMPARE(store.connectionsChangedSince(0, &serial).size(), 1);
    store.append(2, c, a, EventKind::Received, "abc");
    store.append(2, c, a, EventKind::Sent, "Hello, abc!");
    store.append(2, c, a, EventKind::Received, "de");
    const QList<TrafficStore::ConnectionInfo> changed =
        store.connectionsChangedSince(serial, &serial);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().bytesIn, quint64(5));
    QCOMPARE(changed.first().bytesOut, quint64(11));
    QCOMPARE(changed.first().messagesIn, quint64(2));
    QCOMPARE(changed.first().messagesOut, quint64(1));
    QVERIFY(store.connectionsChangedSince(serial, &serial).isEmpty());

    store.append(2, c, a, EventKind::Closed, "Closed by the peer", Closer::Peer);
    TrafficStore::ConnectionInfo info;
    QVERIFY(store.connection(c, &info));
    QCOMPARE(info.state, TrafficStore::ConnectionState::Closed);
    QCOMPARE(info.closer, Closer::Peer);
    QCOMPARE(store.totals().openConnections, quint64(0));
    QCOMPARE(store.totals().bytesIn, quint64(5));
    QCOMPARE(store.totals().bytesOut, quint64(11));
}

void tst_TrafficStore::capEvictsOldestFirst()
{
    TrafficStore store;
    const qint64 cap = 1024 * 1024;
    store.setMemoryCap(cap);
    const QByteArray payload(1000, 'x');
    const int total = 5000; // ~5 MB of payload: most must be evicted
    for (int i = 0; i < total; ++i) {
        QByteArray p = payload;
        p.replace(0, 8, QByteArray::number(i).rightJustified(8, '0'));
        store.append(1, 0, 0, EventKind::Received, p);
        QVERIFY2(store.totals().memoryUsed <= cap,
                 qPrintable(QString::number(store.totals().memoryUsed)));
    }
    const TrafficStore::Totals t = store.totals();
    QCOMPARE(t.events, quint64(total));
    QVERIFY(t.evicted > 0);
    QCOMPARE(store.firstSeq(), t.evicted + 1); // the oldest went first
    QCOMPARE(store.lastSeq(), quint64(total));
    // What is kept is intact, and the newest is there.
    for (quint64 seq = store.firstSeq(); seq <= store.lastSeq(); seq += 97) {
        TrafficEvent ev;
        QVERIFY(store.event(seq, &ev));
        QCOMPARE(store.payload(ev).left(8), QByteArray::number(seq - 1).rightJustified(8, '0'));
    }
    TrafficEvent last;
    QVERIFY(store.event(total, &last));
    QCOMPARE(store.payload(last).size(), payload.size());
    // An evicted event's payload is gone, not garbage.
    TrafficEvent gone;
    QVERIFY(!store.event(1, &gone));
}

void tst_TrafficStore::capWithEventsOnly()
{
    TrafficStore store;
    store.setMemoryCap(256 * 1024);
    for (int i = 0; i < 50000; ++i)
        store.append(1, 0, 0, EventKind::Opened);
    QVERIFY(store.totals().memoryUsed <= 256 * 1024);
    QVERIFY(store.totals().evicted > 0);
    QCOMPARE(store.totals().evicted + (store.lastSeq() - store.firstSeq() + 1), quint64(50000));
}

void tst_TrafficStore::capForgetsClosedConnections()
{
    // Many short connections under a small cap: the records of closed ones
    // must make way, or after a few thousand each new event would be evicted
    // the moment it is appended and the log would stand still.
    TrafficStore store;
    const qint64 cap = 1024 * 1024;
    store.setMemoryCap(cap);
    const AddressId longLivedAddresses =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:40000"));
    const ConnectionId longLived = store.openConnection(1, longLivedAddresses, false);
    store.append(1, longLived, longLivedAddresses, EventKind::Received, "first");
    constexpr int Connections = 20000;
    ConnectionId last = 0;
    for (int i = 0; i < Connections; ++i) {
        const AddressId a = store.addAddresses(QStringLiteral("127.0.0.1:9999"),
                                               u"127.0.0.1:" + QString::number(50000 + i % 10000));
        last = store.openConnection(1, a, false);
        store.append(1, last, a, EventKind::Opened);
        store.append(1, last, a, EventKind::Closed, "Connection reset by the peer", Closer::Peer);
    }
    QVERIFY2(store.totals().memoryUsed <= cap,
             qPrintable(QString::number(store.totals().memoryUsed)));

    // A new event is kept, with its addresses.
    const quint64 seq =
        store.append(1, longLived, longLivedAddresses, EventKind::Received, "marker");
    TrafficEvent ev;
    QVERIFY(store.event(seq, &ev));
    QCOMPARE(store.payload(ev), QByteArray("marker"));
    QCOMPARE(store.addresses(ev.addresses).peer, QStringLiteral("127.0.0.1:40000"));
    // Hundreds of recent events stay, not just the newest.
    QVERIFY2(store.lastSeq() - store.firstSeq() > 1000,
             qPrintable(QString::number(store.lastSeq() - store.firstSeq())));
    // The open connection keeps its record and counters; the newest closed
    // one is still there; the oldest closed ones are forgotten.
    TrafficStore::ConnectionInfo info;
    QVERIFY(store.connection(longLived, &info));
    QCOMPARE(info.bytesIn, quint64(11));
    QCOMPARE(info.state, TrafficStore::ConnectionState::Open);
    QVERIFY(store.connection(last, &info));
    QCOMPARE(info.closer, Closer::Peer);
    QVERIFY(!store.connection(longLived + 1, &info));
    QCOMPARE(store.totals().openConnections, quint64(1));
    const quint64 forgotten = store.totals().forgottenConnections;
    QVERIFY(forgotten > 10000 && forgotten < quint64(Connections));
    quint64 serial = 0;
    QCOMPARE(quint64(store.connectionsChangedSince(0, &serial).size()),
             quint64(Connections) + 1 - forgotten);
}

void tst_TrafficStore::oversizedPayload()
{
    TrafficStore store;
    store.setMemoryCap(4 * 1024 * 1024);
    QByteArray big(2 * 1024 * 1024 + 3, '\0');
    for (int i = 0; i < big.size(); ++i)
        big[i] = char(i * 7);
    const quint64 seq = store.append(1, 0, 0, EventKind::Sent, big);
    store.append(1, 0, 0, EventKind::Sent, "small");
    TrafficEvent ev;
    QVERIFY(store.event(seq, &ev));
    QCOMPARE(store.payload(ev), big);
}

namespace {

// Payload i: its number, then bytes that depend on it, of a size that varies
// (now and then larger than a chunk), so a chunk reused for newer payloads
// cannot pass for the old one.
QByteArray numberedPayload(int i, qsizetype chunk)
{
    const qsizetype size = i % 37 == 0 ? chunk + 1000 : 100 + (i * 7919) % 9000;
    QByteArray p(size, char('a' + i % 26));
    p.replace(0, 8, QByteArray::number(i).rightJustified(8, '0'));
    return p;
}

} // namespace

void tst_TrafficStore::fullStoreKeepsPayloadsIntact()
{
    // A full store evicts the oldest chunk for each new one and writes the
    // new payloads into its memory: what is kept must read back as appended,
    // through many rounds of the whole cap.
    TrafficStore store;
    const qint64 cap = 2 * 1024 * 1024;
    const qsizetype chunk = cap / 16;
    store.setMemoryCap(cap);
    const int total = 6000; // about 30 MB: the cap over ten times
    for (int i = 0; i < total; ++i) {
        store.append(1, 0, 0, EventKind::Received, numberedPayload(i, chunk));
        QVERIFY2(store.totals().memoryUsed <= cap,
                 qPrintable(QString::number(store.totals().memoryUsed)));
    }
    const TrafficStore::Totals t = store.totals();
    QCOMPARE(t.events, quint64(total));
    QCOMPARE(store.firstSeq(), t.evicted + 1);
    QVERIFY(t.kept > 100);
    for (quint64 seq = store.firstSeq(); seq <= store.lastSeq(); ++seq) {
        TrafficEvent ev;
        QVERIFY(store.event(seq, &ev));
        QCOMPARE(store.payload(ev), numberedPayload(int(seq - 1), chunk));
    }
}

void tst_TrafficStore::holdKeepsEventsWhileChunksAreReused()
{
    // A hold (a capture being written) keeps its events past the cap; the
    // chunks holding them are not reused under them, and once the hold moves
    // on the store comes back under the cap.
    TrafficStore store;
    const qint64 cap = 2 * 1024 * 1024;
    const qsizetype chunk = cap / 16;
    store.setMemoryCap(cap);
    for (int i = 0; i < 1000; ++i)
        store.append(1, 0, 0, EventKind::Received, numberedPayload(i, chunk));
    const quint64 held = store.lastSeq() - 50;
    const TrafficStore::HoldId hold = store.addEvictionHold(held);
    for (int i = 1000; i < 1200; ++i)
        store.append(1, 0, 0, EventKind::Received, numberedPayload(i, chunk));
    QVERIFY(store.firstSeq() <= held);
    for (quint64 seq = held; seq <= store.lastSeq(); ++seq) {
        TrafficEvent ev;
        QVERIFY(store.event(seq, &ev));
        QCOMPARE(store.payload(ev), numberedPayload(int(seq - 1), chunk));
    }
    store.moveEvictionHold(hold, store.lastSeq() + 1);
    store.append(1, 0, 0, EventKind::Received, numberedPayload(1200, chunk));
    QVERIFY(store.totals().memoryUsed <= cap);
    TrafficEvent last;
    QVERIFY(store.event(store.lastSeq(), &last));
    QCOMPARE(store.payload(last), numberedPayload(1200, chunk));
}

void tst_TrafficStore::notifiesOncePerBatch()
{
    TrafficStore store;
    QSignalSpy spy(&store, &TrafficStore::eventsAppended);
    for (int i = 0; i < 1000; ++i)
        store.append(1, 0, 0, EventKind::Note, "n");
    QCOMPARE(spy.size(), 0); // queued, not per event
    QTRY_COMPARE(spy.size(), 1);
    store.append(1, 0, 0, EventKind::Note, "again");
    QTRY_COMPARE(spy.size(), 2);
}

// A writer on another thread (the relay's, a UDP session's) appending message
// after message: the readers hear of it a few times, not once per message, and
// the last announcement comes after the last append, so nothing is left unread.
void tst_TrafficStore::writerThreadBurstIsAnnouncedWhole()
{
    TrafficStore store;
    constexpr int Count = 100000;
    int announcements = 0;
    quint64 seenUpTo = 0;
    // A real event loop, as the printer's: QTRY's waiting turns the loop only
    // every few milliseconds and would hide announcements made too often.
    QEventLoop loop;
    connect(&store, &TrafficStore::eventsAppended, &store, [&] {
        ++announcements;
        seenUpTo = store.lastSeq();
        if (seenUpTo == quint64(Count))
            loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    std::thread writer([&store] {
        for (int i = 0; i < Count; ++i)
            store.append(1, 0, 0, EventKind::Received, "m");
    });
    loop.exec();
    const qint64 elapsedMs = clock.elapsed();
    writer.join();
    QCOMPARE(seenUpTo, quint64(Count));
    // At most one announcement per interval, and the one at the start.
    QVERIFY2(announcements <= elapsedMs / AppendNotifier::IntervalMs + 2,
             qPrintable(QStringLiteral("%1 announcements in %2 ms for %3 appends")
                            .arg(announcements)
                            .arg(elapsedMs)
                            .arg(Count)));
}

void tst_TrafficStore::clearDropsEvents()
{
    TrafficStore store;
    store.append(1, 0, 0, EventKind::Received, "abc");
    QSignalSpy spy(&store, &TrafficStore::cleared);
    store.clear();
    QCOMPARE(spy.size(), 1);
    QVERIFY(store.firstSeq() > store.lastSeq());
    const quint64 seq = store.append(1, 0, 0, EventKind::Received, "xyz");
    QCOMPARE(seq, quint64(2)); // numbering goes on
    TrafficEvent ev;
    QVERIFY(store.event(seq, &ev));
    QCOMPARE(store.payload(ev), QByteArray("xyz"));
}

void tst_TrafficStore::concurrentAppendAndRead()
{
    TrafficStore store;
    store.setMemoryCap(2 * 1024 * 1024);
    constexpr int Count = 200000;
    std::thread writer([&store] {
        for (int i = 0; i < Count; ++i)
            store.append(1, 0, 0, EventKind::Received, QByteArray::number(i));
    });
    // Read while writing: every event read must carry its own number. The
    // first mismatch is kept and compared once the writer has ended (a failed
    // QCOMPARE returns, and a joinable std::thread left behind aborts).
    int checked = 0;
    QByteArray mismatch;
    while (store.lastSeq() < quint64(Count) && checked < 10 * Count && mismatch.isEmpty()) {
        const quint64 last = store.lastSeq();
        TrafficEvent ev;
        if (last > 0 && store.event(last, &ev)) {
            const QByteArray p = store.payload(ev);
            if (!p.isEmpty() && p != QByteArray::number(qulonglong(last - 1)))
                mismatch = "event " + QByteArray::number(last) + " carries " + p;
        }
        ++checked;
    }
    writer.join();
    QVERIFY2(mismatch.isEmpty(), mismatch.constData());
    QCOMPARE(store.lastSeq(), quint64(Count));
}

void tst_TrafficStore::eventsWithTheirOwnTime()
{
    // Events read from a file keep the file's times, not the clock's.
    TrafficStore store;
    QSignalSpy appended(&store, &TrafficStore::eventsAppended);
    const AddressId a =
        store.addAddresses(QStringLiteral("10.0.0.1:80"), QStringLiteral("10.0.0.2:5000"));
    const qint64 t0 = 1700000000000000;
    const ConnectionId c = store.openConnection(3, a, false, t0);
    QCOMPARE(store.appendAt(t0, 3, c, a, EventKind::Opened), quint64(1));
    const TrafficStore::TimedEvent batch[] = {
        {t0 + 10, 3, c, a, EventKind::Received, Closer::None, "GET /"},
        {t0 + 20, 3, c, a, EventKind::Sent, Closer::None, "HTTP/1.0 200 OK"},
        {t0 + 30, 3, c, a, EventKind::Closed, Closer::Local, "closed"},
    };
    QCOMPARE(store.appendBatch(batch, 3), quint64(4));
    QCOMPARE(store.appendBatch(batch, 0), quint64(0));

    const QList<TrafficEvent> events = store.events(1, 4);
    QCOMPARE(events.size(), 4);
    QCOMPARE(events.at(0).timeUs, t0);
    QCOMPARE(events.at(2).timeUs, t0 + 20);
    QCOMPARE(store.payload(events.at(2)), QByteArray("HTTP/1.0 200 OK"));
    QCOMPARE(events.at(3).closer, Closer::Local);
    TrafficStore::ConnectionInfo info;
    QVERIFY(store.connection(c, &info));
    QCOMPARE(info.openedUs, t0);
    QCOMPARE(info.closedUs, t0 + 30);
    QCOMPARE(info.lastActivityUs, t0 + 30);
    QCOMPARE(info.bytesIn, quint64(5));
    QCOMPARE(info.messagesOut, quint64(1));
    QCOMPARE(info.state, TrafficStore::ConnectionState::Closed);
    QCOMPARE(store.totals().openConnections, quint64(0));
    QTRY_COMPARE(appended.size(), 1); // once per event-loop turn, batch or not
}

QTEST_GUILESS_MAIN(tst_TrafficStore)
#include "tst_trafficstore.moc"
