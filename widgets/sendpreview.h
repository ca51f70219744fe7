#pragma once

#include "sendformat.h"

#include <QLabel>

// The exact bytes the send panel's input makes, in hex, under the input and
// updated as one types: "7 B: 48 65 6c 6c 6f 0d 0a". Macros show as they
// would for the first send of a series; a long message shows its first bytes.
class SendPreview : public QLabel
{
    Q_OBJECT

public:
    explicit SendPreview(QWidget *parent = nullptr);

    void showBytes(const SendFormat &format, QStringView text);
    void retranslate();

    // Tool tips of the panel: what escapes and macros there are, and exactly
    // which bytes a checksum covers and where it goes.
    static QString macroHelp();
    static QString checksumHelp(Checksum::Kind kind);

    static constexpr qsizetype MaxShownBytes = 48;

private:
    SendFormat m_format;
    QString m_text;
};
