#include "ruleset.h"

#include <QCoreApplication>

namespace {

QString trRules(const char *text)
{
    return QCoreApplication::translate("RuleSet", text);
}

QByteArrayView splitLineEnding(QByteArrayView message, QByteArrayView *ending)
{
    qsizetype cut = 0;
    if (message.endsWith("\r\n"))
        cut = 2;
    else if (message.endsWith('\n'))
        cut = 1;
    *ending = message.last(cut);
    return message.first(message.size() - cut);
}

// "48 65 ?? 6c" or "4865??6c": pairs of hex digits or "??", spaces between
// pairs optional. Returns false with the 0-based position of the bad character.
bool parseHexPattern(const QString &text, QList<int> *out, qsizetype *position)
{
    out->clear();
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        const QChar c = text.at(i);
        if (c.isSpace() || c == u',' || c == u':' || c == u'-') {
            ++i;
            continue;
        }
        if (i + 1 >= n) {
            *position = i;
            return false;
        }
        const QChar d = text.at(i + 1);
        if (c == u'?' && d == u'?') {
            out->append(-1);
        } else {
            bool ok = false;
            const int value = QStringView(text).sliced(i, 2).toInt(&ok, 16);
            if (!ok || !isxdigit(c.toLatin1()) || !isxdigit(d.toLatin1())) {
                *position = isxdigit(c.toLatin1()) || c == u'?' ? i + 1 : i;
                return false;
            }
            out->append(value);
        }
        i += 2;
    }
    if (out->isEmpty()) {
        *position = 0;
        return false;
    }
    return true;
}

} // namespace

QString Rule::matchKeyword(Match match)
{
    switch (match) {
    case Match::Exact:
        return QStringLiteral("exact");
    case Match::Contains:
        return QStringLiteral("contains");
    case Match::StartsWith:
        return QStringLiteral("starts-with");
    case Match::Regex:
        return QStringLiteral("regex");
    case Match::Hex:
        return QStringLiteral("hex");
    }
    return {};
}

bool Rule::matchFromKeyword(QStringView keyword, Match *match)
{
    for (Match m : {Match::Exact, Match::Contains, Match::StartsWith, Match::Regex, Match::Hex}) {
        if (keyword == matchKeyword(m)) {
            *match = m;
            return true;
        }
    }
    return false;
}

bool RuleSet::compile(const QList<Rule> &rules, PayloadCodec::Encoding encoding, QString *error)
{
    m_encoding = encoding;
    m_rules.clear();
    QList<Compiled> compiled;
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const Rule &rule = rules.at(i);
        auto fail = [&](const QString &what) {
            if (error)
                *error = trRules("Rule %1 (%2 \"%3\"): %4")
                             .arg(i + 1)
                             .arg(Rule::matchKeyword(rule.match), rule.pattern, what);
            return false;
        };
        Compiled c;
        c.match = rule.match;
        c.enabled = rule.enabled;
        c.delayMs = rule.delayMs;
        if (rule.delayMs < 0 || rule.delayMs > Rule::MaxDelayMs)
            return fail(trRules("the delay must be from 0 to %1 ms.").arg(Rule::MaxDelayMs));
        switch (rule.match) {
        case Rule::Match::Exact:
        case Rule::Match::Contains:
        case Rule::Match::StartsWith: {
            const PayloadCodec::ParseResult r = PayloadCodec::parseEscaped(rule.pattern, encoding);
            if (!r.ok())
                return fail(r.error);
            c.bytes = r.bytes;
            break;
        }
        case Rule::Match::Regex:
            c.regex.setPattern(rule.pattern);
            if (!c.regex.isValid())
                return fail(trRules("%1 at position %2.")
                                .arg(c.regex.errorString())
                                .arg(c.regex.patternErrorOffset()));
            c.regex.optimize();
            break;
        case Rule::Match::Hex: {
            qsizetype position = 0;
            if (!parseHexPattern(rule.pattern, &c.hexBytes, &position))
                return fail(trRules("a hex pattern is pairs of hex digits or ?? (bad character "
                                    "at position %1).")
                                .arg(position));
            break;
        }
        }
        QString templateError;
        qsizetype position = -1;
        if (!c.reply.parse(rule.reply, encoding, MessageTemplate::Syntax::Reply, &templateError,
                           &position))
            return fail(trRules("reply: %1").arg(templateError));
        compiled.append(std::move(c));
    }
    m_rules = std::move(compiled);
    if (error)
        error->clear();
    return true;
}

QString RuleSet::helloReply(const QByteArray &replyTemplate)
{
    // Every byte written so the template parser gives it back as is: printable
    // ASCII as itself, the template's own markers escaped, the rest as \xNN.
    QString text;
    const qsizetype slot = replyTemplate.indexOf("%s");
    for (qsizetype i = 0; i < replyTemplate.size(); ++i) {
        if (i == slot) {
            text += u"\\0";
            ++i;
            continue;
        }
        const uchar b = uchar(replyTemplate.at(i));
        if (b == '\\')
            text += u"\\\\";
        else if (b == '{')
            text += u"\\{";
        else if (b == '$')
            text += u"$$";
        else if (b >= 0x20 && b < 0x7f)
            text += QLatin1Char(char(b));
        else
            text += QStringLiteral("\\x%1").arg(b, 2, 16, QLatin1Char('0'));
    }
    return text;
}

void RuleSet::appendHello(const QByteArray &replyTemplate)
{
    Compiled c;
    c.match = Rule::Match::Contains; // an empty pattern: every message
    c.reply.parse(helloReply(replyTemplate), PayloadCodec::Encoding::Latin1,
                  MessageTemplate::Syntax::Reply);
    m_rules.append(std::move(c));
}

bool RuleSet::ruleFromSpec(const QString &spec, Rule *rule, QString *error)
{
    const qsizetype split = spec.indexOf(u"=>");
    if (split < 0) {
        *error = trRules("--rule needs REGEX=>REPLY, e.g. --rule '^PING (\\d+)$=>PONG \\1', not "
                         "\"%1\".")
                     .arg(spec);
        return false;
    }
    rule->match = Rule::Match::Regex;
    rule->pattern = spec.first(split);
    rule->reply = spec.sliced(split + 2);
    rule->delayMs = 0;
    rule->enabled = true;
    return true;
}

bool RuleSet::matches(const Compiled &rule, QByteArrayView message,
                      MessageTemplate::Context *context) const
{
    context->captures.clear();
    context->named.clear();
    switch (rule.match) {
    case Rule::Match::Exact:
        if (message != rule.bytes)
            return false;
        break;
    case Rule::Match::Contains:
        if (!message.contains(rule.bytes))
            return false;
        break;
    case Rule::Match::StartsWith:
        if (!message.startsWith(rule.bytes))
            return false;
        break;
    case Rule::Match::Hex: {
        if (message.size() != rule.hexBytes.size())
            return false;
        QByteArray group;
        QList<QByteArray> groups;
        for (qsizetype i = 0; i < message.size(); ++i) {
            const int want = rule.hexBytes.at(i);
            if (want >= 0) {
                if (uchar(message.at(i)) != want)
                    return false;
                if (!group.isEmpty())
                    groups.append(std::exchange(group, {}));
            } else {
                group.append(message.at(i));
            }
        }
        if (!group.isEmpty())
            groups.append(group);
        context->captures.append(message.toByteArray());
        context->captures.append(groups);
        return true;
    }
    case Rule::Match::Regex: {
        const QString text = PayloadCodec::decode(message, m_encoding);
        const QRegularExpressionMatch m = rule.regex.match(text);
        if (!m.hasMatch())
            return false;
        for (int g = 0; g <= rule.regex.captureCount(); ++g)
            context->captures.append(PayloadCodec::encode(m.capturedView(g), m_encoding));
        const QStringList names = rule.regex.namedCaptureGroups();
        for (int g = 1; g < names.size(); ++g) {
            if (!names.at(g).isEmpty())
                context->named.insert(names.at(g), context->captures.value(g));
        }
        return true;
    }
    }
    // The whole message as capture 0, without a copy: the context lives only
    // while `message` does (answer() and tryAnswer() render at once).
    context->captures.append(QByteArray::fromRawData(message.data(), message.size()));
    return true;
}

int RuleSet::findRule(QByteArrayView message, MessageTemplate::Context *context,
                      QByteArrayView *ending) const
{
    QByteArrayView lineEnding;
    const QByteArrayView text = splitLineEnding(message, &lineEnding);
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        const Compiled &rule = m_rules.at(i);
        if (!rule.enabled)
            continue;
        const bool hex = rule.match == Rule::Match::Hex;
        if (matches(rule, hex ? message : text, context)) {
            *ending = hex ? QByteArrayView() : lineEnding;
            return int(i);
        }
    }
    return -1;
}

RuleSet::Answer RuleSet::render(int index, const MessageTemplate::Context &context,
                                QByteArrayView ending) const
{
    const Compiled &rule = m_rules.at(index);
    Answer answer;
    answer.rule = index;
    answer.delayMs = rule.delayMs;
    if (rule.reply.render(context, &answer.bytes, &answer.error))
        answer.bytes.append(ending);
    else
        answer.bytes.clear();
    return answer;
}

std::optional<RuleSet::Answer> RuleSet::answer(QByteArrayView message, const QString &peer)
{
    MessageTemplate::Context &context = m_context;
    context.timeUs = 0;
    context.peer = peer;
    QByteArrayView ending;
    const int index = findRule(message, &context, &ending);
    if (index < 0)
        return std::nullopt;
    context.counter = ++m_rules[index].counter;
    std::optional<Answer> answer = render(index, context, ending);
    // The captures may point into `message` (see matches()): none outlives it.
    context.captures.clear();
    return answer;
}

std::optional<RuleSet::Answer> RuleSet::tryAnswer(QByteArrayView message, const QString &peer) const
{
    MessageTemplate::Context context;
    context.peer = peer;
    QByteArrayView ending;
    const int index = findRule(message, &context, &ending);
    if (index < 0)
        return std::nullopt;
    context.counter = m_rules.at(index).counter + 1;
    return render(index, context, ending);
}
