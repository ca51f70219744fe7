#pragma once

#include "endpoint.h"
#include "filesender.h"
#include "repeatsender.h"
#include "replaysender.h"
#include "sendformat.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class CallQueue;
class Engine;

// Long-running sends a person or the command line starts on a session: a
// repeat series and a file. Called on the caller's thread; the senders run on
// the engine thread beside the endpoint (children of it, so they end with it),
// and their progress comes back here as signals on the caller's thread.
class SendJobs : public QObject
{
    Q_OBJECT

public:
    using JobId = quint64;

    struct Repeat
    {
        SendTarget target;
        QList<SendMessage> messages; // one round, in order
        qint64 intervalMs = 1000;    // from 1
        quint64 count = 0;           // 0: until stopped
    };

    struct File
    {
        SendTarget target;
        QString path;
        qint64 chunkBytes = 0;  // 0: the default for the session's kind
        qint64 intervalMs = -1; // -1: the default for the session's kind
    };

    // Recorded payloads sent again (ReplaySender); progress as repeatProgress.
    struct Replay
    {
        SendTarget target;
        QList<ReplaySender::Message> messages;
        bool keepSpacing = false;
    };

    explicit SendJobs(Engine *engine, QObject *parent = nullptr);
    ~SendJobs() override;

    JobId startRepeat(SessionId session, const Repeat &repeat);
    JobId startFile(SessionId session, const File &file);
    JobId startReplay(SessionId session, const Replay &replay);
    // Stops a repeat or cancels a file; its last progress still arrives.
    void stop(JobId job);

Q_SIGNALS:
    void repeatProgress(SendJobs::JobId job, const RepeatProgress &progress);
    void fileProgress(SendJobs::JobId job, const FileSendProgress &progress);

private:
    // One job: a sender made by `make` beside the session's endpoint on the
    // engine thread, its progress reported through `report`, deleted once it
    // has stopped; `failed` is reported instead when the session is not running.
    template <typename Progress, typename Make>
    JobId launch(SessionId session, const Progress &failed,
                 void (SendJobs::*report)(JobId, const Progress &), Make make);
    // Runs `fn` on this object's thread (called on the engine thread).
    void toOwner(std::function<void()> fn);

    QPointer<Engine> m_engine; // an owner may outlive the engine
    CallQueue *m_calls;
    JobId m_nextJob = 1;
    // Touched on the engine thread only.
    QHash<JobId, QPointer<QObject>> m_senders;
};
