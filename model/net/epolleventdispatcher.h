#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <vector>

class QSocketNotifier;

// An event dispatcher for the engine thread built on Linux epoll.
//
// Qt's GLib dispatcher keeps socket notifiers in lists and walks them on every
// change: with 10,000 connections a profile showed most of the engine's time in
// QEventDispatcherGlib::unregisterSocketNotifier (greetings waited 2.1 s at
// p99). Qt's Unix dispatcher hashes them but rebuilds its poll set on every
// turn, which cost a fifth of the round trips at 100 clients. Here the kernel
// keeps the set: registering is one epoll_ctl, a turn costs only what is ready.
// Timers are few (connect and idle timeouts), so a plain list serves them.
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
    };
    struct Timer
    {
        int id;
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        qint64 deadlineNs;
    };

    void updateWatch(int fd, const Watch &watch, bool existed);
    int waitTimeoutMs() const;
    bool activateTimers();

    int m_epoll = -1;
    int m_wake = -1;
    QHash<int, Watch> m_watches;
    std::vector<Timer> m_timers;
    std::atomic_bool m_interrupted{false};
};
