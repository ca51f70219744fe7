#include "capture/packetsynthesizer.h"

#include <QTest>

#include <tins/ip.h>
#include <tins/ipv6.h>
#include <tins/rawpdu.h>
#include <tins/tcp.h>
#include <tins/udp.h>

#include <vector>

// One synthesized packet as libtins reads it back.
struct Seen
{
    QString src; // "address:port"
    QString dst;
    int flags = 0;
    quint32 seq = 0;
    quint32 ack = 0;
    QByteArray payload;
    bool udp = false;
    bool valid = false;    // checksums and lengths right
    int ipTotalLength = 0; // IPv4 total length, or IPv6 payload length
};

namespace {

using Flags = Tins::TCP::Flags;

Seen parse(const PacketSynthesizer::Packet &bytes)
{
    Seen s;
    std::unique_ptr<Tins::PDU> ip;
    QString srcHost, dstHost;
    if ((bytes.at(0) >> 4) == 4) {
        auto *v4 = new Tins::IP(bytes.data(), uint32_t(bytes.size()));
        srcHost = QString::fromStdString(v4->src_addr().to_string());
        dstHost = QString::fromStdString(v4->dst_addr().to_string());
        s.ipTotalLength = v4->tot_len();
        ip.reset(v4);
    } else {
        auto *v6 = new Tins::IPv6(bytes.data(), uint32_t(bytes.size()));
        srcHost = u'[' + QString::fromStdString(v6->src_addr().to_string()) + u']';
        dstHost = u'[' + QString::fromStdString(v6->dst_addr().to_string()) + u']';
        s.ipTotalLength = v6->payload_length();
        ip.reset(v6);
    }
    // Serializing again recomputes every checksum and length: equal bytes
    // mean the synthesized ones were valid.
    s.valid = std::unique_ptr<Tins::PDU>(ip->clone())->serialize() == bytes;
    if (const auto *tcp = ip->find_pdu<Tins::TCP>()) {
        s.src = srcHost + u':' + QString::number(tcp->sport());
        s.dst = dstHost + u':' + QString::number(tcp->dport());
        s.flags = tcp->flags();
        s.seq = tcp->seq();
        s.ack = tcp->ack_seq();
    } else if (const auto *udp = ip->find_pdu<Tins::UDP>()) {
        s.udp = true;
        s.src = srcHost + u':' + QString::number(udp->sport());
        s.dst = dstHost + u':' + QString::number(udp->dport());
    }
    if (const auto *raw = ip->find_pdu<Tins::RawPDU>())
        s.payload = QByteArray(reinterpret_cast<const char *>(raw->payload().data()),
                               qsizetype(raw->payload().size()));
    return s;
}

} // namespace

class tst_PacketSynthesizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_local = QStringLiteral("127.0.0.1:9999");
        m_peer = QStringLiteral("127.0.0.1:50012");
        m_datagram = false;
        m_initiator = TrafficStore::Initiator::Peer;
        m_invalid = 0;
    }
    void cleanup() { QCOMPARE(m_invalid, 0); }
    void parsesAddresses();
    void spelledOnlyWhereTheHeaderSpellsItAgain_data();
    void spelledOnlyWhereTheHeaderSpellsItAgain();
    void handshakeFromTheInitiator_data();
    void handshakeFromTheInitiator();
    void segmentsFollowTheBytes_data();
    void segmentsFollowTheBytes();
    void closeByWhoClosed_data();
    void closeByWhoClosed();
    void midStreamWithoutHandshake();
    void udpDatagrams_data();
    void udpDatagrams();
    void nonWireEventsMakeNoPackets();

private:
    PacketSynthesizer::Event event(EventKind kind, QByteArrayView payload = {},
                                   Closer closer = Closer::None) const
    {
        PacketSynthesizer::Event e;
        e.kind = kind;
        e.connection = 7;
        e.closer = closer;
        e.datagram = m_datagram;
        e.initiator = m_initiator;
        e.payload = payload;
        [[maybe_unused]] const bool ok =
            PacketSynthesizer::parseEndpoints(m_local, m_peer, &e.endpoints);
        return e;
    }
    std::vector<Seen> run(PacketSynthesizer &s, const PacketSynthesizer::Event &e)
    {
        std::vector<PacketSynthesizer::Packet> packets;
        [[maybe_unused]] const bool wire = s.synthesize(e, &packets);
        std::vector<Seen> seen;
        for (const auto &p : packets) {
            seen.push_back(parse(p));
            m_invalid += seen.back().valid ? 0 : 1;
        }
        return seen;
    }

    QString m_local = QStringLiteral("127.0.0.1:9999");
    QString m_peer = QStringLiteral("127.0.0.1:50012");
    bool m_datagram = false;
    int m_invalid = 0; // packets whose checksum or length was wrong
    TrafficStore::Initiator m_initiator = TrafficStore::Initiator::Peer;
};

void tst_PacketSynthesizer::parsesAddresses()
{
    PacketSynthesizer::Endpoints e;
    QVERIFY(PacketSynthesizer::parseEndpoints(QStringLiteral("127.0.0.1:9999"),
                                              QStringLiteral("10.1.2.3:1"), &e));
    QVERIFY(!e.local.v6);
    QCOMPARE(e.local.port, quint16(9999));
    QCOMPARE(QString::fromStdString(e.peer.v4Address.to_string()), QStringLiteral("10.1.2.3"));
    QVERIFY(PacketSynthesizer::parseEndpoints(QStringLiteral("[::1]:8888"),
                                              QStringLiteral("[fe80::1%lo]:8889"), &e));
    QVERIFY(e.local.v6 && e.peer.v6);
    QCOMPARE(e.peer.port, quint16(8889));
    QCOMPARE(QString::fromStdString(e.peer.v6Address.to_string()), QStringLiteral("fe80::1"));
    // Mixed families meet in IPv6, the IPv4 side mapped.
    QVERIFY(PacketSynthesizer::parseEndpoints(QStringLiteral("127.0.0.1:1"),
                                              QStringLiteral("[::1]:2"), &e));
    QCOMPARE(QString::fromStdString(e.local.v6Address.to_string()),
             QStringLiteral("::ffff:127.0.0.1"));
    QVERIFY(!PacketSynthesizer::parseEndpoints(QString(), QStringLiteral("[::1]:2"), &e));
    QVERIFY(!PacketSynthesizer::parseEndpoints(QStringLiteral("host:1"), QStringLiteral("[::1]:2"),
                                               &e));
    QVERIFY(!PacketSynthesizer::parseEndpoints(QStringLiteral("127.0.0.1:70000"),
                                               QStringLiteral("127.0.0.1:2"), &e));
    // Ports at the edges, and spellings the digits alone do not read.
    QVERIFY(PacketSynthesizer::parseEndpoints(QStringLiteral("127.0.0.1:65535"),
                                              QStringLiteral("127.0.0.1:0"), &e));
    QCOMPARE(e.local.port, quint16(65535));
    QCOMPARE(e.peer.port, quint16(0));
    QVERIFY(!PacketSynthesizer::parseEndpoints(QStringLiteral("127.0.0.1:65536"),
                                               QStringLiteral("127.0.0.1:2"), &e));
    QVERIFY(PacketSynthesizer::parseEndpoints(QStringLiteral("127.0.0.1:0000080"),
                                              QStringLiteral("127.0.0.1:2"), &e));
    QCOMPARE(e.local.port, quint16(80));
    QVERIFY(!PacketSynthesizer::parseEndpoints(QStringLiteral("127.0.0.1:"),
                                               QStringLiteral("127.0.0.1:2"), &e));
    QVERIFY(!PacketSynthesizer::parseEndpoints(QStringLiteral("127.0.0.1:8x"),
                                               QStringLiteral("127.0.0.1:2"), &e));
    // A zone alone is no address; a zone after an IPv4 address is dropped.
    QVERIFY(!PacketSynthesizer::parseEndpoints(QStringLiteral("[%lo]:1"), QStringLiteral("[::1]:2"),
                                               &e));
    QVERIFY(PacketSynthesizer::parseEndpoints(QStringLiteral("[::1%lo]:1"),
                                              QStringLiteral("[::2%eth0]:2"), &e));
    QCOMPARE(QString::fromStdString(e.peer.v6Address.to_string()), QStringLiteral("::2"));
}

void tst_PacketSynthesizer::spelledOnlyWhereTheHeaderSpellsItAgain_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("spelled");
    QTest::newRow("plain") << QStringLiteral("127.0.0.1:9999") << true;
    QTest::newRow("edges") << QStringLiteral("255.255.255.255:65535") << true;
    QTest::newRow("zeros") << QStringLiteral("0.0.0.0:0") << true;
    QTest::newRow("leading zero port") << QStringLiteral("127.0.0.1:080") << false;
    QTest::newRow("bracketed") << QStringLiteral("[127.0.0.1]:80") << false;
    QTest::newRow("zone") << QStringLiteral("127.0.0.1%lo:80") << false;
    QTest::newRow("IPv6") << QStringLiteral("[::1]:80") << false;
}

void tst_PacketSynthesizer::spelledOnlyWhereTheHeaderSpellsItAgain()
{
    // A capture's short comments leave out the addresses where a reader
    // spells the header's address and port back into the same text.
    QFETCH(QString, text);
    QFETCH(bool, spelled);
    PacketSynthesizer::Endpoints e;
    const QString other = text.startsWith(QStringLiteral("[::")) ? QStringLiteral("[::2]:1")
                                                                 : QStringLiteral("10.0.0.1:1");
    QVERIFY(PacketSynthesizer::parseEndpoints(text, other, &e));
    QCOMPARE(e.local.spelled, spelled);
    if (spelled) {
        const QString again = QStringLiteral("%1:%2")
                                  .arg(QString::fromStdString(e.local.v4Address.to_string()))
                                  .arg(e.local.port);
        QCOMPARE(again, text);
    }
    // Mixed families: the IPv4 side is mapped into IPv6, no longer its text.
    QVERIFY(PacketSynthesizer::parseEndpoints(text, QStringLiteral("[::1]:2"), &e));
    QVERIFY(!e.local.spelled);
}

void tst_PacketSynthesizer::handshakeFromTheInitiator_data()
{
    QTest::addColumn<bool>("client");
    QTest::newRow("accepted: the peer sends SYN") << false;
    QTest::newRow("connected: we send SYN") << true;
}

void tst_PacketSynthesizer::handshakeFromTheInitiator()
{
    QFETCH(bool, client);
    m_initiator = client ? TrafficStore::Initiator::Local : TrafficStore::Initiator::Peer;
    const QString initiator = client ? m_local : m_peer;
    const QString responder = client ? m_peer : m_local;
    PacketSynthesizer s;
    const auto p = run(s, event(EventKind::Opened));
    QCOMPARE(p.size(), size_t(3));
    QCOMPARE(p[0].src, initiator);
    QCOMPARE(p[0].dst, responder);
    QCOMPARE(p[0].flags, int(Flags::SYN));
    QCOMPARE(p[1].src, responder);
    QCOMPARE(p[1].flags, int(Flags::SYN | Flags::ACK));
    QCOMPARE(p[1].ack, p[0].seq + 1);
    QCOMPARE(p[2].src, initiator);
    QCOMPARE(p[2].flags, int(Flags::ACK));
    QCOMPARE(p[2].seq, p[0].seq + 1);
    QCOMPARE(p[2].ack, p[1].seq + 1);
    QVERIFY(p[0].payload.isEmpty() && p[2].payload.isEmpty());

    // The first data continues exactly from the handshake, both ways.
    const auto out = run(s, event(EventKind::Sent, "Welcome!"));
    QCOMPARE(out.size(), size_t(1));
    const Seen &localSyn = client ? p[0] : p[1];
    const Seen &peerSyn = client ? p[1] : p[0];
    QCOMPARE(out[0].src, m_local);
    QCOMPARE(out[0].seq, localSyn.seq + 1);
    QCOMPARE(out[0].ack, peerSyn.seq + 1);
    QCOMPARE(out[0].flags, int(Flags::PSH | Flags::ACK));
    QCOMPARE(out[0].payload, QByteArray("Welcome!"));
}

void tst_PacketSynthesizer::segmentsFollowTheBytes_data()
{
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<int>("size");
    QTest::addColumn<QList<int>>("segments");
    const QString v4l = QStringLiteral("127.0.0.1:9999"), v4p = QStringLiteral("127.0.0.1:50012");
    const QString v6l = QStringLiteral("[::1]:9999"), v6p = QStringLiteral("[::1]:50012");
    QTest::newRow("IPv4 one byte") << v4l << v4p << 1 << QList<int>{1};
    QTest::newRow("IPv4 exactly one segment") << v4l << v4p << 1460 << QList<int>{1460};
    QTest::newRow("IPv4 3000 bytes") << v4l << v4p << 3000 << QList<int>{1460, 1460, 80};
    QTest::newRow("IPv6 3000 bytes") << v6l << v6p << 3000 << QList<int>{1440, 1440, 120};
    QTest::newRow("IPv4 64 KiB") << v4l << v4p << 65536 << QList<int>(44, 1460) + QList<int>{1296};
}

void tst_PacketSynthesizer::segmentsFollowTheBytes()
{
    QFETCH(QString, local);
    QFETCH(QString, peer);
    QFETCH(int, size);
    QFETCH(QList<int>, segments);
    m_local = local;
    m_peer = peer;
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        bytes[i] = char(i * 7 + 3);

    PacketSynthesizer s;
    const auto hs = run(s, event(EventKind::Opened));
    const quint32 peerNext = hs[0].seq + 1; // the peer initiated
    const quint32 localNext = hs[1].seq + 1;

    const auto in = run(s, event(EventKind::Received, bytes));
    QCOMPARE(int(in.size()), segments.size());
    QByteArray joined;
    quint32 expectSeq = peerNext;
    for (size_t i = 0; i < in.size(); ++i) {
        QCOMPARE(in[i].src, peer);
        QCOMPARE(in[i].dst, local);
        QCOMPARE(in[i].seq, expectSeq);
        QCOMPARE(in[i].ack, localNext);
        QCOMPARE(in[i].payload.size(), segments.at(qsizetype(i)));
        QCOMPARE(in[i].flags, int(i + 1 == in.size() ? Flags::PSH | Flags::ACK : Flags::ACK));
        expectSeq += quint32(in[i].payload.size());
        joined += in[i].payload;
    }
    QCOMPARE(joined, bytes);

    // The reply acknowledges every byte received.
    const auto out = run(s, event(EventKind::Sent, "ok"));
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(out[0].seq, localNext);
    QCOMPARE(out[0].ack, peerNext + quint32(size));
}

void tst_PacketSynthesizer::closeByWhoClosed_data()
{
    QTest::addColumn<int>("closer");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QString>("first"); // "local", "peer"
    QTest::addColumn<bool>("reset");
    QTest::newRow("by peer") << int(Closer::Peer) << QByteArray("Closed") << "peer" << false;
    QTest::newRow("by local") << int(Closer::Local) << QByteArray("Exit word received") << "local"
                              << false;
    QTest::newRow("timeout") << int(Closer::Timeout) << QByteArray("Idle") << "local" << false;
    QTest::newRow("limit") << int(Closer::Limit) << QByteArray("Too many") << "local" << false;
    QTest::newRow("reset by peer")
        << int(Closer::Peer) << QByteArray("Connection reset by the peer") << "peer" << true;
    QTest::newRow("reset read back") << int(Closer::Peer) << QByteArray("reset") << "peer" << true;
    QTest::newRow("error") << int(Closer::Error) << QByteArray("Broken") << "peer" << true;
}

void tst_PacketSynthesizer::closeByWhoClosed()
{
    QFETCH(int, closer);
    QFETCH(QByteArray, reason);
    QFETCH(QString, first);
    QFETCH(bool, reset);
    const QString firstAddr = first == u"local" ? m_local : m_peer;
    const QString secondAddr = first == u"local" ? m_peer : m_local;

    PacketSynthesizer s;
    const auto hs = run(s, event(EventKind::Opened));
    const auto data = run(s, event(EventKind::Received, "Michael"));
    const quint32 peerNext = data[0].seq + 7;
    const quint32 localNext = hs[1].seq + 1;
    const auto p = run(s, event(EventKind::Closed, reason, Closer(closer)));
    if (reset) {
        QCOMPARE(p.size(), size_t(1));
        QCOMPARE(p[0].src, m_peer);
        QCOMPARE(p[0].flags, int(Flags::RST | Flags::ACK));
        QCOMPARE(p[0].seq, peerNext);
        QCOMPARE(p[0].ack, localNext);
        return;
    }
    const quint32 firstNext = first == u"local" ? localNext : peerNext;
    const quint32 secondNext = first == u"local" ? peerNext : localNext;
    QCOMPARE(p.size(), size_t(3));
    QCOMPARE(p[0].src, firstAddr);
    QCOMPARE(p[0].flags, int(Flags::FIN | Flags::ACK));
    QCOMPARE(p[0].seq, firstNext);
    QCOMPARE(p[0].ack, secondNext);
    QCOMPARE(p[1].src, secondAddr);
    QCOMPARE(p[1].flags, int(Flags::FIN | Flags::ACK));
    QCOMPARE(p[1].seq, secondNext);
    QCOMPARE(p[1].ack, firstNext + 1);
    QCOMPARE(p[2].src, firstAddr);
    QCOMPARE(p[2].flags, int(Flags::ACK));
    QCOMPARE(p[2].seq, firstNext + 1);
    QCOMPARE(p[2].ack, secondNext + 1);
    for (const Seen &seen : p)
        QVERIFY(seen.payload.isEmpty());
}

void tst_PacketSynthesizer::midStreamWithoutHandshake()
{
    // The opened event was evicted before it could be written.
    PacketSynthesizer s;
    const auto in = run(s, event(EventKind::Received, "abc"));
    QCOMPARE(in.size(), size_t(1));
    QCOMPARE(in[0].flags, int(Flags::PSH | Flags::ACK));
    const auto out = run(s, event(EventKind::Sent, "defg"));
    QCOMPARE(out[0].ack, in[0].seq + 3);
    const auto again = run(s, event(EventKind::Received, "h"));
    QCOMPARE(again[0].seq, in[0].seq + 3);
    QCOMPARE(again[0].ack, out[0].seq + 4);
    // A connection with another id has numbers of its own.
    auto other = event(EventKind::Received, "x");
    other.connection = 8;
    QVERIFY(run(s, other)[0].seq != in[0].seq);
}

void tst_PacketSynthesizer::udpDatagrams_data()
{
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("ipLength");
    QTest::newRow("IPv4 1 byte") << "127.0.0.1:8888"
                                 << "127.0.0.1:8889" << 1 << 29;
    QTest::newRow("IPv4 65507 bytes") << "127.0.0.1:8888"
                                      << "127.0.0.1:8889" << 65507 << 65535;
    QTest::newRow("IPv6 65527 bytes") << "[::1]:8888"
                                      << "[::1]:8889" << 65527 << 65535;
}

void tst_PacketSynthesizer::udpDatagrams()
{
    QFETCH(QString, local);
    QFETCH(QString, peer);
    QFETCH(int, size);
    QFETCH(int, ipLength);
    m_local = local;
    m_peer = peer;
    m_datagram = true;
    QByteArray bytes(size, 'u');
    bytes[0] = 'A';
    bytes[size - 1] = 'Z';
    PacketSynthesizer s;
    const auto in = run(s, event(EventKind::Received, bytes));
    QCOMPARE(in.size(), size_t(1));
    QVERIFY(in[0].udp);
    QCOMPARE(in[0].src, peer);
    QCOMPARE(in[0].dst, local);
    QCOMPARE(in[0].payload, bytes);
    QCOMPARE(in[0].ipTotalLength, ipLength);
    const auto out = run(s, event(EventKind::Sent, "Hello, x!"));
    QCOMPARE(out[0].src, local);
    QCOMPARE(out[0].dst, peer);
    QCOMPARE(out[0].payload, QByteArray("Hello, x!"));
}

void tst_PacketSynthesizer::nonWireEventsMakeNoPackets()
{
    PacketSynthesizer s;
    std::vector<PacketSynthesizer::Packet> packets;
    for (EventKind kind : {EventKind::Listening, EventKind::Bound, EventKind::Connecting,
                           EventKind::Error, EventKind::Note, EventKind::Stopped}) {
        auto e = event(kind, "text");
        e.connection = 0;
        QVERIFY(!s.synthesize(e, &packets));
    }
    m_datagram = true; // a UDP peer's record opening and closing is no packet
    QVERIFY(!s.synthesize(event(EventKind::Opened), &packets));
    QVERIFY(!s.synthesize(event(EventKind::Closed, "x", Closer::Local), &packets));
    QVERIFY(packets.empty());
}

QTEST_GUILESS_MAIN(tst_PacketSynthesizer)
#include "tst_packetsynthesizer.moc"
