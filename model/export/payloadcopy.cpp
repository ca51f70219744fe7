#include "payloadcopy.h"

#include "payloadcodec.h"

namespace PayloadCopy {

namespace {

constexpr char HexDigits[] = "0123456789abcdef";
constexpr int CBytesPerLine = 12;

} // namespace

QString toHex(QByteArrayView bytes)
{
    return PayloadCodec::toHex(bytes);
}

QString toCArray(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return QStringLiteral("const unsigned char data[] = {};\n");
    QByteArray out("const unsigned char data[] = {\n");
    out.reserve(out.size() + bytes.size() * 6 + bytes.size() / CBytesPerLine * 6 + 8);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        out.append(i % CBytesPerLine == 0 ? "    0x" : " 0x");
        out.append(HexDigits[c >> 4]).append(HexDigits[c & 15]).append(',');
        if (i % CBytesPerLine == CBytesPerLine - 1 || i == bytes.size() - 1)
            out.append('\n');
    }
    out.append("};\n");
    return QString::fromLatin1(out);
}

QString toPythonBytes(QByteArrayView bytes)
{
    QByteArray out("b'");
    out.reserve(bytes.size() * 2 + 3);
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '\\':
            out.append("\\\\");
            break;
        case '\'':
            out.append("\\'");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        default:
            if (c >= 0x20 && c < 0x7f)
                out.append(char(c));
            else
                out.append("\\x").append(HexDigits[c >> 4]).append(HexDigits[c & 15]);
        }
    }
    out.append('\'');
    return QString::fromLatin1(out);
}

} // namespace PayloadCopy
