// The send panel's toolbox driven like a person drives it: a checksum chosen
// in the combo, a repeat series started from the Repeat tab, saved messages
// sent with Alt+1, and a file sent in datagrams; the exact bytes are checked
// at a real UDP socket on loopback.

#include "engine.h"
#include "filesendcontrols.h"
#include "repeatcontrols.h"
#include "savedmessagemodel.h"
#include "sendpanel.h"
#include "sendtools.h"
#include "trafficstore.h"
#include "widgettestsupport.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QNetworkDatagram>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <QUdpSocket>

#include <memory>

namespace {

using WidgetTest::child;

void choose(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text, Qt::MatchStartsWith);
    QVERIFY2(index >= 0, qPrintable(QStringLiteral("no entry \"%1\"").arg(text)));
    combo->setCurrentIndex(index);
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TstSendTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void checksumIsAppendedLastAndPreviewed();
    void repeatShowsProgressAndCountsAtTheReceiver();
    void altOneSendsSavedMessageOne();
    void savedMessagesSurviveANewPanel();
    void fileInDatagramsWithProgress();

private:
    SessionId startUdp();
    QList<QByteArray> waitForDatagrams(int count);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TrafficStore> m_store;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<QUdpSocket> m_peer;
    std::unique_ptr<SendPanel> m_panel;
    QList<QByteArray> m_received;
};

void TstSendTools::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(s("SocketScopeTest"));
    QCoreApplication::setApplicationName(s("tst_sendtools"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TstSendTools::init()
{
    QSettings().clear();
    QFile::remove(SavedMessageModel::defaultStoragePath());
    m_received.clear();
    m_store = std::make_unique<TrafficStore>();
    m_engine = std::make_unique<Engine>(m_store.get());
    m_peer = std::make_unique<QUdpSocket>();
    QVERIFY(m_peer->bind(QHostAddress::LocalHost, 0));
    connect(m_peer.get(), &QUdpSocket::readyRead, this, [this] {
        while (m_peer->hasPendingDatagrams())
            m_received.append(m_peer->receiveDatagram().data());
    });
    m_panel = std::make_unique<SendPanel>(m_engine.get());
    m_panel->resize(480, 720);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TstSendTools::cleanup()
{
    m_panel.reset();
    m_engine.reset();
    m_peer.reset();
    m_store.reset();
}

SessionId TstSendTools::startUdp()
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.host = s("127.0.0.1");
    config.port = 0;
    config.peerHost = s("127.0.0.1");
    config.peerPort = m_peer->localPort();
    config.protocol = SessionConfig::Protocol::None;
    const SessionId id = m_engine->addSession(config);
    m_engine->start(id);
    [&] { QTRY_COMPARE(m_engine->session(id).state, SessionState::Bound); }();
    m_panel->setSession(id);
    return id;
}

QList<QByteArray> TstSendTools::waitForDatagrams(int count)
{
    [&] { QTRY_VERIFY_WITH_TIMEOUT(m_received.size() >= count, 10000); }();
    return m_received;
}

void TstSendTools::checksumIsAppendedLastAndPreviewed()
{
    startUdp();
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    choose(child<QComboBox>(m_panel.get(), "sendLineEnding"), s("CRLF"));
    auto *checksum = child<QComboBox>(m_panel.get(), "sendChecksum");
    choose(checksum, s("Sum8"));
    QVERIFY2(checksum->toolTip().contains(s("line ending included")),
             qPrintable(checksum->toolTip()));
    input->setFocus();
    QTest::keyClicks(input, s("AB"));
    const char sum = char(quint8('A' + 'B' + '\r' + '\n'));
    QCOMPARE(child<QLabel>(m_panel.get(), "sendPreview")->text(),
             s("5 B: 41 42 0d 0a ") + QString::number(quint8(sum), 16));
    QTest::mouseClick(child<QPushButton>(m_panel.get(), "sendButton"), Qt::LeftButton);
    QCOMPARE(waitForDatagrams(1).value(0), QByteArray("AB\r\n") + sum);

    // Hex with CRC-16/MODBUS: the Modbus example frame, CRC low byte first.
    choose(child<QComboBox>(m_panel.get(), "sendMode"), s("Hex"));
    choose(checksum, s("CRC-16/MODBUS"));
    QTest::keyClicks(input, s("01 03 00 00 00 0a"));
    QCOMPARE(child<QLabel>(m_panel.get(), "sendPreview")->text(),
             s("8 B: 01 03 00 00 00 0a c5 cd"));
    QTest::keyClick(input, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(waitForDatagrams(2).value(1).toHex(' '), QByteArray("01 03 00 00 00 0a c5 cd"));
}

void TstSendTools::repeatShowsProgressAndCountsAtTheReceiver()
{
    startUdp();
    choose(child<QComboBox>(m_panel.get(), "sendMode"), s("Text with escapes"));
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    QTest::keyClicks(input, s("n={{counter}}"));
    QCOMPARE(child<QLabel>(m_panel.get(), "sendPreview")->text(), s("3 B: 6e 3d 31"));
    auto *tools = child<QTabWidget>(m_panel.get(), "sendTools");
    auto *repeat = child<RepeatControls>(m_panel.get(), "repeatControls");
    tools->setCurrentWidget(repeat);
    auto *interval = child<QSpinBox>(m_panel.get(), "repeatInterval");
    auto *count = child<QSpinBox>(m_panel.get(), "repeatCount");
    interval->selectAll();
    QTest::keyClicks(interval, s("2"));
    count->selectAll();
    QTest::keyClicks(count, s("25"));
    QCOMPARE(interval->value(), 2);
    QCOMPARE(count->value(), 25);
    auto *button = child<QPushButton>(m_panel.get(), "repeatButton");
    QCOMPARE(button->text(), s("Start"));
    QTest::mouseClick(button, Qt::LeftButton);

    const QList<QByteArray> got = waitForDatagrams(25);
    for (int k = 0; k < 25; ++k)
        QCOMPARE(got.value(k), "n=" + QByteArray::number(k + 1));
    auto *progress = child<QLabel>(m_panel.get(), "repeatProgress");
    const QRegularExpression done(s("^25 of 25 sent, \\d+ late$"));
    QTRY_VERIFY2(done.match(progress->text()).hasMatch(), qPrintable(progress->text()));
    QCOMPARE(button->text(), s("Start"));
    QTest::qWait(20);
    QCOMPARE(m_received.size(), 25);

    // Until stopped: Stop ends it, and the line says how many went.
    count->selectAll();
    QTest::keyClicks(count, s("0"));
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(button->text(), s("Stop"));
    QTRY_VERIFY(m_received.size() >= 30);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE(button->text(), s("Start"));
    QTRY_VERIFY2(progress->text().endsWith(s("late (until stopped). Stopped.")),
                 qPrintable(progress->text()));
}

void TstSendTools::altOneSendsSavedMessageOne()
{
    startUdp();
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    auto *save = child<QPushButton>(m_panel.get(), "savedAdd");
    QTest::keyClicks(input, s("first"));
    QTest::mouseClick(save, Qt::LeftButton);
    input->clear();
    choose(child<QComboBox>(m_panel.get(), "sendMode"), s("Hex"));
    QTest::keyClicks(input, s("ff 00"));
    QTest::mouseClick(save, Qt::LeftButton);
    input->clear();
    auto *list = child<QListView>(m_panel.get(), "savedList");
    QCOMPARE(list->model()->rowCount(), 2);
    QCOMPARE(list->model()->index(0, 0).data().toString(), s("Alt+1   first"));
    QCOMPARE(list->model()->index(1, 0).data().toString(), s("Alt+2   ff 00"));

    input->setFocus();
    QTest::keyClick(input, Qt::Key_2, Qt::AltModifier);
    QCOMPARE(waitForDatagrams(1).value(0), QByteArray("\xff\x00", 2));
    QTest::keyClick(input, Qt::Key_1, Qt::AltModifier);
    QCOMPARE(waitForDatagrams(2).value(1), QByteArray("first"));
    // No third message: Alt+3 sends nothing.
    QTest::keyClick(input, Qt::Key_3, Qt::AltModifier);
    QTest::qWait(50);
    QCOMPARE(m_received.size(), 2);
    // Double-click... or Enter on a row sends it too.
    list->setCurrentIndex(list->model()->index(0, 0));
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(waitForDatagrams(3).value(2), QByteArray("first"));
}

void TstSendTools::savedMessagesSurviveANewPanel()
{
    startUdp();
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    QTest::keyClicks(input, s("keep me"));
    QTest::mouseClick(child<QPushButton>(m_panel.get(), "savedAdd"), Qt::LeftButton);
    m_panel = std::make_unique<SendPanel>(m_engine.get());
    m_panel->show();
    auto *list = child<QListView>(m_panel.get(), "savedList");
    QCOMPARE(list->model()->rowCount(), 1);
    QCOMPARE(list->model()->index(0, 0).data().toString(), s("Alt+1   keep me"));
    // The search box filters the list.
    QTest::keyClicks(child<QLineEdit>(m_panel.get(), "savedSearch"), s("nothing like it"));
    QCOMPARE(list->model()->rowCount(), 0);
}

void TstSendTools::fileInDatagramsWithProgress()
{
    startUdp();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(s("data.bin"));
    QByteArray content;
    for (int i = 0; i < 2300; ++i)
        content.append(char(i % 256));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    auto *size = child<QSpinBox>(m_panel.get(), "datagramSize");
    size->setValue(1000);
    auto *tools = child<QTabWidget>(m_panel.get(), "sendTools");
    tools->setCurrentWidget(child<FileSendControls>(m_panel.get(), "fileSendControls"));
    QVERIFY(size->isVisible());
    QVERIFY(m_panel->tools()->sendFile(path));
    const QList<QByteArray> got = waitForDatagrams(3);
    QCOMPARE(got.size(), 3);
    QCOMPARE(got.at(0).size(), 1000);
    QCOMPARE(got.at(2).size(), 300);
    QCOMPARE(got.join(), content);
    QTRY_COMPARE(child<QLabel>(m_panel.get(), "sendFileStatus")->text(),
                 s("Sent: 2,300 of 2,300 bytes"));
    QCOMPARE(child<QProgressBar>(m_panel.get(), "sendFileProgress")->value(), 1000);
}

QTEST_MAIN(TstSendTools)
#include "tst_sendtools.moc"
