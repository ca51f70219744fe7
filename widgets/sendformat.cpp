#include "sendformat.h"

#include <QSettings>
#include <QStringList>

namespace {

const QString ModeKey = QStringLiteral("mode");
const QString EncodingKey = QStringLiteral("encoding");
const QString LineEndingKey = QStringLiteral("lineEnding");

// Indexed by the enums.
const QStringList ModeNames = {QStringLiteral("text"), QStringLiteral("hex"),
                               QStringLiteral("escapes")};
const QStringList LineEndingNames = {QStringLiteral("none"), QStringLiteral("lf"),
                                     QStringLiteral("crlf")};

// The codec's message names the character but not its index: find it.
qsizetype firstUnencodable(QStringView text, PayloadCodec::Encoding encoding)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype length = text.at(i).isHighSurrogate() ? 2 : 1;
        QString error;
        PayloadCodec::encode(text.mid(i, length), encoding, &error);
        if (!error.isEmpty())
            return i;
        i += length - 1;
    }
    return -1;
}

} // namespace

PayloadCodec::ParseResult SendFormat::encode(QStringView text) const
{
    PayloadCodec::ParseResult result;
    switch (mode) {
    case Mode::Text:
        result.bytes = PayloadCodec::encode(text, encoding, &result.error);
        if (!result.ok()) {
            result.position = firstUnencodable(text, encoding);
            return result;
        }
        break;
    case Mode::Hex:
        return PayloadCodec::parseHex(text);
    case Mode::Escapes:
        result = PayloadCodec::parseEscaped(text, encoding);
        if (!result.ok())
            return result;
        break;
    }
    switch (lineEnding) {
    case LineEnding::None:
        break;
    case LineEnding::Lf:
        result.bytes += '\n';
        break;
    case LineEnding::CrLf:
        result.bytes += "\r\n";
        break;
    }
    return result;
}

SendFormat SendFormat::load(const QSettings &settings)
{
    SendFormat format;
    format.mode = Mode(qMax(0, int(ModeNames.indexOf(settings.value(ModeKey).toString()))));
    PayloadCodec::encodingFromName(settings.value(EncodingKey).toString(), &format.encoding);
    format.lineEnding =
        LineEnding(qMax(0, int(LineEndingNames.indexOf(settings.value(LineEndingKey).toString()))));
    return format;
}

void SendFormat::save(QSettings *settings) const
{
    settings->setValue(ModeKey, ModeNames.value(int(mode)));
    settings->setValue(EncodingKey, PayloadCodec::encodingName(encoding));
    settings->setValue(LineEndingKey, LineEndingNames.value(int(lineEnding)));
}
