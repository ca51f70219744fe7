#pragma once

#include "trafficevent.h"

#include <QDockWidget>

class QComboBox;
class QLabel;
class QMainWindow;
class QMenu;
class QPushButton;
class QTimer;
class RateView;
class StatisticsView;
class TrafficStore;

// The "Traffic" dock: the rate plot beside the statistics, with one session
// selector and the plot's range and zoom controls. Hidden at first; its
// visibility and place are part of the window's saved state, and View >
// Traffic Rates and Statistics (Ctrl+Shift+T) toggles it.
class TrafficDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit TrafficDock(const TrafficStore *store, QWidget *parent = nullptr);

    // Adds the dock to `window` (bottom, hidden) and its toggle to `viewMenu`.
    static TrafficDock *install(const TrafficStore *store, QMainWindow *window, QMenu *viewMenu);

    RateView *rateView() const { return m_rateView; }
    StatisticsView *statisticsView() const { return m_statisticsView; }
    QComboBox *sessionSelector() const { return m_session; }
    QComboBox *rangeSelector() const { return m_range; }

public Q_SLOTS:
    void setConnection(ConnectionId connection);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateSessions();
    void onSessionChosen();

    const TrafficStore *m_store;
    QLabel *m_sessionLabel;
    QComboBox *m_session;
    QLabel *m_rangeLabel;
    QComboBox *m_range;
    QPushButton *m_resetZoom;
    RateView *m_rateView;
    StatisticsView *m_statisticsView;
    QTimer *m_sessionTimer;
};
