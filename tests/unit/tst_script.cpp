#include "script.h"
#include "scriptrunner.h"

#include <QSignalSpy>
#include <QTest>

namespace {

// A runner wired to lists instead of a socket.
struct Harness
{
    QList<QByteArray> sent;
    int closes = 0;
    QList<std::pair<int, int>> statuses; // (step, status)
    std::unique_ptr<ScriptRunner> runner;
    std::unique_ptr<QSignalSpy> finished;

    bool load(const QString &text)
    {
        Script script;
        QString error;
        if (!script.parse(text, PayloadCodec::Encoding::Utf8, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        runner = std::make_unique<ScriptRunner>(
            script, QStringLiteral("127.0.0.1:7"),
            ScriptRunner::Io{[this](const QByteArray &b) { sent.append(b); },
                             [this] { ++closes; }});
        QObject::connect(runner.get(), &ScriptRunner::stepChanged, runner.get(),
                         [this](int step, int status, const QString &) {
                             statuses.append({step, status});
                         });
        finished = std::make_unique<QSignalSpy>(runner.get(), &ScriptRunner::finished);
        return true;
    }
};

constexpr int Ok = int(ScriptRunner::Status::Ok);
constexpr int Failed = int(ScriptRunner::Status::Failed);

} // namespace

class tst_Script : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void exchangeWithCaptures();
    void bytesBeforeTheExpectAreKept();
    void expectConsumesUpToItsMatch();
    void timeoutNamesLineAndLastBytes();
    void closedFirst();
    void waitAndClose();
};

void tst_Script::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("types");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QList<int>>("ms");

    using T = Script::Step::Type;
    QTest::newRow("all steps") << QStringLiteral("# a comment\n"
                                                 "send hello\\r\\n   # trailing comment\n"
                                                 "\n"
                                                 "send-hex 48 65 6c\n"
                                                 "expect Welcome!\n"
                                                 "timeout 250\n"
                                                 "expect /Hello, (\\w+)!/\n"
                                                 "wait 10\n"
                                                 "close\n")
                               << QList<int>{int(T::Send),        int(T::SendHex),
                                             int(T::ExpectText),  int(T::Timeout),
                                             int(T::ExpectRegex), int(T::Wait),
                                             int(T::Close)}
                               << QList<int>{2, 4, 5, 6, 7, 8, 9}
                               << QList<int>{0, 0, 5000, 250, 250, 10, 0};
    QTest::newRow("crlf lines, # without space kept")
        << QStringLiteral("send a#b\r\nexpect x\r\n")
        << QList<int>{int(T::Send), int(T::ExpectText)} << QList<int>{1, 2} << QList<int>{0, 5000};
}

void tst_Script::parse()
{
    QFETCH(QString, text);
    QFETCH(QList<int>, types);
    QFETCH(QList<int>, lines);
    QFETCH(QList<int>, ms);
    Script script;
    QString error;
    QVERIFY2(script.parse(text, PayloadCodec::Encoding::Utf8, &error), qPrintable(error));
    QList<int> gotTypes, gotLines, gotMs;
    for (const Script::Step &step : script.steps()) {
        gotTypes << int(step.type);
        gotLines << step.line;
        gotMs << step.ms;
    }
    QCOMPARE(gotTypes, types);
    QCOMPARE(gotLines, lines);
    QCOMPARE(gotMs, ms);
}

void tst_Script::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("start");

    QTest::newRow("unknown step") << QStringLiteral("send a\n\nsned b\n") << 3
                                  << QStringLiteral("Line 3: unknown step \"sned\"");
    QTest::newRow("bad regex") << QStringLiteral("expect /a(/\n") << 1
                               << QStringLiteral(
                                      "Line 1: missing closing parenthesis at position 2");
    QTest::newRow("bad hex") << QStringLiteral("# x\nsend-hex 4g\n") << 2
                             << QStringLiteral("Line 2: ");
    QTest::newRow("bad timeout") << QStringLiteral("timeout soon") << 1
                                 << QStringLiteral("Line 1: timeout needs milliseconds from 1");
    QTest::newRow("bad escape") << QStringLiteral("send \\q") << 1 << QStringLiteral("Line 1: ");
    QTest::newRow("bad capture") << QStringLiteral("send ${") << 1 << QStringLiteral("Line 1: ");
    QTest::newRow("empty send") << QStringLiteral("send") << 1
                                << QStringLiteral("Line 1: send needs the text");
    QTest::newRow("close with argument")
        << QStringLiteral("close now") << 1 << QStringLiteral("Line 1: close takes nothing");
    QTest::newRow("no steps") << QStringLiteral("# nothing\n") << 0
                              << QStringLiteral("The script has no steps.");
}

void tst_Script::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, start);
    Script script;
    QString error;
    int errorLine = -1;
    QVERIFY(!script.parse(text, PayloadCodec::Encoding::Utf8, &error, &errorLine));
    QCOMPARE(errorLine, line);
    QVERIFY2(error.startsWith(start), qPrintable(error));
}

void tst_Script::exchangeWithCaptures()
{
    Harness h;
    QVERIFY(h.load(QStringLiteral("expect Welcome!\n"
                                  "send Bob\\n\n"
                                  "expect /Hello, (?<who>\\w+)!/\n"
                                  "send $1 ${who} $$ {{counter}} {{peer}}\n")));
    h.runner->start();
    QVERIFY(h.sent.isEmpty());
    h.runner->receive("Welc");
    QVERIFY(h.sent.isEmpty());
    h.runner->receive("ome!");
    QCOMPARE(h.sent, QList<QByteArray>{"Bob\n"});
    h.runner->receive("Hello, Bob!\n");
    QCOMPARE(h.sent, (QList<QByteArray>{"Bob\n", "Bob Bob $ 2 127.0.0.1:7"}));
    QCOMPARE(h.finished->size(), 1);
    QCOMPARE(h.finished->at(0).at(0).toBool(), true);
    QVERIFY(h.statuses.contains(std::pair(3, Ok)));
}

void tst_Script::bytesBeforeTheExpectAreKept()
{
    Harness h;
    QVERIFY(h.load(QStringLiteral("wait 1\nexpect ready\nsend go")));
    h.runner->start();
    h.runner->receive("ready"); // arrives during the wait
    QTRY_COMPARE(h.sent, QList<QByteArray>{"go"});
    QVERIFY(h.runner->succeeded());
}

void tst_Script::expectConsumesUpToItsMatch()
{
    // One read carries both answers; the second expect must not see the first's
    // bytes again, and "a" must not match twice.
    Harness h;
    QVERIFY(h.load(QStringLiteral("timeout 50\nexpect a\nexpect a\nsend done")));
    h.runner->start();
    h.runner->receive("xa-y");
    QVERIFY(h.sent.isEmpty());
    QTRY_VERIFY(h.runner->isFinished());
    QVERIFY(!h.runner->succeeded());
    QCOMPARE(h.runner->failure(),
             QStringLiteral("Script failed at line 3: expected \"a\", timed out "
                            "after 50 ms; the last bytes that arrived: \"-y\""));
}

void tst_Script::timeoutNamesLineAndLastBytes()
{
    Harness h;
    QVERIFY(h.load(QStringLiteral("send hi\ntimeout 30\n# wait for it\nexpect /Hello, Bob!/\n")));
    h.runner->start();
    h.runner->receive(QByteArray("Hello, Al!\r\n\x01", 13));
    QTRY_COMPARE(h.finished->size(), 1);
    QCOMPARE(h.finished->at(0).at(0).toBool(), false);
    QCOMPARE(
        h.finished->at(0).at(1).toString(),
        QStringLiteral("Script failed at line 4: expected /Hello, Bob!/, timed out after 30 ms; "
                       "the last bytes that arrived: \"Hello, Al!\\r\\n\\x01\""));
    QCOMPARE(h.statuses.last(), std::pair(2, Failed)); // the third step: comments are no steps
}

void tst_Script::closedFirst()
{
    Harness h;
    QVERIFY(h.load(QStringLiteral("expect never")));
    h.runner->start();
    h.runner->connectionClosed();
    QCOMPARE(h.finished->size(), 1);
    QCOMPARE(h.runner->failure(), QStringLiteral("Script failed at line 1: expected \"never\", the "
                                                 "connection closed first; nothing unmatched had "
                                                 "arrived"));
}

void tst_Script::waitAndClose()
{
    Harness h;
    QVERIFY(h.load(QStringLiteral("send a\nwait 20\nsend b\nclose")));
    QElapsedTimer timer;
    timer.start();
    h.runner->start();
    QCOMPARE(h.sent, QList<QByteArray>{"a"});
    QTRY_COMPARE(h.finished->size(), 1);
    QVERIFY(timer.elapsed() >= 19);
    QCOMPARE(h.sent, (QList<QByteArray>{"a", "b"}));
    QCOMPARE(h.closes, 1);
    QVERIFY(h.runner->succeeded());
}

QTEST_GUILESS_MAIN(tst_Script)
#include "tst_script.moc"
