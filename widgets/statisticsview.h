#pragma once

#include "trafficevent.h"

#include <QWidget>

class QLabel;
class QTableWidget;
class QTimer;
class TrafficStore;

// Statistics of one session or all: messages and bytes each way, the selected
// connection's counts, the message size distribution and the busiest peers.
// Refreshed twice a second while visible, from TrafficStatistics.
class StatisticsView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int RefreshMs = 500;
    static constexpr int TopPeers = 10;

    explicit StatisticsView(const TrafficStore *store, QWidget *parent = nullptr);

    void setSession(int session); // a session id or RateBuckets::AllSessions
    void setConnection(ConnectionId connection);
    void refresh();

    QTableWidget *totalsTable() const { return m_totals; }
    QTableWidget *sizesTable() const { return m_sizes; }
    QTableWidget *peersTable() const { return m_peers; }
    QLabel *connectionLabel() const { return m_connection; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslate();

    const TrafficStore *m_store;
    int m_session;
    ConnectionId m_connectionId = 0;
    QLabel *m_totalsTitle;
    QTableWidget *m_totals;
    QLabel *m_connection;
    QLabel *m_sizesTitle;
    QTableWidget *m_sizes;
    QLabel *m_peersTitle;
    QTableWidget *m_peers;
    QTimer *m_timer;
};
