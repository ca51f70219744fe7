// The full window under load: a UDP session (or a TCP hello server) in the
// real MainWindow receives a flood from socketscope-loadgen while a timer on
// the GUI thread measures its own lateness (the event-loop lag a person feels).
// Prints "PORT n" once listening, then, when the expected events are in the
// log model or the deadline passes, one JSON line with the figures.
//   socketscope-bench-live-window --mode udp|tcp --expect N --seconds T
// With --mode capture the window opens FILE (File > Open capture) instead,
// and the figures cover the load: from the open until every event of the
// file is a row in the log model.
//   socketscope-bench-live-window --mode capture --file FILE --seconds T
// --traffic opens the Traffic dock (rate plot and statistics, last minute) for
// the whole run and reports the sum of the plot's messages-in series.
#include "capturecontroller.h"
#include "engine.h"
#include "logview.h"
#include "mainwindow.h"
#include "rateview.h"
#include "trafficdock.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QCommandLineParser parser;
    const QCommandLineOption mode(QStringLiteral("mode"), QStringLiteral("udp or tcp"),
                                  QStringLiteral("MODE"), QStringLiteral("udp"));
    const QCommandLineOption expect(QStringLiteral("expect"),
                                    QStringLiteral("received events to wait for"),
                                    QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("deadline"),
                                     QStringLiteral("T"), QStringLiteral("60"));
    const QCommandLineOption file(QStringLiteral("file"), QStringLiteral("capture to open"),
                                  QStringLiteral("FILE"));
    const QCommandLineOption traffic(QStringLiteral("traffic"),
                                     QStringLiteral("open the rate plot and statistics"));
    parser.addOptions({mode, expect, seconds, file, traffic});
    parser.process(app);
    const bool tcp = parser.value(mode) == u"tcp";
    const bool capture = parser.value(mode) == u"capture";
    const qint64 expected = parser.value(expect).toLongLong();
    const int deadlineMs = qBound(1, parser.value(seconds).toInt(), 600) * 1000;

    TrafficStore store;
    store.setMemoryCap(qint64(1024) * 1024 * 1024);
    Engine engine(&store);
    MainWindow window(&engine);
    window.resize(1280, 800);
    window.show();
    if (parser.isSet(traffic))
        window.findChild<QAction *>(QStringLiteral("trafficDockAction"))->trigger();

    SessionConfig config;
    config.port = 0;
    config.maxClients = 100000;
    if (!tcp) {
        config.kind = SessionConfig::Kind::Udp;
        config.protocol = SessionConfig::Protocol::None;
    }
    const SessionId id = capture ? 0 : window.addAndStart(config);

    bool announced = false;
    QObject::connect(&engine, &Engine::sessionChanged, &app, [&](SessionId changed) {
        const Engine::SessionInfo info = engine.session(changed);
        if (changed != id || announced ||
            (info.state != SessionState::Bound && info.state != SessionState::Listening))
            return;
        announced = true;
        std::printf("PORT %s\n", qPrintable(info.detail.section(QLatin1Char(':'), -1)));
        std::fflush(stdout);
    });

    // Lateness of a 10 ms timer, sampled for the whole run.
    std::vector<double> lagMs;
    lagMs.reserve(100000);
    QElapsedTimer sinceTick;
    sinceTick.start();
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        lagMs.push_back(qMax(0.0, sinceTick.nsecsElapsed() / 1e6 - 10.0));
        sinceTick.restart();
    });
    ticker.start(10);

    QElapsedTimer clock;
    clock.start();
    bool opened = false; // capture mode: the loader has finished
    qint64 loadedEvents = -1;
    double loadSeconds = 0;
    if (capture) {
        QObject::connect(window.captureController(), &CaptureController::captureOpened, &app,
                         [&](const QString &, const CaptureReadResult &result) {
                             opened = true;
                             loadedEvents = qint64(result.events);
                             loadSeconds = clock.elapsed() / 1000.0;
                         });
        QTimer::singleShot(0, &app, [&] {
            clock.restart();
            sinceTick.restart();
            lagMs.clear();
            window.captureController()->openCapture(parser.value(file));
        });
    }
    TrafficLogModel *log = window.logModel();
    QTableView *table = window.logView()->table();
    qint64 received = 0;
    int lastRows = 0;
    QElapsedTimer sinceChange;
    sinceChange.start();
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &app, [&] {
        received = qint64(store.totals().events);
        const int rows = log->rowCount();
        if (rows != lastRows) {
            lastRows = rows;
            sinceChange.restart();
        }
        // Done when everything expected is in the model, or traffic came and
        // then stopped for two seconds (a flood that sent a little less).
        const bool done =
            capture ? opened && qint64(rows) >= loadedEvents
                    : qint64(rows) >= expected || (rows > 2 && sinceChange.elapsed() > 2000);
        if (done || clock.elapsed() > deadlineMs)
            app.quit();
    });
    check.start(100);
    app.exec();

    // Count received-data rows in the model the view shows.
    qint64 rows = 0;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->index(row, 0).data(TrafficLogModel::KindRole).toInt() == int(EventKind::Received))
            ++rows;
    }
    std::sort(lagMs.begin(), lagMs.end());
    auto pct = [&](double p) {
        return lagMs.empty() ? 0.0 : lagMs[size_t(p * double(lagMs.size() - 1))];
    };
    const bool atTail =
        table->verticalScrollBar()->value() == table->verticalScrollBar()->maximum();
    if (capture) {
        std::printf("{\"mode\":\"capture\",\"model_rows\":%d,\"file_events\":%lld,"
                    "\"load_seconds\":%.2f,\"seconds\":%.2f,\"lag_p50_ms\":%.2f,"
                    "\"lag_p99_ms\":%.2f,\"lag_max_ms\":%.2f,\"lag_samples\":%zu}\n",
                    log->rowCount(), (long long)loadedEvents, loadSeconds, clock.elapsed() / 1000.0,
                    pct(0.5), pct(0.99), lagMs.empty() ? 0.0 : lagMs.back(), lagMs.size());
        return opened ? 0 : 1;
    }
    // The plot's own reading of what came in: one-second buckets summed.
    // (quit() has closed the window by now: the dock is not hidden, just
    // no longer on screen.)
    double plotIn = -1;
    if (auto *dock = window.findChild<TrafficDock *>(QStringLiteral("trafficDock"));
        dock && !dock->isHidden()) {
        dock->rateView()->refresh();
        plotIn = 0;
        for (QAbstractSeries *series : dock->rateView()->messagesChart()->chart()->series()) {
            if (series->objectName() == u"messageRateChartIn") {
                for (const QPointF &p : static_cast<QLineSeries *>(series)->points())
                    plotIn += p.y();
            }
        }
    }
    std::printf("{\"plot_messages_in\":%.0f,", plotIn);
    std::printf("\"mode\":\"%s\",\"model_rows\":%d,\"received_rows\":%lld,\"events\":%lld,"
                "\"seconds\":%.2f,\"lag_p50_ms\":%.2f,\"lag_p99_ms\":%.2f,\"lag_max_ms\":%.2f,"
                "\"lag_samples\":%zu,\"following_tail\":%s}\n",
                tcp ? "tcp" : "udp", log->rowCount(), (long long)rows, (long long)received,
                clock.elapsed() / 1000.0, pct(0.5), pct(0.99), lagMs.empty() ? 0.0 : lagMs.back(),
                lagMs.size(), atTail ? "true" : "false");
    return 0;
}
