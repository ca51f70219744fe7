#pragma once

#include "payloadcodec.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

// A message as a person writes it for the send panel, a saved message, an
// auto-reply rule or a script: text with the send panel's escapes, plus macros
// that are filled in each time it is sent. Parsed once (errors point at a
// character), rendered per send.
//
// Grammar (all syntaxes):
//   text             encoded in the chosen encoding
//   \r \n \t \\ \xNN \uNNNN ...   the escapes of PayloadCodec::parseEscaped
//   \{               a literal "{" (so "{{" can be sent)
//   {{counter}}      the send's number (1, 2, 3, ... per series, rule or script)
//   {{time}}         local time "hh:mm:ss.zzz"; {{time:FORMAT}} with a
//                    QDateTime format, e.g. {{time:yyyyMMddhhmmss}}
//   {{peer}}         the peer's address, "127.0.0.1:50012"
//   {{random:N}}     N random bytes (1 to 65536)
//   {{file:PATH}}    the bytes of a file, read when the message is sent
// Reply syntax (auto-reply rules) adds captures of the rule's match:
//   \0 .. \9         the whole match and its groups (so a NUL byte is \x00)
//   ${name}          a named group; $$ is a literal "$"
// Script syntax (scripted exchanges) adds the captures of earlier expects:
//   $0 .. $9, ${name}, and $$ for "$"; \0 stays a NUL byte.
class MessageTemplate
{
public:
    enum class Syntax { Message, Reply, Script };

    struct Context
    {
        quint64 counter = 0;
        qint64 timeUs = 0; // 0: now
        QString peer;
        QList<QByteArray> captures;       // index 0: the whole match
        QHash<QString, QByteArray> named; // named groups
    };

    MessageTemplate() = default;

    // Parses `text`. On error returns false, *error is a translated sentence and
    // *position the index of the offending character in `text`.
    bool parse(QStringView text, PayloadCodec::Encoding encoding, Syntax syntax,
               QString *error = nullptr, qsizetype *position = nullptr);

    // The bytes for one send. Fails only when a {{file:...}} cannot be read
    // (*error says which and why).
    bool render(const Context &context, QByteArray *out, QString *error = nullptr) const;
    // Convenience for templates known to need no file (a failed file gives no bytes).
    QByteArray render(const Context &context) const;
    QByteArray render() const;

    // True when the bytes are the same on every send (no macro, no capture).
    bool isConstant() const;
    bool isEmpty() const { return m_parts.isEmpty(); }

    static constexpr qsizetype MaxRandomBytes = 65536;
    static constexpr qint64 MaxFileBytes = 64 * 1024 * 1024;

private:
    struct Part
    {
        enum class Type { Bytes, Capture, Named, Counter, Time, Peer, Random, File };
        Type type = Type::Bytes;
        QByteArray bytes; // Bytes
        int number = 0;   // Capture index, Random count
        QString text;     // Named group, Time format, File path
    };

    QList<Part> m_parts;
};
