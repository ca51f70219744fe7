#pragma once

#include "captureactions.h"
#include "capturereader.h"

#include <QObject>
#include <QPointer>

class CallQueue;
class CaptureLoader;
class CaptureRecorder;
class Engine;
class FileActions;
class QLabel;
class QMainWindow;
class QProgressDialog;
class QThread;
class QTimer;
class TrafficStore;

// The window's capture commands over the capture library: File > Open reads a
// pcap/pcapng file on a worker thread into read-only sessions (the first rows
// show while the rest loads, with progress and Cancel), Save writes kept
// events on a worker thread, and Record to file writes every event as it
// happens through a CaptureRecorder, which holds eviction so nothing the
// memory cap drops is lost from the file. Results go to the status bar, and
// failures to a message box that does not block the window.
class CaptureController : public QObject, public CaptureActions
{
    Q_OBJECT

public:
    CaptureController(Engine *engine, TrafficStore *store, FileActions *fileActions,
                      QMainWindow *window);
    ~CaptureController() override;

    void openCapture(const QString &fileName) override;
    void saveCapture(const QString &fileName, const ExportSelection &events) override;
    bool startRecording(const QString &fileName) override;
    void stopRecording() override;

    bool isLoading() const;
    bool isSaving() const { return m_saveThread != nullptr; }
    bool isRecording() const;
    CaptureRecorder *recorder() const { return m_recorder; }

Q_SIGNALS:
    // A session read from a capture file was added (the window selects it).
    void captureSessionAdded(SessionId id);
    // Reading ended and was reported.
    void captureOpened(const QString &fileName, const CaptureReadResult &result);
    // Saving ended and was reported; `error` is empty on success.
    void captureSaved(const QString &fileName, const QString &error);

private:
    void onLoadProgress(qint64 done, qint64 total);
    void onLoadFinished(const CaptureReadResult &result);
    void onSaveFinished(const QString &fileName, bool ok, const QString &error, quint64 written);
    void onRecordingFailed(const QString &message);
    void updateRecordingLabel();
    void showProblem(const QString &objectName, const QString &title, const QString &text);

    Engine *m_engine;
    TrafficStore *m_store;
    FileActions *m_fileActions;
    QMainWindow *m_window;
    CaptureLoader *m_loader;
    QString m_loadingFile;
    QPointer<QProgressDialog> m_progress;
    SessionId m_firstLoaded = 0;
    QThread *m_saveThread = nullptr;
    CaptureRecorder *m_recorder;
    QLabel *m_recordingLabel;
    QTimer *m_recordingTimer;
    CallQueue *m_calls; // the save thread's result (see CallQueue)
};
