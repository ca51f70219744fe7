#pragma once

#include "messagetemplate.h"
#include "payloadcodec.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>

// A scripted exchange: steps run in order on one connection (send, wait for an
// answer, send again). The grammar is written down at the top of script.cpp.
class Script
{
public:
    struct Step
    {
        enum class Type { Send, SendHex, ExpectText, ExpectRegex, Timeout, Wait, Close };
        Type type = Type::Send;
        int line = 0;             // 1-based line in the script text
        QString source;           // the step as written, without its comment
        MessageTemplate message;  // send
        QByteArray bytes;         // send-hex; expect TEXT
        QRegularExpression regex; // expect /REGEX/
        int ms = 0;               // expect: its timeout; timeout; wait
    };

    static constexpr int DefaultTimeoutMs = 5000;
    static constexpr int MaxMs = 3600 * 1000;

    // On error returns false; *error is a translated sentence that starts with
    // the line number ("Line 3: ...") and *line is that number.
    bool parse(const QString &text, PayloadCodec::Encoding encoding, QString *error = nullptr,
               int *line = nullptr);

    const QList<Step> &steps() const { return m_steps; }
    PayloadCodec::Encoding encoding() const { return m_encoding; }
    bool isEmpty() const { return m_steps.isEmpty(); }

    // A script from a file, for --script FILE; errors name the file and line.
    static bool load(const QString &path, QString *text, QString *error);

private:
    QList<Step> m_steps;
    PayloadCodec::Encoding m_encoding = PayloadCodec::Encoding::Utf8;
};
