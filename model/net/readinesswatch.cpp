#include "readinesswatch.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstdint>
#include <vector>

#include <sys/epoll.h>
#include <unistd.h>

// One per thread that has watches: the epoll descriptor, the one notifier
// that wakes the thread's event loop for it, and the table that maps epoll's
// answers back to watches. Created with the thread's first watch and deleted
// with its last, so a thread without sockets keeps nothing.
class ReadinessHub
{
public:
    static ReadinessHub *forThisThread();

    void attach(ReadinessWatch *watch);
    void release(ReadinessWatch *watch);
    // epoll_ctl for a watch; false with errno set when the kernel refuses.
    bool control(ReadinessWatch *watch, unsigned events);

private:
    ReadinessHub();
    ~ReadinessHub();
    void dispatch();
    bool isCurrent(unsigned slot, unsigned generation, ReadinessWatch *watch) const;

    // Events per wake-up: more wait for the next turn of the event loop (the
    // epoll descriptor stays readable), so timers and posted events get theirs.
    static constexpr int MaxEvents = 256;

    struct Slot
    {
        ReadinessWatch *watch = nullptr;
        // Bumped when the slot is freed: an answer epoll gave for an earlier
        // watch (removed while the batch was being handled) is ignored.
        unsigned generation = 0;
    };

    int m_epoll = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    std::vector<Slot> m_slots;
    std::vector<unsigned> m_free;
    int m_watches = 0;
    int m_depth = 0; // dispatch() calls under way (a callback may run a nested loop)

    static thread_local ReadinessHub *t_hub;
};

thread_local ReadinessHub *ReadinessHub::t_hub = nullptr;

ReadinessHub *ReadinessHub::forThisThread()
{
    if (!t_hub)
        t_hub = new ReadinessHub;
    return t_hub;
}

ReadinessHub::ReadinessHub()
    : m_epoll(::epoll_create1(EPOLL_CLOEXEC))
{
    // Without an epoll descriptor (out of descriptors) every watch falls back.
    if (m_epoll < 0)
        return;
    m_notifier = std::make_unique<QSocketNotifier>(m_epoll, QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(),
                     [this] { dispatch(); });
}

ReadinessHub::~ReadinessHub()
{
    m_notifier.reset();
    if (m_epoll >= 0)
        ::close(m_epoll);
    t_hub = nullptr;
}

void ReadinessHub::attach(ReadinessWatch *watch)
{
    unsigned slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
    } else {
        slot = unsigned(m_slots.size());
        m_slots.push_back({});
    }
    m_slots[slot].watch = watch;
    watch->m_hub = this;
    watch->m_slot = slot;
    ++m_watches;
}

void ReadinessHub::release(ReadinessWatch *watch)
{
    Slot &slot = m_slots[watch->m_slot];
    slot.watch = nullptr;
    ++slot.generation;
    m_free.push_back(watch->m_slot);
    watch->m_hub = nullptr;
    if (--m_watches == 0 && m_depth == 0)
        delete this;
}

bool ReadinessHub::control(ReadinessWatch *watch, unsigned events)
{
    if (m_epoll < 0) {
        errno = EBADF;
        return false;
    }
    // Nothing wanted means not registered at all: epoll reports errors and
    // hang-ups whatever the mask says, and nobody would read them.
    if (events == 0)
        return ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, watch->m_fd, nullptr) == 0;
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = (std::uint64_t(m_slots[watch->m_slot].generation) << 32) | watch->m_slot;
    const int op = watch->m_registered == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    return ::epoll_ctl(m_epoll, op, watch->m_fd, &ev) == 0;
}

bool ReadinessHub::isCurrent(unsigned slot, unsigned generation, ReadinessWatch *watch) const
{
    return slot < m_slots.size() && m_slots[slot].generation == generation &&
           m_slots[slot].watch == watch;
}

void ReadinessHub::dispatch()
{
    epoll_event events[MaxEvents];
    const int n = ::epoll_wait(m_epoll, events, MaxEvents, 0);
    ++m_depth;
    for (int i = 0; i < n; ++i) {
        const auto slot = unsigned(events[i].data.u64 & 0xffffffffu);
        const auto generation = unsigned(events[i].data.u64 >> 32);
        ReadinessWatch *watch = slot < m_slots.size() ? m_slots[slot].watch : nullptr;
        if (!watch || !isCurrent(slot, generation, watch))
            continue; // removed by an earlier callback of this batch
        const unsigned e = events[i].events;
        // Interest is checked now, not when epoll answered: an earlier
        // callback may have turned it off.
        if (watch->m_read && (e & (EPOLLIN | EPOLLHUP | EPOLLERR))) {
            watch->m_onReadable();
            if (!isCurrent(slot, generation, watch))
                continue;
        }
        if (watch->m_write && (e & (EPOLLOUT | EPOLLHUP | EPOLLERR)))
            watch->m_onWritable();
    }
    if (--m_depth == 0 && m_watches == 0)
        delete this;
}

ReadinessWatch::ReadinessWatch(int fd, std::function<void()> onReadable,
                               std::function<void()> onWritable)
    : m_fd(fd)
    , m_onReadable(std::move(onReadable))
    , m_onWritable(std::move(onWritable))
{
    ReadinessHub::forThisThread()->attach(this);
}

ReadinessWatch::~ReadinessWatch()
{
    detach();
}

void ReadinessWatch::detach()
{
    m_read = false;
    m_write = false;
    if (m_hub) {
        if (m_registered != 0)
            m_hub->control(this, 0);
        m_registered = 0;
        m_hub->release(this);
    }
    m_fallbackRead.reset();
    m_fallbackWrite.reset();
}

void ReadinessWatch::setReadEnabled(bool enabled)
{
    if (m_read == enabled)
        return;
    m_read = enabled;
    update();
}

void ReadinessWatch::setWriteEnabled(bool enabled)
{
    if (m_write == enabled)
        return;
    m_write = enabled;
    update();
}

void ReadinessWatch::update()
{
    if (m_fallbackRead) {
        m_fallbackRead->setEnabled(m_read);
        m_fallbackWrite->setEnabled(m_write);
        return;
    }
    if (!m_hub)
        return; // detached
    const unsigned wanted = (m_read ? unsigned(EPOLLIN) : 0u) | (m_write ? unsigned(EPOLLOUT) : 0u);
    if (wanted == m_registered)
        return;
    if (m_hub->control(this, wanted)) {
        m_registered = wanted;
        return;
    }
    if (wanted == 0) {
        // DEL failed: the descriptor was already closed, which removed it.
        m_registered = 0;
        return;
    }
    startFallback();
}

void ReadinessWatch::startFallback()
{
    // epoll refused the descriptor (EPERM for regular files and /dev/null,
    // ENOSPC past max_user_watches): poll() through the event dispatcher
    // takes anything, and such descriptors are few.
    if (m_registered != 0)
        m_hub->control(this, 0);
    m_registered = 0;
    m_hub->release(this);
    m_fallbackRead = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
    m_fallbackWrite = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Write);
    m_fallbackRead->setEnabled(m_read);
    m_fallbackWrite->setEnabled(m_write);
    QObject::connect(m_fallbackRead.get(), &QSocketNotifier::activated, m_fallbackRead.get(),
                     [this] { m_onReadable(); });
    QObject::connect(m_fallbackWrite.get(), &QSocketNotifier::activated, m_fallbackWrite.get(),
                     [this] { m_onWritable(); });
}
