// Round-trip times in the window: the log's RTT column and the Connections
// view's min / mean / p99, for a hello exchange with a real client, checked
// against the round trip the test measured itself.

#include "chatmessagemodel.h"
#include "chatview.h"
#include "connectionmodel.h"
#include "connectionview.h"
#include "logview.h"
#include "mainwindowrig.h"
#include "nettestsupport.h"
#include "roundtrip.h"
#include "sessionpanel.h"
#include "trafficlogmodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTabWidget>
#include <QTest>

#include <algorithm>

class tst_RoundTripWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void helloExchangeShowsRoundTrips();
    void chatBubbleOfAReply();
};

void tst_RoundTripWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_roundtripwindow"));
    QSettings().clear();
}

void tst_RoundTripWindow::helloExchangeShowsRoundTrips()
{
    MainWindowRig rig;
    rig.window.resize(1280, 800);
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));

    // New session > TCP hello server on port 0, started from the editor.
    QAction *newServer = rig.find<QAction>("newTcpHelloServer");
    QVERIFY(newServer);
    newServer->trigger();
    const SessionId id = rig.window.sessionPanel()->currentSession();
    QVERIFY(id != 0);
    auto *portEdit = rig.find<QLineEdit>("portEdit");
    portEdit->setFocus();
    portEdit->selectAll();
    QTest::keyClick(portEdit, Qt::Key_Backspace);
    QTest::keyClicks(portEdit, QStringLiteral("0"));
    auto *start = rig.find<QAbstractButton>("startButton");
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Listening);
    const quint16 port = NetTest::portOf(rig.engine.session(id).detail);
    QVERIFY(port != 0);

    // The server's round trip for a name runs from its previous send (the
    // greeting, then the last reply) to the name's arrival: inside the span
    // from our previous write (the connect for the first) to the reply.
    QElapsedTimer clock;
    clock.start();
    auto client = NetTest::connectClient(port);
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));
    const QStringList names{QStringLiteral("Michael"), QStringLiteral("Tracy"),
                            QStringLiteral("Sarah")};
    QList<qint64> boundsUs;
    qint64 previousUs = 0;
    QByteArray expected("Welcome!");
    for (const QString &name : names) {
        const qint64 sentUs = clock.nsecsElapsed() / 1000;
        client->write(name.toUtf8());
        expected += "Hello, " + name.toUtf8() + '!';
        QTRY_COMPARE(client->received(), expected);
        boundsUs.append(clock.nsecsElapsed() / 1000 - previousUs);
        previousUs = sentUs;
    }

    // The log: each name's row shows its round trip in the RTT column.
    auto *table = rig.window.logView()->findChild<QTableView *>(QStringLiteral("logTable"));
    QVERIFY(table);
    QAbstractItemModel *log = table->model();
    QCOMPARE(log->headerData(TrafficLogModel::RoundTripColumn, Qt::Horizontal).toString(),
             QStringLiteral("RTT"));
    QVERIFY(!table->isColumnHidden(TrafficLogModel::RoundTripColumn));
    for (int i = 0; i < names.size(); ++i) {
        int row = -1;
        QTRY_VERIFY((row = [&] {
                        for (int r = 0; r < log->rowCount(); ++r) {
                            if (log->index(r, TrafficLogModel::PreviewColumn).data() == names[i])
                                return r;
                        }
                        return -1;
                    }()) >= 0);
        const QString text = log->index(row, TrafficLogModel::RoundTripColumn).data().toString();
        const qint64 us = log->index(row, TrafficLogModel::RoundTripColumn)
                              .data(TrafficLogModel::RoundTripUsRole)
                              .toLongLong();
        QCOMPARE(text, RoundTrip::text(us, QLocale()));
        // The store's wall clock and the test's monotonic one may tick apart
        // by a little: a millisecond of margin.
        QVERIFY2(us >= 0 && us <= boundsUs[i] + 1000,
                 qPrintable(QStringLiteral("%1: %2 µs, measured here %3 µs")
                                .arg(names[i])
                                .arg(us)
                                .arg(boundsUs[i])));
        // Shown whole, not elided.
        QVERIFY2(table->columnWidth(TrafficLogModel::RoundTripColumn) >
                     table->fontMetrics().horizontalAdvance(text),
                 qPrintable(text));
    }
    // Our own messages and the greeting's arrival have none.
    for (int r = 0; r < log->rowCount(); ++r) {
        if (log->index(r, TrafficLogModel::DirectionColumn).data() != QStringLiteral("in"))
            QCOMPARE(log->index(r, TrafficLogModel::RoundTripColumn).data().toString(), QString());
    }

    // Connections: min, mean and p99 of the three, as the store counted them.
    QTableView *connections = rig.window.connectionView()->table();
    QTRY_COMPARE(connections->model()->rowCount(), 1);
    const ConnectionId connection =
        connections->model()->index(0, 0).data(ConnectionModel::ConnectionIdRole).toUInt();
    TrafficStore::ConnectionInfo info;
    QTRY_VERIFY(rig.store.connection(connection, &info) && info.roundTrip.count == 3);
    const RoundTrip::Stats &rtt = info.roundTrip;
    QVERIFY(rtt.minUs <= rtt.meanUs() && rtt.meanUs() <= rtt.maxUs);
    QVERIFY(rtt.minUs <= rtt.p99Us && rtt.p99Us <= rtt.maxUs);
    QVERIFY(rtt.maxUs <= *std::max_element(boundsUs.cbegin(), boundsUs.cend()) + 1000);
    auto cell = [&](int column) {
        return connections->model()->index(0, column).data().toString();
    };
    // The table refreshes on its own timer: each cell may show the third
    // round trip a moment after the store counted it.
    QTRY_COMPARE(cell(ConnectionModel::RoundTripMinColumn), RoundTrip::text(rtt.minUs, QLocale()));
    QTRY_COMPARE(cell(ConnectionModel::RoundTripMeanColumn),
                 RoundTrip::text(rtt.meanUs(), QLocale()));
    QTRY_COMPARE(cell(ConnectionModel::RoundTripP99Column), RoundTrip::text(rtt.p99Us, QLocale()));
    for (const int column :
         {ConnectionModel::RoundTripMinColumn, ConnectionModel::RoundTripMeanColumn,
          ConnectionModel::RoundTripP99Column})
        QVERIFY(!connections->isColumnHidden(column));
    QCOMPARE(connections->model()
                 ->headerData(ConnectionModel::RoundTripP99Column, Qt::Horizontal)
                 .toString(),
             QStringLiteral("RTT p99"));
}

// A TCP client session of the window talks to a hello server session of the
// same window; the chat (which shows client sessions) labels the reply.
void tst_RoundTripWindow::chatBubbleOfAReply()
{
    MainWindowRig rig;
    rig.window.resize(1280, 800);
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    SessionConfig server;
    server.port = 0;
    const SessionId serverId = rig.window.addAndStart(server);
    QTRY_COMPARE(rig.engine.session(serverId).state, SessionState::Listening);
    SessionConfig client;
    client.kind = SessionConfig::Kind::TcpClient;
    client.protocol = SessionConfig::Protocol::None; // or the two would greet each other forever
    client.port = NetTest::portOf(rig.engine.session(serverId).detail);
    const SessionId clientId = rig.window.addAndStart(client);
    QTRY_COMPARE(rig.engine.session(clientId).state, SessionState::Connected);
    QCOMPARE(rig.window.sessionPanel()->currentSession(), clientId);

    auto *tabs = rig.find<QTabWidget>("sideTabs");
    QVERIFY(tabs);
    QTabBar *bar = tabs->tabBar();
    const int chatTab = tabs->indexOf(rig.window.findChild<ChatView *>());
    QVERIFY(chatTab >= 0);
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(chatTab).center());
    QCOMPARE(tabs->currentIndex(), chatTab);
    auto *bubbles = rig.find<QListView>("chatMessages");
    QVERIFY(bubbles);
    auto bubble = [&](const QString &text) {
        QAbstractItemModel *chat = bubbles->model();
        for (int r = 0; r < chat->rowCount(); ++r) {
            if (chat->index(r, 0).data().toString() == text)
                return chat->index(r, 0);
        }
        return QModelIndex();
    };
    QTRY_VERIFY(bubble(QStringLiteral("Welcome!")).isValid());
    // The greeting answers nothing of ours.
    QCOMPARE(bubble(QStringLiteral("Welcome!")).data(ChatMessageModel::RoundTripRole).toString(),
             QString());

    auto *input = rig.find<QPlainTextEdit>("chatInput");
    QVERIFY(input);
    input->setFocus();
    QElapsedTimer clock;
    clock.start();
    QTest::keyClicks(input, QStringLiteral("Michael"));
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY(bubble(QStringLiteral("Hello, Michael!")).isValid());
    const qint64 boundUs = clock.nsecsElapsed() / 1000;
    const QModelIndex reply = bubble(QStringLiteral("Hello, Michael!"));
    const QString label = reply.data(ChatMessageModel::RoundTripRole).toString();
    QVERIFY2(label.startsWith(QStringLiteral("RTT ")), qPrintable(label));
    const qint64 us = rig.store.roundTripUs(reply.data(ChatMessageModel::SeqRole).toULongLong());
    QCOMPARE(label, QStringLiteral("RTT ") + RoundTrip::text(us, QLocale()));
    QVERIFY2(us >= 0 && us <= boundUs + 1000, qPrintable(QString::number(us)));
    QCOMPARE(bubble(QStringLiteral("Michael")).data(ChatMessageModel::RoundTripRole).toString(),
             QString());
}

QTEST_MAIN(tst_RoundTripWindow)
#include "tst_roundtripwindow.moc"
