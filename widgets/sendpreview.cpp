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
