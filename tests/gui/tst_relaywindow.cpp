// The relays in the window: New session > TCP relay (or UDP relay), pointed at
// a server, started; a client's exchange through it shows in the log and the
// connection list.

#include "connectionmodel.h"
#include "connectionview.h"
#include "engine.h"
#include "mainwindow.h"
#include "nettestsupport.h"
#include "sessionpanel.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAbstractButton>
#include <QAction>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkDatagram>
#include <QSettings>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

namespace {

struct Rig
{
    TrafficStore store;
    Engine engine{&store};
    MainWindow window{&engine};

    template <typename T> T *find(const char *name) const
    {
        T *child = window.findChild<T *>(QString::fromLatin1(name));
        if (!child)
            qWarning("no child %s", name);
        return child;
    }
};

void replaceText(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QList<QPair<QString, QString>> logRows(const TrafficLogModel *model)
{
    QList<QPair<QString, QString>> rows;
    for (int row = 0; row < model->rowCount(); ++row)
        rows.append({model->index(row, TrafficLogModel::DirectionColumn).data().toString(),
                     model->index(row, TrafficLogModel::PreviewColumn).data().toString()});
    return rows;
}

// The server behind the relay: answers each read with "pong:" and what came.
class PongServer : public QTcpServer
{
public:
    PongServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket,
                        [socket] { socket->write("pong:" + socket->readAll()); });
            }
        });
    }
};

} // namespace

class tst_RelayWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QSettings().clear(); }
    void relayFromTheTemplate();
    void udpRelayFromTheTemplate();
};

void tst_RelayWindow::relayFromTheTemplate()
{
    PongServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));

    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    QAction *newRelay = rig.find<QAction>("newTcpRelay");
    QVERIFY(newRelay);
    newRelay->trigger();
    const SessionId id = rig.window.sessionPanel()->currentSession();
    QVERIFY(id != 0);

    // The editor calls the peer the target, and says so to screen readers too.
    auto *targetEdit = rig.find<QLineEdit>("peerEdit");
    QCOMPARE(targetEdit->accessibleName(), QStringLiteral("Target"));
    QCOMPARE(targetEdit->text(), QStringLiteral("127.0.0.1:9999"));
    replaceText(rig.find<QLineEdit>("portEdit"), QStringLiteral("0"));
    replaceText(targetEdit, QStringLiteral("127.0.0.1:%1").arg(target.serverPort()));
    auto *start = rig.find<QAbstractButton>("startButton");
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Listening);
    const quint16 port = NetTest::portOf(rig.engine.session(id).detail);
    QVERIFY(port != 0);

    auto client = NetTest::connectClient(port);
    QVERIFY(client->waitForConnected(10000));
    client->write("ping");
    QTRY_COMPARE(client->received(), QByteArray("pong:ping"));

    // The log reads as the exchange: the client's words in, the server's out.
    const TrafficLogModel *log = rig.window.logModel();
    using Row = QPair<QString, QString>;
    QTRY_VERIFY(logRows(log).contains(Row(QStringLiteral("out"), QStringLiteral("pong:ping"))));
    const auto rows = logRows(log);
    QVERIFY(rows.contains(Row(QStringLiteral("in"), QStringLiteral("ping"))));
    QVERIFY(rows.first().second.startsWith(QStringLiteral("listening")));
    bool targetLeg = false;
    for (const Row &row : rows)
        targetLeg = targetLeg || row.second.contains(QStringLiteral("Target leg open"));
    QVERIFY(targetLeg);

    // One connection: the client's.
    QTableView *connections = rig.window.connectionView()->table();
    QTRY_COMPARE(connections->model()->rowCount(), 1);
    QCOMPARE(connections->model()->index(0, 0).data().toString(),
             QStringLiteral("127.0.0.1:%1").arg(client->localPort()));

    // The client leaves; the relay closes the target leg and records the end.
    client->disconnectFromHost();
    QTRY_COMPARE(connections->model()->rowCount(), 0);
}

void tst_RelayWindow::udpRelayFromTheTemplate()
{
    // The server behind the relay: answers each datagram with "pong:" and what came.
    QUdpSocket target;
    QVERIFY(target.bind(QHostAddress::LocalHost, 0));
    QList<quint16> seenPorts;
    connect(&target, &QUdpSocket::readyRead, &target, [&] {
        while (target.hasPendingDatagrams()) {
            const QNetworkDatagram d = target.receiveDatagram();
            seenPorts << quint16(d.senderPort());
            target.writeDatagram("pong:" + d.data(), d.senderAddress(), quint16(d.senderPort()));
        }
    });

    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    QAction *newRelay = rig.find<QAction>("newUdpRelay");
    QVERIFY(newRelay);
    QCOMPARE(newRelay->text(), QStringLiteral("UDP relay"));
    newRelay->trigger();
    const SessionId id = rig.window.sessionPanel()->currentSession();
    QVERIFY(id != 0);

    // A target, and the idle timeout after which a quiet client's socket closes.
    auto *targetEdit = rig.find<QLineEdit>("peerEdit");
    QCOMPARE(targetEdit->accessibleName(), QStringLiteral("Target"));
    QCOMPARE(targetEdit->text(), QStringLiteral("127.0.0.1:9999"));
    auto *idle = rig.find<QDoubleSpinBox>("idleTimeoutSpin");
    QVERIFY(idle);
    QVERIFY(idle->isVisibleTo(&rig.window));
    QCOMPARE(idle->value(), 60.0);
    replaceText(rig.find<QLineEdit>("portEdit"), QStringLiteral("0"));
    replaceText(targetEdit, QStringLiteral("127.0.0.1:%1").arg(target.localPort()));
    idle->setFocus();
    idle->selectAll(); // the number, without the " s" suffix
    QTest::keyClicks(idle, QStringLiteral("0") + idle->locale().decimalPoint() + u'5');
    QCOMPARE(idle->value(), 0.5);
    auto *start = rig.find<QAbstractButton>("startButton");
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Bound);
    QCOMPARE(rig.engine.session(id).config.kind, SessionConfig::Kind::UdpRelay);
    QCOMPARE(rig.engine.session(id).config.idleTimeoutMs, qint64(500));
    const quint16 port = NetTest::portOf(rig.engine.session(id).detail);
    QVERIFY(port != 0);

    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    client.writeDatagram("ping", QHostAddress::LocalHost, port);
    QTRY_VERIFY(client.hasPendingDatagrams());
    QCOMPARE(client.receiveDatagram().data(), QByteArray("pong:ping"));
    QCOMPARE(seenPorts.size(), 1);
    QVERIFY(seenPorts.constFirst() != client.localPort()); // the relay's own socket

    // The log reads as the exchange: the client's words in, the server's out.
    const TrafficLogModel *log = rig.window.logModel();
    using Row = QPair<QString, QString>;
    QTRY_VERIFY(logRows(log).contains(Row(QStringLiteral("out"), QStringLiteral("pong:ping"))));
    const auto rows = logRows(log);
    QVERIFY(rows.contains(Row(QStringLiteral("in"), QStringLiteral("ping"))));
    const QString upstream = QStringLiteral("Upstream socket 127.0.0.1:%1 -> 127.0.0.1:%2")
                                 .arg(seenPorts.constFirst())
                                 .arg(target.localPort());
    bool noted = false;
    for (const Row &row : rows)
        noted = noted || row.second.contains(upstream);
    QVERIFY2(noted, qPrintable(upstream));

    // One connection, the client's, open until it has been quiet for the idle timeout.
    QTableView *connections = rig.window.connectionView()->table();
    QTRY_COMPARE(connections->model()->rowCount(), 1);
    QCOMPARE(connections->model()->index(0, 0).data().toString(),
             QStringLiteral("127.0.0.1:%1").arg(client.localPort()));
    // It stays listed, as a UDP peer does, and says it is closed.
    const QModelIndex state = connections->model()->index(0, ConnectionModel::StateColumn);
    QCOMPARE(state.data().toString(), QStringLiteral("UDP peer"));
    QTRY_COMPARE_WITH_TIMEOUT(state.data().toString(), QStringLiteral("closed"), 10000);
    bool expired = false;
    for (const Row &row : logRows(log))
        expired = expired || row.second.contains(
                                 QStringLiteral("No datagram either way for 0.5 s: idle timeout"));
    QVERIFY(expired);
}

QTEST_MAIN(tst_RelayWindow)
#include "tst_relaywindow.moc"
