#include "repeatsender.h"

#include "hostport.h"

#include <QCoreApplication>
#include <QTimer>

#include <chrono>
#include <climits>

namespace {

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

RepeatSender::RepeatSender(Endpoint *endpoint, const SendTarget &target,
                           const QList<SendMessage> &messages, qint64 intervalMs, quint64 count,
                           QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_target(target)
    , m_messages(messages)
    , m_schedule(0, qMax<qint64>(1, intervalMs) * 1'000'000, count)
    , m_clock(steadyNs)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    // A coarse timer may fire 5% early or late; the schedule needs milliseconds.
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &RepeatSender::onTimer);
    if (endpoint) {
        connect(endpoint, &Endpoint::stateChanged, this, [this](SessionState state) {
            if (m_running && !isSessionOpen(state))
                stop(QCoreApplication::translate("RepeatSender", "The session stopped."));
        });
    }
}

RepeatProgress RepeatSender::progress() const
{
    return {m_schedule.sent(), m_schedule.total(), m_schedule.late(), m_running, m_error};
}

void RepeatSender::start()
{
    m_schedule = RepeatSchedule(m_clock(), m_schedule.intervalNs(), m_schedule.total());
    m_running = true;
    m_sinceProgress.start();
    onTimer(); // the first round goes at once
}

void RepeatSender::stop(const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_error = error;
    m_timer->stop();
    reportProgress(true);
}

void RepeatSender::onTimer()
{
    if (!m_running)
        return;
    if (!m_endpoint || !m_endpoint->isTargetOpen(m_target)) {
        stop(QCoreApplication::translate("RepeatSender",
                                         "The connection closed: the repeat stopped."));
        return;
    }
    if (m_schedule.take(m_clock())) {
        SendMessage::Context context;
        context.counter = m_schedule.sent();
        if (m_target.kind == SendTarget::Kind::Address)
            context.peer = HostPort::format(m_target.host, m_target.port);
        for (const SendMessage &message : std::as_const(m_messages)) {
            QByteArray bytes;
            QString error;
            if (!message.render(context, &bytes, &error)) {
                stop(error);
                return;
            }
            m_endpoint->send(m_target, bytes);
            if (!m_endpoint || !m_running)
                return;
        }
        if (m_schedule.isFinished()) {
            m_running = false;
            reportProgress(true);
            return;
        }
        reportProgress(false);
    }
    arm();
}

void RepeatSender::arm()
{
    // QTimer counts whole milliseconds: wake at the last whole millisecond
    // before the slot, then (woken early) once more with a zero timeout, which
    // lets the event loop run other work meanwhile.
    const qint64 remainingNs = m_schedule.nextDueNs() - m_clock();
    m_timer->start(int(qBound(qint64(0), remainingNs / 1000000, qint64(INT_MAX))));
}

void RepeatSender::reportProgress(bool force)
{
    if (!force && m_sinceProgress.elapsed() < ProgressIntervalMs)
        return;
    m_sinceProgress.restart();
    Q_EMIT progressChanged(progress());
}
