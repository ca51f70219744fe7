#pragma once

#include "capturereader.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

class CallQueue;
class QThread;
class TrafficStore;

// Loads a capture file into the store on a worker thread, for the window: the
// GUI thread never waits for the file. Events reach the store in batches while
// the rest loads (the store's eventsAppended announces them as for live
// traffic); progress() tells how far it got, finished() how it ended.
//
// The session allocator runs on the loader's own thread (where the engine and
// the session list live) while the worker waits for its answer.
class CaptureLoader : public QObject
{
    Q_OBJECT

public:
    using SessionAllocator = CaptureReader::SessionAllocator;

    explicit CaptureLoader(TrafficStore *store, QObject *parent = nullptr);
    // Cancels a running load and waits for the worker to stop.
    ~CaptureLoader() override;

    void setSessionAllocator(SessionAllocator allocator) { m_allocator = std::move(allocator); }
    // False when a load is already running.
    bool start(const QString &path);
    bool isRunning() const { return m_running; }
    QString path() const { return m_path; }

public Q_SLOTS:
    // Stops soon; finished() then reports Cancelled. What was read stays.
    void cancel();

Q_SIGNALS:
    void progress(qint64 bytesRead, qint64 fileSize);
    void finished(const CaptureReadResult &result);

private:
    SessionId allocateOnOwnThread(const QString &name, SessionId recorded);
    void onWorkerDone(const CaptureReadResult &result);

    TrafficStore *m_store;
    // Carries the worker's calls to this object's thread (see CallQueue).
    CallQueue *m_calls;
    SessionAllocator m_allocator;
    QString m_path;
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_running = false;
};
