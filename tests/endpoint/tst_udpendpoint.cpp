#include "endpointtestsupport.h"
#include "sessionconfig.h"
#include "trafficstore.h"
#include "udpendpoint.h"

#include <QByteArray>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QObject>
#include <QSignalSpy>
#include <QtTest>
#include <QUdpSocket>

#include <sys/socket.h>

using namespace EndpointTest;

namespace {

constexpr SessionId Session = 1;

SessionConfig udpConfig(SessionConfig::Protocol protocol)
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.protocol = protocol;
    return config;
}

QString loopback(quint16 port)
{
    return u"127.0.0.1:" + QString::number(port);
}

// The session-level texts (notes, errors) of one session.
QStringList sessionTexts(const TrafficStore &store, SessionId session, EventKind kind)
{
    QStringList out;
    for (const TrafficEvent &ev : eventsOf(store, kind)) {
        if (ev.session == session)
            out.append(QString::fromUtf8(store.payload(ev)));
    }
    return out;
}

// A test-side UDP socket on loopback that keeps every datagram it got.
class Peer : public QUdpSocket
{
public:
    Peer()
    {
        connect(this, &QUdpSocket::readyRead, this, [this] {
            for (int i = 0; i < 1000 && hasPendingDatagrams(); ++i) {
                const QNetworkDatagram datagram = receiveDatagram();
                m_datagrams.append(datagram.data());
                m_senderPorts.append(quint16(datagram.senderPort()));
            }
        });
    }

    bool bindLoopback(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
    {
        return bind(address, 0, QAbstractSocket::DontShareAddress);
    }
    QString name() const { return addressText(localAddress(), localPort()); }
    QByteArrayList datagrams() const { return m_datagrams; }
    QList<quint16> senderPorts() const { return m_senderPorts; }

private:
    QByteArrayList m_datagrams;
    QList<quint16> m_senderPorts;
};

} // namespace

class TestUdpEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bindsOnPortZero();
    void helloRepliesToSender_data();
    void helloRepliesToSender();
    void helloReplyTooLargeIsAnError();
    void plainModeRecordsEachSenderAsPeer();
    void largestDatagramIsIntact();
    void oversizedDatagramIsNotSent();
    void chatBothWaysThenEndWord_data();
    void chatBothWaysThenEndWord();
    void chatWithoutEndWordNeverEnds();
    void sendErrors();
    void stopClosesSocket();
    void busyPortIsAnError();
    void helloOverIpv6();
};

void TestUdpEndpoint::bindsOnPortZero()
{
    TrafficStore store;
    UdpEndpoint udp(Session, udpConfig(SessionConfig::Protocol::None), &store);
    QSignalSpy states(&udp, &Endpoint::stateChanged);
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));
    const quint16 port = portFromEvent(store, EventKind::Bound);
    QVERIFY(port != 0);
    QCOMPARE(udp.localPort(), port);
    QCOMPARE(udp.stateDetail(), loopback(port));
    QCOMPARE(textsOf(store, EventKind::Bound), QStringList{loopback(port)});
    QCOMPARE(states.count(), 2);
    QCOMPARE(states.at(0).at(0).value<SessionState>(), SessionState::Starting);
    QCOMPARE(states.at(1).at(0).value<SessionState>(), SessionState::Bound);
}

void TestUdpEndpoint::helloRepliesToSender_data()
{
    QTest::addColumn<QByteArray>("datagram");
    QTest::addColumn<QByteArray>("reply");

    QTest::newRow("tutorial") << QByteArray("Michael") << QByteArray("Hello, Michael!");
    QTest::newRow("newline") << QByteArray("Michael\n") << QByteArray("Hello, Michael!\n");
    QTest::newRow("crlf") << QByteArray("x\r\n") << QByteArray("Hello, x!\r\n");
    QTest::newRow("binary") << QByteArrayLiteral("\xff\x00\xfe")
                            << QByteArrayLiteral("Hello, \xff\x00\xfe!");
    QTest::newRow("empty") << QByteArray() << QByteArray("Hello, !");
    QTest::newRow("utf-8") << QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd")
                           << QByteArray("Hello, \xe4\xbd\xa0\xe5\xa5\xbd!");
}

void TestUdpEndpoint::helloRepliesToSender()
{
    QFETCH(QByteArray, datagram);
    QFETCH(QByteArray, reply);

    TrafficStore store;
    UdpEndpoint udp(Session, udpConfig(SessionConfig::Protocol::Hello), &store);
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));
    Peer sender;
    QVERIFY2(sender.bindLoopback(), qPrintable(sender.errorString()));

    QCOMPARE(sender.writeDatagram(datagram, QHostAddress::LocalHost, udp.localPort()),
             qint64(datagram.size()));
    QTRY_COMPARE(sender.datagrams(), QByteArrayList{reply});
    QCOMPARE(sender.senderPorts(), QList<quint16>{udp.localPort()});

    const ConnectionId id = connectionWithPeer(store, sender.name());
    QVERIFY2(id != 0, qPrintable(sender.name()));
    QCOMPARE(bytesOf(store, EventKind::Received, id), datagram);
    QCOMPARE(bytesOf(store, EventKind::Sent, id), reply);
    QCOMPARE(eventsOf(store, EventKind::Received, id).size(), 1);
    QCOMPARE(eventsOf(store, EventKind::Sent, id).size(), 1);
    const TrafficStore::ConnectionInfo info = connectionInfo(store, id);
    QVERIFY(info.datagram);
    QCOMPARE(info.session, Session);
    QCOMPARE(store.addresses(info.addresses).local, loopback(udp.localPort()));
}

void TestUdpEndpoint::helloReplyTooLargeIsAnError()
{
    TrafficStore store;
    UdpEndpoint udp(Session, udpConfig(SessionConfig::Protocol::Hello), &store);
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));
    Peer sender;
    QVERIFY2(sender.bindLoopback(), qPrintable(sender.errorString()));

    const QByteArray largest(UdpEndpoint::MaxDatagramIPv4, 'm');
    QCOMPARE(sender.writeDatagram(largest, QHostAddress::LocalHost, udp.localPort()),
             qint64(largest.size()));
    QTRY_COMPARE(eventsOf(store, EventKind::Error).size(), 1);
    QCOMPARE(textsOf(store, EventKind::Error).constFirst(),
             q("Datagram of 65515 bytes not sent: UDP over IPv4 carries at most 65507 bytes."));

    // Nothing went out: the next reply is the first datagram the sender gets.
    QCOMPARE(sender.writeDatagram("x", QHostAddress::LocalHost, udp.localPort()), qint64(1));
    QTRY_COMPARE(sender.datagrams(), QByteArrayList{"Hello, x!"});
    const ConnectionId id = connectionWithPeer(store, sender.name());
    QCOMPARE(bytesOf(store, EventKind::Sent, id), QByteArray("Hello, x!"));
    QCOMPARE(udp.state(), SessionState::Bound);
}

void TestUdpEndpoint::plainModeRecordsEachSenderAsPeer()
{
    TrafficStore store;
    UdpEndpoint udp(Session, udpConfig(SessionConfig::Protocol::None), &store);
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));
    const quint16 port = udp.localPort();
    Peer a;
    Peer b;
    QVERIFY2(a.bindLoopback(), qPrintable(a.errorString()));
    QVERIFY2(b.bindLoopback(), qPrintable(b.errorString()));

    a.writeDatagram("one", QHostAddress::LocalHost, port);
    QTRY_COMPARE(eventsOf(store, EventKind::Received).size(), 1);
    b.writeDatagram(QByteArrayLiteral("two\x00"), QHostAddress::LocalHost, port);
    QTRY_COMPARE(eventsOf(store, EventKind::Received).size(), 2);
    a.writeDatagram("three\n", QHostAddress::LocalHost, port);
    QTRY_COMPARE(eventsOf(store, EventKind::Received).size(), 3);

    const QList<TrafficStore::ConnectionInfo> peers = connections(store);
    QCOMPARE(peers.size(), 2);
    const ConnectionId idA = connectionWithPeer(store, a.name());
    const ConnectionId idB = connectionWithPeer(store, b.name());
    QVERIFY2(idA != 0 && idB != 0 && idA != idB, qPrintable(a.name() + u' ' + b.name()));
    for (const TrafficStore::ConnectionInfo &info : peers) {
        QVERIFY(info.datagram);
        QCOMPARE(store.addresses(info.addresses).local, loopback(port));
    }
    QCOMPARE(store.addresses(connectionInfo(store, idA).addresses).peer, loopback(a.localPort()));
    QCOMPARE(store.addresses(connectionInfo(store, idB).addresses).peer, loopback(b.localPort()));
    QCOMPARE(transcript(store, idA),
             QStringList({q("Received \"one\""), q("Received \"three\\x0a\"")}));
    QCOMPARE(transcript(store, idB), QStringList{q("Received \"two\\x00\"")});
    QCOMPARE(connectionInfo(store, idA).messagesIn, 2u);
    QCOMPARE(connectionInfo(store, idA).bytesIn, 9u);
    QVERIFY(eventsOf(store, EventKind::Sent).isEmpty()); // no protocol: no answers

    // Sending back: to one peer, to every peer, to an address.
    udp.send(SendTarget::toConnection(idB), "to B");
    udp.send(SendTarget::toAll(), "to all");
    udp.send(SendTarget::toAddress(QStringLiteral("127.0.0.1"), a.localPort()), "to A");
    QTRY_COMPARE(b.datagrams(), QByteArrayList({"to B", "to all"}));
    QTRY_COMPARE(a.datagrams(), QByteArrayList({"to all", "to A"}));
    QCOMPARE(a.senderPorts(), QList<quint16>({port, port}));
    QCOMPARE(bytesOf(store, EventKind::Sent, idA), QByteArray("to allto A"));
    QCOMPARE(connections(store).size(), 2); // the address is a known peer
}

void TestUdpEndpoint::largestDatagramIsIntact()
{
    QByteArray largest(UdpEndpoint::MaxDatagramIPv4, Qt::Uninitialized);
    for (qsizetype i = 0; i < largest.size(); ++i)
        largest[i] = char((i * 31 + i / 256) & 0xff);

    TrafficStore store;
    UdpEndpoint udp(Session, udpConfig(SessionConfig::Protocol::None), &store);
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));
    Peer sender;
    QVERIFY2(sender.bindLoopback(), qPrintable(sender.errorString()));
    const int sendBuffer = 256 * 1024;
    QCOMPARE(::setsockopt(int(sender.socketDescriptor()), SOL_SOCKET, SO_SNDBUF, &sendBuffer,
                          sizeof sendBuffer),
             0);

    QCOMPARE(sender.writeDatagram(largest, QHostAddress::LocalHost, udp.localPort()),
             qint64(largest.size()));
    QTRY_COMPARE(eventsOf(store, EventKind::Received).size(), 1);
    const TrafficEvent received = eventsOf(store, EventKind::Received).constFirst();
    QCOMPARE(qsizetype(received.payloadSize), largest.size());
    QVERIFY(store.payload(received) == largest);

    // And back, just as large.
    udp.send(SendTarget::toConnection(received.connection), largest);
    QTRY_COMPARE(sender.datagrams().size(), 1);
    QCOMPARE(sender.datagrams().constFirst().size(), largest.size());
    QVERIFY(sender.datagrams().constFirst() == largest);
    QVERIFY(eventsOf(store, EventKind::Error).isEmpty());
}

void TestUdpEndpoint::oversizedDatagramIsNotSent()
{
    Peer receiver;
    QVERIFY2(receiver.bindLoopback(), qPrintable(receiver.errorString()));
    SessionConfig config = udpConfig(SessionConfig::Protocol::None);
    config.peerHost = QStringLiteral("127.0.0.1");
    config.peerPort = receiver.localPort();
    TrafficStore store;
    UdpEndpoint udp(Session, config, &store);
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));

    udp.send(SendTarget(), QByteArray(UdpEndpoint::MaxDatagramIPv4 + 1, 'x'));
    QCOMPARE(textsOf(store, EventKind::Error),
             QStringList{q(
                 "Datagram of 65508 bytes not sent: UDP over IPv4 carries at most 65507 bytes.")});
    QVERIFY(eventsOf(store, EventKind::Sent).isEmpty());
    QCOMPARE(udp.state(), SessionState::Bound); // not fatal

    // Datagrams on loopback keep their order: if the large one had left, it
    // would arrive first.
    udp.send(SendTarget(), "after");
    QTRY_COMPARE(receiver.datagrams(), QByteArrayList{"after"});
    const ConnectionId id = connectionWithPeer(store, receiver.name());
    QCOMPARE(transcript(store, id),
             QStringList({q("Error \"Datagram of 65508 bytes not sent: UDP over IPv4 carries at "
                            "most 65507 bytes.\""),
                          q("Sent \"after\"")}));
}

void TestUdpEndpoint::chatBothWaysThenEndWord_data()
{
    QTest::addColumn<QByteArray>("endWord");
    QTest::addColumn<QByteArray>("lastMessage");

    QTest::newRow("tutorial") << QByteArray("88") << QByteArray("88");
    QTest::newRow("typed line") << QByteArray("88") << QByteArray("88\n");
    QTest::newRow("own word") << QByteArray("bye") << QByteArray("bye\r\n");
}

void TestUdpEndpoint::chatBothWaysThenEndWord()
{
    QFETCH(QByteArray, endWord);
    QFETCH(QByteArray, lastMessage);

    // The tutorial's 8888 <-> 8889, on ports the system hands out.
    const quint16 portA = freeUdpPort();
    QVERIFY(portA != 0);
    TrafficStore store;
    SessionConfig configB = udpConfig(SessionConfig::Protocol::Chat);
    configB.peerHost = QStringLiteral("127.0.0.1");
    configB.peerPort = portA;
    configB.endWord = endWord;
    UdpEndpoint b(2, configB, &store);
    b.start();
    QVERIFY2(b.state() == SessionState::Bound, qPrintable(b.stateDetail()));
    SessionConfig configA = configB;
    configA.port = portA;
    configA.peerPort = b.localPort();
    UdpEndpoint a(1, configA, &store);
    a.start();
    QVERIFY2(a.state() == SessionState::Bound, qPrintable(a.stateDetail()));
    QSignalSpy endedA(&a, &UdpEndpoint::chatEnded);
    QSignalSpy endedB(&b, &UdpEndpoint::chatEnded);

    a.send(SendTarget(), "hello B");
    const auto receivedBy = [&](SessionId session) {
        QByteArrayList out;
        for (const TrafficEvent &ev : eventsOf(store, EventKind::Received)) {
            if (ev.session == session)
                out.append(store.payload(ev));
        }
        return out;
    };
    QTRY_COMPARE(receivedBy(2), QByteArrayList{"hello B"});
    b.send(SendTarget(), "hi A");
    QTRY_COMPARE(receivedBy(1), QByteArrayList{"hi A"});
    const ConnectionId aAtB = connectionWithPeer(store, loopback(portA));
    QVERIFY(aAtB != 0);
    QCOMPARE(connectionInfo(store, aAtB).session, SessionId(2));

    a.send(SendTarget(), lastMessage);
    QCOMPARE(a.state(), SessionState::Finished);
    QCOMPARE(a.stateDetail(), q("chat ended"));
    QCOMPARE(endedA.count(), 1);
    QCOMPARE(endedA.at(0).at(0).toBool(), false);
    QTRY_COMPARE(b.state(), SessionState::Finished);
    QCOMPARE(b.stateDetail(), q("chat ended by the peer"));
    QCOMPARE(endedB.count(), 1);
    QCOMPARE(endedB.at(0).at(0).toBool(), true);
    QCOMPARE(receivedBy(2), QByteArrayList({"hello B", lastMessage}));

    const QString word = QString::fromUtf8(endWord);
    QCOMPARE(sessionTexts(store, 1, EventKind::Note),
             QStringList{u"Chat ended here (end word \"" + word + u"\")"});
    QCOMPARE(sessionTexts(store, 2, EventKind::Note),
             QStringList{u"Chat ended by the peer (end word \"" + word + u"\")"});
    QCOMPARE(eventsOf(store, EventKind::Stopped).size(), 2);
    QCOMPARE(a.localPort(), quint16(0));
    QCOMPARE(b.localPort(), quint16(0));

    // The chat is over: nothing more leaves.
    a.send(SendTarget(), "anyone?");
    QCOMPARE(sessionTexts(store, 1, EventKind::Error),
             QStringList{q("The socket is not bound: nothing was sent.")});
}

void TestUdpEndpoint::chatWithoutEndWordNeverEnds()
{
    const quint16 portA = freeUdpPort();
    QVERIFY(portA != 0);
    TrafficStore store;
    SessionConfig configB = udpConfig(SessionConfig::Protocol::Chat);
    configB.peerHost = QStringLiteral("127.0.0.1");
    configB.peerPort = portA;
    configB.endWord.clear();
    UdpEndpoint b(2, configB, &store);
    b.start();
    QVERIFY2(b.state() == SessionState::Bound, qPrintable(b.stateDetail()));
    SessionConfig configA = configB;
    configA.port = portA;
    configA.peerPort = b.localPort();
    UdpEndpoint a(1, configA, &store);
    a.start();
    QVERIFY2(a.state() == SessionState::Bound, qPrintable(a.stateDetail()));
    QSignalSpy endedA(&a, &UdpEndpoint::chatEnded);
    QSignalSpy endedB(&b, &UdpEndpoint::chatEnded);

    a.send(SendTarget(), "88");
    b.send(SendTarget(), "88");
    a.send(SendTarget(), QByteArray());
    // Datagrams keep their order on loopback: once these arrive, the "88"s
    // before them were handled.
    a.send(SendTarget(), "still here");
    b.send(SendTarget(), "me too");
    const auto bytesAt = [&](SessionId session) {
        QByteArrayList out;
        for (const TrafficEvent &ev : eventsOf(store, EventKind::Received)) {
            if (ev.session == session)
                out.append(store.payload(ev));
        }
        return out;
    };
    QTRY_COMPARE(bytesAt(2), QByteArrayList({"88", "", "still here"}));
    QTRY_COMPARE(bytesAt(1), QByteArrayList({"88", "me too"}));
    QCOMPARE(a.state(), SessionState::Bound);
    QCOMPARE(b.state(), SessionState::Bound);
    QCOMPARE(endedA.count(), 0);
    QCOMPARE(endedB.count(), 0);
    QVERIFY(eventsOf(store, EventKind::Note).isEmpty());
}

void TestUdpEndpoint::sendErrors()
{
    TrafficStore store;
    UdpEndpoint udp(Session, udpConfig(SessionConfig::Protocol::None), &store);
    udp.send(SendTarget(), "before start");
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));
    udp.send(SendTarget(), "no peer");
    udp.send(SendTarget::toConnection(99), "nobody");
    QCOMPARE(textsOf(store, EventKind::Error),
             QStringList({q("The socket is not bound: nothing was sent."),
                          q("This session has no peer: choose an address to send to."),
                          q("Unknown peer #99: nothing was sent.")}));
    QVERIFY(eventsOf(store, EventKind::Sent).isEmpty());
    QCOMPARE(udp.state(), SessionState::Bound);
}

void TestUdpEndpoint::stopClosesSocket()
{
    TrafficStore store;
    UdpEndpoint udp(Session, udpConfig(SessionConfig::Protocol::Hello), &store);
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));
    const quint16 port = udp.localPort();

    QSignalSpy states(&udp, &Endpoint::stateChanged);
    udp.stop();
    QCOMPARE(udp.state(), SessionState::Stopped);
    QCOMPARE(states.count(), 1);
    QCOMPARE(udp.localPort(), quint16(0));
    QCOMPARE(allEvents(store).constLast().kind, EventKind::Stopped);

    // The port is free again.
    QUdpSocket again;
    QVERIFY2(again.bind(QHostAddress::LocalHost, port, QAbstractSocket::DontShareAddress),
             qPrintable(again.errorString()));
}

void TestUdpEndpoint::busyPortIsAnError()
{
    QUdpSocket blocker;
    QVERIFY2(blocker.bind(QHostAddress::LocalHost, 0, QAbstractSocket::DontShareAddress),
             qPrintable(blocker.errorString()));
    SessionConfig config = udpConfig(SessionConfig::Protocol::Hello);
    config.port = blocker.localPort();
    TrafficStore store;
    UdpEndpoint udp(Session, config, &store);
    udp.start();
    QCOMPARE(udp.state(), SessionState::Error);
    const QString detail = udp.stateDetail();
    QVERIFY2(detail.startsWith(u"Cannot bind " + loopback(config.port) + u": "),
             qPrintable(detail));
    QVERIFY2(detail.contains(u"already in use", Qt::CaseInsensitive), qPrintable(detail));
    QCOMPARE(textsOf(store, EventKind::Error), QStringList{detail});
    QVERIFY(eventsOf(store, EventKind::Bound).isEmpty());
    QCOMPARE(udp.localPort(), quint16(0));

    // The blocker still gets its own datagrams: the port was not shared.
    QUdpSocket sender;
    sender.writeDatagram("mine", QHostAddress::LocalHost, config.port);
    QTRY_VERIFY(blocker.hasPendingDatagrams());
    QCOMPARE(blocker.receiveDatagram().data(), QByteArray("mine"));
}

void TestUdpEndpoint::helloOverIpv6()
{
    Peer sender;
    if (!sender.bindLoopback(QHostAddress(QHostAddress::LocalHostIPv6)))
        QSKIP(qPrintable(u"::1 cannot be bound on this machine: " + sender.errorString()));
    SessionConfig config = udpConfig(SessionConfig::Protocol::Hello);
    config.host = QStringLiteral("::1");
    TrafficStore store;
    UdpEndpoint udp(Session, config, &store);
    udp.start();
    QVERIFY2(udp.state() == SessionState::Bound, qPrintable(udp.stateDetail()));
    QCOMPARE(udp.stateDetail(), QString(u"[::1]:" + QString::number(udp.localPort())));

    sender.writeDatagram("six", QHostAddress::LocalHostIPv6, udp.localPort());
    QTRY_COMPARE(sender.datagrams(), QByteArrayList{"Hello, six!"});
    QVERIFY(sender.name().startsWith(u"[::1]:"));
    QVERIFY2(connectionWithPeer(store, sender.name()) != 0, qPrintable(sender.name()));
}

QTEST_GUILESS_MAIN(TestUdpEndpoint)

#include "tst_udpendpoint.moc"
