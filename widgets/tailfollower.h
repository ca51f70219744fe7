#pragma once

#include <QObject>
#include <QScopedValueRollback>

class QPushButton;
class QTableView;

// Tail following for the traffic log's table, whose rows arrive at the bottom.
// While following, new rows scroll into view once per batch (never per row).
// Scrolling up stops it, and a bar below the rows counts what arrived since
// and is not yet in view ("N new events"); clicking it jumps back to the tail.
class TailFollower : public QObject
{
    Q_OBJECT

public:
    TailFollower(QTableView *table, QObject *parent);

    // The new-events bar, for the view to place below the table (never over
    // its rows); the view's layout owns it.
    QPushButton *button() const { return m_button; }
    bool isFollowing() const { return m_following; }
    void setFollowing(bool following);
    // True while the view itself moves the scroll bar or the selection, so
    // those moves are not taken for the user scrolling away from the tail.
    bool isAutoScrolling() const { return m_autoScrolling; }
    // The moves made while the returned guard lives are the view's own.
    [[nodiscard]] QScopedValueRollback<bool> autoScrollGuard();
    // With a row selected, scrolling back down does not resume following:
    // clicking a row near the bottom (which may scroll to it) must not.
    void setRowSelected(bool selected) { m_rowSelected = selected; }
    // `count` rows were appended to the model the table shows.
    void rowsAppended(int count);
    // The table shows another model: none of its rows count as new.
    void restartCount();
    void scrollToTailNow();
    // Re-sets the button's words; the view calls it on a language change.
    void retranslate();

Q_SIGNALS:
    // The new-events button was clicked.
    void jumpRequested();

private:
    void scheduleTailScroll();
    void scheduleButtonUpdate();
    void onScrollValueChanged(int value);
    void onScrollRangeChanged(int minimum, int maximum);
    void updateButton();
    qint64 rowsBelowView() const;

    QTableView *m_table;
    QPushButton *m_button = nullptr;
    qint64 m_newEvents = 0;
    bool m_following = true;
    bool m_rowSelected = false;
    bool m_tailScrollPending = false;
    bool m_buttonUpdatePending = false;
    bool m_autoScrolling = false;
};
