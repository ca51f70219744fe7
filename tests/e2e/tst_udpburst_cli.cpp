// End to end: headless `socketscope udp` receiving a burst of datagrams from
// a Python sender that never outruns it (udp_burst.py waits while the
// socket's queue fills), so the kernel drops none and every one of them must
// be printed, once, in order. The engine reads on its own thread while the
// printer formats: this checks that nothing is lost or repeated between them.

#include "e2esupport.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

using E2e::isEvent;
using E2e::jsonString;

class tst_UdpBurstCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyDatagramPrintedOnce_data();
    void everyDatagramPrintedOnce();

private:
    QString m_python;
    QString m_sender;
};

namespace {

constexpr int Datagrams = 20000;

QByteArray datagram(int i)
{
    return "datagram " + QByteArray::number(i).rightJustified(6, '0');
}

} // namespace

void tst_UdpBurstCli::initTestCase()
{
    QVERIFY2(!E2e::binary().isEmpty(), "SOCKETSCOPE_BINARY is not set");
    QVERIFY2(QFile::exists(E2e::binary()), qPrintable(E2e::binary()));
    const QString source = qEnvironmentVariable("SOCKETSCOPE_SOURCE_DIR");
    QVERIFY2(!source.isEmpty(), "SOCKETSCOPE_SOURCE_DIR is not set");
    m_sender = QDir(source).filePath(QStringLiteral("tests/e2e/udp_burst.py"));
    QVERIFY2(QFile::exists(m_sender), qPrintable(m_sender));
    m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (m_python.isEmpty())
        QSKIP("python3 is not installed");
    if (!QFile::exists(QStringLiteral("/proc/net/udp")))
        QSKIP("/proc/net/udp is not readable: the sender cannot pace itself");
}

void tst_UdpBurstCli::everyDatagramPrintedOnce_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("--json") << true;
    QTest::newRow("lines") << false;
}

void tst_UdpBurstCli::everyDatagramPrintedOnce()
{
    QFETCH(bool, json);

    E2e::Process scope;
    scope.setParseJson(json);
    QStringList args{QStringLiteral("udp"), QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--protocol"), QStringLiteral("none")};
    if (json)
        args << QStringLiteral("--json");
    QVERIFY2(scope.start(args), qPrintable(scope.process().errorString()));

    // The port, from the first event: {"event":"bound",...,"local":"127.0.0.1:P"}
    // or "... s1 bound 127.0.0.1:P".
    quint16 port = 0;
    if (json) {
        QVERIFY2(scope.waitForEvent("bound") == 0, scope.transcript().constData());
        port = jsonString(scope.events().constFirst(), "local").section(u':', -1).toUShort();
    } else {
        static const QRegularExpression bound(QStringLiteral(" bound 127\\.0\\.0\\.1:(\\d+)\n"));
        QVERIFY2(scope.waitForStdout(" bound 127.0.0.1:"), scope.transcript().constData());
        QTRY_VERIFY(bound.match(QString::fromUtf8(scope.stdoutBytes())).hasMatch());
        port = bound.match(QString::fromUtf8(scope.stdoutBytes())).captured(1).toUShort();
    }
    QVERIFY2(port != 0, scope.transcript().constData());

    E2e::Process sender;
    sender.setParseJson(false);
    QVERIFY2(sender.start({m_sender, QString::number(port), QString::number(Datagrams)}, m_python),
             qPrintable(sender.process().errorString()));
    QVERIFY2(sender.waitFinished(90000), sender.transcript().constData());
    QVERIFY2(sender.exitCode() == 0, sender.transcript().constData());
    // Paced by the queue, the kernel had no cause to drop; if it did anyway
    // the count below could not be exact, and the test says why.
    QCOMPARE(sender.stdoutBytes().trimmed(), QByteArray("0"));

    // Every datagram printed, in the order sent (loopback keeps it).
    QList<QByteArray> received;
    auto collect = [&] {
        received.clear();
        if (json) {
            for (const QJsonObject &o : scope.events()) {
                if (isEvent(o, "in"))
                    received.append(jsonString(o, "text").toUtf8());
            }
        } else {
            static const QRegularExpression in(
                QStringLiteral(" in from 127\\.0\\.0\\.1:\\d+ 15 B \"(datagram \\d{6})\"$"));
            for (const QByteArray &line : scope.stdoutBytes().split('\n')) {
                const QRegularExpressionMatch m = in.match(QString::fromUtf8(line));
                if (m.hasMatch())
                    received.append(m.captured(1).toUtf8());
            }
        }
        return received.size();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(collect() >= Datagrams, scope.transcript().constData(), 60000);

    // Stopped by a signal, as a person does: exit code 0, and nothing
    // printed twice on the way out.
    scope.process().terminate();
    QVERIFY2(scope.waitFinished(20000), scope.transcript().constData());
    QVERIFY2(scope.exitStatus() == QProcess::NormalExit, scope.transcript().constData());
    QCOMPARE(scope.exitCode(), 0);
    if (json)
        QVERIFY2(scope.badLines().isEmpty(), scope.transcript().constData());
    QCOMPARE(collect(), Datagrams);
    for (int i = 0; i < Datagrams; ++i)
        QCOMPARE(received.at(i), datagram(i));
    if (!json)
        QVERIFY2(scope.stdoutBytes().endsWith(" stopped\n"), scope.transcript().constData());
}

QTEST_GUILESS_MAIN(tst_UdpBurstCli)
#include "tst_udpburst_cli.moc"
