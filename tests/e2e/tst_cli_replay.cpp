// End to end: `--replay FILE` sends again what one conversation of a capture
// file carried. The captures are made by the binary itself (`--write`) while
// Qt clients talk to it; the replays go to Qt receivers on loopback, which
// check the exact bytes, the datagram boundaries and the recorded spacing.

#include "e2esupport.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

quint16 listeningPort(const E2e::Process &p)
{
    return E2e::jsonString(p.events().at(0), "local").section(u':', -1).toUShort();
}

// The client's three messages, binary on purpose, sent 150 ms apart.
const QList<QByteArray> ClientSaid = {QByteArray("first\r\n"), QByteArray("\x00\xff\xfe", 3),
                                      QByteArray("Ann\n")};
constexpr int SpacingMs = 150;

} // namespace

class tst_CliReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tcpClientSaysAgainWhatTheRecordedClientSaid();
    void keepSpacingWaitsAsRecorded();
    void otherDirectionIsTheServersGreeting();
    void udpDatagramsKeepTheirBoundaries();
    void errors_data();
    void errors();

private:
    QString path(const char *name) const { return m_dir.filePath(s(name)); }
    // Records two TCP conversations with the hello server into `file`: the
    // first client sends ClientSaid, the second "Bob\n".
    bool recordTcp(const QString &file);
    QTemporaryDir m_dir;
    QString m_tcpCapture;
};

void tst_CliReplay::initTestCase()
{
    QVERIFY(!E2e::binary().isEmpty());
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
    m_tcpCapture = path("hello.pcapng");
    QVERIFY(recordTcp(m_tcpCapture));
}

bool tst_CliReplay::recordTcp(const QString &file)
{
    E2e::Process server;
    if (!server.start({s("tcp-server"), s("127.0.0.1:0"), s("--write"), file, s("--json")}) ||
        server.waitForEvent("listening") != 0)
        return false;
    const quint16 port = listeningPort(server);
    for (int client = 0; client < 2; ++client) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(10000))
            return false;
        QByteArray got;
        if (!E2e::readAtLeast(&socket, &got, 8)) // "Welcome!"
            return false;
        const QList<QByteArray> says = client == 0 ? ClientSaid : QList{QByteArray("Bob\n")};
        for (const QByteArray &message : says) {
            socket.write(message);
            socket.waitForBytesWritten(10000);
            // The server must record each message on its own: wait until it did.
            const qsizetype from = server.events().size();
            if (server.waitForEvent("in", from) < 0)
                return false;
            QTest::qWait(SpacingMs);
        }
        socket.disconnectFromHost();
        if (server.waitForEvent("closed", server.events().size() - 1) < 0)
            return false;
    }
    server.process().terminate(); // the capture file is finished on SIGTERM
    return server.waitFinished(10000) && server.exitCode() == 0;
}

void tst_CliReplay::tcpClientSaysAgainWhatTheRecordedClientSaid()
{
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    E2e::Process p;
    QVERIFY(p.start({s("tcp-client"), u"127.0.0.1:" + QString::number(target.serverPort()),
                     s("--replay"), m_tcpCapture, s("--conversation"), s("c1"), s("--json")}));
    QVERIFY(target.waitForNewConnection(10000));
    QTcpSocket *peer = target.nextPendingConnection();
    QByteArray got;
    const QByteArray expected = ClientSaid.join();
    QVERIFY2(E2e::readAtLeast(peer, &got, expected.size()), p.transcript().constData());
    QCOMPARE(got, expected);
    // Every replayed payload is recorded as sent, one event each.
    QTRY_COMPARE(p.indexOf([](const QJsonObject &o) {
        return E2e::isEvent(o, "out") && E2e::jsonString(o, "text") == u"Ann\n";
    }) >= 0,
                 true);
    QVERIFY(p.stderrBytes().contains("replaying what c1"));
    QVERIFY(p.stderrBytes().contains("payloads 3, bytes 14"));
    peer->close();
    QVERIFY(p.waitFinished(10000));
}

void tst_CliReplay::keepSpacingWaitsAsRecorded()
{
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    E2e::Process p;
    p.setParseJson(false);
    QVERIFY(
        p.start({s("tcp-client"), u"127.0.0.1:" + QString::number(target.serverPort()),
                 s("--replay"), m_tcpCapture, s("--conversation"), s("1"), s("--keep-spacing")}));
    QVERIFY(target.waitForNewConnection(10000));
    QTcpSocket *peer = target.nextPendingConnection();
    QByteArray got;
    QVERIFY(E2e::readAtLeast(peer, &got, 1));
    QElapsedTimer sinceFirst;
    sinceFirst.start();
    const QByteArray expected = ClientSaid.join();
    QVERIFY2(E2e::readAtLeast(peer, &got, expected.size()), p.transcript().constData());
    QCOMPARE(got, expected);
    // Recorded at least 2 x 150 ms apart: the last payload cannot come sooner
    // (a margin for the first read's own latency).
    QVERIFY2(sinceFirst.elapsed() >= 2 * SpacingMs - 40,
             qPrintable(QString::number(sinceFirst.elapsed())));
}

void tst_CliReplay::otherDirectionIsTheServersGreeting()
{
    QTcpServer target;
    QVERIFY(target.listen(QHostAddress::LocalHost, 0));
    E2e::Process p;
    p.setParseJson(false);
    QVERIFY(p.start({s("tcp-client"), u"127.0.0.1:" + QString::number(target.serverPort()),
                     s("--replay"), m_tcpCapture, s("--conversation"), s("2"), s("--direction"),
                     s("out")}));
    QVERIFY(target.waitForNewConnection(10000));
    QTcpSocket *peer = target.nextPendingConnection();
    QByteArray got;
    const QByteArray expected("Welcome!Hello, Bob!\n");
    QVERIFY2(E2e::readAtLeast(peer, &got, expected.size()), p.transcript().constData());
    QCOMPARE(got, expected);
}

void tst_CliReplay::udpDatagramsKeepTheirBoundaries()
{
    // Record: a UDP session receives three datagrams (one of 65,507 bytes).
    const QString capture = path("udp.pcapng");
    QList<QByteArray> datagrams = {QByteArray("one"), QByteArray(65507, 'x'),
                                   QByteArray("\x01\x02\x00", 3)};
    datagrams[1][0] = 'y';
    {
        E2e::Process recorder;
        QVERIFY(recorder.start({s("udp"), s("127.0.0.1:0"), s("--protocol"), s("none"),
                                s("--write"), capture, s("--json")}));
        QVERIFY2(recorder.waitForEvent("bound") == 0, recorder.transcript().constData());
        const quint16 port = listeningPort(recorder);
        QUdpSocket sender;
        for (const QByteArray &datagram : std::as_const(datagrams)) {
            const qsizetype from = recorder.events().size();
            QCOMPARE(sender.writeDatagram(datagram, QHostAddress::LocalHost, port),
                     datagram.size());
            QVERIFY2(recorder.waitForEvent("in", from) >= 0, recorder.transcript().constData());
        }
        recorder.process().terminate();
        QVERIFY(recorder.waitFinished(10000));
    }

    // Replay to a second receiver: the same three datagrams, in order.
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    E2e::Process p;
    QVERIFY(p.start({s("udp"), s("127.0.0.1:0"), s("--protocol"), s("none"), s("--peer"),
                     u"127.0.0.1:" + QString::number(receiver.localPort()), s("--replay"), capture,
                     s("--json")}));
    QList<QByteArray> got;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     while (receiver.hasPendingDatagrams())
                         got.append(receiver.receiveDatagram().data());
                     return got.size() >= datagrams.size();
                 },
                 10000),
             p.transcript().constData());
    QCOMPARE(got, datagrams);
    // Recorded as three "out" events of the same sizes.
    const auto sentSizes = [&p] {
        QList<int> sizes;
        for (const QJsonObject &o : p.events()) {
            if (E2e::isEvent(o, "out"))
                sizes.append(o.value(QLatin1String("bytes")).toInt());
        }
        return sizes;
    };
    QTRY_COMPARE(sentSizes().size(), 3);
    QCOMPARE(sentSizes(), (QList<int>{3, 65507, 3}));
    // A UDP session keeps listening for answers until it is stopped.
    p.process().terminate();
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 0);
}

void tst_CliReplay::errors_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("mention");
    const QString file = m_tcpCapture;
    QTest::newRow("two conversations, none chosen")
        << QStringList{s("--replay"), file} << s("2 conversations with payloads (c1, c2)");
    QTest::newRow("no such conversation")
        << QStringList{s("--replay"), file, s("--conversation"), s("c7")}
        << s("no conversation c7");
    QTest::newRow("bad conversation")
        << QStringList{s("--replay"), file, s("--conversation"), s("x")}
        << s("--conversation takes a number");
    QTest::newRow("bad direction") << QStringList{s("--replay"), file, s("--direction"), s("up")}
                                   << s("--direction takes in or out");
    QTest::newRow("not a file") << QStringList{s("--replay"), path("missing.pcap")}
                                << s("cannot read");
    QTest::newRow("with send") << QStringList{s("--replay"), file, s("--send"), s("x")}
                               << s("--send does not go with --replay");
    QTest::newRow("with interval")
        << QStringList{s("--replay"), file, s("--conversation"), s("1"), s("--interval"), s("5")}
        << s("--interval does not go with --replay");
    QTest::newRow("keep-spacing alone")
        << QStringList{s("--keep-spacing")} << s("--keep-spacing applies to --replay FILE");
}

void tst_CliReplay::errors()
{
    QFETCH(QStringList, options);
    QFETCH(QString, mention);
    E2e::Process p;
    QVERIFY(p.start(QStringList{s("tcp-client"), s("127.0.0.1:9")} + options));
    QVERIFY(p.waitFinished(20000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(QString::fromUtf8(p.stderrBytes()).contains(mention), p.transcript().constData());
    QVERIFY(p.events().isEmpty()); // nothing was started
}

QTEST_MAIN(tst_CliReplay)
#include "tst_cli_replay.moc"
