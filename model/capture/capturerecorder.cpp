#include "capture/capturerecorder.h"

#include "callqueue.h"
#include "capture/capturewriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QTimer>

#include <deque>
#include <memory>

namespace {

// Events read from the store per lock, and per turn of the writer's event
// loop (so stop() is served promptly even under a flood).
constexpr quint64 ReadBatch = 4096;
// Payload bytes read per lock: a flood of large datagrams stays a few MiB.
constexpr qint64 ReadBytes = 4 * 1024 * 1024;
constexpr quint64 EventsPerTurn = 64 * 1024;

} // namespace

// Lives on the recorder's thread and owns the writer there. No signals of its
// own: it reports to the recorder through the recorder's CallQueue, and the
// recorder calls it through its own (see CallQueue for why not Qt's queue).
class CaptureRecorderWorker : public CallQueue
{
public:
    CaptureRecorderWorker(CaptureRecorder *recorder, TrafficStore *store,
                          std::unique_ptr<CaptureWriter> writer,
                          const CaptureRecorder::Options &options, quint64 next,
                          TrafficStore::HoldId hold, int generation)
        : m_recorder(recorder)
        , m_store(store)
        , m_writer(std::move(writer))
        , m_options(options)
        , m_next(next)
        , m_hold(hold)
        , m_generation(generation)
    {
        m_files.push_back(m_writer->fileName());
    }

    void begin()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(CaptureRecorder::FlushIntervalMs);
        QObject::connect(m_timer, &QTimer::timeout, this, [this] { writePending(); });
        m_timer->start();
        // The file headers now: a full disk or a bad device shows at once.
        if (!m_writer->flush())
            failed(m_writer->errorString());
    }

    // The last drain and close, called (blocking) from stop().
    bool finish(QString *error)
    {
        while (m_writer && drainOnce()) {
        }
        if (!m_writer) {
            *error = m_failure; // stopped on an error, now or before
            return false;
        }
        const bool ok = m_writer->close();
        if (!ok)
            *error = m_writer->errorString();
        m_writer.reset();
        return ok;
    }

private:
    void writePending()
    {
        if (m_writer && drainOnce())
            post([this] { writePending(); });
    }

    // Writes up to EventsPerTurn events and flushes. Returns true when more
    // are waiting; false when caught up or stopped on an error.
    bool drainOnce()
    {
        const quint64 last = m_store->lastSeq();
        quint64 done = 0;
        bool wrote = false;
        while (m_next <= last && done < EventsPerTurn) {
            const quint64 first = m_store->firstSeq();
            if (first > m_next) {
                // Evicted past twice the cap: say so in the file, never silently.
                const quint64 lost = std::min(first, last + 1) - m_next;
                m_next += lost;
                m_recorder->m_lost += lost;
                const int count = int(std::min<quint64>(lost, INT_MAX));
                const QString text = QCoreApplication::translate(
                    "CaptureRecorder",
                    "%n event(s) were evicted by the memory cap before they could be written.",
                    nullptr, count);
                if (!m_writer->writeNote(TrafficStore::nowUs(), text))
                    return failed(m_writer->errorString());
                wrote = true;
                continue;
            }
            m_store->readBatch(m_next, std::min(last, m_next + ReadBatch - 1), ReadBytes, &m_batch);
            const QList<TrafficEvent> &events = m_batch.events;
            if (events.isEmpty())
                continue; // evicted meanwhile: the check above counts them
            for (qsizetype i = 0; i < events.size(); ++i) {
                const TrafficEvent &event = events.at(i);
                if (!m_writer->writeEvent(event, m_batch.payload(i), *m_store))
                    return failed(m_writer->errorString());
                m_next = event.seq + 1;
                if (!rotateIfFull())
                    return false;
            }
            done += quint64(events.size());
            wrote = true;
            m_store->moveEvictionHold(m_hold, m_next);
        }
        if (wrote) {
            m_recorder->m_written += done;
            if (!m_writer->flush())
                return failed(m_writer->errorString());
        }
        return m_next <= m_store->lastSeq() && done >= EventsPerTurn;
    }

    bool rotateIfFull()
    {
        if (m_options.rotateBytes <= 0 || m_writer->bytesWritten() < m_options.rotateBytes)
            return true;
        if (!m_writer->close())
            return failed(m_writer->errorString());
        const QString name = CaptureRecorder::rotatedFileName(m_options.fileName, ++m_serial,
                                                              QDateTime::currentDateTime());
        if (!m_writer->open(name))
            return failed(m_writer->errorString());
        m_files.push_back(name);
        while (m_options.rotateFiles > 0 && m_files.size() > size_t(m_options.rotateFiles)) {
            QFile::remove(m_files.front());
            m_files.pop_front();
        }
        m_recorder->m_calls->post(
            [r = m_recorder, g = m_generation, name] { r->onWorkerFileStarted(g, name); });
        return true;
    }

    bool failed(const QString &message)
    {
        m_failure = message;
        m_timer->stop();
        m_writer.reset(); // closes, ignoring the error already reported
        m_recorder->m_calls->post(
            [r = m_recorder, g = m_generation, message] { r->onWorkerFailed(g, message); });
        return false;
    }

    CaptureRecorder *m_recorder;
    TrafficStore *m_store;
    std::unique_ptr<CaptureWriter> m_writer;
    CaptureRecorder::Options m_options;
    quint64 m_next;
    TrafficStore::HoldId m_hold;
    TrafficStore::EventBatch m_batch; // events and payloads, refilled per read
    int m_generation;                 // of the recording, for the recorder to tell stale reports
    QTimer *m_timer = nullptr;
    std::deque<QString> m_files; // of the ring, oldest first
    int m_serial = 1;            // of the current file in the ring
    QString m_failure;
};

bool CaptureRecorder::takeArguments(QStringList *args, Options *options, QString *error)
{
    const auto take = [args, error](const QString &option, QString *value) {
        for (qsizetype i = 0; i < args->size(); ++i) {
            const QString &arg = args->at(i);
            if (arg.startsWith(option + u'=')) {
                *value = arg.mid(option.size() + 1);
                args->removeAt(i);
                return true;
            }
            if (arg == option) {
                if (i + 1 >= args->size()) {
                    *error = QCoreApplication::translate("CaptureRecorder", "%1 needs a value.")
                                 .arg(option);
                    return false;
                }
                *value = args->at(i + 1);
                args->remove(i, 2);
                return true;
            }
        }
        return true;
    };
    QString file, megabytes, files;
    if (!take(QStringLiteral("--write"), &file) ||
        !take(QStringLiteral("--rotate-mb"), &megabytes) ||
        !take(QStringLiteral("--rotate-files"), &files))
        return false;
    if ((!megabytes.isEmpty() || !files.isEmpty()) && file.isEmpty()) {
        *error = QCoreApplication::translate("CaptureRecorder",
                                             "--rotate-mb and --rotate-files need --write FILE.");
        return false;
    }
    if (!files.isEmpty() && megabytes.isEmpty()) {
        *error = QCoreApplication::translate(
            "CaptureRecorder", "--rotate-files needs --rotate-mb: the size at which a file ends.");
        return false;
    }
    bool ok = true;
    const int mib = megabytes.isEmpty() ? 0 : megabytes.toInt(&ok);
    if (!ok || mib < 0 || mib > 1024 * 1024 || (!megabytes.isEmpty() && mib < 1)) {
        *error =
            QCoreApplication::translate(
                "CaptureRecorder", "--rotate-mb needs a size in MiB from 1 to 1048576, not \"%1\".")
                .arg(megabytes);
        return false;
    }
    const int count = files.isEmpty() ? 0 : files.toInt(&ok);
    if (!ok || count < 0 || count > 100000 || (!files.isEmpty() && count < 1)) {
        *error =
            QCoreApplication::translate(
                "CaptureRecorder", "--rotate-files needs a number from 1 to 100000, not \"%1\".")
                .arg(files);
        return false;
    }
    options->fileName = file;
    options->rotateBytes = qint64(mib) * 1024 * 1024;
    options->rotateFiles = count;
    return true;
}

CaptureRecorder::CaptureRecorder(TrafficStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_calls(new CallQueue(this))
{}

CaptureRecorder::~CaptureRecorder()
{
    stop();
}

QString CaptureRecorder::rotatedFileName(const QString &fileName, int index,
                                         const QDateTime &started)
{
    const QFileInfo info(fileName);
    const QString suffix = info.suffix();
    QString base = fileName;
    if (!suffix.isEmpty())
        base.chop(suffix.size() + 1);
    const QString name = base + u'_' + QStringLiteral("%1").arg(index, 5, 10, QLatin1Char('0')) +
                         u'_' + started.toString(QStringLiteral("yyyyMMddhhmmss"));
    return suffix.isEmpty() ? name : name + u'.' + suffix;
}

bool CaptureRecorder::isRecording() const
{
    return m_thread != nullptr;
}

QString CaptureRecorder::currentFileName() const
{
    return m_currentFile;
}

bool CaptureRecorder::start(const Options &options, quint64 fromSeq)
{
    stop();
    m_error.clear();
    m_written = 0;
    m_lost = 0;
    const bool rotating = options.rotateBytes > 0;
    const QString first = rotating
                              ? rotatedFileName(options.fileName, 1, QDateTime::currentDateTime())
                              : options.fileName;
    auto writer = std::make_unique<CaptureWriter>();
    if (!writer->open(first)) {
        m_error = writer->errorString();
        return false;
    }
    // The hold goes in before the first event to record can be evicted.
    const quint64 next = fromSeq == 0 ? m_store->lastSeq() + 1 : fromSeq;
    m_hold = m_store->addEvictionHold(next);
    m_currentFile = first;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("capture recorder"));
    m_worker = new CaptureRecorderWorker(this, m_store, std::move(writer), options, next, m_hold,
                                         ++m_generation);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::started, m_worker, [w = m_worker] { w->begin(); });
    m_thread->start();
    Q_EMIT fileStarted(first);
    return true;
}

bool CaptureRecorder::stop()
{
    if (!m_thread)
        return m_error.isEmpty();
    QString error;
    bool ok = true;
    m_worker->postAndWait([this, &error, &ok] { ok = m_worker->finish(&error); });
    m_worker->postAndWait([w = m_worker] { delete w; });
    m_worker = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_store->removeEvictionHold(m_hold);
    m_hold = 0;
    if (!ok && !error.isEmpty())
        m_error = error;
    return ok && m_error.isEmpty();
}

void CaptureRecorder::onWorkerFileStarted(int generation, const QString &fileName)
{
    if (generation != m_generation)
        return; // from an earlier recording
    m_currentFile = fileName;
    Q_EMIT fileStarted(fileName);
}

void CaptureRecorder::onWorkerFailed(int generation, const QString &message)
{
    if (generation != m_generation || !isRecording())
        return; // stop() has already returned it
    m_error = message;
    stop(); // frees the hold: memory goes back to the cap
    Q_EMIT failed(message);
}
