#include "trafficdock.h"

#include "ratebuckets.h"
#include "rateview.h"
#include "statisticsview.h"
#include "trafficstore.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

TrafficDock::TrafficDock(const TrafficStore *store, QWidget *parent)
    : QDockWidget(parent)
    , m_store(store)
    , m_sessionTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("trafficDock"));
    // New sessions appear in the selector once they carry messages; checked
    // at the statistics' pace, only while the dock shows.
    m_sessionTimer->setInterval(StatisticsView::RefreshMs);
    connect(m_sessionTimer, &QTimer::timeout, this, &TrafficDock::updateSessions);
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) {
            build();
            updateSessions();
            m_sessionTimer->start();
        } else {
            m_sessionTimer->stop();
        }
    });
    retranslate();
}

void TrafficDock::build()
{
    // The plots and tables are made when the dock first shows (or a caller
    // asks for them), not with the window: hidden at start, they would only
    // delay its first paint.
    if (m_rateView)
        return;
    m_sessionLabel = new QLabel(this);
    m_session = new QComboBox(this);
    m_rangeLabel = new QLabel(this);
    m_range = new QComboBox(this);
    m_resetZoom = new QPushButton(this);
    m_rateView = new RateView(m_store, this);
    m_statisticsView = new StatisticsView(m_store, this);
    m_session->setObjectName(QStringLiteral("trafficSession"));
    m_range->setObjectName(QStringLiteral("trafficRange"));
    m_resetZoom->setObjectName(QStringLiteral("trafficResetZoom"));
    m_session->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_sessionLabel->setBuddy(m_session);
    m_rangeLabel->setBuddy(m_range);
    m_session->addItem(QString(), RateBuckets::AllSessions);
    m_range->addItem(QString(), int(RateView::Range::LastMinute));
    m_range->addItem(QString(), int(RateView::Range::WholeRecording));

    auto *contents = new QWidget(this);
    auto *controls = new QHBoxLayout;
    controls->addWidget(m_sessionLabel);
    controls->addWidget(m_session);
    controls->addSpacing(12);
    controls->addWidget(m_rangeLabel);
    controls->addWidget(m_range);
    controls->addWidget(m_resetZoom);
    controls->addStretch(1);
    auto *splitter = new QSplitter(Qt::Horizontal, contents);
    splitter->setObjectName(QStringLiteral("trafficSplitter"));
    splitter->addWidget(m_rateView);
    splitter->addWidget(m_statisticsView);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({720, 560}); // the plots get the larger part at first
    auto *layout = new QVBoxLayout(contents);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);
    setWidget(contents);

    connect(m_session, &QComboBox::currentIndexChanged, this, &TrafficDock::onSessionChosen);
    connect(m_range, &QComboBox::currentIndexChanged, this,
            [this] { m_rateView->setRange(RateView::Range(m_range->currentData().toInt())); });
    connect(m_resetZoom, &QPushButton::clicked, m_rateView, &RateView::resetZoom);
    m_statisticsView->setConnection(m_connection);
    retranslate();
}

RateView *TrafficDock::rateView()
{
    build();
    return m_rateView;
}

StatisticsView *TrafficDock::statisticsView()
{
    build();
    return m_statisticsView;
}

QComboBox *TrafficDock::sessionSelector()
{
    build();
    return m_session;
}

QComboBox *TrafficDock::rangeSelector()
{
    build();
    return m_range;
}

TrafficDock *TrafficDock::install(const TrafficStore *store, QMainWindow *window, QMenu *viewMenu)
{
    auto *dock = new TrafficDock(store, window);
    window->addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide();
    QAction *toggle = dock->toggleViewAction();
    // Hidden before it was ever shown, the dock sent no hide event: the
    // action would still read "shown" and its first press do nothing.
    toggle->setChecked(false);
    toggle->setObjectName(QStringLiteral("trafficDockAction"));
    toggle->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_T);
    viewMenu->addAction(toggle);
    return dock;
}

void TrafficDock::setConnection(ConnectionId connection)
{
    m_connection = connection;
    if (m_statisticsView)
        m_statisticsView->setConnection(connection);
}

void TrafficDock::updateSessions()
{
    if (!m_session)
        return;
    QList<SessionId> ids;
    m_store->readRates([&ids](const RateBuckets &rates) { ids = rates.sessions(); });
    for (int i = 0; i < ids.size(); ++i) {
        const QString text =
            tr("Session %1: %2").arg(ids.at(i)).arg(m_store->sessionName(ids.at(i)));
        const int index = m_session->findData(int(ids.at(i)));
        if (index < 0)
            m_session->addItem(text, int(ids.at(i)));
        else if (m_session->itemText(index) != text)
            m_session->setItemText(index, text);
    }
}

void TrafficDock::onSessionChosen()
{
    const int session = m_session->currentData().toInt();
    m_rateView->setSession(session);
    m_statisticsView->setSession(session);
}

void TrafficDock::retranslate()
{
    setWindowTitle(tr("Traffic Rates and Statistics"));
    toggleViewAction()->setText(tr("&Traffic Rates and Statistics"));
    if (!m_rateView)
        return;
    m_sessionLabel->setText(tr("S&ession:"));
    m_session->setItemText(0, tr("All sessions"));
    m_session->setAccessibleName(tr("Session"));
    m_rangeLabel->setText(tr("&Range:"));
    m_range->setItemText(0, tr("Last minute"));
    m_range->setItemText(1, tr("Whole recording"));
    m_range->setAccessibleName(tr("Range"));
    m_resetZoom->setText(tr("Reset &Zoom"));
    m_resetZoom->setAccessibleName(tr("Reset zoom"));
    m_resetZoom->setToolTip(
        tr("Drag across a plot to zoom in, use the wheel to zoom, right-click to zoom out"));
    updateSessions();
}

void TrafficDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}
