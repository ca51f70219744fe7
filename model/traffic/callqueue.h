#pragma once

#include <QObject>

#include <deque>
#include <functional>
#include <mutex>

// Runs functions on this object's thread, queued from any thread, in the order
// they were queued.
//
// A functor handed to Qt's own event queue (a queued invokeMethod or a queued
// connection to a lambda) crosses threads inside Qt, and Debian's Qt is not
// built for ThreadSanitizer: the tool cannot see that hand-over and reads every
// captured value as a race. Here the functions cross under a standard mutex;
// Qt carries only the wake-up, a call of drain() by name, with no data.
class CallQueue : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Any thread.
    void post(std::function<void()> fn);
    // Another thread than this object's, whose event loop runs: queues `fn`
    // behind every earlier call and waits until it has run.
    void postAndWait(const std::function<void()> &fn);

public Q_SLOTS:
    // Runs what was queued; calls queued meanwhile wake it again.
    void drain();

private:
    std::mutex m_mutex;
    std::deque<std::function<void()>> m_queue;
    bool m_wakePending = false;
};
