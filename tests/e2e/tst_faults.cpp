// Faults and abuse, end to end: the built `socketscope` binary with its
// standard output on a full disk or closed, stopped in the middle of a flood,
// and under a storm of connections that are reset at once.

#include "e2esupport.h"
#include "nettestsupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkDatagram>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUdpSocket>

#include <memory>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using E2e::isEvent;
using E2e::jsonString;

namespace {

QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *a : list)
        out << QString::fromUtf8(a);
    return out;
}

// The port of the first "listening" event of a --json server.
quint16 listeningPort(E2e::Process &p)
{
    const qsizetype i = p.waitForEvent("listening");
    if (i < 0)
        return 0;
    return jsonString(p.events().at(i), "local").section(u':', -1).toUShort();
}

} // namespace

class tst_Faults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stdoutOnFullDisk_data();
    void stdoutOnFullDisk();
    void stdoutClosed();
    void sigtermDuringFlood();
    void streamFloodIsPrintedWhole();
    void manyResetConnectionsUnderSmallCap();
    void binaryGreetingGoesOutExactly();
    void oversizedDatagramIsSaidOnStderr();
    void endWordWithNewlineKeepsLinesWhole();
};

void tst_Faults::stdoutOnFullDisk_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("needsServer");
    QTest::newRow("tcp-server") << args({"tcp-server", "127.0.0.1:0"}) << false;
    QTest::newRow("tcp-server --json") << args({"tcp-server", "127.0.0.1:0", "--json"}) << false;
    QTest::newRow("tcp-client") << args({"tcp-client"}) << true;
    QTest::newRow("tcp-client --raw") << args({"tcp-client", "--raw"}) << true;
    QTest::newRow("udp") << args({"udp", "127.0.0.1:0"}) << false;
}

void tst_Faults::stdoutOnFullDisk()
{
    // Output that cannot be written is an error, never a silent success: a
    // script writing `--raw > file` on a full disk must learn of it.
    QFETCH(QStringList, arguments);
    QFETCH(bool, needsServer);

    QTcpServer server;
    std::unique_ptr<QTcpSocket> accepted;
    if (needsServer) {
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        arguments.insert(1, NetTest::loopback(server.serverPort()));
        connect(&server, &QTcpServer::newConnection, this, [&] {
            accepted.reset(server.nextPendingConnection());
            accepted->write("Welcome!");
        });
    }
    E2e::Process p;
    p.process().setStandardOutputFile(QStringLiteral("/dev/full"));
    QVERIFY2(p.start(arguments), qPrintable(p.process().errorString()));
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 1);
    QVERIFY2(p.stderrBytes().contains("socketscope: Cannot write to standard output: No space "
                                      "left on device. Stopping.\n"),
             p.transcript().constData());
}

void tst_Faults::stdoutClosed()
{
    // Started with descriptor 1 closed, the program must not hand that number
    // to a socket or to its event loop and then print its log into it.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    std::unique_ptr<QTcpSocket> accepted;
    QByteArray received;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        accepted.reset(server.nextPendingConnection());
        connect(accepted.get(), &QTcpSocket::readyRead, this, [&] {
            received += accepted->readAll();
            if (received.endsWith("exit\n"))
                accepted->disconnectFromHost();
        });
    });

    E2e::Process p;
    p.process().setChildProcessModifier([] { ::close(STDOUT_FILENO); });
    QVERIFY2(p.start({QStringLiteral("tcp-client"), NetTest::loopback(server.serverPort())}),
             qPrintable(p.process().errorString()));
    QTRY_VERIFY(accepted);
    // Descriptor 1 is /dev/null, not a socket or the event loop's eventfd.
    const QString fdLink = u"/proc/" + QString::number(p.process().processId()) + u"/fd/1";
    QCOMPARE(QFile::symLinkTarget(fdLink), QStringLiteral("/dev/null"));
    p.write("ping\nexit\n");
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QCOMPARE(received, QByteArray("ping\nexit\n"));
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(p.stderrBytes().isEmpty(), p.stderrBytes().constData());
}

void tst_Faults::sigtermDuringFlood()
{
    // Stopped by a service manager in the middle of a flood, the server still
    // prints whole JSON lines only, and ends with "stopped".
    E2e::Process p;
    QVERIFY2(p.start(args({"tcp-server", "127.0.0.1:0", "--json", "--protocol", "none"})),
             qPrintable(p.process().errorString()));
    const quint16 port = listeningPort(p);
    QVERIFY2(port != 0, p.transcript().constData());

    constexpr int Clients = 4;
    // Each keeps a few chunks in flight for as long as it is connected.
    const auto clients = NetTest::floodClients(port, Clients, QByteArray(16 * 1024, 'f'));
    // Well into the flood: every client has been heard many times.
    QVERIFY2(QTest::qWaitFor([&] { return p.countEvents("in") >= 200 || !p.isRunning(); }, 20000),
             p.transcript().constData());
    QVERIFY2(p.isRunning(), p.transcript().constData());

    p.process().terminate();
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(p.badLines().isEmpty(),
             p.badLines().value(0).left(200).constData()); // the first bad line
    QVERIFY(p.stdoutBytes().endsWith('\n'));
    QVERIFY2(isEvent(p.events().constLast(), "stopped"), p.transcript().constData());
    QCOMPARE(p.countEvents("closed"), qsizetype(Clients));
}

void tst_Faults::streamFloodIsPrintedWhole()
{
    // A stream is recorded far faster than JSON is printed. Under a flood of
    // 32 MiB against an 8 MiB cap the server must slow its clients to the
    // printer's pace rather than let the cap evict what was not printed yet:
    // every byte each client sent is on standard output, and nothing was
    // evicted. (Were the stream read on the engine's own thread with nothing
    // holding it back, the cap would evict part of the flood unprinted.)
    E2e::Process p;
    QVERIFY2(p.start(args({"tcp-server", "127.0.0.1:0", "--json", "--protocol", "none",
                           "--memory-cap", "8"})),
             qPrintable(p.process().errorString()));
    const quint16 port = listeningPort(p);
    QVERIFY2(port != 0, p.transcript().constData());

    constexpr int Clients = 4;
    constexpr qint64 PerClient = 8 * 1024 * 1024;
    // Each sends exactly PerClient bytes, a few chunks in flight at a time, then closes.
    const auto clients =
        NetTest::floodClients(port, Clients, QByteArray(64 * 1024, 'f'), PerClient);
    QVERIFY2(QTest::qWaitFor([&] { return p.countEvents("closed") == Clients || !p.isRunning(); },
                             120000),
             p.stderrBytes().constData());
    QVERIFY2(p.isRunning(), p.transcript().right(2000).constData());
    p.process().terminate();
    QVERIFY2(p.waitFinished(10000), p.stderrBytes().constData());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(p.badLines().isEmpty(), p.badLines().value(0).left(200).constData());
    QVERIFY2(!p.stderrBytes().contains("evicted"), p.stderrBytes().constData());

    QHash<qint64, qint64> received; // connection: bytes printed as received
    for (const QJsonObject &o : p.events()) {
        if (isEvent(o, "in"))
            received[o.value(QLatin1String("connection")).toInteger()] +=
                jsonString(o, "text").size();
    }
    QCOMPARE(received.size(), Clients);
    for (auto it = received.cbegin(); it != received.cend(); ++it)
        QCOMPARE(it.value(), PerClient);
}

void tst_Faults::manyResetConnectionsUnderSmallCap()
{
    // 10,000 clients that connect and reset at once, against a server with
    // the smallest cap: the records of closed connections must make way, so
    // the last client's message is still printed, and every descriptor the
    // connections took is given back.
    E2e::Process p;
    QVERIFY2(p.start(args({"tcp-server", "127.0.0.1:0", "--json", "--memory-cap", "1", "--protocol",
                           "none", "--max-clients", "100000"})),
             qPrintable(p.process().errorString()));
    const quint16 port = listeningPort(p);
    QVERIFY2(port != 0, p.transcript().constData());
    const QDir fds(u"/proc/" + QString::number(p.process().processId()) + u"/fd");
    const qsizetype fdsBefore = fds.entryList(QDir::Files | QDir::System).size();
    QVERIFY(fdsBefore > 0);

    constexpr int Connections = 10000;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const linger reset{1, 0};
    for (int i = 0; i < Connections; ++i) {
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        const bool connected =
            ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        ::close(fd);
        QVERIFY2(connected, qPrintable(QString::number(i)));
        // Keep reading its output, so the server never waits on a full pipe
        // (it would then leave connections in its backlog, all open at once).
        if (i % 50 == 0)
            QCoreApplication::processEvents();
    }
    // Events may be evicted before they are printed (said on stderr), so the
    // count of closed events is not the test; the server catching up is.
    QTcpSocket last;
    last.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(last.waitForConnected(10000));
    last.write("the last one");
    const qsizetype in = p.waitForEvent(
        [](const QJsonObject &o) {
            return isEvent(o, "in") && jsonString(o, "text") == QLatin1String("the last one");
        },
        0, 60000);
    QVERIFY2(in >= 0, p.transcript().constData());
    QVERIFY(p.countEvents("closed") > 0);
    last.abort();
    QVERIFY(p.waitForEvent("closed", in, 10000) > in);
    QTRY_COMPARE(fds.entryList(QDir::Files | QDir::System).size(), fdsBefore);
    p.process().terminate();
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
}

void tst_Faults::binaryGreetingGoesOutExactly()
{
    // Arguments arrive as text, so bytes that are not UTF-8 go in hex, and
    // leave exactly (not as U+FFFD, ef bf bd).
    E2e::Process p;
    QVERIFY2(p.start(args({"tcp-server", "127.0.0.1:0", "--json", "--greeting-hex", "ff fe 00"})),
             qPrintable(p.process().errorString()));
    const quint16 port = listeningPort(p);
    QVERIFY2(port != 0, p.transcript().constData());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QByteArray got;
    E2e::readAtLeast(&client, &got, 3);
    QCOMPARE(got, QByteArray("\xff\xfe\x00", 3));
}

void tst_Faults::oversizedDatagramIsSaidOnStderr()
{
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    E2e::Process p;
    QVERIFY2(p.start({QStringLiteral("udp"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--peer"), NetTest::loopback(peer.localPort())}),
             qPrintable(p.process().errorString()));
    p.write(QByteArray(70000, 'u') + "\nsmall\n");
    QTRY_VERIFY(peer.hasPendingDatagrams());
    QCOMPARE(peer.receiveDatagram().data(), QByteArray("small"));
    QVERIFY2(QTest::qWaitFor([&] { return p.stderrBytes().contains('\n') || !p.isRunning(); }),
             p.transcript().constData());
    QCOMPARE(p.stderrBytes(), QByteArray("socketscope: A line of 70000 bytes was not sent: a UDP "
                                         "datagram carries at most 65507.\n"));
    QVERIFY(p.isRunning());
}

void tst_Faults::endWordWithNewlineKeepsLinesWhole()
{
    // Every line of the readable output is one event, whatever the texts in it.
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    E2e::Process p;
    p.setParseJson(false);
    QVERIFY2(
        p.start({QStringLiteral("udp"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--peer"),
                 NetTest::loopback(peer.localPort()), QStringLiteral("--protocol"),
                 QStringLiteral("chat"), QStringLiteral("--end-word"), QStringLiteral("bye\nnow")}),
        qPrintable(p.process().errorString()));
    p.write("hi\n");
    QTRY_VERIFY(peer.hasPendingDatagrams());
    const QNetworkDatagram hello = peer.receiveDatagram();
    QCOMPARE(hello.data(), QByteArray("hi"));
    peer.writeDatagram("bye\nnow", QHostAddress::LocalHost, quint16(hello.senderPort()));
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    const QList<QByteArray> lines = p.stdoutBytes().trimmed().split('\n');
    QVERIFY(lines.size() >= 4);
    const QRegularExpression event(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d\\.\\d{6} #\\d+ s\\d+ "));
    for (const QByteArray &line : lines)
        QVERIFY2(event.match(QString::fromUtf8(line)).hasMatch(), p.transcript().constData());
    QVERIFY2(p.stdoutBytes().contains("(end word \"bye\\nnow\")"), p.transcript().constData());
}

QTEST_GUILESS_MAIN(tst_Faults)

#include "tst_faults.moc"
