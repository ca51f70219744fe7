#include "capturereadrunner.h"

#include "capturereader.h"
#include "conversation.h"
#include "eventformat.h"
#include "standardstreams.h"
#include "statisticsoptions.h"
#include "trafficstore.h"

#include <QFile>

#include <unistd.h>

using StandardStreams::printError;
using StandardStreams::writeAll;

namespace {

enum ExitCode { Ok = 0, Damaged = 1, UsageError = 2, CannotOpen = 3 };
enum class Output { Lines, Json, Raw };

// `--follow N`: only connection N's events; the readable output becomes its
// transcript (Conversation::transcriptLines: "> " sent, "< " received).
struct Follow
{
    ConnectionId connection = 0; // 0: every event
    Conversation::Form form = Conversation::Form::Text;
    PayloadCodec::Encoding encoding = PayloadCodec::Encoding::Utf8;
    quint64 offsets[2] = {0, 0}; // bytes printed per direction, for hex offsets
    quint64 events = 0;          // of that connection, seen so far
};

// Prints the events appended since the last call.
class Printer
{
public:
    Printer(const TrafficStore &store, Output output, Follow *follow)
        : m_store(store)
        , m_output(output)
        , m_follow(follow)
    {}

    void printNew()
    {
        const quint64 last = m_store.lastSeq();
        QByteArray out;
        for (quint64 from = m_printedUpTo + 1; from <= last; from += 4096) {
            const QList<TrafficEvent> events = m_store.events(from, qMin(last, from + 4095));
            for (const TrafficEvent &ev : events) {
                if (m_follow->connection != 0) {
                    if (ev.connection != m_follow->connection)
                        continue;
                    ++m_follow->events;
                    if (m_output == Output::Lines) {
                        appendTranscript(out, ev);
                        continue;
                    }
                }
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
    void appendTranscript(QByteArray &out, const TrafficEvent &ev)
    {
        if (!ev.hasWirePayload())
            return;
        Conversation::Segment segment;
        segment.direction =
            ev.kind == EventKind::Sent ? Conversation::Direction::Out : Conversation::Direction::In;
        segment.bytes = m_store.payload(ev);
        quint64 &offset = m_follow->offsets[segment.direction == Conversation::Direction::Out];
        out.append(
            Conversation::transcriptLines(segment, m_follow->form, m_follow->encoding, offset)
                .toUtf8());
        offset += quint64(segment.bytes.size());
    }

    const TrafficStore &m_store;
    Output m_output;
    Follow *m_follow;
    quint64 m_printedUpTo = 0;
};

} // namespace

int CaptureReadRunner::run(const QStringList &args)
{
    QStringList rest = args;
    const StatisticsOptions statistics = StatisticsOptions::take(&rest);
    return run(rest, statistics);
}

int CaptureReadRunner::run(const QStringList &args, const StatisticsOptions &statistics)
{
    Output output = Output::Lines;
    QString path;
    Follow follow;
    bool formGiven = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == u"--follow" || arg == u"--as" || arg == u"--encoding") {
            if (i + 1 >= args.size()) {
                printError(tr("read: %1 needs a value.").arg(arg));
                return UsageError;
            }
            QString value = args.at(++i);
            if (arg == u"--follow") {
                // "7" or "c7", as the c column of each printed line names it.
                if (value.startsWith(u'c'))
                    value.remove(0, 1);
                bool ok = false;
                follow.connection = value.toUInt(&ok);
                if (!ok || follow.connection == 0) {
                    printError(tr("read: --follow takes a connection number such as 3 or c3 "
                                  "(the c column of \"socketscope read FILE\"), not \"%1\".")
                                   .arg(args.at(i)));
                    return UsageError;
                }
            } else if (arg == u"--as") {
                formGiven = true;
                if (!Conversation::formFromName(value, &follow.form)) {
                    printError(tr("read: --as takes text, hex or escapes, not \"%1\".").arg(value));
                    return UsageError;
                }
            } else if (!PayloadCodec::encodingFromName(value, &follow.encoding)) {
                printError(
                    tr("read: unknown encoding \"%1\": use UTF-8, GBK or Latin-1.").arg(value));
                return UsageError;
            }
        } else if (arg == u"--json" || arg == u"--raw") {
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
    if (statistics.any() && (follow.connection != 0 || output == Output::Raw)) {
        printError(tr("read: --stats and --rate go with --json only, not with --follow or --raw."));
        return UsageError;
    }
    if (formGiven && (follow.connection == 0 || output != Output::Lines)) {
        printError(tr("read: --as is for the transcript of --follow."));
        return UsageError;
    }

    TrafficStore store;
    Printer printer(store, output, &follow);
    CaptureReader reader;
    // One process, one store: the ids saved in a SocketScope file are kept.
    reader.setSessionAllocator([](const QString &, SessionId recorded) {
        return recorded != 0 ? recorded : SessionId(1);
    });
    // Printed batch by batch: the store's memory cap is never reached by a
    // large file, and output starts at once.
    // With --stats or --rate the events are counted, not printed.
    const bool printEvents = !statistics.any();
    reader.setProgressCallback([&printer, printEvents](qint64, qint64) {
        if (printEvents)
            printer.printNew();
    });
    const CaptureReadResult result = reader.read(path, &store);
    if (printEvents) {
        printer.printNew();
    } else {
        const QByteArray text = statistics.render(store, output == Output::Json);
        writeAll(STDOUT_FILENO, text.constData(), text.size());
    }

    const bool opened = result.status == CaptureReadResult::Status::Ok ||
                        result.status == CaptureReadResult::Status::Cancelled ||
                        result.status == CaptureReadResult::Status::Truncated;
    if (opened && follow.connection != 0 && follow.events == 0) {
        printError(tr("%1 has no connection c%2: \"socketscope read %1\" lists them.")
                       .arg(path)
                       .arg(follow.connection));
        return UsageError;
    }

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
