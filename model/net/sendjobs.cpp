#include "sendjobs.h"

#include "callqueue.h"
#include "engine.h"
#include "sessionkind.h"

#include <QCoreApplication>
#include <QThread>

namespace {

QString notRunning()
{
    return QCoreApplication::translate("SendJobs", "The session is not running: nothing was sent.");
}

} // namespace

SendJobs::SendJobs(Engine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_calls(new CallQueue(this))
{
    qRegisterMetaType<RepeatProgress>();
    qRegisterMetaType<FileSendProgress>();
}

SendJobs::~SendJobs()
{
    // The senders belong to the endpoints; stop them so nothing runs on for
    // a window that has gone. (Gone with the engine, they went with its
    // endpoints already.)
    if (!m_engine)
        return;
    m_engine->runOnEngineThread([this] {
        for (const QPointer<QObject> &sender : std::as_const(m_senders))
            delete sender.data();
        m_senders.clear();
    });
}

void SendJobs::toOwner(std::function<void()> fn)
{
    // Through the queue from the engine's own thread (see CallQueue for why
    // not Qt's); at once when the engine runs on this thread, as before.
    if (QThread::currentThread() == thread())
        fn();
    else
        m_calls->post(std::move(fn));
}

SendJobs::JobId SendJobs::startRepeat(SessionId session, const Repeat &repeat)
{
    const JobId job = m_nextJob++;
    if (!m_engine)
        return job;
    m_engine->runOnEngineThreadLater([this, job, session, repeat] {
        Endpoint *endpoint = m_engine->endpoint(session);
        if (!endpoint || !isSessionOpen(endpoint->state())) {
            RepeatProgress failed;
            failed.total = repeat.count;
            failed.error = notRunning();
            toOwner([this, job, failed] { Q_EMIT repeatProgress(job, failed); });
            return;
        }
        auto *sender = new RepeatSender(endpoint, repeat.target, repeat.messages, repeat.intervalMs,
                                        repeat.count, endpoint);
        m_senders.insert(job, sender);
        connect(sender, &RepeatSender::progressChanged, sender,
                [this, job](const RepeatProgress &p) {
                    toOwner([this, job, p] { Q_EMIT repeatProgress(job, p); });
                });
        connect(sender, &RepeatSender::progressChanged, sender,
                [this, job, sender](const RepeatProgress &p) {
                    if (!p.running) {
                        m_senders.remove(job);
                        sender->deleteLater();
                    }
                });
        sender->start();
    });
    return job;
}

SendJobs::JobId SendJobs::startReplay(SessionId session, const Replay &replay)
{
    const JobId job = m_nextJob++;
    if (!m_engine)
        return job;
    m_engine->runOnEngineThreadLater([this, job, session, replay] {
        Endpoint *endpoint = m_engine->endpoint(session);
        if (!endpoint || !isSessionOpen(endpoint->state())) {
            RepeatProgress failed;
            failed.total = quint64(replay.messages.size());
            failed.error = notRunning();
            toOwner([this, job, failed] { Q_EMIT repeatProgress(job, failed); });
            return;
        }
        auto *sender = new ReplaySender(endpoint, replay.target, replay.messages,
                                        replay.keepSpacing, endpoint);
        m_senders.insert(job, sender);
        connect(sender, &ReplaySender::progressChanged, sender,
                [this, job](const RepeatProgress &p) {
                    toOwner([this, job, p] { Q_EMIT repeatProgress(job, p); });
                });
        connect(sender, &ReplaySender::progressChanged, sender,
                [this, job, sender](const RepeatProgress &p) {
                    if (!p.running) {
                        m_senders.remove(job);
                        sender->deleteLater();
                    }
                });
        sender->start();
    });
    return job;
}

SendJobs::JobId SendJobs::startFile(SessionId session, const File &file)
{
    const JobId job = m_nextJob++;
    if (!m_engine)
        return job;
    m_engine->runOnEngineThreadLater([this, job, session, file] {
        Endpoint *endpoint = m_engine->endpoint(session);
        if (!endpoint || !isSessionOpen(endpoint->state())) {
            FileSendProgress failed;
            failed.error = notRunning();
            toOwner([this, job, failed] { Q_EMIT fileProgress(job, failed); });
            return;
        }
        const bool datagrams = SessionKind::isDatagram(endpoint->config().kind);
        auto *sender = new FileSender(endpoint, file.target, file.path, datagrams, file.chunkBytes,
                                      file.intervalMs, endpoint);
        m_senders.insert(job, sender);
        connect(sender, &FileSender::progressChanged, sender,
                [this, job](const FileSendProgress &p) {
                    toOwner([this, job, p] { Q_EMIT fileProgress(job, p); });
                });
        connect(sender, &FileSender::progressChanged, sender,
                [this, job, sender](const FileSendProgress &p) {
                    if (!p.running) {
                        m_senders.remove(job);
                        sender->deleteLater();
                    }
                });
        sender->start();
    });
    return job;
}

void SendJobs::stop(JobId job)
{
    if (!m_engine)
        return;
    m_engine->runOnEngineThreadLater([this, job] {
        QObject *sender = m_senders.value(job);
        if (auto *repeat = qobject_cast<RepeatSender *>(sender))
            repeat->stop();
        else if (auto *file = qobject_cast<FileSender *>(sender))
            file->cancel();
        else if (auto *replay = qobject_cast<ReplaySender *>(sender))
            replay->stop(QCoreApplication::translate("SendJobs", "Cancelled."));
    });
}
