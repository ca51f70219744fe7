// What assistive tools and automation see of the window, through Qt's
// accessibility interfaces (the same ones the AT-SPI bridge serves; the
// whole path over D-Bus is atspi_session.py). Offscreen, no bus needed.
#include "accessibility.h"
#include "detailpane.h"
#include "engine.h"
#include "mainwindow.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHash>
#include <QHostAddress>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTranslator>
#include <QUdpSocket>

namespace {

struct Rig
{
    TrafficStore store;
    Engine engine{&store};
    MainWindow window{&engine};

    Rig()
    {
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
    }

    template <typename T> T *find(const char *name) const
    {
        T *child = window.findChild<T *>(QString::fromLatin1(name));
        if (!child)
            qWarning("no child %s", name);
        return child;
    }
};

QAccessibleInterface *accessible(QObject *object)
{
    return QAccessible::queryAccessibleInterface(object);
}

QString textOf(QAccessibleInterface *iface)
{
    QAccessibleTextInterface *text = iface ? iface->textInterface() : nullptr;
    return text ? text->text(0, text->characterCount()) : QStringLiteral("<no text interface>");
}

// The labels that label `iface` (AT-SPI's "labelled by").
QStringList labelsOf(QAccessibleInterface *iface)
{
    QStringList names;
    for (const auto &[other, relation] : iface->relations(QAccessible::Label))
        names << other->text(QAccessible::Name);
    return names;
}

QAccessibleInterface *childNamed(QAccessibleInterface *parent, const QString &name)
{
    for (int i = 0; i < parent->childCount(); ++i) {
        QAccessibleInterface *child = parent->child(i);
        if (child && child->text(QAccessible::Name) == name)
            return child;
    }
    return nullptr;
}

} // namespace

class tst_Accessibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void labelsReadAsText();
    void fieldsAreLabelled();
    void comboBoxChoosesFromItsList();
    void menuPressClosesTheMenus();
    void newSessionButtonReturnsAtOnce();
    void logRowSelectedByATool();
    void namesAreUnique();
    void chineseNamesWithoutAccessKeys();
};

void tst_Accessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
    // As main() does: before any widget, which may be asked for as it is made.
    Accessibility::install();
}

void tst_Accessibility::labelsReadAsText()
{
    Rig rig;
    QLabel *status = rig.window.statusSummary();
    QAccessibleInterface *iface = accessible(status);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Status"));
    QTRY_VERIFY(!status->text().isEmpty());
    QCOMPARE(textOf(iface), status->text());
    QVERIFY2(textOf(iface).startsWith(QStringLiteral("Sessions running: 0")),
             qPrintable(textOf(iface)));

    rig.find<QAction>("newUdpHelloServer")->trigger();
    auto *type = rig.find<QLabel>("typeLabel");
    QCOMPARE(accessible(type)->text(QAccessible::Name), QStringLiteral("Type"));
    QCOMPARE(textOf(accessible(type)), QStringLiteral("UDP hello server"));

    // An error line reads its message.
    auto *port = rig.find<QLineEdit>("portEdit");
    port->setText(QStringLiteral("70000"));
    auto *error = rig.find<QLabel>("portError");
    QTRY_VERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QCOMPARE(textOf(accessible(error)), error->text());
}

void tst_Accessibility::fieldsAreLabelled()
{
    Rig rig;
    rig.find<QAction>("newTcpHelloServer")->trigger();
    // Also the fields that have an error line under them.
    for (const char *name : {"nameEdit", "addressEdit", "portEdit", "greetingEdit"}) {
        auto *field = rig.find<QWidget>(name);
        QVERIFY2(field->isVisible(), name);
        const QStringList labels = labelsOf(accessible(field));
        QVERIFY2(
            labels == QStringList(field->accessibleName()),
            qPrintable(QStringLiteral("%1: %2").arg(QString::fromLatin1(name), labels.join(u','))));
    }
    QCOMPARE(labelsOf(accessible(rig.find<QComboBox>("framingCombo"))),
             QStringList(QStringLiteral("Framing")));
    // The error line hides with its row and shows only with a message.
    auto *port = rig.find<QLineEdit>("portEdit");
    auto *error = rig.find<QLabel>("portError");
    QVERIFY(!error->isVisible());
    port->setText(QStringLiteral("x"));
    QTRY_VERIFY(error->isVisible());
    port->setText(QStringLiteral("0"));
    QTRY_VERIFY(!error->isVisible());
}

void tst_Accessibility::comboBoxChoosesFromItsList()
{
    Rig rig;
    rig.find<QAction>("newUdpHelloServer")->trigger();
    auto *protocol = rig.find<QComboBox>("protocolCombo");
    QSignalSpy activated(protocol, &QComboBox::activated);
    QAccessibleInterface *list = accessible(protocol)->child(0);
    QVERIFY(list);
    QAccessibleInterface *chat = childNamed(list, QStringLiteral("Chat"));
    QVERIFY(chat);
    QVERIFY(chat->actionInterface()->actionNames().contains(
        QAccessibleActionInterface::toggleAction()));
    chat->actionInterface()->doAction(QAccessibleActionInterface::toggleAction());
    QCOMPARE(protocol->currentText(), QStringLiteral("Chat"));
    QCOMPARE(activated.count(), 1);
    QCOMPARE(textOf(accessible(rig.find<QLabel>("typeLabel"))), QStringLiteral("UDP chat"));
    QVERIFY(rig.find<QLineEdit>("peerEdit")->isVisible()); // the chat's own row

    // Browsing the open list is not yet a choice.
    protocol->showPopup();
    QTRY_VERIFY(protocol->view()->isVisible());
    protocol->view()->selectionModel()->select(protocol->model()->index(0, 0),
                                               QItemSelectionModel::ClearAndSelect);
    QCOMPARE(protocol->currentText(), QStringLiteral("Chat"));
    protocol->hidePopup();
}

void tst_Accessibility::menuPressClosesTheMenus()
{
    Rig rig;
    QMenuBar *bar = rig.window.menuBar();
    QAccessibleInterface *session = childNamed(accessible(bar), QStringLiteral("Session"));
    QVERIFY(session);
    session->actionInterface()->doAction(QAccessibleActionInterface::showMenuAction());
    auto *sessionMenu = rig.find<QMenu>("sessionMenu");
    QTRY_VERIFY(sessionMenu->isVisible());
    QAccessibleInterface *newSession = childNamed(session->child(0), QStringLiteral("New session"));
    QVERIFY(newSession);
    newSession->actionInterface()->doAction(QAccessibleActionInterface::showMenuAction());
    QAccessibleInterface *templates = newSession->child(0);
    QTRY_VERIFY(templates->object() && static_cast<QMenu *>(templates->object())->isVisible());
    QAccessibleInterface *tcp = childNamed(templates, QStringLiteral("TCP hello server"));
    QVERIFY(tcp);
    QCOMPARE(tcp->role(), QAccessible::MenuItem);
    QCOMPARE(tcp->parent()->object(), templates->object());
    tcp->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
    // Closed at once, as by a click; the action runs next.
    QVERIFY(!sessionMenu->isVisible());
    QVERIFY(!static_cast<QMenu *>(templates->object())->isVisible());
    QVERIFY(!QApplication::activePopupWidget());
    QTRY_COMPARE(textOf(accessible(rig.find<QLabel>("typeLabel"))),
                 QStringLiteral("TCP hello server"));
}

void tst_Accessibility::newSessionButtonReturnsAtOnce()
{
    Rig rig;
    auto *button = rig.find<QAbstractButton>("newSessionButton");
    QAccessibleInterface *iface = accessible(button);
    const QStringList actions = iface->actionInterface()->actionNames();
    QVERIFY2(actions.contains(QAccessibleActionInterface::pressAction()),
             qPrintable(actions.join(u',')));
    // Returns with the menu open (a nested event loop would not return here).
    iface->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
    auto *menu = button->findChild<QMenu *>();
    QTRY_VERIFY(menu->isVisible());
    // The menu is the button's child in the tree: found from the window down.
    QCOMPARE(iface->childCount(), 1);
    QCOMPARE(iface->child(0)->object(), menu);
    QAccessibleInterface *udp = childNamed(iface->child(0), QStringLiteral("UDP hello server"));
    QVERIFY(udp);
    udp->actionInterface()->doAction(QAccessibleActionInterface::pressAction());
    QVERIFY(!menu->isVisible());
    QTRY_COMPARE(textOf(accessible(rig.find<QLabel>("typeLabel"))),
                 QStringLiteral("UDP hello server"));
}

void tst_Accessibility::logRowSelectedByATool()
{
    Rig rig;
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.protocol = SessionConfig::Protocol::Hello;
    const SessionId id = rig.window.addAndStart(config);
    QTRY_VERIFY(rig.engine.session(id).state == SessionState::Bound);
    const quint16 port = quint16(rig.engine.session(id).detail.section(u':', -1).toUInt());
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    QCOMPARE(peer.writeDatagram("Michael", QHostAddress::LocalHost, port), 7);
    QTRY_VERIFY(peer.hasPendingDatagrams());

    auto *table = rig.find<QTableView>("logTable");
    const auto rowOf = [table](const QString &preview) {
        const QAbstractItemModel *model = table->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, TrafficLogModel::PreviewColumn).data().toString() == preview)
                return row;
        }
        return -1;
    };
    QTRY_VERIFY(rowOf(QStringLiteral("Hello, Michael!")) >= 0);
    QAccessibleTableInterface *cells = accessible(table)->tableInterface();
    QVERIFY(cells);
    // What AT-SPI's Table.AddRowSelection calls: the current row stays where it is.
    QVERIFY(cells->selectRow(rowOf(QStringLiteral("Hello, Michael!"))));
    auto *text = rig.find<QPlainTextEdit>("textView");
    QTRY_COMPARE(text->toPlainText(), QStringLiteral("Hello, Michael!"));
    QVERIFY(cells->unselectRow(rowOf(QStringLiteral("Hello, Michael!"))));
    QVERIFY(cells->selectRow(rowOf(QStringLiteral("Michael"))));
    QTRY_COMPARE(text->toPlainText(), QStringLiteral("Michael"));
}

void tst_Accessibility::namesAreUnique()
{
    Rig rig;
    for (const char *name : {"newTcpHelloServer", "newUdpChat"})
        rig.find<QAction>(name)->trigger();
    rig.find<QAction>("newTcpClient")->trigger(); // the chat view shows for it
    QHash<QString, QStringList> byName;
    const auto widgets = rig.window.findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisible() || w->objectName().isEmpty() || w->objectName().startsWith(u"qt_"))
            continue;
        const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w);
        if (control && !w->accessibleName().isEmpty())
            byName[w->accessibleName()] << w->objectName();
    }
    QStringList twice;
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        if (it.value().size() > 1)
            twice << it.key() + u": " + it.value().join(u',');
    }
    QVERIFY2(twice.isEmpty(), qPrintable(twice.join(QStringLiteral("; "))));
}

void tst_Accessibility::chineseNamesWithoutAccessKeys()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/socketscope_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    {
        Rig rig;
        QAccessibleInterface *bar = accessible(rig.window.menuBar());
        QStringList names;
        for (int i = 0; i < bar->childCount(); ++i)
            names << bar->child(i)->text(QAccessible::Name);
        QVERIFY2(names.contains(QStringLiteral("会话")), qPrintable(names.join(u',')));
        // Every menu entry, down the submenus.
        QStringList withKeys;
        QList<QAccessibleInterface *> todo{bar};
        for (int guard = 0; !todo.isEmpty() && guard < 1000; ++guard) {
            QAccessibleInterface *node = todo.takeFirst();
            for (int i = 0; i < node->childCount(); ++i) {
                QAccessibleInterface *child = node->child(i);
                const QString name = child->text(QAccessible::Name);
                if (name.contains(u'&') ||
                    name.contains(QRegularExpression(QStringLiteral("\\([A-Z]\\)"))))
                    withKeys << name;
                todo << child;
            }
        }
        QVERIFY2(withKeys.isEmpty(), qPrintable(withKeys.join(u',')));
        // A label with a mnemonic reads without it.
        QAccessibleInterface *mode = accessible(rig.find<QComboBox>("sendMode"));
        const QStringList labels = labelsOf(mode);
        QCOMPARE(labels.size(), 1);
        QVERIFY2(!labels.constFirst().contains(u'&') && !labels.constFirst().contains(u'('),
                 qPrintable(labels.constFirst()));
    }
    QCoreApplication::removeTranslator(&translator);
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
