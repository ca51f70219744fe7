#include "capturefiles.h"
#include "e2esupport.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUdpSocket>

// `socketscope read` on real captures: tcpdump on the loopback interface while
// curl downloads a file from python's http.server, and files that are not
// captures or are damaged.
class tst_CaptureRead : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void httpDownloadCapturedByTcpdump();
    void badFiles_data();
    void badFiles();
    void truncatedFile();
    void onlyIcmp();
    void followOneConnection();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

namespace {

const QByteArray Marker("end of the SocketScope capture test");
constexpr quint16 MarkerPort = 9; // discard: nobody needs to listen

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray bytes(size, '\0');
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

} // namespace

void tst_CaptureRead::initTestCase()
{
    QVERIFY(!E2e::binary().isEmpty());
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
}

void tst_CaptureRead::httpDownloadCapturedByTcpdump()
{
    const QString tcpdump = QStandardPaths::findExecutable(
        QStringLiteral("tcpdump"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (tcpdump.isEmpty() || curl.isEmpty() || python.isEmpty())
        QSKIP("tcpdump, curl or python3 is not installed");

    // A few hundred KB of binary: any byte lost, doubled or reordered shows.
    const QDir served(path(QStringLiteral("www")));
    QVERIFY(served.mkpath(QStringLiteral(".")));
    const QByteArray body = randomBytes(300 * 1024 + 17, 42);
    {
        QFile f(served.filePath(QStringLiteral("body.bin")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(body), body.size());
    }

    E2e::Process server;
    server.setParseJson(false);
    QVERIFY(
        server.start({QStringLiteral("-u"), QStringLiteral("-m"), QStringLiteral("http.server"),
                      QStringLiteral("0"), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                      QStringLiteral("--directory"), served.path()},
                     python));
    QVERIFY2(server.waitForStdout("Serving HTTP on"), server.transcript().constData());
    const QRegularExpressionMatch port = QRegularExpression(QStringLiteral("port (\\d+)"))
                                             .match(QString::fromUtf8(server.stdoutBytes()));
    QVERIFY2(port.hasMatch(), server.transcript().constData());

    // -U: each packet is written at once; -Z root: tcpdump would otherwise
    // give up root and could not write into the test's private directory.
    const QString capture = path(QStringLiteral("http.pcap"));
    E2e::Process dump;
    dump.setParseJson(false);
    QVERIFY(dump.start(
        {QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-U"), QStringLiteral("-Z"),
         QStringLiteral("root"), QStringLiteral("-w"), capture,
         QStringLiteral("tcp port %1 or udp port %2").arg(port.captured(1)).arg(MarkerPort)},
        tcpdump));
    const bool listening = QTest::qWaitFor(
        [&] { return dump.stderrBytes().contains("listening on") || !dump.isRunning(); }, 10000);
    if (!listening || !dump.isRunning())
        QSKIP(qPrintable(
            QStringLiteral("capturing on the loopback interface is not permitted here: ") +
            QString::fromLocal8Bit(dump.stderrBytes().trimmed())));

    const QString downloaded = path(QStringLiteral("downloaded.bin"));
    E2e::Process client;
    client.setParseJson(false);
    QVERIFY(client.start(
        {QStringLiteral("-s"), QStringLiteral("-o"), downloaded,
         QStringLiteral("http://127.0.0.1:") + port.captured(1) + QStringLiteral("/body.bin")},
        curl));
    QVERIFY(client.waitFinished(30000));
    QCOMPARE(client.exitCode(), 0);
    // tcpdump drops what it has not read yet when it is stopped: a datagram
    // sent after the download shows, once it is in the file, that every
    // packet before it is there too.
    QUdpSocket marker;
    QCOMPARE(marker.writeDatagram(Marker, QHostAddress::LocalHost, MarkerPort), Marker.size());
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     QFile f(capture);
                     return f.open(QIODevice::ReadOnly) && f.readAll().contains(Marker);
                 },
                 10000),
             dump.transcript().constData());
    dump.process().terminate(); // SIGTERM: tcpdump finishes the file
    QVERIFY(dump.waitFinished(10000));
    server.kill();

    // The JSON events give back the whole conversation; the server is local.
    E2e::Process json;
    QVERIFY(json.start({QStringLiteral("read"), capture, QStringLiteral("--json")}));
    QVERIFY(json.waitFinished(30000));
    QVERIFY2(json.exitCode() == 0, json.transcript().constData());
    QVERIFY(json.badLines().isEmpty());
    QByteArray request;
    QByteArray response;
    QStringList kinds;
    for (const QJsonObject &ev : json.events()) {
        if (ev.value(QLatin1String("connection")).toInt() != 1)
            continue; // the marker datagram
        kinds << E2e::jsonString(ev, "event");
        QCOMPARE(E2e::jsonString(ev, "local"), QStringLiteral("127.0.0.1:") + port.captured(1));
        QCOMPARE(E2e::jsonString(ev, "session_name"), QStringLiteral("capture http.pcap"));
        const QByteArray bytes = QByteArray::fromHex(E2e::jsonString(ev, "hex").toLatin1());
        if (E2e::isEvent(ev, "in"))
            request += bytes;
        else if (E2e::isEvent(ev, "out"))
            response += bytes;
    }
    QCOMPARE(kinds.first(), QStringLiteral("opened"));
    QCOMPARE(kinds.last(), QStringLiteral("closed"));
    QVERIFY(!kinds.contains(QStringLiteral("error")));
    QVERIFY2(request.startsWith("GET /body.bin HTTP/1.1\r\n"), request.constData());
    const qsizetype headerEnd = response.indexOf("\r\n\r\n");
    QVERIFY(headerEnd > 0);
    QVERIFY(response.startsWith("HTTP/1.0 200 OK\r\n"));
    QCOMPARE(response.mid(headerEnd + 4).size(), body.size());
    QVERIFY(response.mid(headerEnd + 4) == body);

    // --raw: only what the server received, i.e. the request, byte-exact.
    E2e::Process raw;
    raw.setParseJson(false);
    QVERIFY(raw.start({QStringLiteral("read"), capture, QStringLiteral("--raw")}));
    QVERIFY(raw.waitFinished(30000));
    QCOMPARE(raw.exitCode(), 0);
    QCOMPARE(raw.stdoutBytes(), request + Marker);

    // The readable lines: one per event.
    E2e::Process lines;
    lines.setParseJson(false);
    QVERIFY(lines.start({QStringLiteral("read"), capture}));
    QVERIFY(lines.waitFinished(30000));
    QCOMPARE(lines.exitCode(), 0);
    QCOMPARE(lines.stdoutBytes().count('\n'), json.events().size());
    QVERIFY(lines.stdoutBytes().contains(" in from 127.0.0.1:"));
}

void tst_CaptureRead::badFiles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content"); // written first unless "-"
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("nonexistent") << QStringLiteral("missing.pcap") << QByteArray("-")
                                 << QByteArray("missing.pcap: no such file");
    QTest::newRow("directory") << QStringLiteral("dir") << QByteArray("-")
                               << QByteArray("dir: it is a directory, not a capture file");
    QTest::newRow("empty") << QStringLiteral("empty.pcap") << QByteArray()
                           << QByteArray("empty.pcap: the file is empty, not a capture");
    QTest::newRow("random bytes") << QStringLiteral("random.pcap") << randomBytes(5000, 7)
                                  << QByteArray("random.pcap: not a capture file");
    QTest::newRow("text") << QStringLiteral("notes.txt") << QByteArray("hello\nworld\n")
                          << QByteArray("notes.txt: not a capture file");
}

void tst_CaptureRead::badFiles()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, message);
    QDir(m_dir.path()).mkpath(QStringLiteral("dir"));
    if (content != "-") {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    E2e::Process p;
    p.setParseJson(false);
    QVERIFY(p.start({QStringLiteral("read"), path(name)}));
    QVERIFY(p.waitFinished(10000));
    QVERIFY2(p.exitStatus() == QProcess::NormalExit, p.transcript().constData());
    QCOMPARE(p.exitCode(), 3);
    QVERIFY(p.stdoutBytes().isEmpty());
    QVERIFY2(p.stderrBytes().startsWith("socketscope: cannot read "), p.stderrBytes().constData());
    QVERIFY2(p.stderrBytes().contains(message), p.stderrBytes().constData());
    QCOMPARE(p.stderrBytes().count('\n'), 1);
}

void tst_CaptureRead::truncatedFile()
{
    using namespace CaptureFiles;
    const QString file = path(QStringLiteral("cut.pcap"));
    {
        PcapWriter w(file, Ethernet);
        Conversation c(&w, Ethernet, Host{"127.0.0.1", 41000}, Host{"127.0.0.1", 9999},
                       1700000000000000);
        c.handshake();
        c.send(true, "hello\n");
        c.send(false, QByteArray(1000, 'x'));
    }
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.resize(f.size() - 500));
    f.close();

    E2e::Process p;
    QVERIFY(p.start({QStringLiteral("read"), file, QStringLiteral("--json")}));
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 1);
    // What came before the damage is printed, then where it stopped.
    QVERIFY2(p.events().size() >= 2, p.transcript().constData());
    QVERIFY(E2e::isEvent(p.events().at(0), "opened"));
    QVERIFY(E2e::isEvent(p.events().at(1), "in"));
    QCOMPARE(E2e::jsonString(p.events().at(1), "text"), QStringLiteral("hello\n"));
    QVERIFY(E2e::isEvent(p.events().last(), "error"));
    QVERIFY2(p.stderrBytes().contains("cut.pcap: the file is damaged or cut short; stopped at "
                                      "packet 5 (byte "),
             p.stderrBytes().constData());
}

void tst_CaptureRead::onlyIcmp()
{
    using namespace CaptureFiles;
    const QString file = path(QStringLiteral("ping.pcap"));
    {
        PcapWriter w(file, Raw);
        Tins::IP ip("127.0.0.1", "127.0.0.1");
        ip.protocol(1);
        ip /= Tins::RawPDU(Bytes{8, 0, 0xf7, 0xff, 0, 0, 0, 0});
        w.write(1700000000000000, ip.serialize());
        w.write(1700000000000100, ip.serialize());
    }
    E2e::Process p;
    p.setParseJson(false);
    QVERIFY(p.start({QStringLiteral("read"), file}));
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(p.stdoutBytes().endsWith(
                 " #1 s1 note 2 packet(s) that are neither TCP nor UDP were skipped\n"),
             p.stdoutBytes().constData());
}

// --follow picks one of two interleaved TCP conversations and prints its
// transcript, both directions in order; a connection the file does not have
// is a usage error.
void tst_CaptureRead::followOneConnection()
{
    using namespace CaptureFiles;
    const QString file = path(QStringLiteral("two.pcap"));
    {
        PcapWriter w(file, Ethernet);
        Conversation ann(&w, Ethernet, Host{"127.0.0.1", 41000}, Host{"127.0.0.1", 9999},
                         1700000000000000);
        Conversation bob(&w, Ethernet, Host{"127.0.0.1", 42000}, Host{"127.0.0.1", 9999},
                         1700000000000500);
        ann.handshake();
        bob.handshake();
        ann.send(false, "Welcome!");
        bob.send(false, "Welcome!");
        ann.send(true, "ann-1\n");
        bob.send(true, "bob-1\r\n");
        ann.send(false, "Hello, ann-1!");
        bob.send(false, "Hello, bob-1!");
        bob.send(true, QByteArray("\x00\x01", 2));
    }
    E2e::Process lines;
    lines.setParseJson(false);
    QVERIFY(lines.start({QStringLiteral("read"), file}));
    QVERIFY(lines.waitFinished(10000));
    QCOMPARE(lines.exitCode(), 0);
    // The c column of bob's line names his connection.
    const QRegularExpression bobLine(QStringLiteral(" (c\\d+) \\S+ 127\\.0\\.0\\.1:42000 "));
    const QRegularExpressionMatch match = bobLine.match(QString::fromUtf8(lines.stdoutBytes()));
    QVERIFY2(match.hasMatch(), lines.stdoutBytes().constData());
    const QString bob = match.captured(1);

    E2e::Process follow;
    follow.setParseJson(false);
    QVERIFY(follow.start({QStringLiteral("read"), file, QStringLiteral("--follow"), bob}));
    QVERIFY(follow.waitFinished(10000));
    QCOMPARE(follow.exitCode(), 0);
    // The server's side is what the capture's local end sent.
    const QByteArray out = follow.stdoutBytes();
    const bool serverSent = out.startsWith("> ");
    const QByteArray s = serverSent ? "> " : "< ";
    const QByteArray c = serverSent ? "< " : "> ";
    QCOMPARE(out, s + "Welcome!\n" + c + "bob-1\n" + s + "Hello, bob-1!\n" + c + "\u00b7\u00b7\n");

    E2e::Process hex;
    hex.setParseJson(false);
    QVERIFY(hex.start({QStringLiteral("read"), file, QStringLiteral("--follow"), bob.mid(1),
                       QStringLiteral("--as"), QStringLiteral("hex")}));
    QVERIFY(hex.waitFinished(10000));
    QCOMPARE(hex.exitCode(), 0);
    // Offsets count each direction's bytes: bob's second message starts at 7.
    QVERIFY2(hex.stdoutBytes().contains(QByteArray(c + "00000007  00 01 ")),
             hex.stdoutBytes().constData());

    E2e::Process none;
    none.setParseJson(false);
    QVERIFY(none.start(
        {QStringLiteral("read"), file, QStringLiteral("--follow"), QStringLiteral("99")}));
    QVERIFY(none.waitFinished(10000));
    QCOMPARE(none.exitCode(), 2);
    QVERIFY2(none.stderrBytes().contains("has no connection c99"), none.stderrBytes().constData());
}

QTEST_GUILESS_MAIN(tst_CaptureRead)
#include "tst_captureread.moc"
