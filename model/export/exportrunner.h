#pragma once

#include "eventexport.h"

#include <QObject>
#include <QString>

#include <memory>

class CallQueue;
class QThread;
class TrafficStore;

// Runs one export at a time on a thread of its own, so writing a large file
// never stalls the window (and, like every reader, never the engine: the
// export takes the store's lock once per batch). Deleting the runner cancels
// a running export and waits for its thread.
class ExportRunner : public QObject
{
    Q_OBJECT

public:
    explicit ExportRunner(const TrafficStore *store, QObject *parent = nullptr);
    ~ExportRunner() override;

    // False (and nothing starts) while another export is running.
    bool start(const ExportSelection &selection, EventExport::Format format,
               const QString &fileName);
    bool isRunning() const { return m_thread != nullptr; }
    void cancel();
    // Events handled so far and in all, for a progress display.
    quint64 done() const;
    quint64 total() const { return m_total; }

Q_SIGNALS:
    void finished(const QString &fileName, const EventExport::Result &result);

private:
    void onThreadFinished(const EventExport::Result &result);

    const TrafficStore *m_store;
    CallQueue *m_calls; // the result, from the export thread (see CallQueue)
    QThread *m_thread = nullptr;
    std::shared_ptr<EventExport::Progress> m_progress;
    QString m_fileName;
    quint64 m_total = 0;
};
