// Renders the README screenshots from the real window: a TCP hello server with
// two clients talking to it and a UDP chat, one event selected, in English and
// in Simplified Chinese; then the Follow view of Michael's conversation and the
// comparison of two replies; then the Traffic dock (rate plot and statistics)
// after a few seconds of UDP traffic at changing rates.
// Usage: socketscope-screenshots OUTPUT_DIR
#include "engine.h"
#include "follow/compareview.h"
#include "follow/conversationactions.h"
#include "follow/findbar.h"
#include "follow/followview.h"
#include "logview.h"
#include "mainwindow.h"
#include "nettestsupport.h"
#include "sessionpanel.h"
#include "trafficdock.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTranslator>
#include <QUdpSocket>

#include <cmath>
#include <cstdio>
#include <functional>

namespace {

bool waitFor(const std::function<bool()> &done, int ms = 5000)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

// Selects the log rows whose payloads are among `payloads`.
void selectPayloads(MainWindow &window, const QList<QByteArray> &payloads, EventKind kind)
{
    TrafficLogModel *log = window.logModel();
    QItemSelectionModel *selection = window.logView()->table()->selectionModel();
    selection->clear();
    for (int row = 0; row < log->rowCount(); ++row) {
        const QModelIndex index = log->index(row, 0);
        if (payloads.contains(index.data(TrafficLogModel::PayloadRole).toByteArray()) &&
            index.data(TrafficLogModel::KindRole).toInt() == int(kind))
            selection->setCurrentIndex(index,
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

// The Follow view of Michael's conversation, a word found in it, and the
// comparison of the replies to Michael and to Sarah.
bool renderFollowAndCompare(MainWindow &window, const QString &language, const QString &dir)
{
    auto *actions = window.findChild<ConversationActions *>(QStringLiteral("conversationActions"));
    if (!actions)
        return false;
    selectPayloads(window, {"Michael"}, EventKind::Received);
    actions->followAction()->trigger();
    auto *follow = window.findChild<FollowView *>();
    if (!follow)
        return false;
    follow->resize(1280, 800);
    follow->catchUp();
    follow->findBar()->edit()->setText(QStringLiteral("Hello"));
    follow->findBar()->findNext();
    waitFor([] { return false; }, 200);
    bool ok =
        follow->grab().save(dir + QStringLiteral("/follow-") + language + QStringLiteral(".png"));
    follow->close();

    selectPayloads(window, {"Hello, Michael!", "Hello, Sarah!"}, EventKind::Sent);
    actions->compareAction()->trigger();
    auto *compare = window.findChild<CompareView *>();
    if (!compare)
        return false;
    compare->resize(1280, 800);
    waitFor([] { return false; }, 200);
    ok = ok && compare->grab().save(dir + QStringLiteral("/compare-") + language +
                                    QStringLiteral(".png"));
    compare->close();
    return ok;
}

// Six seconds of datagrams to a UDP hello server from three peers, the rate
// rising and falling, with the Traffic dock open on the last minute.
bool renderTraffic(MainWindow &window, Engine &engine, const QString &language, const QString &dir)
{
    SessionConfig udp;
    udp.kind = SessionConfig::Kind::Udp;
    udp.port = 0;
    const SessionId id = window.addAndStart(udp);
    if (!waitFor([&] { return engine.session(id).state == SessionState::Bound; }))
        return false;
    const quint16 port = NetTest::portOf(engine.session(id).detail);
    window.findChild<QAction *>(QStringLiteral("trafficDockAction"))->trigger();
    auto *dock = window.findChild<TrafficDock *>(QStringLiteral("trafficDock"));
    if (!dock)
        return false;

    QUdpSocket peers[3];
    const QHostAddress hosts[3] = {QHostAddress(QStringLiteral("127.0.0.1")),
                                   QHostAddress(QStringLiteral("127.0.0.2")),
                                   QHostAddress(QStringLiteral("127.0.0.3"))};
    for (int i = 0; i < 3; ++i)
        peers[i].bind(hosts[i], 0);
    QElapsedTimer clock;
    clock.start();
    int sent = 0;
    while (clock.elapsed() < 6000) {
        // Every 20 ms a burst whose size follows a slow wave (2..40 datagrams).
        const double t = double(clock.elapsed()) / 1000.0;
        const int burst = 2 + int(19 * (1 + std::sin(t * 1.7)));
        for (int k = 0; k < burst; ++k, ++sent) {
            const QByteArray payload(8 << (sent % 6), char('a' + sent % 26));
            peers[sent % 3].writeDatagram(payload.left(8 + (sent * 37) % payload.size()),
                                          QHostAddress::LocalHost, port);
        }
        waitFor([] { return false; }, 20);
    }
    window.sessionPanel()->setCurrentSession(id);
    dock->sessionSelector()->setCurrentIndex(dock->sessionSelector()->findData(int(id)));
    dock->rangeSelector()->setCurrentIndex(1); // the whole recording: a few seconds
    // The dock on its own, floating at the screenshots' size.
    dock->setFloating(true);
    dock->resize(1280, 800);
    waitFor([] { return false; }, 700); // a refresh of the plot and the statistics
    const bool ok =
        dock->grab().save(dir + QStringLiteral("/rate-plot-") + language + QStringLiteral(".png"));
    dock->setFloating(false);
    dock->hide();
    return ok;
}

bool render(const QString &language, const QString &file)
{
    QTranslator translator;
    if (language != u"en") {
        if (!translator.load(QStringLiteral(":/i18n/socketscope_") + language))
            return false;
        QCoreApplication::installTranslator(&translator);
    }
    QLocale::setDefault(QLocale(language));

    TrafficStore store;
    Engine engine(&store);
    MainWindow window(&engine);
    window.resize(1280, 800);
    window.show();

    SessionConfig chat;
    chat.kind = SessionConfig::Kind::Udp;
    chat.protocol = SessionConfig::Protocol::Chat;
    chat.port = 0;
    chat.peerHost = QStringLiteral("127.0.0.1");
    chat.peerPort = 8889;
    window.addAndStart(chat);

    SessionConfig server; // the tutorial's hello server, on a free port
    server.port = 0;
    const SessionId id = window.addAndStart(server);
    if (!waitFor([&] { return engine.session(id).state == SessionState::Listening; }))
        return false;
    const quint16 port = NetTest::portOf(engine.session(id).detail);

    QTcpSocket michael;
    QTcpSocket tracy;
    michael.connectToHost(QHostAddress::LocalHost, port);
    tracy.connectToHost(QHostAddress::LocalHost, port);
    waitFor([&] { return michael.bytesAvailable() >= 8 && tracy.bytesAvailable() >= 8; });
    michael.readAll();
    tracy.readAll();
    const QList<QByteArray> lines = {"Michael", "Tracy\n", "Sarah", "你好\n"};
    for (int i = 0; i < lines.size(); ++i) {
        QTcpSocket &client = i % 2 ? tracy : michael;
        client.write(lines.at(i));
        waitFor([&] { return client.bytesAvailable() > 0; });
        client.readAll();
    }
    tracy.write("exit");
    waitFor([&] { return tracy.state() == QAbstractSocket::UnconnectedState; });

    // Select the row with Michael's message, so the details show text and hex.
    TrafficLogModel *log = window.logModel();
    waitFor([&] { return log->rowCount() >= 12; });
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->index(row, 0).data(TrafficLogModel::PayloadRole).toByteArray() == "你好\n" &&
            log->index(row, 0).data(TrafficLogModel::KindRole).toInt() ==
                int(EventKind::Received)) {
            window.logView()->table()->selectRow(row);
            break;
        }
    }
    waitFor([] { return false; }, 300); // let the status bar and views settle
    bool ok = window.grab().save(file);
    ok = ok && renderFollowAndCompare(window, language, QFileInfo(file).absolutePath());
    ok = ok && renderTraffic(window, engine, language, QFileInfo(file).absolutePath());
    QCoreApplication::removeTranslator(&translator);
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the user's settings
    QSettings().clear();
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(dir);
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        const QString file =
            dir + QStringLiteral("/screenshot-") + language + QStringLiteral(".png");
        if (!render(language, file)) {
            std::fprintf(stderr, "could not render %s\n", qPrintable(file));
            return 1;
        }
        std::printf("%s\n", qPrintable(file));
    }
    return 0;
}
