#pragma once

#include "messagetemplate.h"
#include "script.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

class QTimer;

// Runs a Script on one connection, on the thread that owns the connection,
// driven by its event loop: nothing blocks. The endpoint feeds it what arrives
// and when the connection ends; the runner sends and closes through Io.
class ScriptRunner : public QObject
{
    Q_OBJECT

public:
    enum class Status { Pending, Running, Ok, Failed };
    Q_ENUM(Status)

    struct Io
    {
        std::function<void(const QByteArray &)> send;
        std::function<void()> close;
    };

    // The bytes kept for expects: an answer larger than this is matched on its
    // last part only, so a peer that floods cannot grow memory without bound.
    static constexpr qsizetype MaxBuffered = 4 * 1024 * 1024;
    // How much of the unmatched bytes a failure shows.
    static constexpr qsizetype ShownBytes = 80;

    ScriptRunner(const Script &script, const QString &peer, Io io, QObject *parent = nullptr);

    void start();
    void receive(const QByteArray &bytes);
    void connectionClosed();

    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && m_failure.isEmpty(); }
    QString failure() const { return m_failure; }

    // "Line 4: expected "Hello, Bob!" ..." for a failed step.
    static QString describeStep(const Script::Step &step);

Q_SIGNALS:
    // status is a Status; detail says why a step failed.
    void stepChanged(int index, int status, const QString &detail);
    // ok false: message names the line, what was expected and the bytes that
    // had arrived.
    void finished(bool ok, const QString &message);

private:
    enum class Waiting { Nothing, Expect, Wait };

    void advance();
    bool tryExpect(const Script::Step &step);
    void setStatus(int index, Status status, const QString &detail = {});
    void fail(const QString &reason);
    void onTimer();

    Script m_script;
    QString m_peer;
    Io m_io;
    QTimer *m_timer;
    QByteArray m_buffer;
    MessageTemplate::Context m_captures;
    quint64 m_sends = 0;
    int m_index = 0;
    Waiting m_waiting = Waiting::Nothing;
    bool m_started = false;
    bool m_closed = false;
    bool m_finished = false;
    bool m_advancing = false;
    QString m_failure;
};
