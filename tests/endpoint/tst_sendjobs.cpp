// Repeat and file sends through a running engine, counted at real receivers on
// loopback: every repeat arrives exactly once with its counter, a 50 MB file
// arrives byte-exact while the sender holds back for a slow reader, and a UDP
// file is cut into datagrams of the chosen size.

#include "endpointtestsupport.h"
#include "engine.h"
#include "filesender.h"
#include "sendjobs.h"
#include "trafficstore.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryFile>
#include <QtTest>
#include <QUdpSocket>

using namespace EndpointTest;

namespace {

SessionConfig udpTo(quint16 peerPort)
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.protocol = SessionConfig::Protocol::None;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.peerHost = QStringLiteral("127.0.0.1");
    config.peerPort = peerPort;
    return config;
}

SessionConfig tcpClientTo(quint16 port)
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpClient;
    config.protocol = SessionConfig::Protocol::None;
    config.host = QStringLiteral("127.0.0.1");
    config.port = port;
    return config;
}

SendMessage compiled(const QString &text)
{
    SendMessage message;
    PayloadCodec::ParseResult error;
    const bool ok = SendFormat{SendFormat::Mode::Escapes, PayloadCodec::Encoding::Utf8,
                               SendFormat::LineEnding::None}
                        .compile(text, &message, &error);
    Q_ASSERT(ok);
    return message;
}

QList<QByteArray> drain(QUdpSocket *socket)
{
    QList<QByteArray> out;
    while (socket->hasPendingDatagrams()) {
        QByteArray datagram(qMax<qint64>(0, socket->pendingDatagramSize()), Qt::Uninitialized);
        socket->readDatagram(datagram.data(), datagram.size());
        out.append(datagram);
    }
    return out;
}

} // namespace

class TestSendJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repeatCountIsExactAtTheReceiver();
    void repeatStopsWhenTheSessionStops();
    void repeatOnAStoppedSessionSaysSo();
    void fiftyMegabytesByteExactWithBackPressure();
    void udpFileInDatagramsOfTheChosenSize();
    void missingFileIsAnError();
};

void TestSendJobs::repeatCountIsExactAtTheReceiver()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    // Large enough for every datagram of the series even if this thread lags.
    receiver.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4 * 1024 * 1024);
    TrafficStore store;
    Engine engine(&store);
    const SessionId id = engine.addSession(udpTo(receiver.localPort()));
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Bound);

    SendJobs jobs(&engine);
    QList<RepeatProgress> progress;
    connect(&jobs, &SendJobs::repeatProgress, this,
            [&](SendJobs::JobId, const RepeatProgress &p) { progress.append(p); });
    SendJobs::Repeat repeat;
    repeat.messages = {compiled(QStringLiteral("n={{counter}}"))};
    repeat.intervalMs = 1;
    repeat.count = 300;
    jobs.startRepeat(id, repeat);

    QList<QByteArray> received;
    connect(&receiver, &QUdpSocket::readyRead, this, [&] { received += drain(&receiver); });
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && !progress.last().running, 20000);
    QTRY_COMPARE(received.size(), 300);
    for (int k = 0; k < received.size(); ++k)
        QCOMPARE(received.at(k), QByteArray("n=") + QByteArray::number(k + 1));
    const RepeatProgress last = progress.last();
    QCOMPARE(last.sent, 300u);
    QCOMPARE(last.total, 300u);
    QVERIFY(last.error.isEmpty());
    QCOMPARE(eventsOf(store, EventKind::Sent, AnyConnection).size(), 300);
    // Nothing more arrives after the series ended.
    QTest::qWait(50);
    QCOMPARE(received.size() + drain(&receiver).size(), 300);
}

void TestSendJobs::repeatStopsWhenTheSessionStops()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    TrafficStore store;
    Engine engine(&store);
    const SessionId id = engine.addSession(udpTo(receiver.localPort()));
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Bound);

    SendJobs jobs(&engine);
    QList<RepeatProgress> progress;
    connect(&jobs, &SendJobs::repeatProgress, this,
            [&](SendJobs::JobId, const RepeatProgress &p) { progress.append(p); });
    SendJobs::Repeat repeat;
    repeat.messages = {compiled(QStringLiteral("tick"))};
    repeat.intervalMs = 5;
    repeat.count = 0; // until stopped
    jobs.startRepeat(id, repeat);
    QList<QByteArray> received;
    connect(&receiver, &QUdpSocket::readyRead, this, [&] { received += drain(&receiver); });
    QTRY_VERIFY(received.size() >= 3);
    engine.stop(id);
    QTRY_VERIFY(!progress.isEmpty() && !progress.last().running);
    QCOMPARE(progress.last().total, 0u);
    QCOMPARE(progress.last().error, q("The session stopped."));
    const quint64 sent = progress.last().sent;
    QTRY_COMPARE(quint64(received.size()), sent);
}

void TestSendJobs::repeatOnAStoppedSessionSaysSo()
{
    TrafficStore store;
    Engine engine(&store);
    const SessionId id = engine.addSession(udpTo(9));
    SendJobs jobs(&engine);
    QSignalSpy spy(&jobs, &SendJobs::repeatProgress);
    SendJobs::Repeat repeat;
    repeat.messages = {compiled(QStringLiteral("x"))};
    repeat.count = 3;
    jobs.startRepeat(id, repeat);
    QTRY_COMPARE(spy.count(), 1);
    const auto p = spy.at(0).at(1).value<RepeatProgress>();
    QCOMPARE(p.sent, 0u);
    QCOMPARE(p.error, q("The session is not running: nothing was sent."));
}

void TestSendJobs::fiftyMegabytesByteExactWithBackPressure()
{
    constexpr qint64 Size = 50 * 1024 * 1024;
    QTemporaryFile file;
    QVERIFY(file.open());
    QCryptographicHash sentHash(QCryptographicHash::Sha256);
    {
        QRandomGenerator random(9);
        QByteArray block(1024 * 1024, Qt::Uninitialized);
        for (qint64 written = 0; written < Size; written += block.size()) {
            random.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            sentHash.addData(block);
            QCOMPARE(file.write(block), qint64(block.size()));
        }
        file.flush();
    }

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TrafficStore store;
    Engine engine(&store);
    const SessionId id = engine.addSession(tcpClientTo(server.serverPort()));
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Connected);
    QTRY_VERIFY(server.hasPendingConnections());
    QTcpSocket *peer = server.nextPendingConnection();
    // The reader first holds back, so the file sender must wait for it.
    peer->setReadBufferSize(64 * 1024);
    bool reading = false;
    qint64 receivedBytes = 0;
    QCryptographicHash receivedHash(QCryptographicHash::Sha256);
    auto readAll = [&] {
        const QByteArray bytes = peer->readAll();
        receivedBytes += bytes.size();
        receivedHash.addData(bytes);
    };
    connect(peer, &QTcpSocket::readyRead, this, [&] {
        if (reading)
            readAll();
    });

    FileSender *sender = nullptr;
    QList<FileSendProgress> progress;
    engine.runOnEngineThread([&] {
        Endpoint *endpoint = engine.endpoint(id);
        sender = new FileSender(endpoint, SendTarget(), file.fileName(), false, 0, -1, endpoint);
        connect(sender, &FileSender::progressChanged, this,
                [&](const FileSendProgress &p) { progress.append(p); });
        sender->start();
    });
    // The kernel's buffers fill, then the endpoint's backlog passes the limit
    // and the sender stops reading the file.
    auto backlog = [&] {
        qint64 pending = 0;
        engine.runOnEngineThread(
            [&] { pending = engine.endpoint(id)->pendingBytes(SendTarget()); });
        return pending;
    };
    QTRY_VERIFY_WITH_TIMEOUT(backlog() > FileSender::BacklogLimit, 20000);
    QVERIFY(progress.isEmpty() || progress.last().sent < Size);
    reading = true;
    readAll();
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && !progress.last().running, 60000);
    QVERIFY2(progress.last().ok, qPrintable(progress.last().error));
    QCOMPARE(progress.last().sent, Size);
    QTRY_COMPARE_WITH_TIMEOUT(receivedBytes, Size, 30000);
    QCOMPARE(receivedHash.result().toHex(), sentHash.result().toHex());

    qint64 peak = 0;
    engine.runOnEngineThread([&] { peak = sender->peakBacklog(); });
    QVERIFY2(peak <= FileSender::BacklogLimit + FileSender::DefaultStreamChunk,
             qPrintable(QString::number(peak)));
    // Recorded as "out" events of at most one chunk each.
    const QList<TrafficEvent> sent = eventsOf(store, EventKind::Sent, AnyConnection);
    QCOMPARE(sent.size(), int(Size / FileSender::DefaultStreamChunk));
    for (const TrafficEvent &ev : sent)
        QVERIFY(ev.payloadSize <= FileSender::DefaultStreamChunk);
}

void TestSendJobs::udpFileInDatagramsOfTheChosenSize()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    QByteArray content;
    for (int i = 0; i < 10000; ++i)
        content.append(char('a' + i % 26));
    file.write(content);
    file.flush();

    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    TrafficStore store;
    Engine engine(&store);
    const SessionId id = engine.addSession(udpTo(receiver.localPort()));
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Bound);

    SendJobs jobs(&engine);
    QList<FileSendProgress> progress;
    connect(&jobs, &SendJobs::fileProgress, this,
            [&](SendJobs::JobId, const FileSendProgress &p) { progress.append(p); });
    QList<QByteArray> received;
    connect(&receiver, &QUdpSocket::readyRead, this, [&] { received += drain(&receiver); });
    SendJobs::File request;
    request.path = file.fileName();
    request.chunkBytes = 3000;
    request.intervalMs = 2;
    jobs.startFile(id, request);
    QTRY_VERIFY(!progress.isEmpty() && !progress.last().running);
    QVERIFY2(progress.last().ok, qPrintable(progress.last().error));
    QTRY_COMPARE(received.size(), 4);
    QCOMPARE(received.at(0).size(), 3000);
    QCOMPARE(received.at(1).size(), 3000);
    QCOMPARE(received.at(2).size(), 3000);
    QCOMPARE(received.at(3).size(), 1000);
    QCOMPARE(received.join(), content);
}

void TestSendJobs::missingFileIsAnError()
{
    QUdpSocket receiver;
    QVERIFY(receiver.bind(QHostAddress::LocalHost, 0));
    TrafficStore store;
    Engine engine(&store);
    const SessionId id = engine.addSession(udpTo(receiver.localPort()));
    engine.start(id);
    QTRY_COMPARE(engine.session(id).state, SessionState::Bound);
    SendJobs jobs(&engine);
    QSignalSpy spy(&jobs, &SendJobs::fileProgress);
    SendJobs::File request;
    request.path = QStringLiteral("/nonexistent/socketscope-file");
    jobs.startFile(id, request);
    QTRY_COMPARE(spy.count(), 1);
    const auto p = spy.at(0).at(1).value<FileSendProgress>();
    QVERIFY(!p.ok);
    QVERIFY2(p.error.startsWith(u"Cannot open /nonexistent/socketscope-file"), qPrintable(p.error));
}

QTEST_GUILESS_MAIN(TestSendJobs)
#include "tst_sendjobs.moc"
