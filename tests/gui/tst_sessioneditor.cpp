#include "hostport.h"
#include "sessioneditor.h"
#include "sessionkind.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

class tst_SessionEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portValidatedAsYouType_data();
    void portValidatedAsYouType();
    void addressValidatedAsYouType_data();
    void addressValidatedAsYouType();
    void chatNeedsPeer();
    void roundTrip_data();
    void roundTrip();
    void rowsPerKind_data();
    void rowsPerKind();
    void protocolChangeShowsItsRows();
    void namePlaceholderIsTheDefaultName();
    void lockedWhileRunning();
    void idleTimeoutTakesFractions();
    void tlsRowsFollowTheSwitch_data();
    void tlsRowsFollowTheSwitch();
    void multicastFieldsMakeTheConfig();

private:
    static void showEditor(SessionEditor *editor, const SessionConfig &config);
    static void retype(QLineEdit *edit, const QString &text);
    static QLabel *labelFor(SessionEditor *editor, QWidget *field);
};

void tst_SessionEditor::showEditor(SessionEditor *editor, const SessionConfig &config)
{
    editor->setConfig(config);
    editor->resize(400, 600);
    editor->show();
    QVERIFY(QTest::qWaitForWindowExposed(editor));
}

// What a person does: focus the field, select everything, type over it.
void tst_SessionEditor::retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Backspace);
    else
        QTest::keyClicks(edit, text);
}

QLabel *tst_SessionEditor::labelFor(SessionEditor *editor, QWidget *field)
{
    const auto labels = editor->findChildren<QLabel *>();
    for (QLabel *label : labels) {
        if (label->buddy() == field)
            return label;
    }
    return nullptr;
}

void tst_SessionEditor::portValidatedAsYouType_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("error"); // empty: valid

    const int server = int(SessionConfig::Kind::TcpServer);
    const int client = int(SessionConfig::Kind::TcpClient);
    const int udp = int(SessionConfig::Kind::Udp);
    QTest::newRow("out of range") << server << "70000"
                                  << "out of range";
    QTest::newRow("not a number") << server << "abc"
                                  << "not a number";
    QTest::newRow("empty") << server << ""
                           << "missing";
    QTest::newRow("valid") << server << "9999"
                           << "";
    QTest::newRow("server any port") << server << "0"
                                     << "";
    QTest::newRow("client port 0") << client << "0"
                                   << "Port 0 cannot be used here";
    QTest::newRow("client valid") << client << "80"
                                  << "";
    QTest::newRow("udp out of range") << udp << "65536"
                                      << "out of range";
}

void tst_SessionEditor::portValidatedAsYouType()
{
    QFETCH(int, kind);
    QFETCH(QString, typed);
    QFETCH(QString, error);

    SessionConfig config;
    config.kind = SessionConfig::Kind(kind);
    config.protocol = SessionConfig::Protocol::None;
    SessionEditor editor;
    showEditor(&editor, config);
    auto *port = editor.findChild<QLineEdit *>(QStringLiteral("portEdit"));
    auto *portError = editor.findChild<QLabel *>(QStringLiteral("portError"));
    QVERIFY(port && portError);
    QVERIFY(!portError->isVisible());

    QSignalSpy edited(&editor, &SessionEditor::edited);
    retype(port, typed);
    QCOMPARE(port->text(), typed);
    QVERIFY(!edited.isEmpty());
    QCOMPARE(edited.last().at(0).toBool(), error.isEmpty());
    QCOMPARE(editor.isValid(), error.isEmpty());
    QCOMPARE(portError->isVisible(), !error.isEmpty());
    QCOMPARE(port->property("invalid").toBool(), !error.isEmpty());
    if (!error.isEmpty()) {
        QVERIFY2(portError->text().contains(error), qPrintable(portError->text()));
        // The label sits directly under its field.
        QVERIFY(portError->mapTo(&editor, QPoint(0, 0)).y() >=
                port->mapTo(&editor, QPoint(0, port->height())).y());
    } else {
        QCOMPARE(editor.config().port, typed.toUShort());
    }
}

void tst_SessionEditor::addressValidatedAsYouType_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << ""
                           << "Give the address to listen on.";
    QTest::newRow("space") << "my host"
                           << "cannot contain spaces";
    QTest::newRow("bad ipv6") << "::1::2"
                              << "is not an IPv6 address";
    QTest::newRow("ipv4") << "0.0.0.0"
                          << "";
    QTest::newRow("ipv6") << "::1"
                          << "";
    QTest::newRow("ipv6 in brackets") << "[::1]"
                                      << "";
    QTest::newRow("name") << "localhost"
                          << "";
}

void tst_SessionEditor::addressValidatedAsYouType()
{
    QFETCH(QString, typed);
    QFETCH(QString, error);

    SessionEditor editor;
    showEditor(&editor, SessionKind::templateConfig(u"TcpHelloServer"));
    auto *address = editor.findChild<QLineEdit *>(QStringLiteral("addressEdit"));
    auto *addressError = editor.findChild<QLabel *>(QStringLiteral("addressError"));
    QVERIFY(address && addressError);

    QSignalSpy edited(&editor, &SessionEditor::edited);
    retype(address, typed);
    QCOMPARE(edited.last().at(0).toBool(), error.isEmpty());
    QCOMPARE(addressError->isVisible(), !error.isEmpty());
    if (!error.isEmpty())
        QVERIFY2(addressError->text().contains(error), qPrintable(addressError->text()));
    else
        QCOMPARE(editor.config().host, typed == u"[::1]" ? QStringLiteral("::1") : typed);
}

void tst_SessionEditor::chatNeedsPeer()
{
    SessionEditor editor;
    showEditor(&editor, SessionKind::templateConfig(u"UdpChat"));
    auto *peer = editor.findChild<QLineEdit *>(QStringLiteral("peerEdit"));
    auto *peerError = editor.findChild<QLabel *>(QStringLiteral("peerError"));
    QVERIFY(peer && peerError);
    QCOMPARE(peer->text(), QStringLiteral("127.0.0.1:8889"));
    QVERIFY(editor.isValid());

    QSignalSpy edited(&editor, &SessionEditor::edited);
    retype(peer, QString());
    QCOMPARE(peer->text(), QString());
    QCOMPARE(edited.last().at(0).toBool(), false);
    QVERIFY(peerError->isVisible());
    QVERIFY2(peerError->text().contains(QStringLiteral("needs a peer")),
             qPrintable(peerError->text()));

    retype(peer, QStringLiteral("127.0.0.1"));
    QVERIFY(!editor.isValid());
    QVERIFY2(peerError->text().contains(QStringLiteral("give a host and a port")),
             qPrintable(peerError->text()));

    retype(peer, QStringLiteral("[::1]:8890"));
    QCOMPARE(edited.last().at(0).toBool(), true);
    QVERIFY(!peerError->isVisible());
    QCOMPARE(editor.config().peerHost, QStringLiteral("::1"));
    QCOMPARE(editor.config().peerPort, quint16(8890));

    // Without chat a peer is optional.
    SessionEditor plain;
    showEditor(&plain, SessionKind::templateConfig(u"PlainUdp"));
    auto *plainPeer = plain.findChild<QLineEdit *>(QStringLiteral("peerEdit"));
    retype(plainPeer, QStringLiteral("x"));
    QVERIFY(!plain.isValid());
    retype(plainPeer, QString());
    QVERIFY(plain.isValid());
    QVERIFY(!plain.findChild<QLabel *>(QStringLiteral("peerError"))->isVisible());
}

static QStringList fields(const SessionConfig &c)
{
    return {SessionConfig::kindKeyword(c.kind),
            c.name,
            c.host,
            QString::number(c.port),
            c.peerHost,
            QString::number(c.peerPort),
            SessionConfig::protocolKeyword(c.protocol),
            QString::fromUtf8(c.greeting),
            QString::fromUtf8(c.replyTemplate),
            QString::fromUtf8(c.exitWord),
            QString::fromUtf8(c.endWord),
            QString::number(int(c.framing)),
            QString::number(c.maxLineLength),
            QString::number(c.maxClients),
            QString::number(c.idleTimeoutMs),
            QString::number(c.connectTimeoutSeconds),
            c.path,
            c.peerPath,
            QString::number(c.seqpacket),
            QString::number(int(c.tls.enabled)),
            c.tls.certificateFile,
            c.tls.keyFile,
            c.tls.caFile,
            c.tls.clientCaFile,
            QString::number(int(c.tls.insecure)),
            c.tls.sni,
            c.tls.alpn,
            c.tls.trustFingerprint};
}

void tst_SessionEditor::roundTrip_data()
{
    QTest::addColumn<SessionConfig>("config");

    SessionConfig server;
    server.name = QStringLiteral("greeter");
    server.host = QStringLiteral("0.0.0.0");
    server.port = 2000;
    server.greeting = "Hi there";
    server.replyTemplate = "You said %s";
    server.exitWord = "bye";
    server.framing = SessionConfig::Framing::Lines;
    server.maxLineLength = 100;
    server.maxClients = 5;
    server.idleTimeoutMs = 2500;
    QTest::newRow("tcp server") << server;

    SessionConfig raw = SessionKind::templateConfig(u"TcpHelloServer");
    raw.protocol = SessionConfig::Protocol::None;
    raw.port = 0;
    QTest::newRow("tcp server, no protocol") << raw;

    SessionConfig client = SessionKind::templateConfig(u"TcpClient");
    client.host = QStringLiteral("localhost");
    client.connectTimeoutSeconds = 3;
    QTest::newRow("tcp client") << client;

    SessionConfig tlsServer = server;
    tlsServer.tls.enabled = true;
    tlsServer.tls.certificateFile = QStringLiteral("/etc/ssl/server.pem");
    tlsServer.tls.keyFile = QStringLiteral("/etc/ssl/server.key");
    tlsServer.tls.clientCaFile = QStringLiteral("/etc/ssl/clients.pem");
    QTest::newRow("tcp server, tls") << tlsServer;

    SessionConfig tlsClient = client;
    tlsClient.tls.enabled = true;
    tlsClient.tls.sni = QStringLiteral("example.org");
    tlsClient.tls.alpn = QStringLiteral("h2,http/1.1");
    tlsClient.tls.trustFingerprint = QString(64, u'A');
    tlsClient.tls.certificateFile = QStringLiteral("/home/me/client.pem");
    tlsClient.tls.keyFile = QStringLiteral("/home/me/client.key");
    QTest::newRow("tcp client, tls") << tlsClient;

    SessionConfig chat = SessionKind::templateConfig(u"UdpChat");
    chat.host = QStringLiteral("::1");
    chat.peerHost = QStringLiteral("::1");
    chat.endWord = "再见";
    QTest::newRow("udp chat") << chat;

    SessionConfig chatForever = SessionKind::templateConfig(u"UdpChat");
    chatForever.endWord.clear();
    QTest::newRow("udp chat without end word") << chatForever;

    QTest::newRow("udp hello") << SessionKind::templateConfig(u"UdpHelloServer");
    QTest::newRow("plain udp") << SessionKind::templateConfig(u"PlainUdp");

    SessionConfig unixServer = SessionKind::templateConfig(u"UnixHelloServer");
    unixServer.path = QStringLiteral("@socketscope");
    unixServer.seqpacket = true;
    QTest::newRow("unix server") << unixServer;
    SessionConfig unixChat = SessionKind::templateConfig(u"UnixDgramHelloServer");
    unixChat.protocol = SessionConfig::Protocol::Chat;
    unixChat.peerPath = QStringLiteral("/run/other.sock");
    QTest::newRow("unix datagram chat") << unixChat;
}

void tst_SessionEditor::roundTrip()
{
    QFETCH(SessionConfig, config);
    SessionEditor editor;
    QSignalSpy edited(&editor, &SessionEditor::edited);
    editor.setConfig(config);
    QVERIFY(editor.isValid());
    QCOMPARE(fields(editor.config()), fields(config));
    // Loading settings is not an edit.
    QCOMPARE(edited.count(), 0);
}

void tst_SessionEditor::rowsPerKind_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("protocol");
    QTest::addColumn<int>("framing");
    QTest::addColumn<QStringList>("shown");

    using K = SessionConfig::Kind;
    using P = SessionConfig::Protocol;
    const int perRead = int(SessionConfig::Framing::PerRead);
    const int lines = int(SessionConfig::Framing::Lines);
    QTest::newRow("tcp hello server")
        << int(K::TcpServer) << int(P::Hello) << perRead
        << QStringList{"protocolCombo", "greetingEdit",   "replyEdit",       "exitWordEdit",
                       "framingCombo",  "maxClientsSpin", "idleTimeoutSpin", "tlsCheck"};
    QTest::newRow("tcp hello server, lines")
        << int(K::TcpServer) << int(P::Hello) << lines
        << QStringList{"protocolCombo",  "greetingEdit",    "replyEdit",
                       "exitWordEdit",   "framingCombo",    "maxLineSpin",
                       "maxClientsSpin", "idleTimeoutSpin", "tlsCheck"};
    QTest::newRow("tcp server") << int(K::TcpServer) << int(P::None) << perRead
                                << QStringList{"protocolCombo", "maxClientsSpin", "idleTimeoutSpin",
                                               "tlsCheck"};
    QTest::newRow("tcp client") << int(K::TcpClient) << int(P::None) << perRead
                                << QStringList{"connectTimeoutSpin", "tlsCheck"};
    const QStringList multicast{"broadcastCheck", "multicastGroupsEdit", "multicastInterfaceCombo",
                                "ttlSpin", "multicastLoopCombo"};
    QTest::newRow("udp chat") << int(K::Udp) << int(P::Chat) << perRead
                              << QStringList{"peerEdit", "protocolCombo", "endWordEdit"} +
                                     multicast;
    QTest::newRow("udp hello") << int(K::Udp) << int(P::Hello) << perRead
                               << QStringList{"peerEdit", "protocolCombo", "replyEdit"} + multicast;
    QTest::newRow("udp") << int(K::Udp) << int(P::None) << perRead
                         << QStringList{"peerEdit", "protocolCombo"} + multicast;
    QTest::newRow("unix hello server")
        << int(K::UnixServer) << int(P::Hello) << perRead
        << QStringList{"pathEdit",     "seqpacketCheck", "protocolCombo",
                       "greetingEdit", "replyEdit",      "exitWordEdit",
                       "framingCombo", "maxClientsSpin", "idleTimeoutSpin"};
    QTest::newRow("unix client") << int(K::UnixClient) << int(P::None) << perRead
                                 << QStringList{"pathEdit", "seqpacketCheck", "connectTimeoutSpin"};
    QTest::newRow("unix datagram chat")
        << int(K::UnixDgram) << int(P::Chat) << perRead
        << QStringList{"pathEdit", "peerEdit", "protocolCombo", "endWordEdit"};
}

void tst_SessionEditor::rowsPerKind()
{
    QFETCH(int, kind);
    QFETCH(int, protocol);
    QFETCH(int, framing);
    QFETCH(QStringList, shown);

    SessionConfig config;
    config.kind = SessionConfig::Kind(kind);
    config.protocol = SessionConfig::Protocol(protocol);
    config.framing = SessionConfig::Framing(framing);
    config.peerHost = QStringLiteral("127.0.0.1");
    config.peerPort = 8889;
    SessionEditor editor;
    showEditor(&editor, config);

    // Always there: name and type; address and port for the network kinds.
    shown << QStringList{"nameEdit", "typeLabel"};
    if (!SessionKind::usesPath(config.kind))
        shown << QStringList{"addressEdit", "portEdit"};
    const QStringList all{"nameEdit", "typeLabel", "addressEdit", "portEdit", "pathEdit",
                          "seqpacketCheck", "peerEdit", "protocolCombo", "greetingEdit",
                          "replyEdit", "exitWordEdit", "endWordEdit", "framingCombo", "maxLineSpin",
                          "maxClientsSpin", "idleTimeoutSpin", "connectTimeoutSpin",
                          // TLS is off: its switch alone, and only for TCP.
                          "tlsCheck", "tlsCertificateEdit", "tlsKeyEdit", "tlsCaEdit",
                          "tlsInsecureCheck", "tlsSniEdit", "tlsAlpnEdit", "tlsTrustEdit",
                          // Broadcast and multicast: UDP only.
                          "broadcastCheck", "multicastGroupsEdit", "multicastInterfaceCombo",
                          "ttlSpin", "multicastLoopCombo"};
    for (const QString &name : all) {
        auto *field = editor.findChild<QWidget *>(name);
        QVERIFY2(field, qPrintable(name));
        QLabel *label = labelFor(&editor, field);
        QVERIFY2(label, qPrintable(name));
        const bool expected = shown.contains(name);
        QVERIFY2(field->isVisible() == expected, qPrintable(name));
        QVERIFY2(label->isVisible() == expected, qPrintable(name));
        QCOMPARE(field->accessibleName(), label->text());
    }
}

void tst_SessionEditor::protocolChangeShowsItsRows()
{
    SessionEditor editor;
    showEditor(&editor, SessionKind::templateConfig(u"TcpHelloServer"));
    auto *protocol = editor.findChild<QComboBox *>(QStringLiteral("protocolCombo"));
    auto *greeting = editor.findChild<QLineEdit *>(QStringLiteral("greetingEdit"));
    auto *type = editor.findChild<QLabel *>(QStringLiteral("typeLabel"));
    QCOMPARE(type->text(), QStringLiteral("TCP hello server"));
    QVERIFY(greeting->isVisible());
    QCOMPARE(protocol->count(), 2); // hello, none: no chat over TCP

    QSignalSpy edited(&editor, &SessionEditor::edited);
    protocol->setFocus();
    QTest::keyClick(protocol, Qt::Key_Down);
    QCOMPARE(protocol->currentText(), QStringLiteral("None"));
    QCOMPARE(edited.count(), 1);
    QVERIFY(!greeting->isVisible());
    QCOMPARE(type->text(), QStringLiteral("TCP server"));
    QCOMPARE(editor.config().protocol, SessionConfig::Protocol::None);

    // Lines framing brings its maximum line length.
    SessionEditor lines;
    showEditor(&lines, SessionKind::templateConfig(u"TcpHelloServer"));
    auto *framing = lines.findChild<QComboBox *>(QStringLiteral("framingCombo"));
    auto *maxLine = lines.findChild<QSpinBox *>(QStringLiteral("maxLineSpin"));
    QVERIFY(!maxLine->isVisible());
    framing->setFocus();
    QTest::keyClick(framing, Qt::Key_Down);
    QVERIFY(maxLine->isVisible());
    QCOMPARE(lines.config().framing, SessionConfig::Framing::Lines);

    // UDP: the chat needs its peer and shows its end word.
    SessionEditor udp;
    showEditor(&udp, SessionKind::templateConfig(u"PlainUdp"));
    auto *udpProtocol = udp.findChild<QComboBox *>(QStringLiteral("protocolCombo"));
    auto *endWord = udp.findChild<QLineEdit *>(QStringLiteral("endWordEdit"));
    QCOMPARE(udpProtocol->count(), 3);
    QVERIFY(!endWord->isVisible());
    udpProtocol->setFocus();
    QTest::keyClick(udpProtocol, Qt::Key_Up);
    QCOMPARE(udpProtocol->currentText(), QStringLiteral("Chat"));
    QVERIFY(endWord->isVisible());
    QVERIFY(!udp.isValid());
    QVERIFY(udp.findChild<QLabel *>(QStringLiteral("peerError"))->isVisible());
}

void tst_SessionEditor::namePlaceholderIsTheDefaultName()
{
    SessionEditor editor;
    showEditor(&editor, SessionKind::templateConfig(u"TcpHelloServer"));
    auto *name = editor.findChild<QLineEdit *>(QStringLiteral("nameEdit"));
    QCOMPARE(name->text(), QString());
    QCOMPARE(name->placeholderText(), QStringLiteral("TCP server 127.0.0.1:9999"));
    retype(editor.findChild<QLineEdit *>(QStringLiteral("portEdit")), QStringLiteral("7000"));
    QCOMPARE(name->placeholderText(), QStringLiteral("TCP server 127.0.0.1:7000"));
    QCOMPARE(editor.config().name, QString());
    retype(name, QStringLiteral("my server"));
    QCOMPARE(editor.config().name, QStringLiteral("my server"));
    QCOMPARE(editor.config().displayName(), QStringLiteral("my server"));
}

void tst_SessionEditor::lockedWhileRunning()
{
    SessionEditor editor;
    showEditor(&editor, SessionKind::templateConfig(u"TcpHelloServer"));
    auto *note = editor.findChild<QLabel *>(QStringLiteral("lockedNote"));
    auto *port = editor.findChild<QLineEdit *>(QStringLiteral("portEdit"));
    auto *protocol = editor.findChild<QComboBox *>(QStringLiteral("protocolCombo"));
    QVERIFY(!note->isVisible());

    editor.setLocked(true);
    QVERIFY(note->isVisible());
    QCOMPARE(note->text(), QStringLiteral("Stop the session to change its settings."));
    QSignalSpy edited(&editor, &SessionEditor::edited);
    retype(port, QStringLiteral("1234"));
    QCOMPARE(port->text(), QStringLiteral("9999"));
    QVERIFY(!protocol->isEnabled());
    QCOMPARE(edited.count(), 0);

    editor.setLocked(false);
    QVERIFY(!note->isVisible());
    retype(port, QStringLiteral("1234"));
    QCOMPARE(editor.config().port, quint16(1234));
}

void tst_SessionEditor::idleTimeoutTakesFractions()
{
    SessionConfig config = SessionKind::templateConfig(u"TcpHelloServer");
    config.idleTimeoutMs = 250;
    SessionEditor editor;
    showEditor(&editor, config);
    auto *idle = editor.findChild<QDoubleSpinBox *>(QStringLiteral("idleTimeoutSpin"));
    QVERIFY(idle);
    QCOMPARE(idle->text(), QStringLiteral("0.25 s"));

    QSignalSpy edited(&editor, &SessionEditor::edited);
    idle->setFocus();
    idle->selectAll();
    QTest::keyClicks(idle, QStringLiteral("1.5"));
    QTest::keyClick(idle, Qt::Key_Tab);
    QCOMPARE(editor.config().idleTimeoutMs, qint64(1500));
    QCOMPARE(idle->text(), QStringLiteral("1.5 s"));
    QVERIFY(edited.count() > 0);

    idle->setFocus();
    idle->selectAll();
    QTest::keyClicks(idle, QStringLiteral("30"));
    QTest::keyClick(idle, Qt::Key_Tab);
    QCOMPARE(editor.config().idleTimeoutMs, qint64(30000));
    QCOMPARE(idle->text(), QStringLiteral("30 s"));

    idle->setValue(0);
    QCOMPARE(idle->text(), QStringLiteral("Off"));
    QCOMPARE(editor.config().idleTimeoutMs, qint64(0));
}

void tst_SessionEditor::tlsRowsFollowTheSwitch_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("tlsRows");
    QTest::newRow("tcp server") << int(SessionConfig::Kind::TcpServer)
                                << QStringList{"tlsCertificateEdit", "tlsKeyEdit",
                                               "tlsClientCaEdit"};
    QTest::newRow("tcp client") << int(SessionConfig::Kind::TcpClient)
                                << QStringList{"tlsCaEdit",    "tlsInsecureCheck",
                                               "tlsSniEdit",   "tlsAlpnEdit",
                                               "tlsTrustEdit", "tlsCertificateEdit",
                                               "tlsKeyEdit"};
}

void tst_SessionEditor::tlsRowsFollowTheSwitch()
{
    QFETCH(int, kind);
    QFETCH(QStringList, tlsRows);
    SessionConfig config;
    config.kind = SessionConfig::Kind(kind);
    config.protocol = SessionConfig::Protocol::None;
    SessionEditor editor;
    showEditor(&editor, config);
    const QStringList all{"tlsCertificateEdit", "tlsKeyEdit", "tlsClientCaEdit", "tlsCaEdit",
                          "tlsInsecureCheck",   "tlsSniEdit", "tlsAlpnEdit",     "tlsTrustEdit"};
    auto *tls = editor.findChild<QCheckBox *>(QStringLiteral("tlsCheck"));
    QVERIFY(tls);
    QCOMPARE(tls->accessibleName(), QStringLiteral("TLS"));
    QSignalSpy edited(&editor, &SessionEditor::edited);

    // Switched on with the keyboard: the kind's TLS rows appear, and only those.
    tls->setFocus();
    QTest::keyClick(tls, Qt::Key_Space);
    QVERIFY(tls->isChecked());
    QCOMPARE(edited.count(), 1);
    for (const QString &name : all) {
        auto *field = editor.findChild<QWidget *>(name);
        QVERIFY2(field, qPrintable(name));
        QVERIFY2(field->isVisible() == tlsRows.contains(name), qPrintable(name));
        QVERIFY2(labelFor(&editor, field) &&
                     labelFor(&editor, field)->text() == field->accessibleName(),
                 qPrintable(name));
    }
    QVERIFY(editor.config().tls.enabled);
    QVERIFY(editor.isValid());
    QVERIFY(editor.config().toArguments().contains(QStringLiteral("--tls")));
    // A server without a certificate makes one; a client without one has none.
    QCOMPARE(editor.findChild<QLineEdit *>(QStringLiteral("tlsCertificateEdit"))->placeholderText(),
             config.kind == SessionConfig::Kind::TcpClient
                 ? QStringLiteral("Optional")
                 : QStringLiteral("Empty: a self-signed certificate"));

    if (config.kind == SessionConfig::Kind::TcpClient) {
        // A fingerprint as openssl prints it; a wrong one keeps Start disabled.
        auto *trust = editor.findChild<QLineEdit *>(QStringLiteral("tlsTrustEdit"));
        QStringList pairs;
        for (int i = 0; i < 32; ++i)
            pairs << QStringLiteral("ab");
        retype(trust, pairs.join(u':'));
        QVERIFY(editor.isValid());
        QCOMPARE(editor.config().tls.trustFingerprint, pairs.join(QString()).toUpper());
        retype(trust, QStringLiteral("AB:CD"));
        QVERIFY(!editor.isValid());
        auto *error = editor.findChild<QLabel *>(QStringLiteral("configError"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"fingerprint"), qPrintable(error->text()));
    } else {
        // A certificate without its key cannot be used.
        retype(editor.findChild<QLineEdit *>(QStringLiteral("tlsCertificateEdit")),
               QStringLiteral("/tmp/cert.pem"));
        QVERIFY(!editor.isValid());
        retype(editor.findChild<QLineEdit *>(QStringLiteral("tlsKeyEdit")),
               QStringLiteral("/tmp/key.pem"));
        QVERIFY(editor.isValid());
        QCOMPARE(editor.config().tls.keyFile, QStringLiteral("/tmp/key.pem"));
    }

    // Off again: the rows go.
    tls->setFocus();
    QTest::keyClick(tls, Qt::Key_Space);
    for (const QString &name : all)
        QVERIFY2(!editor.findChild<QWidget *>(name)->isVisible(), qPrintable(name));
    QVERIFY(editor.isValid());
    QVERIFY(!editor.config().toArguments().contains(QStringLiteral("--tls")));
}

void tst_SessionEditor::multicastFieldsMakeTheConfig()
{
    SessionEditor editor;
    showEditor(&editor, SessionKind::templateConfig(u"PlainUdp"));
    auto *address = editor.findChild<QLineEdit *>(QStringLiteral("addressEdit"));
    auto *broadcast = editor.findChild<QCheckBox *>(QStringLiteral("broadcastCheck"));
    auto *groups = editor.findChild<QLineEdit *>(QStringLiteral("multicastGroupsEdit"));
    auto *groupsError = editor.findChild<QLabel *>(QStringLiteral("multicastGroupsError"));
    auto *interface = editor.findChild<QComboBox *>(QStringLiteral("multicastInterfaceCombo"));
    auto *interfaceError = editor.findChild<QLabel *>(QStringLiteral("multicastInterfaceError"));
    auto *ttl = editor.findChild<QSpinBox *>(QStringLiteral("ttlSpin"));
    auto *loop = editor.findChild<QComboBox *>(QStringLiteral("multicastLoopCombo"));
    auto *type = editor.findChild<QLabel *>(QStringLiteral("typeLabel"));
    QVERIFY(address && broadcast && groups && groupsError && interface && interfaceError && ttl &&
            loop && type);
    QCOMPARE(groups->accessibleName(), QStringLiteral("Multicast groups"));
    QCOMPARE(interface->accessibleName(), QStringLiteral("Interface"));
    QCOMPARE(ttl->accessibleName(), QStringLiteral("TTL / hop limit"));
    QCOMPARE(loop->accessibleName(), QStringLiteral("Multicast loopback"));
    QCOMPARE(broadcast->accessibleName(), QStringLiteral("Broadcast"));
    QVERIFY(!groups->toolTip().isEmpty() && !interface->toolTip().isEmpty() &&
            !ttl->toolTip().isEmpty() && !loop->toolTip().isEmpty());
    QCOMPARE(ttl->text(), QStringLiteral("Default"));
    // The host's interfaces are offered (lo is always there).
    QVERIFY(interface->findText(QStringLiteral("lo")) > 0);

    // A group on a socket bound to 127.0.0.1 never arrives: said under the field.
    retype(groups, QStringLiteral("239.1.2.3"));
    QVERIFY(!editor.isValid());
    QTRY_VERIFY(groupsError->isVisible());
    QVERIFY2(groupsError->text().contains(QStringLiteral("bind 0.0.0.0")),
             qPrintable(groupsError->text()));
    retype(address, QStringLiteral("0.0.0.0"));
    QVERIFY2(editor.isValid(), qPrintable(groupsError->text()));
    QVERIFY(!groupsError->isVisible());

    // Not a group, then an IPv6 group on an IPv4 socket.
    retype(groups, QStringLiteral("239.1.2.3, 10.0.0.1"));
    QVERIFY(!editor.isValid());
    QVERIFY2(groupsError->text().contains(QStringLiteral("10.0.0.1 is not a multicast address")),
             qPrintable(groupsError->text()));
    retype(groups, QStringLiteral("ff12::1"));
    QVERIFY(!editor.isValid());
    QVERIFY2(groupsError->text().contains(QStringLiteral("IPv6 group")),
             qPrintable(groupsError->text()));

    retype(groups, QStringLiteral("239.1.2.3, 232.1.1.1@10.0.0.2"));
    broadcast->setFocus();
    QTest::keyClick(broadcast, Qt::Key_Space);
    interface->setFocus();
    interface->lineEdit()->selectAll();
    QTest::keyClicks(interface, QStringLiteral("nosuch0"));
    QVERIFY(!editor.isValid());
    QTRY_VERIFY(interfaceError->isVisible());
    QVERIFY2(interfaceError->text().contains(QStringLiteral("nosuch0")),
             qPrintable(interfaceError->text()));
    interface->setCurrentIndex(interface->findText(QStringLiteral("lo")));
    QVERIFY(!interfaceError->isVisible());
    ttl->setFocus();
    ttl->selectAll();
    QTest::keyClicks(ttl, QStringLiteral("4"));
    loop->setCurrentIndex(loop->findData(int(MulticastSettings::Loop::Off)));
    QVERIFY(editor.isValid());

    const SessionConfig c = editor.config();
    QVERIFY(c.multicast.broadcast);
    QCOMPARE(c.multicast.joins,
             QStringList({QStringLiteral("239.1.2.3"), QStringLiteral("232.1.1.1@10.0.0.2")}));
    QCOMPARE(c.multicast.interfaceName, QStringLiteral("lo"));
    QCOMPARE(c.multicast.ttl, 4);
    QCOMPARE(c.multicast.loop, MulticastSettings::Loop::Off);
    QCOMPARE(c.toArguments().mid(c.toArguments().indexOf(QStringLiteral("--broadcast"))),
             QStringList({QStringLiteral("--broadcast"), QStringLiteral("--join"),
                          QStringLiteral("239.1.2.3"), QStringLiteral("--join"),
                          QStringLiteral("232.1.1.1@10.0.0.2"), QStringLiteral("--interface"),
                          QStringLiteral("lo"), QStringLiteral("--ttl"), QStringLiteral("4"),
                          QStringLiteral("--multicast-loop"), QStringLiteral("off")}));
    // The summary names the groups.
    QCOMPARE(type->text(), QStringLiteral("UDP, joins 239.1.2.3, 232.1.1.1@10.0.0.2 on lo"));

    // Set back from a config, the fields show it again.
    SessionEditor again;
    showEditor(&again, c);
    QCOMPARE(again.config().toArguments(), c.toArguments());
}

QTEST_MAIN(tst_SessionEditor)
#include "tst_sessioneditor.moc"
