// End to end: `socketscope relay --udp` between real programs: the tutorial's
// UDP hello server (tutorial/udp_server.py) behind it, the tutorial's UDP
// client and socat in front of it, and the test's own sockets for two clients
// at once, the largest datagram, a refused target and the client limit.

#include "e2esupport.h"
#include "nettestsupport.h"
#include "pythonpeers.h"

#include <QDir>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTest>
#include <QUdpSocket>

using E2e::isEvent;
using E2e::jsonString;

namespace {

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

// Payloads of every event of `kind` ("in" or "out") on `connection` (0: any), in order.
QList<QByteArray> payloads(const E2e::Process &p, const char *kind, qint64 connection = 0)
{
    QList<QByteArray> out;
    for (const QJsonObject &o : p.events()) {
        if (!isEvent(o, kind))
            continue;
        if (connection != 0 && o.value(QLatin1String("connection")).toInteger() != connection)
            continue;
        out << (o.contains(QLatin1String("hex"))
                    ? QByteArray::fromHex(jsonString(o, "hex").toLatin1())
                    : jsonString(o, "text").toUtf8());
    }
    return out;
}

qsizetype findMessage(const E2e::Process &p, const char *kind, const QString &needle,
                      qsizetype from = 0)
{
    return p.indexOf(
        [&](const QJsonObject &o) {
            return isEvent(o, kind) && jsonString(o, "message").contains(needle);
        },
        from);
}

// The source ports the tutorial server printed ("Received from 127.0.0.1:N.").
QList<quint16> portsSeenBy(const E2e::Process &server)
{
    static const QRegularExpression re(s("Received from 127\\.0\\.0\\.1:(\\d+)\\."));
    QList<quint16> ports;
    auto it = re.globalMatch(QString::fromLatin1(server.stdoutBytes()));
    while (it.hasNext())
        ports << quint16(it.next().captured(1).toUInt());
    return ports;
}

// A client socket of the test: sends one datagram, waits for the answer.
QByteArray ask(QUdpSocket &socket, quint16 port, const QByteArray &datagram)
{
    socket.writeDatagram(datagram, QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.hasPendingDatagrams(); }, 10000))
        return "(no answer)";
    return socket.receiveDatagram().data();
}

} // namespace

class tst_UdpRelayCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tutorialClientGetsExactAnswers();
    void socatThroughTheRelay();
    void twoClientsHaveTheirOwnUpstreamSockets();
    void idleClientIsClosedAndComesBackNew();
    void largestDatagramIsByteExact();
    void refusedTargetIsAnErrorForThatClient();
    void clientLimitDropsWithAnError();

private:
    // The tutorial's UDP hello server on a free port; its port.
    quint16 startServer(E2e::Process &p);

    E2e::PythonPeers m_peers;
};

void tst_UdpRelayCli::initTestCase()
{
    m_peers.init();
}

quint16 tst_UdpRelayCli::startServer(E2e::Process &p)
{
    m_peers.start(p, {m_peers.file("tests/e2e/tutorial/udp_server.py"), s("0")});
    if (!p.waitForStdout("...\n"))
        return 0;
    static const QRegularExpression re(s("Bind UDP on (\\d+)\\.\\.\\."));
    return quint16(re.match(QString::fromLatin1(p.stdoutBytes())).captured(1).toUInt());
}

void tst_UdpRelayCli::tutorialClientGetsExactAnswers()
{
    E2e::Process server;
    const quint16 serverPort = startServer(server);
    QVERIFY2(serverPort != 0, server.transcript().constData());
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Udp, serverPort);
    QVERIFY2(port != 0, relay.transcript().constData());
    QVERIFY2(relay.waitForEvent("note") == 1, relay.transcript().constData());
    QCOMPARE(jsonString(relay.events().at(1), "message"),
             u"Relaying each client's datagrams to " + NetTest::loopback(serverPort) +
                 u" from a socket of its own, closed after 60 s without a datagram");

    E2e::Process client;
    m_peers.start(client, {m_peers.file("tests/e2e/tutorial/udp_client.py"), s("127.0.0.1"),
                           QString::number(port)});
    QVERIFY2(client.waitFinished(20000), client.transcript().constData());
    QCOMPARE(client.exitCode(), 0);
    QCOMPARE(client.stdoutBytes(), QByteArray("Hello, Michael!\nHello, Tracy!\nHello, Sarah!\n"));

    // One conversation: the client's three datagrams in, the three answers out,
    // each datagram one event with its exact bytes.
    QTRY_COMPARE(payloads(relay, "out").size(), 3);
    QCOMPARE(payloads(relay, "in"), QList<QByteArray>({"Michael", "Tracy", "Sarah"}));
    QCOMPARE(payloads(relay, "out"),
             QList<QByteArray>({"Hello, Michael!", "Hello, Tracy!", "Hello, Sarah!"}));
    const qsizetype opened =
        relay.indexOf([](const QJsonObject &o) { return isEvent(o, "opened"); });
    QVERIFY(opened >= 0);
    QCOMPARE(jsonString(relay.events().at(opened), "local"), NetTest::loopback(port));
    QVERIFY(jsonString(relay.events().at(opened), "peer").startsWith(s("127.0.0.1:")));
    QVERIFY(relay.badLines().isEmpty());

    // The server heard the relay's upstream socket, the one the note names.
    const QList<quint16> seen = portsSeenBy(server);
    QCOMPARE(seen.size(), 3);
    QVERIFY(findMessage(relay, "note",
                        u"Upstream socket " + NetTest::loopback(seen.constFirst()) + u" -> " +
                            NetTest::loopback(serverPort)) > opened);
    QCOMPARE(QSet<quint16>(seen.cbegin(), seen.cend()).size(), 1);
}

void tst_UdpRelayCli::socatThroughTheRelay()
{
    const QString socat = QStandardPaths::findExecutable(s("socat"));
    if (socat.isEmpty())
        QSKIP("socat is not installed");
    E2e::Process server;
    const quint16 serverPort = startServer(server);
    QVERIFY2(serverPort != 0, server.transcript().constData());
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Udp, serverPort);
    QVERIFY2(port != 0, relay.transcript().constData());

    // socat sends each line read as one datagram, newline included, and prints what comes back.
    E2e::Process client;
    client.setParseJson(false);
    QVERIFY(client.start({s("-"), u"UDP:" + NetTest::loopback(port)}, socat));
    client.write("socat\n");
    QVERIFY2(client.waitForStdout("!"), client.transcript().constData());
    QCOMPARE(client.stdoutBytes(), QByteArray("Hello, socat\n!"));
    client.closeStdin();
    QVERIFY(client.waitFinished(10000));
    QTRY_COMPARE(payloads(relay, "out"), QList<QByteArray>({"Hello, socat\n!"}));
    QCOMPARE(payloads(relay, "in"), QList<QByteArray>({"socat\n"}));
}

void tst_UdpRelayCli::twoClientsHaveTheirOwnUpstreamSockets()
{
    E2e::Process server;
    const quint16 serverPort = startServer(server);
    QVERIFY2(serverPort != 0, server.transcript().constData());
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Udp, serverPort);
    QVERIFY2(port != 0, relay.transcript().constData());

    QUdpSocket first;
    QUdpSocket second;
    QVERIFY(first.bind(QHostAddress::LocalHost, 0));
    QVERIFY(second.bind(QHostAddress::LocalHost, 0));
    // Interleaved: each answer goes back to the client that asked, never the other.
    QCOMPARE(ask(first, port, "one"), QByteArray("Hello, one!"));
    QCOMPARE(ask(second, port, "two"), QByteArray("Hello, two!"));
    QCOMPARE(ask(first, port, "three"), QByteArray("Hello, three!"));
    QCOMPARE(ask(second, port, "four"), QByteArray("Hello, four!"));

    // The server saw two senders, neither of them a client: the relay's two upstream sockets.
    QTRY_COMPARE(portsSeenBy(server).size(), 4);
    const QList<quint16> seen = portsSeenBy(server);
    QCOMPARE(seen.at(0), seen.at(2));
    QCOMPARE(seen.at(1), seen.at(3));
    QVERIFY(seen.at(0) != seen.at(1));
    for (const quint16 p : seen)
        QVERIFY(p != first.localPort() && p != second.localPort() && p != port);

    // Two conversations, each with its own client's exchange.
    QList<qint64> connections;
    for (const QJsonObject &o : relay.events()) {
        if (isEvent(o, "opened"))
            connections << o.value(QLatin1String("connection")).toInteger();
    }
    QCOMPARE(connections.size(), 2);
    QTRY_COMPARE(payloads(relay, "out", connections.at(1)).size(), 2);
    QCOMPARE(payloads(relay, "in", connections.at(0)), QList<QByteArray>({"one", "three"}));
    QCOMPARE(payloads(relay, "out", connections.at(0)),
             QList<QByteArray>({"Hello, one!", "Hello, three!"}));
    QCOMPARE(payloads(relay, "in", connections.at(1)), QList<QByteArray>({"two", "four"}));
    QVERIFY(findMessage(relay, "note", u"Upstream socket " + NetTest::loopback(seen.at(0))) >= 0);
    QVERIFY(findMessage(relay, "note", u"Upstream socket " + NetTest::loopback(seen.at(1))) >= 0);
}

void tst_UdpRelayCli::idleClientIsClosedAndComesBackNew()
{
    E2e::Process server;
    const quint16 serverPort = startServer(server);
    QVERIFY2(serverPort != 0, server.transcript().constData());
    E2e::Process relay;
    const quint16 port =
        E2e::startRelay(relay, E2e::RelayKind::Udp, serverPort, {s("--idle-timeout"), s("0.3")});
    QVERIFY2(port != 0, relay.transcript().constData());

    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    QCOMPARE(ask(client, port, "early"), QByteArray("Hello, early!"));
    const qsizetype closed = relay.waitForEvent("closed");
    QVERIFY2(closed >= 0, relay.transcript().constData());
    const QJsonObject end = relay.events().at(closed);
    QCOMPARE(jsonString(end, "by"), s("timeout"));
    QCOMPARE(jsonString(end, "reason"), s("No datagram either way for 0.3 s: idle timeout"));
    QCOMPARE(jsonString(end, "peer"), NetTest::loopback(client.localPort()));
    QVERIFY(findMessage(relay, "note", s("Upstream socket 127.0.0.1:")) >= 0);
    QVERIFY(findMessage(relay, "note", s(" closed")) >= 0);

    // The same client again: a new conversation, and a new socket towards the server.
    QCOMPARE(ask(client, port, "late"), QByteArray("Hello, late!"));
    const qsizetype reopened = relay.waitForEvent("opened", closed);
    QVERIFY2(reopened > closed, relay.transcript().constData());
    QVERIFY(relay.events().at(reopened).value(QLatin1String("connection")).toInteger() !=
            end.value(QLatin1String("connection")).toInteger());
    QTRY_COMPARE(portsSeenBy(server).size(), 2);
    QVERIFY(portsSeenBy(server).at(0) != portsSeenBy(server).at(1));
}

void tst_UdpRelayCli::largestDatagramIsByteExact()
{
    // An echo target: the tutorial server reads only 1024 bytes.
    QUdpSocket echo;
    QVERIFY(echo.bind(QHostAddress::LocalHost, 0));
    connect(&echo, &QUdpSocket::readyRead, &echo, [&echo] {
        while (echo.hasPendingDatagrams()) {
            const QNetworkDatagram d = echo.receiveDatagram();
            echo.writeDatagram(d.data(), d.senderAddress(), quint16(d.senderPort()));
        }
    });
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Udp, echo.localPort());
    QVERIFY2(port != 0, relay.transcript().constData());

    // 65,507 bytes: the most a UDP datagram over IPv4 carries. Binary, all values.
    QByteArray big(65507, Qt::Uninitialized);
    QRandomGenerator generator(7);
    for (char &c : big)
        c = char(generator.bounded(256));
    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    const QByteArray back = ask(client, port, big);
    QCOMPARE(back.size(), big.size());
    QVERIFY(back == big);
    QCOMPARE(ask(client, port, "small"), QByteArray("small"));

    QTRY_COMPARE(payloads(relay, "out").size(), 2);
    QVERIFY(payloads(relay, "in").constFirst() == big);
    QVERIFY(payloads(relay, "out").constFirst() == big);
    QCOMPARE(payloads(relay, "in").at(1), QByteArray("small"));
}

void tst_UdpRelayCli::refusedTargetIsAnErrorForThatClient()
{
    // A port where nothing listens: the kernel answers with ICMP port unreachable.
    const quint16 closedPort = NetTest::freeUdpPort();
    QVERIFY(closedPort != 0);
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Udp, closedPort);
    QVERIFY2(port != 0, relay.transcript().constData());

    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    client.writeDatagram("anyone?", QHostAddress::LocalHost, port);
    const qsizetype error = relay.waitForEvent([](const QJsonObject &o) {
        return isEvent(o, "error") &&
               jsonString(o, "message").contains(QLatin1String("refused a datagram"));
    });
    QVERIFY2(error >= 0, relay.transcript().constData());
    const QJsonObject e = relay.events().at(error);
    QCOMPARE(jsonString(e, "message"),
             u"The target " + NetTest::loopback(closedPort) +
                 u" refused a datagram (ICMP port unreachable): nothing is listening there");
    // On that client's conversation, after what it said.
    QCOMPARE(jsonString(e, "peer"), NetTest::loopback(client.localPort()));
    QCOMPARE(payloads(relay, "in"), QList<QByteArray>({"anyone?"}));
    QVERIFY(relay.isRunning());
}

void tst_UdpRelayCli::clientLimitDropsWithAnError()
{
    E2e::Process server;
    const quint16 serverPort = startServer(server);
    QVERIFY2(serverPort != 0, server.transcript().constData());
    E2e::Process relay;
    const quint16 port =
        E2e::startRelay(relay, E2e::RelayKind::Udp, serverPort, {s("--max-clients"), s("1")});
    QVERIFY2(port != 0, relay.transcript().constData());

    QUdpSocket first;
    QUdpSocket second;
    QVERIFY(first.bind(QHostAddress::LocalHost, 0));
    QVERIFY(second.bind(QHostAddress::LocalHost, 0));
    QCOMPARE(ask(first, port, "in"), QByteArray("Hello, in!"));
    second.writeDatagram("out", QHostAddress::LocalHost, port);
    const qsizetype error = relay.waitForEvent("error");
    QVERIFY2(error >= 0, relay.transcript().constData());
    QCOMPARE(jsonString(relay.events().at(error), "message"),
             u"A datagram from " + NetTest::loopback(second.localPort()) +
                 u" was dropped: too many clients (the limit is 1)");
    // The first client is still served; the server never heard the second.
    QCOMPARE(ask(first, port, "again"), QByteArray("Hello, again!"));
    // The answer can arrive before the relay has printed what it forwarded.
    QTRY_COMPARE(payloads(relay, "in"), QList<QByteArray>({"in", "again"}));
    QTRY_COMPARE(portsSeenBy(server).size(), 2);
}

QTEST_GUILESS_MAIN(tst_UdpRelayCli)
#include "tst_udprelay_cli.moc"
