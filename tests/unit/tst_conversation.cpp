// Picking one conversation out of the store, and the text forms of its
// transcript; the byte-wise payload comparison.

#include "conversation.h"
#include "payloaddiff.h"
#include "trafficstore.h"

#include <QTest>

class TstConversation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsOneConnectionInOrder();
    void readsASliceAtATime();
    void countsWhatWasEvicted();
    void transcriptLines_data();
    void transcriptLines();
    void hexOffsetsCountTheDirection();
    void diff_data();
    void diff();
};

void TstConversation::readsOneConnectionInOrder()
{
    TrafficStore store;
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:40001"));
    const AddressId b =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:40002"));
    const ConnectionId one = store.openConnection(1, a, false);
    const ConnectionId two = store.openConnection(1, b, false);
    store.append(1, one, a, EventKind::Opened);
    store.append(1, two, b, EventKind::Opened);
    store.append(1, one, a, EventKind::Sent, "Welcome!");
    store.append(1, two, b, EventKind::Sent, "Welcome!");
    store.append(1, two, b, EventKind::Received, "two");
    store.append(1, one, a, EventKind::Received, "one");
    store.append(1, 0, 0, EventKind::Note, "a session note");

    Conversation::Reader reader(&store, one);
    QList<Conversation::Segment> segments;
    QVERIFY(reader.readMore(&segments));
    QCOMPARE(segments.size(), 2);
    QCOMPARE(segments.at(0).direction, Conversation::Direction::Out);
    QCOMPARE(segments.at(0).bytes, QByteArray("Welcome!"));
    QCOMPARE(segments.at(1).direction, Conversation::Direction::In);
    QCOMPARE(segments.at(1).bytes, QByteArray("one"));
    QVERIFY(!reader.ended());

    // It goes on from where it stopped, and sees the end.
    store.append(1, two, b, EventKind::Received, "two again");
    store.append(1, one, a, EventKind::Closed, {}, Closer::Peer);
    segments.clear();
    QVERIFY(reader.readMore(&segments));
    QVERIFY(segments.isEmpty());
    QVERIFY(reader.ended());
    QCOMPARE(Conversation::describe(store, one),
             QStringLiteral("127.0.0.1:9999 ⇄ 127.0.0.1:40001 (TCP)"));
}

void TstConversation::readsASliceAtATime()
{
    TrafficStore store;
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:40001"));
    const ConnectionId id = store.openConnection(1, a, true);
    for (int i = 0; i < 10; ++i)
        store.append(1, id, a, EventKind::Received, QByteArray::number(i));
    Conversation::Reader reader(&store, id);
    QList<Conversation::Segment> segments;
    QVERIFY(!reader.readMore(&segments, 4));
    QCOMPARE(segments.size(), 4);
    QVERIFY(!reader.readMore(&segments, 4));
    QVERIFY(reader.readMore(&segments, 4));
    QCOMPARE(segments.size(), 10);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(segments.at(i).bytes, QByteArray::number(i));
}

void TstConversation::countsWhatWasEvicted()
{
    TrafficStore store;
    const AddressId a =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:40001"));
    const ConnectionId id = store.openConnection(1, a, true);
    store.append(1, id, a, EventKind::Received, "early");
    store.append(1, id, a, EventKind::Received, "early too");
    Conversation::Reader reader(&store, id);
    QList<Conversation::Segment> segments;
    QVERIFY(!reader.readMore(&segments, 1)); // reads the first only
    store.clear();
    store.append(1, id, a, EventKind::Received, "late");
    segments.clear();
    QVERIFY(reader.readMore(&segments));
    QCOMPARE(segments.size(), 1);
    QCOMPARE(segments.at(0).bytes, QByteArray("late"));
    QCOMPARE(reader.missedEvents(), quint64(1));
}

void TstConversation::transcriptLines_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("out");
    QTest::addColumn<int>("form");
    QTest::addColumn<QString>("expected");
    const int text = int(Conversation::Form::Text);
    const int escapes = int(Conversation::Form::Escapes);
    QTest::newRow("line") << QByteArray("Hello, Michael!\n") << true << text
                          << QStringLiteral("> Hello, Michael!\n");
    QTest::newRow("crlf, two lines") << QByteArray("GET / HTTP/1.0\r\nHost: x\r\n") << false << text
                                     << QStringLiteral("< GET / HTTP/1.0\n< Host: x\n");
    QTest::newRow("no newline") << QByteArray("exit") << false << text
                                << QStringLiteral("< exit\n");
    QTest::newRow("controls") << QByteArray("a\x00\x1b"
                                            "b",
                                            4)
                              << false << text << QStringLiteral("< a\u00b7\u00b7b\n");
    QTest::newRow("escapes") << QByteArray("a\r\n\xff", 4) << true << escapes
                             << QStringLiteral("> a\\r\\n\\xff\n");
}

void TstConversation::transcriptLines()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, out);
    QFETCH(int, form);
    QFETCH(QString, expected);
    Conversation::Segment segment;
    segment.bytes = bytes;
    segment.direction = out ? Conversation::Direction::Out : Conversation::Direction::In;
    QCOMPARE(Conversation::transcriptLines(segment, Conversation::Form(form),
                                           PayloadCodec::Encoding::Utf8),
             expected);
}

void TstConversation::hexOffsetsCountTheDirection()
{
    Conversation::Segment segment;
    segment.bytes = QByteArray(20, 'x');
    const QString dump =
        Conversation::render(segment, Conversation::Form::Hex, PayloadCodec::Encoding::Utf8, 0x20);
    const QStringList lines = dump.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("00000020  78 78")), qPrintable(dump));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("00000030  78 78")), qPrintable(dump));
    Conversation::Form form = Conversation::Form::Text;
    QVERIFY(Conversation::formFromName(u"HEX", &form));
    QCOMPARE(form, Conversation::Form::Hex);
    QVERIFY(!Conversation::formFromName(u"octal", &form));
}

void TstConversation::diff_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<QList<qsizetype>>("differing");
    QTest::newRow("same") << QByteArray("abc") << QByteArray("abc") << QList<qsizetype>{};
    QTest::newRow("one byte") << QByteArray("seq=1") << QByteArray("seq=2") << QList<qsizetype>{4};
    QTest::newRow("longer") << QByteArray("ab") << QByteArray("abcd") << QList<qsizetype>{2, 3};
    QTest::newRow("binary") << QByteArray("\x00\xff\x10", 3) << QByteArray("\x01\xff\x11", 3)
                            << QList<qsizetype>{0, 2};
    QTest::newRow("empty") << QByteArray() << QByteArray("x") << QList<qsizetype>{0};
}

void TstConversation::diff()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(QList<qsizetype>, differing);
    const PayloadDiff::Result result = PayloadDiff::compare(a, b);
    QCOMPARE(result.differing, differing);
    QCOMPARE(result.sizeA, a.size());
    QCOMPARE(result.sizeB, b.size());
    QCOMPARE(result.identical(), differing.isEmpty());
}

QTEST_GUILESS_MAIN(TstConversation)
#include "tst_conversation.moc"
