#include "eventexport.h"
#include "eventformat.h"
#include "exportselection.h"
#include "payloadcopy.h"
#include "trafficstore.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

// A store holding the tutorial's hello-server conversation over IPv4, a UDP
// peer over IPv6, and payloads that need quoting or are not text.
struct Recording
{
    TrafficStore store;
    AddressId michael = 0;
    AddressId bob = 0;
    ConnectionId tcp = 0;
    ConnectionId udp = 0;

    Recording()
    {
        store.setSessionName(1, QStringLiteral("TCP hello server"));
        store.setSessionName(2, QStringLiteral("UDP, \"chat\""));
        michael =
            store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50012"));
        bob = store.addAddresses(QStringLiteral("[::1]:8888"), QStringLiteral("[::1]:8889"));
        tcp = store.openConnection(1, michael, false);
        udp = store.openConnection(2, bob, true);
        store.append(1, 0, 0, EventKind::Listening, "127.0.0.1:9999");                  // 1
        store.append(1, tcp, michael, EventKind::Opened);                               // 2
        store.append(1, tcp, michael, EventKind::Sent, "Welcome!");                     // 3
        store.append(1, tcp, michael, EventKind::Received, "Michael\r\n");              // 4
        store.append(1, tcp, michael, EventKind::Sent, "Hello, \"Michael\"!\n");        // 5
        store.append(2, udp, bob, EventKind::Received, QByteArray("\x00\xff\x01'", 4)); // 6
        store.append(2, udp, bob, EventKind::Received, "你好");                         // 7
        store.append(2, udp, bob, EventKind::Error, "Connection refused");              // 8
        store.append(1, tcp, michael, EventKind::Closed, "exit", Closer::Peer);         // 9
    }

    QString time(quint64 seq) const
    {
        TrafficEvent event;
        return store.event(seq, &event) ? EventFormat::isoTime(event.timeUs) : QString();
    }

    // `expected` with @1..@9 replaced by the events' times.
    QByteArray withTimes(QString expected) const
    {
        for (quint64 seq = 9; seq >= 1; --seq)
            expected.replace(QStringLiteral("@%1").arg(seq), time(seq));
        return expected.toUtf8();
    }

    QByteArray exported(const ExportSelection &selection, EventExport::Format format,
                        EventExport::Result *result = nullptr) const
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        const EventExport::Result r = EventExport::write(store, selection, format, &buffer);
        if (result)
            *result = r;
        return buffer.data();
    }
};

// Takes the first write whole and fails every later one, as a disk that
// fills up part way through.
class FillingDevice : public QIODevice
{
public:
    FillingDevice() { open(QIODevice::WriteOnly); }
    QByteArray accepted;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        if (!accepted.isEmpty()) {
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        accepted.append(data, size);
        return size;
    }
};

} // namespace

class tst_EventExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void csvQuotesAndLeavesBinaryTextEmpty();
    void csvReadsBackWithPython();
    void jsonLinesAreTheHeadlessObjects();
    void transcriptReadsLikeAConversation();
    void transcriptWrapsLongPayloadsBetweenEscapes();
    void selectionSubsets();
    void evictedEventsAreCountedNotWritten();
    void largeExportStreamsInBlocks();
    void fullDiskIsReported();
    void failureAfterFirstBlockCountsWrittenEvents();
    void unwritablePathIsReported();
    void cancelStops();
    void copyAsHex();
    void copyAsCArray();
    void copyAsCArrayCompiles();
    void copyAsPythonBytes_data();
    void copyAsPythonBytes();
    void copyAsPythonBytesEvaluates();
};

void tst_EventExport::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_EventExport::csvQuotesAndLeavesBinaryTextEmpty()
{
    Recording r;
    EventExport::Result result;
    const QByteArray csv =
        r.exported(ExportSelection::allKept(r.store), EventExport::Format::Csv, &result);
    const QString expected = QStringLiteral(
        "time,session,direction,local,peer,size,text,hex\r\n"
        "@1,TCP hello server,listening,,,0,127.0.0.1:9999,\r\n"
        "@2,TCP hello server,opened,127.0.0.1:9999,127.0.0.1:50012,0,,\r\n"
        "@3,TCP hello server,out,127.0.0.1:9999,127.0.0.1:50012,8,Welcome!,57656c636f6d6521\r\n"
        "@4,TCP hello "
        "server,in,127.0.0.1:9999,127.0.0.1:50012,9,\"Michael\r\n\",4d69636861656c0d0a\r\n"
        "@5,TCP hello server,out,127.0.0.1:9999,127.0.0.1:50012,18,\"Hello, \"\"Michael\"\"!\n\","
        "48656c6c6f2c20224d69636861656c22210a\r\n"
        "@6,\"UDP, \"\"chat\"\"\",in,[::1]:8888,[::1]:8889,4,,00ff0127\r\n"
        "@7,\"UDP, \"\"chat\"\"\",in,[::1]:8888,[::1]:8889,6,你好,e4bda0e5a5bd\r\n"
        "@8,\"UDP, \"\"chat\"\"\",error,[::1]:8888,[::1]:8889,0,Connection refused,\r\n"
        "@9,TCP hello server,closed,127.0.0.1:9999,127.0.0.1:50012,0,by peer: exit,\r\n");
    QCOMPARE(csv, r.withTimes(expected));
    QVERIFY(result.complete());
    QCOMPARE(result.written, quint64(9));
    QCOMPARE(result.summary(QStringLiteral("/tmp/log.csv")),
             QStringLiteral("Exported 9 events to /tmp/log.csv."));
}

void tst_EventExport::csvReadsBackWithPython()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed");
    Recording r;
    const QByteArray csv = r.exported(ExportSelection::allKept(r.store), EventExport::Format::Csv);
    // Python's csv module is the reader most scripts use: every field, quoted
    // or not, must come back as it was, the hex decoding to the exact bytes.
    QProcess process;
    process.start(python, {QStringLiteral("-c"), QStringLiteral(R"(
import csv, io, json, sys
rows = list(csv.DictReader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')))
print(json.dumps([[r['session'], r['direction'], r['peer'], r['size'], r['text'],
                   bytes.fromhex(r['hex']).hex(' ')] for r in rows]))
)")});
    QVERIFY(process.waitForStarted());
    process.write(csv);
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray expected = QByteArrayLiteral(
        R"([["TCP hello server", "listening", "", "0", "127.0.0.1:9999", ""], )"
        R"(["TCP hello server", "opened", "127.0.0.1:50012", "0", "", ""], )"
        R"(["TCP hello server", "out", "127.0.0.1:50012", "8", "Welcome!", "57 65 6c 63 6f 6d 65 21"], )"
        R"(["TCP hello server", "in", "127.0.0.1:50012", "9", "Michael\r\n", "4d 69 63 68 61 65 6c 0d 0a"], )"
        R"(["TCP hello server", "out", "127.0.0.1:50012", "18", "Hello, \"Michael\"!\n", )"
        R"("48 65 6c 6c 6f 2c 20 22 4d 69 63 68 61 65 6c 22 21 0a"], )"
        R"(["UDP, \"chat\"", "in", "[::1]:8889", "4", "", "00 ff 01 27"], )"
        R"(["UDP, \"chat\"", "in", "[::1]:8889", "6", "\u4f60\u597d", "e4 bd a0 e5 a5 bd"], )"
        R"(["UDP, \"chat\"", "error", "[::1]:8889", "0", "Connection refused", ""], )"
        R"(["TCP hello server", "closed", "127.0.0.1:50012", "0", "by peer: exit", ""]])"
        "\n");
    QCOMPARE(process.readAllStandardOutput(), expected);
}

void tst_EventExport::jsonLinesAreTheHeadlessObjects()
{
    Recording r;
    const QByteArray jsonl =
        r.exported(ExportSelection::range(3, 6), EventExport::Format::JsonLines);
    QByteArray expected;
    for (quint64 seq = 3; seq <= 6; ++seq) {
        TrafficEvent event;
        QVERIFY(r.store.event(seq, &event));
        expected += EventFormat::toJson(event, r.store) + '\n';
    }
    QCOMPARE(jsonl, expected);
    const QList<QByteArray> lines = jsonl.split('\n');
    QCOMPARE(lines.size(), 5); // four objects and the empty rest after the last newline
    const QJsonObject binary = QJsonDocument::fromJson(lines.at(3)).object();
    QCOMPARE(binary.value(QStringLiteral("peer")).toString(), QStringLiteral("[::1]:8889"));
    QCOMPARE(binary.value(QStringLiteral("hex")).toString(), QStringLiteral("00ff0127"));
    QVERIFY(!binary.contains(QStringLiteral("text"))); // not UTF-8
}

void tst_EventExport::transcriptReadsLikeAConversation()
{
    Recording r;
    const QByteArray text =
        r.exported(ExportSelection::allKept(r.store), EventExport::Format::Transcript);
    const QString expected = QStringLiteral(
        "@1  --  TCP hello server: listening: 127.0.0.1:9999\n\n"
        "@2  --  TCP hello server: connection opened 127.0.0.1:50012\n\n"
        "@3  ->  127.0.0.1:50012  TCP hello server, 8 bytes\n"
        "    Welcome!\n\n"
        "@4  <-  127.0.0.1:50012  TCP hello server, 9 bytes\n"
        "    Michael\\r\\n\n\n"
        "@5  ->  127.0.0.1:50012  TCP hello server, 18 bytes\n"
        "    Hello, \"Michael\"!\\n\n\n"
        "@6  <-  [::1]:8889  UDP, \"chat\", 4 bytes\n"
        "    \\0\\xff\\x01'\n\n"
        "@7  <-  [::1]:8889  UDP, \"chat\", 6 bytes\n"
        "    你好\n\n"
        "@8  !!  UDP, \"chat\": error: Connection refused\n\n"
        "@9  --  TCP hello server: connection closed 127.0.0.1:50012, by peer: exit\n\n");
    QCOMPARE(QString::fromUtf8(text), QString::fromUtf8(r.withTimes(expected)));
}

void tst_EventExport::transcriptWrapsLongPayloadsBetweenEscapes()
{
    TrafficStore store;
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2"));
    // 95 letters then a byte shown as \xff: the escape does not fit on the
    // first line and moves whole to the next; lines break after each \n.
    const QByteArray payload = QByteArray(95, 'a') + "\xff" + "bc\nline two\n\nend";
    store.append(1, 1, a, EventKind::Received, payload);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    EventExport::write(store, ExportSelection::range(1, 1), EventExport::Format::Transcript,
                       &buffer);
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.mid(1), QList<QByteArray>({"    " + QByteArray(95, 'a'), "    \\xffbc\\n",
                                              "    line two\\n", "    \\n", "    end", "", ""}));
}

void tst_EventExport::selectionSubsets()
{
    Recording r;
    // Rows picked in any order, with a duplicate: written once each, in order.
    const ExportSelection picked = ExportSelection::seqs({7, 3, 4, 3, 9});
    QCOMPARE(picked.count(), quint64(4));
    QCOMPARE(picked.runs(), (std::vector<ExportSelection::Run>{{3, 4}, {7, 7}, {9, 9}}));
    EventExport::Result result;
    const QByteArray csv = r.exported(picked, EventExport::Format::Csv, &result);
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 1 + 4 + 1 + 1); // header, 4 events (one with a line break), rest
    QVERIFY(lines.at(1).startsWith(QByteArray(r.time(3).toUtf8() + ",TCP hello server,out,")));
    QVERIFY(lines.at(4).startsWith(QByteArray(r.time(7).toUtf8() + ",\"UDP, \"\"chat\"\"\",in,")));
    QVERIFY(lines.at(5).startsWith(QByteArray(r.time(9).toUtf8() + ",TCP hello server,closed,")));
    QCOMPARE(result.written, quint64(4));

    QCOMPARE(ExportSelection::range(5, 4).count(), quint64(0));
    QCOMPARE(r.exported(ExportSelection::range(5, 4), EventExport::Format::Csv),
             QByteArray("time,session,direction,local,peer,size,text,hex\r\n"));
    QCOMPARE(r.exported(ExportSelection::seqs({}), EventExport::Format::JsonLines), QByteArray());
}

void tst_EventExport::evictedEventsAreCountedNotWritten()
{
    TrafficStore store;
    store.setMemoryCap(64 * 1024);
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2"));
    for (int i = 0; i < 200; ++i)
        store.append(1, 1, a, EventKind::Received, QByteArray(1000, char('a' + i % 26)));
    const quint64 first = store.firstSeq();
    QVERIFY2(first > 10, "the cap must have evicted the oldest events");

    // A selection made before the eviction: rows 1..first+4, and the last event.
    const ExportSelection selection = ExportSelection::seqs({1, 2, first, first + 4, 200});
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const EventExport::Result result =
        EventExport::write(store, selection, EventExport::Format::JsonLines, &buffer);
    QCOMPARE(result.selected, quint64(5));
    QCOMPARE(result.evicted, quint64(2));
    QCOMPARE(result.written, quint64(3));
    QVERIFY(result.complete());
    QList<qint64> seqs;
    for (const QByteArray &line : buffer.data().split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        seqs.append(object.value(QStringLiteral("seq")).toInteger());
        QCOMPARE(object.value(QStringLiteral("text")).toString().size(), 1000);
    }
    QCOMPARE(seqs, QList<qint64>({qint64(first), qint64(first + 4), 200}));
    QCOMPARE(result.summary(QStringLiteral("out.jsonl")),
             QStringLiteral("Exported 3 events to out.jsonl. 2 selected events were evicted by "
                            "the memory cap before they could be written."));
}

void tst_EventExport::largeExportStreamsInBlocks()
{
    // Many events in several blocks and batches: every one arrives, in order.
    TrafficStore store;
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2"));
    const int count = 20000;
    for (int i = 0; i < count; ++i)
        store.append(1, 1, a, EventKind::Sent, QByteArray::number(i));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("all.csv"));
    EventExport::Progress progress;
    const EventExport::Result result = EventExport::writeFile(
        store, ExportSelection::allKept(store), EventExport::Format::Csv, file, &progress);
    QVERIFY2(result.complete(), qPrintable(result.error));
    QCOMPARE(result.written, quint64(count));
    QCOMPARE(progress.done.load(), quint64(count));
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = in.readAll().split('\n');
    QCOMPARE(lines.size(), count + 2);
    for (int i = 0; i < count; i += 997)
        QVERIFY(lines.at(i + 1).contains(QByteArray(
            ",out,127.0.0.1:1,127.0.0.1:2," + QByteArray::number(QByteArray::number(i).size()) +
            ',' + QByteArray::number(i) + ',')));
}

void tst_EventExport::fullDiskIsReported()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("/dev/full does not exist on this system");
    Recording r;
    const EventExport::Result result =
        EventExport::writeFile(r.store, ExportSelection::allKept(r.store), EventExport::Format::Csv,
                               QStringLiteral("/dev/full"));
    QVERIFY(!result.complete());
    QCOMPARE(result.written, quint64(0));
    QCOMPARE(result.summary(QStringLiteral("/dev/full")),
             QStringLiteral("Could not write /dev/full: No space left on device. The file is "
                            "incomplete: 0 of 9 events were written."));
}

void tst_EventExport::failureAfterFirstBlockCountsWrittenEvents()
{
    TrafficStore store;
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:1"), QStringLiteral("127.0.0.1:2"));
    // An 8,000-byte text payload makes a CSV record of about 24,000 bytes
    // (text and hex): the first 64 KiB block holds the header and three
    // events, then the disk is full.
    for (int i = 0; i < 10; ++i)
        store.append(1, 1, a, EventKind::Received, QByteArray(8000, char('0' + i)));
    FillingDevice device;
    const EventExport::Result result = EventExport::write(store, ExportSelection::allKept(store),
                                                          EventExport::Format::Csv, &device);
    QVERIFY(!result.complete());
    QCOMPARE(result.written, quint64(3));
    QCOMPARE(device.accepted.count('\n'), 4);
    QVERIFY(device.accepted.endsWith("\r\n"));
    QCOMPARE(result.summary(QStringLiteral("x.csv")),
             QStringLiteral("Could not write x.csv: No space left on device. The file is "
                            "incomplete: 3 of 10 events were written."));
}

void tst_EventExport::unwritablePathIsReported()
{
    Recording r;
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("no/such/folder/log.csv"));
    const EventExport::Result result = EventExport::writeFile(
        r.store, ExportSelection::allKept(r.store), EventExport::Format::Transcript, file);
    QVERIFY(!result.complete());
    QVERIFY2(result.summary(file).startsWith(QStringLiteral("Could not write ") + file +
                                             QStringLiteral(": No such file or directory.")),
             qPrintable(result.summary(file)));
}

void tst_EventExport::cancelStops()
{
    Recording r;
    EventExport::Progress progress;
    progress.cancel = true;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const EventExport::Result result = EventExport::write(
        r.store, ExportSelection::allKept(r.store), EventExport::Format::Csv, &buffer, &progress);
    QVERIFY(result.cancelled);
    QVERIFY(!result.complete());
    QCOMPARE(result.written, quint64(0));
    QVERIFY(result.summary(QStringLiteral("a.csv")).contains(QStringLiteral("incomplete")));
}

void tst_EventExport::copyAsHex()
{
    QCOMPARE(PayloadCopy::toHex("Hel"), QStringLiteral("48 65 6c"));
    QCOMPARE(PayloadCopy::toHex(QByteArray("\x00\xff", 2)), QStringLiteral("00 ff"));
}

void tst_EventExport::copyAsCArray()
{
    QCOMPARE(PayloadCopy::toCArray("Hello, Michael!"),
             QStringLiteral(
                 "const unsigned char data[] = {\n"
                 "    0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x2c, 0x20, 0x4d, 0x69, 0x63, 0x68, 0x61,\n"
                 "    0x65, 0x6c, 0x21,\n"
                 "};\n"));
    QCOMPARE(PayloadCopy::toCArray(QByteArray(12, '\xff')),
             QStringLiteral(
                 "const unsigned char data[] = {\n"
                 "    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,\n"
                 "};\n"));
    QCOMPARE(PayloadCopy::toCArray({}), QStringLiteral("const unsigned char data[] = {};\n"));
}

void tst_EventExport::copyAsCArrayCompiles()
{
    const QString cc = QStandardPaths::findExecutable(QStringLiteral("cc"));
    if (cc.isEmpty())
        QSKIP("no C compiler (cc) to compile the copied array");
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(255 - i));
    QTemporaryDir dir;
    QFile source(dir.filePath(QStringLiteral("data.c")));
    QVERIFY(source.open(QIODevice::WriteOnly));
    source.write("#include <stdio.h>\n");
    source.write(PayloadCopy::toCArray(bytes).toLatin1());
    source.write("int main(void) { fwrite(data, 1, sizeof data, stdout); return 0; }\n");
    source.close();
    const QString program = dir.filePath(QStringLiteral("data"));
    QCOMPARE(QProcess::execute(cc, {QStringLiteral("-std=c99"), QStringLiteral("-Wall"),
                                    QStringLiteral("-Werror"), source.fileName(),
                                    QStringLiteral("-o"), program}),
             0);
    QProcess run;
    run.start(program);
    QVERIFY(run.waitForFinished(10000));
    QCOMPARE(run.readAllStandardOutput(), bytes);
}

void tst_EventExport::copyAsPythonBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("literal");
    QTest::newRow("text") << QByteArray("Hel") << QStringLiteral("b'Hel'");
    QTest::newRow("nul") << QByteArray("Hel\0", 4) << QStringLiteral("b'Hel\\x00'");
    QTest::newRow("quotes") << QByteArray("it's \"x\"") << QStringLiteral("b'it\\'s \"x\"'");
    QTest::newRow("backslash") << QByteArray("a\\b") << QStringLiteral("b'a\\\\b'");
    QTest::newRow("controls") << QByteArray("\t\r\n\x7f\x1b")
                              << QStringLiteral("b'\\t\\r\\n\\x7f\\x1b'");
    QTest::newRow("utf-8") << QByteArray("你") << QStringLiteral("b'\\xe4\\xbd\\xa0'");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("b''");
}

void tst_EventExport::copyAsPythonBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, literal);
    QCOMPARE(PayloadCopy::toPythonBytes(bytes), literal);
}

void tst_EventExport::copyAsPythonBytesEvaluates()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is not installed");
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    bytes += "\\'\"";
    QProcess process;
    process.start(python,
                  {QStringLiteral("-c"),
                   QStringLiteral("import ast, sys; "
                                  "sys.stdout.buffer.write(ast.literal_eval(sys.stdin.read()))")});
    QVERIFY(process.waitForStarted());
    process.write(PayloadCopy::toPythonBytes(bytes).toLatin1());
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(20000));
    QCOMPARE(process.readAllStandardOutput(), bytes);
}

QTEST_GUILESS_MAIN(tst_EventExport)
#include "tst_eventexport.moc"
