#include "ruleset.h"
#include "rulesfile.h"

#include <QTest>

using Rules = QList<Rule>;

namespace {

Rule rule(Rule::Match match, const QString &pattern, const QString &reply, int delayMs = 0,
          bool enabled = true)
{
    Rule r;
    r.match = match;
    r.pattern = pattern;
    r.reply = reply;
    r.delayMs = delayMs;
    r.enabled = enabled;
    return r;
}

} // namespace

class tst_RuleSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void match_data();
    void match();
    void counterCountsEachRule();
    void tryAnswerDoesNotCount();
    void eachAnswerHasOnlyItsOwnMatch();
    void helloRuleSet_data();
    void helloRuleSet();
    void errors_data();
    void errors();
    void ruleSpec();
    void jsonRoundTrip();
    void jsonErrors_data();
    void jsonErrors();
};

void tst_RuleSet::match_data()
{
    QTest::addColumn<Rules>("rules");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("rule");
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<int>("delay");

    const Rules kinds{
        rule(Rule::Match::Exact, QStringLiteral("status"), QStringLiteral("OK")),
        rule(Rule::Match::StartsWith, QStringLiteral("GET "), QStringLiteral("got \\0")),
        rule(Rule::Match::Contains, QStringLiteral("\\x00"), QStringLiteral("nul in \\0"), 250),
        rule(Rule::Match::Hex, QStringLiteral("02 ?? ?? 03"), QStringLiteral("\\x06\\1")),
        rule(Rule::Match::Regex, QStringLiteral("^PING (\\d+)$"), QStringLiteral("PONG \\1")),
        rule(Rule::Match::Regex, QStringLiteral("^(?<cmd>[A-Z]+) (?<arg>.*)$"),
             QStringLiteral("${cmd}:${arg}:\\0")),
    };
    QTest::newRow("exact") << kinds << QByteArray("status") << 0 << QByteArray("OK") << 0;
    QTest::newRow("exact with newline put back")
        << kinds << QByteArray("status\r\n") << 0 << QByteArray("OK\r\n") << 0;
    QTest::newRow("exact is exact") << kinds << QByteArray("status?") << -1 << QByteArray() << 0;
    QTest::newRow("starts with") << kinds << QByteArray("GET /x\n") << 1
                                 << QByteArray("got GET /x\n") << 0;
    QTest::newRow("contains, with its delay")
        << kinds << QByteArray("a\0b", 3) << 2 << QByteArray("nul in a\0b", 10) << 250;
    QTest::newRow("hex wildcards are groups")
        << kinds << QByteArray("\x02\xaa\xbb\x03") << 3 << QByteArray("\x06\xaa\xbb") << 0;
    QTest::newRow("hex matches a trailing newline and gets none back")
        << Rules{rule(Rule::Match::Hex, QStringLiteral("41??0a"), QStringLiteral("\\x06\\1"))}
        << QByteArray("A\x01\n") << 0 << QByteArray("\x06\x01") << 0;
    QTest::newRow("hex needs the whole message")
        << kinds << QByteArray("\x02\xaa\xbb\x03\x03") << -1 << QByteArray() << 0;
    QTest::newRow("regex capture")
        << kinds << QByteArray("PING 42\n") << 4 << QByteArray("PONG 42\n") << 0;
    QTest::newRow("named groups") << kinds << QByteArray("SET a=1") << 5
                                  << QByteArray("SET:a=1:SET a=1") << 0;
    QTest::newRow("first match answers")
        << Rules{rule(Rule::Match::Contains, QStringLiteral("a"), QStringLiteral("first")),
                 rule(Rule::Match::Contains, QStringLiteral("a"), QStringLiteral("second"))}
        << QByteArray("abc") << 0 << QByteArray("first") << 0;
    QTest::newRow("disabled rule is skipped")
        << Rules{rule(Rule::Match::Contains, QStringLiteral("a"), QStringLiteral("first"), 0,
                      false),
                 rule(Rule::Match::Contains, QStringLiteral("a"), QStringLiteral("second"))}
        << QByteArray("abc") << 1 << QByteArray("second") << 0;
    QTest::newRow("regex on decoded UTF-8")
        << Rules{rule(Rule::Match::Regex, QStringLiteral("^你(.)$"), QStringLiteral("[\\1]"))}
        << QByteArray("你好") << 0 << QByteArray("[好]") << 0;
    QTest::newRow("peer") << Rules{rule(Rule::Match::Contains, QString(),
                                        QStringLiteral("{{peer}}"))}
                          << QByteArray("x") << 0 << QByteArray("127.0.0.1:5000") << 0;
}

void tst_RuleSet::match()
{
    QFETCH(Rules, rules);
    QFETCH(QByteArray, message);
    QFETCH(int, rule);
    QFETCH(QByteArray, reply);
    QFETCH(int, delay);
    RuleSet set;
    QString error;
    QVERIFY2(set.compile(rules, PayloadCodec::Encoding::Utf8, &error), qPrintable(error));
    const auto answer = set.answer(message, QStringLiteral("127.0.0.1:5000"));
    QCOMPARE(answer.has_value(), rule >= 0);
    if (!answer)
        return;
    QCOMPARE(answer->rule, rule);
    QCOMPARE(answer->bytes, reply);
    QCOMPARE(answer->delayMs, delay);
}

void tst_RuleSet::counterCountsEachRule()
{
    RuleSet set;
    QVERIFY(
        set.compile({rule(Rule::Match::Exact, QStringLiteral("a"), QStringLiteral("a{{counter}}")),
                     rule(Rule::Match::Exact, QStringLiteral("b"), QStringLiteral("b{{counter}}"))},
                    PayloadCodec::Encoding::Utf8));
    QCOMPARE(set.answer("a", {})->bytes, QByteArray("a1"));
    QCOMPARE(set.answer("b", {})->bytes, QByteArray("b1"));
    QCOMPARE(set.answer("a", {})->bytes, QByteArray("a2"));
    QCOMPARE(set.answer("a\n", {})->bytes, QByteArray("a3\n"));
}

void tst_RuleSet::tryAnswerDoesNotCount()
{
    RuleSet set;
    QVERIFY(
        set.compile({rule(Rule::Match::Regex, QStringLiteral("."), QStringLiteral("#{{counter}}"))},
                    PayloadCodec::Encoding::Utf8));
    QCOMPARE(set.tryAnswer("x", {})->bytes, QByteArray("#1"));
    QCOMPARE(set.tryAnswer("x", {})->bytes, QByteArray("#1"));
    QCOMPARE(set.answer("x", {})->bytes, QByteArray("#1"));
    QCOMPARE(set.tryAnswer("x", {})->bytes, QByteArray("#2"));
}

void tst_RuleSet::eachAnswerHasOnlyItsOwnMatch()
{
    // One rule set answers message after message: nothing of one match (a
    // named group, a capture, the message) may show in the next answer.
    RuleSet set;
    QVERIFY(set.compile(
        {rule(Rule::Match::Regex, QStringLiteral("^(?<cmd>[A-Z]+) (?<arg>.*)$"),
              QStringLiteral("${cmd}=${arg}")),
         rule(Rule::Match::StartsWith, QStringLiteral("x"), QStringLiteral("[${cmd}|\\1|\\0]"))},
        PayloadCodec::Encoding::Utf8));
    set.appendHello("Hello, %s!");
    QByteArray message("SET a=1\n");
    QCOMPARE(set.answer(message, {})->bytes, QByteArray("SET=a=1\n"));
    message = "xyz";
    QCOMPARE(set.answer(message, {})->bytes, QByteArray("[||xyz]"));
    message = "Bob\n";
    QCOMPARE(set.answer(message, {})->bytes, QByteArray("Hello, Bob!\n"));
    // The reply owns its bytes: the received buffer may be reused at once.
    const QByteArray reply = set.answer(message, {})->bytes;
    message.fill('#');
    QCOMPARE(reply, QByteArray("Hello, Bob!\n"));
}

void tst_RuleSet::helloRuleSet_data()
{
    QTest::addColumn<QByteArray>("replyTemplate");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("reply");

    QTest::newRow("tutorial") << QByteArray("Hello, %s!") << QByteArray("Michael")
                              << QByteArray("Hello, Michael!");
    QTest::newRow("newline") << QByteArray("Hello, %s!") << QByteArray("Tracy\n")
                             << QByteArray("Hello, Tracy!\n");
    QTest::newRow("binary") << QByteArray("Hello, %s!") << QByteArray("\xff\x00\xfe", 3)
                            << QByteArray("Hello, \xff\x00\xfe!", 11);
    QTest::newRow("template markers are literal")
        << QByteArray("\\1 ${x} {{counter}} $$ %s %s") << QByteArray("m")
        << QByteArray("\\1 ${x} {{counter}} $$ m %s");
    QTest::newRow("no slot") << QByteArray("pong") << QByteArray("ping") << QByteArray("pong");
    QTest::newRow("non-ASCII template")
        << QByteArray("你好 %s\x80") << QByteArray("x") << QByteArray("你好 x\x80");
}

void tst_RuleSet::helloRuleSet()
{
    QFETCH(QByteArray, replyTemplate);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, reply);
    RuleSet set;
    set.appendHello(replyTemplate);
    QCOMPARE(set.answer(message, {})->bytes, reply);
}

void tst_RuleSet::errors_data()
{
    QTest::addColumn<Rules>("rules");
    QTest::addColumn<QString>("expected");

    const Rule ok = rule(Rule::Match::Exact, QStringLiteral("a"), QStringLiteral("b"));
    QTest::newRow("bad regex names rule and position")
        << Rules{ok, rule(Rule::Match::Regex, QStringLiteral("ab(c"), QStringLiteral("x"))}
        << QStringLiteral("Rule 2 (regex \"ab(c\"): missing closing parenthesis at position 4.");
    QTest::newRow("bad hex")
        << Rules{rule(Rule::Match::Hex, QStringLiteral("02 g3"), QStringLiteral("x"))}
        << QStringLiteral("Rule 1 (hex \"02 g3\"): a hex pattern is pairs of hex digits or ?? "
                          "(bad character at position 3).");
    QTest::newRow("bad reply template")
        << Rules{ok, ok,
                 rule(Rule::Match::Contains, QStringLiteral("a"), QStringLiteral("{{nope}}"))}
        << QStringLiteral("Rule 3 (contains \"a\"): reply: Unknown macro \"{{nope}}\" at position "
                          "0: use counter, time, peer, random:N or file:PATH.");
    QTest::newRow("bad escape in pattern")
        << Rules{rule(Rule::Match::Exact, QStringLiteral("a\\q"), QStringLiteral("x"))}
        << QString();
}

void tst_RuleSet::errors()
{
    QFETCH(Rules, rules);
    QFETCH(QString, expected);
    RuleSet set;
    QString error;
    QVERIFY(!set.compile(rules, PayloadCodec::Encoding::Utf8, &error));
    if (expected.isEmpty())
        QVERIFY2(error.startsWith(u"Rule 1 (exact \"a\\q\"): "), qPrintable(error));
    else
        QCOMPARE(error, expected);
}

void tst_RuleSet::ruleSpec()
{
    Rule r;
    QString error;
    QVERIFY(RuleSet::ruleFromSpec(QStringLiteral("^a=>b$=>c=>d"), &r, &error));
    QCOMPARE(r.pattern, QStringLiteral("^a"));
    QCOMPARE(r.reply, QStringLiteral("b$=>c=>d"));
    QCOMPARE(r.match, Rule::Match::Regex);
    QVERIFY(!RuleSet::ruleFromSpec(QStringLiteral("no arrow"), &r, &error));
    QVERIFY(error.contains(u"REGEX=>REPLY"));
}

void tst_RuleSet::jsonRoundTrip()
{
    const Rules rules{
        rule(Rule::Match::Regex, QStringLiteral("^PING (\\d+)$"), QStringLiteral("PONG \\1")),
        rule(Rule::Match::Hex, QStringLiteral("02 ?? 03"), QStringLiteral("\\x06"), 30, false)};
    Rules back;
    QString error;
    QVERIFY2(RulesFile::fromJson(RulesFile::toJson(rules), &back, &error), qPrintable(error));
    QCOMPARE(back, rules);
    QVERIFY(RulesFile::fromJson(R"({"rules": [{"pattern": "x", "reply": "y"}]})", &back, &error));
    QCOMPARE(back, Rules{rule(Rule::Match::Regex, QStringLiteral("x"), QStringLiteral("y"))});
}

void tst_RuleSet::jsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("syntax") << QByteArray("[{]") << QStringLiteral("Not valid JSON at character 3");
    QTest::newRow("not an array") << QByteArray("{}")
                                  << QStringLiteral("The rules must be a JSON array");
    QTest::newRow("unknown match") << QByteArray(R"([{}, {"match": "glob"}])")
                                   << QStringLiteral("Rule 2: unknown match \"glob\"");
    QTest::newRow("misspelt key") << QByteArray(R"([{"delay": 5}])")
                                  << QStringLiteral("Rule 1: unknown key \"delay\"");
    QTest::newRow("bad delay") << QByteArray(R"([{"delay_ms": -1}])")
                               << QStringLiteral("Rule 1: delay_ms must be");
}

void tst_RuleSet::jsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    Rules rules;
    QString error;
    QVERIFY(!RulesFile::fromJson(json, &rules, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_RuleSet)
#include "tst_ruleset.moc"
