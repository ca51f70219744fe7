// Two people chatting: two engines, two UDP chat sessions on loopback pointing
// at each other, two chat views driven with the keyboard. What one types shows
// up as a bubble on the other side; the end word ends the chat in both.

#include "chatmessagemodel.h"
#include "chatview.h"
#include "engine.h"
#include "fakecatalogue.h"
#include "nettestsupport.h"
#include "trafficstore.h"
#include "widgettestsupport.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCoreApplication>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>
#include <QUdpSocket>

#include <memory>

using NetTest::freeUdpPort;
using WidgetTest::child;
using WidgetTest::type;

namespace {

constexpr int SideRole = ChatMessageModel::SideRole;
constexpr int SenderRole = ChatMessageModel::SenderRole;
constexpr auto Theirs = ChatMessageModel::Side::Theirs;
constexpr auto Ours = ChatMessageModel::Side::Ours;
constexpr auto Note = ChatMessageModel::Side::Note;

QAbstractItemModel *chatModel(ChatView *view)
{
    return child<QListView>(view, "chatMessages")->model();
}

QStringList texts(ChatView *view, ChatMessageModel::Side side)
{
    QAbstractItemModel *model = chatModel(view);
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(SideRole).toInt() == int(side))
            out.append(index.data().toString());
    }
    return out;
}

struct Side
{
    std::unique_ptr<TrafficStore> store = std::make_unique<TrafficStore>();
    std::unique_ptr<Engine> engine = std::make_unique<Engine>(store.get());
    std::unique_ptr<ChatView> view = std::make_unique<ChatView>(engine.get());
    std::unique_ptr<QAbstractItemModelTester> tester = std::make_unique<QAbstractItemModelTester>(
        chatModel(view.get()), QAbstractItemModelTester::FailureReportingMode::QtTest);
    SessionId session = 0;

    ~Side()
    {
        tester.reset();
        view.reset();
        engine.reset();
    }
};

SessionConfig udpChat(quint16 port, quint16 peerPort)
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.host = QStringLiteral("127.0.0.1");
    config.port = port;
    config.peerHost = QStringLiteral("127.0.0.1");
    config.peerPort = peerPort;
    config.protocol = SessionConfig::Protocol::Chat;
    return config;
}

} // namespace

class TstChatView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chatBothWaysAndEndWord();
    void receivedBytesShownReadably();
    void tcpClientChat();
    void otherSessionKindsShowHint();
    void followsNewestMessageAtBottom();
    void languageChangeIsLive();

private:
    bool startChatPair(Side *a, Side *b);
};

bool TstChatView::startChatPair(Side *a, Side *b)
{
    // Two free ports, learned by binding port 0; the sessions bind them next.
    const quint16 portA = freeUdpPort();
    const quint16 portB = freeUdpPort();
    if (portA == 0 || portB == 0 || portA == portB)
        return false;
    a->session = a->engine->addSession(udpChat(portA, portB));
    b->session = b->engine->addSession(udpChat(portB, portA));
    a->engine->start(a->session);
    b->engine->start(b->session);
    if (!QTest::qWaitFor([&] {
            return a->engine->session(a->session).state == SessionState::Bound &&
                   b->engine->session(b->session).state == SessionState::Bound;
        }))
        return false;
    for (Side *side : {a, b}) {
        side->view->setSession(side->session);
        side->view->resize(420, 480);
        side->view->show();
    }
    return true;
}

void TstChatView::chatBothWaysAndEndWord()
{
    Side a;
    Side b;
    QVERIFY(startChatPair(&a, &b));
    auto *inputA = child<QPlainTextEdit>(a.view.get(), "chatInput");
    auto *inputB = child<QPlainTextEdit>(b.view.get(), "chatInput");
    QVERIFY(inputA->isEnabled());
    QVERIFY(child<QLabel>(a.view.get(), "chatEndedBanner")->isHidden());

    QTest::keyClicks(inputA, QStringLiteral("hello"));
    QTest::keyClick(inputA, Qt::Key_Return);
    QVERIFY(inputA->toPlainText().isEmpty());
    QTRY_COMPARE(texts(b.view.get(), Theirs), QStringList{QStringLiteral("hello")});
    QTRY_COMPARE(texts(a.view.get(), Ours), QStringList{QStringLiteral("hello")});
    const QModelIndex received = chatModel(b.view.get())->index(0, 0);
    QCOMPARE(received.data(SenderRole).toString(),
             QStringLiteral("127.0.0.1:%1").arg(a.engine->session(a.session).config.port));
    QCOMPARE(chatModel(a.view.get())->index(0, 0).data(SenderRole).toString(),
             QStringLiteral("Me"));

    // The other way, with Shift+Enter for a second line and Chinese text.
    QTest::keyClicks(inputB, QStringLiteral("hi there"));
    QTest::keyClick(inputB, Qt::Key_Return, Qt::ShiftModifier);
    type(inputB, QStringLiteral("你好，今天怎么样？"));
    QTest::keyClick(inputB, Qt::Key_Enter, Qt::KeypadModifier);
    const QString twoLines = QStringLiteral("hi there\n你好，今天怎么样？");
    QTRY_COMPARE(texts(a.view.get(), Theirs), QStringList{twoLines});
    QCOMPARE(texts(b.view.get(), Ours), QStringList{twoLines});

    // The send button does the same as Enter.
    QTest::keyClicks(inputA, QStringLiteral("fine"));
    QTest::mouseClick(child<QPushButton>(a.view.get(), "chatSendButton"), Qt::LeftButton);
    QTRY_COMPARE(texts(b.view.get(), Theirs),
                 (QStringList{QStringLiteral("hello"), QStringLiteral("fine")}));

    // The end word ends the chat on both sides.
    QTest::keyClicks(inputA, QStringLiteral("88"));
    QTest::keyClick(inputA, Qt::Key_Return);
    for (Side *side : {&a, &b}) {
        auto *banner = child<QLabel>(side->view.get(), "chatEndedBanner");
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("Chat ended")), qPrintable(banner->text()));
        QVERIFY(!child<QPlainTextEdit>(side->view.get(), "chatInput")->isEnabled());
        QVERIFY(!child<QPushButton>(side->view.get(), "chatSendButton")->isEnabled());
    }
    QTRY_COMPARE(texts(b.view.get(), Theirs).last(), QStringLiteral("88"));
    QTRY_COMPARE(texts(b.view.get(), Note).size(), 1);
    QVERIFY2(texts(b.view.get(), Note).first().startsWith(QStringLiteral("Chat ended by the peer")),
             qPrintable(texts(b.view.get(), Note).first()));
    QTRY_COMPARE(texts(a.view.get(), Note).size(), 1);
    QVERIFY2(texts(a.view.get(), Note).first().startsWith(QStringLiteral("Chat ended here")),
             qPrintable(texts(a.view.get(), Note).first()));
}

void TstChatView::receivedBytesShownReadably()
{
    Side a;
    Side b;
    QVERIFY(startChatPair(&a, &b));
    QUdpSocket stranger;
    const quint16 port = a.engine->session(a.session).config.port;
    const QList<QByteArray> datagrams = {
        QByteArray("line\r\n"),            // one line ending is not part of the message
        QByteArray("caf\xc3\xa9 \xff ok"), // a bad byte in text: U+FFFD
        QByteArray("\x00\x01\x02\xfe", 4), // binary: escaped
    };
    for (const QByteArray &datagram : datagrams)
        QCOMPARE(stranger.writeDatagram(datagram, QHostAddress::LocalHost, port), datagram.size());
    QTRY_COMPARE(texts(a.view.get(), Theirs).size(), 3);
    QCOMPARE(texts(a.view.get(), Theirs),
             (QStringList{QStringLiteral("line"), QStringLiteral("café \uFFFD ok"),
                          QStringLiteral("\\0\\x01\\x02\\xfe")}));
    QCOMPARE(chatModel(a.view.get())->index(0, 0).data(SenderRole).toString(),
             QStringLiteral("127.0.0.1:%1").arg(stranger.localPort()));
}

void TstChatView::tcpClientChat()
{
    QTcpServer server;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0), qPrintable(server.errorString()));
    Side side;
    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpClient;
    config.host = QStringLiteral("127.0.0.1");
    config.port = server.serverPort();
    config.protocol = SessionConfig::Protocol::None;
    side.session = side.engine->addSession(config);
    side.view->setSession(side.session);
    side.view->show();
    auto *input = child<QPlainTextEdit>(side.view.get(), "chatInput");
    QVERIFY(!input->isEnabled()); // stopped: nothing to send to yet

    side.engine->start(side.session);
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
    QTRY_VERIFY(input->isEnabled());
    QCOMPARE(child<QLabel>(side.view.get(), "chatTitle")->text(),
             QStringLiteral("Chat with 127.0.0.1:%1").arg(server.serverPort()));

    // TCP has no message boundaries: each chat message goes out as one line.
    QTest::keyClicks(input, QStringLiteral("ping"));
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_COMPARE(peer->bytesAvailable(), qint64(5));
    QCOMPARE(peer->readAll(), QByteArray("ping\n"));

    peer->write("pong\n");
    QTRY_COMPARE(texts(side.view.get(), Theirs), QStringList{QStringLiteral("pong")});
    QCOMPARE(texts(side.view.get(), Ours), QStringList{QStringLiteral("ping")});

    peer->disconnectFromHost();
    auto *banner = child<QLabel>(side.view.get(), "chatEndedBanner");
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QStringLiteral("Chat ended")));
    QVERIFY(!input->isEnabled());
}

void TstChatView::otherSessionKindsShowHint()
{
    Side side;
    auto *placeholder = child<QLabel>(side.view.get(), "chatPlaceholder");
    side.view->show();
    QVERIFY(placeholder->isVisible());

    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpServer;
    config.port = 0;
    side.session = side.engine->addSession(config);
    side.view->setSession(side.session);
    QVERIFY(placeholder->isVisible());
    QVERIFY2(placeholder->text().contains(QStringLiteral("UDP chat and TCP client")),
             qPrintable(placeholder->text()));
    QCOMPARE(chatModel(side.view.get())->rowCount(), 0);
}

void TstChatView::followsNewestMessageAtBottom()
{
    Side a;
    Side b;
    QVERIFY(startChatPair(&a, &b));
    QUdpSocket stranger;
    const quint16 port = a.engine->session(a.session).config.port;
    auto *list = child<QListView>(a.view.get(), "chatMessages");
    QScrollBar *bar = list->verticalScrollBar();
    for (int i = 0; i < 40; ++i)
        stranger.writeDatagram(QByteArray("message ") + QByteArray::number(i),
                               QHostAddress::LocalHost, port);
    QTRY_COMPARE(chatModel(a.view.get())->rowCount(), 40);
    QVERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());

    // Scrolled up to read: new messages do not pull the view down.
    bar->setValue(0);
    stranger.writeDatagram("one more", QHostAddress::LocalHost, port);
    QTRY_COMPARE(chatModel(a.view.get())->rowCount(), 41);
    QCOMPARE(bar->value(), 0);
}

void TstChatView::languageChangeIsLive()
{
    Side a;
    Side b;
    QVERIFY(startChatPair(&a, &b));
    ChatView *view = a.view.get();
    auto *input = child<QPlainTextEdit>(view, "chatInput");
    auto *sendButton = child<QPushButton>(view, "chatSendButton");
    auto *title = child<QLabel>(view, "chatTitle");
    auto *banner = child<QLabel>(view, "chatEndedBanner");
    auto *copy = view->findChild<QAction *>(QStringLiteral("chatCopyAction"));
    QVERIFY(copy);
    const QString peer =
        QStringLiteral("127.0.0.1:%1").arg(b.engine->session(b.session).config.port);

    // A message longer than a bubble shows, one of ours, then the end word.
    QUdpSocket stranger;
    const QByteArray longMessage(20000, 'x');
    QCOMPARE(stranger.writeDatagram(longMessage, QHostAddress::LocalHost,
                                    a.engine->session(a.session).config.port),
             longMessage.size());
    QTRY_COMPARE(texts(view, Theirs).size(), 1);
    const QString start(ChatMessageModel::MaxMessageBytes, u'x');
    QCOMPARE(texts(view, Theirs).constFirst(), start + QStringLiteral("… (20000 bytes in all)"));
    QTest::keyClicks(input, QStringLiteral("88"));
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY(banner->isVisible());
    QTRY_COMPARE(texts(view, Ours), QStringList{QStringLiteral("88")});
    QAbstractItemModel *model = chatModel(view);
    QPersistentModelIndex ours;
    for (int row = 0; row < model->rowCount() && !ours.isValid(); ++row) {
        if (model->index(row, 0).data(SideRole).toInt() == int(Ours))
            ours = model->index(row, 0);
    }
    const QString time = ours.data(ChatMessageModel::TimeRole).toString();
    QCOMPARE(ours.data(SenderRole).toString(), QStringLiteral("Me"));

    FakeCatalogue zh({
        {"ChatView", "Send", QStringLiteral("发送")},
        {"ChatView", "Send the message (Enter)", QStringLiteral("发送消息（Enter）")},
        {"ChatView", "Message", QStringLiteral("消息")},
        {"ChatView", "Send in chat", QStringLiteral("在聊天中发送")},
        {"ChatView", "Type a message; Enter sends, Shift+Enter adds a line",
         QStringLiteral("输入消息；Enter 发送，Shift+Enter 换行")},
        {"ChatView", "Copy message", QStringLiteral("复制消息")},
        {"ChatView", "Chat with %1", QStringLiteral("与 %1 聊天")},
        {"ChatView", "Chat ended", QStringLiteral("聊天已结束")},
        {"ChatMessageModel", "Me", QStringLiteral("我")},
        {"ChatMessageModel", "%1 at %2", QStringLiteral("%1 于 %2")},
        {"ChatMessageModel", "%1… (%n bytes in all)", QStringLiteral("%1…（共 %n 字节）")},
    });
    QVERIFY(QCoreApplication::installTranslator(&zh));
    QTRY_COMPARE(sendButton->text(), QStringLiteral("发送"));
    // Not just "Send": the send panel has a Send button too.
    QCOMPARE(sendButton->accessibleName(), QStringLiteral("在聊天中发送"));
    QCOMPARE(sendButton->toolTip(), QStringLiteral("发送消息（Enter）"));
    QCOMPARE(input->accessibleName(), QStringLiteral("消息"));
    QCOMPARE(input->placeholderText(), QStringLiteral("输入消息；Enter 发送，Shift+Enter 换行"));
    QCOMPARE(copy->text(), QStringLiteral("复制消息"));
    QCOMPARE(copy->shortcut(), QKeySequence(QKeySequence::Copy));
    QCOMPARE(title->text(), QStringLiteral("与 %1 聊天").arg(peer));
    QVERIFY2(banner->text().startsWith(QStringLiteral("<b>聊天已结束</b>")),
             qPrintable(banner->text()));
    QCOMPARE(ours.data(SenderRole).toString(), QStringLiteral("我"));
    QCOMPARE(ours.data(Qt::ToolTipRole).toString(), QStringLiteral("我 于 %1").arg(time));
    QCOMPARE(texts(view, Theirs).constFirst(), start + QStringLiteral("…（共 20000 字节）"));

    QCoreApplication::removeTranslator(&zh);
    QTRY_COMPARE(sendButton->text(), QStringLiteral("Send"));
    QCOMPARE(input->placeholderText(),
             QStringLiteral("Type a message; Enter sends, Shift+Enter adds a line"));
    QCOMPARE(copy->text(), QStringLiteral("Copy message"));
    QCOMPARE(title->text(), QStringLiteral("Chat with %1").arg(peer));
    QVERIFY2(banner->text().startsWith(QStringLiteral("<b>Chat ended</b>")),
             qPrintable(banner->text()));
    QCOMPARE(ours.data(SenderRole).toString(), QStringLiteral("Me"));
    QCOMPARE(ours.data(Qt::ToolTipRole).toString(), QStringLiteral("Me at %1").arg(time));
    QCOMPARE(texts(view, Theirs).constFirst(), start + QStringLiteral("… (20000 bytes in all)"));
}

QTEST_MAIN(TstChatView)
#include "tst_chatview.moc"
