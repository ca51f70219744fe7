// Auto-reply rules: the rules file (JSON), compiling the rules, and answering
// a message from the network with them.
//
// Input: one byte choosing the session's encoding, the rules file, then
// (after a NUL) the message that arrives.
//
// Properties: nothing crashes; a refused file or rule says why; an accepted
// file survives being saved and read back (compact and indented) unchanged;
// answering a message and trying it give the same rule; and whatever the
// message, an exact rule written from it and a hex rule written from it both
// match it and give it back through \0.

#include "fuzzsupport.h"
#include "payloadcodec.h"
#include "ruleset.h"
#include "rulesfile.h"

namespace {

QString showRules(const QList<Rule> &rules)
{
    return QString::fromUtf8(RulesFile::toJson(rules));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const auto encoding = PayloadCodec::Encoding(data[0] % 3);
    const QByteArray rest = Fuzz::bytes(data + 1, size - 1);
    const qsizetype nul = rest.indexOf('\0');
    const QByteArray json = nul < 0 ? rest : rest.first(nul);
    const QByteArray message = nul < 0 ? QByteArray() : rest.sliced(nul + 1);
    const QString peer = QStringLiteral("127.0.0.1:50012");

    QList<Rule> rules;
    QString error;
    if (!RulesFile::fromJson(json, &rules, &error)) {
        FUZZ_CHECK(!error.isEmpty() && rules.isEmpty(), QString::fromUtf8(json));
    } else {
        for (const bool compact : {true, false}) {
            QList<Rule> again;
            FUZZ_CHECK(RulesFile::fromJson(RulesFile::toJson(rules, compact), &again, &error),
                       showRules(rules) + u": " + error);
            FUZZ_CHECK(again == rules, showRules(rules) + u" read back as " + showRules(again));
        }
        RuleSet set;
        if (!set.compile(rules, encoding, &error)) {
            FUZZ_CHECK(error.startsWith(u"Rule "), showRules(rules) + u": " + error);
            FUZZ_CHECK(set.isEmpty(), showRules(rules));
        } else {
            FUZZ_CHECK(error.isEmpty() && set.size() == rules.size(), showRules(rules));
            // {{file:PATH}} reads a file of this machine; its limits have their
            // own unit tests.
            const bool readsFile = std::any_of(rules.begin(), rules.end(), [](const Rule &r) {
                return r.reply.contains(u"file");
            });
            if (!readsFile) {
                const auto tried = set.tryAnswer(message, peer);
                const auto answered = set.answer(message, peer);
                FUZZ_CHECK(tried.has_value() == answered.has_value(), showRules(rules));
                if (answered) {
                    FUZZ_CHECK(answered->rule == tried->rule, showRules(rules));
                    FUZZ_CHECK(answered->rule >= 0 && answered->rule < rules.size() &&
                                   rules.at(answered->rule).enabled,
                               showRules(rules));
                    FUZZ_CHECK(answered->error.isEmpty(), answered->error);
                }
            }
        }
    }

    // Rules written from the message itself.
    QByteArrayView body = message;
    QByteArray ending;
    if (body.endsWith("\r\n"))
        ending = "\r\n";
    else if (body.endsWith('\n'))
        ending = "\n";
    body.chop(ending.size());
    Rule exact;
    exact.match = Rule::Match::Exact;
    exact.pattern = PayloadCodec::toEscaped(body.toByteArray());
    exact.reply = QStringLiteral("\\0");
    Rule hex;
    hex.match = Rule::Match::Hex;
    hex.pattern = QString::fromLatin1(message.toHex(' '));
    hex.reply = QStringLiteral("[\\0]");
    for (const Rule &rule : {exact, hex}) {
        if (rule.match == Rule::Match::Hex && message.isEmpty())
            continue; // a hex pattern has at least one byte
        RuleSet set;
        FUZZ_CHECK(set.compile({rule}, PayloadCodec::Encoding::Utf8, &error),
                   rule.pattern + u": " + error);
        const auto answer = set.answer(message, peer);
        FUZZ_CHECK(answer.has_value(), rule.pattern);
        const QByteArray expected = rule.match == Rule::Match::Hex
                                        ? QByteArray('[' + message + ']')
                                        : QByteArray(body.toByteArray() + ending);
        FUZZ_CHECK(answer->bytes == expected, rule.pattern + u" gave " + Fuzz::show(answer->bytes));
    }
    return 0;
}
