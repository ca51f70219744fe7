#include "eventformat.h"
#include "trafficstore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// The append forms of EventFormat (what the headless printer uses, into one
// reused buffer) give exactly the bytes of the returning forms, for every
// kind of event, and those bytes are the documented JSON and line formats.
class tst_EventFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKind_data();
    void everyKind();
    void appendsAfterWhatIsThere();
    void payloadAsTextAndHex();
    void escapesBeyondTheRoomGuessed();
    void isoTimes_data();
    void isoTimes();
    void renamedSessionShowsItsNewName();
    void payloadReadBeforehandGivesTheSameLine();
};

namespace {

// 2025-11-30T08:30:01.000042Z: the microseconds need their leading zeros.
constexpr qint64 TimeUs = 1764491401000042;
constexpr char IsoTime[] = "2025-11-30T08:30:01.000042Z";

struct Rig
{
    TrafficStore store;
    AddressId addresses = 0;
    ConnectionId connection = 0;

    Rig()
    {
        store.setSessionName(1, QStringLiteral("UDP 127.0.0.1:9999"));
        addresses =
            store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50012"));
        connection = store.openConnection(1, addresses, true, TimeUs);
    }

    TrafficEvent add(EventKind kind, const QByteArray &payload, Closer closer = Closer::None)
    {
        const quint64 seq = store.appendAt(TimeUs, 1, connection, addresses, kind, payload, closer);
        TrafficEvent ev;
        [&] { QVERIFY(store.event(seq, &ev)); }();
        return ev;
    }
};

} // namespace

void tst_EventFormat::everyKind_data()
{
    QTest::addColumn<EventKind>("kind");
    QTest::addColumn<Closer>("closer");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("json"); // from "event" to the end
    QTest::addColumn<QByteArray>("line"); // after the connection

    const auto none = Closer::None;
    QTest::newRow("listening") << EventKind::Listening << none << QByteArray("127.0.0.1:9999")
                               << QByteArray(R"("event":"listening",)"
                                             R"(%1,"bytes":0,)"
                                             R"("message":"127.0.0.1:9999"})")
                               << QByteArray("listening 127.0.0.1:9999");
    QTest::newRow("bound") << EventKind::Bound << none << QByteArray("127.0.0.1:9999")
                           << QByteArray(R"("event":"bound",%1,"bytes":0,)"
                                         R"("message":"127.0.0.1:9999"})")
                           << QByteArray("bound 127.0.0.1:9999");
    QTest::newRow("connecting") << EventKind::Connecting << none << QByteArray()
                                << QByteArray(R"("event":"connecting",%1,"bytes":0})")
                                << QByteArray("connecting");
    QTest::newRow("opened") << EventKind::Opened << none << QByteArray()
                            << QByteArray(R"("event":"opened",%1,"bytes":0})")
                            << QByteArray("opened 127.0.0.1:50012 <-> 127.0.0.1:9999");
    QTest::newRow("closed") << EventKind::Closed << Closer::Peer << QByteArray("reset \"x\"")
                            << QByteArray(R"("event":"closed",%1,"bytes":0,"by":"peer",)"
                                          R"("reason":"reset \"x\""})")
                            << QByteArray("closed 127.0.0.1:50012 by peer: reset \"x\"");
    QTest::newRow("in text") << EventKind::Received << none << QByteArray("Hello\n")
                             << QByteArray(R"("event":"in",%1,"bytes":6,"text":"Hello\n",)"
                                           R"("hex":"48656c6c6f0a"})")
                             << QByteArray(R"(in from 127.0.0.1:50012 6 B "Hello\n")");
    QTest::newRow("in binary") << EventKind::Received << none << QByteArray("\xff\x00", 2)
                               << QByteArray(R"("event":"in",%1,"bytes":2,"hex":"ff00"})")
                               << QByteArray(R"(in from 127.0.0.1:50012 2 B "\xff\0")");
    QTest::newRow("out") << EventKind::Sent << none << QByteArray("Hello, Michael!")
                         << QByteArray(R"("event":"out",%1,"bytes":15,)"
                                       R"("text":"Hello, Michael!",)"
                                       R"("hex":"48656c6c6f2c204d69636861656c21"})")
                         << QByteArray(R"(out to 127.0.0.1:50012 15 B "Hello, Michael!")");
    QTest::newRow("error") << EventKind::Error << none << QByteArray("Connection refused")
                           << QByteArray(R"("event":"error",%1,"bytes":0,)"
                                         R"("message":"Connection refused"})")
                           << QByteArray("error Connection refused");
    QTest::newRow("note") << EventKind::Note << none << QByteArray("two\nlines")
                          << QByteArray(R"("event":"note",%1,"bytes":0,)"
                                        R"("message":"two\nlines"})")
                          << QByteArray(R"(note two\nlines)");
    QTest::newRow("stopped") << EventKind::Stopped << none << QByteArray()
                             << QByteArray(R"("event":"stopped",%1,"bytes":0})")
                             << QByteArray("stopped");
}

void tst_EventFormat::everyKind()
{
    QFETCH(EventKind, kind);
    QFETCH(Closer, closer);
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, line);

    Rig rig;
    const TrafficEvent ev = rig.add(kind, payload, closer);
    const QByteArray seq = QByteArray::number(ev.seq);
    const QByteArray c = QByteArray::number(rig.connection);

    const QByteArray common = R"("session":1,"session_name":"UDP 127.0.0.1:9999","connection":)" +
                              c + R"(,"local":"127.0.0.1:9999","peer":"127.0.0.1:50012")";
    const QByteArray expectedJson = R"({"seq":)" + seq + R"(,"time":")" + IsoTime +
                                    R"(","time_us":)" + QByteArray::number(TimeUs) + ',' +
                                    json.replace("%1", common);
    QByteArray appended;
    EventFormat::appendJson(appended, ev, rig.store);
    QCOMPARE(appended, expectedJson);
    QCOMPARE(EventFormat::toJson(ev, rig.store), expectedJson);

    // The clock part is local time; everything after it is fixed.
    const QByteArray clock = QDateTime::fromSecsSinceEpoch(TimeUs / 1000000)
                                 .toString(QStringLiteral("HH:mm:ss."))
                                 .toLatin1();
    const QByteArray expectedLine = clock + "000042 #" + seq + " s1 c" + c + ' ' + line;
    appended.clear();
    EventFormat::appendLine(appended, ev, rig.store);
    QCOMPARE(appended, expectedLine);
    QCOMPARE(EventFormat::toLine(ev, rig.store), expectedLine);
}

void tst_EventFormat::appendsAfterWhatIsThere()
{
    // The printer's buffer holds the lines before: they stay, byte for byte.
    Rig rig;
    const TrafficEvent first = rig.add(EventKind::Received, "Michael");
    const TrafficEvent second = rig.add(EventKind::Sent, "Hello, Michael!");
    QByteArray out;
    out.reserve(64 * 1024);
    for (const TrafficEvent &ev : {first, second}) {
        EventFormat::appendJson(out, ev, rig.store);
        out.append('\n');
        EventFormat::appendLine(out, ev, rig.store);
        out.append('\n');
    }
    QCOMPARE(out, EventFormat::toJson(first, rig.store) + '\n' +
                      EventFormat::toLine(first, rig.store) + '\n' +
                      EventFormat::toJson(second, rig.store) + '\n' +
                      EventFormat::toLine(second, rig.store) + '\n');
}

void tst_EventFormat::payloadAsTextAndHex()
{
    // The payload fields are made several bytes at a time: every byte value,
    // at every offset within those words and with every length of tail,
    // must come out as a JSON reader (Qt's) reads it back.
    QByteArray everyByte;
    for (int c = 0; c < 256; ++c)
        everyByte.append(char(c));
    const QByteArray text = QByteArrayLiteral("Gr\xc3\xbc\xc3\x9f"
                                              "e \"Michael\"\\\x7f\x01\ttab\r\n"
                                              "\xe4\xbd\xa0\xe5\xa5\xbd end");
    Rig rig;
    for (const QByteArray &source : {everyByte, text, QByteArray(40, 'x')}) {
        for (qsizetype length = 1; length <= 19; ++length) {
            for (qsizetype start = 0; start + length <= source.size(); ++start) {
                const QByteArray payload = source.mid(start, length);
                const QByteArray json =
                    EventFormat::toJson(rig.add(EventKind::Sent, payload), rig.store);
                QJsonParseError error;
                const QJsonObject object = QJsonDocument::fromJson(json, &error).object();
                QVERIFY2(error.error == QJsonParseError::NoError, json.constData());
                QCOMPARE(object.value(QLatin1String("bytes")).toInt(), int(length));
                QCOMPARE(object.value(QLatin1String("hex")).toString().toLatin1(), payload.toHex());
                // Text only when the bytes are UTF-8 (they survive decoding).
                const bool utf8 = QString::fromUtf8(payload).toUtf8() == payload;
                QCOMPARE(object.contains(QLatin1String("text")), utf8);
                if (utf8)
                    QCOMPARE(object.value(QLatin1String("text")).toString(),
                             QString::fromUtf8(payload));
            }
        }
    }
}

void tst_EventFormat::isoTimes_data()
{
    QTest::addColumn<qint64>("timeUs");
    QTest::addColumn<QString>("text");
    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00.000000Z");
    QTest::newRow("micro") << qint64(1796103805489303)
                           << QStringLiteral("2026-12-01T05:43:25.489303Z");
    QTest::newRow("same second") << qint64(1796103805000001)
                                 << QStringLiteral("2026-12-01T05:43:25.000001Z");
    // Before 1970 (a capture file's timestamps can be): the second before,
    // plus a positive fraction.
    QTest::newRow("-1 us") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59.999999Z");
    QTest::newRow("-1.5 s") << qint64(-1500000) << QStringLiteral("1969-12-31T23:59:58.500000Z");
    QTest::newRow("-1 s") << qint64(-1000000) << QStringLiteral("1969-12-31T23:59:59.000000Z");
}

void tst_EventFormat::isoTimes()
{
    QFETCH(qint64, timeUs);
    QFETCH(QString, text);
    QCOMPARE(EventFormat::isoTime(timeUs), text);
    // The JSON of an event says the same.
    Rig rig;
    TrafficEvent ev;
    QVERIFY(rig.store.event(rig.store.append(1, 0, 0, EventKind::Note, "n"), &ev));
    ev.timeUs = timeUs;
    const QJsonObject o = QJsonDocument::fromJson(EventFormat::toJson(ev, rig.store)).object();
    QCOMPARE(o.value(QStringLiteral("time")).toString(), text);
}

void tst_EventFormat::escapesBeyondTheRoomGuessed()
{
    // The writer guesses the room an event needs from its payload's size; a
    // payload of control characters takes eight times its size (\u0001 and
    // hex) and a reason of invalid bytes three (U+FFFD each). Both must come
    // out whole after what the buffer held, however far past the guess.
    Rig rig;
    const QByteArray controls(100000, '\x01');
    const QByteArray invalid(50000, '\xff');
    const TrafficEvent sent = rig.add(EventKind::Sent, controls);
    const TrafficEvent closed = rig.add(EventKind::Closed, invalid, Closer::Peer);
    QByteArray out = "before\n";
    EventFormat::appendJson(out, sent, rig.store);
    out.append('\n');
    EventFormat::appendJson(out, closed, rig.store);
    const QList<QByteArray> lines = out.split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), QByteArray("before"));
    QJsonParseError error;
    const QJsonObject first = QJsonDocument::fromJson(lines.at(1), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(first.value(QLatin1String("text")).toString(), QString::fromLatin1(controls));
    QCOMPARE(first.value(QLatin1String("hex")).toString().toLatin1(), controls.toHex());
    const QJsonObject second = QJsonDocument::fromJson(lines.at(2), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(second.value(QLatin1String("by")).toString(), QStringLiteral("peer"));
    QCOMPARE(second.value(QLatin1String("reason")).toString(),
             QString(invalid.size(), QChar::ReplacementCharacter));
}

void tst_EventFormat::renamedSessionShowsItsNewName()
{
    // The names are kept between events: a rename (a server's name once it
    // has bound its port) must still show from the next event on.
    Rig rig;
    const TrafficEvent first = rig.add(EventKind::Note, "bound");
    QByteArray out;
    EventFormat::appendJson(out, first, rig.store);
    QVERIFY2(out.contains(R"("session_name":"UDP 127.0.0.1:9999")"), out.constData());
    rig.store.setSessionName(1, QStringLiteral("UDP 127.0.0.1:40000 \"new\""));
    out.clear();
    EventFormat::appendJson(out, rig.add(EventKind::Note, "renamed"), rig.store);
    QVERIFY2(out.contains(R"("session_name":"UDP 127.0.0.1:40000 \"new\"")"), out.constData());
    out.clear();
    EventFormat::appendJson(out, first, rig.store);
    QVERIFY2(out.contains(R"("session_name":"UDP 127.0.0.1:40000 \"new\"")"), out.constData());
}

void tst_EventFormat::payloadReadBeforehandGivesTheSameLine()
{
    // The headless printer reads a block's payloads in one batch and hands
    // each over: the line must be the one the store's own lookup gives.
    Rig rig;
    const QList<QPair<EventKind, QByteArray>> events = {
        {EventKind::Received, QByteArray("Michael\n")},
        {EventKind::Sent, QByteArray("\xff\x00\"", 3)},
        {EventKind::Note, QByteArray("a note")},
        {EventKind::Error, QByteArray("bad \xc3")},
    };
    for (const auto &[kind, payload] : events)
        rig.add(kind, payload);
    rig.add(EventKind::Closed, "Closed by the peer", Closer::Peer);
    TrafficStore::EventBatch batch;
    rig.store.readBatch(rig.store.firstSeq(), rig.store.lastSeq(), 1 << 20, &batch);
    QCOMPARE(batch.events.size(), 5);
    for (qsizetype i = 0; i < batch.events.size(); ++i) {
        QByteArray looked;
        EventFormat::appendJson(looked, batch.events.at(i), rig.store,
                                EventFormat::PayloadFields::Included, -1);
        QByteArray given;
        EventFormat::appendJson(given, batch.events.at(i), rig.store, batch.payload(i), -1);
        QCOMPARE(given, looked);
    }
}

QTEST_GUILESS_MAIN(tst_EventFormat)
#include "tst_eventformat.moc"
