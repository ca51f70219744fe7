#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace {

const QString SettingKey = QStringLiteral("language");

QString &applied()
{
    static QString code;
    return code;
}

QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

void install(const QLocale &locale, const QString &name, const QString &directory)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    if (translator->load(locale, name, QStringLiteral("_"), directory) &&
        QCoreApplication::installTranslator(translator))
        installed().append(translator);
    else
        delete translator;
}

} // namespace

namespace Language {

QString saved()
{
    return QSettings().value(SettingKey).toString();
}

void save(const QString &code)
{
    QSettings().setValue(SettingKey, code);
}

QString current()
{
    return applied();
}

void apply(const QString &code)
{
    applied() = code;
    for (const QPointer<QTranslator> &translator : std::as_const(installed())) {
        if (translator) {
            QCoreApplication::removeTranslator(translator);
            delete translator;
        }
    }
    installed().clear();

    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    QLocale::setDefault(locale);
    // English is the source language: no catalogue needed.
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    install(locale, QStringLiteral("socketscope"), QStringLiteral(":/i18n"));
    // Qt's own strings (standard buttons, context menus) when the system has them.
    install(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
}

} // namespace Language
