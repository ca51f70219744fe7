#include "appendnotifier.h"

#include <QMetaObject>
#include <QTimer>

AppendNotifier::AppendNotifier(QObject *parent)
    : QObject(parent)
    , m_interval(new QTimer(this))
{
    m_interval->setSingleShot(true);
    m_interval->setTimerType(Qt::PreciseTimer);
    m_interval->setInterval(IntervalMs);
    connect(m_interval, &QTimer::timeout, this, &AppendNotifier::intervalEnded);
}

void AppendNotifier::notify()
{
    m_appended.store(true);
    if (m_pending.exchange(true))
        return;
    // By name, not a functor: a functor would cross threads inside Qt, where
    // ThreadSanitizer cannot see it (see CallQueue).
    QMetaObject::invokeMethod(this, "deliver", Qt::QueuedConnection);
}

void AppendNotifier::deliver()
{
    // Taken before the readers read: whatever is appended from here on is
    // announced again when the interval ends.
    m_appended.store(false);
    m_interval->start();
    Q_EMIT appended();
}

void AppendNotifier::intervalEnded()
{
    if (m_appended.load()) {
        deliver();
        return;
    }
    m_pending.store(false);
    // An append between the check above and clearing the flag found the flag
    // still set and queued nothing: announce it here, unless an append since
    // then has queued its own announcement.
    if (m_appended.load() && !m_pending.exchange(true))
        deliver();
}
