#include "rulesfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// The rules file: a JSON array of rules, tried in order; the first enabled rule
// that matches a message answers it. Either the array itself or an object with
// the array under "rules":
//
//   [
//     {"match": "regex", "pattern": "^PING (\\d+)$", "reply": "PONG \\1"},
//     {"match": "exact", "pattern": "status", "reply": "OK {{counter}}\\r\\n",
//      "delay_ms": 250},
//     {"match": "hex", "pattern": "02 ?? ?? 03", "reply": "\\x06\\1", "enabled": false}
//   ]
//
//   match     exact | contains | starts-with | regex | hex   (default regex)
//   pattern   exact, contains, starts-with: text with the send panel's escapes
//             (\r \n \t \xNN \\), compared with the message's bytes;
//             regex: a Perl-compatible regular expression (QRegularExpression)
//             on the message decoded in the session's encoding;
//             hex: hex byte pairs, ?? for any one byte; matches the whole message
//   reply     a reply template: \0..\9 and ${name} for captures, {{counter}},
//             {{time}}, {{peer}}, {{random:N}}, {{file:PATH}}, escapes
//   delay_ms  wait this long before answering (0 to 3600000, default 0)
//   enabled   true | false (default true)
//
// Unknown keys are errors, so a misspelt "delay" is not silently ignored.

namespace {

QString trFile(const char *text)
{
    return QCoreApplication::translate("RulesFile", text);
}

} // namespace

bool RulesFile::fromJson(const QByteArray &json, QList<Rule> *rules, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = trFile("Not valid JSON at character %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return false;
    }
    QJsonArray array;
    if (doc.isArray())
        array = doc.array();
    else if (doc.isObject() && doc.object().value(u"rules").isArray())
        array = doc.object().value(u"rules").toArray();
    else {
        *error = trFile("The rules must be a JSON array, or an object with a \"rules\" array.");
        return false;
    }
    QList<Rule> out;
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto fail = [&](const QString &what) {
            *error = trFile("Rule %1: %2").arg(i + 1).arg(what);
            return false;
        };
        if (!array.at(i).isObject())
            return fail(trFile("each rule is a JSON object."));
        const QJsonObject o = array.at(i).toObject();
        Rule rule;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString key = it.key();
            const QJsonValue v = it.value();
            if (key == u"match") {
                if (!Rule::matchFromKeyword(v.toString(), &rule.match))
                    return fail(trFile("unknown match \"%1\": use exact, contains, starts-with, "
                                       "regex or hex.")
                                    .arg(v.toString()));
            } else if (key == u"pattern" && v.isString()) {
                rule.pattern = v.toString();
            } else if (key == u"reply" && v.isString()) {
                rule.reply = v.toString();
            } else if (key == u"delay_ms" && v.isDouble()) {
                const double ms = v.toDouble();
                if (ms < 0 || ms > Rule::MaxDelayMs || ms != int(ms))
                    return fail(trFile("delay_ms must be a whole number from 0 to %1.")
                                    .arg(Rule::MaxDelayMs));
                rule.delayMs = int(ms);
            } else if (key == u"enabled" && v.isBool()) {
                rule.enabled = v.toBool();
            } else if (key == u"pattern" || key == u"reply" || key == u"delay_ms" ||
                       key == u"enabled") {
                return fail(trFile("\"%1\" has the wrong type.").arg(key));
            } else {
                return fail(trFile("unknown key \"%1\": use match, pattern, reply, delay_ms or "
                                   "enabled.")
                                .arg(key));
            }
        }
        out.append(rule);
    }
    *rules = out;
    return true;
}

QByteArray RulesFile::toJson(const QList<Rule> &rules, bool compact)
{
    QJsonArray array;
    for (const Rule &rule : rules) {
        QJsonObject o;
        o.insert(QStringLiteral("match"), Rule::matchKeyword(rule.match));
        o.insert(QStringLiteral("pattern"), rule.pattern);
        o.insert(QStringLiteral("reply"), rule.reply);
        if (rule.delayMs != 0)
            o.insert(QStringLiteral("delay_ms"), rule.delayMs);
        if (!rule.enabled)
            o.insert(QStringLiteral("enabled"), false);
        array.append(o);
    }
    return QJsonDocument(array).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented);
}

bool RulesFile::load(const QString &path, QList<Rule> *rules, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = trFile("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!fromJson(file.read(16 * 1024 * 1024), rules, error)) {
        *error = trFile("%1: %2").arg(path, *error);
        return false;
    }
    return true;
}
