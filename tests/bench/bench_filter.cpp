// Filtering a million events in the full window: the store holds 1,000,000
// events (64 peers, mixed payloads), then a filter is typed into the log's
// filter line one keystroke at a time and erased again with Backspace. For
// every keystroke: the time until the log shows the final row count for that
// text. Over the whole run: the lateness of a 1 ms timer on the GUI thread
// (the lag a person feels). Prints one JSON line.
//   socketscope-bench-filter [--events N] [--text TEXT]
#include "engine.h"
#include "logfiltermodel.h"
#include "logview.h"
#include "mainwindow.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr int Peers = 64;

std::string payloadFor(int i)
{
    switch (i % 4) {
    case 0:
        return "hello from client " + std::to_string(i % 1000);
    case 1:
        return "GET /item/" + std::to_string(i) + " HTTP/1.1";
    case 2:
        return i % 997 == 0 ? "Needle " + std::to_string(i) : "ping " + std::to_string(i);
    default:
        return "{\"seq\":" + std::to_string(i) + ",\"ok\":true}";
    }
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QCommandLineParser parser;
    const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("events"),
                                          QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption textOption(QStringLiteral("text"), QStringLiteral("filter to type"),
                                        QStringLiteral("TEXT"), QStringLiteral("needle 9"));
    parser.addOptions({eventsOption, textOption});
    parser.process(app);
    const int count = qBound(1, parser.value(eventsOption).toInt(), 20000000);
    const QString text = parser.value(textOption);

    TrafficStore store;
    store.setMemoryCap(qint64(1024) * 1024 * 1024);
    Engine engine(&store);
    MainWindow window(&engine);
    window.resize(1280, 800);
    window.show();

    // The events, appended in batches as a capture load would.
    std::vector<AddressId> addresses;
    std::vector<std::string> peers;
    for (int p = 0; p < Peers; ++p) {
        const QString peer = QStringLiteral("127.0.0.%1:%2").arg(1 + p % 8).arg(40000 + p);
        peers.push_back(lower(peer.toStdString()));
        addresses.push_back(store.addAddresses(QStringLiteral("127.0.0.1:9999"), peer));
    }
    store.setSessionName(1, QStringLiteral("TCP server"));
    std::vector<std::string> payloads;
    payloads.reserve(size_t(count));
    std::vector<TrafficStore::TimedEvent> batch;
    const qint64 t0 = TrafficStore::nowUs();
    for (int i = 0; i < count; ++i) {
        payloads.push_back(payloadFor(i));
        TrafficStore::TimedEvent ev;
        ev.timeUs = t0 + i;
        ev.session = 1;
        ev.connection = 0;
        ev.addresses = addresses[size_t(i % Peers)];
        ev.kind = i % 2 ? EventKind::Sent : EventKind::Received;
        ev.payload = QByteArrayView(payloads.back().data(), qsizetype(payloads.back().size()));
        batch.push_back(ev);
        if (batch.size() == 8192 || i == count - 1) {
            store.appendBatch(batch.data(), qsizetype(batch.size()));
            batch.clear();
        }
    }
    TrafficLogModel *log = window.logModel();
    log->flush();
    QTableView *table = window.logView()->table();
    auto *filter = window.logView()->findChild<LogFilterModel *>();
    auto *edit = window.logView()->findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    if (!filter || !edit || log->rowCount() != count) {
        std::fprintf(stderr, "window not as expected\n");
        return 1;
    }

    // The expected rows for every prefix, counted here the plain way.
    auto expectedRows = [&](const QString &typed) {
        if (typed.isEmpty())
            return count;
        const std::string needle = lower(typed.toStdString());
        int rows = 0;
        for (int i = 0; i < count; ++i) {
            if (lower(payloads[size_t(i)]).find(needle) != std::string::npos ||
                peers[size_t(i % Peers)].find(needle) != std::string::npos)
                ++rows;
        }
        return rows;
    };
    QStringList steps;
    for (int n = 1; n <= text.size(); ++n)
        steps.append(text.left(n));
    for (int n = text.size() - 1; n >= 0; --n)
        steps.append(text.left(n));
    std::vector<int> expected;
    for (const QString &step : std::as_const(steps))
        expected.push_back(expectedRows(step));

    // Lateness of a 1 ms timer, for the whole typing run.
    std::vector<double> lagMs;
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        lagMs.push_back(qMax(0.0, sinceTick.nsecsElapsed() / 1e6 - 1.0));
        sinceTick.restart();
    });
    QApplication::processEvents();
    sinceTick.start();
    ticker.start(1);

    std::vector<double> keyMs;
    bool allShown = true;
    QElapsedTimer clock;
    for (size_t s = 0; s < size_t(steps.size()); ++s) {
        const bool erase = steps.at(qsizetype(s)).size() < edit->text().size();
        clock.start();
        if (erase)
            QTest::keyClick(edit, Qt::Key_Backspace);
        else
            QTest::keyClicks(edit, steps.at(qsizetype(s)).right(1));
        // Done when the table shows the final rows for this text: the scan
        // (if any) over and the row count the plain count gives.
        auto shown = [&] {
            const bool filtered = !steps.at(qsizetype(s)).isEmpty();
            // The filter has taken this text (not still the previous one).
            if (filtered && filter->text() != steps.at(qsizetype(s)))
                return false;
            return table->model() == (filtered ? static_cast<QAbstractItemModel *>(filter) : log) &&
                   table->model()->rowCount() == expected[s] && !(filtered && filter->isScanning());
        };
        QEventLoop wait;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &wait, [&] {
            if (shown() || clock.elapsed() > 30000)
                wait.quit();
        });
        poll.start(1);
        wait.exec();
        allShown = allShown && shown();
        keyMs.push_back(clock.nsecsElapsed() / 1e6);
    }
    ticker.stop();

    std::sort(lagMs.begin(), lagMs.end());
    auto pct = [&](double p) {
        return lagMs.empty() ? 0.0 : lagMs[size_t(p * double(lagMs.size() - 1))];
    };
    std::printf("{\"events\":%d,\"all_shown\":%s,\"keystrokes\":[", count,
                allShown ? "true" : "false");
    for (size_t s = 0; s < keyMs.size(); ++s)
        std::printf("%s{\"text\":\"%s\",\"rows\":%d,\"ms\":%.1f}", s ? "," : "",
                    qPrintable(steps.at(qsizetype(s))), expected[s], keyMs[s]);
    std::printf("],\"key_max_ms\":%.1f,\"lag_p50_ms\":%.2f,\"lag_p99_ms\":%.2f,"
                "\"lag_max_ms\":%.2f,\"lag_samples\":%zu}\n",
                *std::max_element(keyMs.begin(), keyMs.end()), pct(0.5), pct(0.99),
                lagMs.empty() ? 0.0 : lagMs.back(), lagMs.size());
    return allShown ? 0 : 1;
}
