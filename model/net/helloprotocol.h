#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

// The tutorial's TCP server, made exact and byte-safe: greet on accept, answer
// each message with the reply template, close on the exit word. A message is one
// read (the tutorial's recv(1024)) or, with line framing, one line. One trailing
// "\n" or "\r\n" is taken off the message and put back after the reply, so
// netcat users get lines and the tutorial's client gets exactly "Hello, Michael!".
// Pure logic, no sockets: the endpoint feeds reads in and writes replies out.
class HelloProtocol
{
public:
    struct Config
    {
        QByteArray replyTemplate = QByteArrayLiteral("Hello, %s!");
        QByteArray exitWord = QByteArrayLiteral("exit");
        bool lineFraming = false;
        qsizetype maxLineLength = 64 * 1024;
    };

    struct Output
    {
        QList<QByteArray> replies;
        bool close = false; // the exit word arrived: close after the replies
    };

    explicit HelloProtocol(const Config &config);

    Output receive(QByteArrayView bytes);
    // Bytes of an unfinished line (line framing) still waiting for "\n".
    qsizetype pendingBytes() const { return m_pending.size(); }

    // Splits off one trailing "\n" or "\r\n": returns the message, *ending gets it.
    static QByteArrayView splitLineEnding(QByteArrayView message, QByteArrayView *ending);
    static QByteArray reply(QByteArrayView replyTemplate, QByteArrayView message);

private:
    // Returns false when the exit word ended the conversation.
    bool handleMessage(QByteArrayView message, Output *out) const;

    Config m_config;
    QByteArray m_pending;
};
