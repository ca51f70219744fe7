#include "eventformat.h"

#include "payloadcodec.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QDateTime>

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
    // Formatting a date is slow and events come thousands a second: the part
    // down to the second is formatted once per second.
    thread_local qint64 cachedSecond = -1;
    thread_local QString cachedPrefix;
    const qint64 second = timeUs / 1000000;
    if (second != cachedSecond) {
        cachedPrefix = QDateTime::fromSecsSinceEpoch(second, Qt::UTC)
                           .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss."));
        cachedSecond = second;
    }
    return cachedPrefix + QStringLiteral("%1Z").arg(timeUs % 1000000, 6, 10, QLatin1Char('0'));
}

QString clockTime(qint64 timeUs)
{
    return QDateTime::fromMSecsSinceEpoch(timeUs / 1000).toString(QStringLiteral("HH:mm:ss.zzz"));
}

namespace {

void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    for (char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                out.append("\\u00");
                out.append(hex[c >> 4]);
                out.append(hex[c & 15]);
            } else {
                out.append(char(c)); // valid UTF-8 passes through raw
            }
        }
    }
    out.append('"');
}

void appendHex(QByteArray &out, QByteArrayView bytes)
{
    static const char hex[] = "0123456789abcdef";
    out.append('"');
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        out.append(hex[c >> 4]);
        out.append(hex[c & 15]);
    }
    out.append('"');
}

} // namespace

QByteArray toJson(const TrafficEvent &event, const TrafficStore &store)
{
    const TrafficStore::AddressPair addr = store.addresses(event.addresses);
    const QByteArray payload = store.payload(event);
    QByteArray out;
    out.reserve(200 + payload.size() * 3);
    out.append("{\"seq\":").append(QByteArray::number(event.seq));
    out.append(",\"time\":\"").append(isoTime(event.timeUs).toLatin1()).append('"');
    out.append(",\"time_us\":").append(QByteArray::number(event.timeUs));
    out.append(",\"event\":\"").append(kindKeyword(event.kind).toLatin1()).append('"');
    out.append(",\"session\":").append(QByteArray::number(event.session));
    out.append(",\"session_name\":");
    appendJsonString(out, store.sessionName(event.session).toUtf8());
    out.append(",\"connection\":").append(QByteArray::number(event.connection));
    out.append(",\"local\":");
    appendJsonString(out, addr.local.toUtf8());
    out.append(",\"peer\":");
    appendJsonString(out, addr.peer.toUtf8());
    if (event.hasWirePayload()) {
        out.append(",\"bytes\":").append(QByteArray::number(event.payloadSize));
        if (PayloadCodec::isValidUtf8(payload)) {
            out.append(",\"text\":");
            appendJsonString(out, payload);
        }
        out.append(",\"hex\":");
        appendHex(out, payload);
    } else {
        out.append(",\"bytes\":0");
        if (event.kind == EventKind::Closed) {
            out.append(",\"by\":\"").append(closerKeyword(event.closer).toLatin1()).append('"');
            out.append(",\"reason\":");
            appendJsonString(out, payload);
        } else if (!payload.isEmpty()) {
            out.append(",\"message\":");
            appendJsonString(out, payload);
        }
    }
    out.append('}');
    return out;
}

QByteArray toLine(const TrafficEvent &event, const TrafficStore &store)
{
    const TrafficStore::AddressPair addr = store.addresses(event.addresses);
    QByteArray out;
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cachedClock;
    const qint64 second = event.timeUs / 1000000;
    if (second != cachedSecond) {
        cachedClock = QDateTime::fromSecsSinceEpoch(second)
                          .toString(QStringLiteral("HH:mm:ss."))
                          .toLatin1();
        cachedSecond = second;
    }
    out.append(cachedClock);
    out.append(QByteArray::number(event.timeUs % 1000000).rightJustified(6, '0'));
    out.append(" #").append(QByteArray::number(event.seq));
    out.append(" s").append(QByteArray::number(event.session));
    if (event.connection)
        out.append(" c").append(QByteArray::number(event.connection));
    out.append(' ').append(kindKeyword(event.kind).toLatin1());
    const QByteArray payload = store.payload(event);
    switch (event.kind) {
    case EventKind::Received:
    case EventKind::Sent:
        out.append(event.kind == EventKind::Received ? " from " : " to ");
        out.append(addr.peer.toUtf8());
        out.append(' ').append(QByteArray::number(event.payloadSize)).append(" B \"");
        out.append(PayloadCodec::toEscaped(payload).toUtf8());
        out.append('"');
        break;
    case EventKind::Opened:
        out.append(' ').append(addr.peer.toUtf8()).append(" <-> ").append(addr.local.toUtf8());
        break;
    case EventKind::Closed:
        out.append(' ').append(addr.peer.toUtf8());
        out.append(" by ").append(closerKeyword(event.closer).toLatin1());
        out.append(": ").append(payload);
        break;
    default:
        if (!payload.isEmpty())
            out.append(' ').append(payload);
        break;
    }
    return out;
}

} // namespace EventFormat
