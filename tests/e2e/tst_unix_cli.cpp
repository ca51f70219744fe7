// End to end over Unix domain sockets: the built socketscope binary's
// unix-server, unix-client and unix-dgram against socat (UNIX-CONNECT,
// UNIX-LISTEN, UNIX-SENDTO, ABSTRACT-CONNECT), the tutorial's hello client on
// AF_UNIX, and tshark on what --write recorded. Every socket lives in a
// QTemporaryDir; abstract names carry the test's pid.
#include "e2esupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

class tst_UnixCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tutorialHelloOverAStreamSocket();
    void seqpacketKeepsMessages();
    void socatConnectsWithExactBytesAndCredentials();
    void clientToSocatListen();
    void datagramHelloWithSocatSendto();
    void datagramSendersAreToldByTheirCredentials();
    void datagramChatEndsOnTheEndWord();
    void abstractName();
    void staleSocketFileIsReplaced();
    void liveSocketIsInUse();
    void rulesAnswer();
    void captureShowsAFakeLoopbackConversation();

private:
    // Starts socketscope with `args` (--json added) and waits for `event`.
    void startScope(E2e::Process &scope, const QStringList &args, const char *event);
    void startPython(E2e::Process &p, const QStringList &args);
    QString socketPath(const char *name) const { return m_dir.filePath(QLatin1String(name)); }
    QString abstractName(const char *name) const
    {
        return QStringLiteral("@socketscope-test-%1-%2")
            .arg(QCoreApplication::applicationPid())
            .arg(QLatin1String(name));
    }

    QTemporaryDir m_dir;
    QString m_socat;
    QString m_python;
    QString m_scripts;
};

void tst_UnixCli::initTestCase()
{
    QVERIFY2(QFile::exists(E2e::binary()), qPrintable(E2e::binary()));
    QVERIFY(m_dir.isValid());
    m_socat = QStandardPaths::findExecutable(QStringLiteral("socat"));
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    m_scripts = QDir(qEnvironmentVariable("SOCKETSCOPE_SOURCE_DIR"))
                    .filePath(QStringLiteral("tests/e2e/tutorial"));
    // The tutorial's client is Python; CI installs python3 (scripts/deps.sh).
    if (m_python.isEmpty())
        QSKIP("python3 is not installed");
}

void tst_UnixCli::startScope(E2e::Process &scope, const QStringList &args, const char *event)
{
    QVERIFY2(scope.start(args + QStringList{QStringLiteral("--json")}),
             qPrintable(scope.process().errorString()));
    QVERIFY2(scope.waitForEvent(event) >= 0, scope.transcript().constData());
}

void tst_UnixCli::startPython(E2e::Process &p, const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    p.process().setProcessEnvironment(env);
    p.setParseJson(false);
    QVERIFY2(p.start(QStringList{QDir(m_scripts).filePath(QStringLiteral("unix_client.py"))} + args,
                     m_python),
             qPrintable(p.process().errorString()));
}

void tst_UnixCli::tutorialHelloOverAStreamSocket()
{
    const QString path = socketPath("hello.sock");
    E2e::Process scope;
    startScope(scope, {QStringLiteral("unix-server"), path}, "listening");
    if (QTest::currentTestFailed())
        return;
    const QJsonObject listening = scope.events().at(
        scope.indexOf([](const QJsonObject &o) { return E2e::isEvent(o, "listening"); }));
    QCOMPARE(E2e::jsonString(listening, "message"), path);

    E2e::Process python;
    startPython(python, {path});
    if (QTest::currentTestFailed())
        return;
    const qint64 pythonPid = python.process().processId();
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QVERIFY2(python.exitCode() == 0, python.transcript().constData());
    QCOMPARE(python.stdoutBytes(),
             QByteArray("Welcome!\nHello, Michael!\nHello, Tracy!\nHello, Sarah!\n"));

    const qsizetype closed = scope.waitForEvent("closed");
    QVERIFY2(closed >= 0, scope.transcript().constData());
    QCOMPARE(E2e::jsonString(scope.events().at(closed), "reason"),
             QStringLiteral("Exit word received"));
    // The connection's peer is the client process, named by its credentials.
    const QString peer = E2e::jsonString(scope.events().at(closed), "peer");
    QCOMPARE(peer, QStringLiteral("pid %1, uid %2").arg(pythonPid).arg(::getuid()));
    QCOMPARE(E2e::jsonString(scope.events().at(closed), "local"), path);

    // Stopping removes the socket file it made.
    scope.process().terminate();
    QVERIFY2(scope.waitFinished(10000), scope.transcript().constData());
    QVERIFY(!QFile::exists(path));
}

void tst_UnixCli::seqpacketKeepsMessages()
{
    const QString path = socketPath("packets.sock");
    E2e::Process scope;
    startScope(scope, {QStringLiteral("unix-server"), path, QStringLiteral("--seqpacket")},
               "listening");
    if (QTest::currentTestFailed())
        return;
    E2e::Process python;
    startPython(python, {path, QStringLiteral("seqpacket")});
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QVERIFY2(python.exitCode() == 0, python.transcript().constData());
    // Two names sent back to back are two messages, and so are the two replies.
    QCOMPARE(python.stdoutBytes(), QByteArray("Welcome!\nHello, Michael!\nHello, Tracy!\n"));
}

void tst_UnixCli::socatConnectsWithExactBytesAndCredentials()
{
    if (m_socat.isEmpty())
        QSKIP("socat is not installed");
    const QString path = socketPath("socat.sock");
    E2e::Process scope;
    startScope(
        scope,
        {QStringLiteral("unix-server"), path, QStringLiteral("--protocol"), QStringLiteral("none")},
        "listening");
    if (QTest::currentTestFailed())
        return;
    E2e::Process socat;
    socat.setParseJson(false);
    QVERIFY(socat.start({QStringLiteral("-"), QStringLiteral("UNIX-CONNECT:") + path}, m_socat));
    const QByteArray binary("\x00\x01\xfe\xff"
                            "bytes\r\n",
                            11);
    socat.write(binary);
    const qsizetype in = scope.waitForEvent("in");
    QVERIFY2(in >= 0, scope.transcript().constData());
    QCOMPARE(E2e::jsonString(scope.events().at(in), "hex"), QString::fromLatin1(binary.toHex()));

    const qsizetype note = scope.indexOf([](const QJsonObject &o) {
        return E2e::isEvent(o, "note") &&
               E2e::jsonString(o, "message").startsWith(QLatin1String("Peer credentials"));
    });
    QVERIFY2(note >= 0, scope.transcript().constData());
    QCOMPARE(E2e::jsonString(scope.events().at(note), "message"),
             QStringLiteral("Peer credentials: pid %1, uid %2, gid %3")
                 .arg(socat.process().processId())
                 .arg(::getuid())
                 .arg(::getgid()));

    // Standard input goes to every client, byte for byte.
    scope.write("to socat\n");
    QVERIFY2(socat.waitForStdout("to socat\n"), socat.transcript().constData());
    QCOMPARE(socat.stdoutBytes(), QByteArray("to socat\n"));
}

void tst_UnixCli::clientToSocatListen()
{
    if (m_socat.isEmpty())
        QSKIP("socat is not installed");
    const QString path = socketPath("listen.sock");
    E2e::Process socat;
    socat.setParseJson(false);
    QVERIFY(socat.start({QStringLiteral("UNIX-LISTEN:") + path, QStringLiteral("-")}, m_socat));
    QVERIFY(QTest::qWaitFor([&] { return QFile::exists(path); }, 10000));

    E2e::Process scope;
    scope.setParseJson(false);
    QVERIFY(scope.start({QStringLiteral("unix-client"), path, QStringLiteral("--raw")}));
    scope.write("Michael\n");
    QVERIFY2(socat.waitForStdout("Michael\n"), socat.transcript().constData());
    QCOMPARE(socat.stdoutBytes(), QByteArray("Michael\n"));
    socat.write("Hello, Michael!");
    QVERIFY2(scope.waitForStdout("Hello, Michael!"), scope.transcript().constData());
    QCOMPARE(scope.stdoutBytes(), QByteArray("Hello, Michael!"));
    // socat closing its end finishes the client normally.
    socat.closeStdin();
    QVERIFY2(scope.waitFinished(10000), scope.transcript().constData());
    QCOMPARE(scope.exitCode(), 0);
}

void tst_UnixCli::datagramHelloWithSocatSendto()
{
    if (m_socat.isEmpty())
        QSKIP("socat is not installed");
    const QString path = socketPath("dgram.sock");
    const QString client = socketPath("dgram-client.sock");
    E2e::Process scope;
    startScope(
        scope,
        {QStringLiteral("unix-dgram"), path, QStringLiteral("--protocol"), QStringLiteral("hello")},
        "bound");
    if (QTest::currentTestFailed())
        return;
    // The sender binds a path of its own, or it could not be answered.
    E2e::Process socat;
    socat.setParseJson(false);
    QVERIFY(socat.start(
        {QStringLiteral("-"), QStringLiteral("UNIX-SENDTO:%1,bind=%2").arg(path, client)},
        m_socat));
    socat.write("Michael");
    QVERIFY2(socat.waitForStdout("Hello, Michael!"), socat.transcript().constData());
    QCOMPARE(socat.stdoutBytes(), QByteArray("Hello, Michael!"));

    const qsizetype in = scope.waitForEvent("in");
    QVERIFY2(in >= 0, scope.transcript().constData());
    QCOMPARE(E2e::jsonString(scope.events().at(in), "text"), QStringLiteral("Michael"));
    // The sender's path, and who sent it (SCM_CREDENTIALS), as a stream connection shows it.
    QCOMPARE(E2e::jsonString(scope.events().at(in), "peer"), QStringLiteral("%1 (pid %2, uid %3)")
                                                                 .arg(client)
                                                                 .arg(socat.process().processId())
                                                                 .arg(::getuid()));
    QCOMPARE(E2e::jsonString(scope.events().at(in), "local"), path);
}

void tst_UnixCli::datagramSendersAreToldByTheirCredentials()
{
    if (m_socat.isEmpty())
        QSKIP("socat is not installed");
    const QString path = socketPath("creds.sock");
    E2e::Process scope;
    startScope(
        scope,
        {QStringLiteral("unix-dgram"), path, QStringLiteral("--protocol"), QStringLiteral("none")},
        "bound");
    if (QTest::currentTestFailed())
        return;
    // Two senders without a path of their own: each is a peer of its own, named
    // by its pid and uid, with its gid in a note.
    E2e::Process first;
    E2e::Process second;
    for (E2e::Process *socat : {&first, &second}) {
        socat->setParseJson(false);
        QVERIFY(
            socat->start({QStringLiteral("-"), QStringLiteral("UNIX-SENDTO:") + path}, m_socat));
    }
    first.write("from the first");
    QVERIFY2(scope.waitForEvent("in") >= 0, scope.transcript().constData());
    second.write("from the second");
    const qsizetype in = scope.waitForEvent([](const QJsonObject &o) {
        return E2e::isEvent(o, "in") &&
               E2e::jsonString(o, "text") == QLatin1String("from the second");
    });
    QVERIFY2(in >= 0, scope.transcript().constData());

    QSet<qint64> connections;
    for (E2e::Process *socat : {&first, &second}) {
        const QString who =
            QStringLiteral("pid %1, uid %2").arg(socat->process().processId()).arg(::getuid());
        const qsizetype received = scope.indexOf([&](const QJsonObject &o) {
            return E2e::isEvent(o, "in") && E2e::jsonString(o, "peer") == who;
        });
        QVERIFY2(received >= 0, qPrintable(who + u'\n' + QString::fromUtf8(scope.transcript())));
        const qint64 connection =
            scope.events().at(received).value(QLatin1String("connection")).toInteger();
        connections.insert(connection);
        const QString credentials = QStringLiteral("Peer credentials: pid %1, uid %2, gid %3")
                                        .arg(socat->process().processId())
                                        .arg(::getuid())
                                        .arg(::getgid());
        QVERIFY2(scope.indexOf([&](const QJsonObject &o) {
            return E2e::isEvent(o, "note") && E2e::jsonString(o, "message") == credentials &&
                   o.value(QLatin1String("connection")).toInteger() == connection;
        }) >= 0,
                 qPrintable(credentials));
    }
    QCOMPARE(connections.size(), 2);
}

void tst_UnixCli::datagramChatEndsOnTheEndWord()
{
    if (m_socat.isEmpty())
        QSKIP("socat is not installed");
    const QString path = socketPath("chat-a.sock");
    const QString peer = socketPath("chat-b.sock");
    E2e::Process scope;
    startScope(scope, {QStringLiteral("unix-dgram"), path, QStringLiteral("--peer"), peer},
               "bound");
    if (QTest::currentTestFailed())
        return;
    E2e::Process socat;
    socat.setParseJson(false);
    QVERIFY(socat.start(
        {QStringLiteral("-"), QStringLiteral("UNIX-SENDTO:%1,bind=%2").arg(path, peer)}, m_socat));
    socat.write("hi");
    QVERIFY2(scope.waitForEvent("in") >= 0, scope.transcript().constData());
    // A peer given means the tutorial's chat: stdin goes to the peer, "88" ends it.
    scope.write("see you\n");
    QVERIFY2(socat.waitForStdout("see you"), socat.transcript().constData());
    scope.write("88\n");
    QVERIFY2(scope.waitFinished(10000), scope.transcript().constData());
    QCOMPARE(scope.exitCode(), 0);
    QVERIFY2(socat.waitForStdout("see you88"), socat.transcript().constData());
}

void tst_UnixCli::abstractName()
{
    if (m_socat.isEmpty())
        QSKIP("socat is not installed");
    const QString name = abstractName("hello");
    E2e::Process scope;
    startScope(scope, {QStringLiteral("unix-server"), name}, "listening");
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(E2e::jsonString(scope.events().at(scope.indexOf([](const QJsonObject &o) {
                 return E2e::isEvent(o, "listening");
             })),
                             "message"),
             name);
    E2e::Process socat;
    socat.setParseJson(false);
    QVERIFY(socat.start({QStringLiteral("-"), QStringLiteral("ABSTRACT-CONNECT:") + name.mid(1)},
                        m_socat));
    QVERIFY2(socat.waitForStdout("Welcome!"), socat.transcript().constData());
    socat.write("Michael");
    QVERIFY2(socat.waitForStdout("Welcome!Hello, Michael!"), socat.transcript().constData());
    QCOMPARE(socat.stdoutBytes(), QByteArray("Welcome!Hello, Michael!"));

    // A second server on the same name finds it taken.
    E2e::Process second;
    QVERIFY(second.start({QStringLiteral("unix-server"), name}));
    QVERIFY2(second.waitFinished(10000), second.transcript().constData());
    QCOMPARE(second.exitCode(), 3);
    QVERIFY2(second.stderrBytes().contains("is in use"), second.transcript().constData());
}

void tst_UnixCli::staleSocketFileIsReplaced()
{
    // A socket file whose process has gone: bound, then closed without unlink.
    const QString path = socketPath("stale.sock");
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray bytes = QFile::encodeName(path);
    std::memcpy(address.sun_path, bytes.constData(), size_t(bytes.size()));
    QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    ::close(fd);
    QVERIFY(QFile::exists(path));

    E2e::Process scope;
    startScope(scope, {QStringLiteral("unix-server"), path}, "listening");
    if (QTest::currentTestFailed())
        return;
    E2e::Process python;
    startPython(python, {path});
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QVERIFY2(python.stdoutBytes().startsWith("Welcome!\n"), python.transcript().constData());

    // Not a socket: never removed.
    const QString plain = socketPath("plain-file");
    QFile file(plain);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("keep me");
    file.close();
    E2e::Process refused;
    QVERIFY(refused.start({QStringLiteral("unix-server"), plain}));
    QVERIFY2(refused.waitFinished(10000), refused.transcript().constData());
    QCOMPARE(refused.exitCode(), 3);
    QVERIFY2(refused.stderrBytes().contains("is not a socket"), refused.transcript().constData());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("keep me"));
}

void tst_UnixCli::liveSocketIsInUse()
{
    const QString path = socketPath("live.sock");
    E2e::Process first;
    startScope(first, {QStringLiteral("unix-server"), path}, "listening");
    if (QTest::currentTestFailed())
        return;
    E2e::Process second;
    QVERIFY(second.start({QStringLiteral("unix-server"), path}));
    QVERIFY2(second.waitFinished(10000), second.transcript().constData());
    QCOMPARE(second.exitCode(), 3);
    QVERIFY2(second.stderrBytes().contains(
                 QStringLiteral("%1 is in use: another process has a socket bound to it.")
                     .arg(path)
                     .toUtf8()),
             second.transcript().constData());
    // The first one is untouched and still answers.
    QVERIFY(first.isRunning());
    E2e::Process python;
    startPython(python, {path});
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QVERIFY2(python.stdoutBytes().startsWith("Welcome!\n"), python.transcript().constData());
}

void tst_UnixCli::rulesAnswer()
{
    if (m_socat.isEmpty())
        QSKIP("socat is not installed");
    const QString path = socketPath("rules.sock");
    E2e::Process scope;
    startScope(scope,
               {QStringLiteral("unix-server"), path, QStringLiteral("--protocol"),
                QStringLiteral("none"), QStringLiteral("--rule"), QStringLiteral("^ping$=>pong")},
               "listening");
    if (QTest::currentTestFailed())
        return;
    E2e::Process socat;
    socat.setParseJson(false);
    QVERIFY(socat.start({QStringLiteral("-"), QStringLiteral("UNIX-CONNECT:") + path}, m_socat));
    socat.write("ping");
    QVERIFY2(socat.waitForStdout("pong"), socat.transcript().constData());
    QCOMPARE(socat.stdoutBytes(), QByteArray("pong"));
}

void tst_UnixCli::captureShowsAFakeLoopbackConversation()
{
    const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    if (tshark.isEmpty())
        QSKIP("tshark is not installed");
    const QString path = socketPath("capture.sock");
    const QString file = m_dir.filePath(QStringLiteral("unix.pcapng"));
    E2e::Process scope;
    startScope(scope, {QStringLiteral("unix-server"), path, QStringLiteral("--write"), file},
               "listening");
    if (QTest::currentTestFailed())
        return;
    E2e::Process python;
    startPython(python, {path});
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(python.waitFinished(20000), python.transcript().constData());
    QVERIFY2(scope.waitForEvent("closed") >= 0, scope.transcript().constData());
    scope.process().terminate();
    QVERIFY2(scope.waitFinished(10000), scope.transcript().constData());

    // Wireshark follows it as a TCP stream between the documented fake addresses.
    QProcess follow;
    follow.start(tshark, {QStringLiteral("-r"), file, QStringLiteral("-q"), QStringLiteral("-z"),
                          QStringLiteral("follow,tcp,raw,0")});
    QVERIFY(follow.waitForFinished(60000));
    const QByteArray out = follow.readAllStandardOutput();
    QVERIFY2(out.contains("127.85.0.1:"), out.constData());
    QVERIFY2(out.contains("127.86.0.2:"), out.constData());
    QVERIFY2(out.contains(QByteArray("Welcome!").toHex()), out.constData());
    QVERIFY2(out.contains(QByteArray("Hello, Sarah!").toHex()), out.constData());
    QVERIFY2(out.contains(QByteArray("exit").toHex()), out.constData());
}

QTEST_GUILESS_MAIN(tst_UnixCli)
#include "tst_unix_cli.moc"
