#include "callqueue.h"

#include <QMetaObject>

#include <condition_variable>
#include <utility>

void CallQueue::post(std::function<void()> fn)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_queue.push_back(std::move(fn));
    // One wake-up covers every call queued before drain() takes them. It is
    // posted under the lock, so that drain() taking the lock also orders Qt's
    // write to the receiving thread's wake-up descriptor (which that thread
    // closes when it ends) for ThreadSanitizer.
    if (!std::exchange(m_wakePending, true))
        QMetaObject::invokeMethod(this, "drain", Qt::QueuedConnection);
}

void CallQueue::postAndWait(const std::function<void()> &fn)
{
    std::mutex mutex;
    std::condition_variable doneChanged;
    bool done = false;
    post([&] {
        fn();
        std::lock_guard<std::mutex> lock(mutex);
        done = true;
        doneChanged.notify_one();
    });
    std::unique_lock<std::mutex> lock(mutex);
    doneChanged.wait(lock, [&] { return done; });
}

void CallQueue::drain()
{
    std::deque<std::function<void()>> batch;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        batch.swap(m_queue);
        m_wakePending = false;
    }
    // Nothing of this object is touched after the calls: one may delete it.
    for (std::function<void()> &fn : batch)
        fn();
}
