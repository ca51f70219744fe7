// The connections view's words follow a language switch while it runs.

#include "connectionmodel.h"
#include "connectionview.h"
#include "engine.h"
#include "fakecatalogue.h"
#include "trafficstore.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

class TstConnectionView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void languageChangeIsLive();
    void countersFitBesideThePeer();
    void columnsChosenAreKept();

private:
    QTemporaryDir m_settingsDir;
};

void TstConnectionView::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connectionview"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TstConnectionView::init()
{
    QSettings().clear();
}

// In the side column's width at 1280x800, a peer's whole address and its
// counters show without scrolling sideways.
void TstConnectionView::countersFitBesideThePeer()
{
    TrafficStore store;
    Engine engine(&store);
    ConnectionModel model(&store);
    ConnectionView view(&engine, &model);
    view.resize(340, 300); // the side column at 1280x800
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (int i = 0; i < 3; ++i) {
        const AddressId addresses = store.addAddresses(
            QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:4%1").arg(5678 + i));
        const ConnectionId id = store.openConnection(1, addresses, false);
        store.append(1, id, addresses, EventKind::Received, QByteArray(60104, 'x'));
    }
    QTableView *table = view.table();
    QTRY_COMPARE(model.rowCount(), 3);
    const QString peer = model.index(0, ConnectionModel::PeerColumn).data().toString();
    QCOMPARE(peer, QStringLiteral("127.0.0.1:45678"));
    QVERIFY2(table->columnWidth(ConnectionModel::PeerColumn) >
                 table->fontMetrics().horizontalAdvance(peer) + 6,
             qPrintable(QString::number(table->columnWidth(ConnectionModel::PeerColumn))));
    const int room = table->viewport()->width();
    for (const int column : {ConnectionModel::MessagesInColumn, ConnectionModel::MessagesOutColumn,
                             ConnectionModel::BytesInColumn, ConnectionModel::BytesOutColumn}) {
        const int right = table->columnViewportPosition(column) + table->columnWidth(column);
        QVERIFY2(
            right <= room,
            qPrintable(
                QStringLiteral("column %1 ends at %2 of %3").arg(column).arg(right).arg(room)));
        const QString shown = model.index(0, column).data().toString();
        QVERIFY2(table->columnWidth(column) > table->fontMetrics().horizontalAdvance(shown),
                 qPrintable(shown));
    }
    QCOMPARE(table->horizontalScrollBar()->value(), 0);
}

// Columns hidden or shown from the header's menu stay so after a restart.
void TstConnectionView::columnsChosenAreKept()
{
    TrafficStore store;
    Engine engine(&store);
    ConnectionModel model(&store);
    {
        ConnectionView view(&engine, &model);
        QHeaderView *header = view.table()->horizontalHeader();
        QVERIFY(header->isSectionHidden(ConnectionModel::LocalColumn));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTimer::singleShot(0, &view, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            QVERIFY(menu);
            const QList<QAction *> actions = menu->actions();
            QCOMPARE(actions.size(), int(ConnectionModel::ColumnCount));
            for (QAction *action : actions) {
                if (action->text() == QStringLiteral("Local")) {
                    QVERIFY(!action->isChecked());
                    action->trigger(); // show
                } else if (action->text() == QStringLiteral("Opened at")) {
                    QVERIFY(action->isChecked());
                    action->trigger(); // hide
                }
            }
            menu->close();
        });
        QMetaObject::invokeMethod(header, "customContextMenuRequested", Qt::DirectConnection,
                                  Q_ARG(QPoint, QPoint(5, 5)));
        QVERIFY(!header->isSectionHidden(ConnectionModel::LocalColumn));
        QVERIFY(header->isSectionHidden(ConnectionModel::OpenedColumn));
    }
    ConnectionView again(&engine, &model);
    QHeaderView *header = again.table()->horizontalHeader();
    QVERIFY(!header->isSectionHidden(ConnectionModel::LocalColumn));
    QVERIFY(header->isSectionHidden(ConnectionModel::OpenedColumn));
}

void TstConnectionView::languageChangeIsLive()
{
    TrafficStore store;
    Engine engine(&store);
    ConnectionModel model(&store);
    ConnectionView view(&engine, &model);
    view.show();
    auto *title = view.findChild<QLabel *>(QStringLiteral("connectionsTitle"));
    auto *sendButton = view.findChild<QToolButton *>(QStringLiteral("sendToSelectedButton"));
    auto *sendAllButton = view.findChild<QToolButton *>(QStringLiteral("sendToAllButton"));
    auto *disconnectButton = view.findChild<QToolButton *>(QStringLiteral("disconnectButton"));
    auto *disconnectAction = view.findChild<QAction *>(QStringLiteral("disconnectAction"));
    QVERIFY(title && sendButton && sendAllButton && disconnectButton && disconnectAction);
    QCOMPARE(sendButton->toolTip(), QStringLiteral("Send to selected"));

    FakeCatalogue zh({
        {"ConnectionView", "Connections", QStringLiteral("连接")},
        {"ConnectionView", "Send to selected", QStringLiteral("发送到所选")},
        {"ConnectionView", "Disconnect", QStringLiteral("断开连接")},
    });
    QVERIFY(QCoreApplication::installTranslator(&zh));
    QTRY_COMPARE(title->text(), QStringLiteral("连接"));
    QCOMPARE(view.table()->accessibleName(), QStringLiteral("连接"));
    QCOMPARE(sendButton->text(), QStringLiteral("发送到所选"));
    QCOMPARE(sendButton->accessibleName(), QStringLiteral("发送到所选"));
    QCOMPARE(sendButton->toolTip(), QStringLiteral("发送到所选"));
    QCOMPARE(sendAllButton->toolTip(), QStringLiteral("Send to all")); // not in this catalogue
    QCOMPARE(disconnectButton->accessibleName(), QStringLiteral("断开连接"));
    QCOMPARE(disconnectButton->toolTip(), QStringLiteral("断开连接"));
    QCOMPARE(disconnectAction->text(), QStringLiteral("断开连接"));
    QCOMPARE(disconnectAction->shortcut(), QKeySequence(QKeySequence::Delete));

    QCoreApplication::removeTranslator(&zh);
    QTRY_COMPARE(title->text(), QStringLiteral("Connections"));
    QCOMPARE(view.table()->accessibleName(), QStringLiteral("Connections"));
    QCOMPARE(sendButton->toolTip(), QStringLiteral("Send to selected"));
    QCOMPARE(sendButton->accessibleName(), QStringLiteral("Send to selected"));
    QCOMPARE(disconnectButton->toolTip(), QStringLiteral("Disconnect"));
    QCOMPARE(disconnectAction->text(), QStringLiteral("Disconnect"));
}

QTEST_MAIN(TstConnectionView)
#include "tst_connectionview.moc"
