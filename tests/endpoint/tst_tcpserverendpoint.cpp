#include "endpointtestsupport.h"
#include "sessionconfig.h"
#include "streamsocket.h"
#include "tcpserverendpoint.h"
#include "trafficstore.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>
#include <QtTest>

#include <memory>
#include <vector>

#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace EndpointTest;

namespace {

constexpr SessionId Session = 1;

SessionConfig serverConfig(SessionConfig::Protocol protocol = SessionConfig::Protocol::Hello)
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpServer;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.protocol = protocol;
    return config;
}

} // namespace

class TestTcpServerEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listensOnPortZero();
    void greetsManyConcurrentClients();
    void repliesToMessages_data();
    void repliesToMessages();
    void customTexts();
    void exitClosesOnlyThatClient_data();
    void exitClosesOnlyThatClient();
    void maxClientsClosesExtraClient();
    void lineFraming_data();
    void lineFraming();
    void idleTimeoutClosesQuietClient();
    void sendsToOneOrAllAndDisconnects();
    void sendErrors();
    void stopClosesEveryConnection();
    void busyPortIsAnError();
    void ipv6Loopback();
    void clientEndIsRecorded_data();
    void clientEndIsRecorded();
    void halfClosingClientGetsEveryReply_data();
    void halfClosingClientGetsEveryReply();
    void neverReadingClientIsPaused_data();
    void neverReadingClientIsPaused();
};

void TestTcpServerEndpoint::listensOnPortZero()
{
    TrafficStore store;
    TcpServerEndpoint server(Session, serverConfig(), &store);
    QSignalSpy states(&server, &Endpoint::stateChanged);

    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));

    const quint16 port = portFromEvent(store, EventKind::Listening);
    QVERIFY(port != 0);
    QCOMPARE(server.serverPort(), port);
    const QString local = u"127.0.0.1:" + QString::number(port);
    QCOMPARE(server.stateDetail(), local);
    QCOMPARE(textsOf(store, EventKind::Listening), QStringList{local});
    QCOMPARE(states.count(), 2); // starting, listening
    QCOMPARE(states.at(0).at(0).value<SessionState>(), SessionState::Starting);
    QCOMPARE(states.at(1).at(0).value<SessionState>(), SessionState::Listening);
    QCOMPARE(states.at(1).at(1).toString(), local);
    QCOMPARE(server.connectionCount(), 0);
}

void TestTcpServerEndpoint::greetsManyConcurrentClients()
{
    constexpr int ClientCount = 50;
    TrafficStore store;
    TcpServerEndpoint server(Session, serverConfig(), &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    const quint16 port = server.serverPort();
    const QString local = u"127.0.0.1:" + QString::number(port);

    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < ClientCount; ++i)
        clients.push_back(connectClient(port));

    auto countReceiving = [&](auto expected) {
        int n = 0;
        for (int i = 0; i < ClientCount; ++i)
            n += clients[size_t(i)]->received() == expected(i) ? 1 : 0;
        return n;
    };
    auto welcome = [](int) -> QByteArray { return "Welcome!"; };
    QTRY_COMPARE_WITH_TIMEOUT(countReceiving(welcome), ClientCount, 15000);
    QCOMPARE(server.connectionCount(), ClientCount);

    // Every client talks at once, each with its own message, twice.
    for (int i = 0; i < ClientCount; ++i)
        clients[size_t(i)]->write("client-" + QByteArray::number(i));
    auto firstReply = [](int i) -> QByteArray {
        return "Welcome!Hello, client-" + QByteArray::number(i) + '!';
    };
    QTRY_COMPARE_WITH_TIMEOUT(countReceiving(firstReply), ClientCount, 15000);
    for (int i = 0; i < ClientCount; ++i)
        clients[size_t(i)]->write("again-" + QByteArray::number(i) + '\n');
    auto secondReply = [&](int i) -> QByteArray {
        return firstReply(i) + "Hello, again-" + QByteArray::number(i) + "!\n";
    };
    QTRY_COMPARE_WITH_TIMEOUT(countReceiving(secondReply), ClientCount, 15000);

    QCOMPARE(eventsOf(store, EventKind::Opened).size(), ClientCount);
    QList<ConnectionId> ids;
    for (int i = 0; i < ClientCount; ++i) {
        const ConnectionId id = connectionWithPeer(store, clients[size_t(i)]->name());
        QVERIFY2(id != 0, qPrintable(clients[size_t(i)]->name()));
        QVERIFY(!ids.contains(id));
        ids.append(id);
        const QString n = QString::number(i);
        const QStringList expected{q("Opened"),
                                   q("Sent \"Welcome!\""),
                                   u"Received \"client-" + n + u"\"",
                                   u"Sent \"Hello, client-" + n + u"!\"",
                                   u"Received \"again-" + n + u"\\x0a\"",
                                   u"Sent \"Hello, again-" + n + u"!\\x0a\""};
        QCOMPARE(transcript(store, id), expected);
        const TrafficStore::ConnectionInfo info = connectionInfo(store, id);
        QCOMPARE(info.session, Session);
        QVERIFY(!info.datagram);
        QCOMPARE(info.state, TrafficStore::ConnectionState::Open);
        QCOMPARE(store.addresses(info.addresses).local, local);
    }

    for (auto &client : clients)
        client->disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, 15000);
    for (ConnectionId id : std::as_const(ids)) {
        QCOMPARE(transcript(store, id).constLast(), q("Closed Peer \"Closed by the peer\""));
        QCOMPARE(connectionInfo(store, id).closer, Closer::Peer);
    }
    QCOMPARE(store.totals().openConnections, 0u);
    QCOMPARE(server.state(), SessionState::Listening);
}

void TestTcpServerEndpoint::repliesToMessages_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("reply");

    QTest::newRow("tutorial") << QByteArray("Michael") << QByteArray("Hello, Michael!");
    QTest::newRow("newline") << QByteArray("Michael\n") << QByteArray("Hello, Michael!\n");
    QTest::newRow("crlf") << QByteArray("x\r\n") << QByteArray("Hello, x!\r\n");
    QTest::newRow("one newline only") << QByteArray("x\n\n") << QByteArray("Hello, x\n!\n");
    QTest::newRow("bare newline") << QByteArray("\n") << QByteArray("Hello, !\n");
    QTest::newRow("binary") << QByteArrayLiteral("\xff\x00\xfe")
                            << QByteArrayLiteral("Hello, \xff\x00\xfe!");
    QTest::newRow("invalid utf-8")
        << QByteArrayLiteral("\xc3\x28\xa0\xa1") << QByteArrayLiteral("Hello, \xc3\x28\xa0\xa1!");
    QTest::newRow("utf-8") << QByteArray("\xe8\xbf\x88\xe5\x85\x8b\xe5\xb0\x94")
                           << QByteArray("Hello, \xe8\xbf\x88\xe5\x85\x8b\xe5\xb0\x94!");
    QTest::newRow("percent s") << QByteArray("%s") << QByteArray("Hello, %s!");
    QTest::newRow("not the exit word") << QByteArray("exit now") << QByteArray("Hello, exit now!");
    QTest::newRow("exit word is exact") << QByteArray("EXIT") << QByteArray("Hello, EXIT!");
    QTest::newRow("large") << QByteArray(1000, 'a')
                           << QByteArray("Hello, " + QByteArray(1000, 'a') + '!');
}

void TestTcpServerEndpoint::repliesToMessages()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, reply);

    TrafficStore store;
    TcpServerEndpoint server(Session, serverConfig(), &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    auto client = connectClient(server.serverPort());
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));

    client->write(message);
    const QByteArray sent = "Welcome!" + reply;
    QTRY_COMPARE(client->received(), sent);

    const ConnectionId id = connectionWithPeer(store, client->name());
    QVERIFY(id != 0);
    QCOMPARE(bytesOf(store, EventKind::Received, id), message);
    QCOMPARE(bytesOf(store, EventKind::Sent, id), sent);
    QCOMPARE(eventsOf(store, EventKind::Sent, id).size(), 2);
    QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
    const TrafficStore::ConnectionInfo info = connectionInfo(store, id);
    QCOMPARE(info.bytesIn, quint64(message.size()));
    QCOMPARE(info.bytesOut, quint64(8 + reply.size()));
    QCOMPARE(info.messagesIn, 1u);
    QCOMPARE(info.messagesOut, 2u);
}

void TestTcpServerEndpoint::customTexts()
{
    SessionConfig config = serverConfig();
    config.greeting = "Hi there\r\n";
    config.replyTemplate = "<%s> and %s";
    config.exitWord = "quit";
    TrafficStore store;
    TcpServerEndpoint server(Session, config, &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    auto client = connectClient(server.serverPort());
    QTRY_COMPARE(client->received(), QByteArray("Hi there\r\n"));

    client->write("exit\n");
    QTRY_COMPARE(client->received(), QByteArray("Hi there\r\n<exit> and %s\n"));
    client->write("quit\r\n");
    QTRY_COMPARE(client->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(client->received(), QByteArray("Hi there\r\n<exit> and %s\n"));
}

void TestTcpServerEndpoint::exitClosesOnlyThatClient_data()
{
    QTest::addColumn<QByteArray>("exitMessage");

    QTest::newRow("bare") << QByteArray("exit");
    QTest::newRow("newline") << QByteArray("exit\n");
    QTest::newRow("crlf") << QByteArray("exit\r\n");
}

void TestTcpServerEndpoint::exitClosesOnlyThatClient()
{
    QFETCH(QByteArray, exitMessage);

    TrafficStore store;
    TcpServerEndpoint server(Session, serverConfig(), &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    auto leaving = connectClient(server.serverPort());
    auto staying = connectClient(server.serverPort());
    QTRY_COMPARE(leaving->received(), QByteArray("Welcome!"));
    QTRY_COMPARE(staying->received(), QByteArray("Welcome!"));
    const ConnectionId leavingId = connectionWithPeer(store, leaving->name());

    leaving->write(exitMessage);
    QTRY_COMPARE(leaving->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(leaving->received(), QByteArray("Welcome!")); // no reply to the exit word
    QCOMPARE(transcript(store, leavingId),
             QStringList({q("Opened"), q("Sent \"Welcome!\""),
                          u"Received \"" + escaped(exitMessage) + u'"',
                          q("Closed Local \"Exit word received\"")}));
    QTRY_COMPARE(server.connectionCount(), 1);

    staying->write("Michael");
    QTRY_COMPARE(staying->received(), QByteArray("Welcome!Hello, Michael!"));
    QCOMPARE(staying->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server.state(), SessionState::Listening);
}

void TestTcpServerEndpoint::maxClientsClosesExtraClient()
{
    SessionConfig config = serverConfig();
    config.maxClients = 2;
    TrafficStore store;
    TcpServerEndpoint server(Session, config, &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    const quint16 port = server.serverPort();

    auto first = connectClient(port);
    auto second = connectClient(port);
    QTRY_COMPARE(first->received(), QByteArray("Welcome!"));
    QTRY_COMPARE(second->received(), QByteArray("Welcome!"));

    auto third = connectClient(port);
    QTRY_COMPARE(third->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(third->received(), QByteArray()); // not greeted
    const ConnectionId thirdId = connectionWithPeer(store, third->name());
    QVERIFY2(thirdId != 0, qPrintable(third->name()));
    QCOMPARE(transcript(store, thirdId),
             QStringList({q("Opened"), q("Closed Limit \"Too many clients: the limit is 2\"")}));
    QCOMPARE(connectionInfo(store, thirdId).closer, Closer::Limit);
    QCOMPARE(server.connectionCount(), 2);

    // The two admitted clients keep working.
    second->write("still here");
    QTRY_COMPARE(second->received(), QByteArray("Welcome!Hello, still here!"));

    // A place that frees up is given to the next client.
    first->write("exit");
    QTRY_COMPARE(first->state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(server.connectionCount(), 1);
    auto fourth = connectClient(port);
    QTRY_COMPARE(fourth->received(), QByteArray("Welcome!"));
    QCOMPARE(server.connectionCount(), 2);
}

void TestTcpServerEndpoint::lineFraming_data()
{
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<QByteArrayList>("writes");
    QTest::addColumn<QByteArray>("replies");
    QTest::addColumn<bool>("closes");

    QTest::newRow("two lines in one write")
        << 64 << QByteArrayList{"Michael\nx\r\n"} << QByteArray("Hello, Michael!\nHello, x!\r\n")
        << false;
    QTest::newRow("line split over writes")
        << 64 << QByteArrayList{"Mic", "hael", "\nsecond\n"}
        << QByteArray("Hello, Michael!\nHello, second!\n") << false;
    QTest::newRow("empty lines") << 64 << QByteArrayList{"\n\n"}
                                 << QByteArray("Hello, !\nHello, !\n") << false;
    QTest::newRow("over-long line in pieces")
        << 4 << QByteArrayList{"abcdefghij\n"} << QByteArray("Hello, abcd!Hello, efgh!Hello, ij!\n")
        << false;
    QTest::newRow("over-long line over writes")
        << 4 << QByteArrayList{"abc", "defgh", "ij\n"}
        << QByteArray("Hello, abcd!Hello, efgh!Hello, ij!\n") << false;
    QTest::newRow("exit between lines")
        << 64 << QByteArrayList{"a\nexit\nb\n"} << QByteArray("Hello, a!\n") << true;
}

void TestTcpServerEndpoint::lineFraming()
{
    QFETCH(int, maxLine);
    QFETCH(QByteArrayList, writes);
    QFETCH(QByteArray, replies);
    QFETCH(bool, closes);

    SessionConfig config = serverConfig();
    config.framing = SessionConfig::Framing::Lines;
    config.maxLineLength = maxLine;
    config.greeting.clear();
    TrafficStore store;
    TcpServerEndpoint server(Session, config, &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    auto client = connectClient(server.serverPort());
    QTRY_COMPARE(server.connectionCount(), 1);
    QTRY_VERIFY(client->state() == QAbstractSocket::ConnectedState);
    const ConnectionId id = connectionWithPeer(store, client->name());
    QVERIFY(id != 0);

    // One write at a time reaches the server before the next is sent, so
    // unfinished lines really wait in the server.
    QByteArray sent;
    for (const QByteArray &bytes : std::as_const(writes)) {
        client->write(bytes);
        sent += bytes;
        QTRY_COMPARE(bytesOf(store, EventKind::Received, id), sent);
    }
    QTRY_COMPARE(client->received(), replies);
    QCOMPARE(bytesOf(store, EventKind::Sent, id), replies);
    if (closes) {
        QTRY_COMPARE(client->state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(transcript(store, id).constLast(), q("Closed Local \"Exit word received\""));
    } else {
        QCOMPARE(client->state(), QAbstractSocket::ConnectedState);
        QCOMPARE(connectionInfo(store, id).state, TrafficStore::ConnectionState::Open);
    }
}

void TestTcpServerEndpoint::idleTimeoutClosesQuietClient()
{
    SessionConfig config = serverConfig();
    // Fractions of a second are allowed, so this takes 0.6 s, not a whole one.
    config.idleTimeoutMs = 600;
    TrafficStore store;
    TcpServerEndpoint server(Session, config, &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));

    QElapsedTimer elapsed;
    elapsed.start();
    auto quiet = connectClient(server.serverPort());
    auto busy = connectClient(server.serverPort());
    // The busy client talks every 100 ms, well inside the timeout.
    QByteArray expectedBusy = "Welcome!";
    int busyMessages = 0;
    QTimer talker;
    talker.setInterval(100);
    connect(&talker, &QTimer::timeout, busy.get(), [&] {
        if (busy->state() != QAbstractSocket::ConnectedState)
            return;
        const QByteArray message = "ping " + QByteArray::number(++busyMessages);
        busy->write(message);
        expectedBusy += "Hello, " + message + '!';
    });
    talker.start();

    QTRY_COMPARE(quiet->received(), QByteArray("Welcome!"));
    const ConnectionId quietId = connectionWithPeer(store, quiet->name());
    QTRY_COMPARE_WITH_TIMEOUT(quiet->state(), QAbstractSocket::UnconnectedState, 10000);
    // Not before the timeout (a little slack for the two clocks involved).
    QVERIFY2(elapsed.elapsed() >= 590, qPrintable(QString::number(elapsed.elapsed())));
    QCOMPARE(transcript(store, quietId),
             QStringList({q("Opened"), q("Sent \"Welcome!\""),
                          q("Closed Timeout \"Idle for 0.6 s: closed by the idle timeout\"")}));
    QCOMPARE(connectionInfo(store, quietId).closer, Closer::Timeout);

    talker.stop();
    QCOMPARE(busy->state(), QAbstractSocket::ConnectedState);
    QVERIFY(busyMessages >= 3);
    QTRY_COMPARE(busy->received(), expectedBusy);
    QCOMPARE(server.connectionCount(), 1);
}

void TestTcpServerEndpoint::sendsToOneOrAllAndDisconnects()
{
    TrafficStore store;
    TcpServerEndpoint server(Session, serverConfig(SessionConfig::Protocol::None), &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    auto a = connectClient(server.serverPort());
    auto b = connectClient(server.serverPort());
    QTRY_COMPARE(server.connectionCount(), 2);
    QTRY_VERIFY(a->state() == QAbstractSocket::ConnectedState &&
                b->state() == QAbstractSocket::ConnectedState);
    const ConnectionId idA = connectionWithPeer(store, a->name());
    const ConnectionId idB = connectionWithPeer(store, b->name());
    QVERIFY(idA != 0 && idB != 0 && idA != idB);

    server.send(SendTarget::toConnection(idA), "to A\n");
    server.send(SendTarget::toAll(), QByteArrayLiteral("to all\x00\n"));
    server.send(SendTarget(), "default\n");
    QTRY_COMPARE(a->received(), QByteArrayLiteral("to A\nto all\x00\ndefault\n"));
    QTRY_COMPARE(b->received(), QByteArrayLiteral("to all\x00\ndefault\n"));

    // Without a protocol the server records what arrives and answers nothing.
    a->write(QByteArrayLiteral("from A\x00\xff"));
    QTRY_COMPARE(bytesOf(store, EventKind::Received, idA), QByteArrayLiteral("from A\x00\xff"));

    server.disconnectConnection(idA);
    QTRY_COMPARE(a->state(), QAbstractSocket::UnconnectedState);
    const QStringList transcriptA{q("Opened"),
                                  q("Sent \"to A\\x0a\""),
                                  q("Sent \"to all\\x00\\x0a\""),
                                  q("Sent \"default\\x0a\""),
                                  q("Received \"from A\\x00\\xff\""),
                                  q("Closed Local \"Disconnected by the user\"")};
    QCOMPARE(transcript(store, idA), transcriptA);
    QCOMPARE(a->received(), QByteArrayLiteral("to A\nto all\x00\ndefault\n"));
    QCOMPARE(server.connectionCount(), 1);

    server.send(SendTarget::toConnection(idA), "late");
    QCOMPARE(textsOf(store, EventKind::Error).constLast(),
             u"Connection #" + QString::number(idA) + u" is no longer open: nothing was sent.");
    QCOMPARE(transcript(store, idA), transcriptA);

    server.send(SendTarget::toAll(), "bye");
    QTRY_COMPARE(b->received(), QByteArrayLiteral("to all\x00\ndefault\nbye"));
    QCOMPARE(b->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(eventsOf(store, EventKind::Sent, idB).size(), 3);
}

void TestTcpServerEndpoint::sendErrors()
{
    TrafficStore store;
    TcpServerEndpoint server(Session, serverConfig(SessionConfig::Protocol::None), &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));

    server.send(SendTarget::toAll(), "nobody");
    server.send(SendTarget::toAddress(QStringLiteral("127.0.0.1"), 9), "nowhere");
    server.send(SendTarget::toConnection(42), "unknown");
    QCOMPARE(textsOf(store, EventKind::Error),
             QStringList({q("No client is connected: nothing was sent."),
                          q("A TCP server sends to its clients, not to an address."),
                          q("Connection #42 is no longer open: nothing was sent.")}));
    QVERIFY(eventsOf(store, EventKind::Sent).isEmpty());
    // Not fatal: the server keeps listening.
    QCOMPARE(server.state(), SessionState::Listening);
}

void TestTcpServerEndpoint::stopClosesEveryConnection()
{
    TrafficStore store;
    TcpServerEndpoint server(Session, serverConfig(), &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    const quint16 port = server.serverPort();
    auto a = connectClient(port);
    auto b = connectClient(port);
    QTRY_COMPARE(a->received(), QByteArray("Welcome!"));
    QTRY_COMPARE(b->received(), QByteArray("Welcome!"));
    const ConnectionId idA = connectionWithPeer(store, a->name());
    const ConnectionId idB = connectionWithPeer(store, b->name());

    QSignalSpy states(&server, &Endpoint::stateChanged);
    server.stop();
    QCOMPARE(server.state(), SessionState::Stopped);
    QCOMPARE(states.count(), 1);
    QCOMPARE(server.serverPort(), quint16(0));
    QTRY_COMPARE(a->state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(b->state(), QAbstractSocket::UnconnectedState);
    for (ConnectionId id : {idA, idB}) {
        QCOMPARE(transcript(store, id).constLast(), q("Closed Local \"Session stopped\""));
        QCOMPARE(connectionInfo(store, id).closer, Closer::Local);
    }
    QCOMPARE(eventsOf(store, EventKind::Stopped).size(), 1);
    QCOMPARE(allEvents(store).constLast().kind, EventKind::Stopped);
    QCOMPARE(server.connectionCount(), 0);
    QCOMPARE(store.totals().openConnections, 0u);

    // Nobody listens there any more.
    QTcpSocket late;
    QSignalSpy errors(&late, &QAbstractSocket::errorOccurred);
    late.connectToHost(QHostAddress::LocalHost, port);
    QTRY_COMPARE(errors.count(), 1);
    QCOMPARE(late.error(), QAbstractSocket::ConnectionRefusedError);

    // Stopping twice records nothing more; starting again listens again.
    server.stop();
    QCOMPARE(eventsOf(store, EventKind::Stopped).size(), 1);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    auto again = connectClient(server.serverPort());
    QTRY_COMPARE(again->received(), QByteArray("Welcome!"));
    QCOMPARE(eventsOf(store, EventKind::Listening).size(), 2);
}

void TestTcpServerEndpoint::busyPortIsAnError()
{
    QTcpServer blocker;
    QVERIFY2(blocker.listen(QHostAddress::LocalHost, 0), qPrintable(blocker.errorString()));
    SessionConfig config = serverConfig();
    config.port = blocker.serverPort();
    const QString address = u"127.0.0.1:" + QString::number(config.port);

    TrafficStore store;
    TcpServerEndpoint server(Session, config, &store);
    server.start();
    QCOMPARE(server.state(), SessionState::Error);
    const QString detail = server.stateDetail();
    QVERIFY2(detail.startsWith(u"Cannot listen on " + address + u": "), qPrintable(detail));
    // The operating system's reason, in words (EADDRINUSE).
    QVERIFY2(detail.contains(u"already in use", Qt::CaseInsensitive), qPrintable(detail));
    QCOMPARE(textsOf(store, EventKind::Error), QStringList{detail});
    QVERIFY(eventsOf(store, EventKind::Listening).isEmpty());
    QCOMPARE(server.serverPort(), quint16(0));

    // Once the port is free, starting again works.
    blocker.close();
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    QCOMPARE(server.stateDetail(), address);
}

void TestTcpServerEndpoint::ipv6Loopback()
{
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHostIPv6, 0))
            QSKIP(qPrintable(u"::1 cannot be bound on this machine: " + probe.errorString()));
    }
    SessionConfig config = serverConfig();
    config.host = QStringLiteral("::1");
    TrafficStore store;
    TcpServerEndpoint server(Session, config, &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    const quint16 port = portFromEvent(store, EventKind::Listening);
    QCOMPARE(server.serverPort(), port);
    const QString local = u"[::1]:" + QString::number(port);
    QCOMPARE(server.stateDetail(), local);
    QCOMPARE(textsOf(store, EventKind::Listening), QStringList{local});

    auto client = connectClient(port, QHostAddress(QHostAddress::LocalHostIPv6));
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));
    client->write("Michael\n");
    QTRY_COMPARE(client->received(), QByteArray("Welcome!Hello, Michael!\n"));
    QVERIFY(client->name().startsWith(u"[::1]:"));
    const ConnectionId id = connectionWithPeer(store, client->name());
    QVERIFY2(id != 0, qPrintable(client->name()));
    QCOMPARE(store.addresses(connectionInfo(store, id).addresses).local, local);
}

void TestTcpServerEndpoint::clientEndIsRecorded_data()
{
    QTest::addColumn<bool>("reset");
    QTest::addColumn<bool>("sendAfter");
    QTest::addColumn<QString>("closed");

    const QString byPeer = q("Closed Peer \"Closed by the peer\"");
    const QString reset = q("Closed Peer \"Connection reset by the peer\"");
    QTest::newRow("orderly close") << false << false << byPeer;
    QTest::newRow("reset") << true << false << reset;
    // The server finds the reset when it writes rather than when it reads:
    // the log must say the same.
    QTest::newRow("reset seen while sending") << true << true << reset;
}

void TestTcpServerEndpoint::clientEndIsRecorded()
{
    QFETCH(bool, reset);
    QFETCH(bool, sendAfter);
    QFETCH(QString, closed);

    TrafficStore store;
    TcpServerEndpoint server(Session, serverConfig(), &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));
    auto leaving = connectClient(server.serverPort());
    auto staying = connectClient(server.serverPort());
    QTRY_COMPARE(leaving->received(), QByteArray("Welcome!"));
    QTRY_COMPARE(staying->received(), QByteArray("Welcome!"));
    const ConnectionId id = connectionWithPeer(store, leaving->name());
    QVERIFY(id != 0);

    if (reset) {
        // SO_LINGER with a zero timeout turns close() into a RST.
        const linger lin{1, 0};
        QCOMPARE(
            ::setsockopt(int(leaving->socketDescriptor()), SOL_SOCKET, SO_LINGER, &lin, sizeof lin),
            0);
        leaving->abort();
    } else {
        leaving->disconnectFromHost();
    }
    // On loopback the RST has reached the server's socket by now; the event
    // loop has not yet told the server.
    if (sendAfter)
        server.send(SendTarget::toConnection(id), "too late");
    QTRY_COMPARE(connectionInfo(store, id).state, TrafficStore::ConnectionState::Closed);
    QCOMPARE(transcript(store, id).constLast(), closed);
    if (!sendAfter)
        QCOMPARE(transcript(store, id), QStringList({q("Opened"), q("Sent \"Welcome!\""), closed}));
    QCOMPARE(connectionInfo(store, id).closer, Closer::Peer);
    QVERIFY(eventsOf(store, EventKind::Error).isEmpty());
    QTRY_COMPARE(server.connectionCount(), 1);

    // The server keeps serving the others.
    staying->write("still here");
    QTRY_COMPARE(staying->received(), QByteArray("Welcome!Hello, still here!"));
    auto newcomer = connectClient(server.serverPort());
    QTRY_COMPARE(newcomer->received(), QByteArray("Welcome!"));
    QCOMPARE(server.state(), SessionState::Listening);
}

void TestTcpServerEndpoint::halfClosingClientGetsEveryReply_data()
{
    QTest::addColumn<QByteArray>("chunk");
    QTest::addColumn<int>("chunks");

    QTest::newRow("one line") << QByteArray("Michael\n") << 1;
    // More replies than the kernel buffers hold, though less than makes the
    // server pause reading (neverReadingClientIsPaused goes beyond).
    QTest::newRow("768 KiB") << QByteArray(64 * 1024, 'm') << 12;
}

void TestTcpServerEndpoint::halfClosingClientGetsEveryReply()
{
    // A client that sends everything, shuts down its sending side and then
    // reads the answers (netcat -N, HTTP/1.0 style). The server closes on the
    // end of stream, as the tutorial's does, but only after every reply it
    // recorded as sent has left: the store must not claim bytes the peer never got.
    QFETCH(QByteArray, chunk);
    QFETCH(int, chunks);

    TrafficStore store;
    TcpServerEndpoint server(Session, serverConfig(), &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));

    QTcpSocket client;
    QByteArray received;
    client.setReadBufferSize(1024); // do not read along: let the replies pile up
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 16 * 1024);
    QTRY_COMPARE(server.connectionCount(), 1);
    const ConnectionId id =
        connectionWithPeer(store, addressText(client.localAddress(), client.localPort()));
    QVERIFY(id != 0);

    for (int i = 0; i < chunks; ++i)
        client.write(chunk);
    QTRY_COMPARE_WITH_TIMEOUT(connectionInfo(store, id).bytesIn, quint64(chunks) * chunk.size(),
                              30000);
    QCOMPARE(client.bytesToWrite(), 0);
    QCOMPARE(::shutdown(int(client.socketDescriptor()), SHUT_WR), 0);

    connect(&client, &QTcpSocket::readyRead, this, [&] { received += client.readAll(); });
    client.setReadBufferSize(0);
    received += client.readAll();
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 30000);
    received += client.readAll();

    QCOMPARE(transcript(store, id).constLast(), q("Closed Peer \"Closed by the peer\""));
    const TrafficStore::ConnectionInfo info = connectionInfo(store, id);
    QCOMPARE(quint64(received.size()), info.bytesOut);
    QVERIFY(received == bytesOf(store, EventKind::Sent, id));
}

void TestTcpServerEndpoint::neverReadingClientIsPaused_data()
{
    QTest::addColumn<bool>("byIdleTimeout");
    QTest::newRow("closed by Disconnect") << false;
    QTest::newRow("closed by the idle timeout") << true;
}

void TestTcpServerEndpoint::neverReadingClientIsPaused()
{
    // A client that sends and never reads. The hello server answers every
    // message; once the kernel buffers on both sides are full, the answers
    // wait in the server. Without a bound it would read on and queue without
    // end; with one it stops reading from that client, whose sends then block.
    QFETCH(bool, byIdleTimeout);
    SessionConfig config = serverConfig();
    if (byIdleTimeout)
        config.idleTimeoutMs = 1000;
    TrafficStore store;
    TcpServerEndpoint server(Session, config, &store);
    server.start();
    QVERIFY2(server.state() == SessionState::Listening, qPrintable(server.stateDetail()));

    // A plain non-blocking socket: unlike QTcpSocket it buffers nothing of
    // its own, so "the send would block" is the kernel's word.
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    QVERIFY(fd >= 0);
    const auto closeFd = qScopeGuard([fd] { ::close(fd); });
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.serverPort());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QVERIFY(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 ||
            errno == EINPROGRESS);
    QTRY_COMPARE(server.connectionCount(), 1);
    const ConnectionId id = connections(store).constFirst().id;

    // Far more than every kernel buffer on the way holds.
    constexpr qint64 Offered = 64 * 1024 * 1024;
    const QByteArray chunk(64 * 1024, 'x');
    qint64 written = 0;
    qint64 mostQueued = 0;
    bool blocked = false;
    QSocketNotifier writable(fd, QSocketNotifier::Write);
    connect(&writable, &QSocketNotifier::activated, this, [&] {
        blocked = false;
        while (written < Offered) {
            const ssize_t n = ::send(fd, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL);
            if (n < 0) {
                blocked = errno == EAGAIN || errno == EWOULDBLOCK;
                break;
            }
            written += n;
        }
        mostQueued = qMax(mostQueued, store.totals().sendQueued);
        if (written >= Offered)
            writable.setEnabled(false);
    });
    const QString pausedNote = q("The peer is not reading: ");
    const auto pausedNotes = [&] {
        int count = 0;
        for (const QString &text : textsOf(store, EventKind::Note, id))
            count += text.startsWith(pausedNote);
        return count;
    };
    QTRY_VERIFY_WITH_TIMEOUT(pausedNotes() == 1 && blocked, 30000);
    QVERIFY2(written < Offered, "the server read everything: nothing held the client back");
    // One reply to a full read chunk may go past the pause limit, no more.
    const qint64 bound = StreamSocket::PauseReadingAt + 2 * chunk.size();
    QVERIFY2(mostQueued <= bound, qPrintable(QString::number(mostQueued)));
    QVERIFY(store.totals().sendQueued >= StreamSocket::PauseReadingAt);
    QVERIFY(store.totals().sendQueued <= bound);
    const quint64 bytesIn = connectionInfo(store, id).bytesIn;
    QVERIFY(bytesIn < quint64(written));

    // Everyone else is served as before.
    auto other = connectClient(server.serverPort());
    QTRY_COMPARE(other->received(), QByteArray("Welcome!"));
    other->write("still here");
    QTRY_COMPARE(other->received(), QByteArray("Welcome!Hello, still here!"));
    QCOMPARE(connectionInfo(store, id).bytesIn, bytesIn);
    QCOMPARE(connectionInfo(store, id).state, TrafficStore::ConnectionState::Open);

    // Closing cannot wait for output the client never takes: it is reset.
    if (byIdleTimeout) {
        QTRY_COMPARE_WITH_TIMEOUT(connectionInfo(store, id).state,
                                  TrafficStore::ConnectionState::Closed, 5000);
        QCOMPARE(connectionInfo(store, id).closer, Closer::Timeout);
    } else {
        server.disconnectConnection(id);
        QCOMPARE(connectionInfo(store, id).state, TrafficStore::ConnectionState::Closed);
        QCOMPARE(connectionInfo(store, id).closer, Closer::Local);
    }
    const QString closed = transcript(store, id).constLast();
    QVERIFY2(closed.contains(q("(reset: the peer did not read the last ")), qPrintable(closed));
    QCOMPARE(store.totals().sendQueued, 0);
    // The client hears the reset.
    writable.setEnabled(false);
    QTRY_VERIFY(::send(fd, "x", 1, MSG_NOSIGNAL) < 0 && (errno == ECONNRESET || errno == EPIPE));
    // The other client stays, unless it too has been idle long enough.
    if (!byIdleTimeout) {
        QCOMPARE(server.connectionCount(), 1);
        QCOMPARE(other->state(), QAbstractSocket::ConnectedState);
    }
}

QTEST_GUILESS_MAIN(TestTcpServerEndpoint)

#include "tst_tcpserverendpoint.moc"
