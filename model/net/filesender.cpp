#include "filesender.h"

#include <QCoreApplication>
#include <QTimer>

FileSender::FileSender(Endpoint *endpoint, const SendTarget &target, const QString &path,
                       bool datagrams, qint64 chunkBytes, qint64 intervalMs, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_target(target)
    , m_file(path)
    , m_datagrams(datagrams)
    , m_chunk(chunkBytes > 0 ? chunkBytes
              : datagrams    ? DefaultDatagramChunk
                             : DefaultStreamChunk)
    , m_intervalMs(intervalMs >= 0 ? intervalMs
                   : datagrams     ? DefaultDatagramIntervalMs
                                   : 0)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &FileSender::step);
    if (endpoint) {
        connect(endpoint, &Endpoint::outputDrained, this, [this] {
            if (m_waitingForDrain) {
                m_waitingForDrain = false;
                step();
            }
        });
        connect(endpoint, &Endpoint::stateChanged, this, [this](SessionState state) {
            if (m_running && !isSessionOpen(state))
                finish(false, tr("The session stopped before the file was sent."));
        });
    }
}

FileSendProgress FileSender::progress() const
{
    return {m_sent, m_total, m_running, m_ok, m_error};
}

void FileSender::start()
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot open %1: %2").arg(m_file.fileName(), m_file.errorString());
        reportProgress(true);
        return;
    }
    m_total = m_file.size();
    m_running = true;
    m_sinceProgress.start();
    reportProgress(true);
    step();
}

void FileSender::cancel()
{
    if (m_running)
        finish(false, tr("Cancelled after %1 of %2 bytes.").arg(m_sent).arg(m_total));
}

void FileSender::step()
{
    if (!m_running)
        return;
    if (!m_endpoint || !m_endpoint->isTargetOpen(m_target)) {
        finish(false, tr("The connection closed before the file was sent."));
        return;
    }
    if (!m_datagrams && m_endpoint->pendingBytes(m_target) > BacklogLimit) {
        // The peer reads slower than we read the file: wait until the socket
        // has handed its backlog to the kernel.
        m_waitingForDrain = true;
        return;
    }
    const QByteArray chunk = m_file.read(m_chunk);
    if (chunk.isEmpty()) {
        if (m_file.error() != QFileDevice::NoError)
            finish(false,
                   tr("Cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
        else
            finish(m_sent == m_total,
                   m_sent == m_total ? QString() : tr("The file shrank while it was sent."));
        return;
    }
    m_endpoint->send(m_target, chunk);
    if (!m_endpoint || !m_running)
        return;
    m_sent += chunk.size();
    m_peakBacklog = qMax(m_peakBacklog, m_endpoint->pendingBytes(m_target));
    if (m_file.atEnd()) {
        finish(m_sent == m_total, QString());
        return;
    }
    reportProgress(false);
    // A zero timer still returns to the event loop between chunks, so the
    // session's reads (and every other session) go on during a large file.
    m_timer->start(int(m_intervalMs));
}

void FileSender::finish(bool ok, const QString &error)
{
    m_running = false;
    m_waitingForDrain = false;
    m_ok = ok;
    m_error = error;
    m_timer->stop();
    m_file.close();
    reportProgress(true);
}

void FileSender::reportProgress(bool force)
{
    if (!force && m_sinceProgress.elapsed() < 50)
        return;
    m_sinceProgress.restart();
    Q_EMIT progressChanged(progress());
}
