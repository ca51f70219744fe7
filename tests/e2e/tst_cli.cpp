// End to end: the built `socketscope` binary, driven from its command line and
// talked to over real loopback sockets.

#include "e2esupport.h"
#include "nettestsupport.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkDatagram>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <algorithm>
#include <sys/resource.h>

using E2e::isEvent;
using E2e::jsonString;

using NetTest::hostPort;

namespace {

QByteArray dump(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Starts socketscope with `args` (--json) and reads the port it really got from
// its first event ("listening" or "bound"), whose "local" is `host`:PORT.
void startAndReadPort(E2e::Process &p, const QStringList &args, const char *firstEvent,
                      const QString &host, quint16 *port)
{
    QVERIFY2(p.start(args), qPrintable(p.process().errorString()));
    const qsizetype i = p.waitForEvent(firstEvent);
    QVERIFY2(i == 0, p.transcript().constData());
    const QJsonObject ev = p.events().constFirst();
    const QString local = jsonString(ev, "local");
    const QRegularExpression re(QRegularExpression::anchoredPattern(
        QString(QRegularExpression::escape(host) + u":(\\d+)")));
    const QRegularExpressionMatch m = re.match(local);
    QVERIFY2(m.hasMatch(), dump(ev).constData());
    *port = m.captured(1).toUShort();
    QVERIFY2(*port != 0, dump(ev).constData());
    QCOMPARE(jsonString(ev, "message"), local);
    QCOMPARE(jsonString(ev, "peer"), QString());
}

void expectBytes(QTcpSocket *socket, const QByteArray &expected)
{
    QByteArray got;
    E2e::readAtLeast(socket, &got, expected.size());
    QCOMPARE(got, expected);
}

void connectClient(QTcpSocket *socket, const QHostAddress &address, quint16 port)
{
    socket->connectToHost(address, port);
    QVERIFY2(socket->waitForConnected(10000), qPrintable(socket->errorString()));
}

// A data event ("in"/"out"): exact size and hex, and "text" only for UTF-8.
void checkData(const QJsonObject &ev, const char *kind, const QByteArray &payload, bool isText)
{
    QVERIFY2(isEvent(ev, kind), dump(ev).constData());
    QCOMPARE(ev.value(QLatin1String("bytes")).toInteger(), qint64(payload.size()));
    QCOMPARE(jsonString(ev, "hex").toLatin1(), payload.toHex());
    if (isText)
        QCOMPARE(jsonString(ev, "text"), QString::fromUtf8(payload));
    else
        QVERIFY2(!ev.contains(QLatin1String("text")), dump(ev).constData());
}

void checkAddresses(const QJsonObject &ev, const QString &local, const QString &peer)
{
    QCOMPARE(jsonString(ev, "local"), local);
    QCOMPARE(jsonString(ev, "peer"), peer);
}

// Ends a server or UDP socketscope the way a service manager does.
void terminateCleanly(E2e::Process &p)
{
    p.process().terminate();
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(!p.events().isEmpty(), p.transcript().constData());
    QVERIFY2(isEvent(p.events().constLast(), "stopped"), p.transcript().constData());
    QVERIFY2(p.badLines().isEmpty(), p.transcript().constData());
}

quint16 closedTcpPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

} // namespace

class tst_Cli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void tcpServerConversation();
    void jsonPayloads_data();
    void jsonPayloads();
    void tcpServerStdinGoesToEveryClient();
    void tcpServerKeepsRunningAtStdinEof();
    void tcpServerSigterm();
    void tcpServerMaxClients();
    void tcpServerIPv6();
    void tcpServerIdleTimeout();

    void tcpClientRaw();
    void tcpClientJson();

    void udpHello();
    void printerYieldsToTheEngine();
    void udpChatBetweenTwoProcesses();

    void usageErrors_data();
    void usageErrors();
    void openFailures_data();
    void openFailures();
    void helpAndVersion_data();
    void helpAndVersion();
    void noDisplay();
    void windowWithSessionOption();
    void tcpClientReadsAFile();
    void windowRejectsBadSession();
};

void tst_Cli::initTestCase()
{
    QVERIFY2(!E2e::binary().isEmpty(), "SOCKETSCOPE_BINARY is not set");
    QVERIFY2(QFile::exists(E2e::binary()), qPrintable(E2e::binary()));
}

void tst_Cli::tcpServerConversation()
{
    E2e::Process p;
    quint16 port = 0;
    startAndReadPort(
        p, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--json")},
        "listening", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;

    QTcpSocket client;
    connectClient(&client, QHostAddress::LocalHost, port);
    if (QTest::currentTestFailed())
        return;
    const QString local = hostPort(QStringLiteral("127.0.0.1"), port);
    const QString peer = hostPort(QStringLiteral("127.0.0.1"), client.localPort());

    expectBytes(&client, "Welcome!");
    client.write("Michael");
    expectBytes(&client, "Hello, Michael!");
    const QByteArray binary("\xff\xfe\x00\x80", 4);
    client.write(binary);
    expectBytes(&client, "Hello, " + binary + '!');
    if (QTest::currentTestFailed())
        return;
    client.disconnectFromHost();
    const qsizetype closed = p.waitForEvent("closed");
    QVERIFY2(closed >= 0, p.transcript().constData());

    const QList<QJsonObject> &ev = p.events();
    QCOMPARE(ev.size(), qsizetype(8));
    QVERIFY(isEvent(ev.at(1), "opened"));
    const qint64 connection = ev.at(1).value(QLatin1String("connection")).toInteger();
    QVERIFY(connection > 0);
    for (qsizetype i = 1; i < ev.size(); ++i) {
        checkAddresses(ev.at(i), local, peer);
        QCOMPARE(ev.at(i).value(QLatin1String("connection")).toInteger(), connection);
        QCOMPARE(ev.at(i).value(QLatin1String("session")),
                 ev.at(0).value(QLatin1String("session")));
    }
    checkData(ev.at(2), "out", "Welcome!", true);
    checkData(ev.at(3), "in", "Michael", true);
    checkData(ev.at(4), "out", "Hello, Michael!", true);
    checkData(ev.at(5), "in", binary, false);
    checkData(ev.at(6), "out", "Hello, " + binary + '!', false);
    QVERIFY(isEvent(ev.at(7), "closed"));
    QCOMPARE(jsonString(ev.at(7), "by"), QStringLiteral("peer"));

    terminateCleanly(p);
}

void tst_Cli::jsonPayloads_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<bool>("isText");

    QTest::newRow("escapes") << QByteArray("tab\t \"quoted\" back\\slash \x01\x1f\x7f end") << true;
    QTest::newRow("CJK and emoji")
        << QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd, \xf0\x9f\x98\x80") << true;
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << true;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false;
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << false;
    QTest::newRow("truncated") << QByteArray("ok \xe4\xbd") << false;
    QTest::newRow("Latin-1") << QByteArray("caf\xe9") << false;
}

// Every byte survives the JSON line: "text" exactly when the bytes are UTF-8,
// "hex" always, and the line stays valid JSON whatever the payload holds.
void tst_Cli::jsonPayloads()
{
    QFETCH(QByteArray, message);
    QFETCH(bool, isText);

    E2e::Process p;
    quint16 port = 0;
    startAndReadPort(
        p, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--json")},
        "listening", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;
    QTcpSocket client;
    connectClient(&client, QHostAddress::LocalHost, port);
    expectBytes(&client, "Welcome!");
    client.write(message);
    const QByteArray reply = "Hello, " + message + '!';
    expectBytes(&client, reply);
    if (QTest::currentTestFailed())
        return;

    const qsizetype in = p.waitForEvent("in");
    QVERIFY2(in >= 0, p.transcript().constData());
    const qsizetype out = p.waitForEvent("out", in + 1);
    QVERIFY2(out == in + 1, p.transcript().constData());
    QVERIFY2(p.badLines().isEmpty(), p.transcript().constData());
    checkData(p.events().at(in), "in", message, isText);
    checkData(p.events().at(out), "out", reply, isText);
    terminateCleanly(p);
}

void tst_Cli::tcpServerStdinGoesToEveryClient()
{
    E2e::Process p;
    quint16 port = 0;
    startAndReadPort(
        p, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--json")},
        "listening", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;

    QTcpSocket first;
    QTcpSocket second;
    connectClient(&first, QHostAddress::LocalHost, port);
    connectClient(&second, QHostAddress::LocalHost, port);
    expectBytes(&first, "Welcome!");
    expectBytes(&second, "Welcome!");
    if (QTest::currentTestFailed())
        return;

    // A stream carries the typed line as is, line ending included.
    p.write("to everyone\n");
    expectBytes(&first, "to everyone\n");
    expectBytes(&second, "to everyone\n");
    if (QTest::currentTestFailed())
        return;

    // Events are printed a moment after the bytes leave: wait for both.
    auto broadcast = [](const QJsonObject &e) {
        return isEvent(e, "out") && jsonString(e, "text") == u"to everyone\n";
    };
    const qsizetype one = p.waitForEvent(broadcast);
    QVERIFY2(one >= 0, p.transcript().constData());
    const qsizetype other = p.waitForEvent(broadcast, one + 1);
    QVERIFY2(other >= 0, p.transcript().constData());
    QVERIFY(p.events().at(one).value(QLatin1String("connection")) !=
            p.events().at(other).value(QLatin1String("connection")));

    terminateCleanly(p);
}

void tst_Cli::tcpServerKeepsRunningAtStdinEof()
{
    E2e::Process p;
    quint16 port = 0;
    startAndReadPort(
        p, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--json")},
        "listening", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;

    QTcpSocket first;
    connectClient(&first, QHostAddress::LocalHost, port);
    expectBytes(&first, "Welcome!");
    if (QTest::currentTestFailed())
        return;

    // The unterminated rest is sent only once end of input is seen, so its
    // arrival proves the server has handled the end of its input.
    p.write("no newline at the end");
    p.closeStdin();
    expectBytes(&first, "no newline at the end");
    if (QTest::currentTestFailed())
        return;

    first.write("Tracy");
    expectBytes(&first, "Hello, Tracy!");
    QTcpSocket second;
    connectClient(&second, QHostAddress::LocalHost, port);
    expectBytes(&second, "Welcome!");
    second.write("Sarah");
    expectBytes(&second, "Hello, Sarah!");
    if (QTest::currentTestFailed())
        return;

    QVERIFY(p.isRunning());
    QCOMPARE(p.indexOf([](const QJsonObject &e) { return isEvent(e, "stopped"); }), qsizetype(-1));
    terminateCleanly(p);
}

void tst_Cli::tcpServerSigterm()
{
    E2e::Process p;
    quint16 port = 0;
    startAndReadPort(
        p, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--json")},
        "listening", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;

    QTcpSocket client;
    connectClient(&client, QHostAddress::LocalHost, port);
    expectBytes(&client, "Welcome!");
    if (QTest::currentTestFailed())
        return;
    const QString peer = hostPort(QStringLiteral("127.0.0.1"), client.localPort());
    const qsizetype opened = p.waitForEvent("opened");
    QVERIFY(opened > 0);
    const qint64 connection = p.events().at(opened).value(QLatin1String("connection")).toInteger();

    terminateCleanly(p);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(p.stderrBytes().isEmpty(), p.stderrBytes().constData());

    const QList<QJsonObject> &ev = p.events();
    QVERIFY(ev.size() >= 3);
    const QJsonObject &closed = ev.at(ev.size() - 2);
    QVERIFY2(isEvent(closed, "closed"), dump(closed).constData());
    QCOMPARE(closed.value(QLatin1String("connection")).toInteger(), connection);
    QCOMPARE(jsonString(closed, "by"), QStringLiteral("local"));
    QCOMPARE(jsonString(closed, "peer"), peer);

    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(client.readAll(), QByteArray());
}

void tst_Cli::tcpServerMaxClients()
{
    E2e::Process p;
    quint16 port = 0;
    startAndReadPort(p,
                     {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--max-clients"), QStringLiteral("1"),
                      QStringLiteral("--json")},
                     "listening", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;

    QTcpSocket first;
    connectClient(&first, QHostAddress::LocalHost, port);
    expectBytes(&first, "Welcome!");
    if (QTest::currentTestFailed())
        return;

    QTcpSocket second;
    connectClient(&second, QHostAddress::LocalHost, port);
    if (QTest::currentTestFailed())
        return;
    const QString secondPeer = hostPort(QStringLiteral("127.0.0.1"), second.localPort());
    QTRY_COMPARE_WITH_TIMEOUT(second.state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(second.readAll(), QByteArray()); // no greeting for a refused client

    const qsizetype closed = p.waitForEvent([&](const QJsonObject &e) {
        return isEvent(e, "closed") && jsonString(e, "peer") == secondPeer;
    });
    QVERIFY2(closed >= 0, p.transcript().constData());
    QCOMPARE(jsonString(p.events().at(closed), "by"), QStringLiteral("limit"));

    // The first client is still served.
    first.write("Tracy");
    expectBytes(&first, "Hello, Tracy!");
    QCOMPARE(first.state(), QAbstractSocket::ConnectedState);

    terminateCleanly(p);
}

void tst_Cli::tcpServerIPv6()
{
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHostIPv6, 0))
            QSKIP("::1 is not available here");
    }
    E2e::Process p;
    quint16 port = 0;
    startAndReadPort(
        p, {QStringLiteral("tcp-server"), QStringLiteral("[::1]:0"), QStringLiteral("--json")},
        "listening", QStringLiteral("[::1]"), &port);
    if (QTest::currentTestFailed())
        return;

    QTcpSocket client;
    connectClient(&client, QHostAddress::LocalHostIPv6, port);
    expectBytes(&client, "Welcome!");
    client.write("Michael");
    expectBytes(&client, "Hello, Michael!");
    if (QTest::currentTestFailed())
        return;

    const qsizetype in = p.waitForEvent("in");
    QVERIFY2(in >= 0, p.transcript().constData());
    checkAddresses(p.events().at(in), hostPort(QStringLiteral("[::1]"), port),
                   hostPort(QStringLiteral("[::1]"), client.localPort()));

    terminateCleanly(p);
}

void tst_Cli::tcpServerIdleTimeout()
{
    E2e::Process p;
    quint16 port = 0;
    startAndReadPort(p,
                     {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--idle-timeout"), QStringLiteral("1"),
                      QStringLiteral("--json")},
                     "listening", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;

    QTcpSocket client;
    connectClient(&client, QHostAddress::LocalHost, port);
    expectBytes(&client, "Welcome!");
    if (QTest::currentTestFailed())
        return;
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 10000);
    const qsizetype closed = p.waitForEvent("closed");
    QVERIFY2(closed >= 0, p.transcript().constData());
    QCOMPARE(jsonString(p.events().at(closed), "by"), QStringLiteral("timeout"));
    QVERIFY(p.isRunning());
    terminateCleanly(p);
}

void tst_Cli::tcpClientRaw()
{
    const QByteArray request("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    static const char prefix[] = "\x00\xff\r\n\x80 binary\x1b[0m";
    QByteArray body(prefix, sizeof prefix - 1);
    for (int i = 0; body.size() < 150 * 1024; ++i)
        body.append(char((i * 131 + i / 256) & 0xff));
    const QList<QByteArray> chunks{"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n",
                                   "Content-Length: " + QByteArray::number(body.size()) +
                                       "\r\nConnection: close\r\n\r\n",
                                   body.left(3), body.mid(3, 70000), body.mid(70003)};
    const QByteArray response = chunks.join();

    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    QByteArray received;
    int accepted = 0;
    bool responded = false;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *conn = server.nextPendingConnection()) {
            ++accepted;
            conn->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            connect(conn, &QTcpSocket::readyRead, conn, [&, conn] {
                received += conn->readAll();
                if (responded || received.size() < request.size())
                    return;
                responded = true;
                // All written before the client's half-close is seen, one
                // write per chunk, then closed like an HTTP/1.0 server.
                for (const QByteArray &chunk : chunks) {
                    conn->write(chunk);
                    conn->flush();
                }
                conn->disconnectFromHost();
            });
        }
    });

    E2e::Process p;
    p.setParseJson(false);
    QVERIFY2(p.start({QStringLiteral("tcp-client"),
                      hostPort(QStringLiteral("127.0.0.1"), server.serverPort()),
                      QStringLiteral("--raw")}),
             qPrintable(p.process().errorString()));
    p.write(request);
    p.closeStdin();

    QVERIFY2(p.waitFinished(20000), p.stderrBytes().constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(accepted, 1);
    QCOMPARE(received, request);
    QVERIFY(responded);
    QCOMPARE(p.stdoutBytes().size(), response.size());
    QVERIFY2(p.stdoutBytes() == response, "standard output differs from the response bytes");
    QVERIFY2(p.stderrBytes().isEmpty(), p.stderrBytes().constData());
}

void tst_Cli::tcpClientJson()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    const QString target = hostPort(QStringLiteral("127.0.0.1"), server.serverPort());

    E2e::Process p;
    QVERIFY2(p.start({QStringLiteral("tcp-client"), target, QStringLiteral("--json")}),
             qPrintable(p.process().errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 10000);
    QTcpSocket *conn = server.nextPendingConnection();
    QVERIFY(conn);
    const QString local = hostPort(QStringLiteral("127.0.0.1"), conn->peerPort());

    conn->write("Welcome!");
    QVERIFY2(p.waitForEvent("in") >= 0, p.transcript().constData());
    p.write("Michael\n");
    QByteArray got;
    E2e::readAtLeast(conn, &got, 8);
    QCOMPARE(got, QByteArray("Michael\n"));
    QVERIFY2(p.waitForEvent("out") >= 0, p.transcript().constData());
    conn->disconnectFromHost();

    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(p.badLines().isEmpty(), p.transcript().constData());

    const QList<QJsonObject> &ev = p.events();
    QStringList kinds;
    for (const QJsonObject &e : ev)
        kinds.append(jsonString(e, "event"));
    QCOMPARE(kinds,
             QStringList({QStringLiteral("connecting"), QStringLiteral("opened"),
                          QStringLiteral("in"), QStringLiteral("out"), QStringLiteral("closed")}));
    checkAddresses(ev.at(0), QString(), target);
    QCOMPARE(jsonString(ev.at(0), "message"), target);
    for (qsizetype i = 1; i < ev.size(); ++i)
        checkAddresses(ev.at(i), local, target);
    checkData(ev.at(2), "in", "Welcome!", true);
    checkData(ev.at(3), "out", "Michael\n", true);
    QCOMPARE(jsonString(ev.at(4), "by"), QStringLiteral("peer"));
}

void tst_Cli::udpHello()
{
    E2e::Process p;
    quint16 port = 0;
    startAndReadPort(p,
                     {QStringLiteral("udp"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--protocol"), QStringLiteral("hello"),
                      QStringLiteral("--json")},
                     "bound", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;

    QUdpSocket client;
    QVERIFY2(client.bind(QHostAddress::LocalHost, 0), qPrintable(client.errorString()));
    const QString local = hostPort(QStringLiteral("127.0.0.1"), port);
    const QString peer = hostPort(QStringLiteral("127.0.0.1"), client.localPort());
    for (const QByteArray &name : {QByteArray("Michael"), QByteArray("Tracy")}) {
        QCOMPARE(client.writeDatagram(name, QHostAddress::LocalHost, port), qint64(name.size()));
        QTRY_VERIFY_WITH_TIMEOUT(client.hasPendingDatagrams(), 10000);
        const QNetworkDatagram reply = client.receiveDatagram();
        QCOMPARE(reply.data(), QByteArray("Hello, " + name + '!'));
        QCOMPARE(reply.senderPort(), int(port));
    }

    QVERIFY(p.waitForEvent([](const QJsonObject &e) {
        return isEvent(e, "out") && jsonString(e, "text") == u"Hello, Tracy!";
    }) >= 0);
    const QList<QJsonObject> &ev = p.events();
    QCOMPARE(ev.size(), qsizetype(5));
    checkData(ev.at(1), "in", "Michael", true);
    checkData(ev.at(2), "out", "Hello, Michael!", true);
    checkData(ev.at(3), "in", "Tracy", true);
    checkData(ev.at(4), "out", "Hello, Tracy!", true);
    for (qsizetype i = 1; i < ev.size(); ++i)
        checkAddresses(ev.at(i), local, peer);

    terminateCleanly(p);
}

namespace {

// The nice value of each thread of `pid` by its name (/proc/PID/task/*/stat).
QMultiHash<QString, int> threadNices(qint64 pid)
{
    QMultiHash<QString, int> nices;
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue; // ended meanwhile
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        // After the name: state, ppid, ... nice is the 17th field.
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (open < 0 || close < open || fields.size() < 17)
            continue;
        const QString name = tid.toLongLong() == pid
                                 ? QStringLiteral("main")
                                 : QString::fromUtf8(line.mid(open + 1, close - open - 1));
        nices.insert(name, fields.at(16).toInt());
    }
    return nices;
}

} // namespace

void tst_Cli::printerYieldsToTheEngine()
{
    // Recording has priority: with the sockets on the engine's thread (UDP),
    // the printing main thread is five steps nicer, so that on a shared core
    // a flood is read first. A TCP session's one thread stays as it was.
    const int own = ::getpriority(PRIO_PROCESS, 0);
    E2e::Process udp;
    quint16 port = 0;
    startAndReadPort(
        udp, {QStringLiteral("udp"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--json")},
        "bound", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;
    const QMultiHash<QString, int> nices = threadNices(udp.process().processId());
    QVERIFY2(nices.contains(QStringLiteral("SocketScope eng")),
             qPrintable(nices.keys().join(u',')));
    QCOMPARE(nices.value(QStringLiteral("SocketScope eng")), own);
    QCOMPARE(nices.value(QStringLiteral("main")), std::min(own + 5, 19));
    terminateCleanly(udp);

    E2e::Process tcp;
    startAndReadPort(
        tcp,
        {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--json")},
        "listening", QStringLiteral("127.0.0.1"), &port);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(threadNices(tcp.process().processId()).value(QStringLiteral("main")), own);
    terminateCleanly(tcp);
}

void tst_Cli::udpChatBetweenTwoProcesses()
{
    // The only pre-picked ports in these tests: a chat needs its peer's port
    // before that peer exists. Bound together, so they differ; then freed.
    quint16 portA = 0;
    quint16 portB = 0;
    {
        QUdpSocket a;
        QUdpSocket b;
        QVERIFY(a.bind(QHostAddress::LocalHost, 0));
        QVERIFY(b.bind(QHostAddress::LocalHost, 0));
        portA = a.localPort();
        portB = b.localPort();
    }
    const QString addressA = hostPort(QStringLiteral("127.0.0.1"), portA);
    const QString addressB = hostPort(QStringLiteral("127.0.0.1"), portB);

    E2e::Process a;
    E2e::Process b;
    QVERIFY(
        a.start({QStringLiteral("udp"), addressA, QStringLiteral("--peer"), addressB,
                 QStringLiteral("--protocol"), QStringLiteral("chat"), QStringLiteral("--json")}));
    QVERIFY(
        b.start({QStringLiteral("udp"), addressB, QStringLiteral("--peer"), addressA,
                 QStringLiteral("--protocol"), QStringLiteral("chat"), QStringLiteral("--json")}));
    QVERIFY2(a.waitForEvent("bound") == 0, a.transcript().constData());
    QVERIFY2(b.waitForEvent("bound") == 0, b.transcript().constData());
    QCOMPARE(jsonString(a.events().constFirst(), "local"), addressA);
    QCOMPARE(jsonString(b.events().constFirst(), "local"), addressB);

    auto received = [](const QString &text) {
        return [text](const QJsonObject &e) {
            return isEvent(e, "in") && jsonString(e, "text") == text;
        };
    };

    // A datagram carries the line without its line ending, as input() does.
    a.write("Hello from A\n");
    const qsizetype atB = b.waitForEvent(received(QStringLiteral("Hello from A")));
    QVERIFY2(atB >= 0, b.transcript().constData());
    checkAddresses(b.events().at(atB), addressB, addressA);
    checkData(b.events().at(atB), "in", "Hello from A", true);

    const QByteArray greeting("\xe4\xbd\xa0\xe5\xa5\xbd from B"); // 你好
    b.write(greeting + "\r\n");
    const qsizetype atA = a.waitForEvent(received(QString::fromUtf8(greeting)));
    QVERIFY2(atA >= 0, a.transcript().constData());
    checkAddresses(a.events().at(atA), addressA, addressB);
    checkData(a.events().at(atA), "in", greeting, true);

    a.write("88\n");
    QVERIFY2(a.waitFinished(10000), a.transcript().constData());
    QVERIFY2(b.waitFinished(10000), b.transcript().constData());
    for (E2e::Process *p : {&a, &b}) {
        QVERIFY2(p->exitStatus() == QProcess::NormalExit, p->transcript().constData());
        QCOMPARE(p->exitCode(), 0);
        QVERIFY2(p->badLines().isEmpty(), p->transcript().constData());
        QVERIFY2(isEvent(p->events().constLast(), "stopped"), p->transcript().constData());
        QVERIFY2(p->indexOf([](const QJsonObject &e) { return isEvent(e, "note"); }) >= 0,
                 p->transcript().constData());
    }
    QVERIFY(a.indexOf([](const QJsonObject &e) {
        return isEvent(e, "out") && jsonString(e, "text") == u"88";
    }) >= 0);
    QVERIFY(b.indexOf(received(QStringLiteral("88"))) >= 0);
}

void tst_Cli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mentions");

    auto row = [](const char *name, const QStringList &args, const QStringList &mentions) {
        QTest::newRow(name) << args << mentions;
    };
    const QString server = QStringLiteral("tcp-server");
    const QString client = QStringLiteral("tcp-client");
    const QString udp = QStringLiteral("udp");
    row("port 70000", {server, QStringLiteral("70000")},
        {QStringLiteral("70000"), QStringLiteral("out of range")});
    row("port 127.0.0.1:70000", {udp, QStringLiteral("127.0.0.1:70000")},
        {QStringLiteral("70000"), QStringLiteral("out of range")});
    row("port abc", {server, QStringLiteral("abc")},
        {QStringLiteral("\"abc\""), QStringLiteral("not a number")});
    row("port -1", {server, QStringLiteral("-1")}, {QStringLiteral("\"-1\"")});
    row("port 127.0.0.1:-1", {udp, QStringLiteral("127.0.0.1:-1")},
        {QStringLiteral("\"-1\""), QStringLiteral("not a number")});
    row("missing address", {server}, {QStringLiteral("needs [ADDRESS:]PORT")});
    row("missing port after colon", {server, QStringLiteral("127.0.0.1:")},
        {QStringLiteral("port is missing")});
    row("client without port", {client, QStringLiteral("127.0.0.1")},
        {QStringLiteral("give a host and a port")});
    row("unclosed bracket", {server, QStringLiteral("[::1")},
        {QStringLiteral("no closing bracket")});
    row("bracket without port", {server, QStringLiteral("[::1]")},
        {QStringLiteral("a port must follow")});
    row("unbracketed IPv6", {client, QStringLiteral("::1:80")},
        {QStringLiteral("\"::1:80\""), QStringLiteral("brackets")});
    // Digits and dots are an IPv4 address or a mistake, never a name to look up.
    row("three numbers", {client, QStringLiteral("1.2.3:80")},
        {QStringLiteral("\"1.2.3\" is not an IPv4 address")});
    row("number over 255", {client, QStringLiteral("999.1.1.1:80")},
        {QStringLiteral("\"999.1.1.1\" is not an IPv4 address")});
    row("host like an option", {udp, QStringLiteral(" --end-w3:3")},
        {QStringLiteral("cannot start with \"-\"")});
    row("unknown option", {server, QStringLiteral("127.0.0.1:0"), QStringLiteral("--frobnicate")},
        {QStringLiteral("\"--frobnicate\"")});
    row("option of another subcommand",
        {udp, QStringLiteral("0"), QStringLiteral("--max-clients"), QStringLiteral("2")},
        {QStringLiteral("\"--max-clients\"")});
    row("option without value", {server, QStringLiteral("0"), QStringLiteral("--max-clients")},
        {QStringLiteral("--max-clients needs a value")});
    row("bad count",
        {server, QStringLiteral("0"), QStringLiteral("--max-clients"), QStringLiteral("0")},
        {QStringLiteral("--max-clients"), QStringLiteral("\"0\"")});
    row("extra argument", {server, QStringLiteral("1"), QStringLiteral("2")},
        {QStringLiteral("\"2\"")});
    row("unknown subcommand", {QStringLiteral("tcp-srever"), QStringLiteral("127.0.0.1:0")},
        {QStringLiteral("\"tcp-srever\"")});
    row("--raw on a server", {server, QStringLiteral("127.0.0.1:0"), QStringLiteral("--raw")},
        {QStringLiteral("--raw is for tcp-client")});
    row("--raw on udp", {udp, QStringLiteral("127.0.0.1:0"), QStringLiteral("--raw")},
        {QStringLiteral("--raw is for tcp-client")});
    row("--json and --raw",
        {client, QStringLiteral("127.0.0.1:9"), QStringLiteral("--json"), QStringLiteral("--raw")},
        {QStringLiteral("--json"), QStringLiteral("--raw")});
    row("client port 0", {client, QStringLiteral("127.0.0.1:0")}, {QStringLiteral("Port 0")});
    row("chat without peer",
        {udp, QStringLiteral("0"), QStringLiteral("--protocol"), QStringLiteral("chat")},
        {QStringLiteral("peer")});
    row("unknown protocol",
        {server, QStringLiteral("0"), QStringLiteral("--protocol"), QStringLiteral("chat")},
        {QStringLiteral("\"chat\"")});
}

void tst_Cli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mentions);

    E2e::Process p;
    QVERIFY(p.start(args));
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 2);
    QCOMPARE(p.stdoutBytes(), QByteArray());
    const QString err = QString::fromUtf8(p.stderrBytes());
    QVERIFY2(err.startsWith(u"socketscope: "), qPrintable(err));
    for (const QString &m : mentions)
        QVERIFY2(err.contains(m), qPrintable(QString(u'"' + m + u"\" not in: " + err)));
}

enum class Setup { None, BusyTcp, BusyUdp, ClosedTcp };

void tst_Cli::openFailures_data()
{
    QTest::addColumn<int>("setup");
    QTest::addColumn<QStringList>("args");     // %1: the port the setup made
    QTest::addColumn<QStringList>("mentions"); // %1: the same port

    QTest::newRow("busy TCP port")
        << int(Setup::BusyTcp)
        << QStringList{QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:%1")}
        << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("in use")};
    QTest::newRow("busy TCP port, json")
        << int(Setup::BusyTcp)
        << QStringList{QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:%1"),
                       QStringLiteral("--json")}
        << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("in use")};
    QTest::newRow("busy UDP port")
        << int(Setup::BusyUdp) << QStringList{QStringLiteral("udp"), QStringLiteral("127.0.0.1:%1")}
        << QStringList{QStringLiteral("127.0.0.1:%1"), QStringLiteral("in use")};
    QTest::newRow("refused") << int(Setup::ClosedTcp)
                             << QStringList{QStringLiteral("tcp-client"),
                                            QStringLiteral("127.0.0.1:%1")}
                             << QStringList{QStringLiteral("127.0.0.1:%1"),
                                            QStringLiteral("refused")};
    QTest::newRow("refused, raw") << int(Setup::ClosedTcp)
                                  << QStringList{QStringLiteral("tcp-client"),
                                                 QStringLiteral("127.0.0.1:%1"),
                                                 QStringLiteral("--raw")}
                                  << QStringList{QStringLiteral("127.0.0.1:%1"),
                                                 QStringLiteral("refused")};
    QTest::newRow("unresolvable host")
        << int(Setup::None)
        << QStringList{QStringLiteral("tcp-client"), QStringLiteral("no-such-host.invalid:80")}
        << QStringList{QStringLiteral("no-such-host.invalid")};
    QTest::newRow("unresolvable bind address")
        << int(Setup::None)
        << QStringList{QStringLiteral("tcp-server"), QStringLiteral("no-such-host.invalid:0")}
        << QStringList{QStringLiteral("no-such-host.invalid")};
    // The help text files an unknown host under 3, whichever host it is.
    QTest::newRow("unresolvable chat peer")
        << int(Setup::None)
        << QStringList{QStringLiteral("udp"),        QStringLiteral("127.0.0.1:0"),
                       QStringLiteral("--peer"),     QStringLiteral("no-such-host.invalid:9"),
                       QStringLiteral("--protocol"), QStringLiteral("chat")}
        << QStringList{QStringLiteral("no-such-host.invalid")};
}

void tst_Cli::openFailures()
{
    QFETCH(int, setup);
    QFETCH(QStringList, args);
    QFETCH(QStringList, mentions);

    QTcpServer busyTcp;
    QUdpSocket busyUdp;
    quint16 port = 0;
    switch (Setup(setup)) {
    case Setup::None:
        break;
    case Setup::BusyTcp:
        QVERIFY2(busyTcp.listen(QHostAddress::LocalHost, 0), qPrintable(busyTcp.errorString()));
        port = busyTcp.serverPort();
        break;
    case Setup::BusyUdp:
        QVERIFY2(busyUdp.bind(QHostAddress::LocalHost, 0, QAbstractSocket::DontShareAddress),
                 qPrintable(busyUdp.errorString()));
        port = busyUdp.localPort();
        break;
    case Setup::ClosedTcp:
        port = closedTcpPort();
        QVERIFY(port != 0);
        break;
    }
    // Placeholders only where the row has them: arg() warns about the others.
    auto withPort = [port](const QString &text) {
        return text.contains(u"%1") ? text.arg(port) : text;
    };
    for (QString &a : args)
        a = withPort(a);

    E2e::Process p;
    QVERIFY(p.start(args));
    QVERIFY2(p.waitFinished(20000), p.transcript().constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 3);
    const QString err = QString::fromUtf8(p.stderrBytes());
    QVERIFY2(err.startsWith(u"socketscope: "), qPrintable(err));
    for (const QString &m : std::as_const(mentions)) {
        const QString needle = withPort(m);
        QVERIFY2(err.contains(needle), qPrintable(QString(u'"' + needle + u"\" not in: " + err)));
    }
    if (args.contains(QStringLiteral("--json"))) {
        QVERIFY2(p.badLines().isEmpty(), p.transcript().constData());
        QVERIFY2(!p.events().isEmpty() && isEvent(p.events().constLast(), "error"),
                 p.transcript().constData());
    }
    if (args.contains(QStringLiteral("--raw")))
        QCOMPARE(p.stdoutBytes(), QByteArray());
}

void tst_Cli::helpAndVersion_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<bool>("help");

    QTest::newRow("--help") << QStringLiteral("--help") << true;
    QTest::newRow("-h") << QStringLiteral("-h") << true;
    QTest::newRow("--version") << QStringLiteral("--version") << false;
    QTest::newRow("-v") << QStringLiteral("-v") << false;
}

void tst_Cli::helpAndVersion()
{
    QFETCH(QString, option);
    QFETCH(bool, help);

    E2e::Process p;
    QVERIFY(p.start({option}));
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(p.stderrBytes(), QByteArray());
    if (help) {
        const QByteArray out = p.stdoutBytes();
        QVERIFY2(out.startsWith("Usage:"), out.constData());
        for (const char *word :
             {"socketscope tcp-server", "socketscope tcp-client", "socketscope udp", "--json",
              "--raw", "Exit codes",
              // the window's own options, for the man page too
              "Window options:", "--lang", "--session SPEC", "--no-restore", "--screenshot FILE",
              // UDP broadcast and multicast
              "--broadcast", "--join GROUP[@SOURCE]", "--interface NAME", "--ttl 0-255",
              "--multicast-loop on|off", "UDP broadcast and multicast:"})
            QVERIFY2(out.contains(word), word);
    } else {
        QCOMPARE(p.stdoutBytes(), QByteArray("socketscope " SOCKETSCOPE_VERSION "\n"));
    }
}

void tst_Cli::noDisplay()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QLatin1String(name));
    E2e::Process p;
    p.process().setProcessEnvironment(env);
    QVERIFY(p.start({}));
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit,
             p.transcript().constData()); // no crash, no abort
    QVERIFY(p.exitCode() != 0);
    QCOMPARE(p.stdoutBytes(), QByteArray());
    const QByteArray err = p.stderrBytes();
    QVERIFY2(err.endsWith('\n') && err.count('\n') == 1, err.constData());
    QVERIFY2(err.contains("socketscope tcp-server"), err.constData());
}

// Standard input from a regular file (poll says "always readable"; an epoll
// based loop would refuse it): every byte goes out, and the reply comes back.
void tst_Cli::tcpClientReadsAFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("request.txt"));
    QByteArray request("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(request);
    }
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QByteArray got;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *peer = server.nextPendingConnection();
        connect(peer, &QTcpSocket::readyRead, peer, [&got, peer, request] {
            got += peer->readAll();
            if (got != request)
                return;
            // Answered at once, before the client's half-close is seen.
            peer->write("HTTP/1.1 200 OK\r\n\r\nbody");
            peer->disconnectFromHost();
        });
    });
    E2e::Process client;
    client.setParseJson(false);
    client.process().setStandardInputFile(path);
    QVERIFY(client.start({QStringLiteral("tcp-client"),
                          QStringLiteral("127.0.0.1:%1").arg(server.serverPort()),
                          QStringLiteral("--raw")}));
    QVERIFY(client.waitFinished(10000));
    QCOMPARE(client.exitCode(), 0);
    QCOMPARE(client.stdoutBytes(), QByteArray("HTTP/1.1 200 OK\r\n\r\nbody"));
}

// `socketscope --session SPEC` opens the window with the session started, so
// automation can start from a known state: the server answers at once.
void tst_Cli::windowWithSessionOption()
{
    quint16 port = 0;
    {
        QTcpServer probe; // a free port, released for the window to take
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QTemporaryDir config;
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    E2e::Process window;
    window.process().setProcessEnvironment(env);
    QVERIFY(window.start({QStringLiteral("--no-restore"), QStringLiteral("--session"),
                          QStringLiteral("tcp-server 127.0.0.1:%1").arg(port)}));
    QByteArray greeting;
    // The server starts with the window: try until it answers (QTRY bounds it).
    const auto greeted = [&] {
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, port);
        if (client.waitForConnected(1000))
            E2e::readAtLeast(&client, &greeting, 8, 5000);
        return !greeting.isEmpty();
    };
    QTRY_VERIFY_WITH_TIMEOUT(greeted(), 20000);
    QCOMPARE(greeting, QByteArray("Welcome!"));
    window.process().terminate();
    QVERIFY(window.waitFinished(10000));
}

void tst_Cli::windowRejectsBadSession()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    E2e::Process window;
    window.process().setProcessEnvironment(env);
    QVERIFY(window.start({QStringLiteral("--session"), QStringLiteral("tcp-server 70000")}));
    QVERIFY(window.waitFinished(10000));
    QCOMPARE(window.exitCode(), 2);
    QVERIFY2(window.stderrBytes().contains("out of range"), window.stderrBytes().constData());
}

QTEST_GUILESS_MAIN(tst_Cli)

#include "tst_cli.moc"
