#include "tcplistener.h"

#include <QHostAddress>
#include <QPointer>
#include <QtTest>

#include <vector>

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// A client connected with a blocking connect(): the kernel has finished its
// handshake (the connection waits in the accept queue) when this returns.
int connectedClient(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    return fd;
}

quint16 portOf(int fd, bool peer)
{
    sockaddr_in address{};
    socklen_t length = sizeof address;
    const int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr *>(&address), &length)
                        : ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    return rc == 0 ? ntohs(address.sin_port) : 0;
}

// Whether the server's side of `fd` is gone: end of stream or a reset.
bool ended(int fd)
{
    char byte = 0;
    const ssize_t n = ::recv(fd, &byte, 1, MSG_DONTWAIT);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

struct Clients
{
    std::vector<int> fds;
    ~Clients()
    {
        for (const int fd : fds)
            ::close(fd);
    }
};

} // namespace

class TestTcpListener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handsOverABurstInOrder();
    void closesWhatItHasNotHandedOver();
};

void TestTcpListener::handsOverABurstInOrder()
{
    // More than several hand-over batches, all waiting before the event loop runs.
    constexpr int Count = 5 * TcpListener::HandOverBatch + 7;
    std::vector<int> handed;
    QString error;
    QPointer<TcpListener> listener = TcpListener::open(
        QHostAddress::LocalHost, 0, 2 * Count, [&handed](qintptr fd) { handed.push_back(int(fd)); },
        nullptr, &error);
    QVERIFY2(listener, qPrintable(error));
    const auto cleanup = qScopeGuard([&] {
        delete listener;
        for (const int fd : handed)
            ::close(fd);
    });
    Clients clients;
    for (int i = 0; i < Count; ++i) {
        clients.fds.push_back(connectedClient(listener->serverPort()));
        QVERIFY(clients.fds.back() >= 0);
    }

    QTRY_COMPARE(int(handed.size()), Count);
    // In the order the clients connected, each once.
    for (int i = 0; i < Count; ++i)
        QCOMPARE(portOf(handed[size_t(i)], true), portOf(clients.fds[size_t(i)], false));
}

void TestTcpListener::closesWhatItHasNotHandedOver()
{
    constexpr int Count = 3 * TcpListener::HandOverBatch;
    std::vector<int> handed;
    QString error;
    QPointer<TcpListener> listener;
    // The endpoint stops (deletes its listener) at the first connection, as
    // a stopped session does: the connections accepted after it must not be
    // left open with nobody to serve them.
    listener = TcpListener::open(
        QHostAddress::LocalHost, 0, 2 * Count,
        [&](qintptr fd) {
            handed.push_back(int(fd));
            ::close(int(fd));
            delete listener;
        },
        nullptr, &error);
    QVERIFY2(listener, qPrintable(error));
    Clients clients;
    for (int i = 0; i < Count; ++i) {
        clients.fds.push_back(connectedClient(listener->serverPort()));
        QVERIFY(clients.fds.back() >= 0);
    }

    const auto endedCount = [&clients] {
        int n = 0;
        for (const int fd : clients.fds)
            n += ended(fd) ? 1 : 0;
        return n;
    };
    QTRY_COMPARE(endedCount(), Count);
    QCOMPARE(int(handed.size()), 1);
    QVERIFY(listener.isNull());
}

QTEST_GUILESS_MAIN(TestTcpListener)
#include "tst_tcplistener.moc"
