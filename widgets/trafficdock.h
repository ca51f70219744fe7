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

    // Each makes the dock's contents if they are not made yet.
    RateView *rateView();
    StatisticsView *statisticsView();
    QComboBox *sessionSelector();
    QComboBox *rangeSelector();

public Q_SLOTS:
    void setConnection(ConnectionId connection);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void retranslate();
    void updateSessions();
    void onSessionChosen();

    const TrafficStore *m_store;
    // Made by build(), null until then.
    QLabel *m_sessionLabel = nullptr;
    QComboBox *m_session = nullptr;
    QLabel *m_rangeLabel = nullptr;
    QComboBox *m_range = nullptr;
    QPushButton *m_resetZoom = nullptr;
    RateView *m_rateView = nullptr;
    StatisticsView *m_statisticsView = nullptr;
    QTimer *m_sessionTimer;
    ConnectionId m_connection = 0; // the selected connection, kept until built
};
