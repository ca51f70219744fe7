#include "eventformat.h"

#include "payloadcodec.h"
#include "roundtrip.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QPair>
#include <QPointer>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

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

constexpr char HexDigits[] = "0123456789abcdef";

// Both hex digits of every byte value: one two-byte copy per byte instead of
// two lookups and two stores, for payloads printed as hex in --json.
constexpr std::array<char, 512> HexPairs = [] {
    std::array<char, 512> pairs{};
    for (int c = 0; c < 256; ++c) {
        pairs[size_t(2 * c)] = HexDigits[c >> 4];
        pairs[size_t(2 * c + 1)] = HexDigits[c & 15];
    }
    return pairs;
}();

// The hex of four bytes as eight characters, worked out in one 64-bit word:
// --json prints every payload byte as hex, and writing two characters at a
// time made the output buffer's stores the printer's bottleneck.
void hexOfFour(const char *in, char *out)
{
    constexpr quint64 Low = 0x000F000F000F000FULL;
    // Each byte into a 16-bit lane of its own, the first byte lowest; taken
    // apart below byte by byte, written out so the compiler makes one store
    // of it (a loop there it did not unroll) on any byte order.
    const auto byte = [in](int i) { return quint64(static_cast<unsigned char>(in[i])); };
    const quint64 lanes = byte(0) | byte(1) << 16 | byte(2) << 32 | byte(3) << 48;
    // High nibble first, then low: one nibble per byte.
    const quint64 nibbles = ((lanes >> 4) & Low) | ((lanes & Low) << 8);
    // '0' + n, and 'a' - '0' - 10 more where n > 9 (n + 6 carries into bit 4).
    const quint64 letters = ((nibbles + 0x0606060606060606ULL) >> 4) & 0x0101010101010101ULL;
    const quint64 text = nibbles + 0x3030303030303030ULL + letters * ('a' - '0' - 10);
    out[0] = char(text);
    out[1] = char(text >> 8);
    out[2] = char(text >> 16);
    out[3] = char(text >> 24);
    out[4] = char(text >> 32);
    out[5] = char(text >> 40);
    out[6] = char(text >> 48);
    out[7] = char(text >> 56);
}

bool plainJsonByte(char ch)
{
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f;
}

// Whether `utf8` needs no escape at all, looked at eight bytes at a time:
// --json prints every payload byte as text, and a flood's payloads are long.
bool allPlainJson(QByteArrayView utf8)
{
    constexpr quint64 Ones = 0x0101010101010101ULL;
    constexpr quint64 Highs = 0x8080808080808080ULL;
    // Nonzero when a byte of x is zero (exact as a yes/no answer).
    const auto anyZero = [](quint64 x) { return (x - Ones) & ~x & Highs; };
    const char *p = utf8.data();
    const char *const end = p + utf8.size();
    for (; end - p >= 8; p += 8) {
        quint64 x;
        std::memcpy(&x, p, sizeof x);
        // A byte below 0x20 (a control character), or '"', '\\', DEL.
        if (((x - Ones * 0x20) & ~x & Highs) || anyZero(x ^ (Ones * '"')) ||
            anyZero(x ^ (Ones * '\\')) || anyZero(x ^ (Ones * 0x7f)))
            return false;
    }
    return std::all_of(p, end, plainJsonByte);
}

// Appends runs of plain characters in one go: per-character appends dominated
// the cost of --json output under a flood.
void appendJsonString(QByteArray &out, QByteArrayView utf8)
{
    if (allPlainJson(utf8)) {
        // The common case (names, addresses) in one copy: each QByteArray
        // append costs more than the few bytes it copies.
        const qsizetype start = out.size();
        out.resize(start + utf8.size() + 2);
        char *p = out.data() + start;
        *p++ = '"';
        if (!utf8.isEmpty())
            std::memcpy(p, utf8.data(), size_t(utf8.size()));
        p[utf8.size()] = '"';
        return;
    }
    out.append('"');
    const char *run = utf8.data();
    const char *end = run + utf8.size();
    for (const char *p = run; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default: {
            const char escaped[6] = {'\\', 'u', '0', '0', HexDigits[c >> 4], HexDigits[c & 15]};
            out.append(escaped, 6);
        }
        }
    }
    out.append(run, end - run);
    out.append('"');
}

// Messages and reasons are meant as text but are bytes in the store; JSON
// must stay valid whatever they hold, so a stray invalid sequence becomes
// U+FFFD (found by fuzzing). Wire payloads never come here: they get "hex",
// and "text" only when they are valid UTF-8.
// The same from a QString: ASCII (addresses, most names) is written as it
// is, without a UTF-8 copy; a connection's first event in a capture comment
// spent more on those copies than on the rest of its JSON.
void appendJsonQString(QByteArray &out, const QString &text)
{
    const auto plain = [](QChar ch) {
        const char16_t c = ch.unicode();
        return c >= 0x20 && c < 0x7f && c != u'"' && c != u'\\';
    };
    if (!std::all_of(text.begin(), text.end(), plain)) {
        appendJsonString(out, text.toUtf8());
        return;
    }
    const qsizetype start = out.size();
    out.resize(start + text.size() + 2);
    char *p = out.data() + start;
    *p++ = '"';
    for (const QChar ch : text)
        *p++ = char(ch.unicode());
    *p = '"';
}

void appendJsonText(QByteArray &out, const QByteArray &bytes)
{
    if (PayloadCodec::isValidUtf8(bytes))
        appendJsonString(out, bytes);
    else
        appendJsonString(out, QString::fromUtf8(bytes).toUtf8());
}

void appendHex(QByteArray &out, QByteArrayView bytes)
{
    const qsizetype start = out.size();
    out.resize(start + 2 + bytes.size() * 2);
    char *p = out.data() + start;
    *p++ = '"';
    const char *in = bytes.data();
    const char *const end = in + bytes.size();
    for (; end - in >= 4; in += 4, p += 8)
        hexOfFour(in, p);
    for (; in != end; ++in, p += 2)
        std::memcpy(p, &HexPairs[size_t(2 * static_cast<unsigned char>(*in))], 2);
    *p = '"';
}

} // namespace

namespace {

// The JSON of the fields that repeat from event to event (session name,
// addresses), kept per thread: under a flood the same few come back for every
// line, and building them again cost locks and allocations per event.
struct JsonFieldCache
{
    // Guarded: a store destroyed and another made at the same address would
    // otherwise be given the first one's address strings.
    QPointer<const TrafficStore> store;
    QHash<SessionId, QPair<QString, QByteArray>> sessions;
    QHash<AddressId, QByteArray> addresses; // address pairs never change once added

    void reset(const TrafficStore *s)
    {
        store = s;
        sessions.clear();
        addresses.clear();
    }
};

} // namespace

namespace {

// append() for the JSON of every event: with the room reserved up front,
// growing the size and copying costs a fraction of QByteArray::insert().
void appendBytes(QByteArray &out, QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    const qsizetype start = out.size();
    out.resize(start + bytes.size());
    std::memcpy(out.data() + start, bytes.data(), size_t(bytes.size()));
}

template <typename Integer> void appendNumber(QByteArray &out, Integer value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end - digits);
}

// isoTime() as Latin-1 without building QStrings: the JSON of every event
// has one, and a capture file's comments come a million at a time.
//
// Writes a time from 1970 on into `p` (at most IsoTimeMax bytes) and returns
// its end, or nullptr when the time is not one of those.
constexpr qsizetype IsoTimeMax = 48;
char *writeIsoTime(char *p, qint64 timeUs)
{
    if (timeUs < 0) // before 1970: as isoTime() has it, whatever that is
        return nullptr;
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cachedPrefix;
    const qint64 second = timeUs / 1000000;
    if (second != cachedSecond) {
        cachedPrefix = QDateTime::fromSecsSinceEpoch(second, Qt::UTC)
                           .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss."))
                           .toLatin1();
        cachedSecond = second;
    }
    if (cachedPrefix.size() > IsoTimeMax - 7)
        return nullptr;
    std::memcpy(p, cachedPrefix.constData(), size_t(cachedPrefix.size()));
    p += cachedPrefix.size();
    qint64 micro = timeUs % 1000000;
    char digits[7] = {'0', '0', '0', '0', '0', '0', 'Z'};
    for (int i = 5; i >= 0 && micro > 0; --i, micro /= 10)
        digits[i] = char('0' + micro % 10);
    std::memcpy(p, digits, 7);
    return p + 7;
}

void appendIsoTime(QByteArray &out, qint64 timeUs)
{
    char buffer[IsoTimeMax];
    if (char *end = writeIsoTime(buffer, timeUs))
        out.append(buffer, end - buffer);
    else
        out.append(isoTime(timeUs).toLatin1());
}

// The fields every event has, up to "session_name", written into a stack
// buffer and appended once: a dozen small QByteArray appends cost more than
// the rest of an event's JSON.
class Head
{
public:
    Head() = default;
    Head(const Head &) = delete;
    Head &operator=(const Head &) = delete;
    void clear() { m_end = m_buffer; }
    void text(QByteArrayView bytes)
    {
        std::memcpy(m_end, bytes.data(), size_t(bytes.size()));
        m_end += bytes.size();
    }
    template <typename Integer> void number(Integer value)
    {
        m_end = std::to_chars(m_end, m_buffer + sizeof m_buffer, value).ptr;
    }
    // As appendIsoTime(); false when writeIsoTime() has no answer (not written).
    bool isoTime(qint64 timeUs)
    {
        char *end = writeIsoTime(m_end, timeUs);
        if (!end)
            return false;
        m_end = end;
        return true;
    }
    QByteArrayView view() const { return QByteArrayView(m_buffer, m_end - m_buffer); }

private:
    // "{"seq":", 20 digits, ","time":"", the time, ""," and so on: at most
    // about 170 bytes.
    char m_buffer[256];
    char *m_end = m_buffer;
};

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

void appendJson(QByteArray &out, const TrafficEvent &event, const TrafficStore &store,
                PayloadFields payloadFields)
{
    thread_local JsonFieldCache cache;
    if (cache.store.data() != &store || cache.addresses.size() > 4096)
        cache.reset(&store);

    const QString name = store.sessionName(event.session); // may change: renamed on bind
    auto session = cache.sessions.find(event.session);
    if (session == cache.sessions.end() || session->first != name) {
        QByteArray json;
        appendJsonQString(json, name);
        session = cache.sessions.insert(event.session, {name, json});
    }
    auto addresses = cache.addresses.constFind(event.addresses);
    if (addresses == cache.addresses.constEnd()) {
        const TrafficStore::AddressPair addr = store.addresses(event.addresses);
        QByteArray json;
        json.reserve(24 + addr.local.size() + addr.peer.size()); // ASCII: grown once
        json.append(",\"local\":");
        appendJsonQString(json, addr.local);
        json.append(",\"peer\":");
        appendJsonQString(json, addr.peer);
        addresses = cache.addresses.insert(event.addresses, json);
    }

    const bool withPayload = payloadFields == PayloadFields::Included || !event.hasWirePayload();
    const QByteArray payload = withPayload ? store.payload(event) : QByteArray();
    out.reserve(out.size() + 200 + session->second.size() + addresses->size() + payload.size() * 3);
    Head head;
    head.text("{\"seq\":");
    head.number(event.seq);
    head.text(",\"time\":\"");
    if (!head.isoTime(event.timeUs)) {
        appendBytes(out, head.view());
        appendIsoTime(out, event.timeUs);
        head.clear();
    }
    head.text("\",\"time_us\":");
    head.number(event.timeUs);
    head.text(",\"event\":\"");
    head.text(kindKey(event.kind));
    head.text("\",\"session\":");
    head.number(event.session);
    head.text(",\"session_name\":");
    appendBytes(out, head.view());
    appendBytes(out, session->second);
    head.clear();
    head.text(",\"connection\":");
    head.number(event.connection);
    appendBytes(out, head.view());
    appendBytes(out, *addresses);
    if (event.hasWirePayload()) {
        appendBytes(out, ",\"bytes\":");
        appendNumber(out, event.payloadSize);
        if (event.kind == EventKind::Received) {
            if (const qint64 rtt = store.roundTripUs(event.seq); rtt >= 0) {
                out.append(",\"rtt_us\":");
                appendNumber(out, rtt);
            }
        }
        if (withPayload) {
            if (PayloadCodec::isValidUtf8(payload)) {
                out.append(",\"text\":");
                appendJsonString(out, payload);
            }
            out.append(",\"hex\":");
            appendHex(out, payload);
        }
    } else {
        appendBytes(out, ",\"bytes\":0");
        if (event.kind == EventKind::Closed) {
            out.append(",\"by\":\"").append(closerKeyword(event.closer).toLatin1()).append('"');
            out.append(",\"reason\":");
            appendJsonText(out, payload);
        } else if (!payload.isEmpty()) {
            out.append(",\"message\":");
            appendJsonText(out, payload);
        }
    }
    appendBytes(out, "}");
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

void appendLine(QByteArray &out, const TrafficEvent &event, const TrafficStore &store)
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
            if (const qint64 rtt = store.roundTripUs(event.seq); rtt >= 0)
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
