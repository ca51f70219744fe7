#include "capturereadrunner.h"

#include "capturereader.h"
#include "eventformat.h"
#include "trafficstore.h"

#include <QFile>

#include <cerrno>
#include <unistd.h>

namespace {

enum ExitCode { Ok = 0, Damaged = 1, UsageError = 2, CannotOpen = 3 };
enum class Output { Lines, Json, Raw };

void writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return; // a closed pipe: nothing left to tell
        }
        data += n;
        size -= n;
    }
}

void printError(const QString &text)
{
    const QByteArray line = "socketscope: " + text.toUtf8() + '\n';
    writeAll(STDERR_FILENO, line.constData(), line.size());
}

// Prints the events appended since the last call.
class Printer
{
public:
    Printer(const TrafficStore &store, Output output)
        : m_store(store)
        , m_output(output)
    {}

    void printNew()
    {
        const quint64 last = m_store.lastSeq();
        QByteArray out;
        for (quint64 from = m_printedUpTo + 1; from <= last; from += 4096) {
            const QList<TrafficEvent> events = m_store.events(from, qMin(last, from + 4095));
            for (const TrafficEvent &ev : events) {
                switch (m_output) {
                case Output::Json:
                    out.append(EventFormat::toJson(ev, m_store)).append('\n');
                    break;
                case Output::Lines:
                    out.append(EventFormat::toLine(ev, m_store)).append('\n');
                    break;
                case Output::Raw:
                    if (ev.kind == EventKind::Received)
                        out.append(m_store.payload(ev));
                    else if (ev.kind == EventKind::Error || ev.kind == EventKind::Note)
                        printError(QString::fromUtf8(m_store.payload(ev)));
                    break;
                }
                if (out.size() > 256 * 1024) {
                    writeAll(STDOUT_FILENO, out.constData(), out.size());
                    out.clear();
                }
            }
        }
        m_printedUpTo = last;
        writeAll(STDOUT_FILENO, out.constData(), out.size());
    }

private:
    const TrafficStore &m_store;
    Output m_output;
    quint64 m_printedUpTo = 0;
};

} // namespace

int CaptureReadRunner::run(const QStringList &args)
{
    Output output = Output::Lines;
    QString path;
    for (const QString &arg : args) {
        if (arg == u"--json" || arg == u"--raw") {
            const Output chosen = arg == u"--json" ? Output::Json : Output::Raw;
            if (output != Output::Lines && output != chosen) {
                printError(tr("Choose one of --json and --raw."));
                return UsageError;
            }
            output = chosen;
        } else if (arg.startsWith(u"--") && arg != u"--") {
            printError(tr("read: unknown option \"%1\". Try \"socketscope --help\".").arg(arg));
            return UsageError;
        } else if (path.isEmpty()) {
            path = arg;
        } else {
            printError(tr("read takes one file, not \"%1\" as well.").arg(arg));
            return UsageError;
        }
    }
    if (path.isEmpty()) {
        printError(tr("read needs a capture file: socketscope read FILE [--json | --raw]"));
        return UsageError;
    }

    TrafficStore store;
    Printer printer(store, output);
    CaptureReader reader;
    // One process, one store: the ids saved in a SocketScope file are kept.
    reader.setSessionAllocator([](const QString &, SessionId recorded) {
        return recorded != 0 ? recorded : SessionId(1);
    });
    // Printed batch by batch: the store's memory cap is never reached by a
    // large file, and output starts at once.
    reader.setProgressCallback([&printer](qint64, qint64) { printer.printNew(); });
    const CaptureReadResult result = reader.read(path, &store);
    printer.printNew();

    switch (result.status) {
    case CaptureReadResult::Status::Ok:
    case CaptureReadResult::Status::Cancelled:
        return Ok;
    case CaptureReadResult::Status::Truncated:
        printError(tr("%1: the file is damaged or cut short; %2").arg(path, result.message));
        return Damaged;
    case CaptureReadResult::Status::CannotOpen:
        printError(tr("cannot read %1: %2").arg(path, result.message));
        return CannotOpen;
    }
    return Ok;
}
