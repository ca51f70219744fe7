#include "endpointtestsupport.h"
#include "engine.h"
#include "sessionconfig.h"
#include "trafficstore.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QThread>
#include <QtTest>
#include <QUdpSocket>

#include <atomic>
#include <memory>

using namespace EndpointTest;

namespace {

SessionConfig tcpServer(SessionConfig::Protocol protocol = SessionConfig::Protocol::Hello)
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpServer;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.protocol = protocol;
    return config;
}

// The port in a session's detail ("127.0.0.1:40123"); 0 if none.
quint16 portOf(const Engine::SessionInfo &info)
{
    return NetTest::portOf(info.detail);
}

QList<SessionId> idsOf(const QSignalSpy &spy)
{
    QList<SessionId> ids;
    for (const QList<QVariant> &args : spy)
        ids.append(args.at(0).value<SessionId>());
    return ids;
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tcpHelloServerOnEngineThread();
    void stopAndRemoveSession();
    void busyPortReportsError();
    void udpChatBetweenTwoSessions();
    void clientSessionTalksToServerSession();
    void updateTakesEffectOnNextStart();
    void stopAllStopsEverySession();
    void destroyingEngineClosesSockets();
    void destroyingEngineFreesItsThreadsObjects();
    void callerThreading();
    void captureSessionIsReadOnly();
};

void TestEngine::tcpHelloServerOnEngineThread()
{
    TrafficStore store;
    Engine engine(&store, Engine::Threading::Own);
    QSignalSpy added(&engine, &Engine::sessionAdded);
    QSignalSpy changed(&engine, &Engine::sessionChanged);
    QSignalSpy appended(&store, &TrafficStore::eventsAppended);

    const SessionId id = engine.addSession(tcpServer());
    QVERIFY(id != 0);
    QCOMPARE(idsOf(added), QList<SessionId>{id});
    QCOMPARE(engine.session(id).state, SessionState::Stopped);
    QCOMPARE(engine.sessions().size(), 1);
    QCOMPARE(store.sessionName(id), q("TCP server 127.0.0.1:0"));

    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Listening);
    const Engine::SessionInfo info = engine.session(id);
    const quint16 port = portOf(info);
    QVERIFY2(port != 0, qPrintable(info.detail));
    QCOMPARE(info.detail, QString(u"127.0.0.1:" + QString::number(port)));
    QCOMPARE(portFromEvent(store, EventKind::Listening), port);
    QVERIFY(changed.count() >= 1);
    QVERIFY(idsOf(changed).count(id) == changed.count());

    // The sockets live on the engine's own thread, not on this one.
    QThread *endpointThread = nullptr;
    QThread *engineThread = nullptr;
    engine.runOnEngineThread([&] {
        engineThread = QThread::currentThread();
        if (Endpoint *endpoint = engine.endpoint(id))
            endpointThread = endpoint->thread();
    });
    QVERIFY(engineThread != nullptr);
    QVERIFY(engineThread != QThread::currentThread());
    QCOMPARE(endpointThread, engineThread);

    auto client = connectClient(port);
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));
    client->write("Michael");
    QTRY_COMPARE(client->received(), QByteArray("Welcome!Hello, Michael!"));
    client->write("x\r\n");
    QTRY_COMPARE(client->received(), QByteArray("Welcome!Hello, Michael!Hello, x!\r\n"));
    QTRY_VERIFY(appended.count() >= 1); // delivered on the store's (this) thread

    const ConnectionId connection = connectionWithPeer(store, client->name());
    QVERIFY2(connection != 0, qPrintable(client->name()));
    QCOMPARE(connectionInfo(store, connection).session, id);

    engine.send(id, SendTarget::toAll(), "broadcast\n");
    QTRY_COMPARE(client->received(), QByteArray("Welcome!Hello, Michael!Hello, x!\r\nbroadcast\n"));
    engine.disconnectConnection(id, connection);
    QTRY_COMPARE(client->state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(connectionInfo(store, connection).state, TrafficStore::ConnectionState::Closed);
    QCOMPARE(transcript(store, connection),
             QStringList({q("Opened"), q("Sent \"Welcome!\""), q("Received \"Michael\""),
                          q("Sent \"Hello, Michael!\""), q("Received \"x\\x0d\\x0a\""),
                          q("Sent \"Hello, x!\\x0d\\x0a\""), q("Sent \"broadcast\\x0a\""),
                          q("Closed Local \"Disconnected by the user\"")}));
    QCOMPARE(engine.session(id).state, SessionState::Listening);
}

void TestEngine::stopAndRemoveSession()
{
    TrafficStore store;
    Engine engine(&store);
    const SessionId id = engine.addSession(tcpServer());
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Listening);
    const quint16 port = portOf(engine.session(id));
    auto client = connectClient(port);
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));
    const ConnectionId connection = connectionWithPeer(store, client->name());

    QSignalSpy changed(&engine, &Engine::sessionChanged);
    engine.stop(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Stopped);
    QTRY_COMPARE(client->state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(eventsOf(store, EventKind::Stopped).size(), 1);
    QCOMPARE(transcript(store, connection).constLast(), q("Closed Local \"Session stopped\""));
    QCOMPARE(idsOf(changed), QList<SessionId>{id});
    QTcpSocket refused;
    QSignalSpy errors(&refused, &QAbstractSocket::errorOccurred);
    refused.connectToHost(QHostAddress::LocalHost, port);
    QTRY_COMPARE(errors.count(), 1);
    QCOMPARE(refused.error(), QAbstractSocket::ConnectionRefusedError);

    // Started again, the session listens again (on a new port: it asked for 0).
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Listening);
    auto again = connectClient(portOf(engine.session(id)));
    QTRY_COMPARE(again->received(), QByteArray("Welcome!"));

    QSignalSpy removed(&engine, &Engine::sessionRemoved);
    engine.removeSession(id);
    QCOMPARE(idsOf(removed), QList<SessionId>{id});
    QVERIFY(engine.sessions().isEmpty());
    QCOMPARE(engine.session(id).id, SessionId(0));
    QTRY_COMPARE(again->state(), QAbstractSocket::UnconnectedState);

    engine.send(id, SendTarget::toAll(), "anyone?");
    QTRY_COMPARE(textsOf(store, EventKind::Error),
                 QStringList{q("The session is not running: nothing was sent.")});
}

void TestEngine::busyPortReportsError()
{
    QTcpServer blocker;
    QVERIFY2(blocker.listen(QHostAddress::LocalHost, 0), qPrintable(blocker.errorString()));
    SessionConfig config = tcpServer();
    config.port = blocker.serverPort();
    TrafficStore store;
    Engine engine(&store);
    const SessionId id = engine.addSession(config);
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Error);
    const QString detail = engine.session(id).detail;
    QVERIFY2(detail.contains(u"already in use", Qt::CaseInsensitive), qPrintable(detail));
    QVERIFY2(detail.contains(QString::number(config.port)), qPrintable(detail));
    QCOMPARE(textsOf(store, EventKind::Error), QStringList{detail});
}

void TestEngine::udpChatBetweenTwoSessions()
{
    const quint16 portA = freeUdpPort();
    QVERIFY(portA != 0);
    TrafficStore store;
    Engine engine(&store);
    QSignalSpy chatEnded(&engine, &Engine::chatEnded);

    SessionConfig configB;
    configB.kind = SessionConfig::Kind::Udp;
    configB.protocol = SessionConfig::Protocol::Chat;
    configB.host = QStringLiteral("127.0.0.1");
    configB.port = 0;
    configB.peerHost = QStringLiteral("127.0.0.1");
    configB.peerPort = portA;
    const SessionId b = engine.addSession(configB);
    engine.start(b);
    QTRY_COMPARE(engine.session(b).state, SessionState::Bound);
    SessionConfig configA = configB;
    configA.port = portA;
    configA.peerPort = portOf(engine.session(b));
    const SessionId a = engine.addSession(configA);
    engine.start(a);
    QTRY_COMPARE(engine.session(a).state, SessionState::Bound);
    QCOMPARE(engine.session(a).detail, QString(u"127.0.0.1:" + QString::number(portA)));

    const auto receivedBy = [&](SessionId session) {
        QByteArrayList out;
        for (const TrafficEvent &ev : eventsOf(store, EventKind::Received)) {
            if (ev.session == session)
                out.append(store.payload(ev));
        }
        return out;
    };
    engine.send(a, SendTarget(), "hi B");
    QTRY_COMPARE(receivedBy(b), QByteArrayList{"hi B"});
    engine.send(b, SendTarget(), "hi A");
    QTRY_COMPARE(receivedBy(a), QByteArrayList{"hi A"});

    engine.send(b, SendTarget(), "88");
    QTRY_COMPARE(engine.session(a).state, SessionState::Finished);
    QTRY_COMPARE(engine.session(b).state, SessionState::Finished);
    QTRY_COMPARE(chatEnded.count(), 2);
    QList<QPair<SessionId, bool>> ended;
    for (const QList<QVariant> &args : std::as_const(chatEnded))
        ended.append({args.at(0).value<SessionId>(), args.at(1).toBool()});
    QCOMPARE(ended.size(), 2);
    QVERIFY(ended.contains(qMakePair(b, false)));
    QVERIFY(ended.contains(qMakePair(a, true)));
    QCOMPARE(engine.session(a).detail, q("chat ended by the peer"));
    QCOMPARE(engine.session(b).detail, q("chat ended"));
}

void TestEngine::clientSessionTalksToServerSession()
{
    TrafficStore store;
    Engine engine(&store);
    const SessionId server = engine.addSession(tcpServer());
    engine.start(server);
    QTRY_COMPARE(engine.session(server).state, SessionState::Listening);

    SessionConfig clientConfig;
    clientConfig.kind = SessionConfig::Kind::TcpClient;
    clientConfig.protocol = SessionConfig::Protocol::None;
    clientConfig.host = QStringLiteral("127.0.0.1");
    clientConfig.port = portOf(engine.session(server));
    const SessionId client = engine.addSession(clientConfig);
    engine.start(client);
    // Sent at once, before the connection is up: queued, not lost.
    engine.send(client, SendTarget(), "Michael");
    QTRY_COMPARE(engine.session(client).state, SessionState::Connected);

    const auto bytesOfSession = [&](SessionId session, EventKind kind) {
        QByteArray out;
        for (const TrafficEvent &ev : eventsOf(store, kind)) {
            if (ev.session == session)
                out += store.payload(ev);
        }
        return out;
    };
    QTRY_COMPARE(bytesOfSession(client, EventKind::Received),
                 QByteArray("Welcome!Hello, Michael!"));
    QCOMPARE(bytesOfSession(server, EventKind::Received), QByteArray("Michael"));

    // The client finishes sending; the hello server closes on end of stream,
    // which ends the client session normally.
    engine.finishSending(client);
    QTRY_COMPARE(engine.session(client).state, SessionState::Finished);
    QCOMPARE(engine.session(client).detail, q("Closed by the peer"));
    QCOMPARE(engine.session(server).state, SessionState::Listening);
    QTRY_COMPARE(eventsOf(store, EventKind::Closed).size(), 2);
    for (const TrafficEvent &ev : eventsOf(store, EventKind::Closed))
        QCOMPARE(ev.closer, Closer::Peer);
}

void TestEngine::updateTakesEffectOnNextStart()
{
    TrafficStore store;
    Engine engine(&store);
    const SessionId id = engine.addSession(tcpServer());
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Listening);

    SessionConfig config = tcpServer();
    config.greeting = "Ni hao!\n";
    config.name = QStringLiteral("greeter");
    QSignalSpy changed(&engine, &Engine::sessionChanged);
    engine.updateSession(id, config);
    QCOMPARE(idsOf(changed), QList<SessionId>{id});
    QCOMPARE(engine.session(id).config.greeting, QByteArray("Ni hao!\n"));
    QCOMPARE(store.sessionName(id), q("greeter"));

    // Still the old settings until restarted.
    auto before = connectClient(portOf(engine.session(id)));
    QTRY_COMPARE(before->received(), QByteArray("Welcome!"));

    engine.stop(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Stopped);
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Listening);
    auto after = connectClient(portOf(engine.session(id)));
    QTRY_COMPARE(after->received(), QByteArray("Ni hao!\n"));
}

void TestEngine::stopAllStopsEverySession()
{
    TrafficStore store;
    Engine engine(&store);
    const SessionId first = engine.addSession(tcpServer());
    const SessionId second = engine.addSession(tcpServer(SessionConfig::Protocol::None));
    engine.start(first);
    engine.start(second);
    QTRY_COMPARE(engine.session(first).state, SessionState::Listening);
    QTRY_COMPARE(engine.session(second).state, SessionState::Listening);
    QCOMPARE(engine.sessions().size(), 2);
    QCOMPARE(engine.sessions().at(0).id, first);
    QCOMPARE(engine.sessions().at(1).id, second);

    engine.stopAll();
    QTRY_COMPARE(engine.session(first).state, SessionState::Stopped);
    QTRY_COMPARE(engine.session(second).state, SessionState::Stopped);
    QTRY_COMPARE(eventsOf(store, EventKind::Stopped).size(), 2);
}

void TestEngine::destroyingEngineClosesSockets()
{
    TrafficStore store;
    auto engine = std::make_unique<Engine>(&store);
    const SessionId id = engine->addSession(tcpServer());
    engine->start(id);
    QTRY_COMPARE(engine->session(id).state, SessionState::Listening);
    auto client = connectClient(portOf(engine->session(id)));
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));

    engine.reset();
    QTRY_COMPARE(client->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(store.lastSeq() > 0); // the store outlives the engine, intact
}

void TestEngine::captureSessionIsReadOnly()
{
    TrafficStore store;
    Engine engine(&store);
    QSignalSpy added(&engine, &Engine::sessionAdded);
    const SessionId id =
        engine.addCaptureSession(QStringLiteral("capture http.pcap"), QStringLiteral("http.pcap"));
    QCOMPARE(idsOf(added), QList<SessionId>{id});
    const Engine::SessionInfo info = engine.session(id);
    QVERIFY(info.isCapture());
    QCOMPARE(info.name, QStringLiteral("capture http.pcap"));
    QCOMPARE(info.state, SessionState::Finished);
    QCOMPARE(store.sessionName(id), QStringLiteral("capture http.pcap"));

    // Nothing to start or edit; a send is refused in words, not lost silently.
    engine.start(id);
    SessionConfig edited = tcpServer();
    edited.name = QStringLiteral("renamed");
    engine.updateSession(id, edited);
    engine.send(id, SendTarget(), QByteArrayLiteral("x"));
    QTRY_COMPARE(store.lastSeq(), quint64(1));
    TrafficEvent ev;
    QVERIFY(store.event(1, &ev));
    QCOMPARE(ev.kind, EventKind::Error);
    QVERIFY(QString::fromUtf8(store.payload(ev)).contains(u"capture file"));
    QCOMPARE(engine.session(id).name, QStringLiteral("capture http.pcap"));
    QCOMPARE(engine.session(id).state, SessionState::Finished);
    engine.runOnEngineThread([&] { QVERIFY(engine.endpoint(id) == nullptr); });
}

void TestEngine::destroyingEngineFreesItsThreadsObjects()
{
    // The endpoints' parent lives on the engine thread; it must be freed on
    // every shutdown, however the engine thread's last turns go. Many rounds,
    // since a lost race shows only now and then.
    constexpr int Rounds = 60;
    std::atomic_int freed{0};
    for (int round = 0; round < Rounds; ++round) {
        TrafficStore store;
        auto engine = std::make_unique<Engine>(&store);
        const SessionId id = engine->addSession(tcpServer());
        engine->start(id);
        QTRY_COMPARE(engine->session(id).state, SessionState::Listening);
        engine->runOnEngineThread([&] {
            QObject *owner = engine->endpoint(id)->parent();
            QVERIFY(owner != nullptr);
            connect(
                owner, &QObject::destroyed, owner, [&freed] { ++freed; }, Qt::DirectConnection);
        });
        engine.reset();
    }
    QCOMPARE(freed.load(), Rounds);
}

void TestEngine::callerThreading()
{
    TrafficStore store;
    Engine engine(&store, Engine::Threading::Caller);
    const SessionId id = engine.addSession(tcpServer());
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Listening);
    QThread *endpointThread = nullptr;
    engine.runOnEngineThread([&] { endpointThread = engine.endpoint(id)->thread(); });
    QCOMPARE(endpointThread, QThread::currentThread());

    auto client = connectClient(portOf(engine.session(id)));
    client->write("Michael\n");
    QTRY_COMPARE(client->received(), QByteArray("Welcome!Hello, Michael!\n"));
}

QTEST_GUILESS_MAIN(TestEngine)

#include "tst_engine.moc"
