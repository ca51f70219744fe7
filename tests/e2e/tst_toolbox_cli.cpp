// End to end: auto-reply rules and scripted exchanges of the built binary,
// talked to by Python clients and by a second socketscope.
#include "e2esupport.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

using E2e::isEvent;
using E2e::jsonString;

namespace {

// Starts socketscope (--json added) and returns the port of its first event.
quint16 startAndReadPort(E2e::Process &p, QStringList args)
{
    args << QStringLiteral("--json");
    if (!p.start(args))
        return 0;
    if (p.waitForEvent([](const QJsonObject &o) {
            return isEvent(o, "listening") || isEvent(o, "bound");
        }) != 0)
        return 0;
    return quint16(jsonString(p.events().constFirst(), "local").section(u':', -1).toUInt());
}

// Runs python3 with `code` and `args`; its standard output.
QByteArray python(const QString &code, const QStringList &args, int *exitCode)
{
    E2e::Process py;
    py.setParseJson(false);
    if (!py.start(QStringList{QStringLiteral("-c"), code} + args, QStringLiteral("python3")) ||
        !py.waitFinished(20000)) {
        *exitCode = -1;
        return py.transcript();
    }
    *exitCode = py.exitCode();
    return py.exitCode() == 0 ? py.stdoutBytes() : py.transcript();
}

} // namespace

class tst_ToolboxCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ruleAnswersAPythonClient();
    void rulesFileWithHexPattern();
    void badRuleIsUsageError_data();
    void badRuleIsUsageError();
    void badScriptIsUsageError();
    void scriptPasses();
    void scriptFails_data();
    void scriptFails();
    void udpScriptAgainstHelloServer();

private:
    QString writeFile(const QString &name, const QByteArray &text);
    QTemporaryDir m_dir;
};

void tst_ToolboxCli::initTestCase()
{
    QVERIFY2(QFile::exists(E2e::binary()), qPrintable(E2e::binary()));
    QVERIFY(m_dir.isValid());
}

QString tst_ToolboxCli::writeFile(const QString &name, const QByteArray &text)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    return path;
}

void tst_ToolboxCli::ruleAnswersAPythonClient()
{
    E2e::Process server;
    const quint16 port = startAndReadPort(
        server, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--protocol"), QStringLiteral("none"), QStringLiteral("--rule"),
                 QStringLiteral("^PING (?<n>\\d+)$=>PONG \\1 ${n} #{{counter}} to {{peer}}"),
                 QStringLiteral("--rule"), QStringLiteral("^status$=>OK=>fine")});
    QVERIFY2(port != 0, server.transcript().constData());

    // The client prints exactly what it received, one repr per answer.
    const QString code = QStringLiteral(
        "import socket, sys\n"
        "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))\n"
        "def ask(m, n):\n"
        "    s.sendall(m)\n"
        "    got = b''\n"
        "    while len(got) < n:\n"
        "        got += s.recv(1024)\n"
        "    print(repr(got))\n"
        "ask(b'PING 42\\r\\n', len(b'PONG 42 42 #1 to ') + len('127.0.0.1:%d' % "
        "s.getsockname()[1]) + 2)\n"
        "ask(b'status', 7)\n"
        "ask(b'PING 7', len(b'PONG 7 7 #2 to ') + len('127.0.0.1:%d' % s.getsockname()[1]))\n"
        "print(s.getsockname()[1])\n");
    int exitCode = 0;
    const QByteArray out = python(code, {QString::number(port)}, &exitCode);
    QVERIFY2(exitCode == 0, out.constData());
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), qsizetype(4));
    const QByteArray peer = "127.0.0.1:" + lines.at(3);
    QCOMPARE(lines.at(0), "b'PONG 42 42 #1 to " + peer + "\\r\\n'");
    QCOMPARE(lines.at(1), QByteArray("b'OK=>fine'"));
    QCOMPARE(lines.at(2), "b'PONG 7 7 #2 to " + peer + "'");
    // The replies are recorded as "out" events, like any other send.
    QVERIFY(server.waitForEvent([](const QJsonObject &o) {
        return isEvent(o, "out") && jsonString(o, "text") == u"OK=>fine";
    }) > 0);
}

void tst_ToolboxCli::rulesFileWithHexPattern()
{
    const QString rules = writeFile(
        QStringLiteral("rules.json"),
        R"([{"match": "hex", "pattern": "02 ?? ?? 03", "reply": "\\x06\\1", "delay_ms": 20},
            {"match": "exact", "pattern": "hi", "reply": "no", "enabled": false},
            {"match": "starts-with", "pattern": "hi", "reply": "hello \\0"}])");
    QVERIFY(!rules.isEmpty());
    E2e::Process server;
    const quint16 port =
        startAndReadPort(server, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                                  QStringLiteral("--protocol"), QStringLiteral("none"),
                                  QStringLiteral("--rules"), rules});
    QVERIFY2(port != 0, server.transcript().constData());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY2(client.waitForConnected(10000), qPrintable(client.errorString()));
    client.write(QByteArray("\x02\xaa\x00\x03", 4));
    QByteArray got;
    QVERIFY(E2e::readAtLeast(&client, &got, 3));
    QCOMPARE(got, QByteArray("\x06\xaa\x00", 3));
    got.clear();
    client.write("hi\n");
    QVERIFY(E2e::readAtLeast(&client, &got, 9));
    QCOMPARE(got, QByteArray("hello hi\n"));
}

void tst_ToolboxCli::badRuleIsUsageError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad regex") << QStringList{QStringLiteral("--rule"), QStringLiteral("ok=>x"),
                                              QStringLiteral("--rule"), QStringLiteral("ab(c=>x")}
                               << QStringLiteral("socketscope: Rule 2 (regex \"ab(c\"): missing "
                                                 "closing parenthesis at position 4.");
    QTest::newRow("bad template")
        << QStringList{QStringLiteral("--rule"), QStringLiteral("x=>{{when}}")}
        << QStringLiteral("socketscope: Rule 1 (regex \"x\"): reply: Unknown macro \"{{when}}\" "
                          "at position 0");
    QTest::newRow("no arrow") << QStringList{QStringLiteral("--rule"), QStringLiteral("x")}
                              << QStringLiteral("socketscope: --rule needs REGEX=>REPLY");
}

void tst_ToolboxCli::badRuleIsUsageError()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    E2e::Process p;
    QVERIFY(
        p.start(QStringList{QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0")} + args));
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(p.stderrBytes().startsWith(message.toUtf8()), p.transcript().constData());
}

void tst_ToolboxCli::badScriptIsUsageError()
{
    const QString script =
        writeFile(QStringLiteral("bad.txt"), "send a\n# fine so far\nexpect /(/\nsend b\n");
    E2e::Process p;
    QVERIFY(p.start({QStringLiteral("tcp-client"), QStringLiteral("127.0.0.1:9"),
                     QStringLiteral("--script"), script}));
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(p.stderrBytes().startsWith(QString(u"socketscope: Script " + script +
                                                u": Line 3: missing closing "
                                                u"parenthesis")
                                            .toUtf8()),
             p.transcript().constData());
}

void tst_ToolboxCli::scriptPasses()
{
    E2e::Process server;
    const quint16 port =
        startAndReadPort(server, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0")});
    QVERIFY2(port != 0, server.transcript().constData());
    const QString script =
        writeFile(QStringLiteral("pass.txt"), "# the tutorial's exchange, checked\n"
                                              "expect Welcome!\n"
                                              "send Michael\n"
                                              "expect /Hello, (?<who>\\w+)!/\n"
                                              "send ${who} and $1\\n\n"
                                              "expect Hello, Michael and Michael!\\n\n"
                                              "send-hex 65 78 69 74\n");
    E2e::Process client;
    QVERIFY(client.start({QStringLiteral("tcp-client"), QStringLiteral("127.0.0.1:%1").arg(port),
                          QStringLiteral("--script"), script, QStringLiteral("--json")}));
    QVERIFY2(client.waitFinished(20000), client.transcript().constData());
    QVERIFY2(client.exitCode() == 0, client.transcript().constData());
    QVERIFY2(client.stderrBytes().isEmpty(), client.transcript().constData());
    QVERIFY2(client.indexOf([](const QJsonObject &o) {
        return isEvent(o, "note") && jsonString(o, "message").startsWith(u"Script passed");
    }) > 0,
             client.transcript().constData());
    QVERIFY(server.waitForEvent([](const QJsonObject &o) {
        return isEvent(o, "in") && jsonString(o, "text") == u"exit";
    }) > 0);
}

void tst_ToolboxCli::scriptFails_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QString>("stderr");

    QTest::newRow("timeout") << QByteArray("expect Welcome!\nsend Michael\ntimeout 300\n"
                                           "expect Hello, Bob!\n")
                             << QStringLiteral("socketscope: Script failed at line 4: expected "
                                               "\"Hello, Bob!\", timed out after 300 ms; the last "
                                               "bytes that arrived: \"Hello, Michael!\"\n");
    QTest::newRow("closed first") << QByteArray("send exit\\r\\n\nexpect /never/\n")
                                  << QStringLiteral("socketscope: Script failed at line 2: "
                                                    "expected /never/, the connection closed "
                                                    "first; the last bytes that arrived: "
                                                    "\"Welcome!\"\n");
}

void tst_ToolboxCli::scriptFails()
{
    QFETCH(QByteArray, script);
    QFETCH(QString, stderr);
    E2e::Process server;
    const quint16 port =
        startAndReadPort(server, {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0")});
    QVERIFY2(port != 0, server.transcript().constData());
    const QString path = writeFile(QStringLiteral("fail.txt"), script);
    E2e::Process client;
    QVERIFY(client.start({QStringLiteral("tcp-client"), QStringLiteral("127.0.0.1:%1").arg(port),
                          QStringLiteral("--script"), path, QStringLiteral("--json")}));
    QVERIFY2(client.waitFinished(20000), client.transcript().constData());
    QCOMPARE(client.exitCode(), 4);
    QCOMPARE(QString::fromUtf8(client.stderrBytes()), stderr);
}

void tst_ToolboxCli::udpScriptAgainstHelloServer()
{
    E2e::Process server;
    const quint16 port =
        startAndReadPort(server, {QStringLiteral("udp"), QStringLiteral("127.0.0.1:0"),
                                  QStringLiteral("--protocol"), QStringLiteral("hello")});
    QVERIFY2(port != 0, server.transcript().constData());
    const QString script = writeFile(QStringLiteral("udp.txt"), "send Michael\n"
                                                                "expect /Hello, (\\w+)!/\n"
                                                                "send $1 again\n"
                                                                "expect Hello, Michael again!\n");
    E2e::Process client;
    QVERIFY(client.start({QStringLiteral("udp"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--peer"), QStringLiteral("127.0.0.1:%1").arg(port),
                          QStringLiteral("--protocol"), QStringLiteral("none"),
                          QStringLiteral("--script"), script, QStringLiteral("--json")}));
    QVERIFY2(client.waitFinished(20000), client.transcript().constData());
    QVERIFY2(client.exitCode() == 0, client.transcript().constData());
    QVERIFY(client.indexOf([](const QJsonObject &o) {
        return isEvent(o, "in") && jsonString(o, "text") == u"Hello, Michael again!";
    }) > 0);
}

QTEST_GUILESS_MAIN(tst_ToolboxCli)
#include "tst_toolbox_cli.moc"
