#include "fakecatalogue.h"
#include "sessionmodel.h"
#include "trafficstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

class tst_SessionModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsEngineSessions();
    void showsErrorInWords();
    void followsLanguageSwitch();
    void showsJoinedGroups();
};

void tst_SessionModel::followsEngineSessions()
{
    TrafficStore store;
    Engine engine(&store);
    SessionModel model(&engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    SessionConfig server;
    server.port = 0;
    const SessionId id = engine.addSession(server);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.sessionAt(0), id);
    QCOMPARE(model.data(model.index(0, SessionModel::KindColumn)).toString(),
             QStringLiteral("TCP hello server"));
    QCOMPARE(model.data(model.index(0, SessionModel::StateColumn)).toString(),
             QStringLiteral("stopped"));

    engine.start(id);
    QTRY_VERIFY(model.data(model.index(0, SessionModel::StateColumn))
                    .toString()
                    .startsWith(QStringLiteral("listening on 127.0.0.1:")));
    QCOMPARE(model.data(model.index(0, 0), SessionModel::StateRole).toInt(),
             int(SessionState::Listening));

    SessionConfig udp;
    udp.kind = SessionConfig::Kind::Udp;
    udp.protocol = SessionConfig::Protocol::Chat;
    udp.port = 0;
    udp.peerHost = QStringLiteral("127.0.0.1");
    udp.peerPort = 8889;
    const SessionId chat = engine.addSession(udp);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1, SessionModel::KindColumn)).toString(),
             QStringLiteral("UDP chat"));

    engine.stop(id);
    QTRY_COMPARE(model.data(model.index(0, SessionModel::StateColumn)).toString(),
                 QStringLiteral("stopped"));
    engine.removeSession(id);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.sessionAt(0), chat);
}

void tst_SessionModel::showsErrorInWords()
{
    TrafficStore store;
    Engine engine(&store);
    SessionModel model(&engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    SessionConfig first;
    first.port = 0;
    const SessionId a = engine.addSession(first);
    engine.start(a);
    QTRY_COMPARE(engine.session(a).state, SessionState::Listening);
    const QString local = engine.session(a).detail;

    SessionConfig second;
    second.port = quint16(local.section(QLatin1Char(':'), -1).toUInt());
    const SessionId b = engine.addSession(second);
    engine.start(b);
    QTRY_COMPARE(engine.session(b).state, SessionState::Error);
    const QString text = model.data(model.index(1, SessionModel::StateColumn)).toString();
    QVERIFY2(text.startsWith(QStringLiteral("error: Cannot listen on ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("in use")), qPrintable(text));
}

void tst_SessionModel::followsLanguageSwitch()
{
    TrafficStore store;
    Engine engine(&store);
    SessionModel model(&engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SessionConfig server;
    server.port = 0;
    engine.addSession(server);
    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    QSignalSpy cells(&model, &QAbstractItemModel::dataChanged);

    FakeCatalogue zh({
        {"SessionModel", "Type", QStringLiteral("类型")},
        {"SessionModel", "stopped", QStringLiteral("已停止")},
    });
    QVERIFY(QCoreApplication::installTranslator(&zh));
    // Views repaint what the model announces: headers and every row's words.
    QCOMPARE(headers.count(), 1);
    QCOMPARE(cells.count(), 1);
    QCOMPARE(cells.at(0).at(0).toModelIndex(), model.index(0, 0));
    QCOMPARE(cells.at(0).at(1).toModelIndex(), model.index(0, SessionModel::ColumnCount - 1));
    QCOMPARE(model.headerData(SessionModel::KindColumn, Qt::Horizontal).toString(),
             QStringLiteral("类型"));
    QCOMPARE(model.data(model.index(0, SessionModel::StateColumn)).toString(),
             QStringLiteral("已停止"));

    QCoreApplication::removeTranslator(&zh);
    QCOMPARE(headers.count(), 2);
    QCOMPARE(model.data(model.index(0, SessionModel::StateColumn)).toString(),
             QStringLiteral("stopped"));
}

void tst_SessionModel::showsJoinedGroups()
{
    // A multicast session's line in the list names its groups while bound.
    // Joined on the loopback interface: nothing leaves the host.
    TrafficStore store;
    Engine engine(&store);
    SessionModel model(&engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    SessionConfig udp;
    udp.kind = SessionConfig::Kind::Udp;
    udp.protocol = SessionConfig::Protocol::None;
    udp.host = QStringLiteral("0.0.0.0");
    udp.port = 0;
    udp.multicast.joins = QStringList{QStringLiteral("239.213.9.9")};
    udp.multicast.interfaceName = QStringLiteral("lo");
    QCOMPARE(udp.validate(), QString());
    const SessionId id = engine.addSession(udp);
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Bound);
    const QString state = model.data(model.index(0, SessionModel::StateColumn)).toString();
    QVERIFY2(state.startsWith(QStringLiteral("bound to 0.0.0.0:")), qPrintable(state));
    QVERIFY2(state.endsWith(QStringLiteral(", joined 239.213.9.9 on lo")), qPrintable(state));
    engine.stop(id);
    QTRY_COMPARE(model.data(model.index(0, SessionModel::StateColumn)).toString(),
                 QStringLiteral("stopped"));
}

QTEST_GUILESS_MAIN(tst_SessionModel)
#include "tst_sessionmodel.moc"
