#include "capture/captureexport.h"
#include "capture/capturereader.h"
#include "capture/capturerecorder.h"
#include "capture/capturewriter.h"
#include "capture/wiretapfile.h"
#include "trafficstore.h"
#include "tsharksupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

// Writes a store the way a session fills it and reads the files back with
// tshark: conversations, exact bytes both ways, resets, datagrams, comments.
class tst_CaptureWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void conversationsAndAddresses();
    void followGivesExactBytes();
    void resetIsRst();
    void udpDatagrams();
    void commentsOnlyWhereThePacketsCannotTell();
    void shortOpenedNamesASessionOnceAndOnRename();
    void closesLikeTheLastOfTheirFormNeedNoComment();
    void longConversationsRoundTrip();
    void ringFileReadsOnItsOwn();
    void pcapHasThePacketsOnly();
    void exportOfSelectedRows();
    void synDirectionSurvivesOpenAndSaveAgain();
    void writeErrorsNameTheFileAndReason();
    void holdKeepsUnwrittenEventsUpToTwiceTheCap();
    void recorderWritesEverything();
    void recorderRotatesARing();
    void recorderReportsAFullDisk();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool writeAll(const QString &file)
    {
        QString error;
        const bool ok = CaptureExport::writeStore(m_store, file, &error);
        if (!ok)
            qWarning("%s", qPrintable(error));
        return ok;
    }

    QTemporaryDir m_dir;
    TrafficStore m_store;
    QByteArray m_inA, m_outA; // connection A, both ways
    quint64 m_events = 0;
    QList<quint64> m_receivedA;
};

namespace {

QByteArray pattern(int size, int seed)
{
    QByteArray b(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        b[i] = char((i * 31 + seed) & 0xff); // binary, every byte value
    return b;
}

// What a user sees of each event from..to, the connections numbered in order
// of appearance: kind, time, session, addresses, closer and the exact bytes.
QStringList eventsOf(const TrafficStore &s, quint64 from, quint64 to)
{
    QHash<ConnectionId, int> numbers;
    QStringList out;
    for (const TrafficEvent &ev : s.events(from, to)) {
        int number = 0;
        if (ev.connection != 0) {
            number = numbers.value(ev.connection, int(numbers.size()) + 1);
            numbers.insert(ev.connection, number);
        }
        TrafficStore::ConnectionInfo info;
        const bool datagram =
            ev.connection != 0 && s.connection(ev.connection, &info) && info.datagram;
        const TrafficStore::AddressPair a = s.addresses(ev.addresses);
        const QByteArray bytes = s.payload(ev);
        out << QStringLiteral(
                   "kind %1 at %2 session %3 \"%4\" conn %5%6 %7 %8 by %9: %10 bytes %11")
                   .arg(int(ev.kind))
                   .arg(ev.timeUs)
                   .arg(ev.session)
                   .arg(s.sessionName(ev.session))
                   .arg(number)
                   .arg(datagram ? QStringLiteral(" udp") : QString())
                   .arg(a.local, a.peer)
                   .arg(int(ev.closer))
                   .arg(bytes.size())
                   .arg(QString::fromLatin1(
                       QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex()));
    }
    return out;
}

// Reads a SocketScope file back, keeping the recorded session ids.
QStringList readBack(const QString &file, CaptureReadResult *result)
{
    TrafficStore store;
    CaptureReader reader;
    reader.setSessionAllocator([](const QString &, SessionId recorded) { return recorded; });
    *result = reader.read(file, &store);
    return eventsOf(store, store.firstSeq(), store.lastSeq());
}

// The SocketScope comments of a file (their JSON), in file order.
QList<QByteArray> commentsOf(const QString &file)
{
    QList<QByteArray> comments;
    WiretapFile f;
    f.setCommentPrefix(CaptureWriter::CommentPrefix);
    if (!f.open(file))
        return comments;
    WiretapFile::Packet p;
    while (f.next(&p) == WiretapFile::ReadStatus::Packet) {
        if (!p.comment.isEmpty())
            comments << p.comment;
    }
    return comments;
}

// Packets of a file and how many carry a SocketScope comment.
std::pair<int, int> packetsAndComments(const QString &file)
{
    WiretapFile f;
    f.setCommentPrefix(CaptureWriter::CommentPrefix);
    if (!f.open(file))
        return {-1, -1};
    int packets = 0;
    int comments = 0;
    WiretapFile::Packet p;
    while (f.next(&p) == WiretapFile::ReadStatus::Packet) {
        ++packets;
        comments += p.comment.isEmpty() ? 0 : 1;
    }
    return {packets, comments};
}

// Interleaved conversations with many data events each: two accepted TCP
// connections (events of several segments), a UDP peer, an IPv6 client, and
// a client and a server of the same process on the two ends of one address
// pair (the same packets' four-tuple for two connections).
void fillConversations(TrafficStore &s, quint64 *middle)
{
    s.setSessionName(1, QStringLiteral("TCP server 127.0.0.1:9999"));
    s.setSessionName(2, QStringLiteral("UDP 127.0.0.1:8888"));
    s.setSessionName(3, QStringLiteral("TCP client to [::1]:9998"));
    s.setSessionName(4, QStringLiteral("TCP client to 127.0.0.1:9999"));
    const AddressId a =
        s.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50001"));
    const AddressId b =
        s.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50002"));
    const AddressId u =
        s.addAddresses(QStringLiteral("127.0.0.1:8888"), QStringLiteral("127.0.0.1:8889"));
    const AddressId v6 =
        s.addAddresses(QStringLiteral("[::1]:40000"), QStringLiteral("[::1]:9998"));
    const AddressId server =
        s.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50003"));
    const AddressId client =
        s.addAddresses(QStringLiteral("127.0.0.1:50003"), QStringLiteral("127.0.0.1:9999"));
    const ConnectionId ca = s.openConnection(1, a, false, TrafficStore::Initiator::Peer);
    const ConnectionId cb = s.openConnection(1, b, false, TrafficStore::Initiator::Peer);
    const ConnectionId cu = s.openConnection(2, u, true);
    const ConnectionId c6 = s.openConnection(3, v6, false, TrafficStore::Initiator::Local);
    const ConnectionId cc = s.openConnection(4, client, false, TrafficStore::Initiator::Local);
    const ConnectionId cs = s.openConnection(1, server, false, TrafficStore::Initiator::Peer);
    // A Unix stream client: its packets' addresses are not the comment's.
    s.setSessionName(5, QStringLiteral("Unix client to /tmp/hello.sock"));
    const AddressId unixPair =
        s.addAddresses(QStringLiteral("pid 42, uid 0"), QStringLiteral("/tmp/hello.sock"));
    const ConnectionId cx = s.openConnection(5, unixPair, false, TrafficStore::Initiator::Local);
    s.append(5, cx, unixPair, EventKind::Opened);
    s.append(1, ca, a, EventKind::Opened);
    s.append(1, cb, b, EventKind::Opened);
    s.append(2, cu, u, EventKind::Opened);
    s.append(3, c6, v6, EventKind::Opened);
    s.append(4, cc, client, EventKind::Opened);
    s.append(1, cs, server, EventKind::Opened);
    for (int i = 0; i < 60; ++i) {
        if (i == 30)
            *middle = s.lastSeq(); // a ring's file ends here, mid-conversation
        s.append(1, ca, a, EventKind::Received, pattern(1 + i, i));
        s.append(1, cb, b, EventKind::Sent, pattern(3000 + i * 7, i + 1)); // 3 segments
        s.append(1, ca, a, EventKind::Sent, pattern(1460, i + 2));         // exactly one
        s.append(2, cu, u, i % 2 ? EventKind::Sent : EventKind::Received, pattern(100 + i, i));
        s.append(1, cb, b, EventKind::Received, pattern(2921, i + 3));
        s.append(3, c6, v6, EventKind::Sent, pattern(1441, i + 4)); // two IPv6 segments
        s.append(3, c6, v6, EventKind::Received, pattern(i + 1, i + 5));
        s.append(4, cc, client, EventKind::Sent, pattern(10 + i, i + 6));
        s.append(1, cs, server, EventKind::Received, pattern(10 + i, i + 6));
        s.append(1, cs, server, EventKind::Sent, pattern(20 + i, i + 7));
        s.append(4, cc, client, EventKind::Received, pattern(20 + i, i + 7));
        s.append(5, cx, unixPair, i % 3 ? EventKind::Sent : EventKind::Received, pattern(5 + i, i));
        if (i % 20 == 5)
            s.append(1, ca, a, EventKind::Error, "a rule could not run");
        if (i % 25 == 7)
            s.append(1, ca, a, EventKind::Sent, QByteArray()); // empty: no packet
    }
    s.append(1, cb, b, EventKind::Closed, "Connection reset by the peer", Closer::Peer);
    s.append(1, ca, a, EventKind::Received, "bye");
    s.append(1, ca, a, EventKind::Closed, "Exit word received", Closer::Local);
    s.append(2, cu, u, EventKind::Closed, "Closed");
    s.append(3, c6, v6, EventKind::Closed, "Closed", Closer::Peer);
    s.append(4, cc, client, EventKind::Closed, "Closed", Closer::Local);
    s.append(1, cs, server, EventKind::Closed, "Closed", Closer::Peer);
    s.append(5, cx, unixPair, EventKind::Closed, "Closed", Closer::Local);
}

} // namespace

void tst_CaptureWriter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    TrafficStore &s = m_store;
    s.setSessionName(1, QStringLiteral("TCP server 127.0.0.1:9999"));
    s.setSessionName(2, QStringLiteral("UDP 127.0.0.1:8888"));
    s.setSessionName(3, QStringLiteral("TCP client to [::1]:9998"));
    const AddressId listen = s.addAddresses(QStringLiteral("127.0.0.1:9999"), QString());
    s.append(1, 0, listen, EventKind::Listening, "127.0.0.1:9999");

    // A: accepted, data both ways (larger than a segment), closed by us.
    const AddressId a =
        s.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50012"));
    const ConnectionId ca = s.openConnection(1, a, false, TrafficStore::Initiator::Peer);
    s.append(1, ca, a, EventKind::Opened);
    m_outA += "Welcome!";
    s.append(1, ca, a, EventKind::Sent, "Welcome!");
    const QByteArray big = pattern(5000, 1);
    m_inA += big;
    m_receivedA << s.append(1, ca, a, EventKind::Received, big);
    const QByteArray reply = pattern(70000, 2);
    m_outA += reply;
    s.append(1, ca, a, EventKind::Sent, reply);
    m_inA += "exit";
    m_receivedA << s.append(1, ca, a, EventKind::Received, "exit");
    s.append(1, ca, a, EventKind::Closed, "Exit word received", Closer::Local);

    // B: reset by the peer.
    const AddressId b =
        s.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50013"));
    const ConnectionId cb = s.openConnection(1, b, false);
    s.append(1, cb, b, EventKind::Opened);
    s.append(1, cb, b, EventKind::Received, "x");
    s.append(1, cb, b, EventKind::Closed, "Connection reset by the peer", Closer::Peer);

    // C: IPv6, we connected, the peer closed.
    const AddressId c = s.addAddresses(QStringLiteral("[::1]:40000"), QStringLiteral("[::1]:9998"));
    const ConnectionId cc = s.openConnection(3, c, false, TrafficStore::Initiator::Local);
    s.append(3, cc, c, EventKind::Opened);
    s.append(3, cc, c, EventKind::Sent, "ping");
    s.append(3, cc, c, EventKind::Received, "pong");
    s.append(3, cc, c, EventKind::Closed, "Closed", Closer::Peer);

    // D: UDP, the smallest and the largest IPv4 datagram.
    const AddressId bound = s.addAddresses(QStringLiteral("127.0.0.1:8888"), QString());
    s.append(2, 0, bound, EventKind::Bound, "127.0.0.1:8888");
    const AddressId d =
        s.addAddresses(QStringLiteral("127.0.0.1:8888"), QStringLiteral("127.0.0.1:8889"));
    const ConnectionId cd = s.openConnection(2, d, true);
    s.append(2, cd, d, EventKind::Received, "M");
    s.append(2, cd, d, EventKind::Sent, pattern(65507, 3));
    s.append(2, 0, bound, EventKind::Note, "chat ended by peer");
    m_events = s.lastSeq();

    QVERIFY(writeAll(path(QStringLiteral("all.pcapng"))));
    QVERIFY(writeAll(path(QStringLiteral("all.pcap"))));
}

void tst_CaptureWriter::conversationsAndAddresses()
{
    SKIP_WITHOUT_TSHARK();
    const Tshark::Result r =
        Tshark::run({QStringLiteral("-r"), path(QStringLiteral("all.pcapng")), QStringLiteral("-q"),
                     QStringLiteral("-z"), QStringLiteral("conv,tcp")});
    QVERIFY2(r.ok, r.err.constData());
    QSet<QString> conversations;
    const QRegularExpression re(QStringLiteral("^(\\S+)\\s+<->\\s+(\\S+)\\s"));
    for (const QByteArray &line : r.out.split('\n')) {
        const auto m = re.match(QString::fromUtf8(line));
        if (m.hasMatch()) {
            QStringList ends{m.captured(1), m.captured(2)};
            ends.sort();
            conversations << ends.join(QStringLiteral(" <-> "));
        }
    }
    const QSet<QString> expected{
        QStringLiteral("127.0.0.1:50012 <-> 127.0.0.1:9999"),
        QStringLiteral("127.0.0.1:50013 <-> 127.0.0.1:9999"),
        QStringLiteral("::1:40000 <-> ::1:9998"),
    };
    QCOMPARE(conversations, expected);
}

void tst_CaptureWriter::followGivesExactBytes()
{
    SKIP_WITHOUT_TSHARK();
    const Tshark::Follow a = Tshark::follow(path(QStringLiteral("all.pcapng")), 0);
    QVERIFY(a.ok);
    // The peer sent the SYN: it is node 0, and its bytes are what we received.
    QCOMPARE(a.node0, QStringLiteral("127.0.0.1:50012"));
    QCOMPARE(a.node1, QStringLiteral("127.0.0.1:9999"));
    QCOMPARE(a.fromNode0.size(), m_inA.size());
    QVERIFY(a.fromNode0 == m_inA);
    QCOMPARE(a.fromNode1.size(), m_outA.size());
    QVERIFY(a.fromNode1 == m_outA);

    // We connected over IPv6: we are node 0.
    const Tshark::Follow c = Tshark::follow(path(QStringLiteral("all.pcapng")), 2);
    QVERIFY(c.ok);
    QVERIFY2(c.node0.endsWith(u":40000"), qPrintable(c.node0));
    QCOMPARE(c.fromNode0, QByteArray("ping"));
    QCOMPARE(c.fromNode1, QByteArray("pong"));

    // Wireshark's analysis finds nothing wrong with the sequence numbers.
    const QList<QByteArray> problems =
        Tshark::fields(path(QStringLiteral("all.pcapng")), {QStringLiteral("frame.number")},
                       QStringLiteral("tcp.analysis.flags && !tcp.analysis.window_update"));
    QVERIFY2(problems.isEmpty(), problems.join(' ').constData());
    const QList<QByteArray> badSums = Tshark::fields(
        path(QStringLiteral("all.pcapng")), {QStringLiteral("frame.number")},
        QStringLiteral("tcp.checksum.status == \"Bad\" || udp.checksum.status == \"Bad\" || "
                       "ip.checksum.status == \"Bad\""));
    QVERIFY(badSums.isEmpty());
}

void tst_CaptureWriter::resetIsRst()
{
    SKIP_WITHOUT_TSHARK();
    const QList<QByteArray> resets =
        Tshark::fields(path(QStringLiteral("all.pcapng")),
                       {QStringLiteral("tcp.stream"), QStringLiteral("tcp.srcport")},
                       QStringLiteral("tcp.flags.reset == 1"));
    QCOMPARE(resets, QList<QByteArray>{"1\t50013"});
    // The other two end with FINs, the closer's first.
    const QList<QByteArray> fins =
        Tshark::fields(path(QStringLiteral("all.pcapng")),
                       {QStringLiteral("tcp.stream"), QStringLiteral("tcp.srcport")},
                       QStringLiteral("tcp.flags.fin == 1"));
    QCOMPARE(fins, (QList<QByteArray>{"0\t9999", "0\t50012", "2\t9998", "2\t40000"}));
}

void tst_CaptureWriter::udpDatagrams()
{
    SKIP_WITHOUT_TSHARK();
    const QList<QByteArray> datagrams =
        Tshark::fields(path(QStringLiteral("all.pcapng")),
                       {QStringLiteral("udp.srcport"), QStringLiteral("udp.dstport"),
                        QStringLiteral("udp.length")},
                       QStringLiteral("udp"));
    // udp.length counts the 8-byte header.
    QCOMPARE(datagrams, (QList<QByteArray>{"8889\t8888\t9", "8888\t8889\t65515"}));
}

void tst_CaptureWriter::commentsOnlyWhereThePacketsCannotTell()
{
    SKIP_WITHOUT_TSHARK();
    const QList<QByteArray> lines =
        Tshark::fields(path(QStringLiteral("all.pcapng")),
                       {QStringLiteral("frame.interface_id"), QStringLiteral("frame.comment")});
    QList<quint64> seqs;
    QStringList opens;
    QStringList closes;
    for (const QByteArray &line : lines) {
        const QList<QByteArray> parts = line.split('\t');
        QCOMPARE(parts.size(), 2);
        if (parts.at(1).isEmpty())
            continue; // a data event its packets tell, or a later segment
        QVERIFY2(parts.at(1).startsWith(CaptureWriter::CommentPrefix), line.constData());
        const QJsonObject o =
            QJsonDocument::fromJson(
                parts.at(1).mid(qsizetype(std::strlen(CaptureWriter::CommentPrefix))))
                .object();
        QVERIFY2(!o.isEmpty(), line.constData());
        QVERIFY(!o.contains(QStringLiteral("hex")) && !o.contains(QStringLiteral("text")));
        const QString kind = o.value(QStringLiteral("event")).toString();
        if (!o.contains(QStringLiteral("seq")) && kind == u"opened") {
            // An IPv4 connection opened: its packets tell the addresses and
            // the time; the session was named by the listening before.
            QCOMPARE(parts.at(0), QByteArray("0"));
            QCOMPARE(o.keys(), (QStringList{QStringLiteral("by"), QStringLiteral("connection"),
                                            QStringLiteral("event"), QStringLiteral("session")}));
            opens << o.value(QStringLiteral("by")).toString() + u' ' +
                         QString::number(o.value(QStringLiteral("session")).toInt()) + u' ' +
                         QString::number(o.value(QStringLiteral("connection")).toInt());
            continue;
        }
        if (!o.contains(QStringLiteral("seq"))) {
            // A close of a connection the file has named: who and why only.
            QCOMPARE(kind, QStringLiteral("closed"));
            QCOMPARE(o.keys(), (QStringList{QStringLiteral("by"), QStringLiteral("event"),
                                            QStringLiteral("reason")}));
            closes << o.value(QStringLiteral("by")).toString() + u' ' +
                          o.value(QStringLiteral("reason")).toString();
            continue;
        }
        seqs << quint64(o.value(QStringLiteral("seq")).toInteger());
        const bool wire = kind == u"in" || kind == u"out" ||
                          (o.value(QStringLiteral("connection")).toInt() != 4 &&
                           (kind == u"opened" || kind == u"closed"));
        // Wire events on the raw IP interface, the rest as text on interface 1.
        QCOMPARE(parts.at(0), QByteArray(wire ? "0" : "1"));
        if (kind == u"note")
            QCOMPARE(o.value(QStringLiteral("message")).toString(),
                     QStringLiteral("chat ended by peer"));
    }
    // In full: non-wire events, the IPv6 connection's opened and the UDP
    // peer's first datagram. Not the data events after them.
    QCOMPARE(seqs, (QList<quint64>{1, 11, 15, 16, 18}));
    QCOMPARE(opens, (QStringList{QStringLiteral("peer 1 1"), QStringLiteral("peer 1 2")}));
    QCOMPARE(closes, (QStringList{QStringLiteral("local Exit word received"),
                                  QStringLiteral("peer Connection reset by the peer"),
                                  QStringLiteral("peer Closed")}));
    QCOMPARE(m_events, quint64(18));
}

void tst_CaptureWriter::shortOpenedNamesASessionOnceAndOnRename()
{
    // A client session whose first comment is an opened: the short form
    // names the session the first time, again after a rename, not between.
    // Written as it happens, as a recording to disk is.
    const QString file = path(QStringLiteral("short-opened.pcapng"));
    CaptureWriter writer;
    QVERIFY(writer.open(file));
    TrafficStore store;
    store.setSessionName(7, QStringLiteral("TCP client to 127.0.0.1:9000"));
    const auto conversation = [&store, &writer](quint16 port) {
        const quint64 from = store.lastSeq() + 1;
        const AddressId a = store.addAddresses(QStringLiteral("127.0.0.1:%1").arg(port),
                                               QStringLiteral("127.0.0.1:9000"));
        const ConnectionId c = store.openConnection(7, a, false, TrafficStore::Initiator::Local);
        store.append(7, c, a, EventKind::Opened);
        store.append(7, c, a, EventKind::Sent, "hi");
        store.append(7, c, a, EventKind::Received, "hello");
        store.append(7, c, a, EventKind::Closed, "Closed", Closer::Local);
        for (const TrafficEvent &ev : store.events(from, store.lastSeq()))
            QVERIFY(writer.writeEvent(ev, store));
    };
    conversation(41000);
    conversation(41001);
    store.setSessionName(7, QStringLiteral("TCP client to localhost:9000"));
    conversation(41002);
    conversation(41003);
    QVERIFY(writer.close());

    QStringList opened;
    for (const QByteArray &comment : commentsOf(file)) {
        if (comment.contains("\"opened\""))
            opened << QString::fromUtf8(comment);
    }
    QCOMPARE(opened,
             (QStringList{
                 QStringLiteral(R"({"event":"opened","by":"local","session":7,)"
                                R"("session_name":"TCP client to 127.0.0.1:9000","connection":1})"),
                 QStringLiteral(R"({"event":"opened","by":"local","session":7,"connection":2})"),
                 QStringLiteral(R"({"event":"opened","by":"local","session":7,)"
                                R"("session_name":"TCP client to localhost:9000","connection":3})"),
                 QStringLiteral(R"({"event":"opened","by":"local","session":7,"connection":4})")}));

    // Read back: the same events, addresses, times and the latest name; the
    // local side opened every connection.
    TrafficStore read;
    CaptureReader reader;
    reader.setSessionAllocator([](const QString &, SessionId recorded) { return recorded; });
    const CaptureReadResult result = reader.read(file, &read);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.recorded);
    QCOMPARE(eventsOf(read, read.firstSeq(), read.lastSeq()), eventsOf(store, 1, store.lastSeq()));
    for (const TrafficEvent &ev : read.events(read.firstSeq(), read.lastSeq())) {
        TrafficStore::ConnectionInfo info;
        QVERIFY(read.connection(ev.connection, &info));
        QCOMPARE(info.initiator, TrafficStore::Initiator::Local);
    }
}

void tst_CaptureWriter::closesLikeTheLastOfTheirFormNeedNoComment()
{
    TrafficStore store;
    store.setSessionName(1, QStringLiteral("TCP server 127.0.0.1:9999"));
    store.setSessionName(2, QStringLiteral("UDP 127.0.0.1:8888"));
    quint16 port = 50000;
    const auto conversation = [&](const char *reason, Closer closer) {
        const AddressId a = store.addAddresses(QStringLiteral("127.0.0.1:9999"),
                                               QStringLiteral("127.0.0.1:%1").arg(port++));
        const ConnectionId c = store.openConnection(1, a, false);
        store.append(1, c, a, EventKind::Opened);
        store.append(1, c, a, EventKind::Received, "ping");
        store.append(1, c, a, EventKind::Closed, reason, closer);
    };
    conversation("Closed", Closer::Peer);                       // a short comment
    conversation("Closed", Closer::Peer);                       // none
    conversation("Closed", Closer::Peer);                       // none
    conversation("Connection reset by the peer", Closer::Peer); // an RST: short
    conversation("Closed", Closer::Peer);                       // none
    conversation("Exit word received", Closer::Local);          // the local FIN: short
    conversation("Connection reset by the peer", Closer::Peer); // none
    conversation("Exit word received", Closer::Local);          // none
    // A UDP peer's close is a full comment: the forms are told again.
    const AddressId u =
        store.addAddresses(QStringLiteral("127.0.0.1:8888"), QStringLiteral("127.0.0.1:8889"));
    const ConnectionId uc = store.openConnection(2, u, true);
    store.append(2, uc, u, EventKind::Received, "M");
    store.append(2, uc, u, EventKind::Closed, "Session stopped", Closer::Local);
    conversation("Closed", Closer::Peer); // short
    // A client and a server of this process on the two ends of one pair,
    // closing one right after the other. The server named the pair last, so
    // the client's close is in full, and the FIN that answers it (on the
    // server's pair) must not read as the server's close.
    const AddressId client =
        store.addAddresses(QStringLiteral("127.0.0.1:41000"), QStringLiteral("127.0.0.1:9999"));
    const AddressId server =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:41000"));
    const ConnectionId cc = store.openConnection(3, client, false, TrafficStore::Initiator::Local);
    store.setSessionName(3, QStringLiteral("TCP client to 127.0.0.1:9999"));
    store.append(3, cc, client, EventKind::Opened);
    const ConnectionId sc = store.openConnection(1, server, false);
    store.append(1, sc, server, EventKind::Opened);
    store.append(3, cc, client, EventKind::Sent, "hi");
    store.append(1, sc, server, EventKind::Received, "hi");
    store.append(3, cc, client, EventKind::Closed, "Closed", Closer::Peer); // full
    store.append(1, sc, server, EventKind::Closed, "Closed", Closer::Peer); // short
    conversation("Closed", Closer::Peer);                                   // none

    const QString file = path(QStringLiteral("closes.pcapng"));
    QString error;
    QVERIFY2(CaptureExport::writeStore(store, file, &error), qPrintable(error));
    QStringList closes;
    for (const QByteArray &comment : commentsOf(file)) {
        const QJsonObject o = QJsonDocument::fromJson(comment).object();
        if (o.value(QStringLiteral("event")).toString() == u"closed")
            closes << (o.contains(QStringLiteral("session")) ? QStringLiteral("full ")
                                                             : QStringLiteral("short ")) +
                          o.value(QStringLiteral("by")).toString() + u' ' +
                          o.value(QStringLiteral("reason")).toString();
    }
    QCOMPARE(closes,
             (QStringList{QStringLiteral("short peer Closed"),
                          QStringLiteral("short peer Connection reset by the peer"),
                          QStringLiteral("short local Exit word received"),
                          QStringLiteral("full local Session stopped"),
                          QStringLiteral("short peer Closed"), QStringLiteral("full peer Closed"),
                          QStringLiteral("short peer Closed")}));

    // Every close reads back with its closer, reason and time.
    CaptureReadResult result;
    const QStringList read = readBack(file, &result);
    QVERIFY2(result.ok(), qPrintable(result.message));
    const QStringList written = eventsOf(store, 1, store.lastSeq());
    QCOMPARE(read.size(), written.size());
    for (qsizetype i = 0; i < read.size(); ++i)
        QCOMPARE(read.at(i), written.at(i));

    // tshark still sees every TCP conversation end, by FINs or an RST: ten,
    // and the shared pair's one stream.
    SKIP_WITHOUT_TSHARK();
    const QList<QByteArray> ends =
        Tshark::fields(file, {QStringLiteral("tcp.stream")},
                       QStringLiteral("tcp.flags.reset == 1 || tcp.flags.fin == 1"));
    QCOMPARE(QSet<QByteArray>(ends.begin(), ends.end()).size(), 11);
}

void tst_CaptureWriter::longConversationsRoundTrip()
{
    TrafficStore store;
    quint64 middle = 0;
    fillConversations(store, &middle);
    const QString file = path(QStringLiteral("long.pcapng"));
    QString error;
    QVERIFY2(CaptureExport::writeStore(store, file, &error), qPrintable(error));

    // Most data events carry no comment: the interleaved client and server
    // of one address pair are the ones that keep needing theirs.
    const auto [packets, comments] = packetsAndComments(file);
    QVERIFY(packets > int(store.lastSeq()));
    QVERIFY2(
        comments < int(store.lastSeq()) / 2,
        qPrintable(QStringLiteral("%1 comments for %2 events").arg(comments).arg(store.lastSeq())));

    CaptureReadResult result;
    const QStringList read = readBack(file, &result);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.recorded);
    const QStringList written = eventsOf(store, 1, store.lastSeq());
    QCOMPARE(read.size(), written.size());
    for (qsizetype i = 0; i < read.size(); ++i)
        QCOMPARE(read.at(i), written.at(i));

    // Saved again from what was read: the same events once more.
    TrafficStore opened;
    CaptureReader reader;
    reader.setSessionAllocator([](const QString &, SessionId recorded) { return recorded; });
    QVERIFY(reader.read(file, &opened).ok());
    const QString again = path(QStringLiteral("long-again.pcapng"));
    QVERIFY2(CaptureExport::writeStore(opened, again, &error), qPrintable(error));
    QCOMPARE(readBack(again, &result), written);

    SKIP_WITHOUT_TSHARK();
    // tshark follows the multi-segment conversation to the exact bytes.
    QByteArray toPeer;
    QByteArray fromPeer;
    for (const TrafficEvent &ev : store.events(1, store.lastSeq())) {
        if (store.addresses(ev.addresses).peer != u"127.0.0.1:50002")
            continue;
        if (ev.kind == EventKind::Sent)
            toPeer += store.payload(ev);
        else if (ev.kind == EventKind::Received)
            fromPeer += store.payload(ev);
    }
    const Tshark::Follow f = Tshark::follow(file, 2); // after the Unix client and A
    QVERIFY(f.ok);
    QCOMPARE(f.node0, QStringLiteral("127.0.0.1:50002"));
    QVERIFY(f.fromNode0 == fromPeer);
    QVERIFY(f.fromNode1 == toPeer);
}

void tst_CaptureWriter::ringFileReadsOnItsOwn()
{
    // A rotated ring: the writer opens the next file mid-conversation. Each
    // file is read on its own, and gives back exactly its events.
    TrafficStore store;
    quint64 middle = 0;
    fillConversations(store, &middle);
    const QString first = path(QStringLiteral("ring-1.pcapng"));
    const QString second = path(QStringLiteral("ring-2.pcapng"));
    CaptureWriter writer;
    QVERIFY(writer.open(first));
    for (const TrafficEvent &ev : store.events(1, middle))
        QVERIFY(writer.writeEvent(ev, store));
    QVERIFY(writer.open(second));
    for (const TrafficEvent &ev : store.events(middle + 1, store.lastSeq()))
        QVERIFY(writer.writeEvent(ev, store));
    QVERIFY(writer.close());

    CaptureReadResult result;
    QCOMPARE(readBack(first, &result), eventsOf(store, 1, middle));
    QVERIFY(result.ok());
    const QStringList read = readBack(second, &result);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.recorded);
    const QStringList written = eventsOf(store, middle + 1, store.lastSeq());
    QCOMPARE(read.size(), written.size());
    for (qsizetype i = 0; i < read.size(); ++i)
        QCOMPARE(read.at(i), written.at(i));
}

void tst_CaptureWriter::pcapHasThePacketsOnly()
{
    SKIP_WITHOUT_TSHARK();
    QFile file(path(QStringLiteral("all.pcap")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    // Little-endian pcap with microsecond timestamps, link type 101 (raw IP).
    const QByteArray header = file.read(24);
    QCOMPARE(header.left(4), QByteArray::fromHex("d4c3b2a1"));
    QCOMPARE(header.mid(20, 4), QByteArray::fromHex("65000000"));
    const QList<QByteArray> comments =
        Tshark::fields(path(QStringLiteral("all.pcap")),
                       {QStringLiteral("frame.comment"), QStringLiteral("ip.len")});
    const QList<QByteArray> ngPackets =
        Tshark::fields(path(QStringLiteral("all.pcapng")), {QStringLiteral("frame.number")},
                       QStringLiteral("frame.interface_id == 0"));
    QCOMPARE(comments.size(), ngPackets.size());
    for (const QByteArray &c : comments)
        QVERIFY2(c.startsWith('\t'), c.constData()); // no comment before the length
    const Tshark::Follow a = Tshark::follow(path(QStringLiteral("all.pcap")), 0);
    QVERIFY(a.fromNode0 == m_inA);
    QVERIFY(a.fromNode1 == m_outA);
}

void tst_CaptureWriter::exportOfSelectedRows()
{
    SKIP_WITHOUT_TSHARK();
    // Only what connection A received: no handshake, the numbers still agree.
    QString error;
    const QString file = path(QStringLiteral("selected.pcapng"));
    QVERIFY2(CaptureExport::writeEvents(m_store, m_receivedA, file, &error), qPrintable(error));
    const Tshark::Follow a = Tshark::follow(file, 0);
    QVERIFY(a.ok);
    QVERIFY(a.fromNode0 == m_inA);
    QVERIFY(a.fromNode1.isEmpty());
    QVERIFY(
        Tshark::fields(file, {QStringLiteral("frame.number")}, QStringLiteral("tcp.flags.syn == 1"))
            .isEmpty());
    QVERIFY(
        Tshark::fields(file, {QStringLiteral("frame.number")}, QStringLiteral("tcp.analysis.flags"))
            .isEmpty());
}

void tst_CaptureWriter::synDirectionSurvivesOpenAndSaveAgain()
{
    SKIP_WITHOUT_TSHARK();
    // Who sent each SYN: "address port" per connection, in file order.
    const auto synSenders = [](const QString &file) {
        QStringList senders;
        for (const QByteArray &line :
             Tshark::fields(file,
                            {QStringLiteral("ip.src"), QStringLiteral("ipv6.src"),
                             QStringLiteral("tcp.srcport")},
                            QStringLiteral("tcp.flags.syn == 1 && tcp.flags.ack == 0")))
            senders << QString::fromUtf8(line).split(u'\t', Qt::SkipEmptyParts).join(u' ');
        return senders;
    };
    const QStringList written = synSenders(path(QStringLiteral("all.pcapng")));
    // A and B were accepted (the peer's SYN); C is our client's connection.
    QCOMPARE(written,
             QStringList({QStringLiteral("127.0.0.1 50012"), QStringLiteral("127.0.0.1 50013"),
                          QStringLiteral("::1 40000")}));

    TrafficStore opened;
    CaptureReader reader;
    const CaptureReadResult read = reader.read(path(QStringLiteral("all.pcapng")), &opened);
    QVERIFY2(read.ok(), qPrintable(read.message));
    QVERIFY(read.recorded);
    QString error;
    const QString again = path(QStringLiteral("opened-and-saved.pcapng"));
    QVERIFY2(CaptureExport::writeStore(opened, again, &error), qPrintable(error));
    QCOMPARE(synSenders(again), written);
}

void tst_CaptureWriter::writeErrorsNameTheFileAndReason()
{
    const QString missing = path(QStringLiteral("no/such/dir/x.pcapng"));
    CaptureWriter w;
    QVERIFY(!w.open(missing));
    QCOMPARE(w.errorString(), QStringLiteral("Cannot write the capture file %1: %2.")
                                  .arg(missing, QString::fromLocal8Bit(std::strerror(ENOENT))));

    QVERIFY(!w.open(m_dir.path()));
    QCOMPARE(w.errorString(),
             QStringLiteral("Cannot write the capture file %1: %2.")
                 .arg(m_dir.path(), QString::fromLocal8Bit(std::strerror(EISDIR))));

    if (!QFileInfo(QStringLiteral("/dev/full")).exists() ||
        QFileInfo(QStringLiteral("/dev/full")).isFile())
        QSKIP("/dev/full is not the full device here");
    QString error;
    QVERIFY(!CaptureExport::writeStore(m_store, QStringLiteral("/dev/full"), &error));
    QVERIFY(!QFileInfo(QStringLiteral("/dev/full")).isFile()); // a device is never removed
    QCOMPARE(error, QStringLiteral("Cannot write the capture file /dev/full: %1.")
                        .arg(QString::fromLocal8Bit(std::strerror(ENOSPC))));
}

void tst_CaptureWriter::holdKeepsUnwrittenEventsUpToTwiceTheCap()
{
    TrafficStore store;
    const qint64 cap = 256 * 1024;
    store.setMemoryCap(cap);
    const TrafficStore::HoldId hold = store.addEvictionHold(1);
    const QByteArray payload(1000, 'p');
    // Past the cap, below twice the cap: nothing goes.
    while (store.totals().memoryUsed < cap * 3 / 2)
        store.append(1, 0, 0, EventKind::Note, payload);
    QCOMPARE(store.firstSeq(), quint64(1));
    QCOMPARE(store.totals().evicted, quint64(0));
    // Written up to 100: those may go, the rest stays.
    store.moveEvictionHold(hold, 101);
    QVERIFY(store.firstSeq() > 1);
    QVERIFY(store.firstSeq() <= 101);
    // A reader that is stuck: memory stays below about twice the cap.
    for (int i = 0; i < 2000; ++i)
        store.append(1, 0, 0, EventKind::Note, payload);
    QVERIFY(store.firstSeq() > 101);
    QVERIFY2(store.totals().memoryUsed <= 2 * cap + 64 * 1024,
             qPrintable(QString::number(store.totals().memoryUsed)));
    // Released: back under the cap.
    store.removeEvictionHold(hold);
    QVERIFY(store.totals().memoryUsed <= cap);
}

void tst_CaptureWriter::recorderWritesEverything()
{
    SKIP_WITHOUT_TSHARK();
    TrafficStore store;
    store.setMemoryCap(128 * 1024); // far less than what goes through
    CaptureRecorder recorder(&store);
    const QString file = path(QStringLiteral("live.pcapng"));
    QVERIFY2(recorder.start({file, 0, 0}), qPrintable(recorder.errorString()));
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50012"));
    const ConnectionId c = store.openConnection(1, a, false);
    store.append(1, c, a, EventKind::Opened);
    QByteArray sent;
    for (int i = 0; i < 2000; ++i) {
        const QByteArray chunk = pattern(200, i);
        sent += chunk;
        store.append(1, c, a, EventKind::Received, chunk);
        if (i % 100 == 0) // let the recorder's thread keep up, as the engine would
            QTRY_VERIFY(recorder.eventsWritten() >= quint64(i));
    }
    store.append(1, c, a, EventKind::Closed, "Closed", Closer::Peer);
    QVERIFY(store.totals().evicted > 0); // the cap did evict: written before it went
    QVERIFY2(recorder.stop(), qPrintable(recorder.errorString()));
    QCOMPARE(recorder.eventsWritten(), store.lastSeq());
    QCOMPARE(recorder.eventsLost(), quint64(0));
    const Tshark::Follow f = Tshark::follow(file, 0);
    QCOMPARE(f.fromNode0.size(), sent.size());
    QVERIFY(f.fromNode0 == sent);
}

void tst_CaptureWriter::recorderRotatesARing()
{
    SKIP_WITHOUT_TSHARK();
    QTemporaryDir dir;
    TrafficStore store;
    CaptureRecorder recorder(&store);
    QSignalSpy started(&recorder, &CaptureRecorder::fileStarted);
    const QString base = dir.filePath(QStringLiteral("ring.pcapng"));
    QVERIFY(recorder.start({base, 64 * 1024, 3}));
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:8888"), QStringLiteral("127.0.0.1:8889"));
    const ConnectionId c = store.openConnection(1, a, true);
    for (int i = 0; i < 400; ++i) // about 400 KiB: six or seven files of 64 KiB
        store.append(1, c, a, EventKind::Received, pattern(1000, i));
    QVERIFY(recorder.stop());
    const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 3);
    const QRegularExpression name(QStringLiteral("^ring_(\\d{5})_\\d{14}\\.pcapng$"));
    int previous = 0;
    for (const QString &f : files) {
        const auto m = name.match(f);
        QVERIFY2(m.hasMatch(), qPrintable(f));
        const int serial = m.captured(1).toInt();
        QVERIFY(previous == 0 || serial == previous + 1); // the newest three, in a row
        previous = serial;
        const QList<QByteArray> packets =
            Tshark::fields(dir.filePath(f), {QStringLiteral("udp.length")});
        QVERIFY(!packets.isEmpty());
    }
    QVERIFY(previous >= 6);
    // Reported by queued calls from the recording thread.
    QTRY_COMPARE(started.count(), previous);
    QCOMPARE(QFileInfo(recorder.currentFileName()).fileName(), files.last());
}

void tst_CaptureWriter::recorderReportsAFullDisk()
{
    if (!QFileInfo(QStringLiteral("/dev/full")).exists() ||
        QFileInfo(QStringLiteral("/dev/full")).isFile())
        QSKIP("/dev/full is not the full device here");
    TrafficStore store;
    CaptureRecorder recorder(&store);
    QSignalSpy failed(&recorder, &CaptureRecorder::failed);
    QVERIFY(recorder.start({QStringLiteral("/dev/full"), 0, 0}));
    store.append(1, 0, 0, EventKind::Note, "something to write");
    QTRY_COMPARE(failed.count(), 1);
    const QString expected = QStringLiteral("Cannot write the capture file /dev/full: %1.")
                                 .arg(QString::fromLocal8Bit(std::strerror(ENOSPC)));
    QCOMPARE(failed.at(0).at(0).toString(), expected);
    QCOMPARE(recorder.errorString(), expected);
    QVERIFY(!recorder.isRecording());
    // The store goes on, back under its own cap.
    store.append(1, 0, 0, EventKind::Note, "after");
    QCOMPARE(store.lastSeq(), quint64(2));
}

QTEST_GUILESS_MAIN(tst_CaptureWriter)
#include "tst_capturewriter.moc"
