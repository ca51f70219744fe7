#pragma once

#include "trafficevent.h"

#include <QWidget>

class LogFilterModel;
class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;
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
    ~LogView() override;

    QTableView *table() const { return m_table; }
    // Only this session's events (0 = all sessions).
    void setSessionFilter(SessionId session);
    bool isFollowing() const { return m_following; }
    // The sequence numbers of the selected rows, in order.
    QList<quint64> selectedSeqs() const;
    bool isPaused() const;

public Q_SLOTS:
    void copySelection();
    void jumpToTail();
    // Freezes the rows shown (the store goes on recording); same as the Pause button.
    void setPaused(bool paused);

Q_SIGNALS:
    // The current event changed (0 when none).
    void eventSelected(quint64 seq);
    void clearRequested();
    void pausedChanged(bool paused);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QToolButton *addToolButton(const QString &objectName, const QString &iconName,
                               const QString &text, const QString &toolTip);
    void applyFilter();
    void showModel(QAbstractItemModel *model);
    void connectSelection();
    void applyRowMetrics();
    void applyColumnWidths();
    void onRowsInserted(QAbstractItemModel *model, int first, int last);
    void onScrollValueChanged(int value);
    void onScrollRangeChanged(int minimum, int maximum);
    void updateSelectedEvent();
    // Makes a row current without selecting it: the tail while following,
    // else the top visible row.
    void parkCurrent();
    void scheduleTailScroll();
    void scrollToTailNow();
    void setFollowing(bool following);
    void updateNewEventsButton();
    void placeNewEventsButton();
    quint64 seqForIndex(const QModelIndex &index) const;

    TrafficLogModel *m_model = nullptr;
    LogFilterModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QToolButton *m_inButton = nullptr;
    QToolButton *m_outButton = nullptr;
    QToolButton *m_stateButton = nullptr;
    QToolButton *m_errorButton = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QLabel *m_pausedLabel = nullptr;
    QPushButton *m_newEventsButton = nullptr;
    QTimer *m_filterTimer = nullptr;
    SessionId m_session = 0;
    quint64 m_currentSeq = 0;
    qint64 m_newEvents = 0;
    bool m_following = true;
    bool m_tailScrollPending = false;
    // Set while the view itself moves the scroll bar or swaps models, so those
    // moves are not taken for the user scrolling away from the tail.
    bool m_autoScrolling = false;
};
