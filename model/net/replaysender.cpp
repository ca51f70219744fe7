#include "replaysender.h"

#include <QCoreApplication>
#include <QTimer>

ReplaySender::ReplaySender(Endpoint *endpoint, const SendTarget &target,
                           const QList<Message> &messages, bool keepSpacing, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_target(target)
    , m_messages(messages)
    , m_keepSpacing(keepSpacing)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ReplaySender::onTimer);
}

void ReplaySender::start()
{
    m_running = true;
    m_clock.start();
    onTimer();
}

void ReplaySender::stop(const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_error = error;
    m_timer->stop();
    Q_EMIT progressChanged(progress());
}

RepeatProgress ReplaySender::progress() const
{
    RepeatProgress p;
    p.sent = quint64(m_next);
    p.total = quint64(m_messages.size());
    p.running = m_running;
    p.error = m_error;
    return p;
}

void ReplaySender::onTimer()
{
    while (m_running && m_next < m_messages.size()) {
        if (!m_endpoint || !m_endpoint->isTargetOpen(m_target)) {
            stop(QCoreApplication::translate(
                "ReplaySender", "The peer is gone or the session stopped: the replay stopped."));
            return;
        }
        const Message &message = m_messages.at(m_next);
        if (m_keepSpacing) {
            const qint64 dueUs = message.offsetUs - m_clock.nsecsElapsed() / 1000;
            if (dueUs > 0) {
                // Whole milliseconds, rounded up: never early.
                m_timer->start(int(qMin<qint64>((dueUs + 999) / 1000, INT_MAX)));
                return;
            }
        }
        m_endpoint->send(m_target, message.bytes);
        ++m_next;
        if (m_keepSpacing)
            Q_EMIT progressChanged(progress());
    }
    if (m_running) {
        m_running = false;
        Q_EMIT progressChanged(progress());
    }
}
