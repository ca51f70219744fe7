#include "capturefiles.h"
#include "captureloader.h"
#include "trafficstore.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace CaptureFiles;

// The window's way to open a capture: on a worker thread, with progress,
// cancel, and the session id asked for on the loader's own thread.
class tst_CaptureLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsOnAWorker();
    void cancel();
    void destroyedWhileLoading();
    void cannotOpen();

private:
    QString m_file;
    QTemporaryDir m_dir;
    static constexpr int Datagrams = 200000;
};

void tst_CaptureLoader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_file = m_dir.filePath(QStringLiteral("flood.pcap"));
    PcapWriter w(m_file, Raw);
    QVERIFY(w.isOpen());
    const Bytes packet = udpPacket(Host{"10.0.0.2", 5000}, Host{"10.0.0.1", 9999}, "datagram");
    for (int i = 0; i < Datagrams; ++i)
        w.write(1700000000000000 + i, packet);
}

void tst_CaptureLoader::loadsOnAWorker()
{
    TrafficStore store;
    CaptureLoader loader(&store);
    QThread *allocatorThread = nullptr;
    QString allocatedName;
    loader.setSessionAllocator([&](const QString &name, SessionId) {
        allocatorThread = QThread::currentThread();
        allocatedName = name;
        return SessionId(5);
    });
    QSignalSpy progress(&loader, &CaptureLoader::progress);
    QSignalSpy finished(&loader, &CaptureLoader::finished);
    QSignalSpy appended(&store, &TrafficStore::eventsAppended);
    QVERIFY(loader.start(m_file));
    QVERIFY(loader.isRunning());
    QVERIFY(!loader.start(m_file)); // one at a time
    QVERIFY(finished.wait(60000));
    QVERIFY(!loader.isRunning());

    const auto result = finished.first().first().value<CaptureReadResult>();
    QVERIFY2(result.ok(), qPrintable(result.message));
    QCOMPARE(result.events, quint64(Datagrams));
    QCOMPARE(store.totals().events, quint64(Datagrams));
    QCOMPARE(allocatorThread, QThread::currentThread());
    QCOMPARE(allocatedName, QStringLiteral("capture flood.pcap"));
    TrafficEvent last;
    QVERIFY(store.event(store.lastSeq(), &last));
    QCOMPARE(last.session, SessionId(5));
    QCOMPARE(store.payload(last), QByteArray("datagram"));
    QVERIFY(progress.size() > 1);
    const qint64 size = QFileInfo(m_file).size();
    QCOMPARE(progress.last().at(0).toLongLong(), size);
    QCOMPARE(progress.last().at(1).toLongLong(), size);
    QTRY_VERIFY(appended.size() >= 1);
}

void tst_CaptureLoader::cancel()
{
    TrafficStore store;
    CaptureLoader loader(&store);
    QSignalSpy finished(&loader, &CaptureLoader::finished);
    QVERIFY(loader.start(m_file));
    loader.cancel();
    QVERIFY(finished.wait(60000));
    const auto result = finished.first().first().value<CaptureReadResult>();
    QCOMPARE(result.status, CaptureReadResult::Status::Cancelled);
    QVERIFY(result.packets < quint64(Datagrams));
    QCOMPARE(store.totals().events, result.events); // what was read stays

    // The loader can be used again.
    QVERIFY(loader.start(m_file));
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.last().first().value<CaptureReadResult>().ok());
}

void tst_CaptureLoader::destroyedWhileLoading()
{
    TrafficStore store;
    auto *loader = new CaptureLoader(&store);
    // The allocator never gets to run: the worker waits for it while the
    // loader is being destroyed, and must give up instead of hanging.
    loader->setSessionAllocator([](const QString &, SessionId) { return SessionId(1); });
    QVERIFY(loader->start(m_file));
    delete loader;
    QVERIFY(store.totals().events < quint64(Datagrams));
}

void tst_CaptureLoader::cannotOpen()
{
    TrafficStore store;
    CaptureLoader loader(&store);
    QSignalSpy finished(&loader, &CaptureLoader::finished);
    QVERIFY(loader.start(m_dir.filePath(QStringLiteral("nothing.pcap"))));
    QVERIFY(finished.wait(10000));
    const auto result = finished.first().first().value<CaptureReadResult>();
    QCOMPARE(result.status, CaptureReadResult::Status::CannotOpen);
    QCOMPARE(result.openError, CaptureReadResult::OpenError::NoSuchFile);
    QCOMPARE(store.totals().events, quint64(0));
}

QTEST_GUILESS_MAIN(tst_CaptureLoader)
#include "tst_captureloader.moc"
