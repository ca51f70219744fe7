#include "hostport.h"
#include "sessionconfig.h"

#include <QTest>

class tst_SessionConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostPort_data();
    void hostPort();
    void format();
    void arguments_data();
    void arguments();
    void badArguments_data();
    void badArguments();
    void roundTrip_data();
    void roundTrip();
    void idleTimeout_data();
    void idleTimeout();
    void checkTyped_data();
    void checkTyped();
};

void tst_SessionConfig::hostPort_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("hostRequired");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("port only") << "9999" << false << true << "" << 9999 << "";
    QTest::newRow("port zero") << "0" << false << true << "" << 0 << "";
    QTest::newRow("ipv4") << "127.0.0.1:8888" << true << true << "127.0.0.1" << 8888 << "";
    QTest::newRow("name") << "localhost:80" << true << true << "localhost" << 80 << "";
    QTest::newRow("ipv6") << "[::1]:9999" << true << true << "::1" << 9999 << "";
    QTest::newRow("spaces") << " 127.0.0.1:1 " << true << true << "127.0.0.1" << 1 << "";
    QTest::newRow("too big") << "70000" << false << false << "" << 0 << "out of range";
    QTest::newRow("not a number") << "abc" << false << false << "" << 0 << "not a number";
    QTest::newRow("negative") << "-1" << false << false << "" << 0 << "not a number";
    QTest::newRow("missing port") << "127.0.0.1:" << true << false << "" << 0 << "missing";
    QTest::newRow("host needed") << "9999" << true << false << "" << 0 << "host and a port";
    QTest::newRow("bare ipv6") << "::1:9999" << true << false << "" << 0 << "brackets";
    QTest::newRow("open bracket") << "[::1:9999" << true << false << "" << 0 << "closing bracket";
    QTest::newRow("bracketed v4") << "[1.2.3.4]:9" << true << false << "" << 0 << "not an IPv6";
    QTest::newRow("client port 0") << "127.0.0.1:0" << true << false << "" << 0 << "Port 0";
    QTest::newRow("empty host") << ":80" << true << false << "" << 0 << "host before the colon";
    // Found by fuzzing: accepted, saved, then read back as an unknown option.
    QTest::newRow("host like an option")
        << " --end-w3:3" << true << false << "" << 0 << "cannot start with \"-\"";
    QTest::newRow("dash host, optional")
        << "-x:3" << false << false << "" << 0 << "cannot start with \"-\"";
    QTest::newRow("newline in host") << "a\nb:3" << true << false << "" << 0 << "cannot contain";
    // Digits and dots: an IPv4 address or an error, never a host name to look up.
    QTest::newRow("three numbers")
        << "1.2.3:80" << true << false << "" << 0 << "\"1.2.3\" is not an IPv4 address";
    QTest::newRow("number too big")
        << "999.1.1.1:80" << true << false << "" << 0 << "four numbers from 0 to 255";
    QTest::newRow("five numbers") << "1.2.3.4.5:80" << false << false << "" << 0
                                  << "not an IPv4 address";
    QTest::newRow("empty part") << "1..3.4:80" << false << false << "" << 0 << "not an IPv4";
    QTest::newRow("ipv4 edge") << "255.0.0.0:1" << true << true << "255.0.0.0" << 1 << "";
    QTest::newRow("name with digits")
        << "1.2.3.example:1" << true << true << "1.2.3.example" << 1 << "";
    QTest::newRow("name with dash") << "my-host:1" << true << true << "my-host" << 1 << "";
}

void tst_SessionConfig::hostPort()
{
    QFETCH(QString, text);
    QFETCH(bool, hostRequired);
    QFETCH(bool, ok);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, errorPart);
    HostPort::Parsed parsed;
    QString error;
    const bool result = HostPort::parse(
        text, hostRequired ? HostPort::HostRule::Required : HostPort::HostRule::Optional,
        hostRequired ? HostPort::PortRule::NonZero : HostPort::PortRule::AllowZero, &parsed,
        &error);
    QCOMPARE(result, ok);
    if (ok) {
        QCOMPARE(parsed.host, host);
        QCOMPARE(int(parsed.port), port);
    } else {
        QVERIFY2(error.contains(errorPart), qPrintable(error));
    }
}

void tst_SessionConfig::format()
{
    QCOMPARE(HostPort::format(QHostAddress(QStringLiteral("127.0.0.1")), 9999),
             QStringLiteral("127.0.0.1:9999"));
    QCOMPARE(HostPort::format(QHostAddress(QStringLiteral("::1")), 9999),
             QStringLiteral("[::1]:9999"));
    QCOMPARE(HostPort::format(QHostAddress(QStringLiteral("::ffff:127.0.0.1")), 5),
             QStringLiteral("127.0.0.1:5"));
    // Spelled as QHostAddress spells it, at the ends of the ranges too.
    for (const char *address : {"0.0.0.0", "255.255.255.255", "10.0.200.7", "1.2.3.4"}) {
        for (const quint16 port : {quint16(0), quint16(7), quint16(65535)}) {
            const QHostAddress a{QLatin1StringView(address)};
            QCOMPARE(HostPort::format(a, port), a.toString() + u':' + QString::number(port));
        }
    }
    QCOMPARE(HostPort::format(QHostAddress(QStringLiteral("255.255.255.255")), 65535),
             QStringLiteral("255.255.255.255:65535"));
    QCOMPARE(HostPort::format(QStringLiteral("::1"), 1), QStringLiteral("[::1]:1"));
    QCOMPARE(HostPort::format(QStringLiteral("localhost"), 1), QStringLiteral("localhost:1"));
}

void tst_SessionConfig::arguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("protocol");
    QTest::addColumn<QStringList>("rest");

    using K = SessionConfig::Kind;
    using P = SessionConfig::Protocol;
    QTest::newRow("server default address")
        << QStringList{"tcp-server", "9999"} << int(K::TcpServer) << "127.0.0.1" << 9999
        << int(P::Hello) << QStringList{};
    QTest::newRow("server json any")
        << QStringList{"tcp-server", "0.0.0.0:0", "--json", "--protocol", "none"}
        << int(K::TcpServer) << "0.0.0.0" << 0 << int(P::None) << QStringList{"--json"};
    QTest::newRow("client raw") << QStringList{"tcp-client", "[::1]:80", "--raw", "--timeout", "3"}
                                << int(K::TcpClient) << "::1" << 80 << int(P::None)
                                << QStringList{"--raw"};
    QTest::newRow("udp hello") << QStringList{"udp", "9999", "--protocol=hello"} << int(K::Udp)
                               << "127.0.0.1" << 9999 << int(P::Hello) << QStringList{};
    QTest::newRow("udp peer means chat")
        << QStringList{"udp", "8888", "--peer", "127.0.0.1:8889"} << int(K::Udp) << "127.0.0.1"
        << 8888 << int(P::Chat) << QStringList{};
    QTest::newRow("udp peer plain")
        << QStringList{"udp", "8888", "--peer", "127.0.0.1:8889", "--protocol", "none"}
        << int(K::Udp) << "127.0.0.1" << 8888 << int(P::None) << QStringList{};
}

void tst_SessionConfig::arguments()
{
    QFETCH(QStringList, args);
    QFETCH(int, kind);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(int, protocol);
    QFETCH(QStringList, rest);
    SessionConfig c;
    QString error;
    QStringList gotRest;
    QVERIFY2(SessionConfig::fromArguments(args, &c, &error, &gotRest), qPrintable(error));
    QCOMPARE(int(c.kind), kind);
    QCOMPARE(c.host, host);
    QCOMPARE(int(c.port), port);
    QCOMPARE(int(c.protocol), protocol);
    QCOMPARE(gotRest, rest);
}

void tst_SessionConfig::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("no subcommand") << QStringList{} << "Missing subcommand";
    QTest::newRow("unknown subcommand") << QStringList{"tcp"} << "Unknown subcommand \"tcp\"";
    QTest::newRow("no port") << QStringList{"tcp-server"} << "needs [ADDRESS:]PORT";
    QTest::newRow("bad port") << QStringList{"tcp-server", "70000"} << "out of range";
    QTest::newRow("unknown option")
        << QStringList{"udp", "1", "--frobnicate"} << "Unknown option \"--frobnicate\"";
    QTest::newRow("option for other kind") << QStringList{"tcp-client", "h:1", "--max-clients", "3"}
                                           << "Unknown option \"--max-clients\"";
    QTest::newRow("bad protocol") << QStringList{"tcp-server", "1", "--protocol", "chat"}
                                  << "Unknown protocol \"chat\"";
    QTest::newRow("chat without peer")
        << QStringList{"udp", "1", "--protocol", "chat"} << "needs a peer";
    QTest::newRow("bad peer") << QStringList{"udp", "1", "--peer", "8889"} << "--peer";
    QTest::newRow("max clients 0") << QStringList{"tcp-server", "1", "--max-clients", "0"}
                                   << "--max-clients needs a whole number";
    QTest::newRow("value missing")
        << QStringList{"tcp-server", "1", "--max-clients"} << "needs a value";
    QTest::newRow("two addresses")
        << QStringList{"tcp-server", "1", "2"} << "Unexpected argument \"2\"";
    QTest::newRow("client port 0") << QStringList{"tcp-client", "127.0.0.1:0"} << "Port 0";
    QTest::newRow("bad greeting hex")
        << QStringList{"tcp-server", "1", "--greeting-hex", "fg"} << "--greeting-hex: ";
    QTest::newRow("host like an option")
        << QStringList{"udp", " --end-w3:3"} << "cannot start with \"-\"";
    for (const char *bad : {"0.0001", "1e3", "-1", ".5", "5.", "1,5", "0x10", "31536001", ""})
        QTest::addRow("idle timeout \"%s\"", bad)
            << QStringList{"tcp-server", "1", "--idle-timeout", QString::fromLatin1(bad)}
            << "--idle-timeout needs seconds from 0 to 31536000, with at most three decimals";
    QTest::newRow("tls on udp") << QStringList{"udp", "1", "--tls"} << "Unknown option \"--tls\"";
    QTest::newRow("server --sni") << QStringList{"tcp-server", "1", "--tls", "--sni", "a"}
                                  << "--sni is not an option of a TCP server.";
    QTest::newRow("client --client-ca")
        << QStringList{"tcp-client", "h:1", "--tls", "--client-ca", "ca.pem"}
        << "--client-ca is not an option of a TCP client.";
    QTest::newRow("client cert without key")
        << QStringList{"tcp-client", "h:1", "--tls", "--cert", "c.pem"}
        << "Give both --cert and --key for a client certificate, or neither.";
    QTest::newRow("tls option without --tls")
        << QStringList{"tcp-client", "h:1", "--ca", "ca.pem"} << "need --tls";
    QTest::newRow("key without cert") << QStringList{"tcp-server", "1", "--tls", "--key", "k.pem"}
                                      << "Give both --cert and --key";
    QTest::newRow("insecure and ca")
        << QStringList{"tcp-client", "h:1", "--tls", "--insecure", "--ca", "ca.pem"}
        << "--insecure does not verify";
    QTest::newRow("short fingerprint")
        << QStringList{"tcp-client", "h:1", "--tls", "--trust", "AB:CD"} << "64 hex digits";
    QTest::newRow("empty alpn name")
        << QStringList{"tcp-client", "h:1", "--tls", "--alpn", "h2,,x"} << "--alpn needs names";
}

void tst_SessionConfig::badArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, errorPart);
    SessionConfig c;
    QString error;
    QVERIFY(!SessionConfig::fromArguments(args, &c, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void tst_SessionConfig::roundTrip_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("server") << QStringList{
        "tcp-server",  "[::1]:9999", "--max-clients",  "7",  "--lines", "--greeting", "Hi!",
        "--exit-word", "quit",       "--idle-timeout", "30", "--name",  "mine"};
    QTest::newRow("client") << QStringList{"tcp-client", "example.invalid:80", "--timeout", "3"};
    QTest::newRow("chat") << QStringList{"udp",        "8888", "--peer", "127.0.0.1:8889",
                                         "--end-word", "bye"};
    QTest::newRow("udp hello") << QStringList{"udp",   "0",       "--protocol",
                                              "hello", "--reply", "Hi %s"};
    // Bytes that are not UTF-8 cannot travel as text: hex keeps them exact.
    QTest::newRow("binary greeting")
        << QStringList{"tcp-server", "1", "--greeting-hex", "ff fe 00 0a"};
    QTest::newRow("tls server") << QStringList{"tcp-server", "1",     "--tls", "--cert",
                                               "c.pem",      "--key", "k.pem"};
    QTest::newRow("mutual tls server")
        << QStringList{"tcp-server", "1", "--tls", "--client-ca", "clients.pem"};
    QTest::newRow("tls client with a certificate") << QStringList{
        "tcp-client", "h:1", "--tls", "--ca", "ca.pem", "--cert", "me.pem", "--key", "me.key"};
    QTest::newRow("tls client") << QStringList{"tcp-client",
                                               "localhost:443",
                                               "--tls",
                                               "--ca",
                                               "ca.pem",
                                               "--sni",
                                               "example.org",
                                               "--alpn",
                                               "h2,http/1.1",
                                               "--trust",
                                               "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:"
                                               "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89"};
    QTest::newRow("tls client, insecure")
        << QStringList{"tcp-client", "localhost:443", "--tls", "--insecure"};
}

void tst_SessionConfig::roundTrip()
{
    QFETCH(QStringList, args);
    SessionConfig a;
    SessionConfig b;
    QString error;
    QVERIFY2(SessionConfig::fromArguments(args, &a, &error), qPrintable(error));
    QVERIFY2(SessionConfig::fromArguments(a.toArguments(), &b, &error), qPrintable(error));
    QCOMPARE(b.toArguments(), a.toArguments());
    QCOMPARE(b.kind, a.kind);
    QCOMPARE(b.host, a.host);
    QCOMPARE(b.port, a.port);
    QCOMPARE(b.peerHost, a.peerHost);
    QCOMPARE(b.peerPort, a.peerPort);
    QCOMPARE(b.greeting, a.greeting);
    QCOMPARE(b.exitWord, a.exitWord);
    QCOMPARE(b.endWord, a.endWord);
    QCOMPARE(b.replyTemplate, a.replyTemplate);
    QCOMPARE(b.maxClients, a.maxClients);
    QCOMPARE(b.idleTimeoutMs, a.idleTimeoutMs);
    QCOMPARE(b.connectTimeoutSeconds, a.connectTimeoutSeconds);
    QCOMPARE(b.framing, a.framing);
    QCOMPARE(b.name, a.name);
    QCOMPARE(b.tls.enabled, a.tls.enabled);
    QCOMPARE(b.tls.certificateFile, a.tls.certificateFile);
    QCOMPARE(b.tls.keyFile, a.tls.keyFile);
    QCOMPARE(b.tls.caFile, a.tls.caFile);
    QCOMPARE(b.tls.clientCaFile, a.tls.clientCaFile);
    QCOMPARE(b.tls.insecure, a.tls.insecure);
    QCOMPARE(b.tls.sni, a.tls.sni);
    QCOMPARE(b.tls.alpn, a.tls.alpn);
    QCOMPARE(b.tls.trustFingerprint, a.tls.trustFingerprint);
    QCOMPARE(a.tls.enabled, args.contains(QStringLiteral("--tls")));
    if (QTest::currentDataTag() == QByteArray("tls client"))
        QCOMPARE(
            a.tls.trustFingerprint,
            QStringLiteral("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789"));
    if (QTest::currentDataTag() == QByteArray("tls client, insecure"))
        QVERIFY(a.tls.insecure);
    if (QTest::currentDataTag() == QByteArray("binary greeting"))
        QCOMPARE(b.greeting, QByteArray("\xff\xfe\x00\n", 4));
}

void tst_SessionConfig::idleTimeout_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("saved");
    QTest::newRow("whole") << "30" << qint64(30000) << "30";
    QTest::newRow("a fifth") << "0.2" << qint64(200) << "0.2";
    QTest::newRow("trailing zero") << "1.250" << qint64(1250) << "1.25";
    QTest::newRow("millisecond") << "0.001" << qint64(1) << "0.001";
    QTest::newRow("a year") << "31536000" << qint64(31536000000) << "31536000";
    QTest::newRow("off") << "0.000" << qint64(0) << QString();
}

void tst_SessionConfig::idleTimeout()
{
    QFETCH(QString, given);
    QFETCH(qint64, ms);
    QFETCH(QString, saved);
    SessionConfig c;
    QString error;
    QVERIFY2(SessionConfig::fromArguments({"tcp-server", "1", "--idle-timeout", given}, &c, &error),
             qPrintable(error));
    QCOMPARE(c.idleTimeoutMs, ms);
    const QStringList args = c.toArguments();
    const qsizetype at = args.indexOf(QStringLiteral("--idle-timeout"));
    QCOMPARE(at < 0 ? QString() : args.value(at + 1), saved);
    SessionConfig back;
    QVERIFY2(SessionConfig::fromArguments(args, &back, &error), qPrintable(error));
    QCOMPARE(back.idleTimeoutMs, ms);
}

void tst_SessionConfig::checkTyped_data()
{
    using K = SessionConfig::Kind;
    using P = SessionConfig::Protocol;
    QTest::addColumn<K>("kind");
    QTest::addColumn<P>("protocol");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("addressError");
    QTest::addColumn<QString>("portError");
    QTest::addColumn<QString>("peerError");

    const QString none;
    QTest::newRow("server fine") << K::TcpServer << P::Hello << "127.0.0.1"
                                 << "0" << none << none << none << none;
    QTest::newRow("ipv6 host") << K::TcpServer << P::Hello << "::1"
                               << "9999" << none << none << none << none;
    QTest::newRow("no address") << K::TcpServer << P::Hello << " "
                                << "9999" << none << "Give the address to listen on." << none
                                << none;
    QTest::newRow("no host to connect to")
        << K::TcpClient << P::None << ""
        << "80" << none << "Give the host to connect to." << none << none;
    QTest::newRow("client port 0")
        << K::TcpClient << P::None << "localhost"
        << "0" << none << none
        << "Port 0 cannot be used here: give the port to connect to (1 to 65535)." << none;
    QTest::newRow("port out of range")
        << K::TcpServer << P::Hello << "127.0.0.1"
        << "70000" << none << none << "Port 70000 is out of range: ports go from 0 to 65535."
        << none;
    QTest::newRow("port not a number")
        << K::Udp << P::None << "127.0.0.1"
        << "http" << none << none << "Port \"http\" is not a number." << none;
    QTest::newRow("chat without peer") << K::Udp << P::Chat << "127.0.0.1"
                                       << "8888"
                                       << "" << none << none
                                       << "A chat needs a peer to talk to, as in --peer "
                                          "127.0.0.1:8889.";
    QTest::newRow("peer without port")
        << K::Udp << P::None << "127.0.0.1"
        << "8888"
        << "127.0.0.1" << none << none
        << "\"127.0.0.1\": give a host and a port, as in 127.0.0.1:9999.";
    QTest::newRow("peer ignored for tcp") << K::TcpServer << P::Hello << "127.0.0.1"
                                          << "9999"
                                          << "junk" << none << none << none;
}

void tst_SessionConfig::checkTyped()
{
    QFETCH(SessionConfig::Kind, kind);
    QFETCH(SessionConfig::Protocol, protocol);
    QFETCH(QString, host);
    QFETCH(QString, port);
    QFETCH(QString, peer);
    const SessionConfig::TypedErrors errors =
        SessionConfig::checkTyped(kind, protocol, host, port, peer);
    QTEST(errors.address, "addressError");
    QTEST(errors.port, "portError");
    QTEST(errors.peer, "peerError");
    QCOMPARE(errors.any(),
             !errors.address.isEmpty() || !errors.port.isEmpty() || !errors.peer.isEmpty());
}

QTEST_GUILESS_MAIN(tst_SessionConfig)
#include "tst_sessionconfig.moc"
