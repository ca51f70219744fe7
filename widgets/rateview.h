#pragma once

#include "ratebuckets.h"

#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QTimer;
class QValueAxis;
class TrafficStore;

// The live rate plot: messages per second and bytes per second, in and out,
// for one session or all, over the last minute or the whole recording. Drawn
// with Qt Charts from the store's time buckets (never a point per event), a
// few times a second and only while visible. Zoom with the rubber band or
// the wheel; resetZoom() goes back to following the data.
class RateView : public QWidget
{
    Q_OBJECT

public:
    enum class Range { LastMinute, WholeRecording };
    static constexpr int RefreshMs = 500;

    explicit RateView(const TrafficStore *store, QWidget *parent = nullptr);

    void setSession(int session); // a session id or RateBuckets::AllSessions
    void setRange(Range range);
    Range range() const { return m_range; }
    void resetZoom();
    // Reads the store's buckets and redraws (the timer calls it).
    void refresh();

    QChartView *messagesChart() const { return m_messages.view; }
    QChartView *bytesChart() const { return m_bytes.view; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Plot
    {
        QChartView *view = nullptr;
        QLineSeries *in = nullptr;
        QLineSeries *out = nullptr;
        QDateTimeAxis *time = nullptr;
        QValueAxis *value = nullptr;
    };
    Plot createPlot(const QString &objectName);
    void retranslate();

    const TrafficStore *m_store;
    int m_session;
    Range m_range = Range::LastMinute;
    RateBuckets::Series m_drawn; // what the plots show: an unchanged series is not redrawn
    bool m_drawnValid = false;
    Plot m_messages;
    Plot m_bytes;
    QTimer *m_timer;
};
