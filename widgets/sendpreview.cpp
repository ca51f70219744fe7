#include "sendpreview.h"

#include <QLocale>

SendPreview::SendPreview(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("sendPreview"));
    setForegroundRole(QPalette::PlaceholderText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setWordWrap(true);
    QFont mono = font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    setFont(mono);
    retranslate();
}

void SendPreview::showBytes(const SendFormat &format, QStringView text)
{
    m_format = format;
    m_text = text.toString();
    const PayloadCodec::ParseResult result = format.encode(text);
    if (!result.ok()) {
        // The full sentence appears on Send; here a hint that there is one.
        setText(tr("(not valid yet)"));
        return;
    }
    if (result.bytes.isEmpty()) {
        setText(tr("0 B"));
        return;
    }
    const QString hex =
        PayloadCodec::toHex(result.bytes.first(qMin(result.bytes.size(), MaxShownBytes)));
    // "B" as in the log's "5 B": no plural form to get wrong in any language.
    setText(tr("%1 B: %2%3")
                .arg(QLocale().toString(result.bytes.size()), hex,
                     result.bytes.size() > MaxShownBytes ? QStringLiteral(" …") : QString()));
}

void SendPreview::retranslate()
{
    setAccessibleName(tr("Bytes to send"));
    setToolTip(tr("The exact bytes Send puts on the wire, in hex: the message, then the line "
                  "ending, then the checksum."));
    showBytes(m_format, m_text);
}

QString SendPreview::macroHelp()
{
    return tr("Escapes: \\r \\n \\t \\\\ \\xNN \\uNNNN, and \\{ for a literal \"{\".\n"
              "Macros, filled in on every send:\n"
              "{{counter}}  1, 2, 3 … in a repeat series\n"
              "{{time}} or {{time:yyyyMMddhhmmss}}  the local time\n"
              "{{peer}}  the address sent to\n"
              "{{random:N}}  N random bytes\n"
              "{{file:PATH}}  the bytes of a file");
}

QString SendPreview::checksumHelp(Checksum::Kind kind)
{
    if (kind == Checksum::Kind::None)
        return tr("Append a checksum to every message sent from here.");
    return tr("%1 (%n byte(s)) over every byte of the message, line ending included, "
              "appended after it as the last bytes.",
              nullptr, Checksum::width(kind))
        .arg(Checksum::displayName(kind));
}
