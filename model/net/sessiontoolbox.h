#pragma once

#include <QString>
#include <QStringList>

#include <functional>

struct SessionConfig;

// The session options of the sender's toolbox, kept out of sessionconfig.cpp:
//   --encoding NAME          UTF-8 (default), GBK or Latin-1: how rules and
//                            scripts turn text into bytes and bytes into text
//   --rule 'REGEX=>REPLY'    an auto-reply rule (repeatable, tried in order)
//   --rules FILE.json        rules from a file (see rulesfile.cpp)
//   --rules-json JSON        the same, inline (the saved form of a session)
//   --script FILE            a scripted exchange (see script.cpp)
//   --script-text TEXT       the same, inline (the saved form of a session)
namespace SessionToolbox {

bool isOption(const QString &option);
// `value` fetches the option's value (false: missing, *error set).
bool parseOption(const QString &option, const std::function<bool(QString *)> &value,
                 SessionConfig *config, QString *error);
void appendArguments(const SessionConfig &config, QStringList *arguments);
// A translated sentence naming the first problem (rule number and position,
// script line), empty when the rules and the script are fine.
QString validate(const SessionConfig &config);
// Copies the toolbox's settings (encoding, rules, script) from `saved` into
// `edited`: for editors that show only the other settings.
void keep(const SessionConfig &saved, SessionConfig *edited);

} // namespace SessionToolbox
