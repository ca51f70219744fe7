#include "exportrunner.h"

#include "trafficstore.h"

#include <QThread>

ExportRunner::ExportRunner(const TrafficStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
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
    m_result = std::make_shared<EventExport::Result>();
    m_fileName = fileName;
    m_total = selection.count();
    // The thread's function owns copies of everything it reads but the store,
    // which outlives the runner.
    m_thread = QThread::create(
        [store = m_store, selection, format, fileName, progress = m_progress, result = m_result] {
            *result = EventExport::writeFile(*store, selection, format, fileName, progress.get());
        });
    m_thread->setObjectName(QStringLiteral("export"));
    connect(m_thread, &QThread::finished, this, &ExportRunner::onThreadFinished);
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

void ExportRunner::onThreadFinished()
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    const EventExport::Result result = *m_result;
    Q_EMIT finished(m_fileName, result);
}
