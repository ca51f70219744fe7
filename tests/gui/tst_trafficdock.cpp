#include "connectionview.h"
#include "mainwindowrig.h"
#include "rateview.h"
#include "statisticsview.h"
#include "trafficdock.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUdpSocket>

namespace {

// The sum of a series' y values: with one-second buckets, messages (or
// bytes) per second summed over the seconds is the count itself.
double seriesSum(const QChartView *view, const QString &name)
{
    for (QAbstractSeries *series : view->chart()->series()) {
        if (series->objectName() != name)
            continue;
        double sum = 0;
        for (const QPointF &p : static_cast<QLineSeries *>(series)->points())
            sum += p.y();
        return sum;
    }
    qWarning("no series %s", qPrintable(name));
    return -1;
}

QString cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

// The row of a table whose first column reads `first`, or -1.
int rowOf(const QTableWidget *table, const QString &first)
{
    for (int row = 0; row < table->rowCount(); ++row) {
        if (cell(table, row, 0) == first)
            return row;
    }
    return -1;
}

} // namespace

class tst_TrafficDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void plotAndStatisticsShowTheTotals();
};

// 50 datagrams of 1..50 bytes to the UDP hello server, which answers each
// with "Hello, <it>!" (8 bytes more): the plot's series and the statistics
// read exactly what went in and out.
void tst_TrafficDock::plotAndStatisticsShowTheTotals()
{
    MainWindowRig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    auto *dock = rig.find<TrafficDock>("trafficDock");
    QVERIFY(dock);
    QVERIFY(!dock->isVisible());
    // Hidden at start, its plots are not made yet (they would slow the first
    // paint); the shortcut shows the dock with them.
    QVERIFY(!dock->findChild<RateView *>());
    QAction *toggle = rig.find<QAction>("trafficDockAction");
    QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    QTest::keyClick(&rig.window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(dock->isVisible());
    QVERIFY(dock->findChild<RateView *>());
    QVERIFY(dock->findChild<RateView *>()->isVisible());

    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.port = 0;
    config.protocol = SessionConfig::Protocol::Hello;
    const SessionId id = rig.window.addAndStart(config);
    QTRY_VERIFY(rig.engine.session(id).state == SessionState::Bound);
    const quint16 port = quint16(rig.engine.session(id).detail.section(u':', -1).toUInt());

    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    const int count = 50;
    quint64 bytesIn = 0;
    for (int i = 1; i <= count; ++i) {
        const QByteArray datagram(i, char('a' + i % 26));
        QCOMPARE(peer.writeDatagram(datagram, QHostAddress::LocalHost, port), qint64(i));
        bytesIn += quint64(i);
    }
    const quint64 bytesOut = bytesIn + 8 * count; // "Hello, " and "!"
    QTRY_COMPARE(rig.store.totals().bytesOut, bytesOut);

    // The last minute, then the whole recording: both sum to the totals.
    RateView *rates = dock->rateView();
    for (int range = 0; range < 2; ++range) {
        if (range == 1) {
            dock->rangeSelector()->setFocus();
            QTest::keyClick(dock->rangeSelector(), Qt::Key_Down);
            QCOMPARE(rates->range(), RateView::Range::WholeRecording);
        }
        QTRY_COMPARE(seriesSum(rates->messagesChart(), QStringLiteral("messageRateChartIn")),
                     double(count));
        QTRY_COMPARE(seriesSum(rates->messagesChart(), QStringLiteral("messageRateChartOut")),
                     double(count));
        QCOMPARE(seriesSum(rates->bytesChart(), QStringLiteral("byteRateChartIn")),
                 double(bytesIn));
        QCOMPARE(seriesSum(rates->bytesChart(), QStringLiteral("byteRateChartOut")),
                 double(bytesOut));
    }

    const QLocale locale;
    StatisticsView *stats = dock->statisticsView();
    QTRY_COMPARE(cell(stats->totalsTable(), 0, 1), locale.toString(count));
    QCOMPARE(cell(stats->totalsTable(), 0, 2), locale.toString(count));
    QCOMPARE(cell(stats->totalsTable(), 1, 1), locale.toString(bytesIn));
    QCOMPARE(cell(stats->totalsTable(), 1, 2), locale.toString(bytesOut));
    // Sizes 32..50 in, and their replies of 40..58 plus 32..39 for 24..31 out.
    const int row = rowOf(stats->sizesTable(), QStringLiteral("32–63 B"));
    QVERIFY(row >= 0);
    QCOMPARE(cell(stats->sizesTable(), row, 1), locale.toString(19));
    QCOMPARE(cell(stats->sizesTable(), row, 2), locale.toString(27));
    QCOMPARE(cell(stats->sizesTable(), 0, 0), QStringLiteral("1 B"));
    QCOMPARE(stats->peersTable()->rowCount(), 1);
    QCOMPARE(cell(stats->peersTable(), 0, 0), QStringLiteral("127.0.0.1"));
    QCOMPARE(cell(stats->peersTable(), 0, 2), locale.toString(bytesIn));

    // The session selector lists the session; choosing it keeps the counts.
    QTRY_COMPARE(dock->sessionSelector()->count(), 2);
    dock->sessionSelector()->setFocus();
    QTest::keyClick(dock->sessionSelector(), Qt::Key_Down);
    QCOMPARE(dock->sessionSelector()->currentData().toInt(), int(id));
    QTRY_COMPARE(seriesSum(rates->messagesChart(), QStringLiteral("messageRateChartIn")),
                 double(count));
    QCOMPARE(cell(stats->totalsTable(), 1, 2), locale.toString(bytesOut));

    // Selecting the peer in the connection table shows its own counts.
    QTableView *connections = rig.window.connectionView()->table();
    QTRY_COMPARE(connections->model()->rowCount(), 1);
    connections->setFocus();
    connections->selectRow(0);
    QTRY_VERIFY2(stats->connectionLabel()->text().contains(
                     QStringLiteral("in %1 messages, %2 bytes")
                         .arg(locale.toString(count), locale.toString(bytesIn))),
                 qPrintable(stats->connectionLabel()->text()));

    // Hidden again with the same key; drawing stops with it.
    QTest::keyClick(&rig.window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(!dock->isVisible());
}

QTEST_MAIN(tst_TrafficDock)
#include "tst_trafficdock.moc"
