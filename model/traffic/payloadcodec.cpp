#include "payloadcodec.h"

#include <QChar>
#include <QCoreApplication>
#include <QLatin1String>
#include <QStringBuilder>
#include <QVarLengthArray>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <utility>

#include <iconv.h>

namespace PayloadCodec {

namespace {

constexpr char16_t ReplacementChar = 0xFFFD;
constexpr char16_t HexDigits[] = u"0123456789abcdef";

#if Q_BYTE_ORDER == Q_LITTLE_ENDIAN
constexpr char NativeUtf16[] = "UTF-16LE";
#else
constexpr char NativeUtf16[] = "UTF-16BE";
#endif

bool isContinuation(uchar byte)
{
    return (byte & 0xC0) == 0x80;
}

// Length of the well-formed UTF-8 sequence at p (Unicode table 3-7), storing its
// code point in *codePoint; 0 when the byte at p does not start one.
int utf8Sequence(const uchar *p, const uchar *end, char32_t *codePoint)
{
    const uchar b0 = p[0];
    if (b0 < 0x80) {
        *codePoint = b0;
        return 1;
    }
    if (b0 < 0xC2) // continuation byte, or lead of an overlong 2-byte form
        return 0;
    const qsizetype available = end - p;
    if (b0 < 0xE0) {
        if (available < 2 || !isContinuation(p[1]))
            return 0;
        *codePoint = (char32_t(b0 & 0x1F) << 6) | (p[1] & 0x3F);
        return 2;
    }
    if (b0 < 0xF0) {
        if (available < 3)
            return 0;
        const uchar low = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlongs
        const uchar high = b0 == 0xED ? 0x9F : 0xBF; // no surrogates
        if (p[1] < low || p[1] > high || !isContinuation(p[2]))
            return 0;
        *codePoint = (char32_t(b0 & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        return 3;
    }
    if (b0 < 0xF5) {
        if (available < 4)
            return 0;
        const uchar low = b0 == 0xF0 ? 0x90 : 0x80;  // no overlongs
        const uchar high = b0 == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        if (p[1] < low || p[1] > high || !isContinuation(p[2]) || !isContinuation(p[3]))
            return 0;
        *codePoint = (char32_t(b0 & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) |
                     (char32_t(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        return 4;
    }
    return 0;
}

char16_t *appendCodePoint(char16_t *out, char32_t codePoint)
{
    if (QChar::requiresSurrogates(codePoint)) {
        *out++ = QChar::highSurrogate(codePoint);
        *out++ = QChar::lowSurrogate(codePoint);
    } else {
        *out++ = char16_t(codePoint);
    }
    return out;
}

bool isAscii(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (uchar(c) >= 0x80)
            return false;
    }
    return true;
}

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F');
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u <= '9')
        return u - '0';
    return (u | 0x20) - 'a' + 10;
}

// The code point at index i, joining a surrogate pair.
char32_t codePointAt(QStringView text, qsizetype i)
{
    const QChar c = text[i];
    if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
        return QChar::surrogateToUcs4(c, text[i + 1]);
    return c.unicode();
}

QString codePointText(char32_t codePoint)
{
    return QStringLiteral("U+") %
           QString::number(uint(codePoint), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

QString quoted(QStringView text)
{
    return QLatin1Char('\'') % text % QLatin1Char('\'');
}

// "'g'" for a printable character, "U+000A" otherwise.
QString describe(char32_t codePoint)
{
    if (!QChar::isPrint(codePoint))
        return codePointText(codePoint);
    char16_t units[2];
    const qsizetype length = appendCodePoint(units, codePoint) - units;
    return quoted(QStringView(units, length));
}

QString unencodableMessage(char32_t codePoint, qsizetype position, Encoding encoding)
{
    return QCoreApplication::translate("PayloadCodec",
                                       "Character %1 at position %2 cannot be encoded in %3")
        .arg(describe(codePoint), QString::number(position), encodingName(encoding));
}

ParseResult failure(QString message, qsizetype position)
{
    ParseResult result;
    result.error = std::move(message);
    result.position = position;
    return result;
}

// One iconv descriptor per thread and direction, opened on first use. iconv
// descriptors are not thread-safe, and opening one per call is slow.
class IconvHandle
{
public:
    IconvHandle(const char *toCode, const char *fromCode)
        : m_cd(iconv_open(toCode, fromCode))
    {}
    ~IconvHandle()
    {
        if (isValid())
            iconv_close(m_cd);
    }
    IconvHandle(const IconvHandle &) = delete;
    IconvHandle &operator=(const IconvHandle &) = delete;

    bool isValid() const { return m_cd != invalid(); }
    // The descriptor, in its initial state.
    iconv_t get()
    {
        iconv(m_cd, nullptr, nullptr, nullptr, nullptr);
        return m_cd;
    }

    static iconv_t invalid() { return reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)); }

private:
    iconv_t m_cd;
};

IconvHandle &gbkDecoder()
{
    thread_local IconvHandle handle(NativeUtf16, "GBK");
    return handle;
}

IconvHandle &gbkEncoder()
{
    thread_local IconvHandle handle("GBK", NativeUtf16);
    return handle;
}

QString decodeUtf8(QByteArrayView bytes)
{
    if (isAscii(bytes))
        return QString::fromLatin1(bytes.data(), bytes.size());
    // Every input byte gives at most one UTF-16 unit (4 bytes give 2 units).
    QString result(bytes.size(), Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(result.data());
    char16_t *const start = out;
    const uchar *p = reinterpret_cast<const uchar *>(bytes.data());
    const uchar *const end = p + bytes.size();
    while (p < end) {
        char32_t codePoint;
        const int length = utf8Sequence(p, end, &codePoint);
        if (length == 0) {
            *out++ = ReplacementChar;
            ++p;
        } else {
            out = appendCodePoint(out, codePoint);
            p += length;
        }
    }
    result.resize(out - start);
    return result;
}

QString decodeGbk(QByteArrayView bytes)
{
    if (isAscii(bytes))
        return QString::fromLatin1(bytes.data(), bytes.size());
    IconvHandle &handle = gbkDecoder();
    if (!handle.isValid()) { // no GBK gconv module: keep ASCII, mark the rest
        QString result(bytes.size(), Qt::Uninitialized);
        QChar *out = result.data();
        for (const char c : bytes)
            *out++ = uchar(c) < 0x80 ? QChar(char16_t(c)) : QChar(ReplacementChar);
        return result;
    }
    iconv_t cd = handle.get();
    // GBK gives at most one UTF-16 unit per input byte; grow anyway if not.
    QString result(bytes.size(), Qt::Uninitialized);
    char *in = const_cast<char *>(bytes.data());
    size_t inLeft = size_t(bytes.size());
    size_t written = 0; // bytes of output
    while (inLeft > 0) {
        char *out = reinterpret_cast<char *>(result.data()) + written;
        size_t outLeft = size_t(result.size()) * 2 - written;
        const size_t rc = iconv(cd, &in, &inLeft, &out, &outLeft);
        const int error = errno;
        written = size_t(out - reinterpret_cast<char *>(result.data()));
        if (rc != size_t(-1))
            break;
        if (error == E2BIG || outLeft < 2) {
            result.resize(result.size() * 2 + 8);
            continue;
        }
        // EILSEQ, or EINVAL for a sequence cut off at the end: one U+FFFD for
        // the offending byte, then carry on after it.
        const char16_t replacement = ReplacementChar;
        std::memcpy(reinterpret_cast<char *>(result.data()) + written, &replacement, 2);
        written += 2;
        ++in;
        --inLeft;
        cd = handle.get();
    }
    result.resize(qsizetype(written / 2));
    return result;
}

// Appends text encoded in `encoding` to out. On failure out is left as it was
// and *badIndex is the index of the first unencodable character.
bool encodeInto(QByteArray &out, QStringView text, Encoding encoding, qsizetype *badIndex)
{
    const qsizetype start = out.size();
    const qsizetype n = text.size();
    switch (encoding) {
    case Encoding::Latin1: {
        for (qsizetype i = 0; i < n; ++i) {
            if (text[i].unicode() > 0xFF) {
                *badIndex = i;
                return false;
            }
        }
        out.resize(start + n);
        char *d = out.data() + start;
        for (const QChar c : text)
            *d++ = char(c.unicode());
        return true;
    }
    case Encoding::Utf8: {
        out.resize(start + n * 3); // a surrogate pair: 2 units, 4 bytes
        char *d = out.data() + start;
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t u = text[i].unicode();
            if (u < 0x80) {
                *d++ = char(u);
            } else if (u < 0x800) {
                *d++ = char(0xC0 | (u >> 6));
                *d++ = char(0x80 | (u & 0x3F));
            } else if (!QChar::isSurrogate(u)) {
                *d++ = char(0xE0 | (u >> 12));
                *d++ = char(0x80 | ((u >> 6) & 0x3F));
                *d++ = char(0x80 | (u & 0x3F));
            } else if (QChar::isHighSurrogate(u) && i + 1 < n && text[i + 1].isLowSurrogate()) {
                const char32_t cp = QChar::surrogateToUcs4(u, text[i + 1].unicode());
                ++i;
                *d++ = char(0xF0 | (cp >> 18));
                *d++ = char(0x80 | ((cp >> 12) & 0x3F));
                *d++ = char(0x80 | ((cp >> 6) & 0x3F));
                *d++ = char(0x80 | (cp & 0x3F));
            } else {
                out.resize(start);
                *badIndex = i;
                return false;
            }
        }
        out.resize(d - out.constData());
        return true;
    }
    case Encoding::Gbk: {
        IconvHandle &handle = gbkEncoder();
        if (!handle.isValid()) { // no GBK gconv module: ASCII only
            for (qsizetype i = 0; i < n; ++i) {
                if (text[i].unicode() >= 0x80) {
                    *badIndex = i;
                    return false;
                }
            }
            out.append(text.toLatin1());
            return true;
        }
        iconv_t cd = handle.get();
        const char *const inStart = reinterpret_cast<const char *>(text.utf16());
        char *in = const_cast<char *>(inStart);
        size_t inLeft = size_t(n) * 2;
        out.resize(start + n * 2 + 8); // at most two bytes per BMP character
        size_t written = 0;
        while (inLeft > 0) {
            char *d = out.data() + start + written;
            size_t outLeft = size_t(out.size() - start) - written;
            const size_t rc = iconv(cd, &in, &inLeft, &d, &outLeft);
            const int error = errno;
            written = size_t(d - (out.data() + start));
            if (rc != size_t(-1))
                break;
            if (error == E2BIG) {
                out.resize(out.size() * 2);
                continue;
            }
            out.resize(start);
            *badIndex = qsizetype(in - inStart) / 2;
            return false;
        }
        out.resize(start + qsizetype(written));
        return true;
    }
    }
    return false;
}

// The byte of a one-character escape such as \n; -1 when `kind` is not one.
int simpleEscape(char16_t kind)
{
    static constexpr char Escapes[][2] = {
        {'\\', '\\'}, {'n', '\n'}, {'r', '\r'}, {'t', '\t'},   {'0', '\0'}, {'a', '\a'},
        {'b', '\b'},  {'f', '\f'}, {'v', '\v'}, {'e', '\x1b'}, {'"', '"'},  {'\'', '\''},
    };
    for (const auto &escape : Escapes) {
        if (kind == char16_t(escape[0]))
            return uchar(escape[1]);
    }
    return -1;
}

// Characters toEscaped may keep as they are: visible, and not breaking the line.
bool isPreviewable(char32_t codePoint)
{
    if (!QChar::isPrint(codePoint))
        return false;
    const QChar::Category category = QChar::category(codePoint);
    return category != QChar::Separator_Line && category != QChar::Separator_Paragraph;
}

} // namespace

QString encodingName(Encoding encoding)
{
    switch (encoding) {
    case Encoding::Utf8:
        return QStringLiteral("UTF-8");
    case Encoding::Gbk:
        return QStringLiteral("GBK");
    case Encoding::Latin1:
        return QStringLiteral("Latin-1");
    }
    return QString();
}

bool encodingFromName(QStringView name, Encoding *encoding)
{
    struct Alias
    {
        const char *name;
        Encoding encoding;
    };
    static constexpr Alias Aliases[] = {
        {"UTF-8", Encoding::Utf8},    {"UTF8", Encoding::Utf8},
        {"GBK", Encoding::Gbk},       {"Latin-1", Encoding::Latin1},
        {"Latin1", Encoding::Latin1}, {"ISO-8859-1", Encoding::Latin1},
    };
    const QStringView trimmed = name.trimmed();
    for (const Alias &alias : Aliases) {
        if (trimmed.compare(QLatin1String(alias.name), Qt::CaseInsensitive) == 0) {
            if (encoding)
                *encoding = alias.encoding;
            return true;
        }
    }
    return false;
}

bool isValidUtf8(QByteArrayView bytes)
{
    const uchar *p = reinterpret_cast<const uchar *>(bytes.data());
    const uchar *const end = p + bytes.size();
    while (p < end) {
        // ASCII eight bytes at a time: --json asks this of every payload.
        if (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, sizeof word);
            if ((word & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        if (*p < 0x80) {
            ++p;
            continue;
        }
        char32_t codePoint;
        const int length = utf8Sequence(p, end, &codePoint);
        if (length == 0)
            return false;
        p += length;
    }
    return true;
}

QString decode(QByteArrayView bytes, Encoding encoding)
{
    switch (encoding) {
    case Encoding::Utf8:
        return decodeUtf8(bytes);
    case Encoding::Gbk:
        return decodeGbk(bytes);
    case Encoding::Latin1:
        return QString::fromLatin1(bytes.data(), bytes.size());
    }
    return QString();
}

QByteArray encode(QStringView text, Encoding encoding, QString *error)
{
    QByteArray result;
    qsizetype badIndex = -1;
    if (!encodeInto(result, text, encoding, &badIndex)) {
        if (error)
            *error = unencodableMessage(codePointAt(text, badIndex), badIndex, encoding);
        return QByteArray();
    }
    if (error)
        error->clear();
    return result;
}

QString toEscaped(QByteArrayView bytes, bool keepUnicode)
{
    // Worst case: every byte becomes "\xNN".
    QVarLengthArray<char16_t, 1024> buffer(bytes.size() * 4);
    char16_t *out = buffer.data();
    const uchar *p = reinterpret_cast<const uchar *>(bytes.data());
    const uchar *const end = p + bytes.size();
    while (p < end) {
        const uchar byte = *p;
        if (byte >= 0x20 && byte < 0x7F) {
            if (byte == '\\')
                *out++ = u'\\';
            *out++ = byte;
            ++p;
            continue;
        }
        char16_t escape = 0;
        switch (byte) {
        case '\r':
            escape = u'r';
            break;
        case '\n':
            escape = u'n';
            break;
        case '\t':
            escape = u't';
            break;
        case 0:
            escape = u'0';
            break;
        default:
            break;
        }
        if (escape) {
            *out++ = u'\\';
            *out++ = escape;
            ++p;
            continue;
        }
        if (byte >= 0x80 && keepUnicode) {
            char32_t codePoint;
            const int length = utf8Sequence(p, end, &codePoint);
            if (length > 0 && isPreviewable(codePoint)) {
                out = appendCodePoint(out, codePoint);
                p += length;
                continue;
            }
        }
        *out++ = u'\\';
        *out++ = u'x';
        *out++ = HexDigits[byte >> 4];
        *out++ = HexDigits[byte & 0xF];
        ++p;
    }
    return QStringView(buffer.constData(), out - buffer.constData()).toString();
}

QString toHex(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return QString();
    QString result(bytes.size() * 3 - 1, Qt::Uninitialized);
    QChar *out = result.data();
    bool first = true;
    for (const char c : bytes) {
        if (!first)
            *out++ = QLatin1Char(' ');
        first = false;
        *out++ = QChar(HexDigits[uchar(c) >> 4]);
        *out++ = QChar(HexDigits[uchar(c) & 0xF]);
    }
    return result;
}

QString toHexDump(QByteArrayView bytes, int bytesPerLine)
{
    const qsizetype n = bytes.size();
    if (n == 0)
        return QString();
    const qsizetype perLine = bytesPerLine < 1 ? 16 : bytesPerLine;
    const qsizetype half = perLine / 2; // extra space after this many pairs
    const qsizetype lines = (n + perLine - 1) / perLine;

    int offsetWidth = 8;
    for (quint64 last = quint64(lines - 1) * quint64(perLine);
         offsetWidth < 16 && (last >> (4 * offsetWidth)) != 0;)
        ++offsetWidth;

    // offset, "  ", "xx " per slot, middle space, " |", ASCII, "|"
    const qsizetype fixedWidth = offsetWidth + 2 + perLine * 3 + (half > 0 ? 1 : 0) + 2 + 1;
    const qsizetype total = lines * fixedWidth + n + (lines - 1);
    QString result(total, Qt::Uninitialized);
    QChar *out = result.data();
    const uchar *data = reinterpret_cast<const uchar *>(bytes.data());

    for (qsizetype offset = 0; offset < n; offset += perLine) {
        if (offset > 0)
            *out++ = QLatin1Char('\n');
        for (int shift = 4 * (offsetWidth - 1); shift >= 0; shift -= 4)
            *out++ = QChar(HexDigits[(quint64(offset) >> shift) & 0xF]);
        *out++ = QLatin1Char(' ');
        *out++ = QLatin1Char(' ');
        const qsizetype count = qMin(perLine, n - offset);
        for (qsizetype j = 0; j < perLine; ++j) {
            if (j < count) {
                const uchar byte = data[offset + j];
                *out++ = QChar(HexDigits[byte >> 4]);
                *out++ = QChar(HexDigits[byte & 0xF]);
            } else {
                *out++ = QLatin1Char(' ');
                *out++ = QLatin1Char(' ');
            }
            *out++ = QLatin1Char(' ');
            if (j + 1 == half)
                *out++ = QLatin1Char(' ');
        }
        *out++ = QLatin1Char(' ');
        *out++ = QLatin1Char('|');
        for (qsizetype j = 0; j < count; ++j) {
            const uchar byte = data[offset + j];
            *out++ = QLatin1Char(byte >= 0x20 && byte < 0x7F ? char(byte) : '.');
        }
        *out++ = QLatin1Char('|');
    }
    Q_ASSERT(out == result.constData() + total);
    return result;
}

ParseResult parseHex(QStringView input)
{
    const auto isSeparator = [](QChar c) {
        return c.isSpace() || c == QLatin1Char(',') || c == QLatin1Char(':') ||
               c == QLatin1Char('-');
    };
    const qsizetype n = input.size();
    ParseResult result;
    result.bytes.reserve(n / 2);
    qsizetype i = 0;
    while (i < n) {
        if (isSeparator(input[i])) {
            ++i;
            continue;
        }
        // A group: optional 0x prefix, then hex digits up to a separator or the end.
        if (input[i] == QLatin1Char('0') && i + 1 < n &&
            (input[i + 1] == QLatin1Char('x') || input[i + 1] == QLatin1Char('X'))) {
            if (i + 2 == n || isSeparator(input[i + 2])) {
                return failure(
                    QCoreApplication::translate(
                        "PayloadCodec", "Prefix %1 at position %2 is not followed by hex digits")
                        .arg(quoted(input.mid(i, 2)), QString::number(i)),
                    i);
            }
            i += 2;
        }
        const qsizetype digitsStart = i;
        while (i < n && isHexDigit(input[i]))
            ++i;
        if (i < n && !isSeparator(input[i])) {
            return failure(
                QCoreApplication::translate("PayloadCodec", "Invalid hex digit %1 at position %2")
                    .arg(describe(codePointAt(input, i)), QString::number(i)),
                i);
        }
        if ((i - digitsStart) % 2 != 0) {
            return failure(
                QCoreApplication::translate(
                    "PayloadCodec", "Incomplete byte %1 at position %2: hex bytes need two digits")
                    .arg(describe(input[i - 1].unicode()), QString::number(i - 1)),
                i - 1);
        }
        for (qsizetype j = digitsStart; j < i; j += 2)
            result.bytes.append(char(hexValue(input[j]) << 4 | hexValue(input[j + 1])));
    }
    return result;
}

ParseResult parseEscaped(QStringView input, Encoding encoding)
{
    const qsizetype n = input.size();
    ParseResult result;
    QByteArray &out = result.bytes;
    out.reserve(n);

    // Counts the hex digits at `from`, up to `max`.
    const auto hexDigitsAt = [&input, n](qsizetype from, int max) {
        int count = 0;
        while (count < max && from + count < n && isHexDigit(input[from + count]))
            ++count;
        return count;
    };
    const auto hexNumber = [&input](qsizetype from, int digits) {
        char32_t value = 0;
        for (int k = 0; k < digits; ++k)
            value = value << 4 | char32_t(hexValue(input[from + k]));
        return value;
    };

    qsizetype runStart = 0; // start of the literal text not yet encoded
    qsizetype i = 0;
    while (i <= n) {
        if (i < n && input[i] != QLatin1Char('\\')) {
            ++i;
            continue;
        }
        if (i > runStart) {
            qsizetype bad = -1;
            if (!encodeInto(out, input.mid(runStart, i - runStart), encoding, &bad)) {
                const qsizetype position = runStart + bad;
                return failure(unencodableMessage(codePointAt(input, position), position, encoding),
                               position);
            }
        }
        if (i == n)
            break;

        const qsizetype escapeStart = i;
        if (i + 1 == n) {
            return failure(QCoreApplication::translate(
                               "PayloadCodec",
                               "Incomplete escape at position %1: a backslash must be followed by "
                               "an escape character (use \\\\ for a backslash)")
                               .arg(QString::number(escapeStart)),
                           escapeStart);
        }
        const char16_t kind = input[i + 1].unicode();
        const int simple = simpleEscape(kind);
        if (simple >= 0) {
            out.append(char(simple));
            i += 2;
        } else if (kind == u'x') {
            const int digits = hexDigitsAt(i + 2, 2);
            if (digits < 2) {
                return failure(
                    QCoreApplication::translate(
                        "PayloadCodec",
                        "Incomplete escape %1 at position %2: \\x needs two hex digits")
                        .arg(quoted(input.mid(i, 2 + digits)), QString::number(escapeStart)),
                    escapeStart);
            }
            out.append(char(hexNumber(i + 2, 2)));
            i += 4;
        } else if (kind == u'u') {
            const int digits = hexDigitsAt(i + 2, 4);
            if (digits < 4) {
                return failure(
                    QCoreApplication::translate(
                        "PayloadCodec",
                        "Incomplete escape %1 at position %2: \\u needs four hex digits")
                        .arg(quoted(input.mid(i, 2 + digits)), QString::number(escapeStart)),
                    escapeStart);
            }
            char16_t units[2] = {char16_t(hexNumber(i + 2, 4)), 0};
            qsizetype unitCount = 1;
            i += 6;
            // "\ud83d\ude00": a surrogate pair written as two escapes.
            if (QChar::isHighSurrogate(units[0]) && i + 1 < n && input[i] == QLatin1Char('\\') &&
                input[i + 1] == QLatin1Char('u') && hexDigitsAt(i + 2, 4) == 4) {
                const char16_t next = char16_t(hexNumber(i + 2, 4));
                if (QChar::isLowSurrogate(next)) {
                    units[1] = next;
                    unitCount = 2;
                    i += 6;
                }
            }
            const QStringView character(units, unitCount);
            qsizetype bad = -1;
            if (!encodeInto(out, character, encoding, &bad)) {
                return failure(unencodableMessage(codePointAt(character, 0), escapeStart, encoding),
                               escapeStart);
            }
        } else {
            const char32_t codePoint = codePointAt(input, i + 1);
            const QString shown =
                QChar::isPrint(codePoint)
                    ? QString(QStringLiteral("'\\") % describe(codePoint).mid(1))
                    : QCoreApplication::translate("PayloadCodec", "'\\' followed by %1")
                          .arg(codePointText(codePoint));
            return failure(
                QCoreApplication::translate("PayloadCodec", "Unknown escape %1 at position %2")
                    .arg(shown, QString::number(escapeStart)),
                escapeStart);
        }
        runStart = i;
    }
    return result;
}

} // namespace PayloadCodec
