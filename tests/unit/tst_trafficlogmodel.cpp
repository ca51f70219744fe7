#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class tst_TrafficLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsShowEvents();
    void batchesInsertsPerFlush();
    void evictionRemovesFromTop();
    void pauseFreezesRows();
    void clearEmptiesModel();
    void hundredThousandEvents();
};

void tst_TrafficLogModel::rowsShowEvents()
{
    TrafficStore store;
    store.setSessionName(1, QStringLiteral("TCP server 127.0.0.1:9999"));
    TrafficLogModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const AddressId a = store.addAddresses(QStringLiteral("127.0.0.1:9999"),
                                           QStringLiteral("127.0.0.1:50000"));
    const ConnectionId c = store.openConnection(1, a, false);
    store.append(1, c, a, EventKind::Opened);
    store.append(1, c, a, EventKind::Sent, "Welcome!");
    store.append(1, c, a, EventKind::Received, QByteArray("Mi\x00\xff\n", 5));
    store.append(1, c, a, EventKind::Closed, "Closed by the peer", Closer::Peer);
    QTRY_COMPARE(model.rowCount(), 4);

    auto cell = [&](int row, int column, int role = Qt::DisplayRole) {
        return model.data(model.index(row, column), role);
    };
    QCOMPARE(cell(1, TrafficLogModel::SessionColumn).toString(),
             QStringLiteral("TCP server 127.0.0.1:9999"));
    QCOMPARE(cell(1, TrafficLogModel::DirectionColumn).toString(), QStringLiteral("out"));
    QCOMPARE(cell(2, TrafficLogModel::DirectionColumn).toString(), QStringLiteral("in"));
    QCOMPARE(cell(0, TrafficLogModel::DirectionColumn).toString(), QStringLiteral("state"));
    QCOMPARE(cell(1, TrafficLogModel::PeerColumn).toString(), QStringLiteral("127.0.0.1:50000"));
    QCOMPARE(cell(1, TrafficLogModel::SizeColumn).toString(), QStringLiteral("8"));
    QCOMPARE(cell(1, TrafficLogModel::PreviewColumn).toString(), QStringLiteral("Welcome!"));
    QCOMPARE(cell(2, TrafficLogModel::PreviewColumn).toString(), QStringLiteral("Mi\\0\\xff\\n"));
    QCOMPARE(cell(2, 0, TrafficLogModel::PayloadRole).toByteArray(), QByteArray("Mi\x00\xff\n", 5));
    QCOMPARE(cell(3, TrafficLogModel::PreviewColumn).toString(),
             QStringLiteral("connection closed: Closed by the peer"));
    QCOMPARE(cell(3, 0, TrafficLogModel::CloserRole).toInt(), int(Closer::Peer));
    QCOMPARE(cell(3, 0, TrafficLogModel::KindRole).toInt(), int(EventKind::Closed));
    QCOMPARE(cell(0, 0, TrafficLogModel::SeqRole).toULongLong(), 1ull);
    QVERIFY(cell(0, TrafficLogModel::TimeColumn).toString().contains(QLatin1Char('.')));
    QCOMPARE(model.headerData(TrafficLogModel::PreviewColumn, Qt::Horizontal).toString(),
             QStringLiteral("Preview"));
}

void tst_TrafficLogModel::batchesInsertsPerFlush()
{
    TrafficStore store;
    TrafficLogModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 5000; ++i)
        store.append(1, 0, 0, EventKind::Received, "x");
    QTRY_COMPARE(model.rowCount(), 5000);
    QCOMPARE(inserts.size(), 1); // one beginInsertRows for the whole burst
    QCOMPARE(inserts.first().at(1).toInt(), 0);
    QCOMPARE(inserts.first().at(2).toInt(), 4999);
}

void tst_TrafficLogModel::evictionRemovesFromTop()
{
    TrafficStore store;
    store.setMemoryCap(256 * 1024);
    TrafficLogModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
    const QByteArray payload(512, 'p');
    for (int round = 0; round < 10; ++round) {
        for (int i = 0; i < 200; ++i)
            store.append(1, 0, 0, EventKind::Received, payload);
        model.flush();
        // Rows and store agree after every flush: row 0 is the oldest kept event.
        QCOMPARE(quint64(model.rowCount()), store.lastSeq() - store.firstSeq() + 1);
        QCOMPARE(model.data(model.index(0, 0), TrafficLogModel::SeqRole).toULongLong(),
                 store.firstSeq());
    }
    QVERIFY(store.totals().evicted > 0);
    QVERIFY(!removes.isEmpty());
    QCOMPARE(removes.first().at(1).toInt(), 0); // always from the top
}

void tst_TrafficLogModel::pauseFreezesRows()
{
    TrafficStore store;
    TrafficLogModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.append(1, 0, 0, EventKind::Received, "a");
    QTRY_COMPARE(model.rowCount(), 1);
    model.setPaused(true);
    store.append(1, 0, 0, EventKind::Received, "b");
    store.append(1, 0, 0, EventKind::Received, "c");
    QSignalSpy appended(&store, &TrafficStore::eventsAppended);
    QVERIFY(appended.wait(1000));
    model.flush();
    QCOMPARE(model.rowCount(), 1); // frozen, but recorded
    QCOMPARE(store.lastSeq(), quint64(3));
    model.setPaused(false);
    QCOMPARE(model.rowCount(), 3);
}

void tst_TrafficLogModel::clearEmptiesModel()
{
    TrafficStore store;
    TrafficLogModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.append(1, 0, 0, EventKind::Received, "a");
    model.flush();
    QCOMPARE(model.rowCount(), 1);
    store.clear();
    QCOMPARE(model.rowCount(), 0);
    store.append(1, 0, 0, EventKind::Received, "b");
    model.flush();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.data(model.index(0, 0), TrafficLogModel::PayloadRole).toByteArray(),
             QByteArray("b"));
}

void tst_TrafficLogModel::hundredThousandEvents()
{
    TrafficStore store;
    TrafficLogModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 100000; ++i) {
        store.append(1, 0, 0, EventKind::Received, QByteArray::number(i));
        if (i % 10000 == 0)
            QCoreApplication::processEvents();
    }
    QTRY_COMPARE(model.rowCount(), 100000);
    QVERIFY(inserts.size() <= 11); // batched, not per row
    QCOMPARE(model.data(model.index(99999, TrafficLogModel::PreviewColumn)).toString(),
             QStringLiteral("99999"));
}

QTEST_GUILESS_MAIN(tst_TrafficLogModel)
#include "tst_trafficlogmodel.moc"
