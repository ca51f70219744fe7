#include "engine.h"
#include "fakecatalogue.h"
#include "nettestsupport.h"
#include "sessionkind.h"
#include "sessionmodel.h"
#include "sessionpanel.h"
#include "trafficstore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocalSocket>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

// The session panel over a real engine (its own thread) and real sockets.
class tst_SessionPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void templates();
    void secondSessionFromATemplateDoesNotClash();
    void unixServerFromTheEditor();
    void helloServerThroughTheUi();
    void busyPortShowsTheError();
    void invalidPortDisablesStart();
    void editsFollowTheSelection();
    void removeWithTheDeleteKey();
    void keyboardOnly();
    void removingARunningSessionAsks();
    void languageChangeIsLive();

private:
    struct Fixture
    {
        TrafficStore store;
        Engine engine{&store};
        SessionModel model{&engine};
        QAbstractItemModelTester tester{&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest};
        SessionPanel panel{&engine, &model};

        template <typename T> T *find(const char *name)
        {
            return panel.findChild<T *>(QString::fromLatin1(name));
        }
        QString stateText(int row) const
        {
            return model.data(model.index(row, SessionModel::StateColumn)).toString();
        }
    };

    static void show(Fixture *f);
    // Opens the New session menu by clicking the button, or with `openByKey`.
    static void chooseFromNewMenu(Fixture *f, const char *actionName,
                                  const QKeySequence &openByKey = {});
    static void retype(QLineEdit *edit, const QString &text);
};

void tst_SessionPanel::show(Fixture *f)
{
    f->panel.resize(320, 700);
    f->panel.show();
    // Shortcuts (F5, Delete) only reach an active window.
    f->panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&f->panel));
}

// Clicks "New session" and picks a template in the menu with the keyboard, as a
// person would. The menu runs its own event loop, so the pick happens from a
// timer; it gives up (closing any popup) after a bounded number of tries.
void tst_SessionPanel::chooseFromNewMenu(Fixture *f, const char *actionName,
                                         const QKeySequence &openByKey)
{
    auto *button = f->find<QToolButton>("newSessionButton");
    QVERIFY(button);
    QAction *action = button->menu()->findChild<QAction *>(QString::fromLatin1(actionName));
    QVERIFY2(action, actionName);
    int tries = 0;
    bool picked = false;
    QTimer timer;
    timer.setInterval(10);
    connect(&timer, &QTimer::timeout, &timer, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (menu) {
            menu->setActiveAction(action);
            QTest::keyClick(menu, Qt::Key_Return);
            picked = true;
            timer.stop();
        } else if (++tries > 300) {
            timer.stop();
        }
    });
    timer.start();
    if (openByKey.isEmpty())
        QTest::mouseClick(button, Qt::LeftButton);
    else
        QTest::keySequence(QApplication::focusWidget(), openByKey);
    QTRY_VERIFY(!timer.isActive());
    QVERIFY(picked);
}

void tst_SessionPanel::retype(QLineEdit *edit, const QString &text)
{
    QTest::mouseClick(edit, Qt::LeftButton);
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, text);
    QCOMPARE(edit->text(), text);
}

void tst_SessionPanel::templates()
{
    QCOMPARE(SessionKind::templateConfig(u"TcpHelloServer").toArguments(),
             QStringList({"tcp-server", "127.0.0.1:9999", "--protocol", "hello"}));
    QCOMPARE(SessionKind::templateConfig(u"TcpClient").toArguments(),
             QStringList({"tcp-client", "127.0.0.1:9999", "--protocol", "none"}));
    QCOMPARE(
        SessionKind::templateConfig(u"UdpChat").toArguments(),
        QStringList({"udp", "127.0.0.1:8888", "--protocol", "chat", "--peer", "127.0.0.1:8889"}));
    QCOMPARE(SessionKind::templateConfig(u"UdpChat").endWord, QByteArray("88"));
    QCOMPARE(SessionKind::templateConfig(u"UdpHelloServer").toArguments(),
             QStringList({"udp", "127.0.0.1:9999", "--protocol", "hello"}));
    QCOMPARE(SessionKind::templateConfig(u"PlainUdp").toArguments(),
             QStringList({"udp", "127.0.0.1:9000", "--protocol", "none"}));
    QCOMPARE(SessionKind::templateConfig(u"UdpMulticastListener").toArguments(),
             QStringList({"udp", "0.0.0.0:5000", "--protocol", "none", "--join", "239.255.0.1"}));

    Fixture f;
    auto *button = f.find<QToolButton>("newSessionButton");
    QStringList names;
    for (QAction *action : button->menu()->actions())
        names << action->text();
    QCOMPARE(names,
             QStringList({"TCP hello server", "TCP client", "UDP chat", "UDP hello server",
                          "Plain UDP", "UDP multicast listener", "TCP relay", "UDP relay",
                          "Unix hello server", "Unix client", "Unix datagram hello server"}));
    QCOMPARE(button->accessibleName(), button->text());
}

// A second hello server from the menu must not default to the first one's
// port (a busy-port error on Start) nor to its title.
void tst_SessionPanel::secondSessionFromATemplateDoesNotClash()
{
    Fixture f;
    show(&f);
    // The editor's fields are made when a session is first selected: a window
    // with no session starts without them.
    QVERIFY(!f.find<QLineEdit>("portEdit"));
    const auto title = [&f](int row) {
        return f.model.data(f.model.index(row, SessionModel::NameColumn)).toString();
    };

    chooseFromNewMenu(&f, "newTcpHelloServer");
    auto *port = f.find<QLineEdit>("portEdit");
    auto *peer = f.find<QLineEdit>("peerEdit");
    auto *name = f.find<QLineEdit>("nameEdit");
    QVERIFY(port && peer && name);
    QCOMPARE(port->text(), QStringLiteral("9999"));
    chooseFromNewMenu(&f, "newTcpHelloServer");
    QCOMPARE(f.model.rowCount(), 2);
    QCOMPARE(title(0), QStringLiteral("TCP server 127.0.0.1:9999"));
    QCOMPARE(title(1), QStringLiteral("TCP server 127.0.0.1:10000"));
    QCOMPARE(port->text(), QStringLiteral("10000"));
    QCOMPARE(name->placeholderText(), QStringLiteral("TCP server 127.0.0.1:10000"));

    // The second chat end is the tutorial's other side: bind 8889, talk to 8888.
    chooseFromNewMenu(&f, "newUdpChat");
    chooseFromNewMenu(&f, "newUdpChat");
    QCOMPARE(title(3), QStringLiteral("UDP 127.0.0.1:8889"));
    QCOMPARE(port->text(), QStringLiteral("8889"));
    QCOMPARE(peer->text(), QStringLiteral("127.0.0.1:8888"));

    // Clients share their server's port; their titles are numbered instead.
    chooseFromNewMenu(&f, "newTcpClient");
    chooseFromNewMenu(&f, "newTcpClient");
    QCOMPARE(title(4), QStringLiteral("TCP client to 127.0.0.1:9999"));
    QCOMPARE(title(5), QStringLiteral("TCP client to 127.0.0.1:9999 (2)"));
    QCOMPARE(port->text(), QStringLiteral("9999"));

    // A UDP session on 9999 does not take the TCP server's port.
    chooseFromNewMenu(&f, "newUdpHelloServer");
    QCOMPARE(port->text(), QStringLiteral("9999"));

    // What a user changed counts too: a server moved to 10001 pushes the next one on.
    f.panel.setCurrentSession(f.model.sessionAt(1));
    retype(port, QStringLiteral("10001"));
    QTest::keyClick(port, Qt::Key_Return);
    chooseFromNewMenu(&f, "newTcpHelloServer");
    QCOMPARE(port->text(), QStringLiteral("10000"));
    chooseFromNewMenu(&f, "newTcpHelloServer");
    QCOMPARE(port->text(), QStringLiteral("10002"));
    QCOMPARE(f.model.rowCount(), 9);
}

// A Unix hello server made with the menu and the editor's Path field, and
// a client that talks to it.
void tst_SessionPanel::unixServerFromTheEditor()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("gui.sock"));
    Fixture f;
    show(&f);
    chooseFromNewMenu(&f, "newUnixHelloServer");
    QCOMPARE(f.model.data(f.model.index(0, SessionModel::KindColumn)).toString(),
             QStringLiteral("Unix hello server"));
    auto *pathEdit = f.find<QLineEdit>("pathEdit");
    QVERIFY(pathEdit->isVisible());
    QVERIFY(!f.find<QLineEdit>("portEdit")->isVisible());
    QVERIFY(!f.find<QLineEdit>("addressEdit")->isVisible());
    QVERIFY(f.find<QWidget>("seqpacketCheck")->isVisible());
    QCOMPARE(pathEdit->accessibleName(), QStringLiteral("Path"));

    // A path too long for a socket is refused at the field.
    retype(pathEdit, QStringLiteral("/") + QString(120, u'x'));
    auto *pathError = f.find<QLabel>("pathError");
    QVERIFY(pathError->isVisible());
    QVERIFY2(pathError->text().contains(QStringLiteral("at most 107")),
             qPrintable(pathError->text()));
    QVERIFY(!f.find<QToolButton>("startButton")->isEnabled());

    retype(pathEdit, path);
    QVERIFY(!pathError->isVisible());
    QTest::mouseClick(f.find<QToolButton>("startButton"), Qt::LeftButton);
    QTRY_COMPARE(f.stateText(0), QStringLiteral("listening on %1").arg(path));
    QCOMPARE(f.model.data(f.model.index(0, SessionModel::NameColumn)).toString(),
             QStringLiteral("Unix server %1").arg(path));

    QLocalSocket client;
    client.connectToServer(path);
    QVERIFY2(client.waitForConnected(5000), qPrintable(client.errorString()));
    QByteArray got;
    QTRY_VERIFY((got += client.readAll()).size() >= 8);
    QCOMPARE(got, QByteArray("Welcome!"));
    client.write("Michael");
    got.clear();
    QTRY_VERIFY((got += client.readAll()).size() >= 15);
    QCOMPARE(got, QByteArray("Hello, Michael!"));

    QTest::mouseClick(f.find<QToolButton>("stopButton"), Qt::LeftButton);
    QTRY_COMPARE(f.stateText(0), QStringLiteral("stopped"));
    QTRY_VERIFY(!QFile::exists(path));
}

void tst_SessionPanel::helloServerThroughTheUi()
{
    Fixture f;
    show(&f);
    auto *list = f.find<QListView>("sessionList");
    auto *start = f.find<QToolButton>("startButton");
    auto *stop = f.find<QToolButton>("stopButton");
    QVERIFY(list && start && stop);
    QVERIFY(!start->isEnabled());
    QVERIFY(!stop->isEnabled());

    QSignalSpy current(&f.panel, &SessionPanel::currentSessionChanged);
    chooseFromNewMenu(&f, "newTcpHelloServer");
    QCOMPARE(f.model.rowCount(), 1);
    const SessionId id = f.model.sessionAt(0);
    QCOMPARE(f.panel.currentSession(), id);
    QCOMPARE(current.count(), 1);
    QCOMPARE(current.last().at(0).value<SessionId>(), id);
    QCOMPARE(list->currentIndex().row(), 0);
    QCOMPARE(f.stateText(0), QStringLiteral("stopped"));

    auto *port = f.find<QLineEdit>("portEdit");
    QCOMPARE(port->text(), QStringLiteral("9999"));
    retype(port, QStringLiteral("0"));
    QVERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);

    const QString prefix = QStringLiteral("listening on 127.0.0.1:");
    QTRY_VERIFY2(f.stateText(0).startsWith(prefix), qPrintable(f.stateText(0)));
    const quint16 listening = f.stateText(0).mid(prefix.size()).toUShort();
    QVERIFY(listening != 0);
    QVERIFY(!start->isEnabled());
    QVERIFY(stop->isEnabled());
    QVERIFY(port->isReadOnly());
    QVERIFY(f.find<QLabel>("lockedNote")->isVisible());
    QVERIFY(!f.find<QWidget>("sessionError")->isVisible());
    // Unnamed and on port 0: it goes by the port it got, not by ":0".
    auto *name = f.find<QLineEdit>("nameEdit");
    QCOMPARE(name->placeholderText(), QStringLiteral("TCP server 127.0.0.1:%1").arg(listening));

    auto client = NetTest::connectClient(listening);
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));

    QTest::mouseClick(stop, Qt::LeftButton);
    QTRY_COMPARE(f.stateText(0), QStringLiteral("stopped"));
    QTRY_COMPARE(client->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    QVERIFY(!port->isReadOnly());
    QCOMPARE(port->text(), QStringLiteral("0"));
    // Stopped, its next start picks a port again.
    QCOMPARE(name->placeholderText(), QStringLiteral("TCP server 127.0.0.1:0"));
}

void tst_SessionPanel::busyPortShowsTheError()
{
    QTcpServer blocker;
    QVERIFY2(blocker.listen(QHostAddress::LocalHost, 0), qPrintable(blocker.errorString()));

    Fixture f;
    show(&f);
    chooseFromNewMenu(&f, "newTcpHelloServer");
    auto *error = f.find<QLabel>("sessionError");
    auto *start = f.find<QToolButton>("startButton");
    QVERIFY(!error->isVisible());
    retype(f.find<QLineEdit>("portEdit"), QString::number(blocker.serverPort()));
    QTest::mouseClick(start, Qt::LeftButton);

    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("in use")), qPrintable(error->text()));
    QVERIFY2(error->text().contains(QString::number(blocker.serverPort())),
             qPrintable(error->text()));
    QVERIFY(f.stateText(0).startsWith(QStringLiteral("error: Cannot listen on 127.0.0.1:")));
    // Still usable: settings editable, Start offered again.
    QVERIFY(start->isEnabled());
    QVERIFY(!f.find<QLineEdit>("portEdit")->isReadOnly());

    // With the port freed, a new start clears the error.
    const quint16 freed = blocker.serverPort();
    blocker.close();
    // (Not start->isDown(): the button's 100 ms press animation may be over by
    // the time a loaded machine gets here; the session starting is the proof.)
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F5);
    QTRY_COMPARE(f.stateText(0), QStringLiteral("listening on 127.0.0.1:%1").arg(freed));
    QVERIFY(!error->isVisible());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F5, Qt::ShiftModifier);
    QTRY_COMPARE(f.stateText(0), QStringLiteral("stopped"));
}

void tst_SessionPanel::invalidPortDisablesStart()
{
    Fixture f;
    show(&f);
    chooseFromNewMenu(&f, "newTcpHelloServer");
    auto *start = f.find<QToolButton>("startButton");
    auto *port = f.find<QLineEdit>("portEdit");
    QVERIFY(start->isEnabled());

    retype(port, QStringLiteral("70000"));
    QVERIFY(!start->isEnabled());
    auto *portError = f.find<QLabel>("portError");
    QVERIFY(portError->isVisible());
    QVERIFY2(portError->text().contains(QStringLiteral("out of range")),
             qPrintable(portError->text()));

    // Neither the button, nor its key, nor the slot starts it.
    QSignalSpy engineCalls(&f.engine, &Engine::sessionChanged);
    QTest::mouseClick(start, Qt::LeftButton);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F5);
    QVERIFY(!start->isDown()); // an accepted shortcut presses the button at once
    f.panel.startCurrent();
    QCOMPARE(engineCalls.count(), 0);
    QCOMPARE(f.stateText(0), QStringLiteral("stopped"));
    QCOMPARE(f.engine.session(f.panel.currentSession()).config.port, quint16(9999));

    retype(port, QStringLiteral("abc"));
    QVERIFY(!start->isEnabled());
    QVERIFY(portError->text().contains(QStringLiteral("not a number")));
    retype(port, QStringLiteral("9998"));
    QVERIFY(start->isEnabled());
    QVERIFY(!portError->isVisible());
}

void tst_SessionPanel::editsFollowTheSelection()
{
    Fixture f;
    show(&f);
    const SessionId server = f.panel.newSession(QStringLiteral("TcpHelloServer"));
    const SessionId chat = f.panel.newSession(QStringLiteral("UdpChat"));
    QCOMPARE(f.panel.currentSession(), chat);
    auto *name = f.find<QLineEdit>("nameEdit");
    auto *peer = f.find<QLineEdit>("peerEdit");
    QVERIFY(peer->isVisible());
    QCOMPARE(peer->text(), QStringLiteral("127.0.0.1:8889"));

    // A valid edit goes to the session when the field is left, not while typing.
    retype(name, QStringLiteral("Alice"));
    QCOMPARE(f.model.data(f.model.index(1, SessionModel::NameColumn)).toString(),
             QStringLiteral("UDP 127.0.0.1:8888"));
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(f.model.data(f.model.index(1, SessionModel::NameColumn)).toString(),
             QStringLiteral("Alice"));
    QCOMPARE(f.engine.session(chat).config.name, QStringLiteral("Alice"));

    // Clicking the other session shows its settings.
    auto *list = f.find<QListView>("sessionList");
    QSignalSpy current(&f.panel, &SessionPanel::currentSessionChanged);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(f.model.index(0, 0)).center());
    QCOMPARE(f.panel.currentSession(), server);
    QCOMPARE(current.count(), 1);
    QCOMPARE(name->text(), QString());
    QVERIFY(!peer->isVisible());

    // An invalid edit stays in the editor until another session is chosen.
    retype(f.find<QLineEdit>("portEdit"), QStringLiteral("x"));
    Q_EMIT f.engine.sessionChanged(server);
    QCOMPARE(f.find<QLineEdit>("portEdit")->text(), QStringLiteral("x"));
    f.panel.setCurrentSession(chat);
    QCOMPARE(name->text(), QStringLiteral("Alice"));
    f.panel.setCurrentSession(server);
    QCOMPARE(f.find<QLineEdit>("portEdit")->text(), QStringLiteral("9999"));
    QCOMPARE(f.engine.session(server).config.port, quint16(9999));

    // A valid edit is kept when another session is chosen, even without leaving the field.
    retype(f.find<QLineEdit>("portEdit"), QStringLiteral("7777"));
    f.panel.setCurrentSession(chat);
    QCOMPARE(f.engine.session(server).config.port, quint16(7777));
    f.panel.setCurrentSession(server);
    QCOMPARE(f.find<QLineEdit>("portEdit")->text(), QStringLiteral("7777"));
}

void tst_SessionPanel::removeWithTheDeleteKey()
{
    Fixture f;
    show(&f);
    f.panel.newSession(QStringLiteral("TcpClient"));
    const SessionId second = f.panel.newSession(QStringLiteral("PlainUdp"));
    f.panel.setCurrentSession(f.model.sessionAt(0));
    auto *list = f.find<QListView>("sessionList");
    list->setFocus();
    // Delete in a field edits the field, not the list.
    auto *name = f.find<QLineEdit>("nameEdit");
    name->setFocus();
    QTest::keyClick(name, Qt::Key_Delete);
    QCOMPARE(f.model.rowCount(), 2);

    list->setFocus();
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.panel.currentSession(), second);
    QCOMPARE(list->currentIndex().row(), 0);

    QTest::mouseClick(f.find<QToolButton>("removeButton"), Qt::LeftButton);
    QCOMPARE(f.model.rowCount(), 0);
    QCOMPARE(f.panel.currentSession(), SessionId(0));
    QVERIFY(!f.find<QToolButton>("removeButton")->isEnabled());
    QVERIFY(!f.find<QToolButton>("startButton")->isEnabled());
    QVERIFY(f.find<QLabel>("emptyHint")->isVisible());
}

void tst_SessionPanel::keyboardOnly()
{
    Fixture f;
    show(&f);
    auto *list = f.find<QListView>("sessionList");
    list->setFocus();
    chooseFromNewMenu(&f, "newUdpHelloServer", QKeySequence(QKeySequence::New));
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.model.data(f.model.index(0, SessionModel::KindColumn)).toString(),
             QStringLiteral("UDP hello server"));

    // Tab walks the panel in reading order (Stop is disabled, so skipped), and
    // every stop has a name to be found by.
    f.find<QToolButton>("newSessionButton")->setFocus();
    QStringList order;
    for (int i = 0; i < 8; ++i) {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        QVERIFY2(!focus->accessibleName().isEmpty(), qPrintable(focus->objectName()));
        order << focus->objectName();
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    QCOMPARE(order, QStringList({"newSessionButton", "removeButton", "sessionList", "startButton",
                                 "nameEdit", "addressEdit", "portEdit", "peerEdit"}));

    // Started and stopped from the keyboard.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F5);
    QTRY_VERIFY2(f.stateText(0).startsWith(QStringLiteral("bound to 127.0.0.1:")),
                 qPrintable(f.stateText(0)));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F5, Qt::ShiftModifier);
    QTRY_COMPARE(f.stateText(0), QStringLiteral("stopped"));
}

void tst_SessionPanel::removingARunningSessionAsks()
{
    Fixture f;
    show(&f);
    SessionConfig server = SessionKind::templateConfig(u"TcpHelloServer");
    server.port = 0;
    const SessionId id = f.engine.addSession(server);
    f.panel.setCurrentSession(id);
    QTest::mouseClick(f.find<QToolButton>("startButton"), Qt::LeftButton);
    QTRY_VERIFY(f.stateText(0).startsWith(QStringLiteral("listening on")));

    // Answers the question box from inside its event loop; bounded like the menu pick.
    auto answer = [&](QMessageBox::StandardButton choice) {
        QString question;
        int tries = 0;
        QTimer timer;
        timer.setInterval(10);
        connect(&timer, &QTimer::timeout, &timer, [&] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                question = box->text();
                timer.stop();
                QTest::mouseClick(box->button(choice), Qt::LeftButton);
            } else if (++tries > 300) {
                timer.stop();
            }
        });
        timer.start();
        QTest::mouseClick(f.find<QToolButton>("removeButton"), Qt::LeftButton);
        return question;
    };
    const QString asked = answer(QMessageBox::No);
    QVERIFY2(asked.contains(QStringLiteral("is running")), qPrintable(asked));
    QCOMPARE(f.model.rowCount(), 1);
    QVERIFY(f.stateText(0).startsWith(QStringLiteral("listening on")));

    QVERIFY(!answer(QMessageBox::Yes).isEmpty());
    QCOMPARE(f.model.rowCount(), 0);
    QCOMPARE(f.panel.currentSession(), SessionId(0));
}

void tst_SessionPanel::languageChangeIsLive()
{
    Fixture f;
    show(&f);
    f.panel.newSession(QStringLiteral("TcpHelloServer"));
    auto *start = f.find<QToolButton>("startButton");
    auto *port = f.find<QLineEdit>("portEdit");
    QCOMPARE(start->text(), QStringLiteral("Start"));

    FakeCatalogue zh({
        {nullptr, "Start", QStringLiteral("启动")},
        {nullptr, "Start session", QStringLiteral("启动会话")},
        {nullptr, "Port", QStringLiteral("端口")},
        {nullptr, "TCP hello server", QStringLiteral("TCP 问候服务器")},
    });
    QVERIFY(QCoreApplication::installTranslator(&zh));
    QTRY_COMPARE(start->text(), QStringLiteral("启动"));
    // Not just "Start": the window's toolbar has a Start button too.
    QCOMPARE(start->accessibleName(), QStringLiteral("启动会话"));
    QCOMPARE(port->accessibleName(), QStringLiteral("端口"));
    QCOMPARE(f.find<QLabel>("typeLabel")->text(), QStringLiteral("TCP 问候服务器"));
    auto *newButton = f.find<QToolButton>("newSessionButton");
    QCOMPARE(newButton->menu()->actions().constFirst()->text(), QStringLiteral("TCP 问候服务器"));
    // Renaming a button must not cost it its key.
    QCOMPARE(start->shortcut(), QKeySequence(Qt::Key_F5));

    QCoreApplication::removeTranslator(&zh);
    QTRY_COMPARE(start->text(), QStringLiteral("Start"));
    QCOMPARE(f.find<QLabel>("typeLabel")->text(), QStringLiteral("TCP hello server"));
}

QTEST_MAIN(tst_SessionPanel)
#include "tst_sessionpanel.moc"
