// Auto-reply rules and scripts on real loopback sockets, for each endpoint kind.
#include "endpointtestsupport.h"
#include "tcpclientendpoint.h"
#include "tcpserverendpoint.h"
#include "udpendpoint.h"

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>

using namespace EndpointTest;

namespace {

constexpr SessionId Session = 7;

Rule regexRule(const QString &pattern, const QString &reply, int delayMs = 0)
{
    Rule r;
    r.pattern = pattern;
    r.reply = reply;
    r.delayMs = delayMs;
    return r;
}

SessionConfig serverWithRules(SessionConfig::Protocol protocol)
{
    SessionConfig c;
    c.kind = SessionConfig::Kind::TcpServer;
    c.host = QStringLiteral("127.0.0.1");
    c.port = 0;
    c.protocol = protocol;
    c.rules = {regexRule(QStringLiteral("^GET (?<path>/\\S*)$"),
                         QStringLiteral("200 ${path} #{{counter}}")),
               regexRule(QStringLiteral("^slow (\\w+)$"), QStringLiteral("late \\1"), 150)};
    return c;
}

} // namespace

class TestEndpointRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serverRulesBeforeHello_data();
    void serverRulesBeforeHello();
    void delayedReply();
    void counterCountsAcrossClients();
    void pythonClientGetsCaptures();
    void tcpClientRulesAndScript();
    void udpRules();
    void serverScriptPerClient();
    void savedSessionRoundTrips_data();
    void savedSessionRoundTrips();
};

void TestEndpointRules::serverRulesBeforeHello_data()
{
    QTest::addColumn<int>("protocol");
    QTest::addColumn<QByteArray>("greeting");
    QTest::addColumn<QByteArray>("other");

    QTest::newRow("hello after the rules")
        << int(SessionConfig::Protocol::Hello) << QByteArray("Welcome!")
        << QByteArray("Hello, other!\n");
    QTest::newRow("rules alone") << int(SessionConfig::Protocol::None) << QByteArray()
                                 << QByteArray();
}

void TestEndpointRules::serverRulesBeforeHello()
{
    QFETCH(int, protocol);
    QFETCH(QByteArray, greeting);
    QFETCH(QByteArray, other);
    TrafficStore store;
    TcpServerEndpoint server(Session, serverWithRules(SessionConfig::Protocol(protocol)), &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    auto client = connectClient(server.serverPort());
    QTRY_COMPARE(client->received(), greeting);
    client->write("GET /index.html\r\n");
    QByteArray expected = greeting + "200 /index.html #1\r\n";
    QTRY_COMPARE(client->received(), expected);
    client->write("other\n");
    // One read is one message: the next is written once this one was read.
    QTRY_COMPARE(eventsOf(store, EventKind::Received).size(), 2);
    client->write("GET /\n");
    expected += other + "200 / #2\n";
    QTRY_COMPARE(client->received(), expected);
    // Every reply is an "out" event of the connection.
    const ConnectionId id = connectionWithPeer(store, client->name());
    QCOMPARE(bytesOf(store, EventKind::Sent, id), expected);
}

void TestEndpointRules::delayedReply()
{
    TrafficStore store;
    TcpServerEndpoint server(Session, serverWithRules(SessionConfig::Protocol::None), &store);
    server.start();
    auto client = connectClient(server.serverPort());
    QVERIFY(client->waitForConnected(10000));
    QElapsedTimer timer;
    timer.start();
    client->write("slow one");
    QTRY_COMPARE(client->received(), QByteArray("late one"));
    QVERIFY2(timer.elapsed() >= 140, qPrintable(QString::number(timer.elapsed())));
}

void TestEndpointRules::counterCountsAcrossClients()
{
    TrafficStore store;
    TcpServerEndpoint server(Session, serverWithRules(SessionConfig::Protocol::None), &store);
    server.start();
    auto first = connectClient(server.serverPort());
    first->write("GET /a");
    QTRY_COMPARE(first->received(), QByteArray("200 /a #1"));
    auto second = connectClient(server.serverPort());
    second->write("GET /b");
    QTRY_COMPARE(second->received(), QByteArray("200 /b #2"));
}

void TestEndpointRules::pythonClientGetsCaptures()
{
    TrafficStore store;
    SessionConfig config = serverWithRules(SessionConfig::Protocol::Hello);
    config.rules.prepend(
        regexRule(QStringLiteral("^(\\w+)=(\\d+)$"), QStringLiteral("\\2=\\1 from {{peer}}")));
    TcpServerEndpoint server(Session, config, &store);
    server.start();
    QProcess python;
    python.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import socket, sys\n"
                                 "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
                                 "want = b'Welcome!'\n"
                                 "got = b''\n"
                                 "while len(got) < len(want): got += s.recv(100)\n"
                                 "s.sendall(b'speed=42\\n')\n"
                                 "me = ('127.0.0.1:%d' % s.getsockname()[1]).encode()\n"
                                 "want = b'42=speed from ' + me + b'\\n'\n"
                                 "got = b''\n"
                                 "while len(got) < len(want): got += s.recv(100)\n"
                                 "sys.stdout.write(repr(got == want) + ' ' + repr(got))\n"),
                  QString::number(server.serverPort())});
    QVERIFY(QTest::qWaitFor([&] { return python.state() == QProcess::NotRunning; }, 20000));
    const QByteArray out = python.readAllStandardOutput();
    QVERIFY2(out.startsWith("True b'42=speed from 127.0.0.1:"),
             QByteArray(out + python.readAllStandardError()).constData());
}

void TestEndpointRules::tcpClientRulesAndScript()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    TrafficStore store;
    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpClient;
    config.protocol = SessionConfig::Protocol::None;
    config.host = QStringLiteral("127.0.0.1");
    config.port = peer.serverPort();
    config.rules = {regexRule(QStringLiteral("^ping$"), QStringLiteral("pong"))};
    config.script = QStringLiteral("send hello\nexpect /id=(\\d+)/\nsend got $1\n");
    TcpClientEndpoint client(Session, config, &store);
    QSignalSpy finished(&client, &Endpoint::scriptFinished);
    client.start();
    QTRY_VERIFY(peer.hasPendingConnections());
    QTcpSocket *socket = peer.nextPendingConnection();
    QByteArray got;
    QTRY_COMPARE((got += socket->readAll()), QByteArray("hello"));
    socket->write("ping");
    QTRY_COMPARE((got += socket->readAll()), QByteArray("hellopong"));
    socket->write("id=17;");
    QTRY_COMPARE((got += socket->readAll()), QByteArray("helloponggot 17"));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(1).toBool(), true);
}

void TestEndpointRules::udpRules()
{
    TrafficStore store;
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.protocol = SessionConfig::Protocol::Hello;
    Rule hex;
    hex.match = Rule::Match::Hex;
    hex.pattern = QStringLiteral("aa ?? bb");
    hex.reply = QStringLiteral("\\x01\\1\\x02");
    config.rules = {hex};
    UdpEndpoint udp(Session, config, &store);
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));
    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    const QList<std::pair<QByteArray, QByteArray>> exchange{
        {QByteArray("\xaa\x7f\xbb"), QByteArray("\x01\x7f\x02")},
        {QByteArray("Tracy\n"), QByteArray("Hello, Tracy!\n")}};
    for (const auto &[sent, reply] : exchange) {
        client.writeDatagram(sent, QHostAddress::LocalHost, udp.localPort());
        QTRY_VERIFY(client.hasPendingDatagrams());
        QCOMPARE(client.receiveDatagram().data(), reply);
    }
}

void TestEndpointRules::serverScriptPerClient()
{
    TrafficStore store;
    SessionConfig config = serverWithRules(SessionConfig::Protocol::None);
    config.script =
        QStringLiteral("send who?\\n\ntimeout 2000\nexpect /I am (\\w+)/\nsend hi $1\n");
    TcpServerEndpoint server(Session, config, &store);
    QSignalSpy steps(&server, &Endpoint::scriptStepChanged);
    QSignalSpy finished(&server, &Endpoint::scriptFinished);
    server.start();
    auto ann = connectClient(server.serverPort());
    auto bob = connectClient(server.serverPort());
    QTRY_COMPARE(ann->received(), QByteArray("who?\n"));
    QTRY_COMPARE(bob->received(), QByteArray("who?\n"));
    bob->write("I am Bob");
    QTRY_COMPARE(bob->received(), QByteArray("who?\nhi Bob"));
    ann->write("I am Ann");
    QTRY_COMPARE(ann->received(), QByteArray("who?\nhi Ann"));
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY(finished.at(0).at(1).toBool() && finished.at(1).at(1).toBool());
    // Each client's run reports its own steps: 4 steps, running then ok.
    QCOMPARE(steps.size(), 2 * 4 * 2);
}

void TestEndpointRules::savedSessionRoundTrips_data()
{
    QTest::addColumn<QList<Rule>>("rules");
    Rule hex;
    hex.match = Rule::Match::Hex;
    hex.pattern = QStringLiteral("02 ?? 03");
    hex.reply = QStringLiteral("\\x06");
    hex.delayMs = 20;
    hex.enabled = false;
    QTest::newRow("regex rules as --rule")
        << QList<Rule>{regexRule(QStringLiteral("^a=b$"), QStringLiteral("=>\\0"))};
    QTest::newRow("any rules as JSON")
        << QList<Rule>{regexRule(QStringLiteral("x=>y"), QStringLiteral("z")), hex};
}

void TestEndpointRules::savedSessionRoundTrips()
{
    QFETCH(QList<Rule>, rules);
    SessionConfig config = serverWithRules(SessionConfig::Protocol::Hello);
    config.rules = rules;
    config.encoding = PayloadCodec::Encoding::Gbk;
    config.script = QStringLiteral("send a # first\nexpect b\n");
    SessionConfig back;
    QString error;
    QVERIFY2(SessionConfig::fromArguments(config.toArguments(), &back, &error), qPrintable(error));
    QCOMPARE(back.rules, rules);
    QCOMPARE(back.script, config.script);
    QCOMPARE(back.encoding, PayloadCodec::Encoding::Gbk);
}

QTEST_MAIN(TestEndpointRules)
#include "tst_endpointrules.moc"
