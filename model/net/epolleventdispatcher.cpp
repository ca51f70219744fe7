#include "epolleventdispatcher.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace {

constexpr int MaxEventsPerTurn = 256;

qint64 nowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_wake(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = m_wake;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &ev);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wake);
    ::close(m_epoll);
}

void EpollEventDispatcher::updateWatch(int fd, const Watch &watch, bool existed)
{
    epoll_event ev{};
    ev.data.fd = fd;
    if (watch.read)
        ev.events |= EPOLLIN;
    if (watch.write)
        ev.events |= EPOLLOUT;
    if (watch.exception)
        ev.events |= EPOLLPRI;
    if (ev.events == 0) {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        m_watches.remove(fd);
        return;
    }
    if (::epoll_ctl(m_epoll, existed ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) != 0 && existed)
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev); // the fd was closed and reused
    m_watches.insert(fd, watch);
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_watches.constFind(fd);
    const bool existed = it != m_watches.constEnd();
    Watch watch = existed ? *it : Watch();
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        watch.read = notifier;
        break;
    case QSocketNotifier::Write:
        watch.write = notifier;
        break;
    case QSocketNotifier::Exception:
        watch.exception = notifier;
        break;
    }
    updateWatch(fd, watch, existed);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_watches.constFind(fd);
    if (it == m_watches.constEnd())
        return;
    Watch watch = *it;
    if (watch.read == notifier)
        watch.read = nullptr;
    if (watch.write == notifier)
        watch.write = nullptr;
    if (watch.exception == notifier)
        watch.exception = nullptr;
    updateWatch(fd, watch, true);
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                         QObject *object)
{
    m_timers.push_back({timerId, interval, timerType, object, nowNs() + interval * 1000000});
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    for (auto it = m_timers.begin(); it != m_timers.end(); ++it) {
        if (it->id == timerId) {
            m_timers.erase(it);
            return true;
        }
    }
    return false;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    const auto before = m_timers.size();
    m_timers.erase(std::remove_if(m_timers.begin(), m_timers.end(),
                                  [object](const Timer &t) { return t.object == object; }),
                   m_timers.end());
    return m_timers.size() != before;
}

QList<QAbstractEventDispatcher::TimerInfo>
EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (const Timer &t : m_timers) {
        if (t.object == object)
            list.append(TimerInfo(t.id, int(t.intervalMs), t.type));
    }
    return list;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    for (const Timer &t : m_timers) {
        if (t.id == timerId)
            return int(qMax<qint64>(0, (t.deadlineNs - nowNs()) / 1000000));
    }
    return -1;
}

void EpollEventDispatcher::wakeUp()
{
    const eventfd_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wake, &one, sizeof one);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted = true;
    wakeUp();
}

int EpollEventDispatcher::waitTimeoutMs() const
{
    if (m_timers.empty())
        return -1;
    qint64 next = LLONG_MAX;
    for (const Timer &t : m_timers)
        next = qMin(next, t.deadlineNs);
    const qint64 waitNs = next - nowNs();
    if (waitNs <= 0)
        return 0;
    // Round up: waking a little early would only spin once more.
    return int(qMin<qint64>((waitNs + 999999) / 1000000, INT_MAX));
}

bool EpollEventDispatcher::activateTimers()
{
    if (m_timers.empty())
        return false;
    const qint64 now = nowNs();
    std::vector<int> due;
    for (const Timer &t : m_timers) {
        if (t.deadlineNs <= now)
            due.push_back(t.id);
    }
    for (int id : due) {
        // Each timer event may stop or start timers: look the timer up again.
        auto it = std::find_if(m_timers.begin(), m_timers.end(),
                               [id](const Timer &t) { return t.id == id; });
        if (it == m_timers.end())
            continue;
        const qint64 intervalNs = it->intervalMs * 1000000;
        it->deadlineNs = it->type == Qt::PreciseTimer && it->deadlineNs + intervalNs > now
                             ? it->deadlineNs + intervalNs
                             : now + intervalNs;
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
    }
    return !due.empty();
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted = false;
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    const bool mayWait = flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupted;
    const int timeout = mayWait ? waitTimeoutMs() : 0;
    if (timeout != 0)
        Q_EMIT aboutToBlock();

    epoll_event events[MaxEventsPerTurn];
    int n = ::epoll_wait(m_epoll, events, MaxEventsPerTurn, timeout);
    if (n < 0)
        n = 0; // EINTR: a signal; the loop comes back
    if (timeout != 0)
        Q_EMIT awake();

    // Collect first: activating one notifier may disable or delete others.
    struct Activation
    {
        QPointer<QSocketNotifier> notifier;
    };
    std::vector<Activation> activations;
    activations.reserve(size_t(n) * 2);
    bool handled = false;
    for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wake) {
            eventfd_t value;
            [[maybe_unused]] const ssize_t r = ::read(m_wake, &value, sizeof value);
            handled = true;
            continue;
        }
        const auto it = m_watches.constFind(fd);
        if (it == m_watches.constEnd())
            continue;
        const uint32_t e = events[i].events;
        // Errors and hang-ups wake readers and writers alike, as poll() does.
        if (it->read && (e & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP)))
            activations.push_back({it->read});
        if (it->write && (e & (EPOLLOUT | EPOLLHUP | EPOLLERR)))
            activations.push_back({it->write});
        if (it->exception && (e & EPOLLPRI))
            activations.push_back({it->exception});
    }
    for (const Activation &a : activations) {
        QSocketNotifier *notifier = a.notifier.data();
        if (!notifier || !notifier->isEnabled())
            continue;
        // Still the registered notifier of that descriptor?
        const auto it = m_watches.constFind(int(notifier->socket()));
        if (it == m_watches.constEnd() ||
            (it->read != notifier && it->write != notifier && it->exception != notifier))
            continue;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        handled = true;
    }
    if (activateTimers())
        handled = true;
    return handled;
}
