#include "captureloader.h"

#include "callqueue.h"
#include "trafficstore.h"

#include <QElapsedTimer>
#include <QThread>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include <sys/resource.h>
#include <unistd.h>

namespace {

// The worker asks the loader's thread for a session id and waits; it checks
// for a cancel this often so that a loader being destroyed never waits on it.
constexpr int AllocatorPollMs = 50;
// Progress reaches the window at most this often: the reader reports after
// every batch, hundreds of times a second, and each report repaints a dialog.
constexpr qint64 ProgressIntervalMs = 100;
// The worker's nice value: reading a file may take a little longer when the
// processors are busy, the window showing it must not stutter meanwhile.
constexpr int WorkerNice = 5;

// A standard mutex and condition variable, not QSemaphore: its waits happen
// inside Qt, where ThreadSanitizer (Debian's Qt is not built for it) cannot
// see the hand-over of the id.
struct AllocationRequest
{
    std::mutex mutex;
    std::condition_variable answered;
    bool done = false;
    SessionId id = 0;
};

} // namespace

CaptureLoader::CaptureLoader(TrafficStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_calls(new CallQueue(this))
{
    qRegisterMetaType<CaptureReadResult>();
}

CaptureLoader::~CaptureLoader()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->wait();
        delete m_thread;
    }
}

bool CaptureLoader::start(const QString &path)
{
    if (m_running)
        return false;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_path = path;
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancelFlag = m_cancel;
    m_thread = QThread::create([this, path, cancelFlag] {
        // Linux: a thread's own nice value (QThread's priorities do nothing
        // under the normal scheduling policy).
        ::setpriority(PRIO_PROCESS, id_t(::gettid()), WorkerNice);
        CaptureReader reader;
        reader.setCancelFlag(cancelFlag.get());
        reader.setSessionAllocator([this, cancelFlag](const QString &name, SessionId recorded) {
            return cancelFlag->load() ? SessionId(0) : allocateOnOwnThread(name, recorded);
        });
        QElapsedTimer sinceProgress;
        reader.setProgressCallback([this, sinceProgress](qint64 done, qint64 total) mutable {
            if (sinceProgress.isValid() && sinceProgress.elapsed() < ProgressIntervalMs &&
                done < total)
                return;
            sinceProgress.start();
            m_calls->post([this, done, total] { Q_EMIT progress(done, total); });
        });
        const CaptureReadResult result = reader.read(path, m_store);
        m_calls->post([this, result] { onWorkerDone(result); });
    });
    m_thread->setObjectName(QStringLiteral("capture loader"));
    m_thread->start();
    return true;
}

SessionId CaptureLoader::allocateOnOwnThread(const QString &name, SessionId recorded)
{
    auto request = std::make_shared<AllocationRequest>();
    m_calls->post([this, request, name, recorded] {
        const SessionId id = m_allocator ? m_allocator(name, recorded) : SessionId(1);
        std::lock_guard<std::mutex> lock(request->mutex);
        request->id = id;
        request->done = true;
        request->answered.notify_one();
    });
    std::unique_lock<std::mutex> lock(request->mutex);
    while (!request->answered.wait_for(lock, std::chrono::milliseconds(AllocatorPollMs),
                                       [&] { return request->done; })) {
        if (m_cancel->load())
            return 0;
    }
    return request->id;
}

void CaptureLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void CaptureLoader::onWorkerDone(const CaptureReadResult &result)
{
    m_thread->wait();
    m_running = false;
    Q_EMIT finished(result);
}
