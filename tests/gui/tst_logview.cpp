#include "eventformat.h"
#include "fakecatalogue.h"
#include "logfiltermodel.h"
#include "logview.h"
#include "roundtrip.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QInputMethodEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <memory>

// A log view over a fresh store, shown, with its filter model under test.
struct Fixture
{
    TrafficStore store;
    TrafficLogModel model{&store};
    LogView view{&model};
    std::unique_ptr<QAbstractItemModelTester> filterTester;
    AddressId michael = 0;
    AddressId bob = 0;
    ConnectionId michaelConnection = 0;
    ConnectionId bobConnection = 0;

    Fixture()
    {
        store.setSessionName(1, QStringLiteral("TCP hello server"));
        store.setSessionName(2, QStringLiteral("UDP chat"));
        michael =
            store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50012"));
        bob =
            store.addAddresses(QStringLiteral("127.0.0.1:8888"), QStringLiteral("127.0.0.1:8889"));
        michaelConnection = store.openConnection(1, michael, false);
        bobConnection = store.openConnection(2, bob, true);
        filterTester = std::make_unique<QAbstractItemModelTester>(
            view.findChild<LogFilterModel *>(),
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(900, 360);
        view.show();
    }

    // The conversation of the tutorial's hello server, plus a UDP exchange.
    void appendConversation()
    {
        store.append(1, 0, 0, EventKind::Listening, "127.0.0.1:9999");
        store.append(1, michaelConnection, michael, EventKind::Opened);
        store.append(1, michaelConnection, michael, EventKind::Sent, "Welcome!");
        store.append(1, michaelConnection, michael, EventKind::Received, "Michael\n");
        store.append(1, michaelConnection, michael, EventKind::Sent, "Hello, Michael!\n");
        store.append(2, bobConnection, bob, EventKind::Received, "hi from bob");
        store.append(2, bobConnection, bob, EventKind::Error, "Connection refused");
        store.append(1, michaelConnection, michael, EventKind::Closed, "exit", Closer::Peer);
    }

    QAbstractItemModel *shown() const { return view.table()->model(); }
    int rows() const { return shown()->rowCount(); }
    QString cell(int row, int column) const
    {
        return shown()->index(row, column).data().toString();
    }
    QStringList previews() const
    {
        QStringList out;
        for (int row = 0; row < rows(); ++row)
            out.append(cell(row, TrafficLogModel::PreviewColumn));
        return out;
    }
    template <typename T> T *find(const char *name) const
    {
        return view.findChild<T *>(QString::fromLatin1(name));
    }
    bool lastRowVisible() const
    {
        const QTableView *table = view.table();
        const QModelIndex last = table->model()->index(table->model()->rowCount() - 1, 0);
        return table->viewport()->rect().contains(table->visualRect(last));
    }
    void appendReceived(int count)
    {
        for (int i = 0; i < count; ++i)
            store.append(1, michaelConnection, michael, EventKind::Received,
                         QByteArray(QByteArray("line ") + QByteArray::number(i)));
    }
};

class tst_LogView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsShowEvents();
    void filterTextKeepsMatchingRows();
    void filterMatchesEscapesAndPeer();
    void directionButtonsHideRows();
    void sessionFilter();
    void followsTail();
    void scrollingUpStopsFollowing();
    void selectingRowStopsFollowingAndSelects();
    void copyPutsTabSeparatedLines();
    void pauseFreezesRows();
    void clearButtonAsksToClear();
    void keyboardShortcuts();
    void largeLogFiltersAndFollows();
    void languageChangeIsLive();
    void teardown();
};

void tst_LogView::initTestCase()
{
    // Counts are shown with the locale's digit grouping; pin it.
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_LogView::rowsShowEvents()
{
    Fixture f;
    f.appendConversation();
    QTRY_COMPARE(f.rows(), 8);
    // Without a filter the table reads the log model directly.
    QCOMPARE(f.shown(), &f.model);
    QCOMPARE(f.cell(2, TrafficLogModel::PreviewColumn), QStringLiteral("Welcome!"));
    QCOMPARE(f.cell(3, TrafficLogModel::PreviewColumn), QStringLiteral("Michael\\n"));
    QCOMPARE(f.cell(3, TrafficLogModel::DirectionColumn), QStringLiteral("in"));
    QCOMPARE(f.cell(2, TrafficLogModel::DirectionColumn), QStringLiteral("out"));
    QCOMPARE(f.cell(3, TrafficLogModel::PeerColumn), QStringLiteral("127.0.0.1:50012"));
    QCOMPARE(f.cell(3, TrafficLogModel::SessionColumn), QStringLiteral("TCP hello server"));
    QCOMPARE(f.cell(3, TrafficLogModel::SizeColumn), QStringLiteral("8"));

    // Every row is the same height, and the time column fits a full time.
    const QTableView *table = f.view.table();
    QCOMPARE(table->verticalHeader()->sectionResizeMode(0), QHeaderView::Fixed);
    QCOMPARE(table->rowHeight(0), table->rowHeight(7));
    QVERIFY(table->columnWidth(TrafficLogModel::TimeColumn) >
            table->fontMetrics().horizontalAdvance(QStringLiteral("23:59:59.999")));
    QVERIFY(!table->wordWrap());
    QVERIFY(table->horizontalHeader()->stretchLastSection());
}

void tst_LogView::filterTextKeepsMatchingRows()
{
    Fixture f;
    f.appendConversation();
    QTRY_COMPARE(f.rows(), 8);
    auto *edit = f.find<QLineEdit>("filterEdit");
    QVERIFY(edit);
    QCOMPARE(edit->placeholderText(), QStringLiteral("Filter payload or peer"));

    QTest::keyClicks(edit, QStringLiteral("MICHAEL"));
    QTRY_COMPARE(f.rows(), 2);
    QCOMPARE(f.shown(), f.view.findChild<LogFilterModel *>());
    QCOMPARE(f.previews(),
             QStringList({QStringLiteral("Michael\\n"), QStringLiteral("Hello, Michael!\\n")}));

    // Rows arriving while filtered are filtered too.
    f.store.append(1, f.michaelConnection, f.michael, EventKind::Received, "michael again");
    f.store.append(1, f.michaelConnection, f.michael, EventKind::Received, "someone else");
    QTRY_COMPARE(f.rows(), 3);
    QCOMPARE(f.cell(2, TrafficLogModel::PreviewColumn), QStringLiteral("michael again"));

    // Clearing the text shows everything again, straight from the log model.
    edit->clear();
    QTRY_COMPARE(f.shown(), &f.model);
    QCOMPARE(f.rows(), 10);
}

void tst_LogView::filterMatchesEscapesAndPeer()
{
    Fixture f;
    f.appendConversation();
    f.store.append(1, f.michaelConnection, f.michael, EventKind::Received,
                   QByteArray("\x01\x02\xff", 3));
    f.store.append(2, f.bobConnection, f.bob, EventKind::Received, QByteArray("你好\n"));
    QTRY_COMPARE(f.rows(), 10);
    auto *edit = f.find<QLineEdit>("filterEdit");

    QTest::keyClicks(edit, QStringLiteral("\\xff"));
    QTRY_COMPARE(f.rows(), 1);
    QCOMPARE(f.cell(0, TrafficLogModel::PreviewColumn), QStringLiteral("\\x01\\x02\\xff"));

    edit->clear();
    QTRY_COMPARE(f.rows(), 10);
    // Chinese arrives through an input method, as a commit string.
    QInputMethodEvent chinese;
    chinese.setCommitString(QStringLiteral("你好"));
    QApplication::sendEvent(edit, &chinese);
    QTRY_COMPARE(f.rows(), 1);
    QCOMPARE(f.cell(0, TrafficLogModel::PreviewColumn), QStringLiteral("你好\\n"));

    edit->clear();
    QTRY_COMPARE(f.rows(), 10);
    QTest::keyClicks(edit, QStringLiteral(":8889"));
    QTRY_COMPARE(f.rows(), 3); // the UDP peer's two rows and its error
    for (int row = 0; row < f.rows(); ++row)
        QCOMPARE(f.cell(row, TrafficLogModel::PeerColumn), QStringLiteral("127.0.0.1:8889"));
}

void tst_LogView::directionButtonsHideRows()
{
    Fixture f;
    f.appendConversation();
    QTRY_COMPARE(f.rows(), 8);
    auto *out = f.find<QToolButton>("directionOutButton");
    QVERIFY(out);
    QCOMPARE(out->text(), QStringLiteral("Out"));
    QCOMPARE(out->accessibleName(), QStringLiteral("Out"));
    QVERIFY(out->isChecked());

    QTest::mouseClick(out, Qt::LeftButton);
    QVERIFY(!out->isChecked());
    QTRY_COMPARE(f.rows(), 6);
    for (int row = 0; row < f.rows(); ++row)
        QVERIFY(f.cell(row, TrafficLogModel::DirectionColumn) != QStringLiteral("out"));

    QTest::mouseClick(f.find<QToolButton>("directionStateButton"), Qt::LeftButton);
    QTRY_COMPARE(f.rows(), 3);
    QCOMPARE(f.previews(), QStringList({QStringLiteral("Michael\\n"), QStringLiteral("hi from bob"),
                                        QStringLiteral("error: Connection refused")}));
    QTest::mouseClick(f.find<QToolButton>("directionErrorButton"), Qt::LeftButton);
    QTRY_COMPARE(f.rows(), 2);
    QTest::mouseClick(f.find<QToolButton>("directionInButton"), Qt::LeftButton);
    QTRY_COMPARE(f.rows(), 0);

    for (const char *name : {"directionOutButton", "directionStateButton", "directionErrorButton",
                             "directionInButton"})
        QTest::mouseClick(f.find<QToolButton>(name), Qt::LeftButton);
    QTRY_COMPARE(f.shown(), &f.model);
    QCOMPARE(f.rows(), 8);
}

void tst_LogView::sessionFilter()
{
    Fixture f;
    f.appendConversation();
    QTRY_COMPARE(f.rows(), 8);
    f.view.setSessionFilter(2);
    QCOMPARE(f.rows(), 2);
    QCOMPARE(f.previews(), QStringList({QStringLiteral("hi from bob"),
                                        QStringLiteral("error: Connection refused")}));
    // Combined with a direction toggle.
    QTest::mouseClick(f.find<QToolButton>("directionErrorButton"), Qt::LeftButton);
    QCOMPARE(f.rows(), 1);
    f.view.setSessionFilter(0);
    QCOMPARE(f.rows(), 7);
}

void tst_LogView::followsTail()
{
    Fixture f;
    QVERIFY(f.view.isFollowing());
    f.appendReceived(1000);
    QTRY_COMPARE(f.rows(), 1000);
    QTRY_VERIFY(f.lastRowVisible());
    QScrollBar *bar = f.view.table()->verticalScrollBar();
    QVERIFY(bar->maximum() > 0);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(f.view.isFollowing());
    QVERIFY(!f.find<QPushButton>("newEventsButton")->isVisible());

    // Following also holds while a filter is on.
    QTest::mouseClick(f.find<QToolButton>("directionStateButton"), Qt::LeftButton);
    f.appendReceived(500);
    QTRY_COMPARE(f.rows(), 1500);
    QTRY_VERIFY(f.lastRowVisible());
    QVERIFY(f.view.isFollowing());
}

void tst_LogView::scrollingUpStopsFollowing()
{
    Fixture f;
    f.appendReceived(1000);
    QTRY_COMPARE(f.rows(), 1000);
    QTRY_VERIFY(f.lastRowVisible());
    QScrollBar *bar = f.view.table()->verticalScrollBar();

    bar->setValue(0);
    QVERIFY(!f.view.isFollowing());
    auto *button = f.find<QPushButton>("newEventsButton");
    f.appendReceived(1234);
    QTRY_COMPARE(f.rows(), 2234);
    QTRY_COMPARE(button->text(), QStringLiteral("↓ 1,234 new events"));
    QVERIFY(button->isVisible());
    QCOMPARE(button->accessibleName(), button->text());
    // Below the rows, never over them: every row stays readable and clickable.
    QVERIFY(!button->geometry().intersects(f.view.table()->geometry()));
    QCOMPARE(bar->value(), 0); // the rows the user is reading stay put
    QVERIFY(!f.lastRowVisible());

    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(f.view.isFollowing());
    QTRY_VERIFY(f.lastRowVisible());
    QVERIFY(!button->isVisible());
    f.appendReceived(10);
    QTRY_COMPARE(f.rows(), 2244);
    QTRY_VERIFY(f.lastRowVisible());
    QCOMPARE(bar->value(), bar->maximum());

    // Scrolling back down by hand, with nothing selected, follows again.
    bar->setValue(bar->maximum() / 2);
    QVERIFY(!f.view.isFollowing());
    f.appendReceived(1);
    QTRY_COMPARE(button->text(), QStringLiteral("↓ 1 new event"));
    QTRY_VERIFY(bar->value() < bar->maximum());
    bar->setValue(bar->maximum());
    QVERIFY(f.view.isFollowing());
    QVERIFY(!button->isVisible());
}

void tst_LogView::selectingRowStopsFollowingAndSelects()
{
    Fixture f;
    f.appendConversation();
    QTRY_COMPARE(f.rows(), 8);
    QSignalSpy selected(&f.view, &LogView::eventSelected);
    QTableView *table = f.view.table();
    const QRect rect = table->visualRect(table->model()->index(3, TrafficLogModel::PreviewColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.last().at(0).toULongLong(), 4ull);
    QVERIFY(!f.view.isFollowing());
    QCOMPARE(f.view.selectedSeqs(), QList<quint64>({4}));
    auto *button = f.find<QPushButton>("newEventsButton");
    QVERIFY(button->isVisible());

    // Rows that arrive in view are not "new": the reader sees them.
    f.appendReceived(1);
    QTRY_COMPARE(f.rows(), 9);
    QTRY_VERIFY(f.lastRowVisible());
    QCOMPARE(button->text(), QStringLiteral("↓ Follow new events"));
    QCOMPARE(f.view.selectedSeqs(), QList<quint64>({4}));

    // The selection survives a filter that keeps its row.
    QTest::keyClicks(f.find<QLineEdit>("filterEdit"), QStringLiteral("michael"));
    QTRY_COMPARE(f.rows(), 2);
    QCOMPARE(f.view.selectedSeqs(), QList<quint64>({4}));

    // Down arrow moves to the next event.
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(selected.last().at(0).toULongLong(), 5ull);

    // End jumps to the tail: no selection, following again.
    QTest::keyClick(table, Qt::Key_End);
    QVERIFY(f.view.isFollowing());
    QCOMPARE(selected.last().at(0).toULongLong(), 0ull);
    QVERIFY(f.view.selectedSeqs().isEmpty());
}

void tst_LogView::copyPutsTabSeparatedLines()
{
    Fixture f;
    f.appendConversation();
    QTRY_COMPARE(f.rows(), 8);
    QTableView *table = f.view.table();
    QItemSelectionModel *selection = table->selectionModel();
    selection->select(table->model()->index(2, 0),
                      QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection->select(table->model()->index(7, 0),
                      QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection->select(table->model()->index(3, 0),
                      QItemSelectionModel::Select | QItemSelectionModel::Rows);

    // The RTT cell: Michael's message answers the greeting.
    auto roundTrip = [&](quint64 seq) {
        const qint64 us = f.store.roundTripUs(seq);
        return us < 0 ? QString() : RoundTrip::text(us, QLocale());
    };
    QVERIFY(f.store.roundTripUs(4) >= 0);
    QCOMPARE(f.store.roundTripUs(3), qint64(-1));
    auto line = [&](quint64 seq, const QString &direction, const QString &peer, const QString &size,
                    const QString &preview) -> QString {
        TrafficEvent ev;
        if (!f.store.event(seq, &ev))
            return QString();
        return EventFormat::clockTime(ev.timeUs) + QLatin1Char('\t') +
               f.store.sessionName(ev.session) + QLatin1Char('\t') + direction + QLatin1Char('\t') +
               peer + QLatin1Char('\t') + size + QLatin1Char('\t') + roundTrip(seq) +
               QLatin1Char('\t') + preview + QLatin1Char('\n');
    };
    const QString expected = line(3, QStringLiteral("out"), QStringLiteral("127.0.0.1:50012"),
                                  QStringLiteral("8"), QStringLiteral("Welcome!")) +
                             line(4, QStringLiteral("in"), QStringLiteral("127.0.0.1:50012"),
                                  QStringLiteral("8"), QStringLiteral("Michael\\n")) +
                             line(8, QStringLiteral("state"), QStringLiteral("127.0.0.1:50012"),
                                  QString(), QStringLiteral("connection closed: exit"));

    QGuiApplication::clipboard()->clear();
    f.view.copySelection();
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);

    // Ctrl+C on the table does the same, and so does the Copy button.
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
    QGuiApplication::clipboard()->clear();
    QTest::mouseClick(f.find<QToolButton>("copyButton"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), expected);
}

void tst_LogView::pauseFreezesRows()
{
    Fixture f;
    f.appendConversation();
    QTRY_COMPARE(f.rows(), 8);
    auto *pause = f.find<QToolButton>("pauseButton");
    auto *label = f.find<QLabel>("pausedLabel");
    QSignalSpy paused(&f.view, &LogView::pausedChanged);
    QVERIFY(!label->isVisible());

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(f.view.isPaused());
    QVERIFY(f.model.isPaused());
    QVERIFY(label->isVisible());
    QVERIFY(label->text().startsWith(QStringLiteral("Paused")));
    QCOMPARE(paused.size(), 1);

    f.appendReceived(5);
    QTRY_COMPARE(f.store.lastSeq(), 13ull); // recording goes on
    f.model.flush();
    QCOMPARE(f.rows(), 8);

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!f.view.isPaused());
    QVERIFY(!label->isVisible());
    QTRY_COMPARE(f.rows(), 13);
    QCOMPARE(f.cell(12, TrafficLogModel::PreviewColumn), QStringLiteral("line 4"));
    QTRY_VERIFY(f.lastRowVisible());

    // The slot keeps the button in step (e.g. for a window menu action).
    f.view.setPaused(true);
    QVERIFY(pause->isChecked());
    QCOMPARE(paused.size(), 3);
    f.view.setPaused(false);
    QVERIFY(!pause->isChecked());
}

void tst_LogView::clearButtonAsksToClear()
{
    Fixture f;
    f.appendConversation();
    QTRY_COMPARE(f.rows(), 8);
    QObject::connect(&f.view, &LogView::clearRequested, &f.store, &TrafficStore::clear);
    QSignalSpy cleared(&f.view, &LogView::clearRequested);
    f.view.table()->verticalScrollBar()->setValue(0);
    QTest::mouseClick(f.find<QToolButton>("clearButton"), Qt::LeftButton);
    QCOMPARE(cleared.size(), 1);
    QTRY_COMPARE(f.rows(), 0);
    QVERIFY(f.view.isFollowing());
    f.appendReceived(2);
    QTRY_COMPARE(f.rows(), 2);
}

void tst_LogView::keyboardShortcuts()
{
    Fixture f;
    f.appendConversation();
    QTRY_COMPARE(f.rows(), 8);
    f.view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&f.view));
    f.view.table()->setFocus();
    auto *edit = f.find<QLineEdit>("filterEdit");

    QTest::keyClick(f.view.table(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(edit->hasFocus());
    // A button's shortcut animates the click, so the toggle lands a moment later.
    QTest::keyClick(edit, Qt::Key_P, Qt::ControlModifier);
    QTRY_VERIFY(f.view.isPaused());
    QTest::keyClick(edit, Qt::Key_P, Qt::ControlModifier);
    QTRY_VERIFY(!f.view.isPaused());

    // Tab walks the bar in reading order and ends in the table.
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), f.find<QToolButton>("directionInButton"));
    f.find<QToolButton>("copyButton")->setFocus();
    f.appendReceived(300);
    QTRY_COMPARE(f.rows(), 308);
    QTRY_VERIFY(f.lastRowVisible());
    QTest::keyClick(f.find<QToolButton>("copyButton"), Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), f.view.table());
    // Arriving in the table keeps it at the tail; Up then selects from there.
    QVERIFY(f.view.isFollowing());
    QVERIFY(f.lastRowVisible());
    QSignalSpy selected(&f.view, &LogView::eventSelected);
    QTest::keyClick(f.view.table(), Qt::Key_Up);
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.last().at(0).toULongLong(), f.store.lastSeq() - 1);
    QVERIFY(!f.view.isFollowing());

    // Tab reaches the jump button; Space on it goes back to the tail.
    QTest::keyClick(f.view.table(), Qt::Key_Tab);
    auto *jump = f.find<QPushButton>("newEventsButton");
    QTRY_COMPARE(QApplication::focusWidget(), jump);
    QTest::keyClick(jump, Qt::Key_Space);
    QTRY_VERIFY(f.view.isFollowing());
    QCOMPARE(QApplication::focusWidget(), f.view.table());
    QCOMPARE(selected.last().at(0).toULongLong(), 0ull);
    f.appendReceived(50);
    QTRY_COMPARE(f.rows(), 358);
    QTRY_VERIFY(f.lastRowVisible());
    QVERIFY(f.view.isFollowing());
}

void tst_LogView::largeLogFiltersAndFollows()
{
    Fixture f;
    // The tester re-walks every row after each change: fine for the small
    // logs above, quadratic here.
    f.filterTester.reset();
    constexpr int Count = 200000;
    for (int i = 0; i < Count; ++i)
        f.store.append(1, f.michaelConnection, f.michael,
                       i % 4 ? EventKind::Received : EventKind::Sent,
                       i % 1000 ? QByteArray("some payload text") : QByteArray("needle"));
    QTRY_COMPARE(f.rows(), Count);
    QCOMPARE(f.shown(), &f.model); // no proxy between the table and the rows
    QTRY_VERIFY(f.lastRowVisible());

    QTest::keyClicks(f.find<QLineEdit>("filterEdit"), QStringLiteral("needle"));
    QTRY_COMPARE(f.rows(), Count / 1000);
    QTest::mouseClick(f.find<QToolButton>("directionOutButton"), Qt::LeftButton);
    QTRY_COMPARE(f.rows(), 0); // every needle was sent (i % 4 == 0)
    QTest::mouseClick(f.find<QToolButton>("directionOutButton"), Qt::LeftButton);
    QTRY_COMPARE(f.rows(), Count / 1000);
    f.store.append(1, f.michaelConnection, f.michael, EventKind::Received, "needle");
    QTRY_COMPARE(f.rows(), Count / 1000 + 1);
    QTRY_VERIFY(f.lastRowVisible());
    QVERIFY(f.view.isFollowing());
}

void tst_LogView::languageChangeIsLive()
{
    Fixture f;
    f.appendConversation();
    f.appendReceived(200);
    QTRY_COMPARE(f.rows(), 208);
    // Not following, with a count of new rows below the view: the jump button
    // shows a number.
    f.view.table()->selectRow(3);
    QVERIFY(!f.view.isFollowing());
    f.appendReceived(3);
    auto *jump = f.find<QPushButton>("newEventsButton");
    QTRY_COMPARE(jump->text(), QStringLiteral("↓ 3 new events"));
    f.view.setPaused(true);

    auto *in = f.find<QToolButton>("directionInButton");
    auto *pause = f.find<QToolButton>("pauseButton");
    auto *edit = f.find<QLineEdit>("filterEdit");
    auto *label = f.find<QLabel>("pausedLabel");
    QTableView *table = f.view.table();
    const QAbstractItemModel *headers = table->horizontalHeader()->model();
    const QKeySequence pauseKey(Qt::CTRL | Qt::Key_P);
    const QString pauseKeyText = pauseKey.toString(QKeySequence::NativeText);
    QCOMPARE(pause->shortcut(), pauseKey);
    QCOMPARE(pause->toolTip(),
             QStringLiteral("Freeze the view while recording goes on (%1)").arg(pauseKeyText));

    // Each word only in the context its catalogue entry has: a word that moved
    // to another context would stay English.
    FakeCatalogue zh({
        {"LogToolBar", "In", QStringLiteral("接收")},
        {"LogToolBar", "Freeze the view while recording goes on (%1)",
         QStringLiteral("冻结视图，记录照常进行（%1）")},
        {"LogToolBar", "Filter payload or peer", QStringLiteral("过滤载荷或对端")},
        {"LogView", "Traffic log", QStringLiteral("通信日志")},
        {"TailFollower", "↓ %1 new events", QStringLiteral("↓ %1 个新事件")},
        {"LogView", "Paused: new events are still recorded and appear when you resume.",
         QStringLiteral("已暂停：新事件仍会被记录，恢复后即会显示。")},
        {"TrafficLogModel", "Time", QStringLiteral("时间")},
        // Far wider than the English word, so the column must grow to show it.
        {"TrafficLogModel", "Direction", QStringLiteral("通信方向（接收、发送、状态、错误）")},
    });
    QVERIFY(QCoreApplication::installTranslator(&zh));
    QTRY_COMPARE(in->text(), QStringLiteral("接收"));
    QCOMPARE(in->accessibleName(), QStringLiteral("接收"));
    QCOMPARE(pause->toolTip(), QStringLiteral("冻结视图，记录照常进行（%1）").arg(pauseKeyText));
    // Renaming a button must not cost it its key.
    QCOMPARE(pause->shortcut(), pauseKey);
    QCOMPARE(edit->placeholderText(), QStringLiteral("过滤载荷或对端"));
    QCOMPARE(edit->accessibleName(), QStringLiteral("过滤载荷或对端"));
    QCOMPARE(table->accessibleName(), QStringLiteral("通信日志"));
    QCOMPARE(label->text(), QStringLiteral("已暂停：新事件仍会被记录，恢复后即会显示。"));
    QCOMPARE(jump->text(), QStringLiteral("↓ 3 个新事件"));
    QCOMPARE(jump->accessibleName(), QStringLiteral("↓ 3 个新事件"));
    QCOMPARE(headers->headerData(TrafficLogModel::TimeColumn, Qt::Horizontal).toString(),
             QStringLiteral("时间"));
    const QString direction = QStringLiteral("通信方向（接收、发送、状态、错误）");
    QVERIFY2(table->columnWidth(TrafficLogModel::DirectionColumn) >
                 table->horizontalHeader()->fontMetrics().horizontalAdvance(direction),
             "the direction column is too narrow for its new header");
    // Untranslated words stay as they are.
    QCOMPARE(f.find<QToolButton>("directionOutButton")->text(), QStringLiteral("Out"));

    QCoreApplication::removeTranslator(&zh);
    QTRY_COMPARE(in->text(), QStringLiteral("In"));
    QCOMPARE(in->accessibleName(), QStringLiteral("In"));
    QCOMPARE(pause->toolTip(),
             QStringLiteral("Freeze the view while recording goes on (%1)").arg(pauseKeyText));
    QCOMPARE(pause->shortcut(), pauseKey);
    QCOMPARE(edit->placeholderText(), QStringLiteral("Filter payload or peer"));
    QCOMPARE(table->accessibleName(), QStringLiteral("Traffic log"));
    QCOMPARE(label->text(),
             QStringLiteral("Paused: new events are still recorded and appear when you resume."));
    QCOMPARE(jump->text(), QStringLiteral("↓ 3 new events"));
    QCOMPARE(headers->headerData(TrafficLogModel::TimeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Time"));
}

void tst_LogView::teardown()
{
    // Rows still waiting for layout when the view goes: its scroll bar moves
    // during teardown, which must not reach the half-destroyed view.
    {
        Fixture f;
        f.appendReceived(5000);
        f.model.flush();
    }
    // The window may delete the model before the view.
    TrafficStore store;
    auto *model = new TrafficLogModel(&store);
    auto *view = new LogView(model);
    view->show();
    store.append(1, 0, 0, EventKind::Received, "x");
    QTRY_COMPARE(view->table()->model()->rowCount(), 1);
    view->table()->selectRow(0);
    delete model;
    QVERIFY(!view->isPaused());
    delete view;
}

QTEST_MAIN(tst_LogView)
#include "tst_logview.moc"
