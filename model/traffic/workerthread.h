#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

// One background thread that runs jobs in the order they were posted, for
// work that must leave the GUI thread (a filter's scan of the store).
//
// Jobs cross under a standard mutex and the thread is a std::thread, so
// ThreadSanitizer sees every hand-over (QThreadPool's are inside Qt, which
// Debian does not build for it). Results go back through a CallQueue.
class WorkerThread
{
public:
    WorkerThread() = default;
    ~WorkerThread(); // runs what was posted, then joins
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    void post(std::function<void()> job);
    // Returns once every job posted so far has run.
    void waitForDone();

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::function<void()>> m_jobs;
    bool m_busy = false;
    bool m_stopping = false;
    std::thread m_thread; // started with the first job
};
