#include "capturefiles.h"
#include "e2esupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

// `socketscope read FILE --stats [--json]` and `--rate` on a capture of two
// interleaved TCP conversations with known messages.
class tst_StatsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statsOfACapture();
    void statsWithFollowIsAUsageError();

private:
    QString m_file;
    QTemporaryDir m_dir;
};

namespace {

// Server: "Welcome!" (8) twice and "Hello, ann-1!" / "Hello, bob-1!" (13):
// 4 messages, 42 bytes. Clients: "ann-1\n" (6), "bob-1\r\n" (7), 2 bytes:
// 3 messages, 15 bytes.
constexpr int ServerMessages = 4;
constexpr int ServerBytes = 42;
constexpr int ClientMessages = 3;
constexpr int ClientBytes = 15;

QByteArray run(const QStringList &args, int *exitCode)
{
    E2e::Process p;
    p.setParseJson(false);
    if (!p.start(args) || !p.waitFinished(10000)) {
        *exitCode = -1;
        return {};
    }
    *exitCode = p.exitCode();
    return p.stdoutBytes() + p.stderrBytes();
}

} // namespace

void tst_StatsCli::initTestCase()
{
    QVERIFY(!E2e::binary().isEmpty());
    QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
    using namespace CaptureFiles;
    m_file = m_dir.filePath(QStringLiteral("two.pcap"));
    PcapWriter w(m_file, Ethernet);
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

void tst_StatsCli::statsOfACapture()
{
    int code = 0;
    const QByteArray json =
        run({QStringLiteral("read"), m_file, QStringLiteral("--stats"), QStringLiteral("--json")},
            &code);
    QCOMPARE(code, 0);
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QVERIFY2(!root.isEmpty(), json.constData());
    // Which end the file calls local is the reader's choice: either way the
    // two directions are the server's and the clients' messages.
    const int in = root.value(QStringLiteral("messages_in")).toInt();
    const bool serverIsOut = in == ClientMessages;
    QCOMPARE(in, serverIsOut ? ClientMessages : ServerMessages);
    QCOMPARE(root.value(QStringLiteral("messages_out")).toInt(),
             serverIsOut ? ServerMessages : ClientMessages);
    QCOMPARE(root.value(QStringLiteral("bytes_in")).toInt(),
             serverIsOut ? ClientBytes : ServerBytes);
    QCOMPARE(root.value(QStringLiteral("bytes_out")).toInt(),
             serverIsOut ? ServerBytes : ClientBytes);
    const QJsonArray connections = root.value(QStringLiteral("connections")).toArray();
    QCOMPARE(connections.size(), 2);
    // bob's is the busier: 8 + 7 + 13 + 2 bytes.
    const QJsonObject bob = connections.at(0).toObject();
    QCOMPARE(bob.value(QStringLiteral("bytes_in")).toInt() +
                 bob.value(QStringLiteral("bytes_out")).toInt(),
             30);
    const QJsonArray peers = root.value(QStringLiteral("peers")).toArray();
    QCOMPARE(peers.size(), 1);
    QCOMPARE(peers.at(0).toObject().value(QStringLiteral("peer")).toString(),
             QStringLiteral("127.0.0.1"));
    QCOMPARE(peers.at(0).toObject().value(QStringLiteral("connections")).toInt(), 2);
    // Sizes: 2 (the 2-3 class), 6 and 7 (4-7), 8 and 8 (8-15), 13 and 13 (8-15).
    QJsonArray sizes = root.value(QStringLiteral("sizes")).toArray();
    QCOMPARE(sizes.size(), 3);
    QCOMPARE(sizes.at(2).toObject().value(QStringLiteral("min_bytes")).toInt(), 8);
    QCOMPARE(sizes.at(2).toObject().value(QStringLiteral("max_bytes")).toInt(), 15);
    QCOMPARE(
        sizes.at(2)
            .toObject()
            .value(serverIsOut ? QStringLiteral("messages_out") : QStringLiteral("messages_in"))
            .toInt(),
        4);

    const QByteArray text = run({QStringLiteral("read"), m_file, QStringLiteral("--stats")}, &code);
    QCOMPARE(code, 0);
    const QByteArray serverLine = QByteArray::number(ServerMessages) + " messages, " +
                                  QByteArray::number(ServerBytes) + " bytes";
    QVERIFY2(text.contains("All sessions: "), text.constData());
    QVERIFY2(text.contains(serverLine), text.constData());
    QVERIFY2(text.contains("  127.0.0.1: 2 connections; "), text.constData());
    QVERIFY2(text.contains("  8–15 B"), text.constData());
    QVERIFY2(!text.contains("Welcome"), text.constData()); // no events printed

    const QByteArray csv = run({QStringLiteral("read"), m_file, QStringLiteral("--rate")}, &code);
    QCOMPARE(code, 0);
    const QByteArray inOut = serverIsOut ? "3,4,15,42" : "4,3,42,15";
    QCOMPARE(csv, "start,seconds,session,messages_in,messages_out,bytes_in,bytes_out\n"
                  "2023-11-14T22:13:20.000000Z,1,all," +
                      inOut + "\n2023-11-14T22:13:20.000000Z,1,1," + inOut + '\n');
}

void tst_StatsCli::statsWithFollowIsAUsageError()
{
    int code = 0;
    const QByteArray out = run({QStringLiteral("read"), m_file, QStringLiteral("--stats"),
                                QStringLiteral("--follow"), QStringLiteral("1")},
                               &code);
    QCOMPARE(code, 2);
    QVERIFY2(out.contains("--stats and --rate go with --json only"), out.constData());
}

QTEST_GUILESS_MAIN(tst_StatsCli)
#include "tst_stats_cli.moc"
