#pragma once

#include "ruleset.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Reads and writes the rules of a session as JSON (--rules FILE.json, and the
// session's saved form). The format is described at the top of rulesfile.cpp.
namespace RulesFile {

// On error returns false; *error is a translated sentence naming the rule (by
// its number, from 1) or the character offset of a JSON syntax error.
bool fromJson(const QByteArray &json, QList<Rule> *rules, QString *error);
QByteArray toJson(const QList<Rule> &rules, bool compact = true);
bool load(const QString &path, QList<Rule> *rules, QString *error);

} // namespace RulesFile
