#pragma once

#include "messagetemplate.h"
#include "payloadcodec.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

// One auto-reply rule as a person writes it (in the rules table, a JSON file or
// --rule): a value type, saved with the session.
struct Rule
{
    enum class Match { Exact, Contains, StartsWith, Regex, Hex };

    Match match = Match::Regex;
    QString pattern; // text with escapes; a regular expression; or hex with ?? wildcards
    QString reply;   // a MessageTemplate in the Reply syntax
    int delayMs = 0;
    bool enabled = true;

    bool operator==(const Rule &other) const
    {
        return match == other.match && pattern == other.pattern && reply == other.reply &&
               delayMs == other.delayMs && enabled == other.enabled;
    }
    bool operator!=(const Rule &other) const { return !(*this == other); }

    // Stable keywords for files and the command line: exact, contains,
    // starts-with, regex, hex.
    static QString matchKeyword(Match match);
    static bool matchFromKeyword(QStringView keyword, Match *match);
    static constexpr int MaxDelayMs = 3600 * 1000;
};

// An ordered list of compiled rules: the first enabled rule that matches a
// message answers it. What a message is (one read, one line, one datagram) is
// the caller's business; here one trailing "\n" or "\r\n" is left out of the
// match and put back after the reply, as the hello protocol always did. A hex
// rule sees the bytes as they are and gets no line ending back: binary
// protocols have no lines.
//
// Captures: a regular expression gives \0 (its whole match), \1..\9 and
// ${name}; a hex pattern gives \0 (the whole message) and one group per run of
// ?? wildcards; the other kinds give \0, the whole message. A regular
// expression runs on the message decoded in the session's encoding; its
// captures are encoded back (bytes that do not decode come back as U+FFFD).
// {{counter}} counts the replies of each rule, from 1, for the whole session.
// Used on the engine thread only (the counters are plain integers).
class RuleSet
{
public:
    struct Answer
    {
        int rule = -1; // index into the rule list
        QByteArray bytes;
        int delayMs = 0;
        QString error; // a {{file:}} that could not be read: nothing is sent
    };

    // Compiles every rule. On error returns false and *error names the rule by
    // its number (from 1) and text, and the position of the problem.
    bool compile(const QList<Rule> &rules, PayloadCodec::Encoding encoding,
                 QString *error = nullptr);
    // Appends the hello protocol's reply: every message is answered by the
    // reply template, its first "%s" replaced by the message bytes.
    void appendHello(const QByteArray &replyTemplate);

    bool isEmpty() const { return m_rules.isEmpty(); }
    qsizetype size() const { return m_rules.size(); }

    // The answer of the first matching rule, or nothing. Counts the reply.
    std::optional<Answer> answer(QByteArrayView message, const QString &peer);
    // The same without counting (the window's "try a message" box).
    std::optional<Answer> tryAnswer(QByteArrayView message, const QString &peer) const;

    // The hello reply template as a rule's reply text ("Hello, \0!").
    static QString helloReply(const QByteArray &replyTemplate);
    // One rule from "REGEX=>REPLY" (the first "=>" splits).
    static bool ruleFromSpec(const QString &spec, Rule *rule, QString *error);

private:
    struct Compiled
    {
        Rule::Match match = Rule::Match::Regex;
        bool enabled = true;
        QByteArray bytes;         // exact, contains, starts-with
        QRegularExpression regex; // regex
        QList<int> hexBytes;      // hex: 0..255, or -1 for ??
        MessageTemplate reply;
        int delayMs = 0;
        quint64 counter = 0;
    };

    bool matches(const Compiled &rule, QByteArrayView message,
                 MessageTemplate::Context *context) const;
    // The index of the first matching rule (-1: none), its captures and the
    // line ending to put back.
    int findRule(QByteArrayView message, MessageTemplate::Context *context,
                 QByteArrayView *ending) const;
    Answer render(int index, const MessageTemplate::Context &context, QByteArrayView ending) const;

    PayloadCodec::Encoding m_encoding = PayloadCodec::Encoding::Utf8;
    QList<Compiled> m_rules;
    // answer()'s match context, kept so that its lists keep their memory from
    // message to message (answer() is not const: one thread at a time).
    MessageTemplate::Context m_context;
};
