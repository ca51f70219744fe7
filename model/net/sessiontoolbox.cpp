#include "sessiontoolbox.h"

#include "ruleset.h"
#include "rulesfile.h"
#include "script.h"
#include "sessionconfig.h"
#include "sessionkind.h"

#include <QCoreApplication>

namespace {

QString trToolbox(const char *text)
{
    return QCoreApplication::translate("SessionConfig", text);
}

// A list of rules --rule can say exactly: regular expressions, on, no delay,
// and no "=>" inside the pattern.
bool fitsRuleOption(const QList<Rule> &rules)
{
    return std::all_of(rules.begin(), rules.end(), [](const Rule &r) {
        return r.match == Rule::Match::Regex && r.enabled && r.delayMs == 0 &&
               !r.pattern.contains(u"=>");
    });
}

} // namespace

bool SessionToolbox::isOption(const QString &option)
{
    return option == u"--encoding" || option == u"--rule" || option == u"--rules" ||
           option == u"--rules-json" || option == u"--script" || option == u"--script-text";
}

bool SessionToolbox::parseOption(const QString &option, const std::function<bool(QString *)> &value,
                                 SessionConfig *config, QString *error)
{
    QString v;
    if (!value(&v))
        return false;
    if (option == u"--encoding") {
        if (!PayloadCodec::encodingFromName(v, &config->encoding)) {
            *error = trToolbox("Unknown encoding \"%1\": use UTF-8, GBK or Latin-1.").arg(v);
            return false;
        }
    } else if (option == u"--rule") {
        Rule rule;
        if (!RuleSet::ruleFromSpec(v, &rule, error))
            return false;
        config->rules.append(rule);
    } else if (option == u"--rules" || option == u"--rules-json") {
        QList<Rule> rules;
        const bool ok = option == u"--rules" ? RulesFile::load(v, &rules, error)
                                             : RulesFile::fromJson(v.toUtf8(), &rules, error);
        if (!ok) {
            *error = trToolbox("%1: %2").arg(option, *error);
            return false;
        }
        config->rules.append(rules);
    } else if (option == u"--script") {
        if (!Script::load(v, &config->script, error))
            return false;
        Script script;
        QString why;
        if (!script.parse(config->script, config->encoding, &why)) {
            *error = trToolbox("Script %1: %2").arg(v, why);
            return false;
        }
    } else {
        config->script = v;
    }
    return true;
}

void SessionToolbox::appendArguments(const SessionConfig &config, QStringList *a)
{
    if (config.encoding != PayloadCodec::Encoding::Utf8)
        *a << QStringLiteral("--encoding") << PayloadCodec::encodingName(config.encoding);
    if (fitsRuleOption(config.rules)) {
        for (const Rule &rule : config.rules)
            *a << QStringLiteral("--rule") << rule.pattern + u"=>" + rule.reply;
    } else {
        *a << QStringLiteral("--rules-json") << QString::fromUtf8(RulesFile::toJson(config.rules));
    }
    if (!config.script.isEmpty())
        *a << QStringLiteral("--script-text") << config.script;
}

void SessionToolbox::keep(const SessionConfig &saved, SessionConfig *edited)
{
    edited->encoding = saved.encoding;
    edited->rules = saved.rules;
    edited->script = saved.script;
}

QString SessionToolbox::validate(const SessionConfig &config)
{
    QString error;
    RuleSet rules;
    if (!rules.compile(config.rules, config.encoding, &error))
        return error;
    if (config.script.trimmed().isEmpty())
        return {};
    Script script;
    if (!script.parse(config.script, config.encoding, &error))
        return trToolbox("Script: %1").arg(error);
    if (SessionKind::isDatagram(config.kind) && !config.hasPeer())
        return trToolbox("A UDP script talks to the peer: give one, as in --peer "
                         "127.0.0.1:9999.");
    return {};
}
