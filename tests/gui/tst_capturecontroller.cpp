// The window's capture commands end to end: a recorded conversation saved to a
// pcapng and opened again as a read-only session with the same events, bytes,
// addresses and times; Record to file writing everything, also what the memory
// cap evicts; and every failure told in a message box while the window goes on.

#include "capturecontroller.h"
#include "capturereader.h"
#include "capturerecorder.h"
#include "chatmessagemodel.h"
#include "chatview.h"
#include "engine.h"
#include "fileactions.h"
#include "mainwindow.h"
#include "nettestsupport.h"
#include "sessionmodel.h"
#include "sessionpanel.h"
#include "trafficstore.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

// One event as a person compares them: what, which bytes, between whom, when.
struct Seen
{
    EventKind kind;
    QByteArray payload;
    QString local;
    QString peer;
    qint64 timeUs;

    bool operator==(const Seen &o) const
    {
        return kind == o.kind && payload == o.payload && local == o.local && peer == o.peer &&
               timeUs == o.timeUs;
    }
};

QList<Seen> eventsOf(const TrafficStore &store, SessionId session)
{
    QList<Seen> seen;
    for (const TrafficEvent &e : store.events(store.firstSeq(), store.lastSeq())) {
        if (e.session != session)
            continue;
        const TrafficStore::AddressPair a = store.addresses(e.addresses);
        seen.append({e.kind, store.payload(e), a.local, a.peer, e.timeUs});
    }
    return seen;
}

QList<QByteArray> wireBytes(const QList<Seen> &events, EventKind kind)
{
    QList<QByteArray> out;
    for (const Seen &s : events) {
        if (s.kind == kind)
            out.append(s.payload);
    }
    return out;
}

const QByteArray Binary("\x00\xff\x80 binary\r\n", 12);

struct Rig
{
    TrafficStore store;
    Engine engine{&store};
    MainWindow window{&engine};
    NetTest::Client client;
    QTemporaryDir dir;
    QString answer; // what the file dialog answers next
    SessionId server = 0;

    Rig()
    {
        window.fileActions()->setFileDialog(
            [this](QWidget *, const FileActions::FileRequest &) { return answer; });
        window.show();
    }
    template <typename T> T *find(const char *name) const
    {
        return window.findChild<T *>(QString::fromLatin1(name));
    }
    QString path(const char *name) const { return dir.filePath(QString::fromLatin1(name)); }
    QString status() const { return window.statusBar()->currentMessage(); }
    CaptureController *capture() const { return window.captureController(); }

    // A hello server with a client that says "Michael" and then binary bytes.
    bool converse()
    {
        SessionConfig config;
        config.port = 0;
        server = window.addAndStart(config);
        if (!QTest::qWaitFor(
                [&] { return engine.session(server).state == SessionState::Listening; }))
            return false;
        client.connectToHost(QHostAddress::LocalHost,
                             NetTest::portOf(engine.session(server).detail));
        if (!QTest::qWaitFor([&] { return client.received() == "Welcome!"; }))
            return false;
        client.write("Michael");
        if (!QTest::qWaitFor([&] { return client.received() == "Welcome!Hello, Michael!"; }))
            return false;
        client.write(Binary);
        return QTest::qWaitFor([&] { return client.received().endsWith("!\r\n"); });
    }
};

} // namespace

class tst_CaptureController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void saveThenOpenGivesBackTheSameEvents();
    void openedCaptureShowsItsConversationInChat();
    void recordToFileKeepsWhatTheCapEvicts();
    void recordingThatCannotStartIsTold();
    void recordingOnAFullDiskStopsAndSaysSo();
    void openingAFileThatIsNoCaptureIsTold();
    void savingSelectedRowsSaysHowMany();
};

void tst_CaptureController::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_capturecontroller"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_CaptureController::init()
{
    QSettings().clear();
}

void tst_CaptureController::saveThenOpenGivesBackTheSameEvents()
{
    Rig rig;
    QVERIFY(rig.converse());
    rig.client.disconnectFromHost();
    QTRY_VERIFY(rig.engine.session(rig.server).state == SessionState::Listening &&
                !eventsOf(rig.store, rig.server).isEmpty() &&
                eventsOf(rig.store, rig.server).constLast().kind == EventKind::Closed);
    const QList<Seen> original = eventsOf(rig.store, rig.server);

    rig.answer = rig.path("hello.pcapng");
    rig.find<QAction>("saveCaptureAction")->trigger();
    QTRY_VERIFY2(rig.status().startsWith(u"Saved "), qPrintable(rig.status()));
    QVERIFY2(rig.status().contains(QDir::toNativeSeparators(rig.answer)), qPrintable(rig.status()));
    QVERIFY2(rig.status().startsWith(QStringLiteral("Saved %1 events").arg(rig.store.lastSeq())),
             qPrintable(rig.status()));
    QVERIFY(QFile::exists(rig.answer));

    QSignalSpy opened(rig.capture(), &CaptureController::captureOpened);
    rig.find<QAction>("openCaptureAction")->trigger();
    QTRY_COMPARE(opened.count(), 1);
    const auto result = opened.at(0).at(1).value<CaptureReadResult>();
    QVERIFY2(result.ok(), qPrintable(result.message));
    QVERIFY(result.recorded);
    QVERIFY2(rig.status().startsWith(u"Opened "), qPrintable(rig.status()));

    // A new, read-only session in the list, selected, with the same events.
    const QList<Engine::SessionInfo> sessions = rig.engine.sessions();
    QCOMPARE(sessions.size(), 2);
    const Engine::SessionInfo read = sessions.at(1);
    QVERIFY(read.isCapture());
    QCOMPARE(read.captureFile, QStringLiteral("hello.pcapng"));
    QCOMPARE(read.name, rig.engine.session(rig.server).name);
    auto *sessionModel = rig.window.findChild<SessionModel *>();
    QVERIFY(sessionModel);
    QTRY_COMPARE(sessionModel->rowCount(), 2);
    QCOMPARE(sessionModel->index(1, SessionModel::KindColumn).data().toString(),
             QStringLiteral("Capture file"));
    QTRY_COMPARE(rig.window.findChild<SessionPanel *>()->currentSession(), read.id);
    QCOMPARE(eventsOf(rig.store, read.id), original);
    QCOMPARE(wireBytes(eventsOf(rig.store, read.id), EventKind::Received),
             QList<QByteArray>({"Michael", Binary}));
}

void tst_CaptureController::openedCaptureShowsItsConversationInChat()
{
    Rig rig;
    QVERIFY(rig.converse());
    rig.client.disconnectFromHost();
    QTRY_VERIFY(!eventsOf(rig.store, rig.server).isEmpty() &&
                eventsOf(rig.store, rig.server).constLast().kind == EventKind::Closed);
    rig.answer = rig.path("chat.pcapng");
    rig.find<QAction>("saveCaptureAction")->trigger();
    QTRY_VERIFY2(rig.status().startsWith(u"Saved "), qPrintable(rig.status()));

    QSignalSpy opened(rig.capture(), &CaptureController::captureOpened);
    rig.find<QAction>("openCaptureAction")->trigger();
    QTRY_COMPARE(opened.count(), 1);
    const SessionId read = rig.engine.sessions().constLast().id;
    QVERIFY(rig.engine.session(read).isCapture());
    QTRY_COMPARE(rig.window.findChild<SessionPanel *>()->currentSession(), read);

    // The chat tab shows the file's conversation as bubbles, both ways, in order.
    auto *chat = rig.find<ChatView>("chatView");
    QVERIFY(chat);
    QCOMPARE(chat->session(), read);
    for (QWidget *w = chat->parentWidget(); w; w = w->parentWidget()) {
        if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
            tabs->setCurrentWidget(chat);
            break;
        }
    }
    QVERIFY(chat->isVisible());
    QVERIFY(!rig.find<QLabel>("chatPlaceholder")->isVisibleTo(chat));
    const QAbstractItemModel *bubbles = rig.find<QListView>("chatMessages")->model();
    QTRY_COMPARE(bubbles->rowCount() > 0, true);
    QStringList conversation;
    for (int row = 0; row < bubbles->rowCount(); ++row) {
        const QModelIndex index = bubbles->index(row, 0);
        const auto side = ChatMessageModel::Side(index.data(ChatMessageModel::SideRole).toInt());
        if (side != ChatMessageModel::Side::Note)
            conversation << (side == ChatMessageModel::Side::Ours ? u"us: " : u"them: ") +
                                index.data().toString();
    }
    QCOMPARE(conversation.mid(0, 3),
             QStringList({QStringLiteral("us: Welcome!"), QStringLiteral("them: Michael"),
                          QStringLiteral("us: Hello, Michael!")}));
    QCOMPARE(conversation.size(), 5); // the binary message and its reply follow
    QVERIFY(conversation.at(3).startsWith(u"them: "));
    // Read-only, and it says so.
    QVERIFY(rig.find<QLabel>("chatTitle")->text().contains(u"chat.pcapng"));
    QVERIFY(!rig.find<QPlainTextEdit>("chatInput")->isEnabled());
    QVERIFY(rig.find<QLabel>("chatStatus")->text().contains(u"capture file"));
}

void tst_CaptureController::recordToFileKeepsWhatTheCapEvicts()
{
    Rig rig;
    rig.answer = rig.path("live.pcapng");
    QAction *record = rig.find<QAction>("recordToFileAction");
    QVERIFY(record);
    record->trigger();
    QVERIFY(record->isChecked());
    QVERIFY(rig.capture()->isRecording());
    auto *label = rig.find<QLabel>("recordingLabel");
    QVERIFY(label && label->isVisible());
    QVERIFY2(label->text().startsWith(u"Recording to live.pcapng"), qPrintable(label->text()));

    // The smallest cap the store takes: the conversation and notes beyond it
    // push the first events out of memory once written, but not out of the file.
    // (The recorder holds eviction up to twice the cap: more than that in one
    // burst, faster than the disk, would be counted as lost.)
    rig.store.setMemoryCap(64 * 1024);
    QVERIFY(rig.converse());
    const QByteArray filler(1000, 'x');
    for (int i = 0; i < 100; ++i)
        rig.store.append(rig.server, 0, 0, EventKind::Note, filler);
    QTRY_VERIFY(rig.store.totals().evicted > 0);
    QCOMPARE(rig.capture()->recorder()->eventsLost(), quint64(0));

    record->trigger();
    QVERIFY(!record->isChecked());
    QVERIFY(!rig.capture()->isRecording());
    QVERIFY(!label->isVisible());
    QVERIFY2(rig.status().startsWith(u"Recorded "), qPrintable(rig.status()));

    TrafficStore back;
    CaptureReader reader;
    const CaptureReadResult result = reader.read(rig.answer, &back);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QList<QByteArray> in;
    QList<QByteArray> out;
    int notes = 0;
    for (const TrafficEvent &e : back.events(back.firstSeq(), back.lastSeq())) {
        if (e.kind == EventKind::Received)
            in.append(back.payload(e));
        else if (e.kind == EventKind::Sent)
            out.append(back.payload(e));
        else if (e.kind == EventKind::Note && back.payload(e) == filler)
            ++notes;
    }
    QCOMPARE(in, QList<QByteArray>({"Michael", Binary}));
    QCOMPARE(out, QList<QByteArray>(
                      {"Welcome!", "Hello, Michael!", "Hello, " + Binary.chopped(2) + "!\r\n"}));
    QCOMPARE(notes, 100);
}

void tst_CaptureController::recordingThatCannotStartIsTold()
{
    Rig rig;
    rig.answer = rig.path("no-such-folder/live.pcapng");
    QAction *record = rig.find<QAction>("recordToFileAction");
    record->trigger();
    QVERIFY(!record->isChecked());
    QTRY_VERIFY(rig.find<QMessageBox>("recordErrorBox"));
    const QString text = rig.find<QMessageBox>("recordErrorBox")->text();
    QVERIFY2(text.contains(u"no-such-folder"), qPrintable(text));
}

void tst_CaptureController::recordingOnAFullDiskStopsAndSaysSo()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("/dev/full is missing on this machine");
    Rig rig;
    QVERIFY(rig.converse());
    rig.answer = QStringLiteral("/dev/full");
    QAction *record = rig.find<QAction>("recordToFileAction");
    record->trigger();
    // The file opens; the first flush fails and recording stops by itself.
    QTRY_VERIFY(rig.find<QMessageBox>("recordErrorBox"));
    QVERIFY(!record->isChecked());
    const QString text = rig.find<QMessageBox>("recordErrorBox")->text();
    QVERIFY2(text.contains(u"/dev/full") && text.contains(u"sessions go on"), qPrintable(text));
    // The session still answers.
    rig.client.write("again");
    QTRY_VERIFY(rig.client.received().endsWith("Hello, again!"));
    QVERIFY(QFile::exists(QStringLiteral("/dev/full")));
}

void tst_CaptureController::openingAFileThatIsNoCaptureIsTold()
{
    Rig rig;
    rig.answer = rig.path("notes.txt");
    QFile file(rig.answer);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("these are not packets\n");
    file.close();
    QSignalSpy opened(rig.capture(), &CaptureController::captureOpened);
    rig.find<QAction>("openCaptureAction")->trigger();
    QTRY_COMPARE(opened.count(), 1);
    QTRY_VERIFY(rig.find<QMessageBox>("captureOpenErrorBox"));
    const QString text = rig.find<QMessageBox>("captureOpenErrorBox")->text();
    QVERIFY2(text.startsWith(u"Cannot open ") && text.contains(u"notes.txt"), qPrintable(text));
    QCOMPARE(rig.engine.sessions().size(), 0);
}

void tst_CaptureController::savingSelectedRowsSaysHowMany()
{
    Rig rig;
    QVERIFY(rig.converse());
    QSignalSpy saved(rig.capture(), &CaptureController::captureSaved);
    const QString file = rig.path("two.pcapng");
    rig.capture()->saveCapture(file, ExportSelection::seqs({1, 3}));
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(saved.at(0).at(1).toString(), QString());
    QVERIFY2(rig.status().startsWith(u"Saved 2 events"), qPrintable(rig.status()));

    TrafficStore back;
    CaptureReader reader;
    const CaptureReadResult result = reader.read(file, &back);
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(back.lastSeq(), quint64(2));
}

QTEST_MAIN(tst_CaptureController)
#include "tst_capturecontroller.moc"
