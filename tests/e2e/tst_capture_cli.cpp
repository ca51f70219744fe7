#include "e2esupport.h"
#include "tsharksupport.h"

#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>

using E2e::jsonString;

// `socketscope ... --write FILE` driven by real clients over loopback, the
// file read back with tshark.
class tst_CaptureCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tcpServerConversationIsExact_data();
    void tcpServerConversationIsExact();
    void tcpClientSendsTheSyn();
    void resetIsWrittenAsRst();
    void udpDatagramsOneAndMax();
    void fileSurvivesSigkill();
    void rotationKeepsKFiles();
    void writeErrorKeepsTheSessionAnswering();
    void fileThatCannotBeCreatedStopsAtStart_data();
    void fileThatCannotBeCreatedStopsAtStart();
    void badRotationOptions();

private:
    // Starts socketscope with --json and reads its port from the first event.
    quint16 startServer(E2e::Process &p, const QStringList &args);
    // Connects, talks the hello protocol, returns what it sent and received.
    void helloExchange(const QHostAddress &host, quint16 port, QByteArray *sent,
                       QByteArray *received, quint16 *clientPort);

    QTemporaryDir m_dir;
};

quint16 tst_CaptureCli::startServer(E2e::Process &p, const QStringList &args)
{
    if (!p.start(args))
        return 0;
    const qsizetype i = p.waitForEvent([](const QJsonObject &o) {
        return E2e::isEvent(o, "listening") || E2e::isEvent(o, "bound");
    });
    if (i < 0)
        return 0;
    const QString local = jsonString(p.events().at(i), "local");
    return local.mid(local.lastIndexOf(u':') + 1).toUShort();
}

void tst_CaptureCli::helloExchange(const QHostAddress &host, quint16 port, QByteArray *sent,
                                   QByteArray *received, quint16 *clientPort)
{
    QTcpSocket socket;
    socket.connectToHost(host, port);
    QVERIFY(socket.waitForConnected(10000));
    *clientPort = socket.localPort();
    QVERIFY(E2e::readAtLeast(&socket, received, 8)); // Welcome!
    const QByteArray big = QByteArray(20000, 'b') + '\n';
    for (const QByteArray &message : {QByteArray("Michael\n"), big, QByteArray("exit")}) {
        const qsizetype before = received->size();
        socket.write(message);
        *sent += message;
        if (message != "exit") // a reply per message, at least "Hello, " and "!"
            QVERIFY(E2e::readAtLeast(&socket, received, before + 8));
        // The big message may come in several reads, each answered.
        if (message == big)
            QVERIFY(QTest::qWaitFor(
                [&] {
                    *received += socket.readAll();
                    return received->count('b') == 20000;
                },
                10000));
    }
    QVERIFY(QTest::qWaitFor(
        [&] {
            *received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000));
    *received += socket.readAll();
}

void tst_CaptureCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(E2e::binary()).isExecutable(), "SOCKETSCOPE_BINARY is not set");
}

void tst_CaptureCli::tcpServerConversationIsExact_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("file");
    QTest::newRow("IPv4 pcapng") << "127.0.0.1"
                                 << "v4.pcapng";
    QTest::newRow("IPv6 pcapng") << "::1"
                                 << "v6.pcapng";
    QTest::newRow("IPv4 pcap") << "127.0.0.1"
                               << "v4.pcap";
}

void tst_CaptureCli::tcpServerConversationIsExact()
{
    SKIP_WITHOUT_TSHARK();
    QFETCH(QString, host);
    QFETCH(QString, file);
    const QString path = m_dir.filePath(file);
    const QString listen =
        host.contains(u':') ? QString(u'[' + host + u"]:0") : QString(host + u":0");
    E2e::Process p;
    const quint16 port =
        startServer(p, {QStringLiteral("tcp-server"), listen, QStringLiteral("--json"),
                        QStringLiteral("--write"), path});
    QVERIFY2(port != 0, p.transcript().constData());
    QByteArray sent, received;
    quint16 clientPort = 0;
    helloExchange(QHostAddress(host), port, &sent, &received, &clientPort);
    QVERIFY(received.startsWith("Welcome!Hello, Michael!\n"));
    QVERIFY(p.waitForEvent("closed") >= 0);
    p.process().terminate();
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(p.stderrBytes().isEmpty(), p.stderrBytes().constData());

    const Tshark::Result conv = Tshark::run({QStringLiteral("-r"), path, QStringLiteral("-q"),
                                             QStringLiteral("-z"), QStringLiteral("conv,tcp")});
    QVERIFY2(conv.ok, conv.err.constData());
    // tshark writes IPv6 endpoints without brackets in this table.
    const QString client = host + u':' + QString::number(clientPort);
    const QString server = host + u':' + QString::number(port);
    const QRegularExpression row(QRegularExpression::escape(client) +
                                 QStringLiteral("\\s+<->\\s+") +
                                 QRegularExpression::escape(server) + QStringLiteral("\\s"));
    QVERIFY2(row.match(QString::fromUtf8(conv.out)).hasMatch(), conv.out.constData());

    const Tshark::Follow f = Tshark::follow(path, 0);
    QVERIFY(f.ok);
    QCOMPARE(f.fromNode0.size(), sent.size()); // the client sent the SYN: node 0
    QVERIFY(f.fromNode0 == sent);
    QCOMPARE(f.fromNode1.size(), received.size());
    QVERIFY(f.fromNode1 == received);
    const QList<QByteArray> fins =
        Tshark::fields(path, {QStringLiteral("tcp.srcport")}, QStringLiteral("tcp.flags.fin == 1"));
    // "exit" makes the server close first.
    QCOMPARE(fins, (QList<QByteArray>{QByteArray::number(port), QByteArray::number(clientPort)}));

    if (file.endsWith(u".pcapng")) {
        // The comments are there for Wireshark users, and for reopening: on
        // every event but the data that follows the connection's opened
        // (its packets tell it).
        const QList<QByteArray> comments = Tshark::fields(path, {QStringLiteral("frame.comment")},
                                                          QStringLiteral("frame.comment"));
        qsizetype data = 0;
        for (const QJsonObject &e : p.events()) {
            const QString kind = e.value(u"event").toString();
            data += kind == u"in" || kind == u"out" ? 1 : 0;
        }
        QVERIFY(data >= 2);
        QCOMPARE(comments.size(), p.events().size() - data);
        QVERIFY(comments.first().startsWith("SocketScope event {\"seq\":1,"));
        QVERIFY(comments.first().contains("\"event\":\"listening\""));
    }
}

void tst_CaptureCli::tcpClientSendsTheSyn()
{
    SKIP_WITHOUT_TSHARK();
    const QString path = m_dir.filePath(QStringLiteral("client.pcapng"));
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    E2e::Process p;
    QVERIFY(p.start({QStringLiteral("tcp-client"),
                     QStringLiteral("127.0.0.1:%1").arg(server.serverPort()),
                     QStringLiteral("--json"), QStringLiteral("--write"), path}));
    QVERIFY(server.waitForNewConnection(10000));
    QTcpSocket *peer = server.nextPendingConnection();
    p.write("hello\n");
    QByteArray got;
    QVERIFY(E2e::readAtLeast(peer, &got, 6));
    QCOMPARE(got, QByteArray("hello\n"));
    peer->write("world");
    QVERIFY(p.waitForEvent("in") >= 0);
    peer->close(); // the server closes first: FIN from the peer
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 0);

    const QList<QByteArray> syns =
        Tshark::fields(path, {QStringLiteral("tcp.srcport"), QStringLiteral("tcp.flags.ack")},
                       QStringLiteral("tcp.flags.syn == 1"));
    const QByteArray serverPort = QByteArray::number(server.serverPort());
    QCOMPARE(syns.size(), 2);
    QVERIFY2(!syns.at(0).startsWith(serverPort), syns.at(0).constData()); // SYN from us
    QVERIFY(syns.at(0).endsWith("\t0"));
    QCOMPARE(syns.at(1), serverPort + "\t1"); // SYN/ACK from the server
    const Tshark::Follow f = Tshark::follow(path, 0);
    QCOMPARE(f.fromNode0, QByteArray("hello\n"));
    QCOMPARE(f.fromNode1, QByteArray("world"));
    const QList<QByteArray> fins =
        Tshark::fields(path, {QStringLiteral("tcp.srcport")}, QStringLiteral("tcp.flags.fin == 1"));
    QCOMPARE(fins.size(), 2);
    QCOMPARE(fins.first(), serverPort);
}

void tst_CaptureCli::resetIsWrittenAsRst()
{
    SKIP_WITHOUT_TSHARK();
    const QString path = m_dir.filePath(QStringLiteral("reset.pcapng"));
    E2e::Process p;
    const quint16 port =
        startServer(p, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--json"), QStringLiteral("--write"), path});
    QVERIFY2(port != 0, p.transcript().constData());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(10000));
    QByteArray got;
    QVERIFY(E2e::readAtLeast(&socket, &got, 8));
    // SO_LINGER 0: closing sends RST instead of FIN.
    const linger lin{1, 0};
    QCOMPARE(::setsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_LINGER, &lin, sizeof lin),
             0);
    socket.abort();
    QVERIFY(p.waitForEvent("closed") >= 0);
    p.process().terminate();
    QVERIFY(p.waitFinished(10000));
    const QList<QByteArray> resets =
        Tshark::fields(path, {QStringLiteral("tcp.srcport"), QStringLiteral("tcp.dstport")},
                       QStringLiteral("tcp.flags.reset == 1"));
    QCOMPARE(resets.size(), 1);
    QVERIFY2(resets.first().endsWith(QByteArray('\t' + QByteArray::number(port))),
             resets.first().constData());
}

void tst_CaptureCli::udpDatagramsOneAndMax()
{
    SKIP_WITHOUT_TSHARK();
    const QString path = m_dir.filePath(QStringLiteral("udp.pcapng"));
    E2e::Process p;
    // No reply: a reply to 65,507 bytes would not fit in one IPv4 datagram.
    const quint16 port = startServer(
        p, {QStringLiteral("udp"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--protocol"),
            QStringLiteral("none"), QStringLiteral("--json"), QStringLiteral("--write"), path});
    QVERIFY2(port != 0, p.transcript().constData());
    QUdpSocket socket;
    QVERIFY(socket.bind(QHostAddress::LocalHost, 0));
    const QByteArray max(65507, 'm');
    QCOMPARE(socket.writeDatagram("1", QHostAddress::LocalHost, port), qint64(1));
    QVERIFY(p.waitForEvent("in") >= 0);
    QCOMPARE(socket.writeDatagram(max, QHostAddress::LocalHost, port), qint64(max.size()));
    QVERIFY(p.waitForEvent("in", p.waitForEvent("in") + 1) >= 0);
    p.process().terminate();
    QVERIFY(p.waitFinished(10000));
    const QList<QByteArray> datagrams = Tshark::fields(
        path,
        {QStringLiteral("udp.srcport"), QStringLiteral("udp.length"), QStringLiteral("ip.len")},
        QStringLiteral("udp"));
    const QByteArray from = QByteArray::number(socket.localPort());
    QCOMPARE(datagrams, (QList<QByteArray>{from + "\t9\t29", from + "\t65515\t65535"}));
}

void tst_CaptureCli::fileSurvivesSigkill()
{
    SKIP_WITHOUT_TSHARK();
    const QString path = m_dir.filePath(QStringLiteral("killed.pcapng"));
    E2e::Process p;
    const quint16 port =
        startServer(p, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--json"), QStringLiteral("--write"), path});
    QVERIFY2(port != 0, p.transcript().constData());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(10000));
    QByteArray got;
    socket.write("Michael");
    QVERIFY(E2e::readAtLeast(&socket, &got, 8 + 15));
    // Flushed within a second: the exchange shows up in the file while the
    // process runs; then it dies without a chance to close the file.
    QTRY_VERIFY_WITH_TIMEOUT(Tshark::follow(path, 0).fromNode1 == got, 10000);
    p.process().kill();
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    const Tshark::Result r = Tshark::run({QStringLiteral("-r"), path});
    QVERIFY2(r.ok, r.err.constData());
    QVERIFY2(!r.err.contains("cut short"), r.err.constData());
    const Tshark::Follow f = Tshark::follow(path, 0);
    QCOMPARE(f.fromNode0, QByteArray("Michael"));
    QVERIFY(f.fromNode1 == got);
}

void tst_CaptureCli::rotationKeepsKFiles()
{
    SKIP_WITHOUT_TSHARK();
    QTemporaryDir dir;
    const QString base = dir.filePath(QStringLiteral("ring.pcapng"));
    E2e::Process p;
    const quint16 port = startServer(
        p, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
            QStringLiteral("--protocol"), QStringLiteral("none"), QStringLiteral("--write"), base,
            QStringLiteral("--rotate-mb"), QStringLiteral("1"), QStringLiteral("--rotate-files"),
            QStringLiteral("2"), QStringLiteral("--json")});
    QVERIFY2(port != 0, p.transcript().constData());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(10000));
    const qint64 total = 4 * 1024 * 1024 + 4096; // four files and a bit, of about 1 MiB
    socket.write(QByteArray(total, 'r'));
    qint64 recorded = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            recorded = 0;
            for (const QJsonObject &o : p.events())
                recorded +=
                    E2e::isEvent(o, "in") ? o.value(QStringLiteral("bytes")).toInteger() : 0;
            return recorded >= total;
        },
        30000));
    p.process().terminate();
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 2);
    const QRegularExpression name(QStringLiteral("^ring_(\\d{5})_\\d{14}\\.pcapng$"));
    QList<int> serials;
    for (const QString &f : files) {
        const auto m = name.match(f);
        QVERIFY2(m.hasMatch(), qPrintable(f));
        serials << m.captured(1).toInt();
        QVERIFY(QFileInfo(dir.filePath(f)).size() < 2 * 1024 * 1024);
        QVERIFY2(Tshark::run({QStringLiteral("-r"), dir.filePath(f)}).ok, qPrintable(f));
    }
    // The two newest of at least four files (4 MiB of payload), in a row.
    QCOMPARE(serials.at(1), serials.at(0) + 1);
    QVERIFY2(serials.at(1) >= 4, qPrintable(files.join(u' ')));
}

void tst_CaptureCli::writeErrorKeepsTheSessionAnswering()
{
    // The file opens, but no write succeeds: said once, and the session goes on.
    const QString file = QStringLiteral("/dev/full");
    const int error = ENOSPC;
    if (QFileInfo(file).isFile())
        QSKIP("/dev/full is not the full device here");
    E2e::Process p;
    const quint16 port =
        startServer(p, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                        QStringLiteral("--json"), QStringLiteral("--write"), file});
    QVERIFY2(port != 0, p.transcript().constData());
    const QByteArray message = "socketscope: Cannot write the capture file " + file.toUtf8() +
                               ": " + QByteArray(std::strerror(error)) + ".\n";
    QTRY_VERIFY2(p.stderrBytes().contains(message), p.transcript().constData());
    QVERIFY(p.isRunning());
    // The session goes on as if nothing happened.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(10000));
    QByteArray got;
    socket.write("Michael");
    QVERIFY(E2e::readAtLeast(&socket, &got, 8 + 15));
    QCOMPARE(got, QByteArray("Welcome!Hello, Michael!"));
    p.process().terminate();
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(p.stderrBytes().count(message), 1); // said once
}

void tst_CaptureCli::fileThatCannotBeCreatedStopsAtStart_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("error");
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("a directory") << "DIR" << EISDIR << QStringList();
    QTest::newRow("no such directory") << "DIR/missing/x.pcapng" << ENOENT << QStringList();
    QTest::newRow("no such directory, rotating")
        << "DIR/missing/x.pcapng" << ENOENT
        << QStringList{QStringLiteral("--rotate-mb"), QStringLiteral("1"),
                       QStringLiteral("--rotate-files"), QStringLiteral("2")};
}

void tst_CaptureCli::fileThatCannotBeCreatedStopsAtStart()
{
    QFETCH(QString, file);
    QFETCH(int, error);
    QFETCH(QStringList, extra);
    file.replace(QStringLiteral("DIR"), m_dir.path());
    // Had a socket been opened, --json would print its listening event.
    E2e::Process p;
    QVERIFY(p.start(QStringList{QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                                QStringLiteral("--json"), QStringLiteral("--write"), file} +
                    extra));
    QVERIFY(p.waitFinished(10000));
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 3);
    QCOMPARE(p.stdoutBytes(), QByteArray()); // no event: nothing was listening
    QVERIFY2(p.stderrBytes().startsWith("socketscope: Cannot write the capture file "),
             p.stderrBytes().constData());
    // Named as given (a ring's first file carries its number), with the reason.
    const QByteArray reason = ": " + QByteArray(std::strerror(error)) + ".\n";
    const QByteArray firstLine = p.stderrBytes().left(p.stderrBytes().indexOf('\n') + 1);
    QVERIFY2(firstLine.contains(QFileInfo(file).dir().path().toUtf8()) &&
                 firstLine.endsWith(reason),
             p.stderrBytes().constData());
}

void tst_CaptureCli::badRotationOptions()
{
    const QList<QStringList> cases{
        {QStringLiteral("--rotate-mb"), QStringLiteral("1")},
        {QStringLiteral("--write"), QStringLiteral("x.pcapng"), QStringLiteral("--rotate-files"),
         QStringLiteral("3")},
        {QStringLiteral("--write"), QStringLiteral("x.pcapng"), QStringLiteral("--rotate-mb"),
         QStringLiteral("0")},
        {QStringLiteral("--write")},
    };
    for (const QStringList &extra : cases) {
        E2e::Process p;
        QVERIFY(p.start(QStringList{QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0")} +
                        extra));
        QVERIFY(p.waitFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.stderrBytes().startsWith("socketscope: --"), p.stderrBytes().constData());
    }
}

QTEST_MAIN(tst_CaptureCli)
#include "tst_capture_cli.moc"
