#include "chatprotocol.h"
#include "helloprotocol.h"
#include "ruleset.h"

#include <QTest>

class tst_HelloProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perRead_data();
    void perRead();
    void lineFraming_data();
    void lineFraming();
    void longLineIsAnsweredInPieces();
    void customTemplateAndExitWord();
    void endWord_data();
    void endWord();
    void unreadableFileReplyIsAnErrorNotSilence();
    void reusedOutputHoldsOnlyTheLatest();
};

using Replies = QList<QByteArray>;

void tst_HelloProtocol::perRead_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<Replies>("replies");
    QTest::addColumn<bool>("close");

    QTest::newRow("tutorial") << QByteArray("Michael") << Replies{"Hello, Michael!"} << false;
    QTest::newRow("newline echoed") << QByteArray("Tracy\n") << Replies{"Hello, Tracy!\n"} << false;
    QTest::newRow("crlf echoed") << QByteArray("Sarah\r\n") << Replies{"Hello, Sarah!\r\n"}
                                 << false;
    QTest::newRow("only one newline stripped")
        << QByteArray("a\n\n") << Replies{"Hello, a\n!\n"} << false;
    QTest::newRow("one read is one message")
        << QByteArray("a\nb\n") << Replies{"Hello, a\nb!\n"} << false;
    QTest::newRow("binary byte-exact") << QByteArray("\xff\x00\xfe", 3)
                                       << Replies{QByteArray("Hello, \xff\x00\xfe!", 11)} << false;
    QTest::newRow("utf-8") << QByteArray("你好") << Replies{QByteArray("Hello, 你好!")} << false;
    QTest::newRow("empty line") << QByteArray("\n") << Replies{"Hello, !\n"} << false;
    QTest::newRow("exit") << QByteArray("exit") << Replies{} << true;
    QTest::newRow("exit newline") << QByteArray("exit\n") << Replies{} << true;
    QTest::newRow("exit crlf") << QByteArray("exit\r\n") << Replies{} << true;
    QTest::newRow("exit is exact")
        << QByteArray("exit now") << Replies{"Hello, exit now!"} << false;
    QTest::newRow("Exit is not exit") << QByteArray("Exit") << Replies{"Hello, Exit!"} << false;
}

void tst_HelloProtocol::perRead()
{
    QFETCH(QByteArray, message);
    QFETCH(Replies, replies);
    QFETCH(bool, close);
    HelloProtocol protocol({});
    const HelloProtocol::Output out = protocol.receive(message);
    QCOMPARE(out.replies, replies);
    QCOMPARE(out.close, close);
}

void tst_HelloProtocol::lineFraming_data()
{
    QTest::addColumn<QList<QByteArray>>("reads");
    QTest::addColumn<Replies>("replies");
    QTest::addColumn<bool>("close");
    QTest::addColumn<int>("pending");

    QTest::newRow("two lines in one read")
        << QList<QByteArray>{"a\nb\n"} << Replies{"Hello, a!\n", "Hello, b!\n"} << false << 0;
    QTest::newRow("line split over reads")
        << QList<QByteArray>{"Mich", "ael\nTr"} << Replies{"Hello, Michael!\n"} << false << 2;
    QTest::newRow("crlf lines") << QList<QByteArray>{"x\r\ny\r\n"}
                                << Replies{"Hello, x!\r\n", "Hello, y!\r\n"} << false << 0;
    QTest::newRow("exit stops the rest")
        << QList<QByteArray>{"a\nexit\nb\n"} << Replies{"Hello, a!\n"} << true << 0;
    QTest::newRow("no newline yet") << QList<QByteArray>{"abc"} << Replies{} << false << 3;
}

void tst_HelloProtocol::lineFraming()
{
    QFETCH(QList<QByteArray>, reads);
    QFETCH(Replies, replies);
    QFETCH(bool, close);
    QFETCH(int, pending);
    HelloProtocol::Config config;
    config.lineFraming = true;
    HelloProtocol protocol(config);
    Replies got;
    bool closed = false;
    for (const QByteArray &r : reads) {
        const HelloProtocol::Output out = protocol.receive(r);
        got += out.replies;
        closed = closed || out.close;
    }
    QCOMPARE(got, replies);
    QCOMPARE(closed, close);
    QCOMPARE(int(protocol.pendingBytes()), pending);
}

void tst_HelloProtocol::longLineIsAnsweredInPieces()
{
    HelloProtocol::Config config;
    config.lineFraming = true;
    config.maxLineLength = 4;
    HelloProtocol protocol(config);
    const HelloProtocol::Output out = protocol.receive("abcdefghij");
    QCOMPARE(out.replies, (Replies{"Hello, abcd!", "Hello, efgh!"}));
    QCOMPARE(protocol.pendingBytes(), qsizetype(2)); // never more than the limit is held
    QCOMPARE(protocol.receive("\n").replies, Replies{"Hello, ij!\n"});
}

void tst_HelloProtocol::customTemplateAndExitWord()
{
    HelloProtocol::Config config;
    config.replyTemplate = "<%s> %s";
    config.exitWord = "bye";
    HelloProtocol protocol(config);
    QCOMPARE(protocol.receive("x\n").replies, Replies{"<x> %s\n"}); // first %s only
    QVERIFY(!protocol.receive("exit").close);
    QVERIFY(protocol.receive("bye").close);
    QCOMPARE(HelloProtocol::reply("no slot", "m\r\n"), QByteArray("no slot\r\n"));
}

void tst_HelloProtocol::endWord_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("endWord");
    QTest::addColumn<bool>("ends");
    QTest::newRow("88") << QByteArray("88") << QByteArray("88") << true;
    QTest::newRow("88 newline") << QByteArray("88\n") << QByteArray("88") << true;
    QTest::newRow("880") << QByteArray("880") << QByteArray("88") << false;
    QTest::newRow("off") << QByteArray("88") << QByteArray() << false;
    QTest::newRow("custom") << QByteArray("拜拜") << QByteArray("拜拜") << true;
}

void tst_HelloProtocol::endWord()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, endWord);
    QFETCH(bool, ends);
    QCOMPARE(ChatProtocol::isEndWord(message, endWord), ends);
}

void tst_HelloProtocol::unreadableFileReplyIsAnErrorNotSilence()
{
    Rule rule;
    rule.match = Rule::Match::Exact;
    rule.pattern = QStringLiteral("dump");
    rule.reply = QStringLiteral("{{file:/nonexistent/socketscope-reply}}");
    HelloProtocol::Config config;
    config.rules = std::make_shared<RuleSet>();
    QString error;
    QVERIFY2(config.rules->compile({rule}, PayloadCodec::Encoding::Utf8, &error),
             qPrintable(error));
    HelloProtocol protocol(config);
    const HelloProtocol::Output out = protocol.receive("dump\n");
    QCOMPARE(out.replies, Replies{});
    QCOMPARE(out.errors.size(), 1);
    QVERIFY2(out.errors.at(0).contains(u"/nonexistent/socketscope-reply"),
             qPrintable(out.errors.at(0)));
}

void tst_HelloProtocol::reusedOutputHoldsOnlyTheLatest()
{
    HelloProtocol::Config config;
    config.lineFraming = true;
    HelloProtocol protocol(config);
    HelloProtocol::Output out;
    protocol.receive("Al\nBo", &out);
    QCOMPARE(out.replies, (Replies{"Hello, Al!\n"}));
    QCOMPARE(protocol.pendingBytes(), 2);
    // The rest of a line, a whole one and the start of another.
    protocol.receive("b\nCy\nD", &out);
    QCOMPARE(out.replies, (Replies{"Hello, Bob!\n", "Hello, Cy!\n"}));
    QCOMPARE(out.delaysMs, (QList<int>{0, 0}));
    QCOMPARE(protocol.pendingBytes(), 1);
    protocol.receive("", &out);
    QVERIFY(out.replies.isEmpty());
    QVERIFY(out.delaysMs.isEmpty());
    protocol.receive("\nexit\n", &out);
    QCOMPARE(out.replies, (Replies{"Hello, D!\n"}));
    QVERIFY(out.close);
    QCOMPARE(protocol.pendingBytes(), 0);
    protocol.receive("Ed\n", &out);
    QVERIFY(!out.close);
}

QTEST_GUILESS_MAIN(tst_HelloProtocol)
#include "tst_helloprotocol.moc"
