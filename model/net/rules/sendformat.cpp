#include "sendformat.h"

#include <QSettings>
#include <QStringList>

namespace {

const QString ModeKey = QStringLiteral("mode");
const QString EncodingKey = QStringLiteral("encoding");
const QString LineEndingKey = QStringLiteral("lineEnding");
const QString ChecksumKey = QStringLiteral("checksum");

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

bool SendMessage::render(const Context &context, QByteArray *out, QString *error) const
{
    if (m_templated) {
        MessageTemplate::Context c;
        c.counter = context.counter;
        c.peer = context.peer;
        if (!m_body.render(c, out, error))
            return false;
    } else {
        *out = m_constant;
    }
    out->append(m_ending);
    if (m_checksum != Checksum::Kind::None)
        out->append(Checksum::bytes(m_checksum, *out));
    return true;
}

bool SendFormat::compile(QStringView text, SendMessage *out, PayloadCodec::ParseResult *error) const
{
    *out = SendMessage();
    out->m_checksum = checksum;
    PayloadCodec::ParseResult result;
    switch (mode) {
    case Mode::Text:
        out->m_constant = PayloadCodec::encode(text, encoding, &result.error);
        if (!result.ok())
            result.position = firstUnencodable(text, encoding);
        break;
    case Mode::Hex:
        result = PayloadCodec::parseHex(text);
        out->m_constant = result.bytes;
        break;
    case Mode::Escapes:
        out->m_templated = true;
        out->m_body.parse(text, encoding, MessageTemplate::Syntax::Message, &result.error,
                          &result.position);
        break;
    }
    if (!result.ok()) {
        if (error) {
            error->bytes.clear();
            error->error = result.error;
            error->position = result.position;
        }
        return false;
    }
    // Hex is the exact bytes: no line ending is added to them.
    if (mode != Mode::Hex) {
        switch (lineEnding) {
        case LineEnding::None:
            break;
        case LineEnding::Lf:
            out->m_ending = "\n";
            break;
        case LineEnding::CrLf:
            out->m_ending = "\r\n";
            break;
        }
    }
    return true;
}

PayloadCodec::ParseResult SendFormat::encode(QStringView text) const
{
    PayloadCodec::ParseResult result;
    SendMessage message;
    if (!compile(text, &message, &result))
        return result;
    if (!message.render({}, &result.bytes, &result.error))
        result.bytes.clear();
    return result;
}

QString SendFormat::modeKeyword(Mode mode)
{
    return ModeNames.value(int(mode));
}

bool SendFormat::modeFromKeyword(QStringView name, Mode *out)
{
    for (qsizetype i = 0; i < ModeNames.size(); ++i) {
        if (name.compare(ModeNames.at(i), Qt::CaseInsensitive) == 0) {
            *out = Mode(i);
            return true;
        }
    }
    return false;
}

QString SendFormat::lineEndingKeyword(LineEnding ending)
{
    return LineEndingNames.value(int(ending));
}

bool SendFormat::lineEndingFromKeyword(QStringView name, LineEnding *out)
{
    for (qsizetype i = 0; i < LineEndingNames.size(); ++i) {
        if (name.compare(LineEndingNames.at(i), Qt::CaseInsensitive) == 0) {
            *out = LineEnding(i);
            return true;
        }
    }
    return false;
}

SendFormat SendFormat::load(const QSettings &settings)
{
    SendFormat format;
    modeFromKeyword(settings.value(ModeKey).toString(), &format.mode);
    PayloadCodec::encodingFromName(settings.value(EncodingKey).toString(), &format.encoding);
    lineEndingFromKeyword(settings.value(LineEndingKey).toString(), &format.lineEnding);
    Checksum::fromKeyword(settings.value(ChecksumKey).toString(), &format.checksum);
    return format;
}

void SendFormat::save(QSettings *settings) const
{
    settings->setValue(ModeKey, modeKeyword(mode));
    settings->setValue(EncodingKey, PayloadCodec::encodingName(encoding));
    settings->setValue(LineEndingKey, lineEndingKeyword(lineEnding));
    settings->setValue(ChecksumKey, Checksum::keyword(checksum));
}
