#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

// Payload bytes are stored exactly as received; everything here turns them into
// something a person can read (or turns what a person typed into bytes). No
// function drops a byte: undecodable input is shown, never silently skipped.
//
// Positions: every position (ParseResult::position, and the number quoted in
// every error message) is the 0-based index of a UTF-16 code unit in the input
// QStringView; a character outside the BMP is at the index of its high
// surrogate. Messages and ParseResult::position always carry the same number.
// Messages are translated in the context "PayloadCodec" and quote the offending
// character ('g', '€') or, when it is not printable, its code point (U+000A).
namespace PayloadCodec {

enum class Encoding { Utf8, Gbk, Latin1 };

// Stable, untranslated names ("UTF-8", "GBK", "Latin-1") for settings and menus.
QString encodingName(Encoding encoding);
// Case-insensitive; also accepts "UTF8", "Latin1" and "ISO-8859-1". Returns false
// and leaves *encoding untouched for an unknown name.
bool encodingFromName(QStringView name, Encoding *encoding);

// True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool isValidUtf8(QByteArrayView bytes);

// Decodes to text. Every byte that is not part of a valid sequence becomes one
// U+FFFD, so the count of bad bytes stays visible (a truncated 3-byte sequence
// "E4 BD" gives two U+FFFD). GBK is decoded with glibc iconv (0x80 is '€').
QString decode(QByteArrayView bytes, Encoding encoding);

// Encodes text. Characters the encoding cannot represent make it fail: *error
// names the first such character and its position; the result is then empty.
// An unpaired surrogate cannot be encoded in any encoding. *error is cleared on
// success.
QByteArray encode(QStringView text, Encoding encoding, QString *error = nullptr);

// One-line escaped form: printable ASCII as is, backslash as "\\", \r \n \t \0
// as escapes, other bytes as \xNN (lower-case). Valid UTF-8 non-ASCII characters are
// kept as characters when keepUnicode is true (for previews), escaped otherwise.
// Non-printable characters (controls, format characters such as U+200B or
// U+FEFF, U+2028/U+2029 separators) are always escaped, so the result stays one
// visible line. parseEscaped(toEscaped(b), Encoding::Utf8).bytes == b for any b.
QString toEscaped(QByteArrayView bytes, bool keepUnicode = true);

// Lower-case hex pairs separated by single spaces: "48 65 6c". Empty for no bytes.
QString toHex(QByteArrayView bytes);

// Classic hex dump: "00000000  48 65 6c 6c 6f 0a                                 |Hello.|"
// offset (8 hex digits), bytesPerLine hex pairs with an extra space after the
// middle, then the printable-ASCII column; lines joined with '\n'.
// Same layout as `hexdump -C` without its final offset line. A short last line is
// padded so its ASCII column lines up. The offset grows past 8 digits only beyond
// 4 GiB. bytesPerLine < 1 means 16. No bytes give an empty string.
QString toHexDump(QByteArrayView bytes, int bytesPerLine = 16);

struct ParseResult
{
    QByteArray bytes;        // empty when there is an error
    QString error;           // empty when ok; a translated sentence naming the problem
    qsizetype position = -1; // index into the input of the offending character

    bool ok() const { return error.isEmpty(); }
};

// Hex input: "48 65 6c", "48656c", "0x48,0x65", "48:65", mixed whitespace,
// commas, colons, dashes as separators; upper or lower case. An odd number of
// digits in a group, or a non-hex character, is an error pointing at it.
// A group is a run of hex digits between separators, optionally starting with
// "0x"/"0X" ("0x4865" is two bytes); digits pair up from the left, so an odd
// group's error points at its last digit. A "0x" with no digit after it points
// at its '0'. Empty input (or only separators) is ok and gives no bytes.
ParseResult parseHex(QStringView input);

// Text with C-style escapes: \\ \n \r \t \0 \a \b \f \v \e \" \' \xNN \uNNNN
// (\u encoded in `encoding`). Characters outside escapes are encoded in
// `encoding`. An unknown escape, a truncated \x or \u, or an unencodable
// character is an error pointing at it.
// \x takes exactly two hex digits (a raw byte, whatever the encoding) and \u
// exactly four; \0 is a NUL byte (no octal). A \u high surrogate directly
// followed by a \u low surrogate ("\ud83d\ude00") is one character. Errors in
// an escape point at its backslash; a lone trailing backslash is an error.
ParseResult parseEscaped(QStringView input, Encoding encoding = Encoding::Utf8);

} // namespace PayloadCodec
