#include "connectionmodel.h"
#include "fakecatalogue.h"
#include "trafficstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class tst_ConnectionModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openConnectionsWithCounters();
    void closedConnectionsLeave();
    void udpPeersStay();
    void sessionFilter();
    void followsLanguageSwitch();
};

namespace {

ConnectionId open(TrafficStore &store, SessionId session, const QString &peer, bool udp = false)
{
    const AddressId a = store.addAddresses(QStringLiteral("127.0.0.1:9999"), peer);
    const ConnectionId c = store.openConnection(session, a, udp);
    if (!udp)
        store.append(session, c, a, EventKind::Opened);
    return c;
}

QString cell(const ConnectionModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

void tst_ConnectionModel::openConnectionsWithCounters()
{
    TrafficStore store;
    ConnectionModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const ConnectionId c = open(store, 1, QStringLiteral("127.0.0.1:50001"));
    store.append(1, c, 0, EventKind::Received, "Michael");
    store.append(1, c, 0, EventKind::Sent, "Hello, Michael!");
    QTRY_COMPARE(model.rowCount(), 1);
    QTRY_COMPARE(cell(model, 0, ConnectionModel::BytesOutColumn), QStringLiteral("15"));
    QCOMPARE(cell(model, 0, ConnectionModel::PeerColumn), QStringLiteral("127.0.0.1:50001"));
    QCOMPARE(cell(model, 0, ConnectionModel::LocalColumn), QStringLiteral("127.0.0.1:9999"));
    QCOMPARE(cell(model, 0, ConnectionModel::StateColumn), QStringLiteral("connected"));
    QCOMPARE(cell(model, 0, ConnectionModel::BytesInColumn), QStringLiteral("7"));
    QCOMPARE(cell(model, 0, ConnectionModel::MessagesInColumn), QStringLiteral("1"));
    QCOMPARE(cell(model, 0, ConnectionModel::MessagesOutColumn), QStringLiteral("1"));
    QCOMPARE(model.connectionAt(0), c);
    QCOMPARE(model.rowForConnection(c), 0);
}

void tst_ConnectionModel::closedConnectionsLeave()
{
    TrafficStore store;
    ConnectionModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<ConnectionId> ids;
    for (int i = 0; i < 6; ++i)
        ids << open(store, 1, QStringLiteral("127.0.0.1:%1").arg(50000 + i));
    model.flush();
    QCOMPARE(model.rowCount(), 6);
    // Close 1, 2 and 4: two runs, removed without a reset.
    for (int i : {1, 2, 4})
        store.append(1, ids[i], 0, EventKind::Closed, "bye", Closer::Peer);
    model.flush();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.connectionAt(0), ids[0]);
    QCOMPARE(model.connectionAt(1), ids[3]);
    QCOMPARE(model.connectionAt(2), ids[5]);
    QCOMPARE(model.rowForConnection(ids[5]), 2);
    QCOMPARE(model.rowForConnection(ids[1]), -1);
}

void tst_ConnectionModel::udpPeersStay()
{
    TrafficStore store;
    ConnectionModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const ConnectionId p = open(store, 2, QStringLiteral("127.0.0.1:8889"), true);
    store.append(2, p, 0, EventKind::Received, "hi");
    model.flush();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, ConnectionModel::StateColumn), QStringLiteral("UDP peer"));
    QCOMPARE(model.data(model.index(0, 0), ConnectionModel::DatagramRole).toBool(), true);
    // Its socket closed (a stop, a UDP relay's idle timeout): still listed, as closed.
    store.append(2, p, 0, EventKind::Closed, "idle", Closer::Timeout);
    model.flush();
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, ConnectionModel::StateColumn), QStringLiteral("closed"));
}

void tst_ConnectionModel::sessionFilter()
{
    TrafficStore store;
    ConnectionModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    open(store, 1, QStringLiteral("127.0.0.1:1"));
    const ConnectionId b = open(store, 2, QStringLiteral("127.0.0.1:2"));
    model.flush();
    QCOMPARE(model.rowCount(), 2);
    model.setSessionFilter(2);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.connectionAt(0), b);
    open(store, 1, QStringLiteral("127.0.0.1:3"));
    model.flush();
    QCOMPARE(model.rowCount(), 1);
    model.setSessionFilter(0);
    QCOMPARE(model.rowCount(), 3);
}

void tst_ConnectionModel::followsLanguageSwitch()
{
    TrafficStore store;
    ConnectionModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    open(store, 1, QStringLiteral("127.0.0.1:50001"));
    open(store, 1, QStringLiteral("127.0.0.1:50002"));
    QTRY_COMPARE(model.rowCount(), 2);
    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    QSignalSpy cells(&model, &QAbstractItemModel::dataChanged);

    FakeCatalogue zh({
        {"ConnectionModel", "connected", QStringLiteral("已连接")},
        {"ConnectionModel", "State", QStringLiteral("状态")},
    });
    QVERIFY(QCoreApplication::installTranslator(&zh));
    QCOMPARE(headers.count(), 1);
    QCOMPARE(cells.count(), 1);
    QCOMPARE(cells.at(0).at(0).toModelIndex(), model.index(0, ConnectionModel::StateColumn));
    QCOMPARE(cells.at(0).at(1).toModelIndex(), model.index(1, ConnectionModel::StateColumn));
    QCOMPARE(model.headerData(ConnectionModel::StateColumn, Qt::Horizontal).toString(),
             QStringLiteral("状态"));
    QCOMPARE(cell(model, 1, ConnectionModel::StateColumn), QStringLiteral("已连接"));

    QCoreApplication::removeTranslator(&zh);
    QCOMPARE(cell(model, 1, ConnectionModel::StateColumn), QStringLiteral("connected"));
}

QTEST_GUILESS_MAIN(tst_ConnectionModel)
#include "tst_connectionmodel.moc"
