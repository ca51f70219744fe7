#include "headlesssender.h"

#include "engine.h"
#include "recordedpayloads.h"
#include "sessionkind.h"
#include "trafficstore.h"
#include "udpendpoint.h"

#include <QFileInfo>

#include <cstdio>

namespace {

constexpr qint64 MaxIntervalMs = 24LL * 3600 * 1000;
// One chunk is one recorded "out" event: at most 64 KiB keeps every event small.
constexpr qint64 MaxStreamChunk = 64 * 1024;

void printError(const QString &text)
{
    std::fprintf(stderr, "socketscope: %s\n", text.toLocal8Bit().constData());
}

} // namespace

HeadlessSender::HeadlessSender(QObject *parent)
    : QObject(parent)
{}

QString HeadlessSender::usage()
{
    return tr("Sending (every kind):\n"
              "  --send TEXT      repeatable; sent in order once the socket is open: to the\n"
              "                   server, to the --peer, or to each client as it connects.\n"
              "                   Escapes (\\r\\n, \\x00) and macros ({{counter}}, {{time}},\n"
              "                   {{random:N}}, {{file:PATH}}) apply.\n"
              "  --hex            the --send texts are hex bytes\n"
              "  --interval MS    repeat the --send texts every MS ms (until stopped, or\n"
              "  --count N        N times; 0 = until stopped); {{counter}} counts the rounds\n"
              "  --checksum KIND  append sum8, xor8, crc16-modbus, crc16-ccitt-false or\n"
              "                   crc32 to each text\n"
              "  --send-file PATH [--chunk BYTES] [--interval MS]\n"
              "                   TCP: the whole file, 64 KiB at a time with back-pressure.\n"
              "                   UDP: one datagram of --chunk bytes (1024) every --interval\n"
              "                   ms (1).\n"
              "  --replay FILE [--conversation N] [--direction in|out] [--keep-spacing]\n"
              "                   send again the payloads one conversation of a capture file\n"
              "                   carried (N from the c column of \"socketscope read FILE\"; by\n"
              "                   default the only one, and the side that opened it), at once\n"
              "                   or with their recorded spacing.\n"
              "With standard input closed (</dev/null), a client half-closes after its sends.\n");
}

bool HeadlessSender::takeArguments(QStringList *args, QString *error)
{
    bool intervalGiven = false;
    bool chunkGiven = false;
    bool conversationGiven = false;
    bool directionGiven = false;
    for (qsizetype i = 0; i < args->size();) {
        const QString arg = args->at(i);
        const QString option = arg.section(u'=', 0, 0);
        static const QStringList WithValue = {
            QStringLiteral("--send"),      QStringLiteral("--interval"),
            QStringLiteral("--count"),     QStringLiteral("--checksum"),
            QStringLiteral("--send-file"), QStringLiteral("--chunk"),
            QStringLiteral("--replay"),    QStringLiteral("--conversation"),
            QStringLiteral("--direction")};
        if (arg == u"--hex" || arg == u"--keep-spacing") {
            (arg == u"--hex" ? m_hex : m_keepSpacing) = true;
            args->removeAt(i);
            continue;
        }
        if (!WithValue.contains(option)) {
            ++i;
            continue;
        }
        QString value;
        if (arg.contains(u'=')) {
            value = arg.section(u'=', 1);
            args->removeAt(i);
        } else if (i + 1 < args->size()) {
            value = args->at(i + 1);
            args->remove(i, 2);
        } else {
            *error = tr("%1 needs a value.").arg(option);
            return false;
        }
        bool ok = false;
        if (option == u"--send") {
            m_texts.append(value);
        } else if (option == u"--interval") {
            m_intervalMs = value.toLongLong(&ok);
            if (!ok || m_intervalMs < 1 || m_intervalMs > MaxIntervalMs) {
                *error = tr("--interval needs milliseconds from 1 to %1, not \"%2\".")
                             .arg(MaxIntervalMs)
                             .arg(value);
                return false;
            }
            intervalGiven = true;
        } else if (option == u"--count") {
            m_count = value.toULongLong(&ok);
            if (!ok) {
                *error = tr("--count needs a number (0 = until stopped), not \"%1\".").arg(value);
                return false;
            }
            m_countGiven = true;
        } else if (option == u"--checksum") {
            if (!Checksum::fromKeyword(value, &m_checksum)) {
                *error = tr("Unknown checksum \"%1\": use none, sum8, xor8, crc16-modbus, "
                            "crc16-ccitt-false or crc32.")
                             .arg(value);
                return false;
            }
        } else if (option == u"--send-file") {
            const QFileInfo info(value);
            if (!info.isFile() || !info.isReadable()) {
                *error = tr("--send-file: \"%1\" is not a readable file.").arg(value);
                return false;
            }
            m_filePath = value;
        } else if (option == u"--chunk") {
            m_chunk = value.toLongLong(&ok);
            if (!ok || m_chunk < 1 || m_chunk > MaxStreamChunk) {
                *error = tr("--chunk needs a size in bytes from 1 to %1, not \"%2\".")
                             .arg(MaxStreamChunk)
                             .arg(value);
                return false;
            }
            chunkGiven = true;
        } else if (option == u"--replay") {
            m_replayPath = value;
        } else if (option == u"--conversation") {
            // "7" or "c7", as the c column of `socketscope read` names it.
            m_replayConversation =
                QStringView(value).mid(value.startsWith(u'c') ? 1 : 0).toUInt(&ok);
            if (!ok || m_replayConversation == 0) {
                *error = tr("--conversation takes a number such as 3 or c3 (the c column of "
                            "\"socketscope read FILE\"), not \"%1\".")
                             .arg(value);
                return false;
            }
            conversationGiven = true;
        } else if (option == u"--direction") {
            if (!RecordedPayloads::sideFromName(value, &m_replaySide)) {
                *error = tr("--direction takes in or out, not \"%1\".").arg(value);
                return false;
            }
            directionGiven = true;
        }
    }

    if (!m_replayPath.isEmpty())
        return takeReplay(intervalGiven, chunkGiven, error);
    if (conversationGiven || directionGiven || m_keepSpacing) {
        *error = tr("%1 applies to --replay FILE.")
                     .arg(conversationGiven ? QStringLiteral("--conversation")
                          : directionGiven  ? QStringLiteral("--direction")
                                            : QStringLiteral("--keep-spacing"));
        return false;
    }

    if (!m_texts.isEmpty() && !m_filePath.isEmpty()) {
        *error = tr("Choose one of --send and --send-file.");
        return false;
    }
    if (m_texts.isEmpty()) {
        const char *needsSend = m_hex                                   ? "--hex"
                                : m_countGiven                          ? "--count"
                                : m_checksum != Checksum::Kind::None    ? "--checksum"
                                : intervalGiven && m_filePath.isEmpty() ? "--interval"
                                                                        : nullptr;
        if (needsSend) {
            *error = tr("%1 applies to --send texts: give at least one --send.")
                         .arg(QLatin1String(needsSend));
            return false;
        }
    }
    if (chunkGiven && m_filePath.isEmpty()) {
        *error = tr("--chunk applies to --send-file.");
        return false;
    }
    if (m_countGiven && !intervalGiven && m_count != 1) {
        *error = tr("--count needs --interval: how far apart are the sends?");
        return false;
    }
    if (intervalGiven && !m_countGiven && m_filePath.isEmpty())
        m_count = 0; // an interval alone repeats until stopped

    const SendFormat format{m_hex ? SendFormat::Mode::Hex : SendFormat::Mode::Escapes,
                            PayloadCodec::Encoding::Utf8, SendFormat::LineEnding::None, m_checksum};
    for (qsizetype i = 0; i < m_texts.size(); ++i) {
        SendMessage message;
        PayloadCodec::ParseResult failure;
        if (!format.compile(m_texts.at(i), &message, &failure)) {
            *error = tr("--send \"%1\": %2").arg(m_texts.at(i), failure.error);
            return false;
        }
        m_messages.append(message);
    }
    return true;
}

bool HeadlessSender::takeReplay(bool intervalGiven, bool chunkGiven, QString *error)
{
    // The recorded bytes go out as they were: nothing that shapes new
    // messages applies to them.
    const char *other = !m_texts.isEmpty()                   ? "--send"
                        : !m_filePath.isEmpty()              ? "--send-file"
                        : m_hex                              ? "--hex"
                        : m_checksum != Checksum::Kind::None ? "--checksum"
                        : m_countGiven                       ? "--count"
                        : intervalGiven                      ? "--interval"
                        : chunkGiven                         ? "--chunk"
                                                             : nullptr;
    if (other) {
        *error = tr("%1 does not go with --replay, which sends the recorded payloads as they "
                    "were (--keep-spacing keeps their timing).")
                     .arg(QLatin1String(other));
        return false;
    }
    RecordedPayloads::Selection selection;
    if (!RecordedPayloads::load(m_replayPath, m_replayConversation, m_replaySide, &selection,
                                error)) {
        *error = tr("--replay: %1").arg(*error);
        return false;
    }
    if (!selection.warning.isEmpty())
        printError(selection.warning);
    const qint64 firstUs = selection.payloads.constFirst().timeUs;
    for (const RecordedPayloads::Payload &payload : std::as_const(selection.payloads))
        m_replay.append({payload.bytes, qMax<qint64>(0, payload.timeUs - firstUs)});
    m_replaySummary = (selection.direction == Conversation::Direction::In
                           ? tr("replaying what c%1 (%2) in %3 received: payloads %4, bytes %5")
                           : tr("replaying what c%1 (%2) in %3 sent: payloads %4, bytes %5"))
                          .arg(selection.conversation)
                          .arg(selection.description, m_replayPath)
                          .arg(selection.payloads.size())
                          .arg(selection.bytes);
    return true;
}

bool HeadlessSender::validate(const SessionConfig &config, QString *error) const
{
    if (!hasWork())
        return true;
    const QString option = !m_replay.isEmpty()    ? QStringLiteral("--replay")
                           : m_filePath.isEmpty() ? QStringLiteral("--send")
                                                  : QStringLiteral("--send-file");
    if (SessionKind::isDatagram(config.kind) && !config.hasPeer()) {
        *error = SessionKind::usesPath(config.kind)
                     ? tr("%1 needs --peer PATH for unix-dgram: where should it go?").arg(option)
                     : tr("%1 needs --peer HOST:PORT for udp: where should it go?").arg(option);
        return false;
    }
    if (SessionKind::isDatagram(config.kind) && m_chunk > UdpEndpoint::MaxDatagramIPv4) {
        *error = tr("--chunk for udp is one datagram: at most %1 bytes.")
                     .arg(UdpEndpoint::MaxDatagramIPv4);
        return false;
    }
    return true;
}

void HeadlessSender::start(Engine *engine, TrafficStore *store, SessionId session,
                           SessionConfig::Kind kind)
{
    if (!hasWork())
        return;
    m_engine = engine;
    m_store = store;
    m_session = session;
    m_kind = kind;
    m_busy = !SessionKind::isServer(kind);
    m_jobs = new SendJobs(engine, this);
    if (!m_replaySummary.isEmpty())
        printError(m_replaySummary);
    connect(m_jobs, &SendJobs::repeatProgress, this, &HeadlessSender::onRepeatProgress);
    connect(m_jobs, &SendJobs::fileProgress, this, &HeadlessSender::onFileProgress);
    if (SessionKind::isServer(kind))
        connect(store, &TrafficStore::eventsAppended, this, &HeadlessSender::onEventsAppended);
    else
        connect(engine, &Engine::sessionChanged, this, &HeadlessSender::onSessionChanged);
}

void HeadlessSender::shutDown()
{
    delete m_jobs;
    m_jobs = nullptr;
    m_running.clear();
    m_busy = false;
}

void HeadlessSender::onSessionChanged(SessionId id)
{
    if (id != m_session || m_started || !isSessionOpen(m_engine->session(id).state))
        return;
    m_started = true;
    startJob(SendTarget());
}

void HeadlessSender::onEventsAppended()
{
    // A server's new clients: each gets its own series or file.
    const QList<TrafficStore::ConnectionInfo> changed =
        m_store->connectionsChangedSince(m_connectionSerial, &m_connectionSerial);
    for (const TrafficStore::ConnectionInfo &info : changed) {
        if (info.session != m_session || info.datagram ||
            info.state != TrafficStore::ConnectionState::Open || m_served.contains(info.id))
            continue;
        m_served.insert(info.id);
        startJob(SendTarget::toConnection(info.id));
    }
}

void HeadlessSender::startJob(const SendTarget &target)
{
    if (!m_jobs)
        return;
    SendJobs::JobId job;
    if (!m_replay.isEmpty()) {
        SendJobs::Replay replay;
        replay.target = target;
        replay.messages = m_replay;
        replay.keepSpacing = m_keepSpacing;
        job = m_jobs->startReplay(m_session, replay);
    } else if (!m_filePath.isEmpty()) {
        SendJobs::File file;
        file.target = target;
        file.path = m_filePath;
        file.chunkBytes = m_chunk;
        file.intervalMs = m_intervalMs;
        job = m_jobs->startFile(m_session, file);
    } else {
        SendJobs::Repeat repeat;
        repeat.target = target;
        repeat.messages = m_messages;
        repeat.intervalMs = qMax<qint64>(1, m_intervalMs);
        repeat.count = m_count;
        job = m_jobs->startRepeat(m_session, repeat);
    }
    m_running.insert(job);
}

void HeadlessSender::onRepeatProgress(SendJobs::JobId job, const RepeatProgress &progress)
{
    if (!progress.running)
        finishJob(job, progress.error);
}

void HeadlessSender::onFileProgress(SendJobs::JobId job, const FileSendProgress &progress)
{
    if (!progress.running && (progress.ok || !progress.error.isEmpty()))
        finishJob(job, progress.error);
}

void HeadlessSender::finishJob(SendJobs::JobId job, const QString &error)
{
    if (!m_running.remove(job))
        return;
    if (!error.isEmpty() && !SessionKind::isServer(m_kind))
        printError(error);
    if (m_busy && m_running.isEmpty()) {
        m_busy = false;
        Q_EMIT done();
    }
}
