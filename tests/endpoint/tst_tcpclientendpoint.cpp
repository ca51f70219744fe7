#include "endpointtestsupport.h"
#include "sessionconfig.h"
#include "tcpclientendpoint.h"
#include "trafficstore.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <memory>
#include <vector>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace EndpointTest;

namespace {

constexpr SessionId Session = 1;

SessionConfig clientConfig(const QString &host, quint16 port)
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpClient;
    config.protocol = SessionConfig::Protocol::None;
    config.host = host;
    config.port = port;
    return config;
}

SessionConfig clientConfig(quint16 port)
{
    return clientConfig(QStringLiteral("127.0.0.1"), port);
}

// The states a session list showed, in order: "starting -> connected".
QString statesOf(const QSignalSpy &spy)
{
    QStringList states;
    for (const QList<QVariant> &args : spy)
        states.append(Endpoint::stateName(args.at(0).value<SessionState>()));
    return states.join(u" -> ");
}

// The far end of the client under test on a plain descriptor: unlike a
// QTcpSocket it can read the end of a half-closed stream and still send.
class RawPeer
{
public:
    explicit RawPeer(qintptr descriptor)
        : m_fd(int(descriptor))
    {
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    }
    ~RawPeer() { close(); }
    RawPeer(const RawPeer &) = delete;
    RawPeer &operator=(const RawPeer &) = delete;

    QByteArray received()
    {
        drain();
        return m_received;
    }
    // The client shut down its sending side (read() returned 0).
    bool sawEnd()
    {
        drain();
        return m_end;
    }
    bool send(const QByteArray &bytes)
    {
        return ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
    }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    void drain()
    {
        char buffer[4096];
        for (int i = 0; i < 4096 && m_fd >= 0 && !m_end; ++i) {
            const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
            if (n > 0)
                m_received.append(buffer, qsizetype(n));
            else if (n == 0)
                m_end = true;
            else
                return;
        }
    }

    int m_fd;
    QByteArray m_received;
    bool m_end = false;
};

class RawServer : public QTcpServer
{
public:
    std::vector<std::unique_ptr<RawPeer>> peers;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        peers.push_back(std::make_unique<RawPeer>(descriptor));
    }
};

// A loopback port nobody listens on: bound, read back, released.
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestTcpClientEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectsSendsAndReceives_data();
    void connectsSendsAndReceives();
    void largeSendArrivesIntact();
    void sendBeforeConnectedIsDelivered();
    void finishSendingHalfCloses();
    void finishSendingBeforeConnected();
    void finishSendingSeenByQTcpSocket();
    void connectionRefused();
    void unknownHost();
    void serverResetIsAnError();
    void disconnectByUser();
    void stopClosesConnection();
    void sendErrors();
    void restartConnectsAgain();
    void ipv6Loopback();
};

void TestTcpClientEndpoint::connectsSendsAndReceives_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("response");

    QTest::newRow("text") << QByteArray("Michael") << QByteArray("Hello, Michael!");
    QTest::newRow("lines") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                           << QByteArray("HTTP/1.1 200 OK\r\n\r\n");
    QTest::newRow("binary") << QByteArrayLiteral("\xff\x00\xfe")
                            << QByteArrayLiteral("\x00\x01\x80");
}

void TestTcpClientEndpoint::connectsSendsAndReceives()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, response);

    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    const QString target = u"127.0.0.1:" + QString::number(server.serverPort());
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);
    QSignalSpy states(&client, &Endpoint::stateChanged);

    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    QCOMPARE(statesOf(states), q("starting -> connected"));
    QCOMPARE(states.at(0).at(1).toString(), target);
    QCOMPARE(client.stateDetail(), target);
    QCOMPARE(textsOf(store, EventKind::Connecting), QStringList{target});
    QCOMPARE(eventsOf(store, EventKind::Connecting).constFirst().connection, ConnectionId(0));

    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    const ConnectionId id = client.connectionId();
    QVERIFY(id != 0);
    const TrafficStore::AddressPair addresses =
        store.addresses(connectionInfo(store, id).addresses);
    QCOMPARE(addresses.peer, target);
    QCOMPARE(addresses.local, addressText(peer->peerAddress(), peer->peerPort()));

    client.send(SendTarget(), request);
    QByteArray atServer;
    QTRY_COMPARE((atServer += peer->readAll()), request);
    peer->write(response);
    QTRY_COMPARE(bytesOf(store, EventKind::Received, id), response);
    const QStringList expected{q("Opened"), u"Sent \"" + escaped(request) + u"\"",
                               u"Received \"" + escaped(response) + u"\""};
    QCOMPARE(transcript(store, id), expected);
    QCOMPARE(client.state(), SessionState::Connected);
}

void TestTcpClientEndpoint::largeSendArrivesIntact()
{
    // Far more than the socket buffers hold: most of it waits in the endpoint.
    QByteArray payload(4 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char((i * 7 + i / 251) & 0xff);

    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());

    client.send(SendTarget(), payload);
    QByteArray atServer;
    QTRY_COMPARE_WITH_TIMEOUT((atServer += peer->readAll()).size(), payload.size(), 20000);
    QVERIFY(atServer == payload);
    QVERIFY(bytesOf(store, EventKind::Sent, client.connectionId()) == payload);
}

void TestTcpClientEndpoint::sendBeforeConnectedIsDelivered()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);

    client.start();
    QCOMPARE(client.state(), SessionState::Starting);
    client.send(SendTarget(), "early ");
    client.send(SendTarget(), QByteArrayLiteral("bird\x00"));
    QVERIFY(eventsOf(store, EventKind::Error).isEmpty());

    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QByteArray atServer;
    QTRY_COMPARE((atServer += peer->readAll()), QByteArrayLiteral("early bird\x00"));
    QCOMPARE(client.state(), SessionState::Connected);
    // Recorded when they really left, after the connection opened.
    QCOMPARE(transcript(store, client.connectionId()),
             QStringList({q("Opened"), q("Sent \"early \""), q("Sent \"bird\\x00\"")}));
}

void TestTcpClientEndpoint::finishSendingHalfCloses()
{
    RawServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    QTRY_COMPARE(server.peers.size(), size_t(1));
    RawPeer &peer = *server.peers.front();
    const ConnectionId id = client.connectionId();

    const QByteArray request = "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
    client.send(SendTarget(), request);
    client.finishSending();
    QTRY_VERIFY(peer.sawEnd());
    QCOMPARE(peer.received(), request);
    QCOMPARE(client.state(), SessionState::Connected);

    // Half-closed: the server still talks and the client still listens.
    QVERIFY(peer.send("HTTP/1.1 200 OK\r\n\r\n"));
    QTRY_COMPARE(bytesOf(store, EventKind::Received, id), QByteArray("HTTP/1.1 200 OK\r\n\r\n"));
    QVERIFY(peer.send(QByteArrayLiteral("body\x00\xff")));
    QTRY_COMPARE(bytesOf(store, EventKind::Received, id),
                 QByteArrayLiteral("HTTP/1.1 200 OK\r\n\r\nbody\x00\xff"));
    QCOMPARE(client.state(), SessionState::Connected);

    // Nothing more can leave once sending is finished; nothing is claimed as sent.
    client.send(SendTarget(), "too late");
    QCOMPARE(bytesOf(store, EventKind::Sent, id), request);

    peer.close();
    QTRY_COMPARE(client.state(), SessionState::Finished);
    QCOMPARE(client.stateDetail(), q("Closed by the peer"));
    QCOMPARE(transcript(store, id).constLast(), q("Closed Peer \"Closed by the peer\""));
    QCOMPARE(connectionInfo(store, id).closer, Closer::Peer);
    QCOMPARE(client.connectionId(), ConnectionId(0));
}

void TestTcpClientEndpoint::finishSendingBeforeConnected()
{
    RawServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);
    client.start();
    QCOMPARE(client.state(), SessionState::Starting);
    client.send(SendTarget(), "queued");
    client.finishSending();

    QTRY_COMPARE(server.peers.size(), size_t(1));
    RawPeer &peer = *server.peers.front();
    QTRY_VERIFY(peer.sawEnd());
    QCOMPARE(peer.received(), QByteArray("queued"));
    QCOMPARE(client.state(), SessionState::Connected);
    QVERIFY(peer.send("answer"));
    QTRY_COMPARE(bytesOf(store, EventKind::Received, client.connectionId()), QByteArray("answer"));
    peer.close();
    QTRY_COMPARE(client.state(), SessionState::Finished);
}

void TestTcpClientEndpoint::finishSendingSeenByQTcpSocket()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    const ConnectionId id = client.connectionId();
    QSignalSpy finished(peer.get(), &QTcpSocket::readChannelFinished);
    QByteArray atServer;
    connect(peer.get(), &QTcpSocket::readyRead, this, [&] { atServer += peer->readAll(); });

    client.send(SendTarget(), "last words");
    client.finishSending();
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(atServer, QByteArray("last words"));
    // QTcpSocket closes its side on end of stream, which ends the session.
    QTRY_COMPARE(client.state(), SessionState::Finished);
    QCOMPARE(transcript(store, id), QStringList({q("Opened"), q("Sent \"last words\""),
                                                 q("Closed Peer \"Closed by the peer\"")}));
}

void TestTcpClientEndpoint::connectionRefused()
{
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    const QString target = u"127.0.0.1:" + QString::number(port);
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(port), &store);
    QSignalSpy states(&client, &Endpoint::stateChanged);

    client.start();
    QTRY_COMPARE(client.state(), SessionState::Error);
    QCOMPARE(statesOf(states), q("starting -> error"));
    const QString detail = client.stateDetail();
    QCOMPARE(detail, QString(u"Cannot connect to " + target + u": Connection refused"));
    QVERIFY(detail.contains(u"refused"));
    QCOMPARE(textsOf(store, EventKind::Error), QStringList{detail});
    QCOMPARE(textsOf(store, EventKind::Connecting), QStringList{target});
    QVERIFY(eventsOf(store, EventKind::Opened).isEmpty());
    QCOMPARE(client.connectionId(), ConnectionId(0));

    // Sends after the failure are refused in words, not queued forever.
    client.send(SendTarget(), "anyone?");
    QCOMPARE(textsOf(store, EventKind::Error).constLast(), q("Not connected: nothing was sent."));
}

void TestTcpClientEndpoint::unknownHost()
{
    // Under the reserved .invalid domain, and with spaces that no resolver
    // accepts: Qt refuses the name itself, so no query leaves this machine.
    const QString host = QStringLiteral("no such host.invalid");
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(host, 80), &store);
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Error);
    const QString detail = client.stateDetail();
    const QString prefix = u"Cannot resolve host \"" + host + u"\": ";
    // The resolver's reason follows.
    QVERIFY2(detail.startsWith(prefix) && detail.size() > prefix.size(), qPrintable(detail));
    QCOMPARE(textsOf(store, EventKind::Error), QStringList{detail});
    QVERIFY(eventsOf(store, EventKind::Opened).isEmpty());
}

void TestTcpClientEndpoint::serverResetIsAnError()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    const ConnectionId id = client.connectionId();

    const linger lin{1, 0};
    QCOMPARE(::setsockopt(int(peer->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lin, sizeof lin),
             0);
    peer->abort();
    QTRY_COMPARE(client.state(), SessionState::Error);
    QCOMPARE(client.stateDetail(), q("Connection reset by the peer"));
    QCOMPARE(transcript(store, id),
             QStringList({q("Opened"), q("Closed Peer \"Connection reset by the peer\"")}));
}

void TestTcpClientEndpoint::disconnectByUser()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    const ConnectionId id = client.connectionId();

    client.disconnectConnection(id);
    QTRY_COMPARE(peer->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(client.state(), SessionState::Finished);
    QCOMPARE(transcript(store, id),
             QStringList({q("Opened"), q("Closed Local \"Disconnected by the user\"")}));
}

void TestTcpClientEndpoint::stopClosesConnection()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    const ConnectionId id = client.connectionId();

    QSignalSpy states(&client, &Endpoint::stateChanged);
    client.stop();
    QCOMPARE(client.state(), SessionState::Stopped);
    QTRY_COMPARE(peer->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(transcript(store, id).constLast(), q("Closed Local \"Session stopped\""));
    QCOMPARE(allEvents(store).constLast().kind, EventKind::Stopped);
    // A stop is a stop: the session list must not pass through "finished".
    QCOMPARE(statesOf(states), q("stopped"));
}

void TestTcpClientEndpoint::sendErrors()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);

    client.send(SendTarget(), "not started");
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    client.send(SendTarget::toAddress(QStringLiteral("127.0.0.1"), 9), "elsewhere");
    QCOMPARE(textsOf(store, EventKind::Error),
             QStringList({q("Not connected: nothing was sent."),
                          q("A TCP client sends to its server, not to an address.")}));
    QVERIFY(eventsOf(store, EventKind::Sent).isEmpty());
    QCOMPARE(client.state(), SessionState::Connected);
}

void TestTcpClientEndpoint::restartConnectsAgain()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(server.serverPort()), &store);
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    const ConnectionId first = client.connectionId();
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    peer->disconnectFromHost();
    QTRY_COMPARE(client.state(), SessionState::Finished);

    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    QVERIFY(client.connectionId() != 0 && client.connectionId() != first);
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> second(server.nextPendingConnection());
    client.send(SendTarget(), "again");
    QByteArray atServer;
    QTRY_COMPARE((atServer += second->readAll()), QByteArray("again"));
    QCOMPARE(eventsOf(store, EventKind::Connecting).size(), 2);
}

void TestTcpClientEndpoint::ipv6Loopback()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHostIPv6, 0))
        QSKIP(qPrintable(u"::1 cannot be bound on this machine: " + server.errorString()));
    const QString target = u"[::1]:" + QString::number(server.serverPort());
    TrafficStore store;
    TcpClientEndpoint client(Session, clientConfig(QStringLiteral("::1"), server.serverPort()),
                             &store);
    client.start();
    QTRY_COMPARE(client.state(), SessionState::Connected);
    QCOMPARE(client.stateDetail(), target);
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    client.send(SendTarget(), "over six");
    QByteArray atServer;
    QTRY_COMPARE((atServer += peer->readAll()), QByteArray("over six"));
    const TrafficStore::AddressPair addresses =
        store.addresses(connectionInfo(store, client.connectionId()).addresses);
    QCOMPARE(addresses.peer, target);
    QVERIFY(addresses.local.startsWith(u"[::1]:"));
}

QTEST_GUILESS_MAIN(TestTcpClientEndpoint)

#include "tst_tcpclientendpoint.moc"
