#pragma once

#include <QString>

// The language of the window: English, Simplified Chinese or the system's.
// Switching installs new translators; Qt then sends every widget
// QEvent::LanguageChange and each re-sets its own texts, so the window changes
// language in place, with its sessions and recorded traffic untouched.
namespace Language {

// The codes offered in the menu: "" (the system's language), "en", "zh_CN".
QString saved();
void save(const QString &code);

// Installs the translators for `code` ("" for the system's language) in place
// of those installed before, and makes its locale the default.
void apply(const QString &code);
// The code last applied (a --lang option wins over the saved choice, and the
// menu ticks what is in effect, not what was saved).
QString current();

} // namespace Language
