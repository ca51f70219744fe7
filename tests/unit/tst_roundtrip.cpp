// Round-trip times as the store measures them while events are appended, from
// synthetic timestamps, and as the JSON and readable lines print them.

#include "eventformat.h"
#include "roundtrip.h"
#include "trafficstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

namespace {

constexpr qint64 T0 = 1'700'000'000'000'000; // any wall-clock time, in µs

struct Conversation
{
    TrafficStore *store;
    ConnectionId id;
    AddressId addresses;

    quint64 at(qint64 offsetUs, EventKind kind, const QByteArray &bytes = "x")
    {
        return store->appendAt(T0 + offsetUs, 1, id, addresses, kind, bytes);
    }
    RoundTrip::Stats stats() const
    {
        TrafficStore::ConnectionInfo info;
        return store->connection(id, &info) ? info.roundTrip : RoundTrip::Stats();
    }
};

Conversation open(TrafficStore &store, bool datagram = false, const QString &peer = {})
{
    const AddressId a = store.addAddresses(
        QStringLiteral("127.0.0.1:9999"), peer.isEmpty() ? QStringLiteral("127.0.0.1:5000") : peer);
    return {&store, store.openConnection(1, a, datagram, T0), a};
}

} // namespace

class tst_RoundTrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replyGetsTimeSinceSend();
    void onlyFirstReceiveAnswers();
    void firstOfSeveralSendsCounts();
    void receiveWithoutSendHasNone();
    void udpPeersAreSeparate();
    void clockSteppedBackCountsAsZero();
    void statsMinMeanP99();
    void batchFromCaptureGetsRoundTrips();
    void evictionDropsMarks();
    void memoryPerEventOfAnExchange();
    void jsonAndLine();
    void histogramBuckets();
    void p99FollowsEverySample();
    void text_data();
    void text();
};

void tst_RoundTrip::replyGetsTimeSinceSend()
{
    TrafficStore store;
    Conversation c = open(store);
    c.at(0, EventKind::Sent);
    const quint64 reply = c.at(1500, EventKind::Received);
    QCOMPARE(store.roundTripUs(reply), qint64(1500));
    QCOMPARE(store.roundTripUs(reply - 1), qint64(-1)); // the send itself has none
    const QList<RoundTrip::Mark> marks = store.roundTrips(1, store.lastSeq());
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().seq, reply);
    QCOMPARE(marks.first().us, qint64(1500));
}

void tst_RoundTrip::onlyFirstReceiveAnswers()
{
    TrafficStore store;
    Conversation c = open(store);
    c.at(0, EventKind::Sent);
    const quint64 first = c.at(1500, EventKind::Received);
    const quint64 second = c.at(2000, EventKind::Received); // the rest of the same reply
    QCOMPARE(store.roundTripUs(first), qint64(1500));
    QCOMPARE(store.roundTripUs(second), qint64(-1));
    // The next exchange is measured from its own send.
    c.at(10'000, EventKind::Sent);
    const quint64 third = c.at(10'250, EventKind::Received);
    QCOMPARE(store.roundTripUs(third), qint64(250));
    QCOMPARE(c.stats().count, quint64(2));
}

void tst_RoundTrip::firstOfSeveralSendsCounts()
{
    TrafficStore store;
    Conversation c = open(store);
    c.at(0, EventKind::Sent, "Hello");
    c.at(400, EventKind::Sent, "\n");
    c.at(500, EventKind::Note, "not data"); // notes and states do not count
    const quint64 reply = c.at(1000, EventKind::Received);
    QCOMPARE(store.roundTripUs(reply), qint64(1000));
}

void tst_RoundTrip::receiveWithoutSendHasNone()
{
    TrafficStore store;
    Conversation c = open(store);
    const quint64 greeting = c.at(100, EventKind::Received, "Welcome!");
    QCOMPARE(store.roundTripUs(greeting), qint64(-1));
    QCOMPARE(c.stats().count, quint64(0));
    // Session-level events (connection 0) never take part.
    store.appendAt(T0 + 200, 1, 0, 0, EventKind::Sent, "x");
    const quint64 other = c.at(300, EventKind::Received);
    QCOMPARE(store.roundTripUs(other), qint64(-1));
    QVERIFY(store.roundTrips(1, store.lastSeq()).isEmpty());
}

void tst_RoundTrip::udpPeersAreSeparate()
{
    TrafficStore store;
    Conversation a = open(store, true, QStringLiteral("127.0.0.1:8888"));
    Conversation b = open(store, true, QStringLiteral("127.0.0.1:8889"));
    a.at(0, EventKind::Sent);
    b.at(10, EventKind::Sent);
    const quint64 fromB = b.at(300, EventKind::Received);
    const quint64 fromA = a.at(500, EventKind::Received);
    const quint64 againB = b.at(600, EventKind::Received);
    QCOMPARE(store.roundTripUs(fromB), qint64(290));
    QCOMPARE(store.roundTripUs(fromA), qint64(500));
    QCOMPARE(store.roundTripUs(againB), qint64(-1));
    QCOMPARE(a.stats().count, quint64(1));
    QCOMPARE(a.stats().minUs, qint64(500));
    QCOMPARE(b.stats().minUs, qint64(290));
}

void tst_RoundTrip::clockSteppedBackCountsAsZero()
{
    TrafficStore store;
    Conversation c = open(store);
    c.at(1000, EventKind::Sent);
    const quint64 reply = c.at(400, EventKind::Received);
    QCOMPARE(store.roundTripUs(reply), qint64(0));
}

void tst_RoundTrip::statsMinMeanP99()
{
    TrafficStore store;
    Conversation c = open(store);
    // 99 answers in 1 ms and one in 50 ms: p99 is still 1 ms (the 99th of
    // 100), the mean feels the slow one.
    qint64 t = 0;
    for (int i = 0; i < 100; ++i) {
        const qint64 rtt = i == 50 ? 50'000 : 1000;
        c.at(t, EventKind::Sent);
        c.at(t + rtt, EventKind::Received);
        t += 100'000;
    }
    RoundTrip::Stats s = c.stats();
    QCOMPARE(s.count, quint64(100));
    QCOMPARE(s.minUs, qint64(1000));
    QCOMPARE(s.maxUs, qint64(50'000));
    QCOMPARE(s.meanUs(), qint64((99 * 1000 + 50'000) / 100));
    // The upper edge of 1000's bucket: within 1/16 above it.
    QVERIFY2(s.p99Us >= 1000 && s.p99Us <= 1000 * 17 / 16, qPrintable(QString::number(s.p99Us)));
    // Two more slow ones: now the 99th of 102 is slow (within the bucket's 1/16).
    for (int i = 0; i < 2; ++i) {
        c.at(t, EventKind::Sent);
        c.at(t + 40'000, EventKind::Received);
        t += 100'000;
    }
    s = c.stats();
    QVERIFY2(s.p99Us >= 40'000 && s.p99Us <= 40'000 * 17 / 16,
             qPrintable(QString::number(s.p99Us)));
}

void tst_RoundTrip::batchFromCaptureGetsRoundTrips()
{
    // A capture file's events arrive in batches with their own times.
    TrafficStore store;
    const AddressId a =
        store.addAddresses(QStringLiteral("10.0.0.1:80"), QStringLiteral("10.0.0.2:4000"));
    const ConnectionId id = store.openConnection(1, a, false, T0);
    TrafficStore::TimedEvent events[3];
    const EventKind kinds[] = {EventKind::Sent, EventKind::Received, EventKind::Received};
    const qint64 times[] = {0, 2500, 2600};
    for (int i = 0; i < 3; ++i) {
        events[i].timeUs = T0 + times[i];
        events[i].session = 1;
        events[i].connection = id;
        events[i].addresses = a;
        events[i].kind = kinds[i];
        events[i].payload = "data";
    }
    const quint64 last = store.appendBatch(events, 3);
    QCOMPARE(store.roundTripUs(last - 1), qint64(2500));
    QCOMPARE(store.roundTripUs(last), qint64(-1));
}

void tst_RoundTrip::evictionDropsMarks()
{
    TrafficStore store;
    store.setMemoryCap(64 * 1024);
    Conversation c = open(store);
    // Far more exchanges than the cap keeps: the marks of evicted events go
    // with them, and the memory used stays under the cap.
    for (int i = 0; i < 20'000; ++i) {
        c.at(i * 1000, EventKind::Sent);
        c.at(i * 1000 + 100, EventKind::Received);
    }
    const TrafficStore::Totals totals = store.totals();
    QVERIFY(totals.evicted > 0);
    QVERIFY(totals.memoryUsed <= totals.memoryCap);
    const QList<RoundTrip::Mark> marks = store.roundTrips(0, store.lastSeq());
    QVERIFY(!marks.isEmpty());
    QVERIFY(marks.first().seq >= store.firstSeq());
    qsizetype received = 0;
    for (const TrafficEvent &ev : store.events(store.firstSeq(), store.lastSeq()))
        received += ev.kind == EventKind::Received ? 1 : 0;
    QCOMPARE(marks.size(), received);           // every kept reply, no evicted one
    QCOMPARE(store.roundTripUs(2), qint64(-1)); // the first reply: evicted
    QCOMPARE(store.roundTripUs(store.lastSeq()), qint64(100));
    // The per-connection figures outlive eviction, like the byte counters.
    QCOMPARE(c.stats().count, quint64(20'000));

    store.clear();
    QVERIFY(store.roundTrips(0, store.lastSeq()).isEmpty());
    QCOMPARE(c.stats().count, quint64(20'000));
}

// The store's budget is about 40 bytes an event beyond the payload; a reply's
// mark adds 8 bytes, so a request/reply exchange costs 4 more per event.
void tst_RoundTrip::memoryPerEventOfAnExchange()
{
    TrafficStore store;
    store.setMemoryCap(qint64(1) << 30);
    Conversation c = open(store);
    const qint64 before = store.totals().memoryUsed;
    constexpr int Exchanges = 100'000;
    for (int i = 0; i < Exchanges; ++i) {
        c.at(i * 1000, EventKind::Sent, QByteArray());
        c.at(i * 1000 + 100, EventKind::Received, QByteArray());
    }
    const double perEvent = double(store.totals().memoryUsed - before) / (2 * Exchanges);
    QVERIFY2(perEvent <= double(sizeof(TrafficEvent)) + 4.01,
             qPrintable(QString::number(perEvent)));
    QCOMPARE(c.stats().count, quint64(Exchanges));
}

void tst_RoundTrip::jsonAndLine()
{
    TrafficStore store;
    Conversation c = open(store);
    const quint64 greeting = c.at(0, EventKind::Received, "Welcome!");
    const quint64 sent = c.at(100, EventKind::Sent, "Michael");
    const quint64 reply = c.at(1340, EventKind::Received, "Hello, Michael!");
    auto json = [&](quint64 seq) {
        TrafficEvent ev;
        [&] { QVERIFY(store.event(seq, &ev)); }();
        return QJsonDocument::fromJson(EventFormat::toJson(ev, store)).object();
    };
    auto line = [&](quint64 seq) {
        TrafficEvent ev;
        [&] { QVERIFY(store.event(seq, &ev)); }();
        return EventFormat::toLine(ev, store);
    };
    QCOMPARE(json(reply).value(QLatin1String("rtt_us")).toInteger(), qint64(1240));
    QVERIFY(!json(greeting).contains(QLatin1String("rtt_us")));
    QVERIFY(!json(sent).contains(QLatin1String("rtt_us")));
    QVERIFY2(line(reply).endsWith(" 15 B \"Hello, Michael!\" (rtt 1.24 ms)"), line(reply));
    QVERIFY2(line(greeting).endsWith("\"Welcome!\""), line(greeting));
}

void tst_RoundTrip::histogramBuckets()
{
    // Exact below 16 µs, then 16 buckets per power of two; every value lies
    // in its bucket and the bucket's upper edge is within 1/16 of it.
    for (qint64 us :
         {0LL, 1LL, 15LL, 16LL, 17LL, 31LL, 32LL, 1000LL, 1240LL, 999'999LL, 3'600'000'000LL}) {
        const int bucket = RoundTrip::Histogram::bucketOf(us);
        const qint64 upper = RoundTrip::Histogram::bucketUpperUs(bucket);
        QVERIFY2(upper >= us && upper <= us + us / 16, qPrintable(QString::number(us)));
        if (bucket > 0)
            QVERIFY(RoundTrip::Histogram::bucketUpperUs(bucket - 1) < us);
    }
    RoundTrip::Histogram h;
    for (int i = 1; i <= 1000; ++i)
        h.add(i);
    QCOMPARE(h.count(), quint64(1000));
    QVERIFY(h.quantile(0.99) >= 990 && h.quantile(0.99) <= 990 + 990 / 16);
    QVERIFY(h.quantile(0.5) >= 500 && h.quantile(0.5) <= 500 + 500 / 16);
    // Bounded whatever the samples: 15 exact buckets (1..15) and 16 for each of the
    // six powers of two from 16 to 1023 µs.
    QCOMPARE(h.bytes(), qint64((15 + 6 * 16) * 8));
    RoundTrip::Histogram constant;
    for (int i = 0; i < 1000; ++i)
        constant.add(1240);
    QCOMPARE(constant.bytes(), qint64(8));
}

void tst_RoundTrip::p99FollowsEverySample()
{
    // p99() is kept as samples come, not worked out from the buckets: after
    // every sample it must equal the walk over them, whether the sample lands
    // below, in or above the p99's bucket, makes a new bucket or not.
    QRandomGenerator random(20261130);
    for (const qint64 spread : {qint64(40), qint64(5000), qint64(2'000'000)}) {
        RoundTrip::Histogram h;
        for (int i = 0; i < 5000; ++i) {
            // Mostly fast, a few slow: the p99's bucket moves both ways.
            const qint64 us = random.bounded(100) < 97 ? random.bounded(spread)
                                                       : spread + random.bounded(spread * 4);
            h.add(us);
            QCOMPARE(h.p99(), h.quantile(0.99));
        }
        for (int i = 0; i < 3000; ++i) { // then only fast ones: it comes back down
            h.add(random.bounded(spread / 4 + 1));
            QCOMPARE(h.p99(), h.quantile(0.99));
        }
    }
    RoundTrip::Histogram empty;
    QCOMPARE(empty.p99(), qint64(0));
}

void tst_RoundTrip::text_data()
{
    QTest::addColumn<qint64>("us");
    QTest::addColumn<QString>("text");
    QTest::newRow("µs") << qint64(850) << QStringLiteral("850 µs");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0 µs");
    QTest::newRow("ms") << qint64(1240) << QStringLiteral("1.24 ms");
    QTest::newRow("ms, rounds up a digit") << qint64(9996) << QStringLiteral("10.0 ms");
    QTest::newRow("tens of ms") << qint64(12'345) << QStringLiteral("12.3 ms");
    QTest::newRow("hundreds of ms") << qint64(123'456) << QStringLiteral("123 ms");
    QTest::newRow("s") << qint64(1'240'000) << QStringLiteral("1.24 s");
    QTest::newRow("just under 1 s") << qint64(999'700) << QStringLiteral("1.00 s");
}

void tst_RoundTrip::text()
{
    QFETCH(qint64, us);
    QFETCH(QString, text);
    QCOMPARE(RoundTrip::text(us), text);
}

QTEST_GUILESS_MAIN(tst_RoundTrip)
#include "tst_roundtrip.moc"
