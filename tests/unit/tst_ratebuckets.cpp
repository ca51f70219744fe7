#include "ratebuckets.h"
#include "trafficstatistics.h"
#include "trafficstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

constexpr qint64 Second = 1000000;
// 2026-11-30 00:00:00 UTC: a whole second, so bucket edges are easy to name.
constexpr qint64 T0 = 1795996800LL * Second;

RateBuckets::Counts sum(const RateBuckets::Series &series)
{
    RateBuckets::Counts total;
    for (const RateBuckets::Counts &c : series.buckets)
        total += c;
    return total;
}

} // namespace

class tst_RateBuckets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sizeClasses_data();
    void sizeClasses();
    void exactSumsPerSession();
    void recentWindow();
    void coarsensAndKeepsSums();
    void outOfOrderTimes();
    void storeCountsThroughEviction();
    void statisticsFromStore();
};

void tst_RateBuckets::sizeClasses_data()
{
    QTest::addColumn<quint32>("size");
    QTest::addColumn<int>("sizeClass");
    QTest::addColumn<QString>("label");
    QTest::newRow("empty") << 0u << 0 << QStringLiteral("0 B");
    QTest::newRow("one") << 1u << 1 << QStringLiteral("1 B");
    QTest::newRow("three") << 3u << 2 << QStringLiteral("2–3 B");
    QTest::newRow("64") << 64u << 7 << QStringLiteral("64–127 B");
    QTest::newRow("1500") << 1500u << 11 << QStringLiteral("1–2 KiB");
    QTest::newRow("65535") << 65535u << 16 << QStringLiteral("32–64 KiB");
    QTest::newRow("65536") << 65536u << 17 << QStringLiteral("≥ 64 KiB");
    QTest::newRow("huge") << 0xffffffffu << 17 << QStringLiteral("≥ 64 KiB");
}

void tst_RateBuckets::sizeClasses()
{
    QFETCH(quint32, size);
    QFETCH(int, sizeClass);
    QFETCH(QString, label);
    QCOMPARE(RateBuckets::sizeClass(size), sizeClass);
    QVERIFY(RateBuckets::sizeClassLow(sizeClass) <= qint64(size));
    if (RateBuckets::sizeClassHigh(sizeClass) >= 0)
        QVERIFY(qint64(size) <= RateBuckets::sizeClassHigh(sizeClass));
    QCOMPARE(TrafficStatistics::sizeClassLabel(sizeClass), label);
}

void tst_RateBuckets::exactSumsPerSession()
{
    RateBuckets rates;
    // Session 1: 3 in (10, 20, 30 bytes) in second 0, 1 out (5 bytes) in second 2.
    rates.add(T0 + 100, 1, false, 10);
    rates.add(T0 + 999999, 1, false, 20);
    rates.add(T0 + 500000, 1, false, 30);
    rates.add(T0 + 2 * Second, 1, true, 5);
    // Session 3: one empty message out in second 1.
    rates.add(T0 + Second, 3, true, 0);

    QCOMPARE(rates.sessions(), (QList<SessionId>{1, 3}));
    const RateBuckets::Counts one{3, 1, 60, 5};
    QCOMPARE(rates.total(1), one);
    QCOMPARE(rates.total(3), (RateBuckets::Counts{0, 1, 0, 0}));
    QCOMPARE(rates.total(RateBuckets::AllSessions), (RateBuckets::Counts{3, 2, 60, 5}));
    QCOMPARE(rates.total(2), RateBuckets::Counts{});

    const RateBuckets::Series whole = rates.whole(1);
    QCOMPARE(whole.startUs, T0);
    QCOMPARE(whole.bucketUs, Second);
    QCOMPARE(whole.buckets.size(), 3);
    QCOMPARE(whole.buckets.at(0), (RateBuckets::Counts{3, 0, 60, 0}));
    QCOMPARE(whole.buckets.at(1), RateBuckets::Counts{});
    QCOMPARE(whole.buckets.at(2), (RateBuckets::Counts{0, 1, 0, 5}));
    QCOMPARE(sum(rates.whole(RateBuckets::AllSessions)), rates.total(RateBuckets::AllSessions));

    QCOMPARE(rates.sizes(1, false)[size_t(RateBuckets::sizeClass(10))], 1u); // 8–15
    QCOMPARE(rates.sizes(1, false)[size_t(RateBuckets::sizeClass(20))], 2u); // 16–31: 20, 30
    QCOMPARE(rates.sizes(RateBuckets::AllSessions, true)[0], 1u);            // the empty one
    // All sessions: each bucket is the sum of the sessions' buckets.
    const RateBuckets::Series all = rates.whole(RateBuckets::AllSessions);
    QCOMPARE(all.buckets, (QList<RateBuckets::Counts>{{3, 0, 60, 0}, {0, 1, 0, 0}, {0, 1, 0, 5}}));
    const RateBuckets::Series allRecent =
        rates.recent(RateBuckets::AllSessions, T0 + 2 * Second, 3);
    QCOMPARE(allRecent.startUs, T0);
    QCOMPARE(allRecent.buckets, all.buckets);
    QCOMPARE(rates.firstUs(), T0 + 100);
    QCOMPARE(rates.lastUs(), T0 + 2 * Second);
}

void tst_RateBuckets::recentWindow()
{
    RateBuckets rates;
    for (int s = 0; s < 200; ++s)
        rates.add(T0 + s * Second, 1, s % 2 == 1, quint32(s));
    // The last minute ending in second 199: seconds 140..199, one message each.
    const RateBuckets::Series minute = rates.recent(1, T0 + 199 * Second + 5, 60);
    QCOMPARE(minute.startUs, T0 + 140 * Second);
    QCOMPARE(minute.buckets.size(), 60);
    QCOMPARE(minute.buckets.first(), (RateBuckets::Counts{1, 0, 140, 0}));
    QCOMPARE(minute.buckets.last(), (RateBuckets::Counts{0, 1, 0, 199}));
    QCOMPARE(sum(minute).messagesIn + sum(minute).messagesOut, 60u);
    // Ten seconds later with nothing new: the last ten buckets are empty and
    // no slot of the ring shows an older second's counts as new.
    const RateBuckets::Series later = rates.recent(1, T0 + 209 * Second, 60);
    QCOMPARE(sum(later).messagesIn + sum(later).messagesOut, 50u);
    QCOMPARE(later.buckets.last(), RateBuckets::Counts{});
    // Older than the ring: nothing, though the whole series still has it.
    QCOMPARE(sum(rates.recent(1, T0 + 10 * Second, 10)), RateBuckets::Counts{});
    QCOMPARE(rates.whole(1).buckets.at(5), (RateBuckets::Counts{0, 1, 0, 5}));
}

void tst_RateBuckets::coarsensAndKeepsSums()
{
    RateBuckets rates;
    // Three days of one message a minute, in and out alternating: far past
    // MaxWholeBuckets one-second buckets.
    const int minutes = 3 * 24 * 60;
    quint64 bytes = 0;
    for (int m = 0; m < minutes; ++m) {
        rates.add(T0 + qint64(m) * 60 * Second, quint16(1 + m % 2), m % 3 == 0, quint32(m % 1500));
        bytes += quint64(m % 1500);
    }
    const RateBuckets::Series whole = rates.whole(RateBuckets::AllSessions);
    QVERIFY(whole.buckets.size() <= RateBuckets::MaxWholeBuckets);
    QVERIFY(whole.buckets.size() > RateBuckets::MaxWholeBuckets / 2);
    // The width is a power of two seconds covering the span.
    QCOMPARE(whole.bucketUs, 256 * Second);
    QVERIFY(whole.startUs + whole.buckets.size() * whole.bucketUs >
            T0 + qint64(minutes - 1) * 60 * Second);
    const RateBuckets::Counts total = sum(whole);
    QCOMPARE(total.messagesIn + total.messagesOut, quint64(minutes));
    QCOMPARE(total.bytesIn + total.bytesOut, bytes);
    QCOMPARE(total, rates.total(RateBuckets::AllSessions));
    RateBuckets::Counts sessions = sum(rates.whole(1));
    sessions += sum(rates.whole(2));
    QCOMPARE(sessions, total);
    QCOMPARE(rates.whole(2).bucketUs, whole.bucketUs);
}

void tst_RateBuckets::outOfOrderTimes()
{
    RateBuckets rates;
    rates.add(T0 + 10 * Second, 1, false, 4);
    rates.add(T0 + 2 * Second, 1, false, 4); // earlier than the first: first bucket
    rates.add(T0 + 11 * Second, 1, true, 8);
    QCOMPARE(rates.whole(1).buckets.at(0), (RateBuckets::Counts{2, 0, 8, 0}));
    QCOMPARE(sum(rates.whole(1)), (RateBuckets::Counts{2, 1, 8, 8}));
    QCOMPARE(rates.firstUs(), T0 + 2 * Second);
}

void tst_RateBuckets::storeCountsThroughEviction()
{
    TrafficStore store;
    store.setMemoryCap(1024 * 1024);
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:5000"));
    const ConnectionId c = store.openConnection(2, a, true);
    const QByteArray payload(1000, 'x');
    const int count = 5000; // 5 MB through a 1 MiB cap
    for (int i = 0; i < count; ++i)
        store.appendAt(T0 + i * 1000, 2, c, a, i % 2 ? EventKind::Sent : EventKind::Received,
                       payload);
    store.append(2, c, a, EventKind::Note, "not a message");
    QVERIFY(store.totals().evicted > 0);
    store.clear();

    RateBuckets::Counts total;
    RateBuckets::Series whole;
    store.readRates([&](const RateBuckets &rates) {
        total = rates.total(2);
        whole = rates.whole(RateBuckets::AllSessions);
    });
    QCOMPARE(total,
             (RateBuckets::Counts{count / 2, count / 2, 1000 * count / 2, 1000 * count / 2}));
    QCOMPARE(sum(whole), total);
    QCOMPARE(whole.buckets.size(), 5); // 5000 ms of events
}

void tst_RateBuckets::statisticsFromStore()
{
    TrafficStore store;
    store.setSessionName(1, QStringLiteral("udp :9999"));
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:5000"));
    const AddressId b =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.2:5001"));
    const AddressId c =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:5002"));
    const ConnectionId ca = store.openConnection(1, a, true);
    const ConnectionId cb = store.openConnection(1, b, true);
    const ConnectionId cc = store.openConnection(1, c, true);
    store.appendAt(T0, 1, ca, a, EventKind::Received, QByteArray(100, 'a'));
    store.appendAt(T0, 1, ca, a, EventKind::Sent, QByteArray(7, 'r'));
    store.appendAt(T0, 1, cb, b, EventKind::Received, QByteArray(500, 'b'));
    store.appendAt(T0, 1, cc, c, EventKind::Received, QByteArray(10, 'c'));

    const TrafficStatistics::Report r = TrafficStatistics::collect(store, 1, 10);
    QCOMPARE(r.total, (RateBuckets::Counts{3, 1, 610, 7}));
    QCOMPARE(r.peers.size(), 2);
    QCOMPARE(r.peers.at(0).host, QStringLiteral("127.0.0.2"));
    QCOMPARE(r.peers.at(0).bytes(), 500u);
    QCOMPARE(r.peers.at(1).host, QStringLiteral("127.0.0.1"));
    QCOMPARE(r.peers.at(1).connections, 2u);
    QCOMPARE(r.peers.at(1).counts, (RateBuckets::Counts{2, 1, 110, 7}));
    QCOMPARE(r.connections.first().id, cb);

    const QJsonObject json = QJsonDocument::fromJson(TrafficStatistics::toJson(store)).object();
    QCOMPARE(json.value(QStringLiteral("bytes_in")).toInt(), 610);
    QCOMPARE(json.value(QStringLiteral("messages_out")).toInt(), 1);
    QCOMPARE(json.value(QStringLiteral("connections")).toArray().size(), 3);
    QCOMPARE(json.value(QStringLiteral("sessions"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("name")),
             QStringLiteral("udp :9999"));
    QCOMPARE(TrafficStatistics::peerHost(QStringLiteral("[::1]:80")), QStringLiteral("::1"));

    const QByteArray csv = TrafficStatistics::rateCsv(store);
    QCOMPARE(csv, QByteArray("start,seconds,session,messages_in,messages_out,bytes_in,bytes_out\n"
                             "2026-11-30T00:00:00.000000Z,1,all,3,1,610,7\n"
                             "2026-11-30T00:00:00.000000Z,1,1,3,1,610,7\n"));
}

QTEST_GUILESS_MAIN(tst_RateBuckets)
#include "tst_ratebuckets.moc"
