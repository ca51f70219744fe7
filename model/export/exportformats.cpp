#include "exportformats.h"

#include "eventformat.h"
#include "payloadcodec.h"
#include "trafficstore.h"

#include <QCoreApplication>

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

void appendCsvField(QByteArray &out, QByteArrayView field)
{
    bool quote = false;
    for (char c : field) {
        if (c == ',' || c == '"' || c == '\r' || c == '\n') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out.append(field);
        return;
    }
    out.append('"');
    for (char c : field) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

void appendHexDigits(QByteArray &out, QByteArrayView bytes)
{
    const qsizetype start = out.size();
    out.resize(start + bytes.size() * 2);
    char *p = out.data() + start;
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        *p++ = HexDigits[c >> 4];
        *p++ = HexDigits[c & 15];
    }
}

// A state event's words: the close reason with who closed, or the message.
QByteArray stateText(const TrafficEvent &event, const QByteArray &payload)
{
    if (event.kind != EventKind::Closed || event.closer == Closer::None)
        return payload;
    QByteArray text = "by " + EventFormat::closerKeyword(event.closer).toLatin1();
    if (!payload.isEmpty())
        text.append(": ").append(payload);
    return text;
}

// Length of the escape or character starting at `i` of PayloadCodec::toEscaped
// output: "\xNN" is four, other escapes two, a surrogate pair two, else one.
qsizetype tokenLength(const QString &escaped, qsizetype i)
{
    const QChar c = escaped.at(i);
    if (c == QLatin1Char('\\') && i + 1 < escaped.size())
        return escaped.at(i + 1) == QLatin1Char('x') ? 4 : 2;
    if (c.isHighSurrogate() && i + 1 < escaped.size())
        return 2;
    return 1;
}

} // namespace

ExportFormatter::ExportFormatter(const TrafficStore &store)
    : m_store(store)
{}

const QString &ExportFormatter::sessionName(SessionId session)
{
    auto it = m_sessions.find(session);
    if (it == m_sessions.end()) {
        QString name = m_store.sessionName(session);
        if (name.isEmpty())
            name = QString::number(session);
        it = m_sessions.insert(session, name);
    }
    return *it;
}

const QPair<QByteArray, QByteArray> &ExportFormatter::addresses(AddressId id)
{
    auto it = m_addresses.find(id);
    if (it == m_addresses.end()) {
        const TrafficStore::AddressPair pair = m_store.addresses(id);
        it = m_addresses.insert(id, {pair.local.toUtf8(), pair.peer.toUtf8()});
    }
    return *it;
}

QByteArray ExportFormatter::csvHeader()
{
    return QByteArrayLiteral("time,session,direction,local,peer,size,text,hex\r\n");
}

void ExportFormatter::appendCsv(QByteArray &out, const TrafficEvent &event,
                                const QByteArray &payload)
{
    const auto &[local, peer] = addresses(event.addresses);
    out.append(EventFormat::isoTime(event.timeUs).toLatin1()).append(',');
    appendCsvField(out, sessionName(event.session).toUtf8());
    out.append(',').append(EventFormat::kindKeyword(event.kind).toLatin1()).append(',');
    appendCsvField(out, local);
    out.append(',');
    appendCsvField(out, peer);
    out.append(',');
    if (event.hasWirePayload()) {
        out.append(QByteArray::number(event.payloadSize)).append(',');
        if (PayloadCodec::isValidUtf8(payload))
            appendCsvField(out, payload);
        out.append(',');
        appendHexDigits(out, payload);
    } else {
        out.append("0,");
        appendCsvField(out, stateText(event, payload));
        out.append(',');
    }
    out.append("\r\n");
}

void ExportFormatter::appendTranscript(QByteArray &out, const TrafficEvent &event,
                                       const QByteArray &payload)
{
    const auto &[local, peer] = addresses(event.addresses);
    const QByteArray session = sessionName(event.session).toUtf8();
    out.append(EventFormat::isoTime(event.timeUs).toLatin1());
    if (!event.hasWirePayload()) {
        out.append(event.kind == EventKind::Error ? "  !!  " : "  --  ");
        out.append(session).append(": ");
        out.append(EventFormat::kindText(event.kind).toUtf8());
        if (event.kind == EventKind::Opened || event.kind == EventKind::Closed)
            out.append(' ').append(peer);
        const QByteArray text = stateText(event, payload);
        if (!text.isEmpty()) {
            // One line: a message with line breaks would break the layout.
            out.append(event.kind == EventKind::Closed ? ", " : ": ");
            out.append(PayloadCodec::toEscaped(text).toUtf8());
        }
        out.append("\n\n");
        return;
    }

    out.append(event.kind == EventKind::Sent ? "  ->  " : "  <-  ");
    out.append(peer).append("  ").append(session).append(", ");
    // Not "%n byte(s)": without an English catalogue that is what a reader would see.
    out.append((event.payloadSize == 1
                    ? QCoreApplication::translate("EventExport", "1 byte")
                    : QCoreApplication::translate("EventExport", "%1 bytes").arg(event.payloadSize))
                   .toUtf8());
    out.append('\n');

    const QString escaped = PayloadCodec::toEscaped(payload);
    qsizetype lineStart = 0;
    qsizetype i = 0;
    const auto endLine = [&](qsizetype end) {
        out.append("    ").append(QStringView(escaped).mid(lineStart, end - lineStart).toUtf8());
        out.append('\n');
        lineStart = end;
    };
    while (i < escaped.size()) {
        const qsizetype length = tokenLength(escaped, i);
        if (i - lineStart + length > TranscriptWidth)
            endLine(i);
        const bool newline = length == 2 && escaped.at(i) == QLatin1Char('\\') &&
                             escaped.at(i + 1) == QLatin1Char('n');
        i += length;
        if (newline)
            endLine(i);
    }
    if (i > lineStart)
        endLine(i);
    out.append('\n');
}
