#include "conversation.h"

#include "trafficstore.h"

#include <QCoreApplication>
#include <QStringList>

#include <utility>

namespace {

// Text as a person reads it: line breaks kept, "\r\n" as one break, every
// other control character a middle dot (Wireshark shows '.'), so nothing
// invisible moves the lines about or hides in a saved transcript.
QString readable(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    for (QChar &ch : text) {
        const char16_t c = ch.unicode();
        if (c == u'\n' || c == u'\t' || (c >= 0x20 && c != 0x7f))
            continue;
        ch = QChar(char16_t(0x00b7));
    }
    return text;
}

} // namespace

namespace Conversation {

Reader::Reader(const TrafficStore *store, ConnectionId connection)
    : m_store(store)
    , m_connection(connection)
{
    TrafficStore::ConnectionInfo info;
    if (m_store->connection(connection, &info))
        m_session = info.session;
}

void Reader::restart()
{
    m_next = 0;
    m_missed = 0;
    m_ended = false;
}

bool Reader::readMore(QList<Segment> *out, quint64 budget)
{
    const quint64 first = m_store->firstSeq();
    const quint64 last = m_store->lastSeq();
    if (m_next == 0) {
        m_next = first;
    } else if (m_next < first) {
        // Evicted (or cleared) before we got there: counted, never pretended.
        m_missed += first - m_next;
        m_next = first;
    }
    // Slices of a few thousand events: one short lock each, little copying.
    constexpr quint64 Slice = 4096;
    quint64 looked = 0;
    while (m_next <= last && looked < budget) {
        const quint64 to = qMin(last, m_next + qMin(Slice, budget - looked) - 1);
        const QList<TrafficEvent> events = m_store->events(m_next, to);
        for (const TrafficEvent &event : events) {
            if (event.connection == m_connection) {
                if (event.hasWirePayload()) {
                    Segment segment;
                    segment.seq = event.seq;
                    segment.timeUs = event.timeUs;
                    segment.direction =
                        event.kind == EventKind::Sent ? Direction::Out : Direction::In;
                    segment.bytes = m_store->payload(event);
                    // Evicted between the two reads: nothing to show for it.
                    if (segment.bytes.size() == qsizetype(event.payloadSize))
                        out->append(segment);
                    else
                        ++m_missed;
                } else if (event.kind == EventKind::Closed) {
                    m_ended = true;
                }
            } else if (event.kind == EventKind::Stopped && event.session == m_session &&
                       m_session != 0) {
                m_ended = true;
            }
        }
        looked += to - m_next + 1;
        m_next = to + 1;
    }
    return m_next > last;
}

QString formName(Form form)
{
    switch (form) {
    case Form::Hex:
        return QStringLiteral("hex");
    case Form::Escapes:
        return QStringLiteral("escapes");
    case Form::Text:
        break;
    }
    return QStringLiteral("text");
}

bool formFromName(QStringView name, Form *form)
{
    for (const Form candidate : {Form::Text, Form::Hex, Form::Escapes}) {
        if (name.compare(formName(candidate), Qt::CaseInsensitive) == 0) {
            *form = candidate;
            return true;
        }
    }
    return false;
}

QString render(const Segment &segment, Form form, PayloadCodec::Encoding encoding,
               quint64 directionOffset)
{
    switch (form) {
    case Form::Hex: {
        // Offsets count this direction's bytes, as in Wireshark's hex dump, so
        // a reader can tell where in the stream a byte is.
        QString dump = PayloadCodec::toHexDump(segment.bytes);
        if (directionOffset == 0)
            return dump;
        QStringList lines = dump.split(QLatin1Char('\n'));
        quint64 offset = directionOffset;
        for (QString &line : lines) {
            const int digits = int(line.indexOf(QLatin1Char(' ')));
            const QString number = QStringLiteral("%1").arg(offset, 8, 16, QLatin1Char('0'));
            line.replace(0, digits, number);
            offset += 16;
        }
        return lines.join(QLatin1Char('\n'));
    }
    case Form::Escapes:
        return PayloadCodec::toEscaped(segment.bytes, false);
    case Form::Text:
        break;
    }
    return readable(PayloadCodec::decode(segment.bytes, encoding));
}

QString transcriptLines(const Segment &segment, Form form, PayloadCodec::Encoding encoding,
                        quint64 directionOffset)
{
    const QString prefix =
        segment.direction == Direction::Out ? QStringLiteral("> ") : QStringLiteral("< ");
    QStringList lines = render(segment, form, encoding, directionOffset).split(QLatin1Char('\n'));
    if (lines.size() > 1 && lines.constLast().isEmpty())
        lines.removeLast();
    QString out;
    for (const QString &line : std::as_const(lines))
        out += prefix + line + QLatin1Char('\n');
    return out;
}

Direction openingSide(bool datagram, bool openedByUs, Direction firstSpeaker)
{
    if (datagram)
        return firstSpeaker;
    return openedByUs ? Direction::Out : Direction::In;
}

QString describe(const TrafficStore &store, ConnectionId connection)
{
    TrafficStore::ConnectionInfo info;
    if (!store.connection(connection, &info))
        return QCoreApplication::translate("Conversation", "connection %1").arg(connection);
    const TrafficStore::AddressPair pair = store.addresses(info.addresses);
    const QString protocol = info.datagram ? QStringLiteral("UDP") : QStringLiteral("TCP");
    return QCoreApplication::translate("Conversation", "%1 ⇄ %2 (%3)")
        .arg(pair.local.isEmpty() ? QStringLiteral("?") : pair.local,
             pair.peer.isEmpty() ? QStringLiteral("?") : pair.peer, protocol);
}

} // namespace Conversation
