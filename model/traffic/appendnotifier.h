#pragma once

#include <QObject>

#include <atomic>

class QTimer;

// Tells the readers of a store, in the store's thread, that events were
// appended: at once after a quiet spell, then at most once per interval while
// appends keep coming.
//
// Every announcement wakes the store's thread, and every reader (the headless
// printer, the log and connection models) then takes the store's lock to read
// what is new. A writer on another thread (the relay's forwarding thread, a UDP
// session's) that announced each append woke the printer once per message: for
// the relay's hello exchange, an eventfd write in the forwarding thread and a
// poll, a read and a one-line write in the printer's, per message. Announcing
// at most once per interval lets each wake-up print what a burst brought.
class AppendNotifier : public QObject
{
    Q_OBJECT

public:
    // How long announcements wait after one was made: short against what a
    // person notices, long against one message's handling.
    static constexpr int IntervalMs = 1;

    explicit AppendNotifier(QObject *parent = nullptr);

    // Any thread: something was appended.
    void notify();

Q_SIGNALS:
    // In this object's thread; the readers then read everything new.
    void appended();

private:
    Q_INVOKABLE void deliver();
    void intervalEnded();

    QTimer *m_interval;
    // An announcement is queued or the interval runs: notify() posts nothing.
    std::atomic_bool m_pending{false};
    // Set by notify(), taken when an announcement is made.
    std::atomic_bool m_appended{false};
};
