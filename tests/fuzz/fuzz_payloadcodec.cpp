// The payload codec: hex and escape parsing of what a person types, and
// decoding received bytes as UTF-8, GBK and Latin-1.
//
// Properties: nothing crashes; a parse error points inside the input; what
// toHex() and toEscaped() print parses back to the same bytes; valid UTF-8
// and any Latin-1 decode and encode back to the same bytes; the hex dump has
// one line per 16 bytes.

#include "fuzzsupport.h"
#include "payloadcodec.h"

using namespace PayloadCodec;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw = Fuzz::bytes(data, size);
    const QString typed = Fuzz::text(data, size);

    for (const ParseResult &r :
         {parseHex(typed), parseEscaped(typed, Encoding::Utf8), parseEscaped(typed, Encoding::Gbk),
          parseEscaped(typed, Encoding::Latin1)}) {
        if (!r.ok()) {
            FUZZ_CHECK(r.position >= 0 && r.position <= typed.size(), r.error);
            FUZZ_CHECK(r.bytes.isEmpty(), r.error);
        }
    }

    const ParseResult hex = parseHex(toHex(raw));
    FUZZ_CHECK(hex.ok() && hex.bytes == raw, hex.error + u' ' + Fuzz::show(raw));
    const ParseResult escapedUnicode = parseEscaped(toEscaped(raw, true), Encoding::Utf8);
    FUZZ_CHECK(escapedUnicode.ok() && escapedUnicode.bytes == raw,
               escapedUnicode.error + u' ' + Fuzz::show(raw));
    const ParseResult escapedAscii = parseEscaped(toEscaped(raw, false), Encoding::Utf8);
    FUZZ_CHECK(escapedAscii.ok() && escapedAscii.bytes == raw, Fuzz::show(raw));
    FUZZ_CHECK(!toEscaped(raw).contains(u'\n'), Fuzz::show(raw));

    const QString utf8 = decode(raw, Encoding::Utf8);
    if (isValidUtf8(raw)) {
        FUZZ_CHECK(utf8 == QString::fromUtf8(raw), Fuzz::show(raw));
        FUZZ_CHECK(encode(utf8, Encoding::Utf8) == raw, Fuzz::show(raw));
    } else {
        FUZZ_CHECK(utf8.contains(QChar(0xfffd)), Fuzz::show(raw));
    }
    const QString latin1 = decode(raw, Encoding::Latin1);
    FUZZ_CHECK(latin1.size() == raw.size(), Fuzz::show(raw));
    FUZZ_CHECK(encode(latin1, Encoding::Latin1) == raw, Fuzz::show(raw));
    const QString gbk = decode(raw, Encoding::Gbk);
    FUZZ_CHECK(gbk.size() <= raw.size(), Fuzz::show(raw));
    QString error;
    encode(gbk, Encoding::Gbk, &error);

    const QString dump = toHexDump(raw);
    FUZZ_CHECK(dump.count(u'\n') == (raw.isEmpty() ? 0 : (raw.size() - 1) / 16), Fuzz::show(raw));
    return 0;
}
