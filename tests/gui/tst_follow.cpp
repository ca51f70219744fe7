// Follow one conversation, filter the log to it, compare two payloads and
// replay payloads: driven through the real window, with real sockets on
// loopback, and read back the way a person sees them.

#include "connectionview.h"
#include "engine.h"
#include "follow/comparepane.h"
#include "follow/compareview.h"
#include "follow/conversationactions.h"
#include "follow/findbar.h"
#include "follow/followtext.h"
#include "follow/followview.h"
#include "follow/replaydialog.h"
#include "logview.h"
#include "mainwindow.h"
#include "nettestsupport.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"
#include "widgettestsupport.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkDatagram>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QUdpSocket>

#include <memory>
#include <utility>

namespace {

struct Rig
{
    TrafficStore store;
    Engine engine{&store};
    MainWindow window{&engine};

    ConversationActions *actions() const
    {
        return WidgetTest::child<ConversationActions>(const_cast<MainWindow *>(&window),
                                                      "conversationActions");
    }
};

// Selects the log rows whose events satisfy `pick`, as a person would with
// Ctrl+click; returns their seqs.
template <typename Pick> QList<quint64> selectRows(Rig &rig, Pick pick)
{
    rig.window.logModel()->flush();
    QTableView *table = rig.window.logView()->table();
    QAbstractItemModel *model = table->model();
    QItemSelectionModel *selection = table->selectionModel();
    selection->clear();
    QList<quint64> seqs;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        TrafficEvent event;
        const quint64 seq = index.data(TrafficLogModel::SeqRole).toULongLong();
        if (!rig.store.event(seq, &event) || !pick(event, rig.store.payload(event)))
            continue;
        selection->setCurrentIndex(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        seqs.append(seq);
    }
    return seqs;
}

SessionId startHelloServer(Rig &rig, quint16 *port)
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpServer;
    config.protocol = SessionConfig::Protocol::Hello;
    config.port = 0;
    const SessionId id = rig.window.addAndStart(config);
    [&] { QTRY_COMPARE(rig.engine.session(id).state, SessionState::Listening); }();
    *port = NetTest::portOf(rig.engine.session(id).detail);
    return id;
}

FollowView *openFollowView(Rig &rig)
{
    const int before = rig.window.findChildren<FollowView *>().size();
    rig.window.logView()->table()->setFocus();
    QTest::keyClick(rig.window.logView()->table(), Qt::Key_F,
                    Qt::ControlModifier | Qt::ShiftModifier);
    const QList<FollowView *> views = rig.window.findChildren<FollowView *>();
    return views.size() == before + 1 ? views.constLast() : nullptr;
}

} // namespace

class TstFollow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void followsOneOfSeveralClients();
    void logShowsOnlyThisConversation();
    void findCountsAndSteps();
    void formsAndEncodingAreKept();
    void readableInADarkPalette();
    void compareMarksExactlyTheDifferingBytes();
    void compareNeedsTwoPayloadRows();
    void replaySendsTheExactBytesInOrder();
    void replayKeepsTheRecordedSpacing();
    void replayOnAStoppedSessionSaysSo();
    void replayConversationFromTheConnectionTable();

private:
    QTemporaryDir m_dir;
};

void TstFollow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_follow"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
}

void TstFollow::init()
{
    QSettings().clear();
}

// Three clients talk to one hello server; following the second shows its
// bytes only, both directions in order, in the colours of their direction,
// and keeps up as the conversation goes on.
void TstFollow::followsOneOfSeveralClients()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    quint16 port = 0;
    startHelloServer(rig, &port);

    std::vector<std::unique_ptr<NetTest::Client>> clients;
    const QStringList names = {QStringLiteral("ann"), QStringLiteral("bob"), QStringLiteral("cid")};
    for (int i = 0; i < names.size(); ++i) {
        clients.push_back(NetTest::connectClient(port));
        QTRY_COMPARE(clients.back()->received(), QByteArray("Welcome!"));
    }
    // Interleaved, so the conversations' events are mixed in the store.
    QByteArray expected[3];
    for (int round = 1; round <= 2; ++round) {
        for (int i = 0; i < 3; ++i) {
            const QByteArray message = names.at(i).toUtf8() + '-' + QByteArray::number(round);
            expected[i] += message;
            const QByteArray before = clients[size_t(i)]->received();
            clients[size_t(i)]->write(message);
            QTRY_COMPARE(clients[size_t(i)]->received(), before + "Hello, " + message + '!');
        }
    }

    // Bob's first message, selected in the log; Ctrl+Shift+F.
    const QString bob = clients[1]->name();
    QList<quint64> rows = selectRows(rig, [](const TrafficEvent &e, const QByteArray &p) {
        return e.kind == EventKind::Received && p == "bob-1";
    });
    QCOMPARE(rows.size(), 1);
    rig.window.activateWindow();
    QTRY_VERIFY(rig.window.isActiveWindow());
    FollowView *view = openFollowView(rig);
    QVERIFY(view);
    QTRY_VERIFY(view->isVisible());
    view->catchUp();
    QVERIFY2(view->windowTitle().contains(bob), qPrintable(view->windowTitle()));
    FollowText *text = view->text();
    QCOMPARE(text->toPlainText(),
             QStringLiteral("Welcome!\nbob-1\nHello, bob-1!\nbob-2\nHello, bob-2!"));
    // Each line in its side's colours: sent (out) lines, received (in) lines.
    const FollowText::Colours colours = FollowText::coloursFor(text->palette());
    const QTextDocument *document = text->document();
    const QList<bool> outLines = {true, false, true, false, true};
    for (int line = 0; line < outLines.size(); ++line) {
        const QTextBlock block = document->findBlockByNumber(line);
        QCOMPARE(block.blockFormat().background().color(),
                 outLines.at(line) ? colours.outBackground : colours.inBackground);
    }
    // Exactly its bytes: what bob sent, and both directions as on the wire.
    const QString receivedPath = m_dir.filePath(QStringLiteral("bob-in.bin"));
    QVERIFY(view->saveTo(receivedPath, FollowView::SaveWhat::RawReceived));
    QFile received(receivedPath);
    QVERIFY(received.open(QIODevice::ReadOnly));
    QCOMPARE(received.readAll(), expected[1]);
    const QString sentPath = m_dir.filePath(QStringLiteral("bob-out.bin"));
    QVERIFY(view->saveTo(sentPath, FollowView::SaveWhat::RawSent));
    QFile sent(sentPath);
    QVERIFY(sent.open(QIODevice::ReadOnly));
    QCOMPARE(sent.readAll(), clients[1]->received());
    const QString transcriptPath = m_dir.filePath(QStringLiteral("bob.txt"));
    QVERIFY(view->saveTo(transcriptPath, FollowView::SaveWhat::Transcript));
    QFile transcript(transcriptPath);
    QVERIFY(transcript.open(QIODevice::ReadOnly));
    QCOMPARE(transcript.readAll(), QByteArray("> Welcome!\n< bob-1\n> Hello, bob-1!\n"
                                              "< bob-2\n> Hello, bob-2!\n"));

    // Live: bob goes on, the others too; only bob's bytes arrive, by the
    // view's own timer.
    clients[2]->write("cid-3");
    clients[1]->write("bob-3");
    QTRY_VERIFY(clients[1]->received().endsWith("Hello, bob-3!"));
    QTRY_COMPARE(text->toPlainText(), QStringLiteral("Welcome!\nbob-1\nHello, bob-1!\nbob-2\n"
                                                     "Hello, bob-2!\nbob-3\nHello, bob-3!"));
    QVERIFY(!text->toPlainText().contains(QStringLiteral("cid")));
    auto *status = WidgetTest::child<QLabel>(view, "followStatus");
    QVERIFY2(status->text().contains(QStringLiteral("live")), qPrintable(status->text()));
    // Bob leaves: the view says the conversation ended.
    clients[1]->disconnectFromHost();
    QTRY_VERIFY2(status->text().contains(QStringLiteral("ended")), qPrintable(status->text()));

    // Hex: offsets count each direction's bytes.
    WidgetTest::child<QComboBox>(view, "followFormCombo")->setCurrentIndex(1);
    QVERIFY2(text->toPlainText().startsWith(QStringLiteral("00000000  57 65 6c 63 6f 6d 65 21")),
             qPrintable(text->toPlainText()));
    QVERIFY2(text->toPlainText().contains(QStringLiteral("\n00000005  62 6f 62 2d 32")),
             qPrintable(text->toPlainText()));

    // The connection table offers the same for its selected row.
    QTableView *connections = rig.window.connectionView()->table();
    QTRY_COMPARE(connections->model()->rowCount(), 2); // bob has left
    QVERIFY(connections->actions().contains(rig.actions()->followAction()));
}

// "Show only this conversation": only its rows, a bar that says so, and
// "Show all" brings every row back.
void TstFollow::logShowsOnlyThisConversation()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    quint16 port = 0;
    startHelloServer(rig, &port);
    auto ann = NetTest::connectClient(port);
    auto bob = NetTest::connectClient(port);
    QTRY_COMPARE(ann->received(), QByteArray("Welcome!"));
    QTRY_COMPARE(bob->received(), QByteArray("Welcome!"));
    ann->write("ann-1");
    QTRY_VERIFY(ann->received().endsWith("Hello, ann-1!"));
    bob->write("bob-1");
    QTRY_VERIFY(bob->received().endsWith("Hello, bob-1!"));

    const QList<quint64> rows = selectRows(rig, [](const TrafficEvent &e, const QByteArray &p) {
        return e.kind == EventKind::Received && p == "bob-1";
    });
    QCOMPARE(rows.size(), 1);
    TrafficEvent picked;
    QVERIFY(rig.store.event(rows.first(), &picked));
    // Through the log's right-click menu.
    QTableView *table = rig.window.logView()->table();
    auto *menu = rig.window.logView()->findChild<QMenu *>(QStringLiteral("logContextMenu"));
    QVERIFY(menu);
    QAction *filter = rig.actions()->filterAction();
    QVERIFY(menu->actions().contains(filter));
    QVERIFY(menu->actions().contains(rig.actions()->disconnectAction()));
    rig.actions()->updateEnabled();
    QVERIFY(filter->isEnabled());
    QVERIFY(rig.actions()->disconnectAction()->isEnabled()); // open TCP
    filter->trigger();

    const QAbstractItemModel *shown = table->model();
    int expected = 0;
    for (quint64 seq = rig.store.firstSeq(); seq <= rig.store.lastSeq(); ++seq) {
        TrafficEvent event;
        if (rig.store.event(seq, &event) && event.connection == picked.connection)
            ++expected;
    }
    QCOMPARE(expected, 4); // opened, Welcome!, bob-1, Hello, bob-1!
    QTRY_COMPARE(shown->rowCount(), expected);
    for (int row = 0; row < shown->rowCount(); ++row)
        QCOMPARE(shown->index(row, 0).data(TrafficLogModel::ConnectionRole).toUInt(),
                 picked.connection);
    auto *bar = WidgetTest::child<QWidget>(&rig.window, "conversationFilterBar");
    QVERIFY(bar->isVisible());
    QVERIFY2(
        WidgetTest::child<QLabel>(bar, "conversationFilterLabel")->text().contains(bob->name()),
        qPrintable(WidgetTest::child<QLabel>(bar, "conversationFilterLabel")->text()));

    // New events of other conversations stay out; its own come in.
    ann->write("ann-2");
    bob->write("bob-2");
    QTRY_VERIFY(bob->received().endsWith("Hello, bob-2!"));
    QTRY_VERIFY(ann->received().endsWith("Hello, ann-2!"));
    rig.window.logModel()->flush();
    QTRY_COMPARE(table->model()->rowCount(), expected + 2);

    QTest::mouseClick(WidgetTest::child<QAbstractButton>(bar, "conversationFilterClearButton"),
                      Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    QCOMPARE(rig.window.logView()->conversationFilter(), ConnectionId(0));
    QCOMPARE(table->model()->rowCount(), int(rig.store.lastSeq() - rig.store.firstSeq() + 1));

    // Disconnect from the row's menu closes bob's connection, not ann's.
    selectRows(rig, [](const TrafficEvent &e, const QByteArray &p) {
        return e.kind == EventKind::Received && p == "bob-2";
    });
    rig.actions()->updateEnabled();
    QVERIFY(rig.actions()->disconnectAction()->isEnabled());
    rig.actions()->disconnectAction()->trigger();
    QTRY_COMPARE(bob->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(ann->state(), QAbstractSocket::ConnectedState);
    // Closed, the row no longer offers it.
    QTRY_VERIFY([&] {
        rig.actions()->updateEnabled();
        return !rig.actions()->disconnectAction()->isEnabled();
    }());
}

// Ctrl+F finds every match; Enter steps through them and the count says where.
void TstFollow::findCountsAndSteps()
{
    TrafficStore store;
    const AddressId addresses =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:40000"));
    const ConnectionId id = store.openConnection(1, addresses, false);
    store.append(1, id, addresses, EventKind::Received, "hello there\n");
    store.append(1, id, addresses, EventKind::Sent, "Hello back\n");
    store.append(1, id, addresses, EventKind::Received, "no match\n");
    FollowView view(&store, id);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.catchUp();
    QTest::keyClick(&view, Qt::Key_F, Qt::ControlModifier);
    QLineEdit *edit = view.findBar()->edit();
    QTRY_VERIFY(edit->hasFocus());
    QTest::keyClicks(edit, QStringLiteral("hello"));
    auto *count = WidgetTest::child<QLabel>(&view, "findCountLabel");
    QCOMPARE(view.findBar()->matchCount(), 2);
    QCOMPARE(count->text(), QStringLiteral("2 matches"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(count->text(), QStringLiteral("1 of 2 matches"));
    QCOMPARE(view.text()->textCursor().selectedText(), QStringLiteral("hello"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(count->text(), QStringLiteral("2 of 2 matches"));
    QCOMPARE(view.text()->textCursor().selectedText(), QStringLiteral("Hello"));
    QTest::mouseClick(WidgetTest::child<QAbstractButton>(&view, "findPreviousButton"),
                      Qt::LeftButton);
    QCOMPARE(count->text(), QStringLiteral("1 of 2 matches"));
    // The count follows the conversation as it grows.
    store.append(1, id, addresses, EventKind::Received, "HELLO again\n");
    QTRY_COMPARE(view.findBar()->matchCount(), 3);
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("nothing like it"));
    QCOMPARE(count->text(), QStringLiteral("No matches"));
}

// The form and the encoding chosen are the next view's too; escapes show
// every byte.
void TstFollow::formsAndEncodingAreKept()
{
    TrafficStore store;
    const AddressId addresses =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:40000"));
    const ConnectionId id = store.openConnection(1, addresses, true);
    store.append(1, id, addresses, EventKind::Received, QByteArray("\xc4\xe3\xba\xc3\r\n\x00", 7));
    {
        FollowView view(&store, id);
        view.catchUp();
        QCOMPARE(view.text()->toPlainText(), QStringLiteral("\ufffd\ufffd\ufffd\ufffd\n\u00b7"));
        auto *encoding = WidgetTest::child<QComboBox>(&view, "followEncodingCombo");
        encoding->setCurrentIndex(encoding->findText(QStringLiteral("GBK")));
        QCOMPARE(view.text()->toPlainText(), QStringLiteral("你好\n\u00b7"));
        WidgetTest::child<QComboBox>(&view, "followFormCombo")->setCurrentIndex(2);
        QCOMPARE(view.text()->toPlainText(), QStringLiteral("\\xc4\\xe3\\xba\\xc3\\r\\n\\0"));
        QVERIFY(!encoding->isEnabled());
        QVERIFY(view.windowTitle().contains(QStringLiteral("(UDP)")));
    }
    FollowView again(&store, id);
    again.catchUp();
    QCOMPARE(WidgetTest::child<QComboBox>(&again, "followFormCombo")->currentIndex(), 2);
    QCOMPARE(WidgetTest::child<QComboBox>(&again, "followEncodingCombo")->currentText(),
             QStringLiteral("GBK"));
}

// In a dark palette the two sides keep their hues, light text on dark
// backgrounds, and the transcript is redrawn in them.
void TstFollow::readableInADarkPalette()
{
    TrafficStore store;
    const AddressId addresses =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:40000"));
    const ConnectionId id = store.openConnection(1, addresses, false);
    store.append(1, id, addresses, EventKind::Sent, "Welcome!");
    store.append(1, id, addresses, EventKind::Received, "hi");
    FollowView view(&store, id);
    view.catchUp();
    QPalette dark = view.palette();
    dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    view.text()->setPalette(dark);
    const FollowText::Colours colours = FollowText::coloursFor(dark);
    for (const auto &[text, background] : {std::pair(colours.outText, colours.outBackground),
                                           std::pair(colours.inText, colours.inBackground)}) {
        QVERIFY(background.lightness() < 100);
        QVERIFY(text.lightness() - background.lightness() > 120);
    }
    QVERIFY(colours.outBackground != colours.inBackground);
    const QTextDocument *document = view.text()->document();
    QCOMPARE(document->findBlockByNumber(0).blockFormat().background().color(),
             colours.outBackground);
    QCOMPARE(document->findBlockByNumber(1).blockFormat().background().color(),
             colours.inBackground);
}

// Two payloads of one protocol: the summary counts the differing bytes and
// each side marks exactly them.
void TstFollow::compareMarksExactlyTheDifferingBytes()
{
    CompareView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // Offsets 5 and 17 differ (17 is on the second dump line, past the
    // middle space), and b has one byte more.
    const QByteArray a("HELLO 0001 abcdefghij");
    QByteArray b = a;
    b[5] = 'X';
    b[17] = 'Y';
    b.append('!');
    view.setPayloads(a, b, 7, 9);
    QCOMPARE(view.summary(), QStringLiteral("3 bytes differ; lengths 21 and 22"));
    QCOMPARE(view.left()->markedOffsets(), (QList<qsizetype>{5, 17}));
    QCOMPARE(view.right()->markedOffsets(), (QList<qsizetype>{5, 17, 21}));
    // The marks sit on the bytes' hex pairs and their escapes.
    const QList<QTextEdit::ExtraSelection> hex = view.right()->hexView()->extraSelections();
    QCOMPARE(hex.at(0).cursor.selectedText(), QStringLiteral("58")); // 'X'
    QCOMPARE(hex.at(1).cursor.selectedText(), QStringLiteral("X"));
    QCOMPARE(hex.at(2).cursor.selectedText(), QStringLiteral("59")); // 'Y'
    QCOMPARE(hex.at(3).cursor.selectedText(), QStringLiteral("Y"));
    const QList<QTextEdit::ExtraSelection> text = view.right()->textView()->extraSelections();
    QCOMPARE(text.size(), 3);
    QCOMPARE(text.at(2).cursor.selectedText(), QStringLiteral("!"));

    view.setPayloads(a, a);
    QCOMPARE(view.summary(), QStringLiteral("The payloads are identical (21 bytes)"));
    QVERIFY(view.left()->markedOffsets().isEmpty());
}

// Compare is offered for exactly two rows with payloads, and opens on them.
void TstFollow::compareNeedsTwoPayloadRows()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    quint16 port = 0;
    startHelloServer(rig, &port);
    auto client = NetTest::connectClient(port);
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));
    client->write("seq=0001");
    QTRY_VERIFY(client->received().endsWith("Hello, seq=0001!"));
    client->write("seq=0002");
    QTRY_VERIFY(client->received().endsWith("Hello, seq=0002!"));

    QAction *compare = rig.actions()->compareAction();
    selectRows(rig, [](const TrafficEvent &e, const QByteArray &) {
        return e.kind == EventKind::Received;
    });
    rig.actions()->updateEnabled();
    QVERIFY(compare->isEnabled());
    selectRows(rig, [](const TrafficEvent &e, const QByteArray &) { return e.hasWirePayload(); });
    rig.actions()->updateEnabled();
    QVERIFY(!compare->isEnabled()); // five rows
    selectRows(rig, [](const TrafficEvent &e, const QByteArray &p) {
        return e.kind == EventKind::Opened || p == "seq=0001";
    });
    rig.actions()->updateEnabled();
    QVERIFY(!compare->isEnabled()); // one of them has no payload

    selectRows(rig, [](const TrafficEvent &e, const QByteArray &) {
        return e.kind == EventKind::Received;
    });
    compare->trigger();
    auto *view = rig.window.findChild<CompareView *>();
    QVERIFY(view);
    QCOMPARE(view->summary(), QStringLiteral("1 byte differs; lengths 8 and 8"));
    QCOMPARE(view->left()->markedOffsets(), (QList<qsizetype>{7}));
}

// Three datagrams from a peer, replayed through the session to the same
// peer: it receives exactly those bytes, in that order.
void TstFollow::replaySendsTheExactBytesInOrder()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.protocol = SessionConfig::Protocol::None;
    config.port = 0;
    const SessionId id = rig.window.addAndStart(config);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Bound);
    const quint16 port = NetTest::portOf(rig.engine.session(id).detail);

    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    const QList<QByteArray> datagrams = {QByteArray("one"), QByteArray("\x00\x01\xff", 3),
                                         QByteArray("three\r\n")};
    for (const QByteArray &datagram : datagrams)
        QCOMPARE(peer.writeDatagram(datagram, QHostAddress::LocalHost, port), datagram.size());
    const auto received = [](const TrafficEvent &e, const QByteArray &) {
        return e.kind == EventKind::Received;
    };
    QTRY_COMPARE(selectRows(rig, received).size(), 3);

    QAction *replay = rig.actions()->replayAction();
    rig.actions()->updateEnabled();
    QVERIFY(replay->isEnabled());
    QVERIFY(!rig.actions()->disconnectAction()->isEnabled()); // UDP has no connection to close
    replay->trigger();
    auto *dialog = rig.window.findChild<ReplayDialog *>();
    QVERIFY(dialog);
    QVERIFY2(dialog->targetCombo()->currentText().startsWith(QStringLiteral("The same peer")),
             qPrintable(dialog->targetCombo()->currentText()));
    dialog->keepSpacingCheck()->setChecked(true);
    QSignalSpy finished(dialog, &ReplayDialog::replayFinished);
    QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
    QList<QByteArray> got;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 while (peer.hasPendingDatagrams())
                                     got.append(peer.receiveDatagram().data());
                                 return got.size() >= 3;
                             }()),
                             5000);
    QCOMPARE(got, datagrams);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(dialog->statusLabel()->text(), QStringLiteral("Sent all 3 payloads."));
    QVERIFY(QSettings().value(QStringLiteral("replay/keepSpacing")).toBool());
}

// Payloads recorded 150 ms apart go out at least that far apart when the
// spacing is kept (measured where they arrive).
void TstFollow::replayKeepsTheRecordedSpacing()
{
    Rig rig;
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.protocol = SessionConfig::Protocol::None;
    config.port = 0;
    const SessionId id = rig.window.addAndStart(config);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Bound);
    const quint16 port = NetTest::portOf(rig.engine.session(id).detail);
    QUdpSocket peer;
    QVERIFY(peer.bind(QHostAddress::LocalHost, 0));
    QCOMPARE(peer.writeDatagram("hello", QHostAddress::LocalHost, port), 5);
    const auto hello = [](const TrafficEvent &e, const QByteArray &p) {
        return e.kind == EventKind::Received && p == "hello";
    };
    QTRY_COMPARE(selectRows(rig, hello).size(), 1);
    TrafficEvent first;
    QVERIFY(rig.store.event(selectRows(rig, hello).constFirst(), &first));
    // Three more from that peer, as if recorded 150 ms apart.
    constexpr qint64 GapUs = 150000;
    for (int i = 1; i <= 3; ++i)
        rig.store.appendAt(first.timeUs + i * GapUs, id, first.connection, first.addresses,
                           EventKind::Received,
                           QByteArray(QByteArray("tick-") + QByteArray::number(i)));
    QTRY_COMPARE(selectRows(rig, [](const TrafficEvent &,
                                    const QByteArray &p) { return p.startsWith("tick-"); })
                     .size(),
                 3);

    QList<QByteArray> got;
    connect(&peer, &QUdpSocket::readyRead, &peer, [&] {
        while (peer.hasPendingDatagrams())
            got.append(peer.receiveDatagram().data());
    });
    rig.actions()->updateEnabled();
    rig.actions()->replayAction()->trigger();
    auto *dialog = rig.window.findChild<ReplayDialog *>();
    QVERIFY(dialog);
    dialog->keepSpacingCheck()->setChecked(true);
    const qint64 startedUs = TrafficStore::nowUs();
    QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 3, 5000);
    QCOMPARE(got, (QList<QByteArray>{"tick-1", "tick-2", "tick-3"}));
    // The log's times of the sends (taken on the engine thread as each left;
    // the receiving end's clock would add this thread's delays).
    QList<qint64> sentAt;
    for (quint64 seq = rig.store.firstSeq(); seq <= rig.store.lastSeq(); ++seq) {
        TrafficEvent event;
        if (rig.store.event(seq, &event) && event.kind == EventKind::Sent)
            sentAt.append(event.timeUs);
    }
    QCOMPARE(sentAt.size(), 3);
    // Each send keeps its recorded offset from the start (never early; one
    // late on a busy machine does not push the later ones back).
    for (int i = 0; i < 3; ++i)
        QVERIFY2(sentAt.at(i) - startedUs >= i * GapUs - 2000,
                 qPrintable(QStringLiteral("send %1 left %2 us after the start")
                                .arg(i)
                                .arg(sentAt.at(i) - startedUs)));
}

void TstFollow::replayOnAStoppedSessionSaysSo()
{
    Rig rig;
    quint16 port = 0;
    const SessionId id = startHelloServer(rig, &port);
    auto client = NetTest::connectClient(port);
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));
    client->write("again");
    QTRY_VERIFY(client->received().endsWith("Hello, again!"));
    selectRows(rig, [](const TrafficEvent &e, const QByteArray &) {
        return e.kind == EventKind::Received;
    });
    rig.engine.stop(id);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Stopped);
    rig.actions()->replayAction()->trigger();
    auto *dialog = rig.window.findChild<ReplayDialog *>();
    QVERIFY(dialog);
    QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("not running")),
             qPrintable(dialog->statusLabel()->text()));
    QVERIFY(!dialog->isRunning());
}

// The connection table's "Replay this conversation": the payloads of the
// side that opened it (the client's, for a server), to the same peer.
void TstFollow::replayConversationFromTheConnectionTable()
{
    Rig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
    quint16 port = 0;
    startHelloServer(rig, &port);
    auto client = NetTest::connectClient(port);
    QTRY_COMPARE(client->received(), QByteArray("Welcome!"));
    for (const char *message : {"ann-1", "ann-2"}) {
        const QByteArray before = client->received();
        client->write(message);
        QTRY_COMPARE(client->received(), before + "Hello, " + message + '!');
    }

    QTableView *connections = rig.window.connectionView()->table();
    QTRY_COMPARE(connections->model()->rowCount(), 1);
    QAction *replay = rig.actions()->replayConversationAction();
    QVERIFY(connections->actions().contains(replay));
    connections->selectRow(0);
    rig.actions()->updateEnabled();
    QVERIFY(replay->isEnabled());
    replay->trigger();
    auto *dialog = rig.window.findChild<ReplayDialog *>();
    QVERIFY(dialog);
    QVERIFY2(dialog->targetCombo()->currentText().startsWith(QStringLiteral("The same peer")),
             qPrintable(dialog->targetCombo()->currentText()));
    QCOMPARE(WidgetTest::child<QLabel>(dialog, "replaySummary")
                 ->text()
                 .startsWith(QStringLiteral("Payloads: 2, bytes: 10")),
             true);
    const QByteArray before = client->received();
    QTest::mouseClick(dialog->startButton(), Qt::LeftButton);
    QTRY_COMPARE(client->received(), before + "ann-1ann-2");
}

QTEST_MAIN(TstFollow)
#include "tst_follow.moc"
