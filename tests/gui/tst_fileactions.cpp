#include "captureactions.h"
#include "engine.h"
#include "eventformat.h"
#include "fileactions.h"
#include "logcontextmenu.h"
#include "logview.h"
#include "mainwindow.h"
#include "nettestsupport.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Stands in for the capture library: records what the window asked of it.
struct FakeCapture : CaptureActions
{
    QStringList opened;
    QStringList saved;
    quint64 savedCount = 0;
    QString recording;
    int stops = 0;
    bool startWorks = true;

    void openCapture(const QString &fileName) override { opened.append(fileName); }
    void saveCapture(const QString &fileName, const ExportSelection &events) override
    {
        saved.append(fileName);
        savedCount = events.count();
    }
    bool startRecording(const QString &fileName) override
    {
        recording = fileName;
        return startWorks;
    }
    void stopRecording() override { ++stops; }
};

// The window over a hello server on a free port, with one client that said
// "Michael" and then sent bytes that are not text.
struct Rig
{
    TrafficStore store;
    Engine engine{&store};
    MainWindow window{&engine};
    NetTest::Client client;
    QTemporaryDir dir;
    QList<FileActions::FileRequest> requests;
    QString answer; // what the file dialog answers next

    template <typename T> T *find(const char *name) const
    {
        T *child = window.findChild<T *>(QString::fromLatin1(name));
        if (!child)
            qWarning("no child %s", name);
        return child;
    }
    QString path(const char *name) const { return dir.filePath(QString::fromLatin1(name)); }
    QString status() const { return window.statusBar()->currentMessage(); }
    QTableView *table() const { return window.logView()->table(); }

    // The seq of the first event of this kind with this payload.
    quint64 seqOf(EventKind kind, const QByteArray &payload) const
    {
        for (const TrafficEvent &e : store.events(store.firstSeq(), store.lastSeq())) {
            if (e.kind == kind && store.payload(e) == payload)
                return e.seq;
        }
        return 0;
    }
    TrafficEvent event(quint64 seq) const
    {
        TrafficEvent e;
        store.event(seq, &e);
        return e;
    }
    QRect rowRect(quint64 seq) const
    {
        const QAbstractItemModel *shown = table()->model();
        for (int row = 0; row < shown->rowCount(); ++row) {
            if (shown->index(row, 0).data(TrafficLogModel::SeqRole).toULongLong() == seq)
                return table()->visualRect(shown->index(row, TrafficLogModel::PreviewColumn));
        }
        return {};
    }
};

const QByteArray Binary("\x00\xff,\"q\"\n", 7);

QByteArray readFile(const QString &name)
{
    QFile file(name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(cannot read)");
}

} // namespace

class tst_FileActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void fileMenuIsFirstAndComplete();
    void exportFilteredLogAsCsv();
    void exportSelectedRowsFromTheContextMenu();
    void exportWholeLogAsTranscript();
    void copyPayloadAs();
    void fullDiskShowsAMessage();
    void captureCommandsCallTheCaptureActions();

private:
    void startConversation(Rig &rig);
};

void tst_FileActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_fileactions"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_FileActions::init()
{
    QSettings().clear();
}

void tst_FileActions::startConversation(Rig &rig)
{
    rig.window.fileActions()->setFileDialog(
        [&rig](QWidget *, const FileActions::FileRequest &request) {
            rig.requests.append(request);
            return rig.answer;
        });
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));

    SessionConfig server;
    server.port = 0;
    const SessionId id = rig.window.addAndStart(server);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Listening);
    rig.client.connectToHost(QHostAddress::LocalHost,
                             NetTest::portOf(rig.engine.session(id).detail));
    QTRY_COMPARE(rig.client.received(), QByteArray("Welcome!"));
    rig.client.write("Michael");
    QTRY_COMPARE(rig.client.received(), QByteArray("Welcome!Hello, Michael!"));
    rig.client.write(Binary);
    QTRY_VERIFY(rig.client.received().endsWith("!\n"));
    // listening, opened, Welcome!, Michael, Hello, Michael!, the bytes, the reply
    QTRY_COMPARE(rig.window.logModel()->rowCount(), 7);
}

void tst_FileActions::fileMenuIsFirstAndComplete()
{
    Rig rig;
    auto *file = rig.window.menuBar()->actions().constFirst()->menu();
    QVERIFY(file);
    QCOMPARE(file->objectName(), QStringLiteral("fileMenu"));
    QCOMPARE(file->title(), QStringLiteral("&File"));
    QStringList entries;
    for (QAction *action : file->actions())
        entries.append(action->isSeparator() ? QStringLiteral("--") : action->text());
    QCOMPARE(entries, QStringList({"&Open capture…", "&Save capture…", "&Record to file…", "--",
                                   "&Export", "--", "&Quit"}));
    QCOMPARE(rig.find<QAction>("openCaptureAction")->shortcut(), QKeySequence(QKeySequence::Open));
    QCOMPARE(rig.find<QAction>("saveCaptureAction")->shortcut(), QKeySequence(QKeySequence::Save));
    QCOMPARE(rig.find<QAction>("quitAction")->shortcut(), QKeySequence(QKeySequence::Quit));
    // Quit moved here from the Session menu: one place, not two.
    QVERIFY(!rig.find<QMenu>("sessionMenu")->actions().contains(rig.find<QAction>("quitAction")));

    auto *exportMenu = rig.find<QMenu>("exportMenu");
    QStringList scopes;
    for (QAction *action : exportMenu->actions())
        scopes.append(action->text());
    QCOMPARE(scopes, QStringList({"&Whole log", "&Filtered log (as shown)", "&Selected rows"}));
    QStringList formats;
    for (QAction *action : rig.find<QMenu>("exportSelectedRowsMenu")->actions())
        formats.append(action->isSeparator() ? QStringLiteral("--") : action->text());
    QCOMPARE(formats,
             QStringList({"&CSV…", "&JSON lines…", "&Transcript…", "--", "Capture &file…"}));
    for (const char *name : {"fileMenu", "exportMenu", "exportWholeLogMenu",
                             "exportFilteredLogMenu", "exportSelectedRowsMenu", "logContextMenu",
                             "copyPayloadAsMenu", "exportSelectedRowsContextMenu"})
        QVERIFY2(!rig.find<QMenu>(name)->accessibleName().isEmpty(), name);
}

void tst_FileActions::exportFilteredLogAsCsv()
{
    Rig rig;
    startConversation(rig);
    QTest::keyClicks(rig.find<QLineEdit>("filterEdit"), QStringLiteral("michael"));
    QTRY_COMPARE(rig.table()->model()->rowCount(), 2);

    rig.answer = rig.path("filtered.csv");
    rig.find<QAction>("exportFilteredLogCsvAction")->trigger();
    QTRY_COMPARE(
        rig.status(),
        QStringLiteral("Exported 2 events to %1.").arg(QDir::toNativeSeparators(rig.answer)));
    QCOMPARE(rig.requests.size(), 1);
    QCOMPARE(rig.requests[0].objectName, QStringLiteral("exportFileDialog"));
    QCOMPARE(rig.requests[0].nameFilters.value(0), QStringLiteral("CSV files (*.csv)"));
    QCOMPARE(rig.requests[0].defaultSuffix, QStringLiteral("csv"));

    const TrafficEvent in = rig.event(rig.seqOf(EventKind::Received, "Michael"));
    const TrafficEvent out = rig.event(rig.seqOf(EventKind::Sent, "Hello, Michael!"));
    const QString session = rig.store.sessionName(in.session);
    const QString local = rig.store.addresses(in.addresses).local;
    const QString peer = QStringLiteral("127.0.0.1:%1").arg(rig.client.localPort());
    const QString expected =
        QStringLiteral("time,session,direction,local,peer,size,text,hex\r\n") +
        EventFormat::isoTime(in.timeUs) + u',' + session + u",in," + local + u',' + peer +
        QStringLiteral(",7,Michael,4d69636861656c\r\n") + EventFormat::isoTime(out.timeUs) + u',' +
        session + u",out," + local + u',' + peer +
        QStringLiteral(",15,\"Hello, Michael!\",48656c6c6f2c204d69636861656c21\r\n");
    QCOMPARE(QString::fromUtf8(readFile(rig.answer)), expected);

    // Remembered for next time: the folder, and CSV as the format in bold.
    QCOMPARE(QSettings().value(QStringLiteral("export/directory")).toString(), rig.dir.path());
    QCOMPARE(QSettings().value(QStringLiteral("export/format")).toString(), QStringLiteral("csv"));
    QCOMPARE(rig.find<QMenu>("exportWholeLogMenu")->defaultAction(),
             rig.find<QAction>("exportWholeLogCsvAction"));
}

void tst_FileActions::exportSelectedRowsFromTheContextMenu()
{
    Rig rig;
    startConversation(rig);
    const quint64 welcome = rig.seqOf(EventKind::Sent, "Welcome!");
    const quint64 binary = rig.seqOf(EventKind::Received, Binary);
    QVERIFY(welcome && binary);
    // Click one row, Ctrl+click another, right-click the second.
    QTest::mouseClick(rig.table()->viewport(), Qt::LeftButton, {}, rig.rowRect(welcome).center());
    QTest::mouseClick(rig.table()->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      rig.rowRect(binary).center());
    QCOMPARE(rig.window.logView()->selectedSeqs(), QList<quint64>({welcome, binary}));
    Q_EMIT rig.table()->customContextMenuRequested(rig.rowRect(binary).center());
    auto *menu = rig.find<QMenu>("logContextMenu");
    QTRY_VERIFY(menu->isVisible());
    QStringList entries;
    for (QAction *action : menu->actions())
        entries.append(action->isSeparator() ? QStringLiteral("--") : action->text());
    // The conversation's actions around the copy and export ones.
    QCOMPARE(entries,
             QStringList({"&Follow conversation", "Show only this &conversation in the log", "--",
                          "&Copy", "Copy &payload as", "--", "&Export selected rows", "--",
                          "Co&mpare the two payloads", "&Replay payloads…", "--", "&Disconnect"}));
    // The selection stayed: right-clicking a selected row keeps the others.
    QCOMPARE(rig.window.logView()->selectedSeqs(), QList<quint64>({welcome, binary}));

    rig.answer = rig.path("selected.jsonl");
    auto *action = rig.find<QAction>("exportSelectedRowsJsonLinesAction");
    QVERIFY(action->isEnabled());
    QVERIFY(rig.find<QMenu>("exportSelectedRowsContextMenu")->actions().contains(action));
    action->trigger();
    menu->hide();
    QTRY_COMPARE(
        rig.status(),
        QStringLiteral("Exported 2 events to %1.").arg(QDir::toNativeSeparators(rig.answer)));
    QCOMPARE(rig.requests.value(0).nameFilters.value(0),
             QStringLiteral("JSON lines (*.jsonl *.ndjson)"));
    QCOMPARE(readFile(rig.answer), EventFormat::toJson(rig.event(welcome), rig.store) + '\n' +
                                       EventFormat::toJson(rig.event(binary), rig.store) + '\n');
    // The binary reply answers the greeting: it carries its round trip.
    QVERIFY(QRegularExpression(QStringLiteral(R"(,"bytes":7,"rtt_us":\d+,"hex":"00ff2c2271220a"})"))
                .match(QString::fromUtf8(readFile(rig.answer)))
                .hasMatch());
    QCOMPARE(QSettings().value(QStringLiteral("export/format")).toString(),
             QStringLiteral("jsonl"));
}

void tst_FileActions::exportWholeLogAsTranscript()
{
    Rig rig;
    startConversation(rig);
    // The whole log, even while the view shows only part of it.
    QTest::keyClicks(rig.find<QLineEdit>("filterEdit"), QStringLiteral("michael"));
    QTRY_COMPARE(rig.table()->model()->rowCount(), 2);
    rig.answer = rig.path("all.txt");
    rig.find<QAction>("exportWholeLogTranscriptAction")->trigger();
    QTRY_COMPARE(
        rig.status(),
        QStringLiteral("Exported 7 events to %1.").arg(QDir::toNativeSeparators(rig.answer)));
    const QString text = QString::fromUtf8(readFile(rig.answer));
    const TrafficEvent binary = rig.event(rig.seqOf(EventKind::Received, Binary));
    const QString peer = QStringLiteral("127.0.0.1:%1").arg(rig.client.localPort());
    const QString session = rig.store.sessionName(binary.session);
    QVERIFY2(text.contains(EventFormat::isoTime(binary.timeUs) + QStringLiteral("  <-  ") + peer +
                           QStringLiteral("  ") + session +
                           QStringLiteral(", 7 bytes\n    \\0\\xff,\"q\"\\n\n\n")),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("  --  ") + session +
                          QStringLiteral(": connection opened ") + peer + u'\n'));
    QCOMPARE(text.count(QStringLiteral("\n\n")), 7);
}

void tst_FileActions::copyPayloadAs()
{
    Rig rig;
    startConversation(rig);
    const quint64 binary = rig.seqOf(EventKind::Received, Binary);
    auto *menu = rig.find<QMenu>("logContextMenu");
    const struct
    {
        const char *action;
        QString text;
    } forms[] = {
        {"copyPayloadHexAction", QStringLiteral("00 ff 2c 22 71 22 0a")},
        {"copyPayloadCArrayAction",
         QStringLiteral("const unsigned char data[] = {\n"
                        "    0x00, 0xff, 0x2c, 0x22, 0x71, 0x22, 0x0a,\n};\n")},
        {"copyPayloadPythonAction", QStringLiteral("b'\\x00\\xff,\"q\"\\n'")},
    };
    for (const auto &form : forms) {
        QGuiApplication::clipboard()->clear();
        // Right-clicking a row that is not selected selects it.
        Q_EMIT rig.table()->customContextMenuRequested(rig.rowRect(binary).center());
        QTRY_VERIFY(menu->isVisible());
        QCOMPARE(rig.window.logView()->selectedSeqs(), QList<quint64>({binary}));
        QVERIFY(rig.find<QMenu>("copyPayloadAsMenu")->isEnabled());
        rig.find<QAction>(form.action)->trigger();
        menu->hide();
        QCOMPARE(QGuiApplication::clipboard()->text(), form.text);
    }

    // A state event has no payload to copy as code.
    const quint64 opened = rig.event(rig.seqOf(EventKind::Sent, "Welcome!")).seq - 1;
    QCOMPARE(rig.event(opened).kind, EventKind::Opened);
    Q_EMIT rig.table()->customContextMenuRequested(rig.rowRect(opened).center());
    QTRY_VERIFY(menu->isVisible());
    QVERIFY(!rig.find<QMenu>("copyPayloadAsMenu")->isEnabled());
    // Copy still copies the row as the table shows it.
    rig.find<QAction>("logCopyRowsAction")->trigger();
    menu->hide();
    QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("connection opened")));
}

void tst_FileActions::fullDiskShowsAMessage()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("/dev/full does not exist on this system");
    Rig rig;
    startConversation(rig);
    rig.answer = QStringLiteral("/dev/full");
    rig.find<QAction>("exportWholeLogCsvAction")->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = rig.find<QMessageBox>("exportErrorBox")) && box->isVisible());
    const QString message = QStringLiteral("Could not write /dev/full: No space left on device. "
                                           "The file is incomplete: 0 of 7 events were written.");
    QCOMPARE(box->text(), message);
    QCOMPARE(rig.status(), message);
    box->close();
}

void tst_FileActions::captureCommandsCallTheCaptureActions()
{
    Rig rig;
    startConversation(rig);
    auto *open = rig.find<QAction>("openCaptureAction");
    auto *record = rig.find<QAction>("recordToFileAction");
    QVERIFY(open->isEnabled()); // the window comes with its capture support
    FakeCapture capture;
    rig.window.fileActions()->setCaptureActions(&capture);
    QVERIFY(open->isEnabled());

    QApplication::setActiveWindow(&rig.window);
    QVERIFY(QTest::qWaitForWindowActive(&rig.window));
    rig.answer = rig.path("theirs.pcap");
    QTest::keyClick(&rig.window, Qt::Key_O, Qt::ControlModifier);
    QCOMPARE(capture.opened, QStringList({rig.answer}));
    QCOMPARE(rig.requests.last().save, false);
    QCOMPARE(rig.requests.last().nameFilters.value(0),
             QStringLiteral("Capture files (*.pcapng *.pcap *.cap)"));

    rig.answer = rig.path("mine.pcapng");
    QTest::keyClick(&rig.window, Qt::Key_S, Qt::ControlModifier);
    QCOMPARE(capture.saved, QStringList({rig.answer}));
    QCOMPARE(capture.savedCount, quint64(7));
    QCOMPARE(rig.requests.last().defaultSuffix, QStringLiteral("pcapng"));

    // Selected rows as a capture file: the selection goes to the library.
    rig.table()->selectRow(2);
    Q_EMIT rig.table()->customContextMenuRequested(
        rig.table()->visualRect(rig.table()->model()->index(2, 0)).center());
    QTRY_VERIFY(rig.find<QMenu>("logContextMenu")->isVisible());
    rig.find<QAction>("exportSelectedRowsCaptureAction")->trigger();
    rig.find<QMenu>("logContextMenu")->hide();
    QCOMPARE(capture.savedCount, quint64(1));

    rig.answer = rig.path("live.pcapng");
    record->trigger();
    QCOMPARE(capture.recording, rig.answer);
    QVERIFY(record->isChecked());
    record->trigger();
    QCOMPARE(capture.stops, 1);
    QVERIFY(!record->isChecked());

    // A recording that cannot start leaves the action unchecked.
    capture.startWorks = false;
    record->trigger();
    QVERIFY(!record->isChecked());
    // Cancelling the dialog starts nothing.
    capture.recording.clear();
    rig.answer.clear();
    record->trigger();
    QVERIFY(capture.recording.isEmpty());
    QVERIFY(!record->isChecked());
    rig.window.fileActions()->setCaptureActions(nullptr);
}

QTEST_MAIN(tst_FileActions)
#include "tst_fileactions.moc"
