// Broadcast and multicast options of UDP sessions: parsing, validation, the
// saved form read back, and what the session list shows.

#include "hostport.h"
#include "multicastsettings.h"
#include "sessionconfig.h"
#include "sessionkind.h"

#include <QTest>

class tst_MulticastSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse();
    void bad_data();
    void bad();
    void roundTrip_data();
    void roundTrip();
    void onlyUdp();
    void templateAndFields();
    void groupsText();
    void anyIPv6PrintsAsIPv6();
};

namespace {

SessionConfig parsed(const QStringList &args, QString *error)
{
    SessionConfig c;
    if (!SessionConfig::fromArguments(args, &c, error))
        return SessionConfig();
    return c;
}

} // namespace

void tst_MulticastSettings::parse()
{
    QString error;
    const SessionConfig c =
        parsed({QStringLiteral("udp"), QStringLiteral("0.0.0.0:5000"),
                QStringLiteral("--broadcast"), QStringLiteral("--join"),
                QStringLiteral("239.1.2.3"), QStringLiteral("--join=232.1.1.1@10.213.0.2"),
                QStringLiteral("--interface"), QStringLiteral("lo"), QStringLiteral("--ttl"),
                QStringLiteral("7"), QStringLiteral("--multicast-loop"), QStringLiteral("off")},
               &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(c.multicast.broadcast);
    QCOMPARE(c.multicast.joins,
             QStringList({QStringLiteral("239.1.2.3"), QStringLiteral("232.1.1.1@10.213.0.2")}));
    QCOMPARE(c.multicast.interfaceName, QStringLiteral("lo"));
    QCOMPARE(c.multicast.ttl, 7);
    QCOMPARE(c.multicast.loop, MulticastSettings::Loop::Off);

    // IPv6: written the canonical way, whatever way it was typed.
    const SessionConfig v6 = parsed({QStringLiteral("udp"), QStringLiteral("[::]:5000"),
                                     QStringLiteral("--join"), QStringLiteral("FF12:0::1234"),
                                     QStringLiteral("--multicast-loop"), QStringLiteral("on")},
                                    &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(v6.multicast.joins, QStringList{QStringLiteral("ff12::1234")});
    QCOMPARE(v6.multicast.loop, MulticastSettings::Loop::On);
    QCOMPARE(v6.multicast.ttl, -1);

    // A group may be bound to directly, and TTL 0 keeps multicast on the host.
    parsed({QStringLiteral("udp"), QStringLiteral("239.9.9.9:5000"), QStringLiteral("--join"),
            QStringLiteral("239.9.9.9"), QStringLiteral("--ttl"), QStringLiteral("0")},
           &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_MulticastSettings::bad_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("errorPart");
    const QString any4 = QStringLiteral("0.0.0.0:5000");
    const QString any6 = QStringLiteral("[::]:5000");
    const QString udp = QStringLiteral("udp");
    const QString join = QStringLiteral("--join");
    QTest::newRow("unicast group") << QStringList{udp, any4, join, QStringLiteral("10.0.0.1")}
                                   << "10.0.0.1 is not a multicast address";
    QTest::newRow("not an address") << QStringList{udp, any4, join, QStringLiteral("banana")}
                                    << "\"banana\" is not a group address";
    QTest::newRow("v6 group on v4 socket")
        << QStringList{udp, any4, join, QStringLiteral("ff12::1")}
        << "ff12::1 is an IPv6 group, but the session is bound to the IPv4 address 0.0.0.0";
    QTest::newRow("v4 group on v6 socket")
        << QStringList{udp, any6, join, QStringLiteral("239.1.2.3")}
        << "239.1.2.3 is an IPv4 group, but the session is bound to the IPv6 address ::";
    QTest::newRow("bound to a unicast address")
        << QStringList{udp, QStringLiteral("127.0.0.1:5000"), join, QStringLiteral("239.1.2.3")}
        << "A socket bound to 127.0.0.1 never receives datagrams sent to the group 239.1.2.3";
    QTest::newRow("twice") << QStringList{udp,  any4,
                                          join, QStringLiteral("239.1.2.3"),
                                          join, QStringLiteral("239.1.2.3")}
                           << "239.1.2.3 is joined twice";
    QTest::newRow("source of other family")
        << QStringList{udp, any4, join, QStringLiteral("232.1.1.1@fd00::1")}
        << "different IP versions";
    QTest::newRow("multicast source")
        << QStringList{udp, any4, join, QStringLiteral("232.1.1.1@239.0.0.1")}
        << "\"239.0.0.1\" is not a source address";
    QTest::newRow("ttl too big") << QStringList{udp, any4, QStringLiteral("--ttl"),
                                                QStringLiteral("256")}
                                 << "--ttl needs a whole number from 0 to 255, not \"256\"";
    QTest::newRow("ttl negative") << QStringList{udp, any4, QStringLiteral("--ttl"),
                                                 QStringLiteral("-1")}
                                  << "--ttl needs a whole number from 0 to 255";
    QTest::newRow("loop word") << QStringList{udp, any4, QStringLiteral("--multicast-loop"),
                                              QStringLiteral("yes")}
                               << "--multicast-loop needs on or off, not \"yes\"";
    QTest::newRow("unknown interface")
        << QStringList{udp, any4, QStringLiteral("--interface"), QStringLiteral("nosuch0")}
        << "There is no network interface named \"nosuch0\"";
    QTest::newRow("ipv6 broadcast")
        << QStringList{udp, any6, QStringLiteral("--broadcast")} << "IPv6 has no broadcast";
    QTest::newRow("tcp") << QStringList{QStringLiteral("tcp-server"), QStringLiteral("9999"), join,
                                        QStringLiteral("239.1.2.3")}
                         << "--join is not an option of a TCP server";
    QTest::newRow("unix dgram") << QStringList{QStringLiteral("unix-dgram"),
                                               QStringLiteral("/tmp/x.sock"),
                                               QStringLiteral("--broadcast")}
                                << "--broadcast is not an option of a Unix datagram";
    QTest::newRow("join without value") << QStringList{udp, any4, join} << "--join needs a value";
}

void tst_MulticastSettings::bad()
{
    QFETCH(QStringList, args);
    QFETCH(QString, errorPart);
    SessionConfig c;
    QString error;
    QVERIFY(!SessionConfig::fromArguments(args, &c, &error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
}

void tst_MulticastSettings::roundTrip_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("everything") << QStringList{QStringLiteral("udp"),
                                               QStringLiteral("0.0.0.0:5000"),
                                               QStringLiteral("--broadcast"),
                                               QStringLiteral("--join"),
                                               QStringLiteral("239.1.2.3"),
                                               QStringLiteral("--join"),
                                               QStringLiteral("232.1.1.1@10.213.0.2"),
                                               QStringLiteral("--interface"),
                                               QStringLiteral("lo"),
                                               QStringLiteral("--ttl"),
                                               QStringLiteral("0"),
                                               QStringLiteral("--multicast-loop"),
                                               QStringLiteral("off")};
    QTest::newRow("ipv6 hello") << QStringList{
        QStringLiteral("udp"),        QStringLiteral("[::]:0"),
        QStringLiteral("--protocol"), QStringLiteral("hello"),
        QStringLiteral("--join"),     QStringLiteral("ff12::1"),
        QStringLiteral("--join"),     QStringLiteral("ff3e::8000:1@fd00:213::2"),
        QStringLiteral("--ttl"),      QStringLiteral("255")};
    QTest::newRow("broadcast chat") << QStringList{
        QStringLiteral("udp"), QStringLiteral("0.0.0.0:8888"), QStringLiteral("--peer"),
        QStringLiteral("10.213.0.255:8889"), QStringLiteral("--broadcast")};
}

void tst_MulticastSettings::roundTrip()
{
    QFETCH(QStringList, args);
    SessionConfig c;
    QString error;
    QVERIFY2(SessionConfig::fromArguments(args, &c, &error), qPrintable(error));
    const QStringList saved = c.toArguments();
    SessionConfig back;
    QVERIFY2(SessionConfig::fromArguments(saved, &back, &error), qPrintable(error));
    QCOMPARE(back.multicast, c.multicast);
    QCOMPARE(back.toArguments(), saved);
    // Every option given is in the saved form.
    for (const QString &arg : args) {
        if (arg.startsWith(u"--") && arg != u"--protocol")
            QVERIFY2(saved.contains(arg), qPrintable(saved.join(u' ')));
    }
}

void tst_MulticastSettings::onlyUdp()
{
    // Other kinds neither show nor save the fields.
    using F = SessionKind::Field;
    for (const SessionKind::Definition &d : SessionKind::all()) {
        const bool udp = d.kind == SessionConfig::Kind::Udp;
        for (F f : {F::Broadcast, F::MulticastJoin, F::MulticastInterface, F::MulticastTtl,
                    F::MulticastLoop})
            QCOMPARE(SessionKind::has(d.kind, f), udp);
    }
    SessionConfig tcp;
    tcp.kind = SessionConfig::Kind::TcpServer;
    tcp.multicast.ttl = 4;
    QVERIFY(tcp.validate().contains(QStringLiteral("for UDP sessions")));
    QVERIFY(!tcp.toArguments().contains(QStringLiteral("--ttl")));
}

void tst_MulticastSettings::templateAndFields()
{
    const SessionConfig c = SessionKind::templateConfig(u"UdpMulticastListener");
    QCOMPARE(c.kind, SessionConfig::Kind::Udp);
    QCOMPARE(c.host, QStringLiteral("0.0.0.0"));
    QCOMPARE(c.multicast.joins, QStringList{QStringLiteral("239.255.0.1")});
    QVERIFY2(c.validate().isEmpty(), qPrintable(c.validate()));
    const QString synopsis =
        QString::fromLatin1(SessionKind::of(SessionConfig::Kind::Udp).synopsis);
    for (const char *option : {"--broadcast", "--join GROUP[@SOURCE]", "--interface NAME", "--ttl",
                               "--multicast-loop on|off"})
        QVERIFY2(synopsis.contains(QLatin1String(option)), option);
}

void tst_MulticastSettings::groupsText()
{
    MulticastSettings m;
    QCOMPARE(MulticastSettings::groupsText(m), QString());
    m.joins = QStringList{QStringLiteral("239.1.2.3"), QStringLiteral("ff12::1")};
    QCOMPARE(MulticastSettings::groupsText(m), QStringLiteral("239.1.2.3, ff12::1"));
    m.interfaceName = QStringLiteral("veth0");
    QCOMPARE(MulticastSettings::groupsText(m), QStringLiteral("239.1.2.3, ff12::1 on veth0"));
    QCOMPARE(
        MulticastSettings::splitJoins(QStringLiteral(" 239.1.2.3,ff12::1 ; 232.1.1.1@1.2.3.4 ")),
        QStringList({QStringLiteral("239.1.2.3"), QStringLiteral("ff12::1"),
                     QStringLiteral("232.1.1.1@1.2.3.4")}));
}

void tst_MulticastSettings::anyIPv6PrintsAsIPv6()
{
    // A session bound to :: for IPv6 groups says so (Qt's IPv4 conversion
    // turns :: into 0.0.0.0); a v4-mapped address still prints as IPv4.
    QCOMPARE(HostPort::format(QHostAddress(QHostAddress::AnyIPv6), 5000),
             QStringLiteral("[::]:5000"));
    QCOMPARE(HostPort::format(QHostAddress(QStringLiteral("::ffff:10.213.0.2")), 5000),
             QStringLiteral("10.213.0.2:5000"));
}

QTEST_GUILESS_MAIN(tst_MulticastSettings)
#include "tst_multicastsettings.moc"
