#include "jsoncursor.h"

#include <QDateTime>

#include <algorithm>
#include <array>
#include <limits>

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

// A lambda rather than a function: passed to an algorithm, a function goes
// by pointer and is called per byte instead of being inlined.
constexpr auto plainJsonByte = [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c != '"' && c != '\\' && c != 0x7f;
};

// The length of the run of bytes from `p` that need no escape, looked at
// eight bytes at a time: --json prints every payload byte as text, and a
// flood's payloads are long.
qsizetype plainRun(const char *p, const char *end)
{
    constexpr quint64 Ones = 0x0101010101010101ULL;
    constexpr quint64 Highs = 0x8080808080808080ULL;
    // Nonzero when a byte of x is zero (exact as a yes/no answer).
    const auto anyZero = [](quint64 x) { return (x - Ones) & ~x & Highs; };
    const char *q = p;
    for (; end - q >= 8; q += 8) {
        quint64 x;
        std::memcpy(&x, q, sizeof x);
        // A byte below 0x20 (a control character), or '"', '\\', DEL.
        if (((x - Ones * 0x20) & ~x & Highs) || anyZero(x ^ (Ones * '"')) ||
            anyZero(x ^ (Ones * '\\')) || anyZero(x ^ (Ones * 0x7f)))
            break;
    }
    return std::find_if_not(q, end, plainJsonByte) - p;
}

} // namespace

JsonCursor::JsonCursor(QByteArray &out, qsizetype room)
    : m_out(out)
{
    const qsizetype start = out.size();
    out.resize(start + room);
    m_p = out.data() + start;
    m_end = out.data() + out.size();
}

JsonCursor::~JsonCursor()
{
    // Shrinking keeps the capacity: a reused buffer is not freed.
    m_out.resize(m_p - m_out.data());
}

void JsonCursor::grow(qsizetype bytes)
{
    const qsizetype used = m_p - m_out.data();
    m_out.resize(std::max(used + bytes, 2 * m_out.size()));
    m_p = m_out.data() + used;
    m_end = m_out.data() + m_out.size();
}

void JsonCursor::utf8String(QByteArrayView utf8)
{
    const char *in = utf8.data();
    const char *const end = in + utf8.size();
    qsizetype run = plainRun(in, end);
    if (run == utf8.size()) { // the common case (names, addresses) in one copy
        reserve(run + 2);
        *m_p++ = '"';
        if (run)
            std::memcpy(m_p, in, size_t(run));
        m_p += run;
        *m_p++ = '"';
        return;
    }
    reserve(6 * utf8.size() + 2); // every byte escaped as \u00XX at most
    *m_p++ = '"';
    while (in != end) {
        std::memcpy(m_p, in, size_t(run));
        m_p += run;
        in += run;
        if (in == end)
            break;
        const auto c = static_cast<unsigned char>(*in++);
        *m_p++ = '\\';
        switch (c) {
        case '"':
        case '\\':
            *m_p++ = char(c);
            break;
        case '\n':
            *m_p++ = 'n';
            break;
        case '\r':
            *m_p++ = 'r';
            break;
        case '\t':
            *m_p++ = 't';
            break;
        default: {
            const char escaped[5] = {'u', '0', '0', HexDigits[c >> 4], HexDigits[c & 15]};
            std::memcpy(m_p, escaped, 5);
            m_p += 5;
        }
        }
        run = plainRun(in, end);
    }
    *m_p++ = '"';
}

void JsonCursor::string(const QString &text)
{
    const auto plain = [](QChar ch) {
        const char16_t c = ch.unicode();
        return c >= 0x20 && c < 0x7f && c != u'"' && c != u'\\';
    };
    if (!std::all_of(text.begin(), text.end(), plain)) {
        utf8String(text.toUtf8());
        return;
    }
    reserve(text.size() + 2);
    *m_p++ = '"';
    for (const QChar ch : text)
        *m_p++ = char(ch.unicode());
    *m_p++ = '"';
}

void JsonCursor::hexString(QByteArrayView bytes)
{
    reserve(2 * bytes.size() + 2);
    *m_p++ = '"';
    const char *in = bytes.data();
    const char *const end = in + bytes.size();
    for (; end - in >= 4; in += 4, m_p += 8)
        hexOfFour(in, m_p);
    for (; in != end; ++in, m_p += 2)
        std::memcpy(m_p, &HexPairs[size_t(2 * static_cast<unsigned char>(*in))], 2);
    *m_p++ = '"';
}

// Formatting a date is slow and a capture file's comments come a million at a
// time: the part down to the second is formatted once per second.
void JsonCursor::isoTime(qint64 timeUs)
{
    // Formatting a date is slow and events come thousands a second: the part
    // down to the second is formatted once per second and thread. Seconds
    // and microseconds by floor division: a time before 1970 is the second
    // before it plus a positive fraction.
    thread_local qint64 cachedSecond = std::numeric_limits<qint64>::min();
    thread_local QByteArray cachedPrefix;
    qint64 second = timeUs / 1000000;
    qint64 micro = timeUs % 1000000;
    if (micro < 0) {
        --second;
        micro += 1000000;
    }
    if (second != cachedSecond) {
        cachedPrefix = QDateTime::fromSecsSinceEpoch(second, Qt::UTC)
                           .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss."))
                           .toLatin1();
        cachedSecond = second;
    }
    reserve(cachedPrefix.size() + 7); // a year past 9999 is longer
    std::memcpy(m_p, cachedPrefix.constData(), size_t(cachedPrefix.size()));
    m_p += cachedPrefix.size();
    char digits[7] = {'0', '0', '0', '0', '0', '0', 'Z'};
    for (int i = 5; i >= 0 && micro > 0; --i, micro /= 10)
        digits[i] = char('0' + micro % 10);
    std::memcpy(m_p, digits, 7);
    m_p += 7;
}
