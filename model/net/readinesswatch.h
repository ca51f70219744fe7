#pragma once

#include <functional>
#include <memory>

class QSocketNotifier;
class ReadinessHub;

// Readiness of one descriptor, for the sockets of the engine thread.
//
// Each QSocketNotifier is one entry in the event dispatcher's lists: GLib's
// dispatcher walks them whenever one is enabled or disabled and polls all of
// them every turn, so with 10,000 connections the engine thread spent its time
// there instead of on the sockets. A ReadinessWatch instead registers its
// descriptor with one epoll descriptor per thread (ReadinessHub); a single
// QSocketNotifier on that epoll descriptor wakes the thread's ordinary event
// loop, and one turn costs what is ready, not what is open. Turning interest
// on or off is one epoll_ctl call: no list is walked.
//
// The dispatcher itself stays Qt's, so timers, posted events and the standard
// input of the headless program work as before; this needs no dispatcher of
// its own and runs on whichever thread the sockets live on (the engine thread
// in the window, the main thread in the headless program today).
//
// epoll refuses some descriptors (regular files and /dev/null: EPERM), and
// may run out of watches (ENOSPC): such a watch falls back to two ordinary
// QSocketNotifiers, which poll() serves like before.
//
// Level-triggered, like QSocketNotifier: a readable descriptor that is not
// read reports again on the next turn. Errors and hang-ups wake both the
// reader and the writer, as poll() does. A watch belongs to the thread that
// created it and must be destroyed (or detached) there before its descriptor
// is closed.
class ReadinessWatch
{
public:
    ReadinessWatch(int fd, std::function<void()> onReadable, std::function<void()> onWritable);
    ~ReadinessWatch();
    ReadinessWatch(const ReadinessWatch &) = delete;
    ReadinessWatch &operator=(const ReadinessWatch &) = delete;

    int descriptor() const { return m_fd; }
    void setReadEnabled(bool enabled);
    void setWriteEnabled(bool enabled);
    bool isReadEnabled() const { return m_read; }
    bool isWriteEnabled() const { return m_write; }
    // Stops watching for good; call before the descriptor is closed.
    void detach();
    // True once epoll refused the descriptor and notifiers watch it instead.
    bool usesFallback() const { return m_fallbackRead != nullptr; }

private:
    friend class ReadinessHub;

    void update();
    void startFallback();

    int m_fd;
    std::function<void()> m_onReadable;
    std::function<void()> m_onWritable;
    bool m_read = false;
    bool m_write = false;
    unsigned m_registered = 0; // the epoll events the kernel has for this descriptor
    ReadinessHub *m_hub = nullptr;
    unsigned m_slot = 0;
    std::unique_ptr<QSocketNotifier> m_fallbackRead;
    std::unique_ptr<QSocketNotifier> m_fallbackWrite;
};
