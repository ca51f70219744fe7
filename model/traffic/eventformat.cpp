#include "eventformat.h"

#include "jsoncursor.h"
#include "payloadcodec.h"
#include "roundtrip.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QPair>
#include <QPointer>

#include <charconv>

namespace EventFormat {

QString kindKeyword(EventKind kind)
{
    switch (kind) {
    case EventKind::Listening:
        return QStringLiteral("listening");
    case EventKind::Bound:
        return QStringLiteral("bound");
    case EventKind::Connecting:
        return QStringLiteral("connecting");
    case EventKind::Opened:
        return QStringLiteral("opened");
    case EventKind::Closed:
        return QStringLiteral("closed");
    case EventKind::Received:
        return QStringLiteral("in");
    case EventKind::Sent:
        return QStringLiteral("out");
    case EventKind::Error:
        return QStringLiteral("error");
    case EventKind::Note:
        return QStringLiteral("note");
    case EventKind::Stopped:
        return QStringLiteral("stopped");
    }
    return QStringLiteral("unknown");
}

QString kindText(EventKind kind)
{
    switch (kind) {
    case EventKind::Listening:
        return QCoreApplication::translate("EventFormat", "listening");
    case EventKind::Bound:
        return QCoreApplication::translate("EventFormat", "bound");
    case EventKind::Connecting:
        return QCoreApplication::translate("EventFormat", "connecting");
    case EventKind::Opened:
        return QCoreApplication::translate("EventFormat", "connection opened");
    case EventKind::Closed:
        return QCoreApplication::translate("EventFormat", "connection closed");
    case EventKind::Received:
        return QCoreApplication::translate("EventFormat", "received");
    case EventKind::Sent:
        return QCoreApplication::translate("EventFormat", "sent");
    case EventKind::Error:
        return QCoreApplication::translate("EventFormat", "error");
    case EventKind::Note:
        return QCoreApplication::translate("EventFormat", "note");
    case EventKind::Stopped:
        return QCoreApplication::translate("EventFormat", "stopped");
    }
    return {};
}

QString closerKeyword(Closer closer)
{
    switch (closer) {
    case Closer::None:
        return QString();
    case Closer::Local:
        return QStringLiteral("local");
    case Closer::Peer:
        return QStringLiteral("peer");
    case Closer::Timeout:
        return QStringLiteral("timeout");
    case Closer::Limit:
        return QStringLiteral("limit");
    case Closer::Error:
        return QStringLiteral("error");
    }
    return QString();
}

QString directionText(EventKind kind)
{
    switch (kind) {
    case EventKind::Received:
        return QCoreApplication::translate("EventFormat", "in");
    case EventKind::Sent:
        return QCoreApplication::translate("EventFormat", "out");
    case EventKind::Error:
        return QCoreApplication::translate("EventFormat", "error");
    default:
        return QCoreApplication::translate("EventFormat", "state");
    }
}

QString isoTime(qint64 timeUs)
{
    QByteArray text;
    JsonCursor(text, JsonCursor::IsoTimeMax).isoTime(timeUs);
    return QString::fromLatin1(text);
}

QString clockTime(qint64 timeUs)
{
    return QDateTime::fromMSecsSinceEpoch(timeUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
}

namespace {

// Messages and reasons are meant as text but are bytes in the store; JSON
// must stay valid whatever they hold, so a stray invalid sequence becomes
// U+FFFD (found by fuzzing). Wire payloads never come here: they get "hex",
// and "text" only when they are valid UTF-8.
void writeJsonText(JsonCursor &json, QByteArrayView bytes)
{
    if (PayloadCodec::isValidUtf8(bytes))
        json.utf8String(bytes);
    else
        json.utf8String(QString::fromUtf8(bytes).toUtf8());
}

// The JSON of the fields that repeat from event to event (session name,
// addresses), kept per thread: under a flood the same few come back for every
// line, and building them again cost locks and allocations per event.
struct JsonFieldCache
{
    // Guarded: a store destroyed and another made at the same address would
    // otherwise be given the first one's address strings.
    QPointer<const TrafficStore> store;
    // Session names as JSON strings, as of the store's names revision: a
    // session may be renamed (on bind), which bumps the revision.
    quint64 namesRevision = 0;
    QHash<SessionId, QByteArray> sessions;
    QHash<AddressId, QByteArray> addresses; // address pairs never change once added

    void reset(const TrafficStore *s)
    {
        store = s;
        namesRevision = s->sessionNamesRevision();
        sessions.clear();
        addresses.clear();
    }
};

template <typename Integer> void appendNumber(QByteArray &out, Integer value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end - digits);
}

QByteArrayView kindKey(EventKind kind)
{
    switch (kind) {
    case EventKind::Listening:
        return "listening";
    case EventKind::Bound:
        return "bound";
    case EventKind::Connecting:
        return "connecting";
    case EventKind::Opened:
        return "opened";
    case EventKind::Closed:
        return "closed";
    case EventKind::Received:
        return "in";
    case EventKind::Sent:
        return "out";
    case EventKind::Error:
        return "error";
    case EventKind::Note:
        return "note";
    case EventKind::Stopped:
        return "stopped";
    }
    return "unknown";
}

} // namespace

QByteArray toJson(const TrafficEvent &event, const TrafficStore &store, PayloadFields payloadFields)
{
    QByteArray out;
    appendJson(out, event, store, payloadFields);
    return out;
}

namespace {

// `payload` is the event's (its message or reason, for an event without
// bytes on the wire); text and hex are written for wire payloads only
// `withPayload`.
void appendJsonWith(QByteArray &out, const TrafficEvent &event, const TrafficStore &store,
                    bool withPayload, QByteArrayView payload, qint64 rttUs)
{
    thread_local JsonFieldCache cache;
    if (cache.store.data() != &store || cache.addresses.size() > 4096)
        cache.reset(&store);

    // The revision first, then the names (as TrafficStore asks).
    if (const quint64 revision = store.sessionNamesRevision(); revision != cache.namesRevision) {
        cache.namesRevision = revision;
        cache.sessions.clear();
    }
    auto session = cache.sessions.constFind(event.session);
    if (session == cache.sessions.constEnd()) {
        const QString name = store.sessionName(event.session);
        QByteArray json;
        JsonCursor(json, name.size() + 2).string(name);
        session = cache.sessions.insert(event.session, json);
    }
    auto addresses = cache.addresses.constFind(event.addresses);
    if (addresses == cache.addresses.constEnd()) {
        const TrafficStore::AddressPair addr = store.addresses(event.addresses);
        QByteArray json;
        {
            JsonCursor cursor(json, 22 + addr.local.size() + addr.peer.size()); // ASCII: fits
            cursor.raw(",\"local\":");
            cursor.string(addr.local);
            cursor.raw(",\"peer\":");
            cursor.string(addr.peer);
        }
        addresses = cache.addresses.insert(event.addresses, json);
    }

    // Room for the usual case: a payload's text and hex, the fixed fields.
    JsonCursor json(out, 256 + session->size() + addresses->size() + payload.size() * 3);
    json.raw("{\"seq\":");
    json.number(event.seq);
    json.raw(",\"time\":\"");
    json.isoTime(event.timeUs);
    json.raw("\",\"time_us\":");
    json.number(event.timeUs);
    json.raw(",\"event\":\"");
    json.raw(kindKey(event.kind));
    json.raw("\",\"session\":");
    json.number(event.session);
    json.raw(",\"session_name\":");
    json.raw(*session);
    json.raw(",\"connection\":");
    json.number(event.connection);
    json.raw(*addresses);
    if (event.hasWirePayload()) {
        json.raw(",\"bytes\":");
        json.number(event.payloadSize);
        if (event.kind == EventKind::Received) {
            if (const qint64 rtt = rttUs == LookUpRtt ? store.roundTripUs(event.seq) : rttUs;
                rtt >= 0) {
                json.raw(",\"rtt_us\":");
                json.number(rtt);
            }
        }
        if (withPayload) {
            if (PayloadCodec::isValidUtf8(payload)) {
                json.raw(",\"text\":");
                json.utf8String(payload);
            }
            json.raw(",\"hex\":");
            json.hexString(payload);
        }
    } else {
        json.raw(",\"bytes\":0");
        if (event.kind == EventKind::Closed) {
            json.raw(",\"by\":\"");
            json.raw(closerKeyword(event.closer).toLatin1());
            json.raw("\",\"reason\":");
            writeJsonText(json, payload);
        } else if (!payload.isEmpty()) {
            json.raw(",\"message\":");
            writeJsonText(json, payload);
        }
    }
    json.raw("}");
}

} // namespace

void appendJson(QByteArray &out, const TrafficEvent &event, const TrafficStore &store,
                PayloadFields payloadFields, qint64 rttUs)
{
    const bool withPayload = payloadFields == PayloadFields::Included || !event.hasWirePayload();
    const QByteArray payload = withPayload ? store.payload(event) : QByteArray();
    appendJsonWith(out, event, store, withPayload, payload, rttUs);
}

void appendJson(QByteArray &out, const TrafficEvent &event, const TrafficStore &store,
                QByteArrayView payload, qint64 rttUs)
{
    appendJsonWith(out, event, store, true, payload, rttUs);
}

namespace {

// Messages, reasons and addresses as they are, unless they hold a line break
// or another control character (an end word may): then escaped, so that one
// event stays one line.
QByteArray oneLine(const QByteArray &text)
{
    for (const char c : text) {
        if (uchar(c) < 0x20 || uchar(c) == 0x7f)
            return PayloadCodec::toEscaped(text).toUtf8();
    }
    return text;
}

} // namespace

QByteArray toLine(const TrafficEvent &event, const TrafficStore &store)
{
    QByteArray out;
    appendLine(out, event, store);
    return out;
}

void appendLine(QByteArray &out, const TrafficEvent &event, const TrafficStore &store, qint64 rttUs)
{
    const TrafficStore::AddressPair addr = store.addresses(event.addresses);
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cachedClock;
    const qint64 second = event.timeUs / 1000000;
    if (second != cachedSecond) {
        cachedClock =
            QDateTime::fromSecsSinceEpoch(second).toString(QStringLiteral("HH:mm:ss.")).toLatin1();
        cachedSecond = second;
    }
    out.append(cachedClock);
    if (const qint64 micro = event.timeUs % 1000000; micro >= 0) {
        char digits[6] = {'0', '0', '0', '0', '0', '0'};
        for (qint64 rest = micro, i = 5; i >= 0 && rest > 0; --i, rest /= 10)
            digits[i] = char('0' + rest % 10);
        out.append(digits, 6);
    } else { // before 1970, as it always was printed
        out.append(QByteArray::number(micro).rightJustified(6, '0'));
    }
    out.append(" #");
    appendNumber(out, event.seq);
    out.append(" s");
    appendNumber(out, event.session);
    if (event.connection) {
        out.append(" c");
        appendNumber(out, event.connection);
    }
    out.append(' ').append(kindKey(event.kind));
    const QByteArray payload = store.payload(event);
    switch (event.kind) {
    case EventKind::Received:
    case EventKind::Sent:
        out.append(event.kind == EventKind::Received ? " from " : " to ");
        out.append(oneLine(addr.peer.toUtf8()));
        out.append(' ');
        appendNumber(out, event.payloadSize);
        out.append(" B \"");
        out.append(PayloadCodec::toEscaped(payload).toUtf8());
        out.append('"');
        if (event.kind == EventKind::Received) {
            if (const qint64 rtt = rttUs == LookUpRtt ? store.roundTripUs(event.seq) : rttUs;
                rtt >= 0)
                out.append(" (rtt ").append(RoundTrip::text(rtt).toUtf8()).append(')');
        }
        break;
    case EventKind::Opened:
        out.append(' ').append(oneLine(addr.peer.toUtf8())).append(" <-> ");
        out.append(oneLine(addr.local.toUtf8()));
        break;
    case EventKind::Closed:
        out.append(' ').append(oneLine(addr.peer.toUtf8()));
        out.append(" by ").append(closerKeyword(event.closer).toLatin1());
        out.append(": ").append(oneLine(payload));
        break;
    default:
        if (!payload.isEmpty())
            out.append(' ').append(oneLine(payload));
        break;
    }
}

} // namespace EventFormat
