#include "sessionkind.h"

#include <QSet>
#include <QTest>

// The table every session kind is defined by: what the command line, the
// editor and the New-session menu read.
class tst_SessionKind : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKindIsASubcommand();
    void templatesAreValidAndRoundTrip();
    void fieldsFollowTheProtocol();
    void templatesMakeRoomForEachOther();
    void unixKinds();
    void relayTakesItsTargetSecond();
    void udpRelayIsRelayWithUdp();
    void protocolErrorsListWhatTheKindOffers_data();
    void protocolErrorsListWhatTheKindOffers();
};

void tst_SessionKind::everyKindIsASubcommand()
{
    QSet<QString> keywords;
    for (const SessionKind::Definition &d : SessionKind::all()) {
        const QString keyword = QString::fromLatin1(d.keyword);
        // A variant shares its keyword and is told apart by its switch.
        const QString variant = QString::fromLatin1(d.variantOption);
        QVERIFY2(!keywords.contains(keyword + variant), d.keyword);
        keywords.insert(keyword + variant);
        QCOMPARE(SessionKind::byKeyword(keyword, variant.isEmpty() ? QStringList()
                                                                   : QStringList{"0", variant}),
                 &d);
        QCOMPARE(&SessionKind::of(d.kind), &d);
        QVERIFY2(SessionKind::offers(d.kind, d.defaultProtocol), d.keyword);
        QVERIFY(d.create);
        QVERIFY2(QString::fromLatin1(d.synopsis).startsWith(keyword + u' '), d.synopsis);
        QVERIFY2(QString::fromLatin1(d.title).contains(u"%1"), d.title);
    }
    QCOMPARE(SessionKind::byKeyword(u"tcp"), nullptr);
    QCOMPARE(SessionKind::keywordList(QStringLiteral("or")),
             QStringLiteral(
                 "tcp-server, tcp-client, udp, unix-server, unix-client, unix-dgram or relay"));

    // The parser knows every kind by its keyword, with the kind's default protocol.
    SessionConfig c;
    QString error;
    QVERIFY2(SessionConfig::fromArguments({"tcp-server", "0"}, &c, &error), qPrintable(error));
    QCOMPARE(c.kind, SessionConfig::Kind::TcpServer);
    QCOMPARE(c.protocol, SessionConfig::Protocol::Hello);
    QVERIFY2(SessionConfig::fromArguments({"udp", "0", "--peer", "127.0.0.1:8889"}, &c, &error),
             qPrintable(error));
    QCOMPARE(c.protocol, SessionConfig::Protocol::Chat); // a peer means the tutorial's chat
    QCOMPARE(c.displayName(), QStringLiteral("UDP 127.0.0.1:0"));
}

void tst_SessionKind::templatesAreValidAndRoundTrip()
{
    QStringList names;
    for (const SessionKind::Template &t : SessionKind::templates()) {
        names << QString::fromLatin1(t.name);
        QCOMPARE(t.config.validate(), QString());
        QCOMPARE(SessionKind::templateConfig(QString::fromLatin1(t.id)).toArguments(),
                 t.config.toArguments());
        SessionConfig parsed;
        QString error;
        QVERIFY2(SessionConfig::fromArguments(t.config.toArguments(), &parsed, &error),
                 qPrintable(error));
        QCOMPARE(parsed.toArguments(), t.config.toArguments());
    }
    QCOMPARE(names,
             QStringList({"TCP hello server", "TCP client", "UDP chat", "UDP hello server",
                          "Plain UDP", "UDP multicast listener", "TCP relay", "UDP relay",
                          "Unix hello server", "Unix client", "Unix datagram hello server"}));
}

void tst_SessionKind::fieldsFollowTheProtocol()
{
    using F = SessionKind::Field;
    SessionConfig server = SessionKind::templateConfig(u"TcpHelloServer");
    QVERIFY(SessionKind::applies(server, F::Greeting));
    QVERIFY(!SessionKind::applies(server, F::MaxLine));
    server.framing = SessionConfig::Framing::Lines;
    QVERIFY(SessionKind::applies(server, F::MaxLine));
    server.protocol = SessionConfig::Protocol::None;
    QVERIFY(!SessionKind::applies(server, F::Greeting));
    QVERIFY(!SessionKind::applies(server, F::MaxLine));
    QVERIFY(SessionKind::applies(server, F::MaxClients));
    QVERIFY(!SessionKind::applies(server, F::Peer));

    const SessionConfig chat = SessionKind::templateConfig(u"UdpChat");
    QVERIFY(SessionKind::applies(chat, F::EndWord));
    QVERIFY(!SessionKind::applies(chat, F::Reply));
    QVERIFY(!SessionKind::has(SessionConfig::Kind::TcpClient, F::Reply));
    QCOMPARE(SessionKind::typeName(chat.kind, chat.protocol), QStringLiteral("UDP chat"));
}

void tst_SessionKind::unixKinds()
{
    SessionConfig c;
    QString error;
    QVERIFY2(SessionConfig::fromArguments({"unix-server", "/run/a.sock", "--seqpacket", "--lines"},
                                          &c, &error),
             qPrintable(error));
    QCOMPARE(c.kind, SessionConfig::Kind::UnixServer);
    QCOMPARE(c.path, QStringLiteral("/run/a.sock"));
    QVERIFY(c.seqpacket);
    QCOMPARE(c.protocol, SessionConfig::Protocol::Hello);
    QCOMPARE(c.displayName(), QStringLiteral("Unix server /run/a.sock"));
    QCOMPARE(c.toArguments(), QStringList({"unix-server", "/run/a.sock", "--protocol", "hello",
                                           "--lines", "--seqpacket"}));

    QVERIFY2(SessionConfig::fromArguments({"unix-dgram", "@me", "--peer", "@you"}, &c, &error),
             qPrintable(error));
    QCOMPARE(c.protocol, SessionConfig::Protocol::Chat); // a peer means the chat, as for UDP
    QCOMPARE(c.peerText(), QStringLiteral("@you"));
    QCOMPARE(c.displayName(), QStringLiteral("Unix datagram @me"));
    SessionConfig back;
    QVERIFY2(SessionConfig::fromArguments(c.toArguments(), &back, &error), qPrintable(error));
    QCOMPARE(back.toArguments(), c.toArguments());

    QVERIFY(SessionKind::usesPath(SessionConfig::Kind::UnixClient));
    QVERIFY(SessionKind::isClient(SessionConfig::Kind::UnixClient));
    QVERIFY(!SessionKind::has(SessionConfig::Kind::UnixClient, SessionKind::Field::Port));

    // Two Unix servers from the template get two socket files.
    QList<SessionConfig> existing{SessionKind::templateConfig(u"UnixHelloServer", {})};
    const SessionConfig second = SessionKind::templateConfig(u"UnixHelloServer", existing);
    QVERIFY2(second.path.endsWith(QLatin1String("/socketscope-2.sock")), qPrintable(second.path));
}

void tst_SessionKind::templatesMakeRoomForEachOther()
{
    QList<SessionConfig> existing;
    auto next = [&existing](const char16_t *id) {
        existing << SessionKind::templateConfig(QStringView(id), existing);
        return existing.constLast();
    };
    QCOMPARE(next(u"TcpHelloServer").port, quint16(9999));
    QCOMPARE(next(u"TcpHelloServer").port, quint16(10000));
    QCOMPARE(existing.constLast().name, QString()); // the title follows the port
    QCOMPARE(next(u"UdpHelloServer").port, quint16(9999));
    const SessionConfig chatA = next(u"UdpChat");
    const SessionConfig chatB = next(u"UdpChat");
    QCOMPARE(chatA.port, quint16(8888));
    QCOMPARE(chatB.port, quint16(8889));
    QCOMPARE(chatB.peerPort, quint16(8888));
    // Both ends taken: the third moves on, keeping its peer.
    const SessionConfig chatC = next(u"UdpChat");
    QCOMPARE(chatC.port, quint16(8890));
    QCOMPARE(chatC.peerPort, quint16(8889));
    QCOMPARE(next(u"TcpClient").displayName(), QStringLiteral("TCP client to 127.0.0.1:9999"));
    QCOMPARE(next(u"TcpClient").displayName(), QStringLiteral("TCP client to 127.0.0.1:9999 (2)"));
    QCOMPARE(next(u"TcpClient").displayName(), QStringLiteral("TCP client to 127.0.0.1:9999 (3)"));

    // At the top of the port range it stops rather than wrapping to port 0.
    SessionConfig top = SessionKind::templateConfig(u"TcpHelloServer");
    top.port = 65535;
    SessionConfig below = top;
    below.port = 9999;
    QList<SessionConfig> full{below};
    for (quint16 p = 10000; p != 0; ++p) {
        SessionConfig s = top;
        s.port = p;
        full << s;
        if (p == 65535)
            break;
    }
    QCOMPARE(SessionKind::templateConfig(u"TcpHelloServer", full).port, quint16(65535));
}

void tst_SessionKind::protocolErrorsListWhatTheKindOffers_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("tcp-server") << QStringList{"tcp-server", "1", "--protocol", "chat"}
                                << "Unknown protocol \"chat\": use hello or none.";
    QTest::newRow("udp") << QStringList{"udp", "1", "--protocol", "x"}
                         << "Unknown protocol \"x\": use hello, chat or none.";
    QTest::newRow("tcp-client") << QStringList{"tcp-client", "h:1", "--protocol", "hello"}
                                << "Unknown protocol \"hello\": a TCP client supports only none.";
    QTest::newRow("subcommand") << QStringList{"unix"}
                                << "Unknown subcommand \"unix\": use tcp-server, tcp-client, "
                                   "udp, unix-server, unix-client, unix-dgram or relay.";
    QTest::newRow("unix-client") << QStringList{"unix-client", "/x", "--protocol", "chat"}
                                 << "Unknown protocol \"chat\": a Unix client supports only none.";
    QTest::newRow("no path") << QStringList{"unix-server"}
                             << "unix-server needs the socket's PATH (or @NAME for an abstract "
                                "name).";
    QTest::newRow("long path") << QStringList{"unix-server", "/" + QString(200, u'x')}
                               << "The path is 201 bytes long; a Unix socket's path holds at "
                                  "most 107.";
    QTest::newRow("seqpacket on datagrams") << QStringList{"unix-dgram", "/x", "--seqpacket"}
                                            << "Unknown option \"--seqpacket\" for unix-dgram.";
}

void tst_SessionKind::protocolErrorsListWhatTheKindOffers()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    SessionConfig c;
    QString got;
    QVERIFY(!SessionConfig::fromArguments(args, &c, &got));
    QCOMPARE(got, error);
}

void tst_SessionKind::relayTakesItsTargetSecond()
{
    SessionConfig c;
    QString error;
    QVERIFY2(SessionConfig::fromArguments({"relay", "8080", "[::1]:80", "--max-clients", "3"}, &c,
                                          &error),
             qPrintable(error));
    QCOMPARE(c.kind, SessionConfig::Kind::Relay);
    QCOMPARE(c.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(c.port, quint16(8080));
    QCOMPARE(c.peerHost, QStringLiteral("::1"));
    QCOMPARE(c.peerPort, quint16(80));
    QCOMPARE(c.toArguments(), QStringList({"relay", "127.0.0.1:8080", "[::1]:80", "--protocol",
                                           "none", "--max-clients", "3"}));
    QVERIFY(SessionKind::isServer(c.kind));
    QVERIFY(SessionKind::applies(c, SessionKind::Field::Peer));
    QVERIFY(!SessionKind::applies(c, SessionKind::Field::Greeting));

    QVERIFY(!SessionConfig::fromArguments({"relay", "8080"}, &c, &error));
    QCOMPARE(error, QStringLiteral("relay needs TARGET_HOST:PORT to connect each client to."));
    QVERIFY(!SessionConfig::fromArguments({"relay", "8080", "host"}, &c, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Target: ")), qPrintable(error));
    QVERIFY(
        !SessionConfig::fromArguments({"relay", "8080", "h:1", "--protocol", "hello"}, &c, &error));
    QCOMPARE(error, QStringLiteral("Unknown protocol \"hello\": a Relay supports only none."));
    // The editor's field check names the missing target too.
    const SessionConfig::TypedErrors typed =
        SessionConfig::checkTyped(SessionConfig::Kind::Relay, SessionConfig::Protocol::None,
                                  QStringLiteral("127.0.0.1"), QStringLiteral("0"), QString());
    QVERIFY2(typed.peer.startsWith(QStringLiteral("A relay needs a target")),
             qPrintable(typed.peer));
}

void tst_SessionKind::udpRelayIsRelayWithUdp()
{
    SessionConfig c;
    QString error;
    QVERIFY2(SessionConfig::fromArguments({"relay", "9998", "127.0.0.1:9999", "--udp"}, &c, &error),
             qPrintable(error));
    QCOMPARE(c.kind, SessionConfig::Kind::UdpRelay);
    QCOMPARE(c.peerPort, quint16(9999));
    // Its clients' upstream sockets close after a minute without a datagram by default.
    QCOMPARE(c.idleTimeoutMs, qint64(60000));
    QCOMPARE(c.toArguments(), QStringList({"relay", "127.0.0.1:9998", "--udp", "127.0.0.1:9999",
                                           "--protocol", "none"}));
    QVERIFY2(SessionConfig::fromArguments(
                 {"relay", "--udp", "0", "h:7", "--idle-timeout", "0.5", "--max-clients", "2"}, &c,
                 &error),
             qPrintable(error));
    QCOMPARE(c.kind, SessionConfig::Kind::UdpRelay);
    QCOMPARE(c.idleTimeoutMs, qint64(500));
    QCOMPARE(c.maxClients, 2);
    SessionConfig back;
    QVERIFY2(SessionConfig::fromArguments(c.toArguments(), &back, &error), qPrintable(error));
    QCOMPARE(back.toArguments(), c.toArguments());
    QCOMPARE(back.idleTimeoutMs, qint64(500));
    QVERIFY(SessionKind::applies(c, SessionKind::Field::IdleTimeout));
    QVERIFY(!SessionKind::has(c.kind, SessionKind::Field::ConnectTimeout));

    // The TCP relay's connect timeout means nothing for datagrams; --udp elsewhere is unknown.
    QVERIFY(!SessionConfig::fromArguments({"relay", "0", "h:7", "--udp", "--timeout", "3"}, &c,
                                          &error));
    QCOMPARE(error, QStringLiteral("Unknown option \"--timeout\" for relay."));
    QVERIFY(!SessionConfig::fromArguments({"udp", "0", "--udp"}, &c, &error));
    QCOMPARE(error, QStringLiteral("Unknown option \"--udp\" for udp."));
    // The window's template: between the tutorial's UDP client and hello server.
    const SessionConfig t = SessionKind::templateConfig(u"UdpRelay");
    QCOMPARE(t.kind, SessionConfig::Kind::UdpRelay);
    QCOMPARE(t.idleTimeoutMs, qint64(60000));
    QCOMPARE(t.displayName(), QStringLiteral("UDP relay 127.0.0.1:9998"));
}

QTEST_GUILESS_MAIN(tst_SessionKind)
#include "tst_sessionkind.moc"
