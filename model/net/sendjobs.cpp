#include "sendjobs.h"

#include "callqueue.h"
#include "engine.h"
#include "sessionkind.h"

#include <QCoreApplication>
#include <QThread>

#include <type_traits>

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

template <typename Progress, typename Make>
SendJobs::JobId SendJobs::launch(SessionId session, const Progress &failed,
                                 void (SendJobs::*report)(SendJobs::JobId, const Progress &),
                                 Make make)
{
    const JobId job = m_nextJob++;
    if (!m_engine)
        return job;
    m_engine->runOnEngineThreadLater([this, job, session, failed, report, make] {
        Endpoint *endpoint = m_engine->endpoint(session);
        if (!endpoint || !isSessionOpen(endpoint->state())) {
            toOwner([this, job, failed, report] { (this->*report)(job, failed); });
            return;
        }
        auto *sender = make(endpoint);
        using Sender = std::remove_pointer_t<decltype(sender)>;
        m_senders.insert(job, sender);
        connect(sender, &Sender::progressChanged, sender, [this, job, report](const Progress &p) {
            toOwner([this, job, report, p] { (this->*report)(job, p); });
        });
        connect(sender, &Sender::progressChanged, sender, [this, job, sender](const Progress &p) {
            if (!p.running) {
                m_senders.remove(job);
                sender->deleteLater();
            }
        });
        sender->start();
    });
    return job;
}

SendJobs::JobId SendJobs::startRepeat(SessionId session, const Repeat &repeat)
{
    RepeatProgress failed;
    failed.total = repeat.count;
    failed.error = notRunning();
    return launch(session, failed, &SendJobs::repeatProgress, [repeat](Endpoint *endpoint) {
        return new RepeatSender(endpoint, repeat.target, repeat.messages, repeat.intervalMs,
                                repeat.count, endpoint);
    });
}

SendJobs::JobId SendJobs::startReplay(SessionId session, const Replay &replay)
{
    RepeatProgress failed;
    failed.total = quint64(replay.messages.size());
    failed.error = notRunning();
    return launch(session, failed, &SendJobs::repeatProgress, [replay](Endpoint *endpoint) {
        return new ReplaySender(endpoint, replay.target, replay.messages, replay.keepSpacing,
                                endpoint);
    });
}

SendJobs::JobId SendJobs::startFile(SessionId session, const File &file)
{
    FileSendProgress failed;
    failed.error = notRunning();
    return launch(session, failed, &SendJobs::fileProgress, [file](Endpoint *endpoint) {
        const bool datagrams = SessionKind::isDatagram(endpoint->config().kind);
        return new FileSender(endpoint, file.target, file.path, datagrams, file.chunkBytes,
                              file.intervalMs, endpoint);
    });
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
