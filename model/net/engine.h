#pragma once

#include "endpoint.h"
#include "sessionconfig.h"

#include <QHash>
#include <QMutex>
#include <QObject>

class QThread;
class TrafficStore;

// Owns every session's endpoint. With Threading::Own the sockets live on a
// dedicated engine thread, so a flood never freezes painting and painting never
// delays a reply; callers on any thread use the methods below, which are queued
// to that thread. With Threading::Caller (the headless runner) the sockets live
// on the caller's thread and its event loop drives them.
class Engine : public QObject
{
    Q_OBJECT

public:
    enum class Threading { Own, Caller };

    struct SessionInfo
    {
        SessionId id = 0;
        SessionConfig config;
        SessionState state = SessionState::Stopped;
        QString detail; // "127.0.0.1:9999", or the error in words
        QString name;   // the display name, with the real port once port 0 is bound
        // Set for a read-only session opened from a capture file: it has no
        // socket, cannot start, and is not saved with the sessions.
        QString captureFile;

        bool isCapture() const { return !captureFile.isEmpty(); }
    };

    explicit Engine(TrafficStore *store, Threading threading = Threading::Own,
                    QObject *parent = nullptr);
    ~Engine() override;

    TrafficStore *store() const { return m_store; }

    // Thread-safe. The new session is stopped until start().
    SessionId addSession(const SessionConfig &config);
    // Thread-safe. A read-only session for events read from a capture file.
    SessionId addCaptureSession(const QString &name, const QString &file);
    void updateSession(SessionId id, const SessionConfig &config); // takes effect on next start
    void removeSession(SessionId id);
    void start(SessionId id);
    void stop(SessionId id);
    void stopAll();
    void send(SessionId id, const SendTarget &target, const QByteArray &bytes);
    void disconnectConnection(SessionId id, ConnectionId connection);
    void finishSending(SessionId id);

    QList<SessionInfo> sessions() const;
    SessionInfo session(SessionId id) const;

    // Runs `fn` on the engine thread later, without waiting (senders that
    // live beside the endpoints use it).
    void runOnEngineThreadLater(std::function<void()> fn) { post(std::move(fn)); }
    // Runs `fn` on the engine thread and waits; for tests and shutdown.
    void runOnEngineThread(const std::function<void()> &fn);
    // The endpoint of a session; use only on the engine thread (runOnEngineThread).
    Endpoint *endpoint(SessionId id) const;

Q_SIGNALS:
    // Delivered on the Engine object's thread.
    void sessionAdded(SessionId id);
    void sessionRemoved(SessionId id);
    void sessionChanged(SessionId id);
    void chatEnded(SessionId id, bool byPeer);
    // A session's script on one of its connections (see Endpoint).
    void scriptStepChanged(SessionId id, ConnectionId connection, int step, int status,
                           const QString &detail);
    void scriptFinished(SessionId id, ConnectionId connection, bool ok, const QString &message);

private:
    class Worker;

    void post(std::function<void()> fn);
    void onEndpointState(SessionId id, SessionState state, const QString &detail);

    TrafficStore *m_store;
    QThread *m_thread = nullptr;
    Worker *m_worker = nullptr;
    mutable QMutex m_mutex;
    QHash<SessionId, SessionInfo> m_sessions; // the caller-side mirror
    QList<SessionId> m_order;
    SessionId m_nextId = 1;
};
