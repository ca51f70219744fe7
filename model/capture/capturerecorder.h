#pragma once

#include "trafficstore.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>

class QDateTime;
class QThread;
class CaptureRecorderWorker;
class CallQueue;

// Records a store to a capture file while it runs (`--write FILE`, the
// window's "Record to file..."). A thread of its own reads the new events
// from the store at its own pace and writes them with a CaptureWriter; the
// engine never waits for the disk. The file is flushed at least every
// FlushIntervalMs, so a process killed with SIGKILL leaves a readable file.
//
// Nothing is lost to the memory cap: the recorder holds eviction in the store
// at its oldest unwritten event (see TrafficStore::addEvictionHold). Only a
// recorder that falls behind by more than the cap loses events, and then it
// writes a note into the file saying how many.
//
// Ring of files (dumpcap's -b filesize/-b files): with rotateBytes > 0 a new
// file starts once the current one reaches that size, named like dumpcap's
//   capture.pcapng -> capture_00001_20261129193800.pcapng, capture_00002_...
// (the given name with "_", a 5-digit serial from 00001 and the local time
// the file was started, yyyyMMddhhmmss, before the extension); with
// rotateFiles > 0 only the newest rotateFiles files are kept, older ones are
// deleted. Without rotation the file is written under its own name.
//
// A write error (disk full, permission denied) stops the recording and emits
// failed() with a translated sentence; the sessions and the store go on.
// The store must outlive the recorder.
class CaptureRecorder : public QObject
{
    Q_OBJECT

public:
    static constexpr int FlushIntervalMs = 250;

    struct Options
    {
        QString fileName;       // .pcap: pcap; anything else: pcapng
        qint64 rotateBytes = 0; // 0: one file
        int rotateFiles = 0;    // 0: keep every rotated file
    };

    // The command-line form shared by the live subcommands:
    //   --write FILE [--rotate-mb N [--rotate-files K]]   (also --opt=value)
    // Takes these options out of *args into *options (fileName stays empty
    // without --write). False with a translated *error when they are wrong.
    static bool takeArguments(QStringList *args, Options *options, QString *error);

    explicit CaptureRecorder(TrafficStore *store, QObject *parent = nullptr);
    ~CaptureRecorder() override; // stop()

    // Opens the (first) file and starts recording the events from `fromSeq`
    // (0: those appended from now on; events already evicted are skipped).
    // Returns false with errorString() when the file cannot be created.
    bool start(const Options &options, quint64 fromSeq = 0);
    // Writes what the store has recorded so far, closes the file and ends
    // the thread. Returns false when that last write failed (errorString()).
    bool stop();
    bool isRecording() const;

    QString errorString() const { return m_error; }
    // The file being written now (changes with rotation).
    QString currentFileName() const;
    quint64 eventsWritten() const { return m_written.load(); }
    // Events the recorder could not write: evicted past twice the cap.
    quint64 eventsLost() const { return m_lost.load(); }

    // The name of the index-th file of a ring (1-based), as described above.
    static QString rotatedFileName(const QString &fileName, int index, const QDateTime &started);

Q_SIGNALS:
    // Recording stopped on a write error; `message` names the file and the
    // system's reason. Emitted in the recorder's (owner's) thread.
    void failed(const QString &message);
    // A file of the ring was started (also the first one).
    void fileStarted(const QString &fileName);

private:
    friend class CaptureRecorderWorker;
    // Queued from the worker, tagged with the recording they belong to.
    void onWorkerFailed(int generation, const QString &message);
    void onWorkerFileStarted(int generation, const QString &fileName);

    TrafficStore *m_store;
    CallQueue *m_calls; // the worker's calls to this object's thread
    QThread *m_thread = nullptr;
    CaptureRecorderWorker *m_worker = nullptr;
    TrafficStore::HoldId m_hold = 0;
    int m_generation = 0; // counts start()s
    QString m_error;
    QString m_currentFile;
    std::atomic<quint64> m_written{0};
    std::atomic<quint64> m_lost{0};
};
