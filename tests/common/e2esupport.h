#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QTest>

#include <functional>

#include <unistd.h>

// Shared by the end-to-end tests: a child process whose standard output is
// collected while the test's own event loop runs (the test's sockets must keep
// working while it waits, so QProcess::waitFor* is not used for long waits).
namespace E2e {

// Resident memory of a process in bytes, from /proc (0 when unreadable).
// AddressSanitizer keeps freed memory in its quarantine and ThreadSanitizer
// keeps shadow memory and histories that grow with what the program touches,
// so under either this says nothing of a memory bound: checks skip then
// (kMemoryIsMeasurable; the normal build checks them).
inline qint64 residentBytes(qint64 pid)
{
    QFile statm(QStringLiteral("/proc/%1/statm").arg(pid));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * ::sysconf(_SC_PAGESIZE) : 0;
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kMemoryIsMeasurable = false;
#else
constexpr bool kMemoryIsMeasurable = true;
#endif

inline QString binary()
{
    return qEnvironmentVariable("SOCKETSCOPE_BINARY");
}

inline QString jsonString(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

inline bool isEvent(const QJsonObject &o, const char *kind)
{
    return jsonString(o, "event") == QLatin1String(kind);
}

class Process
{
public:
    using Predicate = std::function<bool(const QJsonObject &)>;

    Process()
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process,
                         [this] { collect(); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { m_stderr += m_process.readAllStandardError(); });
    }
    ~Process() { kill(); }
    Process(const Process &) = delete;
    Process &operator=(const Process &) = delete;

    QProcess &process() { return m_process; }

    // Starts `program` (socketscope by default) and waits until it runs.
    bool start(const QStringList &args, const QString &program = binary())
    {
        m_process.start(program, args);
        return m_process.waitForStarted(10000);
    }

    // Off for --raw output: standard output is then kept as bytes only.
    void setParseJson(bool on) { m_parseJson = on; }
    void write(const QByteArray &bytes) { m_process.write(bytes); }
    void closeStdin() { m_process.closeWriteChannel(); }

    // Waits, with the event loop running, until the process has exited.
    bool waitFinished(int timeoutMs)
    {
        const bool done = QTest::qWaitFor(
            [this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
        collect();
        m_stderr += m_process.readAllStandardError();
        return done;
    }

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    int exitCode() const { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }

    const QByteArray &stdoutBytes() const { return m_stdout; }
    const QByteArray &stderrBytes() const { return m_stderr; }
    const QList<QJsonObject> &events() const { return m_events; }
    // Lines of standard output that are not JSON objects (none with --json).
    const QList<QByteArray> &badLines() const { return m_badLines; }

    qsizetype indexOf(const Predicate &match, qsizetype from = 0) const
    {
        for (qsizetype i = from; i < m_events.size(); ++i) {
            if (match(m_events.at(i)))
                return i;
        }
        return -1;
    }

    // How many of the events so far are of `kind` ("in", "closed", ...).
    qsizetype countEvents(const char *kind) const
    {
        qsizetype count = 0;
        for (const QJsonObject &o : m_events)
            count += isEvent(o, kind);
        return count;
    }

    // Waits until an event at `from` or later matches; its index, or -1.
    qsizetype waitForEvent(const Predicate &match, qsizetype from = 0, int timeoutMs = 10000)
    {
        // Stops early when the process has exited (nothing more will come) or
        // printed a line that is not JSON (the test fails on that anyway).
        const bool settled = QTest::qWaitFor(
            [&] {
                return indexOf(match, from) >= 0 || !isRunning() ||
                       (m_parseJson && !m_badLines.isEmpty());
            },
            timeoutMs);
        collect();
        return settled ? indexOf(match, from) : -1;
    }

    qsizetype waitForEvent(const char *kind, qsizetype from = 0, int timeoutMs = 10000)
    {
        return waitForEvent([kind](const QJsonObject &o) { return isEvent(o, kind); }, from,
                            timeoutMs);
    }

    bool waitForStdout(const QByteArray &needle, int timeoutMs = 10000)
    {
        return QTest::qWaitFor([&] { return m_stdout.contains(needle) || !isRunning(); },
                               timeoutMs) &&
               m_stdout.contains(needle);
    }

    // For failure messages: what the process said.
    QByteArray transcript() const
    {
        return "stdout:\n" + m_stdout.right(4000) + "\nstderr:\n" + m_stderr.right(2000);
    }

    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished(5000);
    }

private:
    void collect()
    {
        m_stdout += m_process.readAllStandardOutput();
        if (!m_parseJson)
            return;
        for (qsizetype nl; (nl = m_stdout.indexOf('\n', m_parsedUpTo)) >= 0;
             m_parsedUpTo = nl + 1) {
            const QByteArray line = m_stdout.mid(m_parsedUpTo, nl - m_parsedUpTo);
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (error.error == QJsonParseError::NoError && doc.isObject())
                m_events.append(doc.object());
            else
                m_badLines.append(line);
        }
    }

    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    qsizetype m_parsedUpTo = 0;
    bool m_parseJson = true;
    QList<QJsonObject> m_events;
    QList<QByteArray> m_badLines;
};

// Reads from `socket` into `*buffer` until it holds at least `size` bytes.
inline bool readAtLeast(QAbstractSocket *socket, QByteArray *buffer, qsizetype size,
                        int timeoutMs = 10000)
{
    return QTest::qWaitFor(
        [&] {
            *buffer += socket->readAll();
            return buffer->size() >= size;
        },
        timeoutMs);
}

} // namespace E2e
