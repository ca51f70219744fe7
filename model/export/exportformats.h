#pragma once

#include "trafficevent.h"

#include <QByteArray>
#include <QHash>
#include <QString>

class TrafficStore;

// The text of one event in each export format, appended to a buffer. A
// formatter lives for one export and remembers the session names and address
// pairs it has looked up, so a long export does not ask the store for them per
// event.
class ExportFormatter
{
public:
    explicit ExportFormatter(const TrafficStore &store);

    // CSV (RFC 4180): a header row, then one record per event, CRLF line ends.
    // Columns: time (ISO 8601 UTC, microseconds), session (its name, else its
    // number), direction ("in", "out", or the event: "opened", "closed",
    // "error", ...), local, peer, size (payload bytes; 0 for state events),
    // text (the payload when it is valid UTF-8, else empty; a state event's
    // message), hex (the payload as lower-case hex digits, no separators).
    // Fields with a comma, a quote, CR or LF are quoted, quotes doubled.
    static QByteArray csvHeader();
    void appendCsv(QByteArray &out, const TrafficEvent &event, const QByteArray &payload);

    // A transcript for people to read, one block per event and a blank line
    // after each:
    //   2026-11-22T07:30:01.123456Z  <-  127.0.0.1:50012  TCP hello server, 8 bytes
    //       Michael\n
    // "->" is sent, "<-" received. The payload is shown escaped (see
    // PayloadCodec::toEscaped: \n, \x00, ...), a new line after each \n and
    // long lines wrapped, never inside an escape. State events are one line:
    //   2026-11-22T07:30:01.123456Z  --  TCP hello server: connection opened 127.0.0.1:50012
    // and errors use "!!" instead of "--".
    void appendTranscript(QByteArray &out, const TrafficEvent &event, const QByteArray &payload);

    static constexpr int TranscriptWidth = 96; // escaped characters per payload line

private:
    const QString &sessionName(SessionId session);
    const QPair<QByteArray, QByteArray> &addresses(AddressId id); // local, peer (UTF-8)

    const TrafficStore &m_store;
    QHash<SessionId, QString> m_sessions;
    QHash<AddressId, QPair<QByteArray, QByteArray>> m_addresses;
};
