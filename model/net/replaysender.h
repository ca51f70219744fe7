#pragma once

#include "endpoint.h"
#include "repeatsender.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

class QTimer;

// Sends recorded payloads again, in their order, on the endpoint's thread:
// at once one after the other, or keeping the time between them that the
// recording had (measured from the start, so delays do not add up). The
// bytes are sent exactly as recorded: no template, no line ending. A child of
// the endpoint like RepeatSender, and it reports the same RepeatProgress
// (sent / total messages, running, why it stopped), so SendJobs and its
// callers treat both alike. Stops with a message when the target closes.
class ReplaySender : public QObject
{
    Q_OBJECT

public:
    struct Message
    {
        QByteArray bytes;
        qint64 offsetUs = 0; // when to send it, counted from the first message
    };

    ReplaySender(Endpoint *endpoint, const SendTarget &target, const QList<Message> &messages,
                 bool keepSpacing, QObject *parent = nullptr);

    void start();
    void stop(const QString &error = {});
    RepeatProgress progress() const;

Q_SIGNALS:
    void progressChanged(const RepeatProgress &progress);

private:
    void onTimer();

    QPointer<Endpoint> m_endpoint;
    SendTarget m_target;
    QList<Message> m_messages;
    bool m_keepSpacing;
    qsizetype m_next = 0;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    bool m_running = false;
    QString m_error;
};
