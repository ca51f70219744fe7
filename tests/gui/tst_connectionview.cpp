// The connections view's words follow a language switch while it runs.

#include "connectionmodel.h"
#include "connectionview.h"
#include "engine.h"
#include "fakecatalogue.h"
#include "trafficstore.h"

#include <QAction>
#include <QCoreApplication>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QtTest>

class TstConnectionView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void languageChangeIsLive();
};

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
