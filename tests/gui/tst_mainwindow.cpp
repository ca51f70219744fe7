#include "chatview.h"
#include "connectionview.h"
#include "engine.h"
#include "language.h"
#include "logview.h"
#include "mainwindow.h"
#include "mainwindowrig.h"
#include "nettestsupport.h"
#include "sessionpanel.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QUdpSocket>

#include <thread>

using NetTest::freeUdpPort;

namespace {

using Rig = MainWindowRig;

// (direction, preview) of every row of the log, as a person reads them.
QList<QPair<QString, QString>> logRows(const TrafficLogModel *model)
{
    QList<QPair<QString, QString>> rows;
    for (int row = 0; row < model->rowCount(); ++row)
        rows.append({model->index(row, TrafficLogModel::DirectionColumn).data().toString(),
                     model->index(row, TrafficLogModel::PreviewColumn).data().toString()});
    return rows;
}

void replaceText(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

void selectData(QComboBox *combo, int value)
{
    const int index = combo->findData(value);
    QVERIFY(index >= 0);
    combo->setCurrentIndex(index);
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void tcpHelloServerThroughTheUi();
    void twoWindowsChatOverUdp();
    void badAndBusyPortInTheEditor();
    void settingsPersist();
    void chineseMainActions();
    void languageSwitchesInPlace();
    void logKeepsUp();
    void selectedSessionOnly();
    void statusBarCounts();
    void menusShowTheirKeys();
    void sessionListContextMenu();
    void memoryCapIsASetting();
    void unrestorableSessionIsReported();
    void everyControlIsNamed();
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void tst_MainWindow::init()
{
    QSettings().clear();
    Language::apply(QString());
}

void tst_MainWindow::tcpHelloServerThroughTheUi()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));

    // New session > TCP hello server, port 0, Start.
    QAction *newServer = rig.find<QAction>("newTcpHelloServer");
    QVERIFY(newServer);
    newServer->trigger();
    const SessionId id = rig.window.sessionPanel()->currentSession();
    QVERIFY(id != 0);
    replaceText(rig.find<QLineEdit>("portEdit"), QStringLiteral("0"));
    auto *start = rig.find<QAbstractButton>("startButton");
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Listening);
    const quint16 port = NetTest::portOf(rig.engine.session(id).detail);
    QVERIFY(port != 0);

    auto client = NetTest::connectClient(port);
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));
    client->write("Michael");
    QTRY_COMPARE(client->received(), QByteArray("Welcome!Hello, Michael!"));

    // The log shows it all, with the right directions.
    const TrafficLogModel *log = rig.window.logModel();
    using Row = QPair<QString, QString>;
    QTRY_VERIFY(logRows(log).contains(Row(QStringLiteral("in"), QStringLiteral("Michael"))));
    const auto rows = logRows(log);
    QVERIFY(rows.contains(Row(QStringLiteral("out"), QStringLiteral("Welcome!"))));
    QVERIFY(rows.contains(Row(QStringLiteral("out"), QStringLiteral("Hello, Michael!"))));
    QVERIFY(rows.first().second.startsWith(QStringLiteral("listening")));

    // The connection is listed; send to it from the send panel.
    QTableView *connections = rig.window.connectionView()->table();
    QTRY_COMPARE(connections->model()->rowCount(), 1);
    QCOMPARE(connections->model()->index(0, 0).data().toString(),
             QStringLiteral("127.0.0.1:%1").arg(client->localPort()));
    connections->selectRow(0);
    selectData(rig.find<QComboBox>("sendMode"), 0);
    auto *ending = rig.find<QComboBox>("sendLineEnding");
    ending->setCurrentIndex(0); // none
    auto *input = rig.find<QPlainTextEdit>("sendInput");
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("ping from the panel"));
    QTest::mouseClick(rig.find<QAbstractButton>("sendButton"), Qt::LeftButton);
    QTRY_COMPARE(client->received(), QByteArray("Welcome!Hello, Michael!ping from the panel"));

    // Disconnect closes it, and the log says so.
    QTest::mouseClick(rig.find<QAbstractButton>("disconnectButton"), Qt::LeftButton);
    QTRY_COMPARE(client->state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE(connections->model()->rowCount(), 0);
    QTRY_VERIFY(logRows(log).last().second.startsWith(QStringLiteral("connection closed")));
}

void tst_MainWindow::twoWindowsChatOverUdp()
{
    const quint16 portA = freeUdpPort();
    quint16 portB = freeUdpPort();
    for (int i = 0; i < 10 && portB == portA; ++i)
        portB = freeUdpPort();
    Rig a;
    Rig b;
    a.window.show();
    b.window.show();
    auto chat = [](quint16 port, quint16 peer) {
        SessionConfig c;
        c.kind = SessionConfig::Kind::Udp;
        c.protocol = SessionConfig::Protocol::Chat;
        c.port = port;
        c.peerHost = QStringLiteral("127.0.0.1");
        c.peerPort = peer;
        return c;
    };
    const SessionId idA = a.window.addAndStart(chat(portA, portB));
    const SessionId idB = b.window.addAndStart(chat(portB, portA));
    QTRY_COMPARE(a.engine.session(idA).state, SessionState::Bound);
    QTRY_COMPARE(b.engine.session(idB).state, SessionState::Bound);

    auto say = [](Rig &rig, const QString &text) {
        auto *input =
            rig.window.chatView()->findChild<QPlainTextEdit *>(QStringLiteral("chatInput"));
        QVERIFY(input);
        input->setFocus();
        // keyClicks only knows Latin-1 keys: Chinese arrives as an input method would.
        input->insertPlainText(text);
        QTest::keyClick(input, Qt::Key_Return);
    };
    auto messages = [](Rig &rig) {
        QStringList texts;
        auto *list = rig.window.chatView()->findChild<QListView *>(QStringLiteral("chatMessages"));
        for (int row = 0; list && row < list->model()->rowCount(); ++row)
            texts << list->model()->index(row, 0).data().toString();
        return texts;
    };
    say(a, QStringLiteral("hello from A"));
    QTRY_VERIFY(messages(b).contains(QStringLiteral("hello from A")));
    say(b, QStringLiteral("你好，A"));
    QTRY_VERIFY(messages(a).contains(QStringLiteral("你好，A")));
    QVERIFY(messages(a).contains(QStringLiteral("hello from A"))); // ours, on our side too

    say(a, QStringLiteral("88"));
    QTRY_COMPARE(a.engine.session(idA).state, SessionState::Finished);
    QTRY_COMPARE(b.engine.session(idB).state, SessionState::Finished);
    for (Rig *rig : {&a, &b}) {
        auto *banner =
            rig->window.chatView()->findChild<QLabel *>(QStringLiteral("chatEndedBanner"));
        QVERIFY(banner);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(!rig->window.chatView()
                     ->findChild<QPlainTextEdit *>(QStringLiteral("chatInput"))
                     ->isEnabled());
    }
}

void tst_MainWindow::badAndBusyPortInTheEditor()
{
    Rig rig;
    rig.window.show();
    rig.find<QAction>("newTcpHelloServer")->trigger();
    auto *port = rig.find<QLineEdit>("portEdit");
    auto *start = rig.find<QAbstractButton>("startButton");

    replaceText(port, QStringLiteral("70000"));
    auto *portError = rig.find<QLabel>("portError");
    QTRY_VERIFY(portError->isVisible());
    QVERIFY2(portError->text().contains(QStringLiteral("out of range")),
             qPrintable(portError->text()));
    QVERIFY(!start->isEnabled());
    QVERIFY(!rig.find<QAction>("startAction")->isEnabled()); // the toolbar agrees

    QTcpServer busy;
    QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
    replaceText(port, QString::number(busy.serverPort()));
    QTRY_VERIFY(!portError->isVisible());
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    const SessionId id = rig.window.sessionPanel()->currentSession();
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Error);
    auto *sessionError = rig.find<QLabel>("sessionError");
    QTRY_VERIFY(sessionError->isVisible());
    QVERIFY2(sessionError->text().contains(QStringLiteral("in use")),
             qPrintable(sessionError->text()));
    QVERIFY(rig.window.isVisible()); // and nothing crashed
}

void tst_MainWindow::settingsPersist()
{
    QList<int> sizes;
    QStringList savedArguments;
    {
        Rig rig;
        rig.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
        rig.find<QAction>("newUdpChat")->trigger();
        rig.find<QAction>("newTcpClient")->trigger();
        rig.window.resize(1100, 700);
        auto *splitter = rig.find<QSplitter>("mainSplitter");
        splitter->setSizes({300, 500, 300});
        sizes = splitter->sizes();
        for (const Engine::SessionInfo &s : rig.engine.sessions())
            savedArguments << s.config.toArguments().join(QLatin1Char(' '));
        QCOMPARE(savedArguments.size(), 2);
        rig.window.close();
    }
    Rig again;
    again.window.restoreSettings();
    again.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again.window));
    QStringList restored;
    for (const Engine::SessionInfo &s : again.engine.sessions()) {
        restored << s.config.toArguments().join(QLatin1Char(' '));
        QCOMPARE(s.state, SessionState::Stopped); // restored, not started
    }
    QCOMPARE(restored, savedArguments);
    QCOMPARE(again.window.size(), QSize(1100, 700));
    QCOMPARE(again.find<QSplitter>("mainSplitter")->sizes(), sizes);
}

void tst_MainWindow::memoryCapIsASetting()
{
    {
        Rig rig;
        rig.window.show();
        // The dialog is modal: answer it as a person would, once it shows.
        QTimer::singleShot(0, this, [] {
            QTRY_VERIFY(QApplication::activeModalWidget());
            auto *spin = QApplication::activeModalWidget()->findChild<QSpinBox *>();
            QVERIFY(spin);
            QCOMPARE(spin->value(), 256); // the default
            spin->selectAll();
            QTest::keyClicks(spin, QStringLiteral("64"));
            QTest::keyClick(QApplication::activeModalWidget(), Qt::Key_Return);
        });
        rig.find<QAction>("memoryCapAction")->trigger();
        QCOMPARE(rig.store.memoryCap(), qint64(64) * 1024 * 1024);
    }
    Rig again;
    again.window.restoreSettings();
    QCOMPARE(again.store.memoryCap(), qint64(64) * 1024 * 1024);
}

void tst_MainWindow::unrestorableSessionIsReported()
{
    // A session saved by an older version, whose host now reads as an option.
    {
        QSettings settings;
        settings.beginWriteArray(QStringLiteral("sessions"));
        settings.setArrayIndex(0);
        settings.setValue(QStringLiteral("arguments"),
                          QStringList{QStringLiteral("udp"), QStringLiteral("--end-w3:3")});
        settings.setArrayIndex(1);
        settings.setValue(QStringLiteral("arguments"),
                          QStringList{QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0")});
        settings.endArray();
    }
    Rig rig;
    rig.window.restoreSettings();
    QCOMPARE(rig.engine.sessions().size(), 1);
    QCOMPARE(rig.engine.sessions().constFirst().config.kind, SessionConfig::Kind::TcpServer);
    QStringList errors;
    for (const TrafficEvent &ev : rig.store.events(rig.store.firstSeq(), rig.store.lastSeq())) {
        if (ev.kind == EventKind::Error)
            errors << QString::fromUtf8(rig.store.payload(ev));
    }
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.constFirst().startsWith(
                 QStringLiteral("The saved session \"udp --end-w3:3\" could not be restored: ")),
             qPrintable(errors.constFirst()));
}

void tst_MainWindow::chineseMainActions()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/socketscope_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    {
        Rig rig;
        rig.window.show();
        const QString start = rig.find<QAction>("startAction")->text();
        QVERIFY2(start.contains(QStringLiteral("启动")), qPrintable(start));
        const QString stop = rig.find<QAction>("stopAction")->text();
        QVERIFY2(stop.contains(QStringLiteral("停止")), qPrintable(stop));
        QCOMPARE(rig.window.logModel()
                     ->headerData(TrafficLogModel::TimeColumn, Qt::Horizontal)
                     .toString(),
                 QStringLiteral("时间"));
        auto *send = rig.find<QAbstractButton>("sendButton");
        QVERIFY2(send->text().contains(QStringLiteral("发送")), qPrintable(send->text()));
    }
    QCoreApplication::removeTranslator(&translator);
}

void tst_MainWindow::languageSwitchesInPlace()
{
    Rig rig;
    rig.window.show();
    rig.store.append(1, 0, 0, EventKind::Received, QByteArrayLiteral("kept"));
    QTRY_COMPARE(rig.window.logModel()->rowCount(), 1);
    auto *start = rig.find<QAction>("startAction");
    auto *tabs = rig.find<QTabWidget>("sideTabs");
    auto *startButton = rig.find<QAbstractButton>("startActionButton");
    QCOMPARE(start->text(), QStringLiteral("&Start"));

    rig.find<QAction>("language_zh_CN")->trigger();
    QTRY_COMPARE(start->text(), QStringLiteral("启动(&S)"));
    QCOMPARE(start->toolTip(), QStringLiteral("启动所选会话（F5）"));
    QCOMPARE(startButton->accessibleName(), QStringLiteral("启动"));
    // The toolbar shows the word, not the menu's access key "(S)".
    QCOMPARE(startButton->text(), QStringLiteral("启动"));
    QCOMPARE(rig.find<QMenu>("sessionMenu")->title(), QStringLiteral("会话(&S)"));
    QCOMPARE(rig.find<QAction>("languageSystem")->text(), QStringLiteral("跟随系统"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("发送"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("聊天"));
    QVERIFY2(rig.window.statusSummary()->text().startsWith(QStringLiteral("运行中的会话")),
             qPrintable(rig.window.statusSummary()->text()));
    QCOMPARE(
        rig.window.logModel()->headerData(TrafficLogModel::TimeColumn, Qt::Horizontal).toString(),
        QStringLiteral("时间"));
    QVERIFY(rig.find<QAction>("language_zh_CN")->isChecked());
    QCOMPARE(Language::saved(), QStringLiteral("zh_CN"));
    // Nothing recorded is lost by switching: no restart.
    QCOMPARE(rig.window.logModel()->rowCount(), 1);
    QCOMPARE(rig.window.logModel()->index(0, TrafficLogModel::PreviewColumn).data().toString(),
             QStringLiteral("kept"));

    rig.find<QAction>("language_en")->trigger();
    QTRY_COMPARE(start->text(), QStringLiteral("&Start"));
    QCOMPARE(startButton->accessibleName(), QStringLiteral("Start"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("Send"));
    QVERIFY2(rig.window.statusSummary()->text().startsWith(QStringLiteral("Sessions running")),
             qPrintable(rig.window.statusSummary()->text()));
    QCOMPARE(Language::saved(), QStringLiteral("en"));

    // Started with --lang (applied, not chosen from the menu): the menu ticks
    // the language in effect, not the saved choice.
    Language::save(QString());
    Language::apply(QStringLiteral("zh_CN"));
    Rig second;
    QVERIFY(second.find<QAction>("language_zh_CN")->isChecked());
    QVERIFY(!second.find<QAction>("languageSystem")->isChecked());
}

void tst_MainWindow::logKeepsUp()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    constexpr int Count = 100000;
    // Another thread records, as the engine thread does under a flood.
    std::thread feeder([&rig] {
        const QByteArray payload("datagram payload 0123456789");
        for (int i = 0; i < Count; ++i)
            rig.store.append(1, 0, 0, EventKind::Received, payload);
    });
    // Meanwhile the window keeps handling events: a 10 ms timer keeps firing.
    // Counting its ticks proves nothing (the waiting below runs the event loop
    // itself); the longest gap between two ticks is what a person would feel
    // as a frozen window.
    QElapsedTimer sinceTick;
    qint64 longestGapMs = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this,
            [&] { longestGapMs = qMax(longestGapMs, sinceTick.restart()); });
    sinceTick.start();
    ticker.start(10);
    QTRY_COMPARE_WITH_TIMEOUT(rig.window.logModel()->rowCount(), Count, 30000);
    feeder.join();
    ticker.stop();
    QVERIFY2(longestGapMs < 500, qPrintable(QString::number(longestGapMs)));
    QCOMPARE(rig.window.logView()->table()->model()->rowCount(), Count);
    QCOMPARE(
        rig.window.logModel()->index(Count - 1, TrafficLogModel::PreviewColumn).data().toString(),
        QStringLiteral("datagram payload 0123456789"));
}

void tst_MainWindow::selectedSessionOnly()
{
    Rig rig;
    rig.window.show();
    rig.find<QAction>("newTcpClient")->trigger();
    const SessionId first = rig.window.sessionPanel()->currentSession();
    rig.find<QAction>("newUdpHelloServer")->trigger();
    const SessionId second = rig.window.sessionPanel()->currentSession();
    for (int i = 0; i < 3; ++i)
        rig.store.append(first, 0, 0, EventKind::Note, "first");
    for (int i = 0; i < 5; ++i)
        rig.store.append(second, 0, 0, EventKind::Note, "second");
    QAbstractItemModel *shown = nullptr;
    QTRY_COMPARE((shown = rig.window.logView()->table()->model())->rowCount(), 8);

    rig.find<QAction>("sessionOnlyAction")->trigger();
    QTRY_COMPARE(rig.window.logView()->table()->model()->rowCount(), 5);
    rig.window.sessionPanel()->setCurrentSession(first);
    QTRY_COMPARE(rig.window.logView()->table()->model()->rowCount(), 3);
    rig.find<QAction>("sessionOnlyAction")->trigger();
    QTRY_COMPARE(rig.window.logView()->table()->model()->rowCount(), 8);
}

// The status bar counts in binary units and spelled as such, only peers of
// running sessions, and only the events the log still holds.
void tst_MainWindow::statusBarCounts()
{
    Rig rig;
    rig.window.show();
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.protocol = SessionConfig::Protocol::None;
    const SessionId id = rig.engine.addSession(config);
    rig.engine.start(id);
    QTRY_VERIFY(rig.engine.session(id).state == SessionState::Bound);
    const quint16 port = quint16(rig.engine.session(id).detail.section(u':', -1).toUInt());

    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    // 60,104 bytes: 58.7 KiB, which a "kB" reading would call 60.1.
    const QByteArray half(30052, 'x');
    QCOMPARE(peer.writeDatagram(half, QHostAddress::LocalHost, port), half.size());
    QCOMPARE(peer.writeDatagram(half, QHostAddress::LocalHost, port), half.size());
    const QLabel *status = rig.window.statusSummary();
    QTRY_VERIFY2(status->text().contains(QStringLiteral("In: 58.7 KiB")),
                 qPrintable(status->text()));
    QVERIFY2(status->text().contains(QStringLiteral("Connections: 1 ")),
             qPrintable(status->text()));

    rig.engine.stop(id);
    QTRY_VERIFY2(status->text().contains(QStringLiteral("Connections: 0 ")),
                 qPrintable(status->text()));
    QVERIFY2(!status->text().contains(QStringLiteral("Events: 0 ")), qPrintable(status->text()));

    rig.find<QAction>("clearLogAction")->trigger();
    QTRY_VERIFY2(status->text().contains(QStringLiteral("Events: 0 ")), qPrintable(status->text()));
}

// Keys owned by other widgets are shown in the menus, and pressing them still
// does their work once (not blocked as ambiguous by the menu's copy).
void tst_MainWindow::menusShowTheirKeys()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    auto *pause = rig.find<QAction>("pauseAction");
    QCOMPARE(pause->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_P));
    QAction *newSubmenu = nullptr;
    for (QAction *action : rig.find<QMenu>("sessionMenu")->actions()) {
        if (action->menu())
            newSubmenu = action;
    }
    QVERIFY(newSubmenu);
    QCOMPARE(newSubmenu->shortcut(), QKeySequence(QKeySequence::New));
    QCOMPARE(rig.find<QAction>("clearLogAction")->shortcut(),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));

    QTableView *table = rig.window.logView()->table();
    table->setFocus();
    QTRY_VERIFY(table->hasFocus());
    QTest::keyClick(table, Qt::Key_P, Qt::ControlModifier);
    QTRY_VERIFY(pause->isChecked());
    QVERIFY(rig.window.logView()->isPaused());
    QTest::keyClick(table, Qt::Key_P, Qt::ControlModifier);
    QTRY_VERIFY(!pause->isChecked());

    // Ctrl+N still opens the templates (the menu runs its own loop: it is
    // looked at and closed from inside it).
    int templatesShown = -1;
    QTimer::singleShot(0, &rig.window, [&] {
        if (auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) {
            templatesShown = int(menu->actions().size());
            menu->close();
        }
    });
    QTest::keyClick(table, Qt::Key_N, Qt::ControlModifier);
    QTRY_VERIFY(templatesShown != -1);
    QVERIFY2(templatesShown >= 5, qPrintable(QString::number(templatesShown)));
}

// Right-click on a session offers start, stop, its events only and remove
// for that session.
void tst_MainWindow::sessionListContextMenu()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    rig.find<QAction>("newTcpClient")->trigger();
    rig.find<QAction>("newUdpHelloServer")->trigger();
    auto *list = rig.find<QListView>("sessionList");
    QTRY_COMPARE(list->model()->rowCount(), 2);
    const QRect first = list->visualRect(list->model()->index(0, 0));
    QStringList offered;
    QTimer::singleShot(0, &rig.window, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QVERIFY(menu);
        for (QAction *action : menu->actions()) {
            if (!action->isSeparator())
                offered << action->text().remove(QLatin1Char('&'));
        }
        menu->findChild<QAction *>(QStringLiteral("removeSessionAction"))->trigger();
        menu->close();
    });
    QMetaObject::invokeMethod(list, "customContextMenuRequested", Qt::DirectConnection,
                              Q_ARG(QPoint, first.center()));
    QCOMPARE(offered, QStringList({QStringLiteral("Start"), QStringLiteral("Stop"),
                                   QStringLiteral("Selected session only"),
                                   QStringLiteral("Remove"), QStringLiteral("New session")}));
    // The session under the pointer (the first) went; the other stays.
    QTRY_COMPARE(list->model()->rowCount(), 1);
    QCOMPARE(rig.engine.sessions().size(), 1);
    QVERIFY(rig.engine.sessions().constFirst().config.kind == SessionConfig::Kind::Udp);
}

// Tests and assistive tools find every control by a stable object name and an
// accessible name; a control without them is a defect.
void tst_MainWindow::everyControlIsNamed()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    // Sessions of every kind, so that each editor row and panel exists.
    for (const char *name : {"newTcpHelloServer", "newTcpClient", "newUdpChat"})
        rig.find<QAction>(name)->trigger();

    // Parts Qt builds inside composite controls are named by those controls.
    auto isInternal = [](QWidget *w) {
        for (QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
            if (qobject_cast<QComboBox *>(p) || qobject_cast<QAbstractSpinBox *>(p) ||
                qobject_cast<QAbstractItemView *>(p) || qobject_cast<QTabBar *>(p) ||
                qobject_cast<QLineEdit *>(p))
                return true;
        }
        return qobject_cast<QHeaderView *>(w) || qobject_cast<QScrollBar *>(w) ||
               qobject_cast<QTabBar *>(w) || w->objectName().startsWith(QLatin1String("qt_"));
    };
    QStringList unnamed;
    const auto widgets = rig.window.findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        const bool interactive = qobject_cast<QAbstractButton *>(w) ||
                                 qobject_cast<QLineEdit *>(w) || qobject_cast<QComboBox *>(w) ||
                                 qobject_cast<QAbstractSpinBox *>(w) ||
                                 qobject_cast<QAbstractItemView *>(w) ||
                                 qobject_cast<QPlainTextEdit *>(w) || qobject_cast<QTabWidget *>(w);
        if (!interactive || isInternal(w))
            continue;
        QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
        const QString accessible = a ? a->text(QAccessible::Name) : QString();
        if (w->objectName().isEmpty() || accessible.isEmpty())
            unnamed << QStringLiteral("%1 \"%2\" (accessible \"%3\")")
                           .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
                                accessible);
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("; "))));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
