#pragma once

#include "trafficevent.h"

#include <QByteArray>
#include <QString>

#include <limits>

class TrafficStore;

// Text forms of recorded events, shared by the headless printer, the log's
// "copy rows" and the tests.
namespace EventFormat {

// Stable machine names: "listening", "bound", "connecting", "opened", "closed",
// "in", "out", "error", "note", "stopped".
QString kindKeyword(EventKind kind);
// "", "local", "peer", "timeout", "limit", "error".
QString closerKeyword(Closer closer);
// Translated words for people: "listening", "connection opened", ...
QString kindText(EventKind kind);
// Translated direction words for people: "in", "out", "state", "error".
QString directionText(EventKind kind);
// "2026-11-22T07:30:01.123456Z" (UTC) and "07:30:01.123" (local time).
QString isoTime(qint64 timeUs);
QString clockTime(qint64 timeUs);

// One JSON object, no trailing newline. Fields: seq, time, time_us, event,
// session, session_name, connection, local, peer, bytes (wire payload size),
// rtt_us (received events that answer a send, see roundtrip.h),
// text (when the payload is valid UTF-8), hex; closed events add "by" and
// "reason"; error and note events add "message". With PayloadFields::Omitted
// there is no "text" and "hex" (a capture file carries the bytes in packets).
enum class PayloadFields { Included, Omitted };
QByteArray toJson(const TrafficEvent &event, const TrafficStore &store,
                  PayloadFields payloadFields = PayloadFields::Included);
// For `rttUs` below: ask the store for a received event's round trip.
constexpr qint64 LookUpRtt = std::numeric_limits<qint64>::min();
// The same object appended to `out`: a caller that formats event after event
// (a capture file's comments) reuses one buffer. A caller that has the round
// trips of a whole block (TrafficStore::roundTrips(), one lock) passes the
// event's as `rttUs` (negative: none) instead of a lookup per event.
void appendJson(QByteArray &out, const TrafficEvent &event, const TrafficStore &store,
                PayloadFields payloadFields = PayloadFields::Included, qint64 rttUs = LookUpRtt);
// The same with the event's payload (or message) already read, as a batch
// from TrafficStore::readBatch() holds it: no lock and no copy per event.
void appendJson(QByteArray &out, const TrafficEvent &event, const TrafficStore &store,
                QByteArrayView payload, qint64 rttUs);
// One readable line, no trailing newline, e.g.
// "07:30:01.123456 #12 s1 c3 in 127.0.0.1:50012 8 B \"Michael\\n\"", with
// " (rtt 1.24 ms)" after a received message that answers a send.
QByteArray toLine(const TrafficEvent &event, const TrafficStore &store);
// The same line appended to `out` (the headless printer's reused buffer);
// `rttUs` as for appendJson().
void appendLine(QByteArray &out, const TrafficEvent &event, const TrafficStore &store,
                qint64 rttUs = LookUpRtt);

} // namespace EventFormat
