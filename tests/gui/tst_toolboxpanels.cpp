// The Rules and Script tabs of the window, driven the way a person uses them.
#include "engine.h"
#include "language.h"
#include "mainwindow.h"
#include "mainwindowrig.h"
#include "nettestsupport.h"
#include "rulesmodel.h"
#include "sessionpanel.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTreeWidget>

namespace {

using Rig = MainWindowRig;

// Types into the cell's editor as a person does: open it, type, Enter.
void typeInCell(QTableView *table, int row, int column, const QString &text)
{
    const QModelIndex index = table->model()->index(row, column);
    table->setFocus();
    table->setCurrentIndex(index);
    table->edit(index);
    auto *editor = qobject_cast<QLineEdit *>(table->indexWidget(index));
    QVERIFY2(editor, "no line editor opened");
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

bool logHas(const TrafficLogModel *log, const QString &direction, const QString &preview)
{
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->index(row, TrafficLogModel::DirectionColumn).data().toString() == direction &&
            log->index(row, TrafficLogModel::PreviewColumn).data().toString() == preview)
            return true;
    }
    return false;
}

} // namespace

class tst_ToolboxPanels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void ruleAddedTriedAndAnswered();
    void scriptStepsShowTheirStatus();
    void everyControlIsNamed();
};

void tst_ToolboxPanels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_toolboxpanels"));
}

void tst_ToolboxPanels::init()
{
    QSettings().clear();
    Language::apply(QString());
}

void tst_ToolboxPanels::ruleAddedTriedAndAnswered()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    rig.find<QAction>("newTcpHelloServer")->trigger();
    const SessionId id = rig.window.sessionPanel()->currentSession();
    QVERIFY(id != 0);
    auto *port = rig.find<QLineEdit>("portEdit");
    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("0"));
    QTest::keyClick(port, Qt::Key_Tab);

    auto *tabs = rig.find<QTabWidget>("sideTabs");
    tabs->setCurrentWidget(rig.find<QWidget>("rulesPanel"));
    auto *table = rig.find<QTableView>("rulesTable");
    QTest::mouseClick(rig.find<QAbstractButton>("rulesAdd"), Qt::LeftButton);
    QCOMPARE(table->model()->rowCount(), 1);
    // Add opened the pattern for typing.
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("^PING (\\d+)$"));
    QTest::keyClick(editor, Qt::Key_Return);
    typeInCell(table, 0, RulesModel::ReplyColumn, QStringLiteral("PONG \\1 #{{counter}}"));
    QCOMPARE(table->model()->index(0, RulesModel::PatternColumn).data().toString(),
             QStringLiteral("^PING (\\d+)$"));

    // Try a message: the rule and its exact answer; others fall to the hello reply.
    auto *tryInput = rig.find<QLineEdit>("rulesTryInput");
    QVERIFY(tryInput);
    auto *result = rig.find<QLabel>("rulesTryResult");
    tryInput->setFocus();
    QTest::keyClicks(tryInput, QStringLiteral("PING 42\\r\\n"));
    QCOMPARE(result->text(), QStringLiteral("Rule 1 answers: \"PONG 42 #1\\r\\n\" (12 bytes)"));
    tryInput->clear();
    QTest::keyClicks(tryInput, QStringLiteral("Bob"));
    QCOMPARE(result->text(), QStringLiteral("The hello reply answers: \"Hello, Bob!\" (11 bytes)"));
    // A broken expression is pointed at and not saved.
    const QModelIndex pattern = table->model()->index(0, RulesModel::PatternColumn);
    table->model()->setData(pattern, QStringLiteral("^PING (\\d+$"), Qt::EditRole);
    auto *error = rig.find<QLabel>("rulesError");
    QCOMPARE(table->model()->index(0, RulesModel::PatternColumn).data().toString(),
             QStringLiteral("^PING (\\d+$"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(u"Rule 1 (regex \"^PING (\\d+$\"): missing closing "
                                      u"parenthesis at position 11."),
             qPrintable(error->text()));
    QCOMPARE(rig.engine.session(id).config.rules.constFirst().pattern,
             QStringLiteral("^PING (\\d+)$"));
    table->model()->setData(pattern, QStringLiteral("^PING (\\d+)$"), Qt::EditRole);
    QVERIFY(error->isHidden());

    // Start; a client gets the rule's exact answer, and the log shows it.
    auto *start = rig.find<QAbstractButton>("startButton");
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Listening);
    auto client = NetTest::connectClient(NetTest::portOf(rig.engine.session(id).detail));
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));
    client->write("PING 7\n");
    QTRY_COMPARE(client->received(), QByteArray("Welcome!PONG 7 #1\n"));
    QTRY_VERIFY(
        logHas(rig.window.logModel(), QStringLiteral("out"), QStringLiteral("PONG 7 #1\\n")));
    // The rules are saved with the session, in its command-line form.
    QVERIFY(rig.engine.session(id).config.toArguments().contains(
        QStringLiteral("^PING (\\d+)$=>PONG \\1 #{{counter}}")));
}

void tst_ToolboxPanels::scriptStepsShowTheirStatus()
{
    QTcpServer peer;
    QVERIFY(peer.listen(QHostAddress::LocalHost, 0));
    connect(&peer, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *s = peer.nextPendingConnection();
        s->write("ready\n");
        connect(s, &QTcpSocket::readyRead, s, [s] {
            if (s->readAll().contains("name?"))
                s->write("name=Ann\n");
        });
    });

    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpClient;
    config.protocol = SessionConfig::Protocol::None;
    config.port = peer.serverPort();
    const SessionId id = rig.engine.addSession(config);
    rig.window.sessionPanel()->setCurrentSession(id);

    rig.find<QTabWidget>("sideTabs")->setCurrentWidget(rig.find<QWidget>("scriptPanel"));
    auto *editor = rig.find<QPlainTextEdit>("scriptEditor");
    editor->setFocus();
    for (const QString &line : {QStringLiteral("expect ready"), QStringLiteral("send name?"),
                                QStringLiteral("expect /name=(\\w+)/"),
                                QStringLiteral("timeout 200"), QStringLiteral("expect $1")}) {
        QTest::keyClicks(editor, line);
        QTest::keyClick(editor, Qt::Key_Return);
    }
    auto *steps = rig.find<QTreeWidget>("scriptSteps");
    QCOMPARE(steps->topLevelItemCount(), 5);
    QCOMPARE(steps->topLevelItem(2)->text(1), QStringLiteral("expect /name=(\\w+)/"));
    QCOMPARE(steps->topLevelItem(4)->text(2), QStringLiteral("pending"));

    QTest::mouseClick(rig.find<QAbstractButton>("scriptRun"), Qt::LeftButton);
    QTRY_COMPARE(steps->topLevelItem(2)->text(2), QStringLiteral("ok"));
    QCOMPARE(steps->topLevelItem(0)->text(2), QStringLiteral("ok"));
    // "$1" is literal text in an expect: it waits for "$1" and times out.
    QTRY_COMPARE(steps->topLevelItem(4)->text(2),
                 QStringLiteral("failed: expected \"$1\", timed out after 200 ms; the last "
                                "bytes that arrived: \"\\n\""));
    QCOMPARE(rig.find<QLabel>("scriptResult")->text(),
             QStringLiteral("Script failed at line 5: expected \"$1\", timed out after 200 ms; "
                            "the last bytes that arrived: \"\\n\""));
    // Remembered with the session.
    QCOMPARE(rig.engine.session(id).config.script, editor->toPlainText());
}

void tst_ToolboxPanels::everyControlIsNamed()
{
    Rig rig;
    for (const char *panel : {"rulesPanel", "scriptPanel"}) {
        // The panel's own controls; a view's scroll bars and headers are the view's.
        const auto widgets = rig.find<QWidget>(panel)->findChildren<QWidget *>(
            QString(), Qt::FindDirectChildrenOnly);
        int controls = 0;
        for (QWidget *w : widgets) {
            if (!qobject_cast<QAbstractButton *>(w) && !qobject_cast<QLineEdit *>(w) &&
                !qobject_cast<QPlainTextEdit *>(w) && !qobject_cast<QAbstractItemView *>(w))
                continue;
            ++controls;
            QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        }
        QVERIFY(controls >= 5);
    }
}

QTEST_MAIN(tst_ToolboxPanels)
#include "tst_toolboxpanels.moc"
