// The headless tcp-server started again and again, each time met at once by a
// crowd of clients (socketscope-loadgen with --barrier: all connect, all must be
// greeted before anyone sends). An engine loop that misses a readiness report
// shows here as clients that never get "Welcome!" ("hung"), which a benchmark
// run sees only rarely.

#include "e2esupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using E2e::jsonString;

namespace {

constexpr int Starts = 10;
constexpr int Clients = 400;
constexpr int Rounds = 3;
// Per start; a healthy server greets all of them in well under a second.
constexpr int LoadgenTimeoutS = 15;

QString loadgen()
{
    return QStringLiteral(SOCKETSCOPE_LOADGEN);
}

} // namespace

class tst_StartupStress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyStartGreetsEveryClient();
};

void tst_StartupStress::initTestCase()
{
    QVERIFY2(QFile::exists(E2e::binary()), qPrintable(E2e::binary()));
    QVERIFY2(QFile::exists(loadgen()), qPrintable(loadgen()));
}

void tst_StartupStress::everyStartGreetsEveryClient()
{
    double worstGreetingUs = 0;
    for (int start = 0; start < Starts; ++start) {
        E2e::Process server;
        // Half the starts with standard input on /dev/null, as benchmarks and
        // services start it (epoll refuses that descriptor), half on a pipe.
        if (start % 2 == 0)
            server.process().setStandardInputFile(QProcess::nullDevice());
        QVERIFY2(server.start({QStringLiteral("tcp-server"), QStringLiteral("127.0.0.1:0"),
                               QStringLiteral("--json")}),
                 qPrintable(server.process().errorString()));
        QVERIFY2(server.waitForEvent("listening") == 0, server.transcript().constData());
        const QString local = jsonString(server.events().constFirst(), "local");
        const QString port = local.section(QLatin1Char(':'), -1);
        QVERIFY2(port.toUShort() != 0, qPrintable(local));

        QProcess client;
        client.start(loadgen(), {QStringLiteral("tcp-hello"), QStringLiteral("--host"),
                                 QStringLiteral("127.0.0.1"), QStringLiteral("--port"), port,
                                 QStringLiteral("--clients"), QString::number(Clients),
                                 QStringLiteral("--rounds"), QString::number(Rounds),
                                 QStringLiteral("--timeout"), QString::number(LoadgenTimeoutS),
                                 QStringLiteral("--barrier"), QStringLiteral("--json")});
        QVERIFY2(client.waitForStarted(10000), qPrintable(client.errorString()));
        // The server's output is read meanwhile (it must not block on a full pipe).
        QVERIFY2(QTest::qWaitFor([&] { return client.state() == QProcess::NotRunning; },
                                 (LoadgenTimeoutS + 15) * 1000),
                 "the load generator did not finish");
        const QList<QByteArray> lines = client.readAllStandardOutput().trimmed().split('\n');
        const QJsonObject report = QJsonDocument::fromJson(lines.constLast()).object();
        const QByteArray context = "start " + QByteArray::number(start + 1) + ": " +
                                   lines.constLast() + "\nserver stderr:\n" +
                                   server.stderrBytes().right(2000);
        QVERIFY2(!report.isEmpty(), context.constData());
        QCOMPARE(report.value(QLatin1String("clients_ok")).toInt(), Clients);
        QVERIFY2(report.value(QLatin1String("errors_total")).toInt() == 0, context.constData());
        QCOMPARE(report.value(QLatin1String("round_trips")).toInt(), Clients * Rounds);
        QVERIFY2(server.isRunning(), context.constData());
        worstGreetingUs = qMax(worstGreetingUs, report.value(QLatin1String("greeting_us"))
                                                    .toObject()
                                                    .value(QLatin1String("max"))
                                                    .toDouble());
    }
    qInfo("%d starts x %d clients: the slowest greeting took %.1f ms", Starts, Clients,
          worstGreetingUs / 1000.0);
}

QTEST_GUILESS_MAIN(tst_StartupStress)
#include "tst_startup_stress.moc"
