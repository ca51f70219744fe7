#pragma once

#include "endpoint.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMetaType>
#include <QObject>
#include <QPointer>

class QTimer;

struct FileSendProgress
{
    qint64 sent = 0;
    qint64 total = 0;
    bool running = false;
    bool ok = false; // finished with every byte sent
    QString error;   // why it stopped early
};
Q_DECLARE_METATYPE(FileSendProgress)

// Sends a file through an endpoint without holding more than one chunk of it:
//
// - Stream (TCP): reads `chunkBytes` (64 KiB by default) at a time and sends
//   it; while the endpoint still holds more than BacklogLimit unsent bytes for
//   the target it waits for Endpoint::outputDrained() before reading the next
//   chunk, so a slow reader pauses the file instead of filling memory. An
//   optional interval paces the chunks.
// - Datagrams (UDP): each chunk is one datagram, one every `intervalMs`.
//
// Every chunk is recorded by the endpoint as one "out" event. A child of the
// endpoint, on its thread: it stops when the session or the target closes.
class FileSender : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 DefaultStreamChunk = 64 * 1024;
    static constexpr qint64 DefaultDatagramChunk = 1024;
    static constexpr qint64 DefaultDatagramIntervalMs = 1;
    static constexpr qint64 BacklogLimit = 256 * 1024;

    FileSender(Endpoint *endpoint, const SendTarget &target, const QString &path, bool datagrams,
               qint64 chunkBytes, qint64 intervalMs, QObject *parent = nullptr);

    // Opens the file and starts; a file that cannot be opened ends at once
    // with the error in progress().
    void start();
    void cancel();
    FileSendProgress progress() const;
    // The largest backlog seen right after a chunk was handed over: with the
    // back-pressure above it stays below BacklogLimit + one chunk.
    qint64 peakBacklog() const { return m_peakBacklog; }

Q_SIGNALS:
    // At most every 50 ms while running, and once at the end (running false).
    void progressChanged(const FileSendProgress &progress);

private:
    void step();
    void finish(bool ok, const QString &error);
    void reportProgress(bool force);

    QPointer<Endpoint> m_endpoint;
    SendTarget m_target;
    QFile m_file;
    bool m_datagrams;
    qint64 m_chunk;
    qint64 m_intervalMs;
    QTimer *m_timer;
    QElapsedTimer m_sinceProgress;
    qint64 m_sent = 0;
    qint64 m_total = 0;
    qint64 m_peakBacklog = 0;
    bool m_running = false;
    bool m_waitingForDrain = false;
    bool m_ok = false;
    QString m_error;
};
