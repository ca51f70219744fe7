// The log filter over a large log: the scan runs off the GUI thread, shows
// its progress, ends with exactly the matching rows, and a newer filter
// replaces a scan that is still running.
#include "logfiltermodel.h"
#include "logview.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTest>
#include <QToolButton>

namespace {

// More rows than the filter takes on the GUI thread at once.
constexpr int Count = 200000;
static_assert(quint64(Count) > LogFilterModel::SyncRows);

QByteArray payloadFor(int i)
{
    if (i % 7 == 0)
        return "Alpha " + QByteArray::number(i);
    if (i % 5 == 0)
        return "alphabet soup";
    return "beta " + QByteArray::number(i);
}

} // namespace

struct LargeLog
{
    TrafficStore store;
    TrafficLogModel model{&store};
    LogView view{&model};
    AddressId peer =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50012"));
    QList<QByteArray> payloads;

    LargeLog()
    {
        store.setSessionName(1, QStringLiteral("TCP hello server"));
        for (int i = 0; i < Count; ++i)
            append(payloadFor(i), i % 3 ? EventKind::Received : EventKind::Sent);
        model.flush();
        view.resize(900, 360);
        view.show();
    }
    void append(const QByteArray &payload, EventKind kind = EventKind::Received)
    {
        store.append(1, 0, peer, kind, payload);
        payloads.append(payload);
    }
    // The rows a filter must show, counted the plain way (seq = index + 1).
    QList<quint64> expected(const QString &text, bool sentToo = true) const
    {
        QList<quint64> seqs;
        for (int i = 0; i < payloads.size(); ++i) {
            const bool sent = i < Count && i % 3 == 0;
            if ((sentToo || !sent) &&
                QString::fromUtf8(payloads.at(i)).contains(text, Qt::CaseInsensitive))
                seqs.append(quint64(i) + 1);
        }
        return seqs;
    }
    LogFilterModel *filter() const { return view.findChild<LogFilterModel *>(); }
    QLineEdit *edit() const { return view.findChild<QLineEdit *>(QStringLiteral("filterEdit")); }
    QLabel *progress() const
    {
        return view.findChild<QLabel *>(QStringLiteral("filterProgressLabel"));
    }
    // Types text and presses Return, which applies the filter at once.
    void type(const QString &text)
    {
        QTest::keyClicks(edit(), text);
        QTest::keyClick(edit(), Qt::Key_Return);
    }
};

class tst_LogFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scanGivesExactRows();
    void newKeystrokeReplacesRunningScan();
    void clearingDuringScanShowsEverything();
    void directionToggleDuringScan();
    void narrowingKeepsExactRows();
    void backslashWidensAgain();
    void erasingShowsEarlierResultAtOnce();
};

void tst_LogFilter::scanGivesExactRows()
{
    LargeLog log;
    QVERIFY(log.progress());
    QVERIFY(!log.progress()->isVisible());
    log.type(QStringLiteral("ALPHA"));
    // The scan runs on the worker thread: the window is back before it ends,
    // and says so.
    QVERIFY(log.filter()->isScanning());
    QVERIFY(log.progress()->isVisible());
    QVERIFY2(log.progress()->text().startsWith(QStringLiteral("Filtering…")),
             qPrintable(log.progress()->text()));
    QCOMPARE(log.progress()->accessibleName(), QStringLiteral("Filter progress"));
    QTRY_VERIFY(!log.filter()->isScanning());
    QVERIFY(!log.progress()->isVisible());
    QCOMPARE(log.view.table()->model(), log.filter());
    const QList<quint64> expected = log.expected(QStringLiteral("alpha"));
    QVERIFY(expected.size() > Count / 5); // both kinds of payload match
    QCOMPARE(log.view.shownSeqs(), expected);
    QCOMPARE(log.view.table()->model()->index(0, TrafficLogModel::PreviewColumn).data().toString(),
             QStringLiteral("Alpha 0"));
}

void tst_LogFilter::newKeystrokeReplacesRunningScan()
{
    LargeLog log;
    log.type(QStringLiteral("alpha"));
    QVERIFY(log.filter()->isScanning());
    // Before the first scan hands over anything: one more character, and
    // events that arrive while the second scan runs.
    log.type(QStringLiteral(" 1"));
    QVERIFY(log.filter()->isScanning());
    QCOMPARE(log.filter()->text(), QStringLiteral("alpha 1"));
    log.append("ALPHA 1 live");
    log.append("alpha 2 live");
    log.append("Alpha 10 live");
    log.model.flush();
    QTRY_VERIFY(!log.filter()->isScanning());
    const QList<quint64> expected = log.expected(QStringLiteral("alpha 1"));
    QCOMPARE(expected.last(), quint64(Count) + 3);
    QTRY_COMPARE(log.view.shownSeqs(), expected);
}

void tst_LogFilter::clearingDuringScanShowsEverything()
{
    LargeLog log;
    log.type(QStringLiteral("soup"));
    QVERIFY(log.filter()->isScanning());
    log.edit()->clear();
    QTest::keyClick(log.edit(), Qt::Key_Return);
    QCOMPARE(log.view.table()->model(), &log.model);
    QCOMPARE(log.view.table()->model()->rowCount(), Count);
    QVERIFY(!log.filter()->isScanning());
    QVERIFY(!log.progress()->isVisible());
}

void tst_LogFilter::directionToggleDuringScan()
{
    LargeLog log;
    log.type(QStringLiteral("alphabet"));
    QVERIFY(log.filter()->isScanning());
    QTest::mouseClick(log.view.findChild<QToolButton *>(QStringLiteral("directionOutButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(!log.filter()->isScanning());
    QTRY_COMPARE(log.view.shownSeqs(), log.expected(QStringLiteral("alphabet"), false));
}

void tst_LogFilter::narrowingKeepsExactRows()
{
    LargeLog log;
    log.type(QStringLiteral("alpha"));
    QTRY_VERIFY(!log.filter()->isScanning());
    // One more character: only the rows shown are filtered again, still
    // more than the GUI thread takes at once.
    log.type(QStringLiteral(" "));
    QVERIFY(log.filter()->isScanning());
    log.append("alpha live");
    log.model.flush();
    QTRY_VERIFY(!log.filter()->isScanning());
    QCOMPARE(log.view.shownSeqs(), log.expected(QStringLiteral("alpha ")));
    log.type(QStringLiteral("1"));
    QTRY_VERIFY(!log.filter()->isScanning());
    QCOMPARE(log.view.shownSeqs(), log.expected(QStringLiteral("alpha 1")));
    QVERIFY(quint64(log.view.shownSeqs().size()) < LogFilterModel::SyncRows);
    // Few enough rows left to filter at once.
    log.type(QStringLiteral("4"));
    QVERIFY(!log.filter()->isScanning());
    QCOMPARE(log.view.shownSeqs(), log.expected(QStringLiteral("alpha 14")));
    QVERIFY(!log.view.shownSeqs().isEmpty());
}

void tst_LogFilter::backslashWidensAgain()
{
    LargeLog log;
    log.append(QByteArray("\x01\x02", 2)); // shown as \x01\x02
    log.model.flush();
    log.type(QStringLiteral("x01"));
    QTRY_VERIFY(!log.filter()->isScanning());
    const QList<quint64> plain = log.view.shownSeqs();
    QVERIFY(!plain.contains(quint64(Count) + 1));
    // "\x01" contains "x01" but may match the escaped preview of rows the
    // plain text did not match: the whole log is scanned again.
    QTest::keyClick(log.edit(), Qt::Key_Home);
    log.type(QStringLiteral("\\"));
    QCOMPARE(log.filter()->text(), QStringLiteral("\\x01"));
    QTRY_VERIFY(!log.filter()->isScanning());
    QCOMPARE(log.view.shownSeqs(), QList<quint64>({quint64(Count) + 1}));
}

void tst_LogFilter::erasingShowsEarlierResultAtOnce()
{
    LargeLog log;
    log.type(QStringLiteral("alpha"));
    QTRY_VERIFY(!log.filter()->isScanning());
    log.type(QStringLiteral(" 1"));
    QTRY_VERIFY(!log.filter()->isScanning());
    QCOMPARE(log.view.shownSeqs(), log.expected(QStringLiteral("alpha 1")));
    log.append("alpha live");
    log.model.flush();
    // Back to "alpha": its rows were found before and come back without a
    // scan of the whole log; the row that arrived meanwhile is among them.
    QTest::keyClick(log.edit(), Qt::Key_Backspace);
    QTest::keyClick(log.edit(), Qt::Key_Backspace);
    QTest::keyClick(log.edit(), Qt::Key_Return);
    QCOMPARE(log.filter()->text(), QStringLiteral("alpha"));
    QVERIFY(!log.filter()->isScanning());
    const QList<quint64> expected = log.expected(QStringLiteral("alpha"));
    QCOMPARE(expected.last(), quint64(Count) + 1);
    QCOMPARE(log.view.shownSeqs(), expected);
}

QTEST_MAIN(tst_LogFilter)
#include "tst_logfilter.moc"
