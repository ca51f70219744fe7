#pragma once

#include "trafficevent.h"

#include <QWidget>

class LogFilterModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QToolButton;
class TrafficLogModel;

// The live traffic log: a table over TrafficLogModel with a filter bar (text in
// payload or peer, direction toggles, session), Pause, Clear, Copy, and tail
// following: while the view is at the bottom it follows new rows; scrolling up
// or selecting a row stops following and shows "N new events", which jumps
// back to the tail when clicked. Stays smooth at thousands of events a second:
// uniform row heights, lazy text, batched inserts, no per-row scrolling.
class LogView : public QWidget
{
    Q_OBJECT

public:
    explicit LogView(TrafficLogModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    // Only this session's events (0 = all sessions).
    void setSessionFilter(SessionId session);
    bool isFollowing() const { return m_following; }
    // The sequence numbers of the selected rows, in order.
    QList<quint64> selectedSeqs() const;

public Q_SLOTS:
    void copySelection();
    void jumpToTail();

Q_SIGNALS:
    // The current event changed (0 when none).
    void eventSelected(quint64 seq);
    void clearRequested();

private:
    // Implementation-defined members.
    TrafficLogModel *m_model = nullptr;
    LogFilterModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    bool m_following = true;
};
