// End to end: `socketscope relay` between real programs: curl and python's
// http.server, the tutorial's client and socketscope's hello server, python
// peers that half-close, reset and flood (tests/e2e/relay/peer.py).

#include "e2esupport.h"
#include "nettestsupport.h"
#include "pythonpeers.h"
#include "tsharksupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using E2e::isEvent;
using E2e::jsonString;

namespace {

QString s(const char *text)
{
    return QString::fromLatin1(text);
}

// The payload of every event of `kind` ("in" or "out"), concatenated: --json
// gives it as "text" when it is UTF-8, else as "hex".
QByteArray joined(const E2e::Process &p, const char *kind)
{
    QByteArray out;
    for (const QJsonObject &o : p.events()) {
        if (!isEvent(o, kind))
            continue;
        out += o.contains(QLatin1String("hex"))
                   ? QByteArray::fromHex(jsonString(o, "hex").toLatin1())
                   : jsonString(o, "text").toUtf8();
    }
    return out;
}

bool hasNote(const E2e::Process &p, const QString &needle)
{
    return p.indexOf([&](const QJsonObject &o) {
        return (isEvent(o, "note") || isEvent(o, "error")) &&
               jsonString(o, "message").contains(needle);
    }) >= 0;
}

} // namespace

class tst_RelayCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstEventStatesTheAddress();
    void curlThroughRelayToHttpServer();
    void tutorialHelloThroughRelay();
    void captureShowsTheClientLegInTshark();
    void halfClosePassesThrough();
    void targetResetResetsClient();
    void clientResetResetsTarget();
    void refusedTargetResetsClient();
    void slowReaderKeepsMemoryBounded();

private:
    // A peer.py server in `mode`; its port once it listens.
    quint16 startPeerServer(E2e::Process &p, const QStringList &args);
    // A peer.py client in `mode` that connects to `port`.
    void startPeerClient(E2e::Process &p, const char *mode, quint16 port,
                         const QStringList &args = {});

    E2e::PythonPeers m_peers;
};

void tst_RelayCli::initTestCase()
{
    m_peers.init();
}

quint16 tst_RelayCli::startPeerServer(E2e::Process &p, const QStringList &args)
{
    m_peers.start(p, QStringList{m_peers.file("tests/e2e/relay/peer.py")} + args);
    if (!p.waitForStdout("\n"))
        return 0;
    const QByteArray first = p.stdoutBytes().left(p.stdoutBytes().indexOf('\n'));
    return first.startsWith("port ") ? quint16(first.mid(5).toUInt()) : 0;
}

void tst_RelayCli::startPeerClient(E2e::Process &p, const char *mode, quint16 port,
                                   const QStringList &args)
{
    m_peers.start(
        p, QStringList{m_peers.file("tests/e2e/relay/peer.py"), s(mode), QString::number(port)} +
               args);
}

void tst_RelayCli::firstEventStatesTheAddress()
{
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Tcp, target.serverPort());
    QVERIFY2(port != 0, relay.transcript().constData());
    const QJsonObject first = relay.events().constFirst();
    QCOMPARE(jsonString(first, "event"), s("listening"));
    QCOMPARE(jsonString(first, "local"), NetTest::loopback(port));
    QVERIFY2(relay.waitForEvent("note") == 1, relay.transcript().constData());
    QCOMPARE(jsonString(relay.events().at(1), "message"),
             u"Relaying each client to " + NetTest::loopback(target.serverPort()));
}

void tst_RelayCli::curlThroughRelayToHttpServer()
{
    const QString curl = QStandardPaths::findExecutable(s("curl"));
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Binary, and larger than one read, so it crosses the relay in many chunks.
    QByteArray body(300 * 1024, Qt::Uninitialized);
    QRandomGenerator generator(12);
    for (char &c : body)
        c = char(generator.bounded(256));
    QFile file(dir.filePath(s("body.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(body);
    file.close();

    // http.server on port 0 says which port it took on its first line.
    E2e::Process http;
    m_peers.start(http, {s("-m"), s("http.server"), s("0"), s("--bind"), s("127.0.0.1"),
                         s("--directory"), dir.path()});
    QVERIFY2(http.waitForStdout("port "), http.transcript().constData());
    static const QRegularExpression re(s("port (\\d+)"));
    const quint16 httpPort =
        quint16(re.match(QString::fromLatin1(http.stdoutBytes())).captured(1).toUInt());
    QVERIFY(httpPort != 0);

    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Tcp, httpPort);
    QVERIFY2(port != 0, relay.transcript().constData());

    QProcess client;
    client.start(curl, {s("-sS"), s("--fail"), s("-o"), dir.filePath(s("got.bin")),
                        u"http://" + NetTest::loopback(port) + u"/body.bin"});
    // The event loop runs meanwhile: the relay's output is read as it comes.
    QVERIFY(QTest::qWaitFor([&] { return client.state() == QProcess::NotRunning; }, 30000));
    QVERIFY2(client.exitCode() == 0, client.readAllStandardError().constData());
    QFile got(dir.filePath(s("got.bin")));
    QVERIFY(got.open(QIODevice::ReadOnly));
    QVERIFY(got.readAll() == body);

    // One conversation with both legs: the client's request, the target leg,
    // and the server's whole answer, headers and body, byte for byte.
    QVERIFY2(relay.waitForEvent("closed") >= 0, relay.transcript().constData());
    const QByteArray request = joined(relay, "in");
    QVERIFY2(request.startsWith("GET /body.bin HTTP/1.1\r\n"), request.constData());
    const QByteArray answer = joined(relay, "out");
    QVERIFY2(answer.startsWith("HTTP/1.0 200 OK\r\n"), answer.left(200).constData());
    QVERIFY(answer.endsWith(body));
    QVERIFY(answer.contains("\r\n\r\n"));
    QCOMPARE(answer.size() - answer.indexOf("\r\n\r\n") - 4, body.size());
    QVERIFY(hasNote(relay, s("Target leg open: 127.0.0.1:")));
    QVERIFY(hasNote(relay, u" -> " + NetTest::loopback(httpPort)));
    const qsizetype opened =
        relay.indexOf([](const QJsonObject &o) { return isEvent(o, "opened"); });
    QVERIFY(opened >= 0);
    QCOMPARE(jsonString(relay.events().at(opened), "local"), NetTest::loopback(port));
}

void tst_RelayCli::tutorialHelloThroughRelay()
{
    E2e::Process server;
    QVERIFY(server.start({s("tcp-server"), s("127.0.0.1:0"), s("--json")}));
    QVERIFY2(server.waitForEvent("listening") == 0, server.transcript().constData());
    const quint16 serverPort = NetTest::portOf(jsonString(server.events().constFirst(), "local"));

    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Tcp, serverPort);
    QVERIFY2(port != 0, relay.transcript().constData());

    E2e::Process python;
    m_peers.start(python, {m_peers.file("tests/e2e/tutorial/tcp_client.py"), s("127.0.0.1"),
                           QString::number(port)});
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QCOMPARE(python.exitCode(), 0);
    QCOMPARE(python.stdoutBytes(),
             QByteArray("Welcome!\nHello, Michael!\nHello, Tracy!\nHello, Sarah!\n"));

    // The relay's log reads as the conversation: what the client said, and the answers.
    QVERIFY2(relay.waitForEvent("closed") >= 0, relay.transcript().constData());
    QCOMPARE(joined(relay, "in"), QByteArray("MichaelTracySarahexit"));
    QCOMPARE(joined(relay, "out"), QByteArray("Welcome!Hello, Michael!Hello, Tracy!Hello, Sarah!"));
}

void tst_RelayCli::captureShowsTheClientLegInTshark()
{
    SKIP_WITHOUT_TSHARK();
    E2e::Process server;
    QVERIFY(server.start({s("tcp-server"), s("127.0.0.1:0"), s("--json")}));
    QVERIFY2(server.waitForEvent("listening") == 0, server.transcript().constData());
    const quint16 serverPort = NetTest::portOf(jsonString(server.events().constFirst(), "local"));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(s("relay.pcapng"));
    E2e::Process relay;
    const quint16 port =
        E2e::startRelay(relay, E2e::RelayKind::Tcp, serverPort, {s("--write"), file});
    QVERIFY2(port != 0, relay.transcript().constData());
    E2e::Process python;
    m_peers.start(python, {m_peers.file("tests/e2e/tutorial/tcp_client.py"), s("127.0.0.1"),
                           QString::number(port)});
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QVERIFY2(relay.waitForEvent("closed") >= 0, relay.transcript().constData());
    relay.process().terminate(); // the file is complete once the relay has stopped
    QVERIFY(relay.waitFinished(10000));

    // The relayed conversation is the client's TCP stream with the relay, as
    // the client saw it: what it said one way, the server's answers the other.
    const Tshark::Result check = Tshark::run({s("-r"), file});
    QVERIFY2(check.ok && !check.err.contains("damaged"), check.err.constData());
    const Tshark::Follow stream = Tshark::follow(file, 0);
    QVERIFY2(stream.ok, check.out.constData());
    QCOMPARE(stream.node1, NetTest::loopback(port));
    QCOMPARE(stream.fromNode0, QByteArray("MichaelTracySarahexit"));
    QCOMPARE(stream.fromNode1, QByteArray("Welcome!Hello, Michael!Hello, Tracy!Hello, Sarah!"));
}

void tst_RelayCli::halfClosePassesThrough()
{
    E2e::Process target;
    const quint16 targetPort = startPeerServer(target, {s("count-server")});
    QVERIFY2(targetPort != 0, target.transcript().constData());
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Tcp, targetPort);
    QVERIFY2(port != 0, relay.transcript().constData());

    // The target answers only after the client's FIN reached it through the relay.
    E2e::Process client;
    startPeerClient(client, "half-close-client", port, {s("twelve bytes")});
    QVERIFY2(client.waitFinished(20000), client.transcript().constData());
    QCOMPARE(client.stdoutBytes(), QByteArray("got 12 bytes"));
    QVERIFY2(relay.waitForEvent("closed") >= 0, relay.transcript().constData());
    QVERIFY(hasNote(relay, s("The client finished sending (half-close)")));
    QVERIFY(hasNote(relay, s("Target leg closed")));
    QCOMPARE(joined(relay, "out"), QByteArray("got 12 bytes"));
}

void tst_RelayCli::targetResetResetsClient()
{
    E2e::Process target;
    const quint16 targetPort = startPeerServer(target, {s("reset-server")});
    QVERIFY2(targetPort != 0, target.transcript().constData());
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Tcp, targetPort);
    QVERIFY2(port != 0, relay.transcript().constData());

    E2e::Process client;
    startPeerClient(client, "expect-reset-client", port);
    QVERIFY2(client.waitFinished(20000), client.transcript().constData());
    QCOMPARE(client.stdoutBytes(), QByteArray("reset\n"));
    const qsizetype closed = relay.waitForEvent("closed");
    QVERIFY2(closed >= 0, relay.transcript().constData());
    QCOMPARE(jsonString(relay.events().at(closed), "reason"),
             s("The target reset the connection: the client is reset too"));
}

void tst_RelayCli::clientResetResetsTarget()
{
    E2e::Process target;
    const quint16 targetPort = startPeerServer(target, {s("expect-reset-server")});
    QVERIFY2(targetPort != 0, target.transcript().constData());
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Tcp, targetPort);
    QVERIFY2(port != 0, relay.transcript().constData());

    E2e::Process client;
    startPeerClient(client, "reset-client", port);
    QVERIFY2(client.waitFinished(20000), client.transcript().constData());
    QVERIFY2(target.waitFinished(20000), target.transcript().constData());
    QCOMPARE(target.stdoutBytes(),
             QByteArray("port " + QByteArray::number(targetPort) + "\nreset\n"));
    QVERIFY2(relay.waitForEvent("closed") >= 0, relay.transcript().constData());
    QVERIFY(hasNote(relay, s("The client reset the connection: the target leg is reset too")));
}

void tst_RelayCli::refusedTargetResetsClient()
{
    // A port that was just free: nothing listens there.
    const quint16 closedPort = NetTest::freeTcpPort();
    QVERIFY(closedPort != 0);
    E2e::Process relay;
    const quint16 port = E2e::startRelay(relay, E2e::RelayKind::Tcp, closedPort);
    QVERIFY2(port != 0, relay.transcript().constData());

    E2e::Process client;
    startPeerClient(client, "expect-reset-client", port);
    QVERIFY2(client.waitFinished(20000), client.transcript().constData());
    QCOMPARE(client.stdoutBytes(), QByteArray("reset\n"));
    QVERIFY2(relay.waitForEvent("closed") >= 0, relay.transcript().constData());
    QVERIFY(hasNote(relay, u"Cannot connect to the target " + NetTest::loopback(closedPort) +
                               u": Connection refused"));
    QVERIFY(relay.isRunning());
}

void tst_RelayCli::slowReaderKeepsMemoryBounded()
{
    constexpr qint64 Total = 100 * 1000 * 1000;
    E2e::Process target;
    const quint16 targetPort = startPeerServer(target, {s("flood-server"), QString::number(Total)});
    QVERIFY2(targetPort != 0, target.transcript().constData());

    // Every byte is recorded (the store's own cap keeps the record small) and
    // printed: to a file, which the test reads as it grows, so that the
    // 200 MB of hex do not pile up in the test itself.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString outPath = dir.filePath(s("relay.jsonl"));
    QProcess relay;
    relay.setStandardOutputFile(outPath);
    relay.start(E2e::binary(), {s("relay"), s("127.0.0.1:0"), NetTest::loopback(targetPort),
                                s("--json"), s("--memory-cap"), s("8")});
    QVERIFY(relay.waitForStarted(10000));
    QFile out(outPath);
    QVERIFY(out.open(QIODevice::ReadOnly));
    QByteArray seen; // the last part of the output, searched for a needle
    auto waitForOutput = [&](const QByteArray &needle, int timeoutMs) {
        return QTest::qWaitFor(
            [&] {
                seen = seen.right(needle.size() + 4096) + out.read(8 * 1024 * 1024);
                return seen.contains(needle);
            },
            timeoutMs);
    };
    QVERIFY(waitForOutput("\"event\":\"listening\"", 10000));
    static const QRegularExpression re(s("\"local\":\"127\\.0\\.0\\.1:(\\d+)\""));
    const quint16 port = quint16(re.match(QString::fromLatin1(seen)).captured(1).toUInt());
    QVERIFY(port != 0);
    const qint64 pid = relay.processId();
    const qint64 before = E2e::residentBytes(pid);
    QVERIFY(before > 0);

    // A client that does not read at first: Qt's own buffer is kept small so
    // the kernel's fills, then the relay's, and then the relay must stop reading.
    QTcpSocket client;
    client.setReadBufferSize(64 * 1024);
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client.waitForConnected(10000));
    QVERIFY2(waitForOutput("The peer is not reading", 20000), seen.right(2000).constData());
    qint64 peak = E2e::residentBytes(pid);

    // Then it reads everything, byte-exact, while the relay's memory is watched.
    client.setReadBufferSize(0);
    qint64 got = 0;
    bool exact = true;
    qint64 nextSample = 0;
    QElapsedTimer timer;
    timer.start();
    while (got < Total && timer.elapsed() < 60000) {
        if (client.bytesAvailable() == 0 && !client.waitForReadyRead(10000))
            break;
        const QByteArray chunk = client.readAll();
        for (qsizetype i = 0; i < chunk.size() && exact; i += 4093)
            exact = quint8(chunk.at(i)) == (got + i) % 251;
        got += chunk.size();
        if (got >= nextSample) {
            peak = qMax(peak, E2e::residentBytes(pid));
            nextSample = got + 4 * 1024 * 1024;
        }
        out.read(64 * 1024 * 1024); // keep up with the file (the relay does not wait for it)
    }
    QCOMPARE(got, Total);
    QVERIFY(exact);
    peak = qMax(peak, E2e::residentBytes(pid));
    // The 1 MiB pause bound per leg and the 8 MiB record: far less growth
    // than the 100 MB that went through.
    if (E2e::kMemoryIsMeasurable) {
        QVERIFY2(peak - before < 40 * 1024 * 1024,
                 qPrintable(QStringLiteral("grew by %1 MiB").arg((peak - before) >> 20)));
    } else {
        qInfo("memory bound not checked under a sanitizer");
    }
    QVERIFY2(waitForOutput("\"event\":\"closed\"", 20000), seen.right(2000).constData());
    QCOMPARE(relay.state(), QProcess::Running);
    relay.kill();
    relay.waitForFinished(5000);
}

QTEST_GUILESS_MAIN(tst_RelayCli)
#include "tst_relay_cli.moc"
