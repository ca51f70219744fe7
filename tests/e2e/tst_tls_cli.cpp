// TLS end to end: the built `socketscope` binary against OpenSSL's own tools
// (openssl s_server, s_client, req, x509) over loopback, with certificates
// made in the test.

#include "e2esupport.h"
#include "nettestsupport.h"
#include "tsharksupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>

using E2e::isEvent;
using E2e::jsonString;

namespace {

QByteArray dump(const QList<QJsonObject> &events)
{
    QByteArray out;
    for (const QJsonObject &o : events)
        out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    return out;
}

QString openssl()
{
    return QStandardPaths::findExecutable(QStringLiteral("openssl"));
}

// Runs a short tool to the end; its exit code (-1 when it did not finish).
int run(const QString &program, const QStringList &args, QByteArray *output = nullptr)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000))
        return -1;
    if (output)
        *output = p.readAll();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

// A certificate for localhost and 127.0.0.1 with its key, as a user makes one.
bool makeCertificate(const QString &dir, const QString &name, QString *cert, QString *key,
                     const QString &commonName = QStringLiteral("localhost"))
{
    *cert = dir + u'/' + name + QStringLiteral("-cert.pem");
    *key = dir + u'/' + name + QStringLiteral("-key.pem");
    QByteArray out;
    const int code = run(openssl(),
                         {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                          QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                          QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                          QStringLiteral("-keyout"), *key, QStringLiteral("-out"), *cert,
                          QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                          QStringLiteral("/CN=") + commonName, QStringLiteral("-addext"),
                          QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")},
                         &out);
    if (code != 0)
        qWarning("openssl req: %s", out.constData());
    return code == 0;
}

// A certificate for localhost that expired in 2020, made the way a small CA
// does (`openssl req` takes no dates in the past; `openssl ca` does).
bool makeExpiredCertificate(const QString &dir, QString *cert, QString *key)
{
    const QString ca = dir + QStringLiteral("/expired-ca");
    if (!QDir().mkpath(ca))
        return false;
    *cert = ca + QStringLiteral("/cert.pem");
    *key = ca + QStringLiteral("/key.pem");
    const QString request = ca + QStringLiteral("/request.csr");
    const QString config = ca + QStringLiteral("/ca.cnf");
    QFile(ca + QStringLiteral("/index.txt")).open(QIODevice::WriteOnly);
    QFile serial(ca + QStringLiteral("/serial"));
    QFile configFile(config);
    if (!serial.open(QIODevice::WriteOnly) || serial.write("01\n") != 3 ||
        !configFile.open(QIODevice::WriteOnly))
        return false;
    serial.close();
    configFile.write("[ca]\ndefault_ca = expired\n[expired]\ndir = " + QFile::encodeName(ca) +
                     "\ndatabase = $dir/index.txt\nnew_certs_dir = $dir\nserial = $dir/serial\n"
                     "default_md = sha256\npolicy = anything\ncopy_extensions = copy\n"
                     "[anything]\ncommonName = supplied\n");
    configFile.close();
    QByteArray out;
    if (run(openssl(),
            {QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
             QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), *key, QStringLiteral("-out"), request,
             QStringLiteral("-subj"), QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
             QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")},
            &out) != 0 ||
        run(openssl(),
            {QStringLiteral("ca"), QStringLiteral("-config"), config, QStringLiteral("-selfsign"),
             QStringLiteral("-keyfile"), *key, QStringLiteral("-in"), request,
             QStringLiteral("-out"), *cert, QStringLiteral("-startdate"),
             QStringLiteral("20200101000000Z"), QStringLiteral("-enddate"),
             QStringLiteral("20200102000000Z"), QStringLiteral("-batch")},
            &out) != 0) {
        qWarning("openssl: %s", out.constData());
        return false;
    }
    return true;
}

QString fingerprintOf(const QString &cert)
{
    QByteArray out;
    run(openssl(),
        {QStringLiteral("x509"), QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
         QStringLiteral("-sha256"), QStringLiteral("-in"), cert},
        &out);
    // "sha256 Fingerprint=AB:CD:..."
    return QString::fromLatin1(out.trimmed()).section(u'=', 1);
}

// The notes' texts, in order.
QStringList notes(const QList<QJsonObject> &events)
{
    QStringList texts;
    for (const QJsonObject &o : events) {
        if (isEvent(o, "note"))
            texts << jsonString(o, "message");
    }
    return texts;
}

QString noteStartingWith(const QList<QJsonObject> &events, const QString &start)
{
    for (const QString &n : notes(events)) {
        if (n.startsWith(start))
            return n;
    }
    return {};
}

// The data events ("in" and "out") as "in:TEXT" and "out:TEXT".
QStringList exchange(const QList<QJsonObject> &events)
{
    QStringList lines;
    for (const QJsonObject &o : events) {
        if (isEvent(o, "in") || isEvent(o, "out"))
            lines << jsonString(o, "event") + u':' + jsonString(o, "text");
    }
    return lines;
}

// `openssl s_server` on a free loopback port; its port from "ACCEPT host:port".
class OpenSslServer
{
public:
    bool start(const QStringList &extra)
    {
        if (!m_server.start(QStringList{QStringLiteral("s_server"), QStringLiteral("-accept"),
                                        QStringLiteral("127.0.0.1:0"), QStringLiteral("-naccept"),
                                        QStringLiteral("1")} +
                                extra,
                            openssl()))
            return false;
        m_server.setParseJson(false);
        if (!m_server.waitForStdout("ACCEPT 127.0.0.1:"))
            return false;
        const QRegularExpression re(QStringLiteral("ACCEPT 127\\.0\\.0\\.1:(\\d+)\\n"));
        QRegularExpressionMatch m;
        if (!QTest::qWaitFor(
                [&] {
                    m = re.match(QString::fromLatin1(m_server.stdoutBytes()));
                    return m.hasMatch();
                },
                10000))
            return false;
        m_port = m.captured(1).toUShort();
        return m_port != 0;
    }
    QString target() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    E2e::Process &process() { return m_server; }

private:
    E2e::Process m_server;
    quint16 m_port = 0;
};

} // namespace

class tst_TlsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serverSelfSignedWithOpenSslClient();
    void serverWithGivenFiles();
    void serverRecordsAResetPeer();
    void serverAnswersCurl();
    void serverPausesANeverReadingClient();
    void clientWithOpenSslServer();
    void mutualTlsServer_data();
    void mutualTlsServer();
    void clientPresentsItsCertificate();
    void clientAcrossRehandshake_data();
    void clientAcrossRehandshake();
    void clientVerificationFailures_data();
    void clientVerificationFailures();
    void clientHandshakeTimeout();
    void usageErrors_data();
    void usageErrors();

private:
    // socketscope tcp-server --tls ... ; its port, the events so far.
    void startServer(E2e::Process &p, const QStringList &extra, quint16 *port);
    // `openssl s_client` does the tutorial exchange with our server.
    void tutorialWithOpenSslClient(quint16 port, const QString &caFile);

    QTemporaryDir m_dir;
};

void tst_TlsCli::initTestCase()
{
    QVERIFY2(QFile::exists(E2e::binary()), "SOCKETSCOPE_BINARY must name the built socketscope");
    if (openssl().isEmpty())
        QSKIP("the openssl command is not installed (Debian package openssl)");
    QVERIFY(m_dir.isValid());
}

void tst_TlsCli::startServer(E2e::Process &p, const QStringList &extra, quint16 *port)
{
    // The self-signed certificate goes to the application data directory: a
    // fresh one per test run, not the user's.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    p.process().setProcessEnvironment(env);
    QVERIFY2(p.start(QStringList{QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                                 QStringLiteral("--tls"), QStringLiteral("--json")} +
                     extra),
             qPrintable(p.process().errorString()));
    QVERIFY2(p.waitForEvent([](const QJsonObject &o) {
        return isEvent(o, "note") && jsonString(o, "message").contains(u"fingerprint");
    }) >= 0,
             p.transcript().constData());
    const QString local = jsonString(p.events().constFirst(), "local");
    *port = local.section(u':', -1).toUShort();
    QVERIFY2(*port != 0, p.transcript().constData());
}

void tst_TlsCli::tutorialWithOpenSslClient(quint16 port, const QString &caFile)
{
    E2e::Process client;
    client.setParseJson(false);
    QVERIFY(client.start({QStringLiteral("s_client"), QStringLiteral("-connect"),
                          QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-quiet"),
                          QStringLiteral("-CAfile"), caFile, QStringLiteral("-verify_return_error"),
                          QStringLiteral("-verify_ip"), QStringLiteral("127.0.0.1")},
                         openssl()));
    QVERIFY2(client.waitForStdout("Welcome!"), client.transcript().constData());
    client.write("Michael");
    QVERIFY2(client.waitForStdout("Hello, Michael!"), client.transcript().constData());
    client.write("exit");
    // The server closes on the exit word (with close_notify): s_client ends.
    QVERIFY2(client.waitFinished(10000), client.transcript().constData());
    QCOMPARE(client.stdoutBytes(), QByteArray("Welcome!Hello, Michael!"));
}

void tst_TlsCli::serverSelfSignedWithOpenSslClient()
{
    QString certPath;
    QString fingerprint;
    for (int run = 0; run < 2; ++run) {
        E2e::Process p;
        quint16 port = 0;
        startServer(p, {}, &port);
        if (QTest::currentTestFailed())
            return;
        // First start: made and kept; second start: the same one again.
        const QString kept =
            noteStartingWith(p.events(), run == 0 ? QStringLiteral("Made a self-signed certificate")
                                                  : QStringLiteral("Using the self-signed"));
        QVERIFY2(!kept.isEmpty(), p.transcript().constData());
        certPath = kept.section(QStringLiteral(" kept in "), 1);
        QVERIFY2(QFile::exists(certPath), qPrintable(certPath));
        QVERIFY(certPath.startsWith(m_dir.filePath(QStringLiteral("data"))));
        const QString note = noteStartingWith(p.events(), QStringLiteral("Certificate SHA-256"));
        QCOMPARE(note,
                 QStringLiteral("Certificate SHA-256 fingerprint: ") + fingerprintOf(certPath));
        if (run == 1)
            QCOMPARE(note.section(u' ', -1), fingerprint);
        fingerprint = note.section(u' ', -1);

        tutorialWithOpenSslClient(port, certPath);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(p.waitForEvent("closed") >= 0, p.transcript().constData());
        QCOMPARE(exchange(p.events()),
                 QStringList({QStringLiteral("out:Welcome!"), QStringLiteral("in:Michael"),
                              QStringLiteral("out:Hello, Michael!"), QStringLiteral("in:exit")}));
        const QString established =
            noteStartingWith(p.events(), QStringLiteral("TLS established: TLSv1.3, cipher "));
        QVERIFY2(!established.isEmpty(), dump(p.events()).constData());
        // The handshake is recorded before the greeting goes out.
        const qsizetype tlsAt = p.indexOf(
            [&](const QJsonObject &o) { return jsonString(o, "message") == established; });
        QVERIFY(tlsAt < p.indexOf([](const QJsonObject &o) { return isEvent(o, "out"); }));
        p.process().terminate();
        QVERIFY2(p.waitFinished(10000), p.transcript().constData());
        QCOMPARE(p.exitCode(), 0);
    }
}

void tst_TlsCli::serverWithGivenFiles()
{
    QString cert;
    QString key;
    QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("given"), &cert, &key));
    E2e::Process p;
    quint16 port = 0;
    const QString capture = m_dir.filePath(QStringLiteral("given.pcapng"));
    startServer(p,
                {QStringLiteral("--cert"), cert, QStringLiteral("--key"), key,
                 QStringLiteral("--write"), capture},
                &port);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(noteStartingWith(p.events(), QStringLiteral("Certificate SHA-256")),
             QStringLiteral("Certificate SHA-256 fingerprint: ") + fingerprintOf(cert));
    tutorialWithOpenSslClient(port, cert);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(p.waitForEvent("closed") >= 0, p.transcript().constData());
    QCOMPARE(exchange(p.events()),
             QStringList({QStringLiteral("out:Welcome!"), QStringLiteral("in:Michael"),
                          QStringLiteral("out:Hello, Michael!"), QStringLiteral("in:exit")}));
    p.process().terminate();
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());

    // The capture carries the decrypted bytes as the TCP payload.
    if (Tshark::program().isEmpty())
        QSKIP("tshark is not installed (Debian package tshark): the capture is not checked");
    QList<QByteArray> payloads;
    for (const QByteArray &hex :
         Tshark::fields(capture, {QStringLiteral("tcp.payload")}, QStringLiteral("tcp.len > 0")))
        payloads << QByteArray::fromHex(hex);
    QCOMPARE(payloads, QList<QByteArray>({"Welcome!", "Michael", "Hello, Michael!", "exit"}));
}

void tst_TlsCli::serverAnswersCurl()
{
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (curl.isEmpty())
        QSKIP("curl is not installed (Debian package curl)");
    // An HTTPS server made of one auto-reply rule, verified by curl against
    // the self-signed certificate the server keeps.
    E2e::Process p;
    quint16 port = 0;
    startServer(p,
                {QStringLiteral("--protocol"), QStringLiteral("none"), QStringLiteral("--rule"),
                 QStringLiteral("^GET (\\S+) HTTP=>HTTP/1.0 200 OK\\r\\nContent-Length: "
                                "10\\r\\nConnection: close\\r\\n\\r\\nyou: \\1\\n")},
                &port);
    if (QTest::currentTestFailed())
        return;
    const QString cert =
        noteStartingWith(p.events(), QStringLiteral("Made a self-signed certificate"))
            .section(QStringLiteral(" kept in "), 1) +
        noteStartingWith(p.events(), QStringLiteral("Using the self-signed"))
            .section(QStringLiteral(" kept in "), 1);
    QVERIFY2(QFile::exists(cert), p.transcript().constData());
    E2e::Process client;
    client.setParseJson(false);
    QVERIFY(client.start({QStringLiteral("-sS"), QStringLiteral("--cacert"), cert,
                          QStringLiteral("https://localhost:%1/abc").arg(port)},
                         curl));
    QVERIFY2(client.waitFinished(15000), client.transcript().constData());
    QCOMPARE(client.exitCode(), 0);
    QCOMPARE(client.stdoutBytes(), QByteArray("you: /abc\n"));
    QVERIFY2(p.waitForEvent("closed") >= 0, p.transcript().constData());
    const QStringList ex = exchange(p.events());
    QCOMPARE(ex.size(), 2);
    QVERIFY2(ex.at(0).startsWith(u"in:GET /abc HTTP/1.1\r\nHost: localhost:"),
             qPrintable(ex.at(0)));
    p.process().terminate();
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
}
namespace {

// A TLS client (Python's ssl module) that sends up to 64 MiB of lines and
// never reads; it stops when a line arrives on its standard input and prints
// how many bytes it got into the connection.
const char NeverReadingTlsClient[] = R"(
import select, socket, ssl, sys
context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
raw = socket.socket()
raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
raw.connect(("127.0.0.1", int(sys.argv[1])))
tls = context.wrap_socket(raw)
tls.setblocking(False)
pattern = (b"x" * 1023 + b"\n") * 65
offered = 64 << 20
written = 0
while written < offered:
    readable, writable, _ = select.select([sys.stdin], [tls], [], 60)
    if sys.stdin in readable or not writable:
        break
    start = written % 1024
    try:
        written += tls.send(pattern[start:start + 65536])
    except (ssl.SSLWantWriteError, ssl.SSLWantReadError):
        pass
print(written, flush=True)
sys.stdin.readline()
)";

} // namespace

void tst_TlsCli::serverPausesANeverReadingClient()
{
    // The hello server answers every line; the client takes none of the
    // answers. Over TLS as over plain TCP, the server stops reading from it
    // once its answers pile up, so its sends block and memory stays bounded.
    E2e::Process server;
    quint16 port = 0;
    startServer(server, {}, &port);
    QVERIFY(port != 0);
    const qint64 before = E2e::residentBytes(server.process().processId());
    QVERIFY(before > 0);

    E2e::Process client;
    client.setParseJson(false);
    QVERIFY(client.start(
        {QStringLiteral("-c"), QString::fromLatin1(NeverReadingTlsClient), QString::number(port)},
        QStringLiteral("python3")));
    QVERIFY2(server.waitForEvent(
                 [](const QJsonObject &o) {
                     return isEvent(o, "note") &&
                            jsonString(o, "message").startsWith(u"The peer is not reading: ");
                 },
                 0, 60000) >= 0,
             client.transcript().constData());
    const qint64 paused = E2e::residentBytes(server.process().processId());
    client.write("stop\n");
    QVERIFY2(client.waitForStdout("\n"), client.transcript().constData());
    const qint64 written = client.stdoutBytes().trimmed().toLongLong();
    qInfo("client wrote %lld KiB; server resident %lld KiB before, %lld KiB paused", written >> 10,
          before >> 10, paused >> 10);
    QVERIFY2(written > 0 && written < 64ll << 20,
             "the server read everything: nothing held the client back");
    // What the server holds: the bounded queue of answers plus what TLS and
    // the store keep, far below the 64 MiB offered.
    if (E2e::kMemoryIsMeasurable) {
        QVERIFY2(paused - before < 32ll << 20,
                 qPrintable(QStringLiteral("resident %1 MiB before, %2 MiB paused")
                                .arg(before >> 20)
                                .arg(paused >> 20)));
    } else {
        qInfo("memory bound not checked under a sanitizer");
    }
    qint64 bytesIn = 0;
    for (const QJsonObject &o : server.events()) {
        if (isEvent(o, "in"))
            bytesIn += o.value(QStringLiteral("bytes")).toInteger();
    }
    QVERIFY2(bytesIn < written, qPrintable(QStringLiteral("%1 of %2").arg(bytesIn).arg(written)));
    client.closeStdin();
    QVERIFY(client.waitFinished(10000));
    server.process().terminate();
    QVERIFY(server.waitFinished(10000));
}

void tst_TlsCli::serverRecordsAResetPeer()
{
    E2e::Process p;
    quint16 port = 0;
    startServer(p, {}, &port);
    if (QTest::currentTestFailed())
        return;
    // Qt's own TLS socket as a client that resets the connection once TLS is up.
    QSslSocket client;
    client.setPeerVerifyMode(QSslSocket::VerifyNone);
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
    QVERIFY2(client.waitForEncrypted(10000), qPrintable(client.errorString()));
    QByteArray got;
    E2e::readAtLeast(&client, &got, 8);
    QCOMPARE(got, QByteArray("Welcome!"));
    const linger lin{1, 0};
    QCOMPARE(::setsockopt(int(client.socketDescriptor()), SOL_SOCKET, SO_LINGER, &lin, sizeof lin),
             0);
    client.abort();
    const qsizetype closed = p.waitForEvent("closed");
    QVERIFY2(closed >= 0, p.transcript().constData());
    QCOMPARE(jsonString(p.events().at(closed), "by"), QStringLiteral("peer"));
    QCOMPARE(jsonString(p.events().at(closed), "reason"),
             QStringLiteral("Connection reset by the peer"));
    p.process().terminate();
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
}

void tst_TlsCli::clientWithOpenSslServer()
{
    QString cert;
    QString key;
    QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("server"), &cert, &key));
    OpenSslServer server;
    QVERIFY2(server.start({QStringLiteral("-cert"), cert, QStringLiteral("-key"), key,
                           QStringLiteral("-alpn"), QStringLiteral("foo,http/1.1")}),
             server.process().transcript().constData());

    E2e::Process p;
    QVERIFY(p.start({QStringLiteral("tcp-client"), server.target(), QStringLiteral("--tls"),
                     QStringLiteral("--ca"), cert, QStringLiteral("--alpn"),
                     QStringLiteral("h2,http/1.1"), QStringLiteral("--json")}));
    QVERIFY2(p.waitForEvent([](const QJsonObject &o) {
        return isEvent(o, "note") && jsonString(o, "message").startsWith(u"Certificate verified");
    }) >= 0,
             p.transcript().constData());
    // The tutorial's exchange, the server's side typed into s_server.
    server.process().write("Welcome!");
    QVERIFY2(p.waitForEvent("in") >= 0, p.transcript().constData());
    p.write("Michael\n");
    QVERIFY2(server.process().waitForStdout("Michael\n"),
             server.process().transcript().constData());
    const qsizetype firstIn = p.indexOf([](const QJsonObject &o) { return isEvent(o, "in"); });
    server.process().write("Hello, Michael!");
    QVERIFY2(p.waitForEvent("in", firstIn + 1) >= 0, p.transcript().constData());
    // End of standard input: close_notify and FIN; s_server (one client) ends.
    p.closeStdin();
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(exchange(p.events()),
             QStringList({QStringLiteral("in:Welcome!"), QStringLiteral("out:Michael\n"),
                          QStringLiteral("in:Hello, Michael!")}));
    const QStringList n = notes(p.events());
    QVERIFY2(n.value(0).startsWith(u"TLS established: TLSv1.3, cipher TLS_"),
             dump(p.events()).constData());
    QCOMPARE(n.value(1), QStringLiteral("ALPN: http/1.1"));
    QVERIFY2(n.value(2).startsWith(u"Peer certificate: subject CN=localhost; issuer CN=localhost; "
                                   u"valid from "),
             qPrintable(n.value(2)));
    QVERIFY2(n.value(2).endsWith(u"SHA-256 " + fingerprintOf(cert)), qPrintable(n.value(2)));
    QCOMPARE(n.value(3), QStringLiteral("Certificate verified for 127.0.0.1."));
    QVERIFY(server.process().waitFinished(10000));
}

void tst_TlsCli::mutualTlsServer_data()
{
    QTest::addColumn<bool>("clientHasCertificate");
    QTest::newRow("client certificate from the CA") << true;
    QTest::newRow("no client certificate") << false;
}

void tst_TlsCli::mutualTlsServer()
{
    // --client-ca: s_client must present a certificate the file vouches for
    // (here the client's own self-signed one), or its handshake is refused.
    QFETCH(bool, clientHasCertificate);
    QString clientCert;
    QString clientKey;
    QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("client"), &clientCert, &clientKey,
                            QStringLiteral("Michael")));
    E2e::Process server;
    quint16 port = 0;
    startServer(server, {QStringLiteral("--client-ca"), clientCert}, &port);
    QVERIFY(port != 0);
    QVERIFY2(!noteStartingWith(server.events(),
                               QStringLiteral("Clients must present a certificate issued by a "
                                              "CA in "))
                  .isEmpty(),
             dump(server.events()).constData());

    E2e::Process client;
    client.setParseJson(false);
    QStringList args{QStringLiteral("s_client"), QStringLiteral("-connect"),
                     QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("-quiet")};
    if (clientHasCertificate)
        args << QStringLiteral("-cert") << clientCert << QStringLiteral("-key") << clientKey;
    QVERIFY(client.start(args, openssl()));
    if (!clientHasCertificate) {
        // TLS 1.3 refuses after the client's Finished: the server says why.
        QVERIFY2(server.waitForEvent([](const QJsonObject &o) {
            return isEvent(o, "error") &&
                   jsonString(o, "message").contains(u"peer did not return a certificate");
        }) >= 0,
                 server.transcript().constData());
        QVERIFY(exchange(server.events()).isEmpty());
        QVERIFY(client.waitFinished(10000));
        server.process().terminate();
        QVERIFY(server.waitFinished(10000));
        return;
    }
    QVERIFY2(client.waitForStdout("Welcome!"), client.transcript().constData());
    client.write("Michael\n");
    QVERIFY2(client.waitForStdout("Hello, Michael!"), client.transcript().constData());
    QVERIFY2(
        !noteStartingWith(server.events(), QStringLiteral("Peer certificate: subject CN=Michael; "))
             .isEmpty(),
        dump(server.events()).constData());
    QVERIFY2(notes(server.events())
                 .contains(QStringLiteral("Client certificate verified "
                                          "(--client-ca).")),
             dump(server.events()).constData());
    // The exit word: the server closes with close_notify, s_client ends.
    client.write("exit");
    QVERIFY2(client.waitFinished(10000), client.transcript().constData());
    QCOMPARE(client.stdoutBytes(), QByteArray("Welcome!Hello, Michael!\n"));
    server.process().terminate();
    QVERIFY(server.waitFinished(10000));
}

void tst_TlsCli::clientPresentsItsCertificate()
{
    // s_server insists on a client certificate (-Verify) from the CA file it
    // is given; the client presents its own with --cert and --key.
    QString serverCert;
    QString serverKey;
    QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("mtls-server"), &serverCert, &serverKey));
    QString clientCert;
    QString clientKey;
    QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("mtls-client"), &clientCert, &clientKey,
                            QStringLiteral("Michael")));
    OpenSslServer server;
    QVERIFY2(
        server.start({QStringLiteral("-cert"), serverCert, QStringLiteral("-key"), serverKey,
                      QStringLiteral("-Verify"), QStringLiteral("1"), QStringLiteral("-CAfile"),
                      clientCert, QStringLiteral("-verify_return_error")}),
        server.process().transcript().constData());
    E2e::Process p;
    QVERIFY(p.start({QStringLiteral("tcp-client"), server.target(), QStringLiteral("--tls"),
                     QStringLiteral("--ca"), serverCert, QStringLiteral("--cert"), clientCert,
                     QStringLiteral("--key"), clientKey, QStringLiteral("--json")}));
    QVERIFY2(p.waitForEvent([](const QJsonObject &o) {
        return isEvent(o, "note") && jsonString(o, "message").startsWith(u"Certificate verified");
    }) >= 0,
             p.transcript().constData());
    QVERIFY2(!noteStartingWith(p.events(), QStringLiteral("Client certificate: subject "
                                                          "CN=Michael; SHA-256 ") +
                                               fingerprintOf(clientCert))
                  .isEmpty(),
             dump(p.events()).constData());
    server.process().write("Welcome!");
    QVERIFY2(p.waitForEvent("in") >= 0, p.transcript().constData());
    p.write("Michael\n");
    QVERIFY2(server.process().waitForStdout("Michael\n"),
             server.process().transcript().constData());
    // s_server names the certificate it verified.
    QVERIFY2(server.process().stdoutBytes().contains("CN = Michael") ||
                 server.process().stdoutBytes().contains("CN=Michael"),
             server.process().transcript().constData());
    p.closeStdin();
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(exchange(p.events()),
             QStringList({QStringLiteral("in:Welcome!"), QStringLiteral("out:Michael\n")}));
    QVERIFY(server.process().waitFinished(10000));
}

void tst_TlsCli::clientAcrossRehandshake_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QByteArray>("command");
    QTest::addColumn<QByteArray>("serverMessage");
    QTest::addColumn<QByteArray>("clientAnswer");
    // s_server's own commands, typed on a line of their own: "r" renegotiates
    // (TLS 1.2), "K" updates its keys and asks the client to update its own
    // (TLS 1.3). Either way handshake records arrive between application data.
    // With -msg, s_server lists every handshake message; "<<<" are the
    // client's: a new ClientHello, or the client's own KeyUpdate.
    QTest::newRow("TLS 1.2 renegotiation")
        << QStringLiteral("-tls1_2") << QByteArray("r\n") << QByteArray("HelloRequest")
        << QByteArray("ClientHello");
    QTest::newRow("TLS 1.3 key update") << QStringLiteral("-tls1_3") << QByteArray("K\n")
                                        << QByteArray("KeyUpdate") << QByteArray("KeyUpdate");
}

void tst_TlsCli::clientAcrossRehandshake()
{
    QFETCH(QString, version);
    QFETCH(QByteArray, command);
    QFETCH(QByteArray, serverMessage);
    QFETCH(QByteArray, clientAnswer);
    QString cert;
    QString key;
    QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("rehandshake"), &cert, &key));
    OpenSslServer server;
    QVERIFY2(server.start({QStringLiteral("-cert"), cert, QStringLiteral("-key"), key, version,
                           QStringLiteral("-msg")}),
             server.process().transcript().constData());
    E2e::Process p;
    QVERIFY(p.start({QStringLiteral("tcp-client"), server.target(), QStringLiteral("--tls"),
                     QStringLiteral("--ca"), cert, QStringLiteral("--json")}));
    QVERIFY2(p.waitForEvent([](const QJsonObject &o) {
        return isEvent(o, "note") && jsonString(o, "message").startsWith(u"Certificate verified");
    }) >= 0,
             p.transcript().constData());
    const qsizetype seen = server.process().stdoutBytes().size();
    // s_server's handshake message goes out first, then the greeting: the
    // client reads both in that order.
    const auto sent = [&](const char *direction, const QByteArray &message) {
        const QByteArray out = server.process().stdoutBytes().mid(seen);
        for (const QByteArray &line : out.split('\n')) {
            if (line.startsWith(direction) && line.contains(message))
                return true;
        }
        return false;
    };
    server.process().write(command);
    QVERIFY2(QTest::qWaitFor([&] { return sent(">>> ", serverMessage); }, 10000),
             server.process().transcript().constData());
    server.process().write("Welcome!");
    QVERIFY2(p.waitForEvent("in") >= 0, p.transcript().constData());
    p.write("Michael\n");
    QVERIFY2(server.process().waitForStdout("Michael\n"),
             server.process().transcript().constData());
    // The client answered that handshake message (OpenSSL sends its own
    // KeyUpdate with its next data), and the exchange went on unchanged.
    QVERIFY2(QTest::qWaitFor([&] { return sent("<<< ", clientAnswer); }, 10000),
             server.process().transcript().constData());

    const qsizetype firstIn = p.indexOf([](const QJsonObject &o) { return isEvent(o, "in"); });
    server.process().write("Hello, Michael!");
    QVERIFY2(p.waitForEvent("in", firstIn + 1) >= 0, p.transcript().constData());
    p.closeStdin();
    QVERIFY2(p.waitFinished(10000), p.transcript().constData());
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(exchange(p.events()),
             QStringList({QStringLiteral("in:Welcome!"), QStringLiteral("out:Michael\n"),
                          QStringLiteral("in:Hello, Michael!")}));
    QVERIFY(server.process().waitFinished(10000));
}

void tst_TlsCli::clientVerificationFailures_data()
{
    QTest::addColumn<QString>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("reason");
    // %CA and %FP stand for the server's certificate file and fingerprint.
    QTest::newRow("self-signed, no --ca")
        << QString() << 3 << QStringLiteral("certificate verify failed: self-signed certificate");
    QTest::newRow("wrong --sni") << QStringLiteral("--ca %CA --sni wrong.example") << 3
                                 << QStringLiteral("certificate verify failed: hostname mismatch "
                                                   "(the certificate is not for wrong.example)");
    QTest::newRow("--trust") << QStringLiteral("--trust %FP") << 0 << QString();
    QTest::newRow("--trust, wrong --sni")
        << QStringLiteral("--sni wrong.example --trust %FP") << 0 << QString();
    QTest::newRow("--insecure") << QStringLiteral("--insecure") << 0 << QString();
    // %EXPIRED: the server presents a certificate that expired in 2020.
    QTest::newRow("expired, with --ca")
        << QStringLiteral("%EXPIRED --ca %CA") << 3
        << QStringLiteral("certificate verify failed: certificate has expired");
    QTest::newRow("expired, --trust") << QStringLiteral("%EXPIRED --trust %FP") << 0 << QString();
}

void tst_TlsCli::clientVerificationFailures()
{
    QFETCH(QString, options);
    QFETCH(int, exitCode);
    QFETCH(QString, reason);
    QString cert;
    QString key;
    if (options.startsWith(u"%EXPIRED")) {
        QVERIFY(makeExpiredCertificate(m_dir.path(), &cert, &key));
        options.remove(0, qsizetype(sizeof("%EXPIRED") - 1));
    } else {
        QVERIFY(makeCertificate(m_dir.path(), QStringLiteral("verify"), &cert, &key));
    }
    OpenSslServer server;
    QVERIFY2(server.start({QStringLiteral("-cert"), cert, QStringLiteral("-key"), key}),
             server.process().transcript().constData());

    QStringList args{QStringLiteral("tcp-client"), server.target(), QStringLiteral("--tls"),
                     QStringLiteral("--json")};
    for (const QString &o : options.split(u' ', Qt::SkipEmptyParts))
        args << (o == u"%CA" ? cert : o == u"%FP" ? fingerprintOf(cert) : o);
    E2e::Process p;
    QVERIFY(p.start(args));
    if (exitCode == 0) {
        QVERIFY2(p.waitForEvent([](const QJsonObject &o) {
            return isEvent(o, "note") && jsonString(o, "message").startsWith(u"Certificate ");
        }) >= 0,
                 p.transcript().constData());
        server.process().write("Welcome!");
        QVERIFY2(p.waitForEvent("in") >= 0, p.transcript().constData());
        p.closeStdin();
    }
    QVERIFY2(p.waitFinished(15000), p.transcript().constData());
    QCOMPARE(p.exitCode(), exitCode);
    if (exitCode == 0) {
        QCOMPARE(exchange(p.events()), QStringList{QStringLiteral("in:Welcome!")});
        if (options.contains(u"--trust"))
            QVERIFY2(
                !noteStartingWith(p.events(), QStringLiteral("Certificate accepted by its "
                                                             "fingerprint (--trust), although: "))
                     .isEmpty(),
                dump(p.events()).constData());
        return;
    }
    // Named on standard error and in the log; nothing was sent or received.
    QVERIFY2(p.stderrBytes().contains(reason.toUtf8()), p.transcript().constData());
    QVERIFY2(p.indexOf([&](const QJsonObject &o) {
        return isEvent(o, "error") && jsonString(o, "message").contains(reason);
    }) >= 0,
             p.transcript().constData());
    QVERIFY(exchange(p.events()).isEmpty());
}

void tst_TlsCli::clientHandshakeTimeout()
{
    // A server that accepts but never speaks TLS: the connect timeout covers
    // the handshake, and it counts as a connection that could not be opened.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    E2e::Process p;
    QVERIFY(
        p.start({QStringLiteral("tcp-client"),
                 QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()), QStringLiteral("--tls"),
                 QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("--json")}));
    QVERIFY2(p.waitFinished(15000), p.transcript().constData());
    QCOMPARE(p.exitCode(), 3);
    QVERIFY2(p.stderrBytes().contains("TLS handshake timed out after 1 second"),
             p.transcript().constData());
    QVERIFY(silent.hasPendingConnections());
    QVERIFY(exchange(p.events()).isEmpty());
}

void tst_TlsCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("--ca on a server")
        << QStringList{QStringLiteral("tcp-server"), QStringLiteral("0"), QStringLiteral("--tls"),
                       QStringLiteral("--ca"), QStringLiteral("x.pem")}
        << QStringLiteral("--ca is not an option of a TCP server.");
    QTest::newRow("--tls on udp") << QStringList{QStringLiteral("udp"), QStringLiteral("0"),
                                                 QStringLiteral("--tls")}
                                  << QStringLiteral("Unknown option \"--tls\" for udp.");
    QTest::newRow("--cert without --key")
        << QStringList{QStringLiteral("tcp-server"), QStringLiteral("0"), QStringLiteral("--tls"),
                       QStringLiteral("--cert"), QStringLiteral("x.pem")}
        << QStringLiteral("Give both --cert and --key");
    QTest::newRow("--sni without --tls")
        << QStringList{QStringLiteral("tcp-client"), QStringLiteral("127.0.0.1:1"),
                       QStringLiteral("--sni"), QStringLiteral("a.example")}
        << QStringLiteral("The TLS options need --tls.");
    QTest::newRow("bad fingerprint")
        << QStringList{QStringLiteral("tcp-client"), QStringLiteral("127.0.0.1:1"),
                       QStringLiteral("--tls"), QStringLiteral("--trust"), QStringLiteral("AB:CD")}
        << QStringLiteral("--trust needs a SHA-256 fingerprint");
}

void tst_TlsCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    E2e::Process p;
    QVERIFY(p.start(args));
    QVERIFY(p.waitFinished(10000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(p.stderrBytes().contains(message.toUtf8()), p.transcript().constData());
}

QTEST_GUILESS_MAIN(tst_TlsCli)
#include "tst_tls_cli.moc"
