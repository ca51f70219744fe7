// A TLS server started from the window: the switch in the session editor,
// Start, and a Qt TLS client doing the tutorial exchange; the log holds the
// handshake notes and the decrypted bytes.

#include "mainwindowrig.h"
#include "nettestsupport.h"
#include "sessionpanel.h"
#include "trafficlogmodel.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QCryptographicHash>
#include <QLineEdit>
#include <QSettings>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTest>

namespace {

// The previews of the log's rows, as a person reads them.
QStringList previews(const TrafficLogModel *model)
{
    QStringList rows;
    for (int row = 0; row < model->rowCount(); ++row)
        rows << model->index(row, TrafficLogModel::PreviewColumn).data().toString();
    return rows;
}

QString rowStartingWith(const TrafficLogModel *model, const QString &start)
{
    for (const QString &row : previews(model)) {
        if (row.startsWith(start))
            return row;
    }
    return {};
}

} // namespace

class tst_TlsWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tlsHelloServerFromTheWindow();
};

void tst_TlsWindow::initTestCase()
{
    // The self-signed certificate goes to a test directory, not the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SocketScopeTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_tlswindow"));
    QSettings().clear();
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here (the test's client needs one)");
}

void tst_TlsWindow::tlsHelloServerFromTheWindow()
{
    MainWindowRig rig;
    rig.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rig.window));

    // New session > TCP hello server, port 0, the TLS switch on, Start.
    rig.find<QAction>("newTcpHelloServer")->trigger();
    const SessionId id = rig.window.sessionPanel()->currentSession();
    QVERIFY(id != 0);
    auto *port = rig.find<QLineEdit>("portEdit");
    port->setFocus();
    port->selectAll();
    QTest::keyClicks(port, QStringLiteral("0"));
    auto *tls = rig.find<QCheckBox>("tlsCheck");
    QVERIFY(tls->isVisible());
    QTest::mouseClick(tls, Qt::LeftButton, {}, QPoint(4, tls->height() / 2));
    QVERIFY(tls->isChecked());
    auto *start = rig.find<QAbstractButton>("startButton");
    QTRY_VERIFY(start->isEnabled());
    QTest::mouseClick(start, Qt::LeftButton);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Listening);
    QVERIFY(rig.engine.session(id).config.tls.enabled);
    const quint16 listening = NetTest::portOf(rig.engine.session(id).detail);
    QVERIFY(listening != 0);

    // The log names the certificate's fingerprint before any client comes.
    const TrafficLogModel *log = rig.window.logModel();
    const QString prefix = QStringLiteral("note: Certificate SHA-256 fingerprint: ");
    QTRY_VERIFY2(!rowStartingWith(log, prefix).isEmpty(), qPrintable(previews(log).join(u'\n')));
    const QString fingerprint = rowStartingWith(log, prefix).mid(prefix.size());

    // A TLS client that trusts exactly that certificate (self-signed).
    QSslSocket client;
    client.setPeerVerifyMode(QSslSocket::QueryPeer);
    QByteArray received;
    connect(&client, &QSslSocket::readyRead, &client, [&] { received += client.readAll(); });
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), listening);
    QVERIFY2(client.waitForEncrypted(10000), qPrintable(client.errorString()));
    const QByteArray digest = client.peerCertificate().digest(QCryptographicHash::Sha256);
    QCOMPARE(QString::fromLatin1(digest.toHex(':').toUpper()), fingerprint);

    QTRY_COMPARE(received, QByteArray("Welcome!"));
    client.write("Michael");
    QTRY_COMPARE(received, QByteArray("Welcome!Hello, Michael!"));

    // The handshake as notes, and the exchange decrypted, both ways.
    QTRY_VERIFY(previews(log).contains(QStringLiteral("Hello, Michael!")));
    const QStringList rows = previews(log);
    QVERIFY2(!rowStartingWith(log, QStringLiteral("note: TLS established: TLSv1.3")).isEmpty(),
             qPrintable(rows.join(u'\n')));
    const qsizetype welcome = rows.indexOf(QStringLiteral("Welcome!"));
    const qsizetype michael = rows.indexOf(QStringLiteral("Michael"));
    QVERIFY2(welcome >= 0 && michael > welcome &&
                 rows.indexOf(QStringLiteral("Hello, Michael!")) > michael,
             qPrintable(rows.join(u'\n')));
    const QModelIndex michaelDirection = log->index(int(michael), TrafficLogModel::DirectionColumn);
    QCOMPARE(michaelDirection.data().toString(), QStringLiteral("in"));

    client.disconnectFromHost();
    QTest::mouseClick(rig.find<QAbstractButton>("stopButton"), Qt::LeftButton);
    QTRY_COMPARE(rig.engine.session(id).state, SessionState::Stopped);
}

QTEST_MAIN(tst_TlsWindow)
#include "tst_tlswindow.moc"
