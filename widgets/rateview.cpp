#include "rateview.h"

#include "ratebuckets.h"
#include "trafficstore.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>

namespace {

// A chart view that zooms the time axis with the wheel, around the pointer.
class ZoomingChartView : public QChartView
{
public:
    using QChartView::QChartView;

protected:
    void wheelEvent(QWheelEvent *event) override
    {
        const int steps = event->angleDelta().y() / 120;
        if (steps == 0) {
            event->ignore();
            return;
        }
        const qreal factor = steps > 0 ? 1.25 : 0.8;
        const QRectF area = chart()->plotArea();
        // Zooming a rectangle centred on the pointer keeps that time under it.
        const qreal width = area.width() / factor;
        const qreal x = std::clamp(event->position().x(), area.left(), area.right());
        const qreal left = x - (x - area.left()) / factor;
        chart()->zoomIn(QRectF(left, area.top(), width, area.height()));
        event->accept();
    }
};

} // namespace

RateView::RateView(const TrafficStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_session(RateBuckets::AllSessions)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("rateView"));
    m_messages = createPlot(QStringLiteral("messageRateChart"));
    m_bytes = createPlot(QStringLiteral("byteRateChart"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_messages.view);
    layout->addWidget(m_bytes.view);

    // Drawing never runs while the view is hidden: the timer runs between
    // showEvent and hideEvent only.
    m_timer->setInterval(RefreshMs);
    connect(m_timer, &QTimer::timeout, this, &RateView::refresh);
    retranslate();
}

RateView::Plot RateView::createPlot(const QString &objectName)
{
    Plot plot;
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignTop);
    plot.in = new QLineSeries(chart);
    plot.out = new QLineSeries(chart);
    plot.in->setObjectName(objectName + QStringLiteral("In"));
    plot.out->setObjectName(objectName + QStringLiteral("Out"));
    plot.in->setColor(QColor(0x1f, 0x77, 0xb4));
    plot.out->setColor(QColor(0xd6, 0x61, 0x0e));
    chart->addSeries(plot.in);
    chart->addSeries(plot.out);
    plot.time = new QDateTimeAxis(chart);
    plot.value = new QValueAxis(chart);
    plot.value->setLabelFormat(QStringLiteral("%.0f"));
    plot.value->setMin(0);
    chart->addAxis(plot.time, Qt::AlignBottom);
    chart->addAxis(plot.value, Qt::AlignLeft);
    for (QLineSeries *series : {plot.in, plot.out}) {
        series->attachAxis(plot.time);
        series->attachAxis(plot.value);
    }
    plot.view = new ZoomingChartView(chart, this);
    plot.view->setObjectName(objectName);
    plot.view->setRubberBand(QChartView::HorizontalRubberBand);
    plot.view->setMinimumSize(280, 100);
    return plot;
}

void RateView::setSession(int session)
{
    m_session = session;
    resetZoom();
}

void RateView::setRange(Range range)
{
    m_range = range;
    resetZoom();
}

void RateView::resetZoom()
{
    m_drawnValid = false; // the axes follow the data again: redraw even if unchanged
    for (const Plot *plot : {&m_messages, &m_bytes})
        plot->view->chart()->zoomReset();
    refresh();
}

void RateView::refresh()
{
    RateBuckets::Series series;
    const qint64 nowUs = TrafficStore::nowUs();
    m_store->readRates([&](const RateBuckets &rates) {
        if (m_range == Range::WholeRecording) {
            series = rates.whole(m_session);
            return;
        }
        // The last minute of the clock while recording goes on; a file's (or
        // an idle session's) last minute of activity otherwise.
        const qint64 endUs =
            rates.lastUs() != 0 && rates.lastUs() < nowUs - 60 * 1000000 ? rates.lastUs() : nowUs;
        series = rates.recent(m_session, endUs, 60);
    });

    // Redrawing a chart is the costly part (a few ms each on a busy machine):
    // skip it when nothing changed, e.g. a quiet last minute with no
    // new second, or a whole recording between two events.
    if (m_drawnValid && series.startUs == m_drawn.startUs && series.bucketUs == m_drawn.bucketUs &&
        series.buckets == m_drawn.buckets)
        return;
    m_drawn = series;
    m_drawnValid = true;
    const double perSecond = 1e6 / double(series.bucketUs);
    QList<QPointF> points[4];
    double maxMessages = 0;
    double maxBytes = 0;
    for (qsizetype i = 0; i < series.buckets.size(); ++i) {
        const RateBuckets::Counts &c = series.buckets.at(i);
        const double x = double(series.startUs + i * series.bucketUs) / 1000.0;
        const double values[4] = {double(c.messagesIn) * perSecond,
                                  double(c.messagesOut) * perSecond, double(c.bytesIn) * perSecond,
                                  double(c.bytesOut) * perSecond};
        for (int k = 0; k < 4; ++k)
            points[k].append(QPointF(x, values[k]));
        maxMessages = std::max({maxMessages, values[0], values[1]});
        maxBytes = std::max({maxBytes, values[2], values[3]});
    }
    // Markers help a lone busy second show; on hundreds of points they only cost.
    const bool markers = series.buckets.size() <= 120;
    for (QLineSeries *line : {m_messages.in, m_messages.out, m_bytes.in, m_bytes.out})
        line->setPointsVisible(markers);
    m_messages.in->replace(points[0]);
    m_messages.out->replace(points[1]);
    m_bytes.in->replace(points[2]);
    m_bytes.out->replace(points[3]);

    // While zoomed the user's axis ranges stay; otherwise follow the data.
    const qint64 spanUs = qint64(series.buckets.size()) * series.bucketUs;
    const QString format =
        spanUs > 86400LL * 1000000 ? QStringLiteral("MM-dd hh:mm") : QStringLiteral("hh:mm:ss");
    // Nothing recorded yet: the minute up to now, rather than 1970.
    const qint64 startUs = series.buckets.isEmpty() ? nowUs - 60 * 1000000 : series.startUs;
    const qint64 endUs =
        series.buckets.isEmpty()
            ? nowUs
            : startUs + std::max<qint64>(spanUs - series.bucketUs, series.bucketUs);
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(startUs / 1000);
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(endUs / 1000);
    const std::pair<Plot *, double> plots[] = {{&m_messages, maxMessages}, {&m_bytes, maxBytes}};
    for (const auto &[plot, max] : plots) {
        plot->time->setFormat(format);
        if (plot->view->chart()->isZoomed())
            continue;
        plot->time->setRange(start, end);
        plot->value->setRange(0, std::max(1.0, max * 1.1));
        plot->value->applyNiceNumbers();
    }
}

void RateView::retranslate()
{
    m_messages.view->chart()->setTitle(tr("Messages per second"));
    m_bytes.view->chart()->setTitle(tr("Bytes per second"));
    for (const Plot *plot : {&m_messages, &m_bytes}) {
        plot->in->setName(tr("In"));
        plot->out->setName(tr("Out"));
    }
    m_messages.view->setAccessibleName(tr("Messages per second"));
    m_bytes.view->setAccessibleName(tr("Bytes per second"));
}

void RateView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RateView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void RateView::hideEvent(QHideEvent *event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}
