// End to end: round-trip times of the built binary, in its --json output
// (rtt_us) and its readable lines ("(rtt 1.24 ms)" and the closing summary),
// checked against what the other end measured itself.

#include "e2esupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using E2e::isEvent;
using E2e::jsonString;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

quint16 startAndReadPort(E2e::Process &p, const QStringList &args)
{
    if (!p.start(args) || p.waitForEvent("listening") != 0)
        return 0;
    return quint16(jsonString(p.events().constFirst(), "local").section(u':', -1).toUInt());
}

// The tutorial's TCP client (tests/e2e/tutorial/tcp_client.py) with a stopwatch:
// for each name it prints, in microseconds, the time from its previous send
// (the connect for the first name) to the reply. The server's round trip for
// that name (from its previous send to the name's arrival) lies inside it.
const char *const TimedTutorialClient = R"(
import socket, sys, time
start = time.monotonic()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((sys.argv[1], int(sys.argv[2])))
assert s.recv(1024) == b'Welcome!'
previous = start
for data in [b'Michael', b'Tracy', b'Sarah']:
    sent = time.monotonic()
    s.send(data)
    assert s.recv(1024) == b'Hello, ' + data + b'!'
    print(int((time.monotonic() - previous) * 1e6))
    previous = sent
s.send(b'exit')
s.close()
)";

// Replies "pong\n" to each chunk it receives, DelayMs later, for `clients`
// clients one after the other; closes each after its half-close (Python, as
// QTcpSocket takes a half-close for the end of the connection). Prints its port.
constexpr int DelayMs = 50;
const char *const DelayedServer = R"(
import socket, sys, time
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(('127.0.0.1', 0))
srv.listen(1)
print(srv.getsockname()[1], flush=True)
for _ in range(int(sys.argv[1])):
    c, _ = srv.accept()
    while True:
        data = c.recv(1024)
        if not data:
            break
        time.sleep(int(sys.argv[2]) / 1000)
        c.sendall(b'pong\n')
    c.close()
)";

} // namespace

class tst_RoundTripCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serverRoundTripsWithinTheClientsOwn();
    void repeatSendsReportRoundTrips();
    void scriptEndsWithASummary();
};

void tst_RoundTripCli::initTestCase()
{
    QVERIFY2(!E2e::binary().isEmpty(), "SOCKETSCOPE_BINARY is not set");
    QVERIFY2(QFile::exists(E2e::binary()), qPrintable(E2e::binary()));
    if (QStandardPaths::findExecutable(s("python3")).isEmpty())
        QSKIP("python3 is not installed");
}

void tst_RoundTripCli::serverRoundTripsWithinTheClientsOwn()
{
    E2e::Process scope;
    const quint16 port = startAndReadPort(scope, {s("tcp-server"), s("127.0.0.1:0"), s("--json")});
    QVERIFY2(port != 0, scope.transcript().constData());

    E2e::Process python;
    python.setParseJson(false);
    QVERIFY(python.start(
        {s("-c"), QString::fromUtf8(TimedTutorialClient), s("127.0.0.1"), QString::number(port)},
        s("python3")));
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QVERIFY2(python.exitCode() == 0, python.transcript().constData());
    const QList<QByteArray> bounds = python.stdoutBytes().trimmed().split('\n');
    QCOMPARE(bounds.size(), 3);

    QVERIFY2(scope.waitForEvent("closed") >= 0, scope.transcript().constData());
    QList<QJsonObject> received;
    for (const QJsonObject &o : scope.events()) {
        if (isEvent(o, "in"))
            received.append(o);
    }
    QCOMPARE(received.size(), 4);
    const QStringList names{s("Michael"), s("Tracy"), s("Sarah"), s("exit")};
    for (int i = 0; i < 4; ++i) {
        const QJsonObject &o = received.at(i);
        QCOMPARE(jsonString(o, "text"), names.at(i));
        // Each answers the server's previous send (the greeting, then a reply).
        QVERIFY2(o.contains(s("rtt_us")), qPrintable(names.at(i)));
        const qint64 rtt = o.value(s("rtt_us")).toInteger(-1);
        QVERIFY2(rtt >= 0, qPrintable(names.at(i)));
        if (i < 3) {
            // Two clocks (the server's wall clock, Python's monotonic one)
            // may tick apart by a little: a millisecond of margin.
            const qint64 bound = bounds.at(i).toLongLong();
            QVERIFY2(rtt <= bound + 1000,
                     qPrintable(QStringLiteral("%1: rtt %2 µs, client measured %3 µs")
                                    .arg(names.at(i))
                                    .arg(rtt)
                                    .arg(bound)));
        }
    }
    // Sent events never carry one.
    for (const QJsonObject &o : scope.events())
        QVERIFY(!isEvent(o, "out") || !o.contains(s("rtt_us")));
}

void tst_RoundTripCli::repeatSendsReportRoundTrips()
{
    E2e::Process server;
    server.setParseJson(false);
    QVERIFY(
        server.start({s("-c"), QString::fromUtf8(DelayedServer), s("2"), QString::number(DelayMs)},
                     s("python3")));
    QVERIFY2(server.waitForStdout("\n"), server.transcript().constData());
    const QString target = s("127.0.0.1:") + QString::fromUtf8(server.stdoutBytes().trimmed());
    const QStringList args{s("tcp-client"), target,   s("--send"),  s("ping\\n"),
                           s("--interval"), s("300"), s("--count"), s("3")};

    // --json: every reply has its rtt_us, at least the server's delay.
    {
        E2e::Process p;
        QVERIFY(p.start(args + QStringList{s("--json")}));
        p.closeStdin();
        QVERIFY2(p.waitFinished(20000), p.transcript().constData());
        QVERIFY2(p.exitCode() == 0, p.transcript().constData());
        int replies = 0;
        for (const QJsonObject &o : p.events()) {
            if (!isEvent(o, "in"))
                continue;
            ++replies;
            const qint64 rtt = o.value(s("rtt_us")).toInteger(-1);
            // Loaded CI machines may be slow to answer; never faster than the delay.
            QVERIFY2(rtt >= DelayMs * 1000 && rtt < 5'000'000, p.transcript().constData());
        }
        QCOMPARE(replies, 3);
    }
    // Readable: a suffix per reply and the summary line at the end.
    {
        E2e::Process p;
        p.setParseJson(false);
        QVERIFY(p.start(args));
        p.closeStdin();
        QVERIFY2(p.waitFinished(20000), p.transcript().constData());
        QVERIFY2(p.exitCode() == 0, p.transcript().constData());
        const QString out = QString::fromUtf8(p.stdoutBytes());
        static const QRegularExpression suffix(
            s(R"( in from 127\.0\.0\.1:\d+ 5 B "pong\\n" \(rtt (\d+(\.\d+)?) ms\)$)"),
            QRegularExpression::MultilineOption);
        int replies = 0;
        for (auto it = suffix.globalMatch(out); it.hasNext();) {
            const double ms = it.next().captured(1).toDouble();
            QVERIFY2(ms >= DelayMs, qPrintable(out));
            ++replies;
        }
        QVERIFY2(replies == 3, qPrintable(out));
        static const QRegularExpression summary(s(
            R"(\nround trips: 3, min \d+(\.\d+)? ms, mean \d+(\.\d+)? ms, p99 \d+(\.\d+)? ms\n$)"));
        QVERIFY2(summary.match(out).hasMatch(), qPrintable(out));
    }
}

void tst_RoundTripCli::scriptEndsWithASummary()
{
    E2e::Process server;
    const quint16 port = startAndReadPort(server, {s("tcp-server"), s("127.0.0.1:0"), s("--json")});
    QVERIFY2(port != 0, server.transcript().constData());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(s("hello.script")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("expect Welcome!\nsend Michael\nexpect Hello, Michael!\n"
               "send Tracy\nexpect Hello, Tracy!\n");
    file.close();

    E2e::Process client;
    client.setParseJson(false);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(client.start({s("tcp-client"), s("127.0.0.1:") + QString::number(port), s("--script"),
                          file.fileName()}));
    QVERIFY2(client.waitFinished(20000), client.transcript().constData());
    const qint64 lifetimeMs = clock.elapsed();
    QVERIFY2(client.exitCode() == 0, client.transcript().constData());
    const QString out = QString::fromUtf8(client.stdoutBytes());
    // The greeting answers nothing; the two replies answer the two sends.
    QVERIFY2(out.contains(QRegularExpression(s(R"("Welcome!"\n)"))), qPrintable(out));
    static const QRegularExpression reply(s(R"("Hello, (\w+)!" \(rtt (\d+(\.\d+)?) (µs|ms)\)\n)"));
    QStringList who;
    for (auto it = reply.globalMatch(out); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        who.append(m.captured(1));
        const double ms = m.captured(2).toDouble() / (m.captured(4) == s("µs") ? 1000 : 1);
        QVERIFY2(ms >= 0 && ms <= double(lifetimeMs), qPrintable(out));
    }
    QCOMPARE(who, QStringList({s("Michael"), s("Tracy")}));
    QVERIFY2(out.contains(s("\nround trips: 2, min ")), qPrintable(out));
}

QTEST_GUILESS_MAIN(tst_RoundTripCli)
#include "tst_roundtrip_cli.moc"
