#pragma once

#include "checksum.h"
#include "messagetemplate.h"
#include "payloadcodec.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

class QSettings;

// A message compiled for sending, possibly many times: its body (constant
// bytes, or a template whose macros are filled in per send), then the line
// ending, then the checksum. The checksum covers every byte before it, line
// ending included, and always comes last: that is how framed device protocols
// (Modbus RTU, most serial framings) expect it.
class SendMessage
{
public:
    struct Context
    {
        quint64 counter = 1; // {{counter}}: 1 for the first send of a series
        QString peer;        // {{peer}}
    };

    // Fails only when a {{file:...}} cannot be read (*error says which).
    bool render(const Context &context, QByteArray *out, QString *error = nullptr) const;
    // The same bytes on every send (no macro).
    bool isConstant() const { return !m_templated || m_body.isConstant(); }

private:
    friend struct SendFormat;

    bool m_templated = false;
    MessageTemplate m_body; // when m_templated
    QByteArray m_constant;  // otherwise
    QByteArray m_ending;
    Checksum::Kind m_checksum = Checksum::Kind::None;
};

// How typed input becomes bytes, in the send panel, a saved message and on the
// command line: Text (encoded as is), Hex (the exact bytes) or Text with
// escapes, which also takes the macros of MessageTemplate ({{counter}},
// {{time}}, {{peer}}, {{random:N}}, {{file:PATH}}); then a line ending; then a
// checksum. No widgets, so the bytes and the error positions can be tested on
// their own.
struct SendFormat
{
    // The values are the order of the panel's combo-box items.
    enum class Mode { Text, Hex, Escapes };
    enum class LineEnding { None, Lf, CrLf };

    Mode mode = Mode::Text;
    PayloadCodec::Encoding encoding = PayloadCodec::Encoding::Utf8;
    LineEnding lineEnding = LineEnding::None;
    Checksum::Kind checksum = Checksum::Kind::None;

    // The bytes of one send (macros rendered as for the first send of a
    // series), or a translated error and the index of the offending character
    // in the text (-1 when there is none to point at). Hex ignores the encoding
    // and the line ending; the checksum applies to every mode.
    PayloadCodec::ParseResult encode(QStringView text) const;
    // Parses once for many sends. On error returns false with *error filled
    // as encode() would.
    bool compile(QStringView text, SendMessage *out, PayloadCodec::ParseResult *error) const;

    // Stable, untranslated names for settings, JSON and the command line:
    // "text" / "hex" / "escapes" and "none" / "lf" / "crlf". fromKeyword
    // returns false for an unknown name and leaves *out untouched.
    static QString modeKeyword(Mode mode);
    static bool modeFromKeyword(QStringView name, Mode *out);
    static QString lineEndingKeyword(LineEnding ending);
    static bool lineEndingFromKeyword(QStringView name, LineEnding *out);

    // Under the names above, so a language switch keeps them; unknown or
    // missing values read as the defaults.
    static SendFormat load(const QSettings &settings);
    void save(QSettings *settings) const;

    bool operator==(const SendFormat &other) const
    {
        return mode == other.mode && encoding == other.encoding && lineEnding == other.lineEnding &&
               checksum == other.checksum;
    }
};
