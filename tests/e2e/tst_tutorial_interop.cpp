// End to end: the tutorial's own Python programs (tests/e2e/tutorial/, copied
// from the seeds) talking to the built `socketscope` binary.

#include "e2esupport.h"
#include "nettestsupport.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QUdpSocket>

using E2e::isEvent;
using E2e::jsonString;

using NetTest::hostPort;

namespace {

// The port from the first event ("listening"/"bound") of a socketscope --json.
void startAndReadPort(E2e::Process &p, const QStringList &args, const char *firstEvent,
                      quint16 *port)
{
    QVERIFY2(p.start(args), qPrintable(p.process().errorString()));
    QVERIFY2(p.waitForEvent(firstEvent) == 0, p.transcript().constData());
    static const QRegularExpression re(QStringLiteral("^127\\.0\\.0\\.1:(\\d+)$"));
    const QRegularExpressionMatch m = re.match(jsonString(p.events().constFirst(), "local"));
    QVERIFY2(m.hasMatch(), p.transcript().constData());
    *port = m.captured(1).toUShort();
    QVERIFY(*port != 0);
}

} // namespace

class tst_TutorialInterop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tcpHelloClient();
    void udpHelloClient();
    void chatSocketscopeSaysBye();
    void chatPythonSaysBye();

private:
    void startPython(E2e::Process &p, const QString &script, const QStringList &args);
    // Both chat ends up and bound, one line sent each way; see the chat tests.
    void startChat(E2e::Process &scope, E2e::Process &python, quint16 *scopePort,
                   quint16 *pythonPort);

    QString m_python;
    QString m_scripts;
};

void tst_TutorialInterop::initTestCase()
{
    QVERIFY2(!E2e::binary().isEmpty(), "SOCKETSCOPE_BINARY is not set");
    QVERIFY2(QFile::exists(E2e::binary()), qPrintable(E2e::binary()));
    const QString source = qEnvironmentVariable("SOCKETSCOPE_SOURCE_DIR");
    QVERIFY2(!source.isEmpty(), "SOCKETSCOPE_SOURCE_DIR is not set");
    m_scripts = QDir(source).filePath(QStringLiteral("tests/e2e/tutorial"));
    QVERIFY2(QFile::exists(QDir(m_scripts).filePath(QStringLiteral("udp_chat.py"))),
             qPrintable(m_scripts));
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (m_python.isEmpty())
        QSKIP("python3 is not installed");
}

void tst_TutorialInterop::startPython(E2e::Process &p, const QString &script,
                                      const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The tutorial prints Chinese; unbuffered, so a test sees each print at once.
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    p.process().setProcessEnvironment(env);
    p.setParseJson(false);
    QVERIFY2(p.start(QStringList{QDir(m_scripts).filePath(script)} + args, m_python),
             qPrintable(p.process().errorString()));
}

void tst_TutorialInterop::tcpHelloClient()
{
    E2e::Process scope;
    quint16 port = 0;
    startAndReadPort(
        scope,
        {QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--json")},
        "listening", &port);
    if (QTest::currentTestFailed())
        return;

    E2e::Process python;
    startPython(python, QStringLiteral("tcp_client.py"),
                {QStringLiteral("127.0.0.1"), QString::number(port)});
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QCOMPARE(python.exitStatus(), QProcess::NormalExit);
    QVERIFY2(python.exitCode() == 0, python.transcript().constData());
    QCOMPARE(python.stdoutBytes(),
             QByteArray("Welcome!\nHello, Michael!\nHello, Tracy!\nHello, Sarah!\n"));
    QCOMPARE(python.stderrBytes(), QByteArray());

    // "exit" ends the connection from the server's side, as in the tutorial.
    const qsizetype closed = scope.waitForEvent("closed");
    QVERIFY2(closed >= 0, scope.transcript().constData());
    QCOMPARE(jsonString(scope.events().at(closed), "by"), QStringLiteral("local"));
    QVERIFY(scope.isRunning());
}

void tst_TutorialInterop::udpHelloClient()
{
    E2e::Process scope;
    quint16 port = 0;
    startAndReadPort(scope,
                     {QStringLiteral("udp"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--protocol"), QStringLiteral("hello"),
                      QStringLiteral("--json")},
                     "bound", &port);
    if (QTest::currentTestFailed())
        return;

    E2e::Process python;
    startPython(python, QStringLiteral("udp_client.py"),
                {QStringLiteral("127.0.0.1"), QString::number(port)});
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QCOMPARE(python.exitStatus(), QProcess::NormalExit);
    QVERIFY2(python.exitCode() == 0, python.transcript().constData());
    QCOMPARE(python.stdoutBytes(), QByteArray("Hello, Michael!\nHello, Tracy!\nHello, Sarah!\n"));
    QCOMPARE(python.stderrBytes(), QByteArray());
    QVERIFY(scope.isRunning());
}

void tst_TutorialInterop::startChat(E2e::Process &scope, E2e::Process &python, quint16 *scopePort,
                                    quint16 *pythonPort)
{
    // A chat needs its peer's port before the peer exists: the only pre-picked
    // ports here, bound together (so they differ) and freed at once.
    {
        QUdpSocket a;
        QUdpSocket b;
        QVERIFY(a.bind(QHostAddress::LocalHost, 0));
        QVERIFY(b.bind(QHostAddress::LocalHost, 0));
        *scopePort = a.localPort();
        *pythonPort = b.localPort();
    }
    const QString scopeAddress = hostPort(QStringLiteral("127.0.0.1"), *scopePort);
    const QString pythonAddress = hostPort(QStringLiteral("127.0.0.1"), *pythonPort);

    QVERIFY(scope.start({QStringLiteral("udp"), scopeAddress, QStringLiteral("--peer"),
                         pythonAddress, QStringLiteral("--protocol"), QStringLiteral("chat"),
                         QStringLiteral("--json")}));
    QVERIFY2(scope.waitForEvent("bound") == 0, scope.transcript().constData());

    startPython(python, QStringLiteral("udp_chat.py"),
                {QStringLiteral("127.0.0.1"), QString::number(*pythonPort),
                 QStringLiteral("127.0.0.1"), QString::number(*scopePort)});
    if (QTest::currentTestFailed())
        return;
    // The send thread prompts only after bind(): from then on nothing is lost.
    QVERIFY2(python.waitForStdout("请输入:"), python.transcript().constData());

    // The Python side types; socketscope receives the line as sent by input().
    const QByteArray fromPython("Michael \xe4\xbd\xa0\xe5\xa5\xbd"); // 你好
    python.write(fromPython + '\n');
    const qsizetype in = scope.waitForEvent([&](const QJsonObject &e) {
        return isEvent(e, "in") && jsonString(e, "text") == QString::fromUtf8(fromPython);
    });
    QVERIFY2(in >= 0, scope.transcript().constData());
    QCOMPARE(jsonString(scope.events().at(in), "peer"), pythonAddress);

    // socketscope's standard input goes to the Python side.
    scope.write("Hello from socketscope\n");
    const QByteArray printed = "收到远程信息:Hello from socketscope,来自('127.0.0.1', " +
                               QByteArray::number(*scopePort) + ')';
    QVERIFY2(python.waitForStdout(printed), python.transcript().constData());
}

void tst_TutorialInterop::chatSocketscopeSaysBye()
{
    E2e::Process scope;
    E2e::Process python;
    quint16 scopePort = 0;
    quint16 pythonPort = 0;
    startChat(scope, python, &scopePort, &pythonPort);
    if (QTest::currentTestFailed())
        return;

    scope.write("88\n");
    QVERIFY2(scope.waitFinished(10000), scope.transcript().constData());
    QVERIFY2(scope.exitStatus() == QProcess::NormalExit, scope.transcript().constData());
    QCOMPARE(scope.exitCode(), 0);
    QVERIFY(isEvent(scope.events().constLast(), "stopped"));

    // The tutorial's receive loop ends on the "88"...
    const QByteArray bye =
        "收到远程信息:88,来自('127.0.0.1', " + QByteArray::number(scopePort) + ")\n结束聊天\n";
    QVERIFY2(python.waitForStdout(bye), python.transcript().constData());
    // ...and its send loop on the user's own "88", which the tutorial needs
    // anyway: input() blocks the thread until then.
    python.write("88\n");
    QVERIFY2(python.waitFinished(10000), python.transcript().constData());
    QCOMPARE(python.exitStatus(), QProcess::NormalExit);
    QCOMPARE(python.exitCode(), 0);
    QCOMPARE(python.stderrBytes(), QByteArray());
}

void tst_TutorialInterop::chatPythonSaysBye()
{
    E2e::Process scope;
    E2e::Process python;
    quint16 scopePort = 0;
    quint16 pythonPort = 0;
    startChat(scope, python, &scopePort, &pythonPort);
    if (QTest::currentTestFailed())
        return;

    // One "88" typed on the Python side must end both programs.
    python.write("88\n");
    QVERIFY2(scope.waitFinished(10000), scope.transcript().constData());
    QVERIFY2(scope.exitStatus() == QProcess::NormalExit, scope.transcript().constData());
    QCOMPARE(scope.exitCode(), 0);
    QVERIFY(scope.indexOf([](const QJsonObject &e) {
        return isEvent(e, "in") && jsonString(e, "text") == u"88";
    }) >= 0);
    QVERIFY(isEvent(scope.events().constLast(), "stopped"));

    // The tutorial's receive thread only ends on an "88" from its peer: a chat
    // that socketscope ends must tell the peer so, or the peer never exits.
    const bool pythonEnded = python.waitFinished(10000);
    const QByteArray why = "the tutorial chat still waits for the peer's \"88\" after "
                           "socketscope ended the chat:\n" +
                           python.transcript();
    QVERIFY2(pythonEnded, why.constData());
    QCOMPARE(python.exitStatus(), QProcess::NormalExit);
    QCOMPARE(python.exitCode(), 0);
    QCOMPARE(python.stderrBytes(), QByteArray());
}

QTEST_GUILESS_MAIN(tst_TutorialInterop)

#include "tst_tutorial_interop.moc"
