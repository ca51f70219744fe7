#include "capturecontroller.h"

#include "callqueue.h"
#include "captureexport.h"
#include "captureloader.h"
#include "capturerecorder.h"
#include "engine.h"
#include "fileactions.h"
#include "trafficstore.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressDialog>
#include <QStatusBar>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace {

constexpr int StatusMs = 10000;

QString shownName(const QString &fileName)
{
    return QDir::toNativeSeparators(fileName);
}

} // namespace

CaptureController::CaptureController(Engine *engine, TrafficStore *store, FileActions *fileActions,
                                     QMainWindow *window)
    : QObject(window)
    , m_engine(engine)
    , m_store(store)
    , m_fileActions(fileActions)
    , m_window(window)
    , m_loader(new CaptureLoader(store, this))
    , m_recorder(new CaptureRecorder(store, this))
    , m_recordingLabel(new QLabel(window))
    , m_recordingTimer(new QTimer(this))
    , m_calls(new CallQueue(this))
{
    // Called on the loader's thread; the engine's session list is thread-safe.
    m_loader->setSessionAllocator([this](const QString &name, SessionId) {
        const SessionId id = m_engine->addCaptureSession(name, QFileInfo(m_loadingFile).fileName());
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                if (m_firstLoaded == 0) {
                    m_firstLoaded = id;
                    Q_EMIT captureSessionAdded(id);
                }
            },
            Qt::QueuedConnection);
        return id;
    });
    connect(m_loader, &CaptureLoader::progress, this, &CaptureController::onLoadProgress);
    connect(m_loader, &CaptureLoader::finished, this, &CaptureController::onLoadFinished);

    connect(m_recorder, &CaptureRecorder::failed, this, &CaptureController::onRecordingFailed);
    m_recordingLabel->setObjectName(QStringLiteral("recordingLabel"));
    m_recordingLabel->hide();
    m_window->statusBar()->addPermanentWidget(m_recordingLabel);
    m_recordingTimer->setInterval(1000);
    connect(m_recordingTimer, &QTimer::timeout, this, &CaptureController::updateRecordingLabel);
}

CaptureController::~CaptureController()
{
    if (m_saveThread) {
        m_saveThread->wait();
        delete m_saveThread;
    }
}

bool CaptureController::isLoading() const
{
    return m_loader->isRunning();
}

bool CaptureController::isRecording() const
{
    return m_recorder->isRecording();
}

void CaptureController::openCapture(const QString &fileName)
{
    if (m_loader->isRunning()) {
        m_window->statusBar()->showMessage(
            tr("Still reading %1; open the next file when it has finished.")
                .arg(shownName(m_loadingFile)),
            StatusMs);
        return;
    }
    m_loadingFile = fileName;
    m_firstLoaded = 0;
    if (!m_loader->start(fileName))
        return;
    // Not modal: the first rows are already in the log while the rest loads.
    m_progress = new QProgressDialog(m_window);
    m_progress->setObjectName(QStringLiteral("openCaptureProgress"));
    m_progress->setWindowTitle(tr("Opening capture"));
    m_progress->setAccessibleName(tr("Opening capture"));
    m_progress->setLabelText(tr("Reading %1…").arg(shownName(fileName)));
    m_progress->setCancelButtonText(tr("Cancel"));
    m_progress->setWindowModality(Qt::NonModal);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setRange(0, 1000);
    m_progress->setMinimumDuration(400);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, m_loader, &CaptureLoader::cancel);
}

void CaptureController::onLoadProgress(qint64 done, qint64 total)
{
    if (m_progress && total > 0)
        m_progress->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 999)));
}

void CaptureController::onLoadFinished(const CaptureReadResult &result)
{
    if (m_progress) {
        m_progress->disconnect(m_loader);
        m_progress->close();
    }
    const QLocale locale;
    const QString file = shownName(m_loadingFile);
    switch (result.status) {
    case CaptureReadResult::Status::Ok:
        m_window->statusBar()->showMessage(
            tr("Opened %1: %2 events from %3 packets.")
                .arg(file, locale.toString(result.events), locale.toString(result.packets)),
            StatusMs);
        break;
    case CaptureReadResult::Status::Cancelled:
        m_window->statusBar()->showMessage(
            tr("Stopped reading %1: the %2 events read so far are shown.")
                .arg(file, locale.toString(result.events)),
            StatusMs);
        break;
    case CaptureReadResult::Status::Truncated:
        showProblem(QStringLiteral("captureDamagedBox"), tr("Capture damaged"),
                    tr("%1 is damaged or cut short: %2\nThe %3 events before that point are "
                       "shown.")
                        .arg(file, result.message, locale.toString(result.events)));
        break;
    case CaptureReadResult::Status::CannotOpen:
        showProblem(QStringLiteral("captureOpenErrorBox"), tr("Cannot open capture"),
                    tr("Cannot open %1: %2").arg(file, result.message));
        break;
    }
    Q_EMIT captureOpened(m_loadingFile, result);
}

void CaptureController::saveCapture(const QString &fileName, const ExportSelection &events)
{
    if (m_saveThread) {
        m_window->statusBar()->showMessage(
            tr("A capture is still being saved; try again when it has finished."), StatusMs);
        return;
    }
    m_window->statusBar()->showMessage(
        tr("Saving %1 events to %2…").arg(QLocale().toString(events.count()), shownName(fileName)));
    TrafficStore *store = m_store;
    // A filtered log or a selection can be a million rows: spelling them out
    // as seqs happens on the save thread, not here.
    m_saveThread = QThread::create([this, store, fileName, events] {
        QString error;
        quint64 written = 0;
        const auto progress = [&written](quint64 done, quint64) {
            written = done;
            return true;
        };
        const bool oneRun = events.runs().size() == 1;
        QList<quint64> seqs;
        if (!oneRun) {
            seqs.reserve(qsizetype(events.count()));
            for (const ExportSelection::Run &run : events.runs()) {
                for (quint64 seq = run.first; seq <= run.second; ++seq)
                    seqs.append(seq);
            }
        }
        const ExportSelection::Run range =
            oneRun ? events.runs().front() : ExportSelection::Run{0, 0};
        const bool ok = oneRun
                            ? CaptureExport::writeRange(*store, range.first, range.second, fileName,
                                                        &error, progress)
                            : CaptureExport::writeEvents(*store, seqs, fileName, &error, progress);
        // Back through the queue, not as a functor in Qt's (see CallQueue).
        m_calls->post(
            [this, fileName, ok, error, written] { onSaveFinished(fileName, ok, error, written); });
    });
    m_saveThread->setObjectName(QStringLiteral("SocketScope capture save"));
    m_saveThread->start();
}

void CaptureController::onSaveFinished(const QString &fileName, bool ok, const QString &error,
                                       quint64 written)
{
    m_saveThread->wait();
    delete m_saveThread;
    m_saveThread = nullptr;
    if (ok) {
        m_window->statusBar()->showMessage(
            tr("Saved %1 events to %2.").arg(QLocale().toString(written), shownName(fileName)),
            StatusMs);
    } else {
        m_window->statusBar()->clearMessage();
        showProblem(QStringLiteral("captureSaveErrorBox"), tr("Capture not saved"), error);
    }
    Q_EMIT captureSaved(fileName, ok ? QString() : error);
}

bool CaptureController::startRecording(const QString &fileName)
{
    CaptureRecorder::Options options;
    options.fileName = fileName;
    // Everything still kept goes into the file too, so connections opened
    // before recording started are whole in it.
    if (!m_recorder->start(options, m_store->firstSeq())) {
        showProblem(QStringLiteral("recordErrorBox"), tr("Cannot record"),
                    m_recorder->errorString());
        return false;
    }
    updateRecordingLabel();
    m_recordingLabel->show();
    m_recordingTimer->start();
    return true;
}

void CaptureController::stopRecording()
{
    m_recordingTimer->stop();
    m_recordingLabel->hide();
    const QString file = shownName(m_recorder->currentFileName());
    const quint64 written = m_recorder->eventsWritten();
    if (!m_recorder->stop()) {
        showProblem(QStringLiteral("recordErrorBox"), tr("Recording incomplete"),
                    m_recorder->errorString());
        return;
    }
    m_window->statusBar()->showMessage(
        tr("Recorded %1 events to %2.")
            .arg(QLocale().toString(qMax(written, m_recorder->eventsWritten())), file),
        StatusMs);
}

void CaptureController::onRecordingFailed(const QString &message)
{
    m_recordingTimer->stop();
    m_recordingLabel->hide();
    m_fileActions->setRecording(false);
    showProblem(QStringLiteral("recordErrorBox"), tr("Recording stopped"),
                tr("%1\nThe sessions go on; what was recorded stays in the log.").arg(message));
}

void CaptureController::updateRecordingLabel()
{
    const QString text = tr("Recording to %1 (%2 events)")
                             .arg(QFileInfo(m_recorder->currentFileName()).fileName(),
                                  QLocale().toString(m_recorder->eventsWritten()));
    m_recordingLabel->setText(text);
    m_recordingLabel->setAccessibleName(text);
    m_recordingLabel->setToolTip(shownName(m_recorder->currentFileName()));
}

void CaptureController::showProblem(const QString &objectName, const QString &title,
                                    const QString &text)
{
    // Not exec(): the window goes on showing traffic while the box is up.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(objectName);
    box->setAccessibleName(title);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}
