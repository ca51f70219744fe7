#pragma once

#include "payloadcodec.h"

#include <QString>
#include <QStringView>

class QSettings;

// How the send panel turns what was typed into bytes: Text (encoded), Hex (the
// exact bytes) or Text with escapes, then a line ending. No widgets, so the
// bytes and the error positions can be tested on their own.
struct SendFormat
{
    // The values are the order of the panel's combo-box items.
    enum class Mode { Text, Hex, Escapes };
    enum class LineEnding { None, Lf, CrLf };

    Mode mode = Mode::Text;
    PayloadCodec::Encoding encoding = PayloadCodec::Encoding::Utf8;
    LineEnding lineEnding = LineEnding::None;

    // The bytes, or a translated error and the index of the offending character
    // in the text (-1 when there is none to point at). Hex ignores the encoding
    // and the line ending.
    PayloadCodec::ParseResult encode(QStringView text) const;

    // Under stable, untranslated names, so a language switch keeps them; unknown
    // or missing values read as the defaults.
    static SendFormat load(const QSettings &settings);
    void save(QSettings *settings) const;
};
