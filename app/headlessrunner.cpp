#include "headlessrunner.h"

#include "engine.h"
#include "eventprinter.h"
#include "headlesssender.h"
#include "sessionkind.h"
#include "standardstreams.h"
#include "trafficstore.h"
#include "udpendpoint.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using StandardStreams::printError;

namespace {

// How much nicer than the engine the printing thread is when the sockets
// have a thread of their own: CFS then gives the engine about three quarters
// of a shared core.
constexpr int PrinterNiceStep = 5;

int g_signalFds[2] = {-1, -1};

void onUnixSignal(int)
{
    const char c = 1;
    // Async-signal-safe: just wake the event loop.
    [[maybe_unused]] const ssize_t n = ::write(g_signalFds[0], &c, 1);
}

} // namespace

HeadlessRunner::HeadlessRunner(QObject *parent)
    : QObject(parent)
    , m_sender(new HeadlessSender(this))
{}

HeadlessRunner::~HeadlessRunner()
{
    delete m_recorder; // reads the store: goes first
    delete m_engine;
    delete m_store;
}

bool HeadlessRunner::isSubcommand(const QString &arg)
{
    return SessionKind::byKeyword(arg) || arg == u"read";
}

QString HeadlessRunner::usage()
{
    // Each session kind's synopsis comes from its definition (syntax, not translated).
    QString kinds;
    for (const SessionKind::Definition &kind : SessionKind::all())
        kinds += u"  socketscope " + QString::fromLatin1(kind.synopsis) + u'\n';
    return tr("Usage:\n"
              "  socketscope                      open the window\n") +
           kinds +
           tr("  Any of them: [--rule 'REGEX=>REPLY']... [--rules FILE.json] [--script FILE]\n"
              "              [--encoding UTF-8|GBK|Latin-1]\n"
              "  socketscope read FILE [--json | --raw]   print a pcap/pcapng capture's events\n"
              "  socketscope read FILE --follow N [--as text|hex|escapes] [--encoding E]\n"
              "              only connection N (the cN of each line), as a transcript:\n"
              "              \"> \" sent, \"< \" received\n"
              "  socketscope --help | --version\n"
              "\n") +
           tr("Window options:\n"
              "  --lang en|zh_CN        the window's language (default: the one chosen in\n"
              "                         View > Language, else the system's)\n"
              "  --session SPEC         start with this session, e.g. --session\n"
              "                         \"tcp-server 127.0.0.1:9999\" (repeatable)\n"
              "  --no-restore           do not restore the saved sessions and layout\n"
              "  --screenshot FILE      save a picture of the window to FILE, then quit\n"
              "  --screenshot-delay MS  milliseconds to wait before the picture (1500)\n"
              "\n") +
           tr("Every event is printed to standard output as it happens (one JSON object per\n"
              "line with --json). Standard input is sent line by line: to the server\n"
              "(tcp-client), to every client (tcp-server) or to the peer (udp).\n"
              "Common options: --name NAME, --memory-cap MIB (events kept in memory,\n"
              "default 256).\n"
              "Recording: --write FILE saves every event as it happens to a capture file for\n"
              "Wireshark (pcapng; pcap when FILE ends in .pcap), flushed every second;\n"
              "--rotate-mb N [--rotate-files K] starts a new file every N MiB and keeps the\n"
              "newest K (FILE_00001_YYYYMMDDHHMMSS.pcapng, ...). A write error stops the\n"
              "recording, not the session.\n"
              "\n") +
           tr("UDP broadcast and multicast: --broadcast allows sending to a broadcast\n"
              "address (SO_BROADCAST). --join GROUP joins an IPv4 or IPv6 multicast group\n"
              "(repeatable; GROUP@SOURCE hears only that sender) while the session runs;\n"
              "bind 0.0.0.0 or :: to receive it. --interface NAME (e.g. eth0) is where\n"
              "groups are joined and multicast is sent; --ttl N the TTL or hop limit\n"
              "(0-255); --multicast-loop on|off whether our own multicast comes back here.\n"
              "\n") +
           HeadlessSender::usage() + u'\n' + StatisticsOptions::usage() +
           tr("\n"
              "Exit codes: 0 done, 1 the connection failed after it was open (e.g. reset)\n"
              "or standard output could not be written, 2 usage error, 3 the socket could\n"
              "not be opened (busy port, refused, unknown host, timeout), 4 a --script\n"
              "step failed (stderr names the line, what was expected and the last bytes\n"
              "that arrived). read: 0 the whole file was read, 1 it is damaged or cut\n"
              "short part way, 3 it cannot be opened or is not a capture.\n");
}

bool HeadlessRunner::configure(const QStringList &argsIn)
{
    QStringList args = argsIn;
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        const QByteArray text = usage().toLocal8Bit();
        StandardStreams::writeAll(STDOUT_FILENO, text.constData(), text.size());
        m_helpShown = true;
        return false;
    }
    m_statistics = StatisticsOptions::take(&args);
    // --memory-cap concerns the store, not the session.
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == u"--memory-cap" || args.at(i).startsWith(u"--memory-cap=")) {
            QString value;
            if (args.at(i).contains(u'=')) {
                value = args.at(i).section(u'=', 1);
                args.removeAt(i);
            } else if (i + 1 < args.size()) {
                value = args.at(i + 1);
                args.remove(i, 2);
            }
            bool ok = false;
            const qint64 mib = value.toLongLong(&ok);
            if (!ok || mib < 1 || mib > 1024 * 1024) {
                printError(tr("--memory-cap needs a size in MiB from 1 to 1048576, not \"%1\".")
                               .arg(value));
                return false;
            }
            m_memoryCap = mib * 1024 * 1024;
            --i;
        }
    }
    QStringList rest;
    QString error;
    if (!CaptureRecorder::takeArguments(&args, &m_recordOptions, &error)) {
        printError(error);
        return false;
    }
    if (!m_sender->takeArguments(&args, &error) ||
        !SessionConfig::fromArguments(args, &m_config, &error, &rest) ||
        !m_sender->validate(m_config, &error)) {
        printError(error);
        printError(tr("Try \"socketscope --help\"."));
        return false;
    }
    for (const QString &flag : std::as_const(rest)) {
        if (flag == u"--json") {
            m_format = EventPrinter::Format::Json;
        } else if (flag == u"--raw") {
            if (!SessionKind::isClient(m_config.kind)) {
                printError(tr("--raw is for tcp-client and unix-client only."));
                return false;
            }
            m_format = EventPrinter::Format::Raw;
        }
    }
    if (rest.contains(QStringLiteral("--json")) && rest.contains(QStringLiteral("--raw"))) {
        printError(tr("Choose one of --json and --raw."));
        return false;
    }
    return true;
}

void HeadlessRunner::start()
{
    m_store = new TrafficStore;
    if (m_memoryCap > 0)
        m_store->setMemoryCap(m_memoryCap);
    // Recording has priority over printing. A datagram not read in time is
    // lost (under a UDP flood the kernel dropped what a thread shared with
    // the printer was too busy to read), and a relay must forward at its
    // peers' pace: those sockets live on the engine's own thread, the
    // printer follows the store at its own pace, and everything here
    // reaches the engine through its queued methods. A stream loses nothing
    // by waiting: TCP's flow control slows its peer to the printer's pace,
    // whereas on its own thread a stream flood was recorded far faster than
    // it could be printed (a 16 KiB chunk is 50 KB of JSON) and left up to
    // the memory cap to print before exiting. (A hold on a stream's
    // reading while the printer was far behind kept that in bounds, but in
    // the hello bench right after, a wake-up of the printer's thread per
    // event gave 0.63x of epoll's rate against 0.88x here; this case varies
    // from 0.62x to 0.88x between runs, so that is not settled.)
    const bool ownThread =
        SessionKind::isDatagram(m_config.kind) || SessionKind::hasTarget(m_config.kind);
    m_engine = new Engine(m_store, ownThread ? Engine::Threading::Own : Engine::Threading::Caller);
    if (ownThread) {
        // Nor for a core: where the printer shares one with the engine (a
        // flood's sender on the other), the engine's reading comes first.
        // Linux gives each thread its own nice value; raising one's own needs
        // no privilege, and threads started from here later inherit it.
        errno = 0;
        const int nice = ::getpriority(PRIO_PROCESS, id_t(::gettid()));
        if (errno == 0)
            ::setpriority(PRIO_PROCESS, id_t(::gettid()), std::min(nice + PrinterNiceStep, 19));
    }
    m_printer = new EventPrinter(*m_store, m_format, this);
    connect(m_printer, &EventPrinter::failed, this, [this] { finish(OutputFailed); });
    connect(m_store, &TrafficStore::eventsAppended, m_printer, &EventPrinter::printNew);
    connect(m_engine, &Engine::sessionChanged, this, &HeadlessRunner::onSessionChanged);
    m_printer->skipRecorded();
    // A recording asked for but impossible ends the run before any socket is
    // opened: traffic that was meant to be kept must not go unrecorded.
    if (!startRecording()) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT exitRequested(OpenFailed); }, Qt::QueuedConnection);
        return;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalFds) == 0) {
        m_signalNotifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, this);
        connect(m_signalNotifier, &QSocketNotifier::activated, this, &HeadlessRunner::onSignal);
        struct sigaction sa = {};
        sa.sa_handler = onUnixSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &sa, nullptr);
        ::sigaction(SIGTERM, &sa, nullptr);
    }
    ::signal(SIGPIPE, SIG_IGN);

    // A script speaks for the session: standard input is not read then (its end
    // would half-close a client in the middle of the exchange).
    if (m_config.script.isEmpty()) {
        m_stdinNotifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_stdinNotifier, &QSocketNotifier::activated, this,
                &HeadlessRunner::onStdinReadable);
    }
    connect(m_engine, &Engine::scriptFinished, this,
            [this](SessionId, ConnectionId, bool ok, const QString &message) {
                onScriptFinished(ok, message);
            });

    m_session = m_engine->addSession(m_config);
    m_sender->start(m_engine, m_store, m_session, m_config.kind);
    m_engine->start(m_session);
}

bool HeadlessRunner::startRecording()
{
    if (m_recordOptions.fileName.isEmpty())
        return true;
    m_recorder = new CaptureRecorder(m_store, this);
    connect(m_recorder, &CaptureRecorder::failed, this, [](const QString &message) {
        printError(message);
        printError(tr("Recording to file stopped; the session keeps running."));
    });
    if (!m_recorder->start(m_recordOptions)) {
        printError(m_recorder->errorString());
        printError(tr("Nothing was started: choose a file that can be written, or leave out "
                      "--write."));
        return false;
    }
    return true;
}

void HeadlessRunner::onSessionChanged()
{
    const Engine::SessionInfo info = m_engine->session(m_session);
    switch (info.state) {
    case SessionState::Listening:
    case SessionState::Connected:
    case SessionState::Bound:
        m_opened = true;
        break;
    case SessionState::Finished:
        // With a script, its end decides the exit code: the peer closing
        // before an expect was met is a failed script, not a finished session.
        if (m_config.script.isEmpty())
            finish(Ok);
        break;
    case SessionState::Error:
        if (m_format != EventPrinter::Format::Raw)
            printError(info.detail);
        finish(m_opened ? ConnectionFailed : OpenFailed);
        break;
    case SessionState::Stopped:
    case SessionState::Starting:
        break;
    }
}

void HeadlessRunner::sendLine(const QByteArray &line)
{
    if (line.isEmpty())
        return;
    // A datagram carries the line as typed, like the tutorial's input(); a
    // stream carries the exact bytes, line ending included (netcat style).
    const bool datagram = SessionKind::isDatagram(m_config.kind);
    const QByteArray bytes = datagram ? line.chopped(line.endsWith("\r\n") ? 2
                                                     : line.endsWith('\n') ? 1
                                                                           : 0)
                                      : line;
    // The session records the refusal as an event; whoever typed the line
    // (or piped it) learns of it where errors go.
    const qsizetype max = m_config.peerHost.contains(u':') ? UdpEndpoint::MaxDatagramIPv6
                                                           : UdpEndpoint::MaxDatagramIPv4;
    if (datagram && bytes.size() > max)
        printError(tr("A line of %1 bytes was not sent: a UDP datagram carries at most %2.")
                       .arg(bytes.size())
                       .arg(max));
    m_engine->send(m_session, SendTarget(), bytes);
}

void HeadlessRunner::onStdinReadable()
{
    char buffer[64 * 1024];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        // End of input: send what is left, then half-close a client. Servers and
        // UDP sockets keep running until a signal or the end of the chat.
        m_stdinNotifier->setEnabled(false);
        sendLine(std::exchange(m_stdinBuffer, {}));
        // A client's --send series or file goes out before the half-close.
        if (SessionKind::isClient(m_config.kind) && !m_sender->isBusy())
            m_engine->finishSending(m_session);
        else if (SessionKind::isClient(m_config.kind))
            connect(m_sender, &HeadlessSender::done, this,
                    [this] { m_engine->finishSending(m_session); });
        return;
    }
    m_stdinBuffer.append(buffer, n);
    qsizetype start = 0;
    for (qsizetype nl; (nl = m_stdinBuffer.indexOf('\n', start)) >= 0; start = nl + 1)
        sendLine(m_stdinBuffer.mid(start, nl + 1 - start));
    m_stdinBuffer.remove(0, start);
}

void HeadlessRunner::onSignal()
{
    char c;
    [[maybe_unused]] const ssize_t n = ::read(g_signalFds[1], &c, 1);
    finish(Ok);
}

void HeadlessRunner::onScriptFinished(bool ok, const QString &message)
{
    // The first run decides: a server with a script is a one-client test
    // partner, a client or UDP session runs it once.
    if (!ok && m_format != EventPrinter::Format::Raw) // raw output prints the recorded error itself
        printError(message);
    finish(ok ? Ok : ScriptFailed);
}

void HeadlessRunner::finish(int code)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_sender->shutDown();
    // Close every socket cleanly and print what that recorded before leaving.
    m_engine->runOnEngineThread([this] {
        if (Endpoint *e = m_engine->endpoint(m_session))
            e->stop();
    });
    m_printer->printNew();
    // A --send series or a --script ends with how fast the peer answered it.
    const bool exchange = m_sender->hasWork() || !m_config.script.isEmpty();
    const RoundTrip::Tally &roundTrips = m_printer->roundTrips();
    if (exchange && m_format == EventPrinter::Format::Lines && roundTrips.stats().count > 0)
        m_printer->write(roundTrips.summary().toUtf8() + '\n');
    if (m_statistics.any())
        m_printer->write(m_statistics.render(*m_store, m_format == EventPrinter::Format::Json));
    if (m_recorder && m_recorder->isRecording() && !m_recorder->stop())
        printError(m_recorder->errorString());
    Q_EMIT exitRequested(m_printer->hasFailed() ? int(OutputFailed) : code);
}
