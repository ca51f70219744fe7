// Broadcast and multicast between two hosts: two network namespaces made by
// the test and joined by a veth pair (10.213.0.1/24 and fd00:213::1/64 on
// vmc0 in one, 10.213.0.2/24 and fd00:213::2/64 on vmc1 in the other),
// removed again afterwards. SocketScope runs in the first (ip netns exec);
// the other host is socat, python3's socket module, or SocketScope again.
// No traffic leaves the two namespaces. Needs root (CAP_NET_ADMIN); skipped
// with a message where namespaces cannot be made.

#include "e2esupport.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <unistd.h>

using E2e::jsonString;

class tst_MulticastCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void ipv4JoinHearsSocat();
    void ipv4SourceSpecific();
    void ipv6JoinHearsPython();
    void ttlAndHopLimitOnSend();
    void ipv6BetweenTwoSocketScopes();
    void broadcastNeedsTheOption();
    void unknownInterfaceIsAUsageError();

private:
    // Runs a short command to its end (bounded); false with what it said.
    bool run(const QString &program, const QStringList &args, QByteArray *output = nullptr);
    bool ip(const QStringList &args, QByteArray *output = nullptr)
    {
        return run(m_ip, args, output);
    }
    QStringList inNamespace(const QString &ns, const QString &program,
                            const QStringList &args) const
    {
        return QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns, program} + args;
    }
    // Starts socketscope udp ARGS --json in the first namespace; its bound port.
    quint16 startScope(E2e::Process &scope, const QStringList &args, const QString &ns = {});
    // Starts the python receiver in the second namespace; the port it bound.
    quint16 startReceiver(E2e::Process &probe, const QStringList &args);
    QJsonObject receiverResult(E2e::Process &probe);
    QByteArray memberships(const QString &ns, const QString &device);

    QString m_ip;
    QString m_socat;
    QString m_python;
    QString m_probe;
    QString m_a; // SocketScope's host: vmc0
    QString m_b; // the other host: vmc1
    bool m_made = false;
};

bool tst_MulticastCli::run(const QString &program, const QStringList &args, QByteArray *output)
{
    QProcess p;
    p.start(program, args);
    const bool done = p.waitForFinished(10000);
    const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
    if (output)
        *output = out;
    if (!done || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("%s %s: %s", qPrintable(program), qPrintable(args.join(u' ')), out.constData());
        return false;
    }
    return true;
}

void tst_MulticastCli::initTestCase()
{
    m_ip = QStandardPaths::findExecutable(QStringLiteral("ip"));
    if (m_ip.isEmpty())
        m_ip = QStandardPaths::findExecutable(
            QStringLiteral("ip"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    m_socat = QStandardPaths::findExecutable(QStringLiteral("socat"));
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    m_probe = qEnvironmentVariable("SOCKETSCOPE_SOURCE_DIR") +
              QStringLiteral("/tests/e2e/netns/udp_probe.py");
    QVERIFY2(QFile::exists(E2e::binary()), "SOCKETSCOPE_BINARY is not set");
    if (m_ip.isEmpty())
        QSKIP("the ip command (iproute2) is not installed: no network namespaces");
    if (::geteuid() != 0)
        QSKIP("network namespaces need root (CAP_NET_ADMIN): the two-host tests are skipped");
    if (m_python.isEmpty())
        QSKIP("python3 is not installed");

    // Namespaces left by a run that crashed (its process is gone) go first.
    QByteArray list;
    if (ip({QStringLiteral("netns"), QStringLiteral("list")}, &list)) {
        static const QRegularExpression stale(QStringLiteral("^(ssmc-[ab]-(\\d+))\\b"),
                                              QRegularExpression::MultilineOption);
        for (const QRegularExpressionMatch &m : stale.globalMatch(QString::fromLocal8Bit(list))) {
            if (!QFile::exists(QStringLiteral("/proc/") + m.captured(2)))
                ip({QStringLiteral("netns"), QStringLiteral("del"), m.captured(1)});
        }
    }
    const QString suffix = QString::number(QCoreApplication::applicationPid());
    m_a = QStringLiteral("ssmc-a-") + suffix;
    m_b = QStringLiteral("ssmc-b-") + suffix;
    QByteArray said;
    if (!run(m_ip, {QStringLiteral("netns"), QStringLiteral("add"), m_a}, &said))
        QSKIP(qPrintable(QStringLiteral("cannot make a network namespace (%1): the two-host "
                                        "tests are skipped")
                             .arg(QString::fromLocal8Bit(said).trimmed())));
    m_made = true;
    QVERIFY(ip({QStringLiteral("netns"), QStringLiteral("add"), m_b}));
    // Addresses usable at once: no duplicate address detection on the new
    // links (their link-local addresses too), so no waiting for it.
    for (const QString &ns : {m_a, m_b}) {
        QVERIFY(run(m_ip, inNamespace(ns, QStringLiteral("sh"),
                                      {QStringLiteral("-c"),
                                       QStringLiteral("echo 0 > /proc/sys/net/ipv6/conf/default/"
                                                      "accept_dad")})));
    }
    QVERIFY(ip({QStringLiteral("-n"), m_a, QStringLiteral("link"), QStringLiteral("add"),
                QStringLiteral("vmc0"), QStringLiteral("type"), QStringLiteral("veth"),
                QStringLiteral("peer"), QStringLiteral("name"), QStringLiteral("vmc1"),
                QStringLiteral("netns"), m_b}));
    const auto setUp = [this](const QString &ns, const QString &dev, const QStringList &addresses) {
        for (const QString &address : addresses) {
            QStringList args{
                QStringLiteral("-n"),  ns, QStringLiteral("addr"), QStringLiteral("add"), address,
                QStringLiteral("dev"), dev};
            if (address.contains(u':'))
                args << QStringLiteral("nodad");
            if (!ip(args))
                return false;
        }
        return ip({QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"),
                   QStringLiteral("lo"), QStringLiteral("up")}) &&
               ip({QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"), dev,
                   QStringLiteral("up")});
    };
    QVERIFY(setUp(m_a, QStringLiteral("vmc0"),
                  {QStringLiteral("10.213.0.1/24"), QStringLiteral("fd00:213::1/64")}));
    QVERIFY(setUp(m_b, QStringLiteral("vmc1"),
                  {QStringLiteral("10.213.0.2/24"), QStringLiteral("10.213.0.3/24"),
                   QStringLiteral("fd00:213::2/64")}));
    // Bounded: each veth end has its carrier (LOWER_UP on its own line, not
    // just lo's), no IPv6 address is still tentative, and IPv6 has set up the
    // link (its ff00::/8 multicast route: before it, sending to a group on
    // that link is "Network is unreachable").
    const std::pair<QString, QString> ends[] = {{m_a, QStringLiteral("vmc0")},
                                                {m_b, QStringLiteral("vmc1")}};
    for (const auto &[ns, dev] : ends) {
        QByteArray tentative;
        QByteArray link;
        QByteArray routes;
        QTRY_VERIFY2_WITH_TIMEOUT(
            ip({QStringLiteral("-n"), ns, QStringLiteral("-6"), QStringLiteral("addr"),
                QStringLiteral("show"), QStringLiteral("tentative")},
               &tentative) &&
                tentative.trimmed().isEmpty() &&
                ip({QStringLiteral("-n"), ns, QStringLiteral("-o"), QStringLiteral("link"),
                    QStringLiteral("show"), QStringLiteral("dev"), dev},
                   &link) &&
                link.contains("LOWER_UP") &&
                ip({QStringLiteral("-n"), ns, QStringLiteral("-6"), QStringLiteral("route"),
                    QStringLiteral("show"), QStringLiteral("table"), QStringLiteral("local"),
                    QStringLiteral("dev"), dev},
                   &routes) &&
                routes.contains("ff00::/8"),
            qPrintable(QString::fromLatin1(tentative + link + routes)), 10000);
    }
}

void tst_MulticastCli::cleanupTestCase()
{
    // Deleting a namespace deletes its end of the veth pair, and so the pair.
    if (!m_made)
        return;
    run(m_ip, {QStringLiteral("netns"), QStringLiteral("del"), m_a});
    run(m_ip, {QStringLiteral("netns"), QStringLiteral("del"), m_b});
}

quint16 tst_MulticastCli::startScope(E2e::Process &scope, const QStringList &args,
                                     const QString &ns)
{
    const QStringList all = inNamespace(ns.isEmpty() ? m_a : ns, E2e::binary(),
                                        QStringList{QStringLiteral("udp")} + args +
                                            QStringList{QStringLiteral("--json")});
    if (!scope.start(all, m_ip))
        return 0;
    const qsizetype i = scope.waitForEvent("bound");
    if (i != 0)
        return 0;
    return jsonString(scope.events().constFirst(), "local").section(u':', -1).toUShort();
}

quint16 tst_MulticastCli::startReceiver(E2e::Process &probe, const QStringList &args)
{
    probe.setParseJson(false);
    if (!probe.start(
            inNamespace(m_b, m_python, QStringList{m_probe, QStringLiteral("recv")} + args), m_ip))
        return 0;
    if (!probe.waitForStdout("\n"))
        return 0;
    const QByteArray line = probe.stdoutBytes().split('\n').constFirst();
    return line.startsWith("PORT ") ? line.mid(5).toUShort() : 0;
}

QJsonObject tst_MulticastCli::receiverResult(E2e::Process &probe)
{
    if (!probe.waitFinished(15000) || probe.exitCode() != 0)
        return {};
    const QList<QByteArray> lines = probe.stdoutBytes().trimmed().split('\n');
    return QJsonDocument::fromJson(lines.constLast()).object();
}

QByteArray tst_MulticastCli::memberships(const QString &ns, const QString &device)
{
    QByteArray out;
    ip({QStringLiteral("-n"), ns, QStringLiteral("maddr"), QStringLiteral("show"),
        QStringLiteral("dev"), device},
       &out);
    return out;
}

void tst_MulticastCli::ipv4JoinHearsSocat()
{
    if (m_socat.isEmpty())
        QSKIP("socat is not installed");
    E2e::Process scope;
    const quint16 port = startScope(scope, {QStringLiteral("0.0.0.0:0"), QStringLiteral("--join"),
                                            QStringLiteral("239.213.0.1"),
                                            QStringLiteral("--interface"), QStringLiteral("vmc0")});
    QVERIFY2(port != 0, scope.transcript().constData());
    const auto note = [](const QString &text) {
        return [text](const QJsonObject &o) {
            return E2e::isEvent(o, "note") && jsonString(o, "message") == text;
        };
    };
    QVERIFY2(
        scope.waitForEvent(note(QStringLiteral("Joined multicast group 239.213.0.1 on vmc0"))) == 2,
        scope.transcript().constData());
    // The kernel lists the membership on the interface.
    QVERIFY2(memberships(m_a, QStringLiteral("vmc0")).contains("239.213.0.1"),
             memberships(m_a, QStringLiteral("vmc0")).constData());

    // socat on the other host sends one datagram to the group.
    static const char raw[] = "multicast\x00\xff from socat"; // with a NUL and a non-UTF-8 byte
    const QByteArray payload(raw, sizeof raw - 1);
    E2e::Process socat;
    socat.setParseJson(false);
    QVERIFY(socat.start(inNamespace(m_b, m_socat,
                                    {QStringLiteral("-u"), QStringLiteral("STDIN"),
                                     QStringLiteral("UDP4-DATAGRAM:239.213.0.1:%1,"
                                                    "ip-multicast-if=10.213.0.2")
                                         .arg(port)}),
                        m_ip));
    socat.write(payload);
    socat.closeStdin();
    QVERIFY2(socat.waitFinished(10000) && socat.exitCode() == 0, socat.transcript().constData());

    const qsizetype in = scope.waitForEvent("in");
    QVERIFY2(in >= 0, scope.transcript().constData());
    const QJsonObject ev = scope.events().at(in);
    QCOMPARE(QByteArray::fromHex(jsonString(ev, "hex").toLatin1()), payload);
    QVERIFY2(jsonString(ev, "peer").startsWith(QStringLiteral("10.213.0.2:")),
             qPrintable(jsonString(ev, "peer")));

    // Stopping leaves the group: said in the log, and gone from the interface.
    scope.process().terminate();
    QVERIFY2(scope.waitFinished(10000), scope.transcript().constData());
    const qsizetype left =
        scope.indexOf(note(QStringLiteral("Left multicast group 239.213.0.1 on vmc0")));
    QVERIFY2(left > in, scope.transcript().constData());
    QVERIFY2(scope.indexOf([](const QJsonObject &o) { return E2e::isEvent(o, "stopped"); }) > left,
             scope.transcript().constData());
    QVERIFY2(!memberships(m_a, QStringLiteral("vmc0")).contains("239.213.0.1"),
             memberships(m_a, QStringLiteral("vmc0")).constData());
}

void tst_MulticastCli::ipv4SourceSpecific()
{
    E2e::Process scope;
    const quint16 port = startScope(scope, {QStringLiteral("0.0.0.0:0"), QStringLiteral("--join"),
                                            QStringLiteral("232.213.0.1@10.213.0.2"),
                                            QStringLiteral("--interface"), QStringLiteral("vmc0")});
    QVERIFY2(port != 0, scope.transcript().constData());
    QVERIFY2(scope.waitForEvent([](const QJsonObject &o) {
        return jsonString(o, "message") ==
               u"Joined multicast group 232.213.0.1 for source 10.213.0.2 on vmc0";
    }) > 0,
             scope.transcript().constData());
    // The other host sends from a source not asked for, then from the one asked
    // for, over the same link: only the second one arrives.
    const auto send = [&](const QString &source, const QByteArray &bytes) {
        return run(m_ip, inNamespace(m_b, m_python,
                                     {m_probe, QStringLiteral("send"), QStringLiteral("4"),
                                      QStringLiteral("232.213.0.1"), QString::number(port),
                                      QStringLiteral("vmc1"), QString::fromLatin1(bytes.toHex()),
                                      source}));
    };
    QVERIFY(send(QStringLiteral("10.213.0.3"), "from the wrong source"));
    QVERIFY(send(QStringLiteral("10.213.0.2"), "from the right source"));
    const qsizetype in = scope.waitForEvent("in");
    QVERIFY2(in >= 0, scope.transcript().constData());
    QCOMPARE(jsonString(scope.events().at(in), "text"), QStringLiteral("from the right source"));
    QVERIFY(jsonString(scope.events().at(in), "peer").startsWith(QStringLiteral("10.213.0.2:")));
    scope.process().terminate();
    QVERIFY2(scope.waitFinished(10000), scope.transcript().constData());
    QCOMPARE(scope.indexOf([](const QJsonObject &o) {
        return E2e::isEvent(o, "in") && jsonString(o, "text") == u"from the wrong source";
    }),
             qsizetype(-1));
}

void tst_MulticastCli::ipv6JoinHearsPython()
{
    E2e::Process scope;
    const quint16 port = startScope(scope, {QStringLiteral("[::]:0"), QStringLiteral("--join"),
                                            QStringLiteral("ff15::213:1"),
                                            QStringLiteral("--interface"), QStringLiteral("vmc0")});
    QVERIFY2(port != 0, scope.transcript().constData());
    // Bound to ::, and said so (not as 0.0.0.0).
    QVERIFY2(jsonString(scope.events().constFirst(), "local") ==
                 QStringLiteral("[::]:%1").arg(port),
             scope.transcript().constData());
    QVERIFY2(scope.waitForEvent([](const QJsonObject &o) {
        return jsonString(o, "message") == u"Joined multicast group ff15::213:1 on vmc0";
    }) == 2,
             scope.transcript().constData());
    QVERIFY2(memberships(m_a, QStringLiteral("vmc0")).contains("ff15::213:1"),
             memberships(m_a, QStringLiteral("vmc0")).constData());

    const QByteArray payload("IPv6 multicast \x01\x02\x03", 18);
    QVERIFY(run(m_ip, inNamespace(m_b, m_python,
                                  {m_probe, QStringLiteral("send"), QStringLiteral("6"),
                                   QStringLiteral("ff15::213:1"), QString::number(port),
                                   QStringLiteral("vmc1"), QString::fromLatin1(payload.toHex())})));
    const qsizetype in = scope.waitForEvent("in");
    QVERIFY2(in >= 0, scope.transcript().constData());
    QCOMPARE(QByteArray::fromHex(jsonString(scope.events().at(in), "hex").toLatin1()), payload);
    QVERIFY2(
        jsonString(scope.events().at(in), "peer").startsWith(QStringLiteral("[fd00:213::2]:")) ||
            jsonString(scope.events().at(in), "peer").startsWith(QStringLiteral("[fe80::")),
        qPrintable(jsonString(scope.events().at(in), "peer")));

    scope.process().terminate();
    QVERIFY2(scope.waitFinished(10000), scope.transcript().constData());
    QVERIFY2(scope.indexOf([](const QJsonObject &o) {
        return jsonString(o, "message") == u"Left multicast group ff15::213:1 on vmc0";
    }) > in,
             scope.transcript().constData());
    QVERIFY2(!memberships(m_a, QStringLiteral("vmc0")).contains("ff15::213:1"),
             memberships(m_a, QStringLiteral("vmc0")).constData());
}

void tst_MulticastCli::ttlAndHopLimitOnSend()
{
    struct Case
    {
        const char *family, *bind, *group;
        int ttl;
    };
    for (const Case &c :
         {Case{"4", "0.0.0.0:0", "239.213.0.7", 3}, Case{"6", "[::]:0", "ff15::213:7", 5}}) {
        E2e::Process probe;
        const quint16 port =
            startReceiver(probe, {QString::fromLatin1(c.family), QString::fromLatin1(c.group),
                                  QStringLiteral("vmc1")});
        QVERIFY2(port != 0, probe.transcript().constData());
        const QString group = QString::fromLatin1(c.group);
        const QString peer = group.contains(u':') ? QString(u'[' + group + u']') : group;
        E2e::Process scope;
        QVERIFY2(startScope(scope, {QString::fromLatin1(c.bind), QStringLiteral("--peer"),
                                    peer + u':' + QString::number(port),
                                    QStringLiteral("--interface"), QStringLiteral("vmc0"),
                                    QStringLiteral("--ttl"), QString::number(c.ttl),
                                    QStringLiteral("--multicast-loop"), QStringLiteral("off")}) !=
                     0,
                 scope.transcript().constData());
        const QString option = QString::fromLatin1(c.family) == u"4" ? QStringLiteral("TTL")
                                                                     : QStringLiteral("hop limit");
        // startScope() returns once "bound" is read; the note after it may
        // still be on its way.
        QVERIFY2(scope.waitForEvent([&](const QJsonObject &o) {
            return jsonString(o, "message") ==
                   QStringLiteral("Socket options: %1 %2, multicast loopback off, multicast sent "
                                  "through vmc0")
                       .arg(option)
                       .arg(c.ttl);
        }) == 1,
                 scope.transcript().constData());
        scope.write("to the group\n");
        const QJsonObject got = receiverResult(probe);
        QVERIFY2(!got.isEmpty(), probe.transcript().constData());
        QCOMPARE(QByteArray::fromHex(got.value(QStringLiteral("hex")).toString().toLatin1()),
                 QByteArray("to the group"));
        QCOMPARE(got.value(QStringLiteral("ttl")).toInt(), c.ttl);
        QVERIFY2(scope.waitForEvent("out") > 0, scope.transcript().constData());
        scope.process().terminate();
        QVERIFY(scope.waitFinished(10000));
    }
}

void tst_MulticastCli::ipv6BetweenTwoSocketScopes()
{
    // SocketScope on both hosts: a hello server joined to an IPv6 group
    // answers a datagram sent to the group, back to the sender's address.
    E2e::Process server;
    const quint16 port = startScope(
        server, {QStringLiteral("[::]:0"), QStringLiteral("--protocol"), QStringLiteral("hello"),
                 QStringLiteral("--join"), QStringLiteral("ff15::213:2"),
                 QStringLiteral("--interface"), QStringLiteral("vmc0")});
    QVERIFY2(port != 0, server.transcript().constData());
    E2e::Process client;
    QVERIFY2(startScope(client,
                        {QStringLiteral("[fd00:213::2]:0"), QStringLiteral("--peer"),
                         QStringLiteral("[ff15::213:2]:%1").arg(port),
                         QStringLiteral("--interface"), QStringLiteral("vmc1")},
                        m_b) != 0,
             client.transcript().constData());
    client.write("Michael\n");
    const qsizetype reply = client.waitForEvent("in");
    QVERIFY2(reply >= 0, client.transcript().constData());
    QCOMPARE(jsonString(client.events().at(reply), "text"), QStringLiteral("Hello, Michael!"));
    QCOMPARE(jsonString(client.events().at(reply), "peer"),
             QStringLiteral("[fd00:213::1]:%1").arg(port));
}

void tst_MulticastCli::broadcastNeedsTheOption()
{
    // Without --broadcast the kernel refuses: the error says how to allow it.
    {
        E2e::Process scope;
        QVERIFY2(startScope(scope, {QStringLiteral("0.0.0.0:0"), QStringLiteral("--peer"),
                                    QStringLiteral("10.213.0.255:9")}) != 0,
                 scope.transcript().constData());
        scope.write("not allowed\n");
        const qsizetype error = scope.waitForEvent("error");
        QVERIFY2(error > 0, scope.transcript().constData());
        const QString message = jsonString(scope.events().at(error), "message");
        QVERIFY2(message.contains(QStringLiteral("this is a broadcast address, and broadcast is "
                                                 "not enabled for this session (use --broadcast")),
                 qPrintable(message));
        QCOMPARE(scope.indexOf([](const QJsonObject &o) { return E2e::isEvent(o, "out"); }),
                 qsizetype(-1));
    }
    E2e::Process probe;
    const quint16 port = startReceiver(probe, {QStringLiteral("4")});
    QVERIFY2(port != 0, probe.transcript().constData());
    E2e::Process scope;
    QVERIFY2(startScope(scope, {QStringLiteral("0.0.0.0:0"), QStringLiteral("--peer"),
                                QStringLiteral("10.213.0.255:%1").arg(port),
                                QStringLiteral("--broadcast")}) != 0,
             scope.transcript().constData());
    QVERIFY2(scope.waitForEvent([](const QJsonObject &o) {
        return jsonString(o, "message") == u"Broadcast enabled (SO_BROADCAST)";
    }) == 1,
             scope.transcript().constData());
    scope.write("to everyone on 10.213.0.0/24\n");
    const QJsonObject got = receiverResult(probe);
    QVERIFY2(!got.isEmpty(), probe.transcript().constData());
    QCOMPARE(QByteArray::fromHex(got.value(QStringLiteral("hex")).toString().toLatin1()),
             QByteArray("to everyone on 10.213.0.0/24"));
    QCOMPARE(got.value(QStringLiteral("from")).toString(), QStringLiteral("10.213.0.1"));
}

void tst_MulticastCli::unknownInterfaceIsAUsageError()
{
    // The interface exists in the first namespace only.
    E2e::Process scope;
    QVERIFY(scope.start(inNamespace(m_b, E2e::binary(),
                                    {QStringLiteral("udp"), QStringLiteral("0.0.0.0:0"),
                                     QStringLiteral("--join"), QStringLiteral("239.213.0.1"),
                                     QStringLiteral("--interface"), QStringLiteral("vmc0")}),
                        m_ip));
    QVERIFY(scope.waitFinished(10000));
    QCOMPARE(scope.exitCode(), 2);
    QVERIFY2(scope.stderrBytes().contains("There is no network interface named \"vmc0\""),
             scope.transcript().constData());
}

QTEST_GUILESS_MAIN(tst_MulticastCli)
#include "tst_multicast_cli.moc"
