#include "streamsocket.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTest>

#include <thread>

#include <sys/socket.h>
#include <unistd.h>

// What a stream hands to received() under a flood: reads share one buffer per
// thread while receivers only look at them, so a chunk a receiver keeps must
// stay as it was read however many reads follow, and a small kept chunk must
// not hold a whole read buffer.
class tst_StreamSocket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keptChunksStayAsRead();
};

void tst_StreamSocket::keptChunksStayAsRead()
{
    int fds[2];
    QVERIFY(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    QByteArray sent(4 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < sent.size(); ++i)
        sent[i] = char((i * 7 + i / 251) % 256);

    auto *socket = new StreamSocket(fds[0], this);
    // Every other chunk is kept as handed out (sharing the read buffer), the
    // rest as a copy, which lets the next read reuse the buffer.
    QList<QByteArray> chunks;
    qsizetype received = 0;
    connect(socket, &StreamSocket::received, this, [&](const QByteArray &chunk) {
        chunks.append(chunks.size() % 2 ? chunk : QByteArray(chunk.constData(), chunk.size()));
        received += chunk.size();
    });

    // Writes of mixed sizes, so that reads come both large and small.
    std::thread peer([fd = fds[1], &sent] {
        static constexpr qsizetype Sizes[] = {70000, 100, 20000, 65536, 5, 300000, 17000, 1};
        qsizetype at = 0;
        for (int i = 0; at < sent.size(); ++i) {
            const qsizetype n = std::min(Sizes[i % 8], sent.size() - at);
            for (qsizetype done = 0; done < n;) {
                const ssize_t w = ::write(fd, sent.constData() + at + done, size_t(n - done));
                if (w <= 0)
                    return;
                done += w;
            }
            at += n;
        }
        ::shutdown(fd, SHUT_WR);
    });
    QTRY_COMPARE_WITH_TIMEOUT(received, sent.size(), 30000);
    peer.join();
    ::close(fds[1]);

    QVERIFY2(chunks.size() > 8, qPrintable(QString::number(chunks.size())));
    QByteArray together;
    for (const QByteArray &chunk : std::as_const(chunks)) {
        together.append(chunk);
        // A kept chunk holds at most four times its own size.
        QVERIFY2(
            chunk.capacity() <= 4 * chunk.size() + 64,
            qPrintable(QStringLiteral("%1 bytes in %2").arg(chunk.size()).arg(chunk.capacity())));
    }
    QCOMPARE(together.size(), sent.size());
    QVERIFY(together == sent);
}

QTEST_GUILESS_MAIN(tst_StreamSocket)
#include "tst_streamsocket.moc"
