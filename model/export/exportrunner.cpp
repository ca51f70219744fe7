#include "exportrunner.h"

#include "callqueue.h"
#include "trafficstore.h"

#include <QThread>

ExportRunner::ExportRunner(const TrafficStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_calls(new CallQueue(this))
{}

ExportRunner::~ExportRunner()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
        delete m_thread;
    }
}

bool ExportRunner::start(const ExportSelection &selection, EventExport::Format format,
                         const QString &fileName)
{
    if (m_thread)
        return false;
    m_progress = std::make_shared<EventExport::Progress>();
    m_fileName = fileName;
    m_total = selection.count();
    // The thread's function owns copies of everything it reads but the store,
    // which outlives the runner, and the queue, which outlives the thread.
    m_thread = QThread::create([store = m_store, calls = m_calls, this, selection, format, fileName,
                                progress = m_progress] {
        const EventExport::Result result =
            EventExport::writeFile(*store, selection, format, fileName, progress.get());
        // The result comes back through the queue rather than with
        // QThread::finished: a thread's end is handed over inside Qt, out of
        // ThreadSanitizer's sight.
        calls->post([this, result] { onThreadFinished(result); });
    });
    m_thread->setObjectName(QStringLiteral("export"));
    m_thread->start(QThread::LowPriority);
    return true;
}

void ExportRunner::cancel()
{
    if (m_progress)
        m_progress->cancel = true;
}

quint64 ExportRunner::done() const
{
    return m_progress ? m_progress->done.load(std::memory_order_relaxed) : 0;
}

void ExportRunner::onThreadFinished(const EventExport::Result &result)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    Q_EMIT finished(m_fileName, result);
}
