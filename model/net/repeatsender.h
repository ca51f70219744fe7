#pragma once

#include "endpoint.h"
#include "repeatschedule.h"
#include "sendformat.h"

#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>

#include <functional>

class QTimer;

struct RepeatProgress
{
    quint64 sent = 0;  // rounds sent so far
    quint64 total = 0; // 0: until stopped
    quint64 late = 0;  // rounds that left later than their slot's tolerance
    bool running = false;
    QString error; // why it stopped early (empty: finished or stopped by the user)
};
Q_DECLARE_METATYPE(RepeatProgress)

// Sends a list of messages every interval on the endpoint's thread, so
// painting never delays it. One round sends every message of the list in
// order, each rendered again ({{counter}} = the round's number from 1,
// {{time}} now). The timing follows RepeatSchedule: anchored to the start, no
// drift, late rounds counted, never bunched. A child of the endpoint: it stops
// when the session leaves its open state or the target closes, and dies with
// the endpoint.
class RepeatSender : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<qint64()>; // nanoseconds, monotonic

    RepeatSender(Endpoint *endpoint, const SendTarget &target, const QList<SendMessage> &messages,
                 qint64 intervalMs, quint64 count, QObject *parent = nullptr);

    // For tests: a clock other than the steady one.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    void start();
    void stop(const QString &error = {});
    RepeatProgress progress() const;

Q_SIGNALS:
    // At most every ProgressIntervalMs while running, and once at the end
    // (running false).
    void progressChanged(const RepeatProgress &progress);

private:
    static constexpr qint64 ProgressIntervalMs = 50;

    void onTimer();
    void arm();
    void reportProgress(bool force);

    QPointer<Endpoint> m_endpoint;
    SendTarget m_target;
    QList<SendMessage> m_messages;
    RepeatSchedule m_schedule;
    Clock m_clock;
    QTimer *m_timer;
    QElapsedTimer m_sinceProgress;
    bool m_running = false;
    QString m_error;
};
