#pragma once

#include "ruleset.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

// The tutorial's TCP server, made exact and byte-safe: greet on accept, answer
// each message with the reply template, close on the exit word. A message is one
// read (the tutorial's recv(1024)) or, with line framing, one line. One trailing
// "\n" or "\r\n" is taken off the message and put back after the reply, so
// netcat users get lines and the tutorial's client gets exactly "Hello, Michael!".
// Pure logic, no sockets: the endpoint feeds reads in and writes replies out.
// The replies come from a RuleSet: the hello reply is its built-in rule set, and
// a session's own auto-reply rules use the same framing and line-ending rule
// (with an empty exit word and no greeting when the protocol is not hello).
class HelloProtocol
{
public:
    struct Config
    {
        QByteArray replyTemplate = QByteArrayLiteral("Hello, %s!");
        QByteArray exitWord = QByteArrayLiteral("exit");
        bool lineFraming = false;
        qsizetype maxLineLength = 64 * 1024;
        // The rules that answer, shared by the connections of a session (their
        // counters count for the session); none: the reply template answers.
        std::shared_ptr<RuleSet> rules;
    };

    struct Output
    {
        QList<QByteArray> replies;
        QList<int> delaysMs; // one per reply: how long to wait before sending it
        bool close = false;  // the exit word arrived: close after the replies
        // Replies that could not be made (a {{file:}} that cannot be read), in
        // words: nothing was sent for them, and the log must say so.
        QStringList errors;
    };

    explicit HelloProtocol(const Config &config);

    Output receive(QByteArrayView bytes);
    // The same into *out, emptied first: a caller that keeps one Output keeps
    // its lists' memory from message to message.
    void receive(QByteArrayView bytes, Output *out);
    // The peer's address, for {{peer}} in replies.
    void setPeer(const QString &peer) { m_peer = peer; }
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
    QString m_peer;
};
