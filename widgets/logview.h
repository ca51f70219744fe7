#pragma once

#include "trafficevent.h"

#include <QWidget>

class ConversationFilterBar;
class LogFilterModel;
class LogToolBar;
class QAbstractItemModel;
class QLabel;
class QTableView;
class TailFollower;
class TrafficLogModel;

// The live traffic log: a table over TrafficLogModel with a filter bar (text in
// payload or peer, direction toggles, session), Pause, Clear, Copy, and tail
// following: while the view is at the bottom it follows new rows; scrolling up
// or selecting a row stops following and shows "N new events", which jumps
// back to the tail when clicked. Stays smooth at thousands of events a second:
// uniform row heights, lazy text, batched inserts, no per-row scrolling.
// The bar is a LogToolBar and the following a TailFollower; this class ties
// them to the table, the filter model and the selection.
class LogView : public QWidget
{
    Q_OBJECT

public:
    explicit LogView(TrafficLogModel *model, QWidget *parent = nullptr);
    ~LogView() override;

    QTableView *table() const { return m_table; }
    // Only this session's events (0 = all sessions).
    void setSessionFilter(SessionId session);
    // Only one conversation's events (0 = all), with a visible bar to clear it.
    void setConversationFilter(ConnectionId connection, const QString &description = {});
    ConnectionId conversationFilter() const { return m_connection; }
    bool isFollowing() const;
    // The sequence numbers of the selected rows, in order.
    QList<quint64> selectedSeqs() const;
    // The sequence numbers of every row the table shows (filtered or not), in order.
    QList<quint64> shownSeqs() const;
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
    enum class ColumnFit { Exact, GrowOnly };

    void retranslate();
    void applyFilter();
    // Makes the row of `seq` current and selected again; false when the
    // table does not show it (yet: a filter scan may still find it).
    bool restoreCurrent(quint64 seq);
    void showFilterProgress(bool scanning, int percent);
    void showModel(QAbstractItemModel *model);
    void connectSelection();
    void applyRowMetrics();
    // Fits the columns to their headers and typical cells; GrowOnly keeps the
    // widths a user made wider.
    void applyColumnWidths(ColumnFit columnFit);
    void onRowsInserted(QAbstractItemModel *model, int first, int last);
    void updateSelectedEvent();
    // Makes a row current without selecting it: the tail while following,
    // else the top visible row.
    void parkCurrent();
    quint64 seqForIndex(const QModelIndex &index) const;

    TrafficLogModel *m_model = nullptr;
    LogFilterModel *m_filter = nullptr;
    LogToolBar *m_bar = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_pausedLabel = nullptr;
    QLabel *m_filterProgress = nullptr;
    TailFollower *m_follower = nullptr;
    ConversationFilterBar *m_conversationBar = nullptr;
    SessionId m_session = 0;
    ConnectionId m_connection = 0;
    quint64 m_currentSeq = 0;
    quint64 m_pendingSeq = 0; // selected before a filter change, not found yet
};
