#pragma once

#include "recordedpayloads.h"
#include "sendformat.h"
#include "sendjobs.h"
#include "sessionconfig.h"
#include "trafficevent.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

class Engine;
class TrafficStore;

// The command line's sender: --send TEXT (repeatable), --hex, --interval MS,
// --count N, --checksum KIND, --send-file PATH and --chunk BYTES, or --replay
// FILE (the payloads of one recorded conversation, see RecordedPayloads). Takes its
// options out of the argument list before the session's own are parsed, then
// drives SendJobs once the socket is open:
//
// - tcp-client: to the server, as soon as it is connected;
// - udp: to the --peer, as soon as the socket is bound;
// - tcp-server: to each client, as soon as it connects, so every client gets
//   the whole series or file (a server has no one to send to before that).
//
// One round sends the --send texts in order; --interval and --count repeat
// the round ({{counter}} is the round's number). Without --hex the texts take
// the send panel's escapes and macros; --checksum is appended to each text.
// --interval with --send-file paces the chunks (UDP: one datagram of --chunk
// bytes per interval).
class HeadlessSender : public QObject
{
    Q_OBJECT

public:
    explicit HeadlessSender(QObject *parent = nullptr);

    // Removes this class's options from *args. Returns false with a sentence in
    // *error for a bad value (the caller exits with 2); `kind` is the session's.
    bool takeArguments(QStringList *args, QString *error);
    // Checks what needs the session's settings (a UDP peer, the chunk size).
    bool validate(const SessionConfig &config, QString *error) const;
    bool hasWork() const
    {
        return !m_messages.isEmpty() || !m_filePath.isEmpty() || !m_replay.isEmpty();
    }

    void start(Engine *engine, TrafficStore *store, SessionId session, SessionConfig::Kind kind);
    // True until a client's or UDP session's sends have ended (always false for
    // a server, whose clients come and go).
    bool isBusy() const { return m_busy; }
    // Stops every send without reporting it (the program is exiting).
    void shutDown();

    static QString usage();

Q_SIGNALS:
    // The client's or UDP session's sends have ended (finished or failed).
    void done();

private:
    bool takeReplay(bool intervalGiven, bool chunkGiven, QString *error);
    void onSessionChanged(SessionId id);
    void onEventsAppended();
    void startJob(const SendTarget &target);
    void onRepeatProgress(SendJobs::JobId job, const RepeatProgress &progress);
    void onFileProgress(SendJobs::JobId job, const FileSendProgress &progress);
    void finishJob(SendJobs::JobId job, const QString &error);

    QStringList m_texts;
    bool m_hex = false;
    qint64 m_intervalMs = -1;
    quint64 m_count = 1;
    bool m_countGiven = false;
    Checksum::Kind m_checksum = Checksum::Kind::None;
    QString m_filePath;
    qint64 m_chunk = 0;
    QList<SendMessage> m_messages;
    QString m_replayPath;
    ConnectionId m_replayConversation = 0;
    RecordedPayloads::Side m_replaySide = RecordedPayloads::Side::Auto;
    bool m_keepSpacing = false;
    QList<ReplaySender::Message> m_replay;
    QString m_replaySummary;

    Engine *m_engine = nullptr;
    TrafficStore *m_store = nullptr;
    SendJobs *m_jobs = nullptr;
    SessionId m_session = 0;
    SessionConfig::Kind m_kind = SessionConfig::Kind::TcpClient;
    bool m_started = false;
    bool m_busy = false;
    quint64 m_connectionSerial = 0;
    QSet<ConnectionId> m_served;
    QSet<SendJobs::JobId> m_running;
};
