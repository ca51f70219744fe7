// The send panel driven like a person drives it: type, pick a mode, press Send,
// and check the exact bytes that reach a real socket on loopback.

#include "engine.h"
#include "fakecatalogue.h"
#include "hostport.h"
#include "sendpanel.h"
#include "trafficstore.h"
#include "widgettestsupport.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkDatagram>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextCursor>
#include <QtTest>
#include <QUdpSocket>

#include <memory>

using WidgetTest::child;
using WidgetTest::type;

namespace {

// Picks a combo entry by its visible text, as a person reads it.
void choose(QComboBox *combo, const QString &text)
{
    const int index = combo->findText(text, Qt::MatchStartsWith);
    QVERIFY2(index >= 0, qPrintable(QStringLiteral("no entry \"%1\"").arg(text)));
    QVERIFY(combo->model()->flags(combo->model()->index(index, 0)) & Qt::ItemIsEnabled);
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
}

QByteArray hexBytes(const char *hex)
{
    return QByteArray::fromHex(hex);
}

QStringList itemTexts(const QComboBox *combo)
{
    QStringList texts;
    for (int i = 0; i < combo->count(); ++i)
        texts.append(combo->itemText(i));
    return texts;
}

QLabel *labelFor(QWidget *parent, QWidget *buddy)
{
    const QList<QLabel *> labels = parent->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->buddy() == buddy)
            return label;
    }
    qFatal("no label for %s", qPrintable(buddy->objectName()));
}

} // namespace

class TstSendPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void hexSendsExactBytes();
    void textModes_data();
    void textModes();
    void badHexShowsErrorAndSendsNothing();
    void unencodableTextShowsError();
    void ctrlReturnSends();
    void historyRecallsPreviousInputs();
    void addressTargetValidatesAsYouType();
    void disabledUntilSessionRuns();
    void eachSessionKeepsItsDraft();
    void settingsPersist();
    void tcpServerAllClientsAndSelected();
    void languageChangeIsLive();

private:
    SessionId startUdp(quint16 peerPort);
    QByteArray nextDatagram(QUdpSocket *socket);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<TrafficStore> m_store;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<QUdpSocket> m_peer;
    std::unique_ptr<SendPanel> m_panel;
};

void TstSendPanel::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_sendpanel"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TstSendPanel::init()
{
    QSettings().clear();
    m_store = std::make_unique<TrafficStore>();
    m_engine = std::make_unique<Engine>(m_store.get());
    m_peer = std::make_unique<QUdpSocket>();
    QVERIFY2(m_peer->bind(QHostAddress::LocalHost, 0), qPrintable(m_peer->errorString()));
    m_panel = std::make_unique<SendPanel>(m_engine.get());
    m_panel->resize(640, 260);
    m_panel->show();
}

void TstSendPanel::cleanup()
{
    m_panel.reset();
    m_engine.reset();
    m_peer.reset();
    m_store.reset();
}

SessionId TstSendPanel::startUdp(quint16 peerPort)
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::Udp;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.peerHost = QStringLiteral("127.0.0.1");
    config.peerPort = peerPort;
    config.protocol = SessionConfig::Protocol::None;
    const SessionId id = m_engine->addSession(config);
    m_engine->start(id);
    [&] { QTRY_COMPARE(m_engine->session(id).state, SessionState::Bound); }();
    m_panel->setSession(id);
    return id;
}

QByteArray TstSendPanel::nextDatagram(QUdpSocket *socket)
{
    [&] { QTRY_VERIFY(socket->hasPendingDatagrams()); }();
    return socket->hasPendingDatagrams() ? socket->receiveDatagram().data() : QByteArray("<none>");
}

void TstSendPanel::hexSendsExactBytes()
{
    startUdp(m_peer->localPort());
    auto *target = child<QComboBox>(m_panel.get(), "sendTarget");
    QCOMPARE(target->currentText(), QStringLiteral("Peer (127.0.0.1:%1)").arg(m_peer->localPort()));

    choose(child<QComboBox>(m_panel.get(), "sendMode"), QStringLiteral("Hex"));
    QVERIFY(!child<QComboBox>(m_panel.get(), "sendEncoding")->isEnabled());
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    QTest::keyClicks(input, QStringLiteral("48 65 6c 6c 6f"));
    QTest::mouseClick(child<QPushButton>(m_panel.get(), "sendButton"), Qt::LeftButton);

    QCOMPARE(nextDatagram(m_peer.get()), QByteArray("Hello"));
    QVERIFY(input->toPlainText().isEmpty());
    QVERIFY(child<QLabel>(m_panel.get(), "sendError")->isHidden());
}

void TstSendPanel::textModes_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<QString>("lineEnding");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("utf8 crlf") << "Text"
                               << "UTF-8"
                               << "CRLF" << QStringLiteral("你好") << hexBytes("e4bda0e5a5bd0d0a");
    QTest::newRow("gbk") << "Text"
                         << "GBK"
                         << "None" << QStringLiteral("你好") << hexBytes("c4e3bac3");
    QTest::newRow("latin1 lf") << "Text"
                               << "Latin-1"
                               << "LF" << QStringLiteral("café") << hexBytes("636166e90a");
    QTest::newRow("escapes") << "Text with escapes"
                             << "UTF-8"
                             << "None" << QStringLiteral("a\\x00b\\n") << hexBytes("6100620a");
    QTest::newRow("escapes lf") << "Text with escapes"
                                << "UTF-8"
                                << "LF" << QStringLiteral("\\t\\xff") << hexBytes("09ff0a");
}

void TstSendPanel::textModes()
{
    QFETCH(QString, mode);
    QFETCH(QString, encoding);
    QFETCH(QString, lineEnding);
    QFETCH(QString, typed);
    QFETCH(QByteArray, expected);

    startUdp(m_peer->localPort());
    choose(child<QComboBox>(m_panel.get(), "sendMode"), mode);
    choose(child<QComboBox>(m_panel.get(), "sendEncoding"), encoding);
    choose(child<QComboBox>(m_panel.get(), "sendLineEnding"), lineEnding);
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    type(input, typed);
    QCOMPARE(input->toPlainText(), typed);
    QTest::mouseClick(child<QPushButton>(m_panel.get(), "sendButton"), Qt::LeftButton);

    QCOMPARE(nextDatagram(m_peer.get()).toHex(' '), expected.toHex(' '));
}

void TstSendPanel::badHexShowsErrorAndSendsNothing()
{
    startUdp(m_peer->localPort());
    choose(child<QComboBox>(m_panel.get(), "sendMode"), QStringLiteral("Hex"));
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    auto *error = child<QLabel>(m_panel.get(), "sendError");
    auto *sendButton = child<QPushButton>(m_panel.get(), "sendButton");

    QTest::keyClicks(input, QStringLiteral("48 6g"));
    QTest::mouseClick(sendButton, Qt::LeftButton);
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("position")), qPrintable(error->text()));
    // The offending character is selected and the input kept for fixing.
    QCOMPARE(input->textCursor().selectedText(), QStringLiteral("g"));
    QCOMPARE(input->toPlainText(), QStringLiteral("48 6g"));

    // Editing clears the error; a valid send is the barrier: only it arrives.
    input->selectAll();
    QTest::keyClicks(input, QStringLiteral("01 02"));
    QVERIFY(error->isHidden());
    QTest::mouseClick(sendButton, Qt::LeftButton);
    QCOMPARE(nextDatagram(m_peer.get()), hexBytes("0102"));
    QVERIFY(!m_peer->hasPendingDatagrams());
}

void TstSendPanel::unencodableTextShowsError()
{
    startUdp(m_peer->localPort());
    choose(child<QComboBox>(m_panel.get(), "sendMode"), QStringLiteral("Text"));
    choose(child<QComboBox>(m_panel.get(), "sendEncoding"), QStringLiteral("Latin-1"));
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    type(input, QStringLiteral("ab你c"));
    QVERIFY(!m_panel->send());
    QVERIFY(child<QLabel>(m_panel.get(), "sendError")->isVisible());
    QCOMPARE(input->textCursor().selectedText(), QStringLiteral("你"));

    input->clear();
    QTest::keyClicks(input, QStringLiteral("ok"));
    QVERIFY(m_panel->send());
    QCOMPARE(nextDatagram(m_peer.get()), QByteArray("ok"));
    QVERIFY(!m_peer->hasPendingDatagrams());
}

void TstSendPanel::ctrlReturnSends()
{
    startUdp(m_peer->localPort());
    choose(child<QComboBox>(m_panel.get(), "sendMode"), QStringLiteral("Text"));
    choose(child<QComboBox>(m_panel.get(), "sendLineEnding"), QStringLiteral("None"));
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("line one"));
    QTest::keyClick(input, Qt::Key_Return); // a plain Return is a new line
    QTest::keyClicks(input, QStringLiteral("line two"));
    QTest::keyClick(input, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(nextDatagram(m_peer.get()), QByteArray("line one\nline two"));

    QTest::keyClicks(input, QStringLiteral("keypad"));
    QTest::keyClick(input, Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    QCOMPARE(nextDatagram(m_peer.get()), QByteArray("keypad"));
    QVERIFY(input->toPlainText().isEmpty());
}

void TstSendPanel::historyRecallsPreviousInputs()
{
    startUdp(m_peer->localPort());
    choose(child<QComboBox>(m_panel.get(), "sendMode"), QStringLiteral("Text"));
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    input->setFocus();
    for (const QString &text :
         {QStringLiteral("first"), QStringLiteral("second"), QStringLiteral("second")}) {
        QTest::keyClicks(input, text);
        QVERIFY(m_panel->send());
        nextDatagram(m_peer.get());
    }
    QTest::keyClicks(input, QStringLiteral("draft"));
    QTest::keyClick(input, Qt::Key_Up);
    QCOMPARE(input->toPlainText(), QStringLiteral("second"));
    QTest::keyClick(input, Qt::Key_Up); // consecutive duplicates are one entry
    QCOMPARE(input->toPlainText(), QStringLiteral("first"));
    QTest::keyClick(input, Qt::Key_Up);
    QCOMPARE(input->toPlainText(), QStringLiteral("first"));
    QTest::keyClick(input, Qt::Key_Down);
    QCOMPARE(input->toPlainText(), QStringLiteral("second"));
    QTest::keyClick(input, Qt::Key_Down);
    QCOMPARE(input->toPlainText(), QStringLiteral("draft"));

    // Inside a multi-line input, Up moves the cursor until the first line.
    input->clear();
    QTest::keyClicks(input, QStringLiteral("a"));
    QTest::keyClick(input, Qt::Key_Return);
    QTest::keyClicks(input, QStringLiteral("b"));
    QTest::keyClick(input, Qt::Key_Up);
    QCOMPARE(input->toPlainText(), QStringLiteral("a\nb"));
    QCOMPARE(input->textCursor().blockNumber(), 0);
    QTest::keyClick(input, Qt::Key_Up);
    QCOMPARE(input->toPlainText(), QStringLiteral("second"));

    // The recalled text sends again.
    QTest::mouseClick(child<QPushButton>(m_panel.get(), "sendButton"), Qt::LeftButton);
    QCOMPARE(nextDatagram(m_peer.get()), QByteArray("second"));
}

void TstSendPanel::addressTargetValidatesAsYouType()
{
    QUdpSocket other;
    QVERIFY2(other.bind(QHostAddress::LocalHost, 0), qPrintable(other.errorString()));
    startUdp(m_peer->localPort());
    auto *address = child<QLineEdit>(m_panel.get(), "sendAddress");
    auto *addressError = child<QLabel>(m_panel.get(), "sendAddressError");
    auto *sendButton = child<QPushButton>(m_panel.get(), "sendButton");
    QVERIFY(address->isHidden());
    choose(child<QComboBox>(m_panel.get(), "sendTarget"), QStringLiteral("Address"));
    QVERIFY(address->isVisible());

    address->clear();
    QTest::keyClicks(address, QStringLiteral("127.0.0.1:0"));
    QVERIFY(addressError->isVisible());
    QVERIFY(!addressError->text().isEmpty());
    QVERIFY(!sendButton->isEnabled());

    address->clear();
    QTest::keyClicks(address, QStringLiteral("127.0.0.1:%1").arg(other.localPort()));
    QVERIFY(addressError->isHidden());
    QVERIFY(sendButton->isEnabled());
    choose(child<QComboBox>(m_panel.get(), "sendMode"), QStringLiteral("Text"));
    choose(child<QComboBox>(m_panel.get(), "sendLineEnding"), QStringLiteral("None"));
    QTest::keyClicks(child<QPlainTextEdit>(m_panel.get(), "sendInput"), QStringLiteral("there"));
    QTest::mouseClick(sendButton, Qt::LeftButton);
    QCOMPARE(nextDatagram(&other), QByteArray("there"));
    QVERIFY(!m_peer->hasPendingDatagrams());
}

void TstSendPanel::disabledUntilSessionRuns()
{
    auto *hint = child<QLabel>(m_panel.get(), "sendHint");
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    auto *sendButton = child<QPushButton>(m_panel.get(), "sendButton");
    QVERIFY(hint->isVisible());
    QVERIFY(hint->text().contains(QStringLiteral("Start a session to send")));
    QVERIFY(!input->isEnabled());

    const SessionId id = startUdp(m_peer->localPort());
    QVERIFY(hint->isHidden());
    QVERIFY(input->isEnabled());
    QVERIFY(sendButton->isEnabled());

    m_engine->stop(id);
    QTRY_VERIFY(hint->isVisible());
    QVERIFY(!input->isEnabled());
    QVERIFY(!sendButton->isEnabled());
}

// Switching sessions shows each one's own text and error, and an error
// appearing does not move the form.
void TstSendPanel::eachSessionKeepsItsDraft()
{
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    auto *error = child<QLabel>(m_panel.get(), "sendError");
    auto *sendButton = child<QPushButton>(m_panel.get(), "sendButton");
    m_panel->resize(420, 640); // the side column's size at 1280x800
    const SessionId first = startUdp(m_peer->localPort());
    choose(child<QComboBox>(m_panel.get(), "sendMode"), QStringLiteral("Hex"));
    QTest::keyClicks(input, QStringLiteral("zz"));
    const QPoint buttonAt = sendButton->pos();
    const QRect inputAt = input->geometry();
    const QRect toolsAt = child<QWidget>(m_panel.get(), "sendTools")->geometry();
    QTest::mouseClick(sendButton, Qt::LeftButton);
    QVERIFY(error->isVisible());
    const QString firstError = error->text();
    QCOMPARE(sendButton->pos(), buttonAt);
    QCOMPARE(input->geometry(), inputAt);
    QCOMPARE(child<QWidget>(m_panel.get(), "sendTools")->geometry(), toolsAt);

    const SessionId second = startUdp(m_peer->localPort());
    QCOMPARE(input->toPlainText(), QString());
    QVERIFY(error->isHidden());
    QTest::keyClicks(input, QStringLiteral("41 42"));

    m_panel->setSession(first);
    QCOMPARE(input->toPlainText(), QStringLiteral("zz"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), firstError);
    m_panel->setSession(second);
    QCOMPARE(input->toPlainText(), QStringLiteral("41 42"));
    QVERIFY(error->isHidden());
    QTest::mouseClick(sendButton, Qt::LeftButton);
    QCOMPARE(nextDatagram(m_peer.get()), hexBytes("4142"));
}

void TstSendPanel::settingsPersist()
{
    choose(child<QComboBox>(m_panel.get(), "sendMode"), QStringLiteral("Text with escapes"));
    choose(child<QComboBox>(m_panel.get(), "sendEncoding"), QStringLiteral("GBK"));
    choose(child<QComboBox>(m_panel.get(), "sendLineEnding"), QStringLiteral("CRLF"));
    m_panel.reset();

    SendPanel reopened(m_engine.get());
    QCOMPARE(child<QComboBox>(&reopened, "sendMode")->currentText(),
             QStringLiteral("Text with escapes"));
    QCOMPARE(child<QComboBox>(&reopened, "sendEncoding")->currentText(), QStringLiteral("GBK"));
    QVERIFY(child<QComboBox>(&reopened, "sendLineEnding")->currentText().startsWith(u"CRLF"));
}

void TstSendPanel::tcpServerAllClientsAndSelected()
{
    SessionConfig config;
    config.kind = SessionConfig::Kind::TcpServer;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 0;
    config.protocol = SessionConfig::Protocol::None;
    const SessionId id = m_engine->addSession(config);
    m_engine->start(id);
    QTRY_COMPARE(m_engine->session(id).state, SessionState::Listening);
    HostPort::Parsed listening;
    QString error;
    QVERIFY2(HostPort::parse(m_engine->session(id).detail, HostPort::HostRule::Required,
                             HostPort::PortRule::NonZero, &listening, &error),
             qPrintable(error));

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, listening.port);
    QVERIFY2(client.waitForConnected(5000), qPrintable(client.errorString()));
    QTRY_COMPARE(m_store->totals().openConnections, quint64(1));

    m_panel->setSession(id);
    auto *target = child<QComboBox>(m_panel.get(), "sendTarget");
    QCOMPARE(target->currentText(), QStringLiteral("All clients"));
    // No connection selected yet: that entry is there but disabled.
    const int selectedIndex = target->findText(QStringLiteral("Selected connection"));
    QVERIFY(selectedIndex >= 0);
    QVERIFY(
        !(target->model()->flags(target->model()->index(selectedIndex, 0)) & Qt::ItemIsEnabled));

    choose(child<QComboBox>(m_panel.get(), "sendMode"), QStringLiteral("Text"));
    choose(child<QComboBox>(m_panel.get(), "sendLineEnding"), QStringLiteral("LF"));
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    QTest::keyClicks(input, QStringLiteral("to everyone"));
    QTest::mouseClick(child<QPushButton>(m_panel.get(), "sendButton"), Qt::LeftButton);
    QTRY_COMPARE(client.bytesAvailable(), qint64(12));
    QCOMPARE(client.readAll(), QByteArray("to everyone\n"));

    quint64 serial = 0;
    const QList<TrafficStore::ConnectionInfo> connections =
        m_store->connectionsChangedSince(0, &serial);
    QCOMPARE(connections.size(), 1);
    m_panel->setSelectedConnection(connections.first().id);
    const QString expected =
        QStringLiteral("Selected connection (127.0.0.1:%1)").arg(client.localPort());
    QVERIFY(target->findText(expected) >= 0);
    choose(target, expected);
    QTest::keyClicks(input, QStringLiteral("just you"));
    QTest::mouseClick(child<QPushButton>(m_panel.get(), "sendButton"), Qt::LeftButton);
    QTRY_COMPARE(client.bytesAvailable(), qint64(9));
    QCOMPARE(client.readAll(), QByteArray("just you\n"));
}

void TstSendPanel::languageChangeIsLive()
{
    const quint16 port = m_peer->localPort();
    startUdp(port);
    auto *target = child<QComboBox>(m_panel.get(), "sendTarget");
    auto *address = child<QLineEdit>(m_panel.get(), "sendAddress");
    auto *input = child<QPlainTextEdit>(m_panel.get(), "sendInput");
    auto *mode = child<QComboBox>(m_panel.get(), "sendMode");
    auto *lineEnding = child<QComboBox>(m_panel.get(), "sendLineEnding");
    auto *sendButton = child<QPushButton>(m_panel.get(), "sendButton");
    auto *error = child<QLabel>(m_panel.get(), "sendError");
    // Choices that are not the defaults, to see them kept.
    choose(target, QStringLiteral("Address"));
    QTest::keyClicks(address, QStringLiteral("127.0.0.1:%1").arg(port));
    choose(lineEnding, QStringLiteral("CRLF"));
    choose(mode, QStringLiteral("Hex"));
    QVERIFY(!m_panel->send());
    QCOMPARE(error->text(), QStringLiteral("There is nothing to send: the input is empty."));

    FakeCatalogue zh({
        {"SendPanel", "&Send", QStringLiteral("发送(&S)")},
        {"SendPanel", "Send", QStringLiteral("发送")},
        {"SendPanel", "Send the message (Ctrl+Enter)", QStringLiteral("发送消息（Ctrl+Enter）")},
        {"SendPanel", "Send to", QStringLiteral("发送到")},
        {"SendPanel", "Send &to:", QStringLiteral("发送到(&T)：")},
        {"SendFormatControls", "Mode", QStringLiteral("模式")},
        {"SendFormatControls", "Hex", QStringLiteral("十六进制")},
        {"SendFormatControls", "Text with escapes", QStringLiteral("转义文本")},
        {"SendFormatControls", "None", QStringLiteral("无")},
        {"SendTargets", "Peer (%1)", QStringLiteral("对端（%1）")},
        {"SendTargets", "Address…", QStringLiteral("地址…")},
        {"SendPanel", "Hex bytes, e.g. 48 65 6c 6c 6f",
         QStringLiteral("十六进制字节，例如 48 65 6c 6c 6f")},
        {"SendPanel", "There is nothing to send: the input is empty.",
         QStringLiteral("没有可发送的内容：输入为空。")},
    });
    QVERIFY(QCoreApplication::installTranslator(&zh));
    QTRY_COMPARE(sendButton->text(), QStringLiteral("发送(&S)"));
    QCOMPARE(sendButton->accessibleName(), QStringLiteral("发送"));
    QCOMPARE(sendButton->toolTip(), QStringLiteral("发送消息（Ctrl+Enter）"));
    // The mnemonic follows the translated text.
    QCOMPARE(sendButton->shortcut(), QKeySequence::mnemonic(QStringLiteral("发送(&S)")));
    QCOMPARE(target->accessibleName(), QStringLiteral("发送到"));
    QCOMPARE(labelFor(m_panel.get(), target)->text(), QStringLiteral("发送到(&T)："));
    QCOMPARE(itemTexts(target),
             (QStringList{QStringLiteral("对端（127.0.0.1:%1）").arg(port),
                          QStringLiteral("Selected peer"), QStringLiteral("地址…")}));
    QCOMPARE(target->currentIndex(), 2);
    QVERIFY(address->isVisible());
    QCOMPARE(mode->accessibleName(), QStringLiteral("模式"));
    QCOMPARE(itemTexts(mode), (QStringList{QStringLiteral("Text"), QStringLiteral("十六进制"),
                                           QStringLiteral("转义文本")}));
    QCOMPARE(mode->currentIndex(), 1);
    QCOMPARE(lineEnding->itemText(0), QStringLiteral("无"));
    QCOMPARE(lineEnding->currentIndex(), 2);
    QCOMPARE(input->placeholderText(), QStringLiteral("十六进制字节，例如 48 65 6c 6c 6f"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("没有可发送的内容：输入为空。"));

    QCoreApplication::removeTranslator(&zh);
    QTRY_COMPARE(sendButton->text(), QStringLiteral("&Send"));
    QCOMPARE(sendButton->shortcut(), QKeySequence::mnemonic(QStringLiteral("&Send")));
    QCOMPARE(labelFor(m_panel.get(), target)->text(), QStringLiteral("Send &to:"));
    QCOMPARE(itemTexts(target),
             (QStringList{QStringLiteral("Peer (127.0.0.1:%1)").arg(port),
                          QStringLiteral("Selected peer"), QStringLiteral("Address…")}));
    QCOMPARE(target->currentIndex(), 2);
    QCOMPARE(itemTexts(mode), (QStringList{QStringLiteral("Text"), QStringLiteral("Hex"),
                                           QStringLiteral("Text with escapes")}));
    QCOMPARE(mode->currentIndex(), 1);
    QCOMPARE(lineEnding->itemText(0), QStringLiteral("None"));
    QCOMPARE(lineEnding->currentIndex(), 2);
    QCOMPARE(input->placeholderText(), QStringLiteral("Hex bytes, e.g. 48 65 6c 6c 6f"));
    QCOMPARE(error->text(), QStringLiteral("There is nothing to send: the input is empty."));

    // The choices kept still make the bytes: hex to the typed address.
    QTest::keyClicks(input, QStringLiteral("48 69"));
    QVERIFY(m_panel->send());
    QCOMPARE(nextDatagram(m_peer.get()), QByteArray("Hi"));
}

QTEST_MAIN(TstSendPanel)
#include "tst_sendpanel.moc"
