#include "languagewatcher.h"

#include <QCoreApplication>
#include <QEvent>

LanguageWatcher::LanguageWatcher(std::function<void()> onChange, QObject *parent)
    : QObject(parent)
    , m_onChange(std::move(onChange))
{
    // QCoreApplication sends itself LanguageChange on every translator
    // installed or removed.
    if (QCoreApplication *app = QCoreApplication::instance())
        app->installEventFilter(this);
}

bool LanguageWatcher::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && watched == QCoreApplication::instance())
        m_onChange();
    return QObject::eventFilter(watched, event);
}
