// End to end: the binary's sending options (--send, --hex, --interval,
// --count, --checksum, --send-file), with the exact bytes checked at Qt
// receivers on loopback.

#include "e2esupport.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <unistd.h>

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString peerOf(quint16 port)
{
    return u"127.0.0.1:" + QString::number(port);
}

QList<QByteArray> drain(QUdpSocket *socket)
{
    QList<QByteArray> out;
    while (socket->hasPendingDatagrams())
        out.append(socket->receiveDatagram().data());
    return out;
}

// What the binary sent, per the checksum catalogue: CRC-16/MODBUS, low byte first.
QByteArray modbus(const QByteArray &message)
{
    quint16 crc = 0xffff;
    for (const char c : message) {
        crc ^= quint8(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1) ? (crc >> 1) ^ 0xa001 : crc >> 1;
    }
    return QByteArray(message + char(crc & 0xff) + char(crc >> 8));
}

} // namespace

class tst_CliSend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void udpRepeatCountsWithCounter();
    void tcpClientSendsInOrderWithChecksumThenHalfCloses();
    void udpHexWithChecksum();
    void tcpServerSendsToEachClientAsItConnects();
    void tcpFileFiftyMegabytesMemoryBounded();
    void udpFileInDatagrams();
    void usageErrors_data();
    void usageErrors();
};

void tst_CliSend::initTestCase()
{
    QVERIFY2(QFile::exists(E2e::binary()), qPrintable(E2e::binary()));
}

void tst_CliSend::udpRepeatCountsWithCounter()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    QList<QByteArray> got;
    connect(&receiver, &QUdpSocket::readyRead, this, [&] { got += drain(&receiver); });
    E2e::Process p;
    QVERIFY(p.start({s("udp"), s("127.0.0.1:0"), s("--peer"), peerOf(receiver.localPort()),
                     s("--send"), s("n={{counter}}\\n"), s("--interval"), s("2"), s("--count"),
                     s("50"), s("--json")}));
    QVERIFY2(QTest::qWaitFor([&] { return got.size() >= 50; }, 20000), p.transcript().constData());
    for (int k = 0; k < 50; ++k)
        QCOMPARE(got.at(k), QByteArray("n=" + QByteArray::number(k + 1) + "\n"));
    // The series ends at 50: nothing more comes.
    QTest::qWait(100);
    QCOMPARE(got.size(), 50);
    QVERIFY(p.waitForEvent([](const QJsonObject &o) { return E2e::isEvent(o, "out"); }) >= 0);
}

void tst_CliSend::tcpClientSendsInOrderWithChecksumThenHalfCloses()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    E2e::Process p;
    QVERIFY(p.start({s("tcp-client"), peerOf(server.serverPort()), s("--send"), s("a\\r\\n"),
                     s("--send=b"), s("--checksum"), s("crc16-modbus"), s("--json")}));
    p.closeStdin(); // the sends go first, then the half-close
    QVERIFY(server.waitForNewConnection(10000));
    QTcpSocket *peer = server.nextPendingConnection();
    QByteArray got;
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     got += peer->readAll();
                     return peer->state() != QAbstractSocket::ConnectedState;
                 },
                 10000),
             p.transcript().constData());
    got += peer->readAll();
    QCOMPARE(got.toHex(' '), QByteArray(modbus("a\r\n") + modbus("b")).toHex(' '));
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
}

void tst_CliSend::udpHexWithChecksum()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    E2e::Process p;
    QVERIFY(p.start({s("udp"), s("127.0.0.1:0"), s("--peer"), peerOf(receiver.localPort()),
                     s("--hex"), s("--send"), s("01 03 00 00 00 0a"), s("--checksum"),
                     s("CRC16-MODBUS"), s("--json")}));
    QVERIFY(QTest::qWaitFor([&] { return receiver.hasPendingDatagrams(); }, 10000));
    QCOMPARE(receiver.receiveDatagram().data().toHex(' '), QByteArray("01 03 00 00 00 0a c5 cd"));
}

void tst_CliSend::tcpServerSendsToEachClientAsItConnects()
{
    E2e::Process p;
    QVERIFY(p.start({s("tcp-server"), s("127.0.0.1:0"), s("--protocol"), s("none"), s("--send"),
                     s("hi #{{counter}}\\n"), s("--interval"), s("5"), s("--count"), s("3"),
                     s("--json")}));
    const qsizetype i = p.waitForEvent("listening");
    QVERIFY2(i == 0, p.transcript().constData());
    const quint16 port = E2e::jsonString(p.events().at(0), "local").section(u':', -1).toUShort();
    for (int client = 0; client < 2; ++client) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(10000));
        QByteArray got;
        QVERIFY2(E2e::readAtLeast(&socket, &got, 15), p.transcript().constData());
        QCOMPARE(got, QByteArray("hi #1\nhi #2\nhi #3\n"));
    }
}

void tst_CliSend::tcpFileFiftyMegabytesMemoryBounded()
{
    constexpr qint64 Size = 50 * 1024 * 1024;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(s("big.bin"));
    QCryptographicHash sentHash(QCryptographicHash::Sha256);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QRandomGenerator random(50);
        QByteArray block(1024 * 1024, Qt::Uninitialized);
        for (qint64 n = 0; n < Size; n += block.size()) {
            random.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            sentHash.addData(block);
            QCOMPARE(file.write(block), qint64(block.size()));
        }
    }

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    E2e::Process p;
    // Every chunk is printed as an event: thrown away here, it is not the point.
    p.process().setStandardOutputFile(QProcess::nullDevice());
    QVERIFY(p.start({s("tcp-client"), peerOf(server.serverPort()), s("--send-file"), path,
                     s("--memory-cap"), s("8")}));
    p.closeStdin();
    QVERIFY(server.waitForNewConnection(10000));
    QTcpSocket *peer = server.nextPendingConnection();
    // Hold back first so the sender meets back-pressure, then read it all.
    const qint64 pid = p.process().processId();
    const qint64 baseline = E2e::residentBytes(pid);
    QVERIFY(baseline > 0);
    qint64 peak = baseline;
    qint64 received = 0;
    QCryptographicHash receivedHash(QCryptographicHash::Sha256);
    const bool done = QTest::qWaitFor(
        [&] {
            const QByteArray bytes = peer->readAll();
            received += bytes.size();
            receivedHash.addData(bytes);
            peak = qMax(peak, E2e::residentBytes(pid));
            return peer->state() != QAbstractSocket::ConnectedState && peer->bytesAvailable() == 0;
        },
        90000);
    QVERIFY2(done, qPrintable(QString::number(received)));
    QCOMPARE(received, Size);
    QCOMPARE(receivedHash.result().toHex(), sentHash.result().toHex());
    qInfo("resident memory: %lld KiB at the start, %lld KiB at the peak", baseline / 1024,
          peak / 1024);
    // The file is never in memory at once, and the recorded chunks stay under
    // the 8 MiB cap: far less growth than the 50 MB that went through.
    if (E2e::kMemoryIsMeasurable) {
        QVERIFY2(peak - baseline < 32 * 1024 * 1024,
                 qPrintable(QStringLiteral("baseline %1, peak %2").arg(baseline).arg(peak)));
    } else {
        qInfo("memory bound not checked under a sanitizer");
    }
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
}

void tst_CliSend::udpFileInDatagrams()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(s("small.bin"));
    QByteArray content;
    for (int i = 0; i < 2300; ++i)
        content.append(char(i % 251));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    QList<QByteArray> got;
    connect(&receiver, &QUdpSocket::readyRead, this, [&] { got += drain(&receiver); });
    E2e::Process p;
    QVERIFY(p.start({s("udp"), s("127.0.0.1:0"), s("--peer"), peerOf(receiver.localPort()),
                     s("--send-file"), path, s("--chunk"), s("500"), s("--interval"), s("2"),
                     s("--json")}));
    QVERIFY2(QTest::qWaitFor([&] { return got.size() >= 5; }, 10000), p.transcript().constData());
    QCOMPARE(got.size(), 5);
    for (int k = 0; k < 4; ++k)
        QCOMPARE(got.at(k).size(), 500);
    QCOMPARE(got.at(4).size(), 300);
    QCOMPARE(got.join(), content);
}

void tst_CliSend::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mention");
    const QString client = s("tcp-client");
    const QString target = s("127.0.0.1:9");
    QTest::newRow("interval 0") << QStringList{client, target,          s("--send"),
                                               s("x"), s("--interval"), s("0")}
                                << s("--interval needs milliseconds from 1");
    QTest::newRow("count without interval")
        << QStringList{client, target, s("--send"), s("x"), s("--count"), s("5")}
        << s("--count needs --interval");
    QTest::newRow("count not a number")
        << QStringList{client,          target, s("--send"),  s("x"),
                       s("--interval"), s("5"), s("--count"), s("-1")}
        << s("--count needs a number");
    QTest::newRow("unknown checksum")
        << QStringList{client, target, s("--send"), s("x"), s("--checksum"), s("md5")}
        << s("Unknown checksum \"md5\"");
    QTest::newRow("hex without send")
        << QStringList{client, target, s("--hex")} << s("--hex applies to --send texts");
    QTest::newRow("bad hex") << QStringList{client, target, s("--hex"), s("--send"), s("4g")}
                             << s("Invalid hex digit 'g' at position 1");
    QTest::newRow("bad macro") << QStringList{client, target, s("--send"), s("{{nope}}")}
                               << s("Unknown macro \"{{nope}}\"");
    QTest::newRow("missing file") << QStringList{client, target, s("--send-file"),
                                                 s("/nonexistent/file")}
                                  << s("\"/nonexistent/file\" is not a readable file");
    QTest::newRow("send and send-file")
        << QStringList{client, target,           s("--send"),
                       s("x"), s("--send-file"), QCoreApplication::applicationFilePath()}
        << s("Choose one of --send and --send-file");
    QTest::newRow("udp without peer")
        << QStringList{s("udp"), s("127.0.0.1:0"), s("--send"), s("x")} << s("needs --peer");
    QTest::newRow("udp chunk too big")
        << QStringList{s("udp"),     s("127.0.0.1:0"), s("--peer"),
                       target,       s("--send-file"), QCoreApplication::applicationFilePath(),
                       s("--chunk"), s("65520")}
        << s("at most 65507 bytes");
    QTest::newRow("tcp chunk above 64 KiB")
        << QStringList{client,           target,
                       s("--send-file"), QCoreApplication::applicationFilePath(),
                       s("--chunk"),     s("70000")}
        << s("--chunk needs a size in bytes from 1 to 65536");
    QTest::newRow("send without value")
        << QStringList{client, target, s("--send")} << s("--send needs a value");
}

void tst_CliSend::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mention);
    E2e::Process p;
    QVERIFY(p.start(args));
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.stderrBytes());
    QVERIFY2(err.contains(mention), qPrintable(err));
}

QTEST_GUILESS_MAIN(tst_CliSend)
#include "tst_cli_send.moc"
