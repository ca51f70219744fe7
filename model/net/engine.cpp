#include "engine.h"

#include "callqueue.h"
#include "endpoint.h"
#include "sessionkind.h"
#include "trafficstore.h"

#include <QThread>

#include <condition_variable>
#include <mutex>

// Lives on the engine thread and owns the endpoints there. Calls reach it
// through its queue (see CallQueue for why not through Qt's).
class Engine::Worker : public CallQueue
{
public:
    QHash<SessionId, Endpoint *> endpoints;
    QHash<SessionId, SessionConfig> configs; // what the next start uses
};

namespace {

// The engine thread. Qt creates a thread's event dispatcher, and with it the
// descriptor that wakes it up, inside the thread before run(); run() says so
// under a standard mutex, and the engine queues nothing before it has: the
// creation is then ordered before every wake-up for ThreadSanitizer.
class EngineThread : public QThread
{
public:
    void waitUntilRunning()
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_runningChanged.wait(lock, [this] { return m_running; });
    }

protected:
    void run() override
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_running = true;
            m_runningChanged.notify_all();
        }
        exec();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_runningChanged;
    bool m_running = false;
};

} // namespace

Engine::Engine(TrafficStore *store, Threading threading, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    qRegisterMetaType<SessionId>("SessionId");
    qRegisterMetaType<SessionState>("SessionState");
    m_worker = new Worker;
    m_callerQueue = new CallQueue(this);
    if (threading == Threading::Own) {
        auto *thread = new EngineThread;
        thread->setObjectName(QStringLiteral("SocketScope engine"));
        m_worker->moveToThread(thread);
        thread->start();
        thread->waitUntilRunning();
        m_thread = thread;
    }
}

Engine::~Engine()
{
    // Endpoints are deleted on their own thread: socket notifiers must be.
    runOnEngineThread([this] {
        for (Endpoint *e : std::as_const(m_worker->endpoints)) {
            e->disconnect(m_worker);
            delete e;
        }
        m_worker->endpoints.clear();
        // Back to this thread, to be deleted below once the engine thread has
        // ended. A delete queued to the engine thread instead races with
        // quit(): when the loop exits first, it never runs.
        // The loop is ended from inside: a quit() from this thread would
        // wake the engine thread once more, and that wake-up is not ordered
        // before the thread closes its wake-up descriptor.
        if (m_thread) {
            m_worker->moveToThread(thread());
            m_thread->quit();
        }
    });
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
    delete m_worker;
}

void Engine::post(std::function<void()> fn)
{
    m_worker->post(std::move(fn));
}

void Engine::runOnEngineThread(const std::function<void()> &fn)
{
    if (!m_thread || QThread::currentThread() == m_thread) {
        fn();
        return;
    }
    // Queued behind every earlier post(), as a blocking queued call would be.
    m_worker->postAndWait(fn);
}

void Engine::toCaller(std::function<void()> fn)
{
    // With Threading::Caller the endpoints live on this thread: at once, as
    // a direct connection would.
    if (m_thread)
        m_callerQueue->post(std::move(fn));
    else
        fn();
}

Endpoint *Engine::endpoint(SessionId id) const
{
    return m_worker->endpoints.value(id);
}

SessionId Engine::addSession(const SessionConfig &config)
{
    SessionId id;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        id = m_nextId++;
        SessionInfo info;
        info.id = id;
        info.config = config;
        info.name = config.displayName();
        m_sessions.insert(id, info);
        m_order.append(id);
    }
    m_store->setSessionName(id, config.displayName());
    post([this, id, config] { m_worker->configs.insert(id, config); });
    Q_EMIT sessionAdded(id);
    return id;
}

SessionId Engine::addCaptureSession(const QString &name, const QString &file)
{
    SessionId id;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        id = m_nextId++;
        SessionInfo info;
        info.id = id;
        info.config.name = name;
        info.name = name;
        info.captureFile = file;
        info.state = SessionState::Finished;
        m_sessions.insert(id, info);
        m_order.append(id);
    }
    // No config reaches the worker: start() finds nothing to open.
    m_store->setSessionName(id, name);
    Q_EMIT sessionAdded(id);
    return id;
}

void Engine::updateSession(SessionId id, const SessionConfig &config)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_sessions.find(id);
        if (it == m_sessions.end() || it->isCapture())
            return;
        it->config = config;
        it->name = config.displayName();
    }
    m_store->setSessionName(id, config.displayName());
    post([this, id, config] { m_worker->configs.insert(id, config); });
    Q_EMIT sessionChanged(id);
}

void Engine::removeSession(SessionId id)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_sessions.remove(id))
            return;
        m_order.removeOne(id);
    }
    post([this, id] {
        m_worker->configs.remove(id);
        if (Endpoint *e = m_worker->endpoints.take(id)) {
            e->stop();
            e->disconnect(m_worker);
            e->deleteLater();
        }
    });
    Q_EMIT sessionRemoved(id);
}

void Engine::start(SessionId id)
{
    post([this, id] {
        const auto config = m_worker->configs.constFind(id);
        if (config == m_worker->configs.constEnd())
            return;
        Endpoint *e = m_worker->endpoints.value(id);
        if (e && e->isActive())
            return;
        if (e) {
            // A fresh endpoint per start, so edited settings take effect.
            e->disconnect(m_worker);
            e->deleteLater();
        }
        e = SessionKind::createEndpoint(id, *config, m_store, m_worker);
        m_worker->endpoints.insert(id, e);
        // Connected on the engine thread, delivered on this one through the
        // caller's queue (see CallQueue for why not through Qt's).
        connect(e, &Endpoint::chatEnded, m_worker, [this, id](bool byPeer) {
            toCaller([this, id, byPeer] { Q_EMIT chatEnded(id, byPeer); });
        });
        connect(e, &Endpoint::scriptStepChanged, m_worker,
                [this, id](ConnectionId c, int step, int status, const QString &detail) {
                    toCaller([this, id, c, step, status, detail] {
                        Q_EMIT scriptStepChanged(id, c, step, status, detail);
                    });
                });
        connect(e, &Endpoint::scriptFinished, m_worker,
                [this, id](ConnectionId c, bool ok, const QString &message) {
                    toCaller(
                        [this, id, c, ok, message] { Q_EMIT scriptFinished(id, c, ok, message); });
                });
        connect(e, &Endpoint::stateChanged, m_worker,
                [this, id](SessionState state, const QString &detail) {
                    toCaller([this, id, state, detail] { onEndpointState(id, state, detail); });
                });
        e->start();
    });
}

void Engine::stop(SessionId id)
{
    post([this, id] {
        if (Endpoint *e = m_worker->endpoints.value(id))
            e->stop();
    });
}

void Engine::stopAll()
{
    post([this] {
        for (Endpoint *e : std::as_const(m_worker->endpoints))
            e->stop();
    });
}

void Engine::send(SessionId id, const SendTarget &target, const QByteArray &bytes)
{
    post([this, id, target, bytes] {
        Endpoint *e = m_worker->endpoints.value(id);
        if (e)
            e->send(target, bytes);
        else if (session(id).isCapture())
            m_store->append(id, 0, 0, EventKind::Error,
                            tr("A session read from a capture file cannot send: nothing was "
                               "sent.")
                                .toUtf8());
        else
            m_store->append(id, 0, 0, EventKind::Error,
                            tr("The session is not running: nothing was sent.").toUtf8());
    });
}

void Engine::disconnectConnection(SessionId id, ConnectionId connection)
{
    post([this, id, connection] {
        if (Endpoint *e = m_worker->endpoints.value(id))
            e->disconnectConnection(connection);
    });
}

void Engine::finishSending(SessionId id)
{
    post([this, id] {
        if (Endpoint *e = m_worker->endpoints.value(id))
            e->finishSending();
    });
}

void Engine::onEndpointState(SessionId id, SessionState state, const QString &detail)
{
    QString renamed;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        auto it = m_sessions.find(id);
        if (it == m_sessions.end())
            return;
        it->state = state;
        it->detail = detail;
        // "TCP server 127.0.0.1:0" says little: name it by the port it got.
        if (it->config.name.isEmpty() && it->config.port == 0 &&
            (state == SessionState::Listening || state == SessionState::Bound)) {
            SessionConfig actual = it->config;
            actual.port = quint16(detail.section(QLatin1Char(':'), -1).toUInt());
            renamed = it->name = actual.displayName();
        }
    }
    if (!renamed.isEmpty())
        m_store->setSessionName(id, renamed);
    Q_EMIT sessionChanged(id);
}

QList<Engine::SessionInfo> Engine::sessions() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    QList<SessionInfo> list;
    list.reserve(m_order.size());
    for (SessionId id : m_order)
        list.append(m_sessions.value(id));
    return list;
}

Engine::SessionInfo Engine::session(SessionId id) const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_sessions.value(id);
}
