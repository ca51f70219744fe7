#include "statisticsview.h"

#include "ratebuckets.h"
#include "trafficstatistics.h"
#include "trafficstore.h"

#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QTimer>

namespace {

QTableWidget *makeTable(const QString &objectName, QWidget *parent)
{
    auto *table = new QTableWidget(parent);
    table->setObjectName(objectName);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

// Sets a cell's text, creating the item once; numbers are right-aligned.
void setCell(QTableWidget *table, int row, int column, const QString &text, bool number)
{
    QTableWidgetItem *item = table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        if (number)
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, column, item);
    }
    if (item->text() != text)
        item->setText(text);
}

} // namespace

StatisticsView::StatisticsView(const TrafficStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_session(RateBuckets::AllSessions)
    , m_totalsTitle(new QLabel(this))
    , m_totals(makeTable(QStringLiteral("statisticsTotals"), this))
    , m_connection(new QLabel(this))
    , m_sizesTitle(new QLabel(this))
    , m_sizes(makeTable(QStringLiteral("statisticsSizes"), this))
    , m_peersTitle(new QLabel(this))
    , m_peers(makeTable(QStringLiteral("statisticsPeers"), this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("statisticsView"));
    m_connection->setObjectName(QStringLiteral("statisticsConnection"));
    m_connection->setWordWrap(true);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_totals->setRowCount(2);
    m_totals->setColumnCount(3);
    m_sizes->setColumnCount(3);
    m_peers->setColumnCount(4);
    m_totals->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_totals->setFixedHeight(m_totals->horizontalHeader()->sizeHint().height() +
                             2 * m_totals->verticalHeader()->defaultSectionSize() +
                             2 * m_totals->frameWidth());
    m_totals->setSelectionMode(QAbstractItemView::NoSelection);
    for (QTableWidget *table : {m_sizes, m_peers})
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_totalsTitle, 0, 0, 1, 2);
    layout->addWidget(m_totals, 1, 0, 1, 2);
    layout->addWidget(m_connection, 2, 0, 1, 2);
    layout->addWidget(m_sizesTitle, 3, 0);
    layout->addWidget(m_peersTitle, 3, 1);
    layout->addWidget(m_sizes, 4, 0);
    layout->addWidget(m_peers, 4, 1);
    layout->setColumnStretch(0, 2);
    layout->setColumnStretch(1, 3);
    layout->setRowStretch(4, 1);

    m_timer->setInterval(RefreshMs);
    connect(m_timer, &QTimer::timeout, this, &StatisticsView::refresh);
    retranslate();
}

void StatisticsView::setSession(int session)
{
    m_session = session;
    refresh();
}

void StatisticsView::setConnection(ConnectionId connection)
{
    m_connectionId = connection;
    refresh();
}

void StatisticsView::refresh()
{
    const TrafficStatistics::Report report =
        TrafficStatistics::collect(*m_store, m_session, TopPeers);
    const QLocale locale;
    const auto n = [&locale](quint64 value) { return locale.toString(value); };

    setCell(m_totals, 0, 1, n(report.total.messagesIn), true);
    setCell(m_totals, 0, 2, n(report.total.messagesOut), true);
    setCell(m_totals, 1, 1, n(report.total.bytesIn), true);
    setCell(m_totals, 1, 2, n(report.total.bytesOut), true);

    TrafficStore::ConnectionInfo info;
    if (m_connectionId != 0 && m_store->connection(m_connectionId, &info)) {
        m_connection->setText(
            tr("Connection c%1 (%2): in %3 messages, %4 bytes; out %5 messages, %6 bytes")
                .arg(info.id)
                .arg(m_store->addresses(info.addresses).peer, n(info.messagesIn), n(info.bytesIn),
                     n(info.messagesOut), n(info.bytesOut)));
    } else {
        m_connection->setText(tr("Select a connection to see its counts."));
    }

    int row = 0;
    m_sizes->setRowCount(RateBuckets::SizeClasses);
    for (int i = 0; i < RateBuckets::SizeClasses; ++i) {
        const quint64 in = report.sizesIn[size_t(i)];
        const quint64 out = report.sizesOut[size_t(i)];
        if (in == 0 && out == 0)
            continue;
        setCell(m_sizes, row, 0, TrafficStatistics::sizeClassLabel(i), false);
        setCell(m_sizes, row, 1, n(in), true);
        setCell(m_sizes, row, 2, n(out), true);
        ++row;
    }
    m_sizes->setRowCount(row);

    m_peers->setRowCount(int(report.peers.size()));
    for (int i = 0; i < report.peers.size(); ++i) {
        const TrafficStatistics::Peer &peer = report.peers.at(i);
        setCell(m_peers, i, 0, peer.host, false);
        setCell(m_peers, i, 1, n(peer.connections), true);
        setCell(m_peers, i, 2, n(peer.counts.bytesIn), true);
        setCell(m_peers, i, 3, n(peer.counts.bytesOut), true);
    }
}

void StatisticsView::retranslate()
{
    m_totalsTitle->setText(tr("Totals"));
    m_totals->setHorizontalHeaderLabels({QString(), tr("In"), tr("Out")});
    setCell(m_totals, 0, 0, tr("Messages"), false);
    setCell(m_totals, 1, 0, tr("Bytes"), false);
    m_sizesTitle->setText(tr("Message sizes"));
    m_sizes->setHorizontalHeaderLabels({tr("Size"), tr("In"), tr("Out")});
    m_peersTitle->setText(tr("Busiest peers"));
    m_peers->setHorizontalHeaderLabels(
        {tr("Peer"), tr("Connections"), tr("Bytes in"), tr("Bytes out")});
    m_totals->setAccessibleName(tr("Totals"));
    m_sizes->setAccessibleName(tr("Message sizes"));
    m_peers->setAccessibleName(tr("Busiest peers"));
    m_connection->setAccessibleName(tr("Selected connection"));
    refresh();
}

void StatisticsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void StatisticsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void StatisticsView::hideEvent(QHideEvent *event)
{
    m_timer->stop();
    QWidget::hideEvent(event);
}
