#include "tcplistener.h"

#include <QHostAddress>
#include <QPointer>
#include <QtTest>

#include <memory>
#include <vector>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
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
    void onAnyAddressTheKernelNamesTheLocalEnd();
    void saysWhenTheAddressIsInUse();
    void listensOnIpv6();
    void waitsOutRunningOutOfDescriptors();
};

void TestTcpListener::handsOverABurstInOrder()
{
    // More than several hand-over batches, all waiting before the event loop runs.
    constexpr int Count = 5 * TcpListener::HandOverBatch + 7;
    std::vector<int> handed;
    std::vector<StreamSocket::Accepted> accepted;
    QString error;
    QPointer<TcpListener> listener = TcpListener::open(
        QHostAddress::LocalHost, 0, 2 * Count,
        [&](const StreamSocket::Accepted &a) {
            handed.push_back(int(a.descriptor));
            accepted.push_back(a);
        },
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
    // In the order the clients connected, each once, with both ends as the
    // kernel has them, and non-blocking.
    const QString local = u"127.0.0.1:" + QString::number(listener->serverPort());
    QCOMPARE(listener->localName(), local);
    for (int i = 0; i < Count; ++i) {
        const int fd = handed[size_t(i)];
        const quint16 clientPort = portOf(clients.fds[size_t(i)], false);
        QCOMPARE(portOf(fd, true), clientPort);
        QCOMPARE(accepted[size_t(i)].peerAddress, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(accepted[size_t(i)].peerPort, clientPort);
        QCOMPARE(accepted[size_t(i)].localName, local);
        QCOMPARE(accepted[size_t(i)].localPort, listener->serverPort());
        QVERIFY(::fcntl(fd, F_GETFL) & O_NONBLOCK);
        QVERIFY(::fcntl(fd, F_GETFD) & FD_CLOEXEC);
        int noDelay = 0;
        socklen_t size = sizeof noDelay;
        QCOMPARE(::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &noDelay, &size), 0);
        QCOMPARE(noDelay, 1);
    }
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
        [&](const StreamSocket::Accepted &a) {
            handed.push_back(int(a.descriptor));
            ::close(int(a.descriptor));
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

void TestTcpListener::onAnyAddressTheKernelNamesTheLocalEnd()
{
    std::vector<StreamSocket::Accepted> accepted;
    QString error;
    std::unique_ptr<TcpListener> listener(TcpListener::open(
        QHostAddress::AnyIPv4, 0, 8,
        [&accepted](const StreamSocket::Accepted &a) { accepted.push_back(a); }, nullptr, &error));
    QVERIFY2(listener, qPrintable(error));
    QCOMPARE(listener->localName(), u"0.0.0.0:" + QString::number(listener->serverPort()));
    Clients clients;
    clients.fds.push_back(connectedClient(listener->serverPort()));
    QVERIFY(clients.fds.back() >= 0);
    QTRY_COMPARE(int(accepted.size()), 1);
    // The listener cannot know which of the machine's addresses was reached.
    QVERIFY(accepted[0].localName.isEmpty());

    StreamSocket socket(accepted[0]);
    const QString port = QString::number(listener->serverPort());
    QCOMPARE(socket.localName(), u"127.0.0.1:" + port);
    QCOMPARE(socket.localPort(), listener->serverPort());
    QCOMPARE(socket.peerName(), u"127.0.0.1:" + QString::number(portOf(clients.fds[0], false)));
    QCOMPARE(socket.peerAddress(), QHostAddress(QHostAddress::LocalHost));
}

void TestTcpListener::listensOnIpv6()
{
    std::vector<StreamSocket::Accepted> accepted;
    QString error;
    std::unique_ptr<TcpListener> listener(TcpListener::open(
        QHostAddress::LocalHostIPv6, 0, 8,
        [&accepted](const StreamSocket::Accepted &a) { accepted.push_back(a); }, nullptr, &error));
    if (!listener)
        QSKIP(qPrintable(u"No IPv6 loopback here: " + error));
    const QString port = QString::number(listener->serverPort());
    QCOMPARE(listener->localName(), u"[::1]:" + port);

    const int client = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
    QVERIFY(client >= 0);
    Clients clients;
    clients.fds.push_back(client);
    sockaddr_in6 address{};
    address.sin6_family = AF_INET6;
    address.sin6_port = htons(listener->serverPort());
    address.sin6_addr = in6addr_loopback;
    QCOMPARE(::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    sockaddr_in6 own{};
    socklen_t length = sizeof own;
    QCOMPARE(::getsockname(client, reinterpret_cast<sockaddr *>(&own), &length), 0);

    QTRY_COMPARE(int(accepted.size()), 1);
    StreamSocket socket(accepted[0]);
    QCOMPARE(socket.localName(), u"[::1]:" + port);
    QCOMPARE(socket.peerAddress(), QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(socket.peerPort(), ntohs(own.sin6_port));
    QCOMPARE(socket.peerName(), u"[::1]:" + QString::number(ntohs(own.sin6_port)));
}

void TestTcpListener::saysWhenTheAddressIsInUse()
{
    QString error;
    std::unique_ptr<TcpListener> first(TcpListener::open(
        QHostAddress::LocalHost, 0, 8, [](const StreamSocket::Accepted &) {}, nullptr, &error));
    QVERIFY2(first, qPrintable(error));
    std::unique_ptr<TcpListener> second(TcpListener::open(
        QHostAddress::LocalHost, first->serverPort(), 8, [](const StreamSocket::Accepted &) {},
        nullptr, &error));
    QVERIFY(!second);
    QCOMPARE(error, u"Cannot listen on " + first->localName() + u": The address is already in use");
}

void TestTcpListener::waitsOutRunningOutOfDescriptors()
{
#if defined(__SANITIZE_ADDRESS__)
    // UBSan's type checks open a pipe to probe memory: with no descriptor
    // left they report a valid object as invalid.
    QSKIP("The sanitizers need descriptors of their own");
#endif
    std::vector<int> handed;
    QString error;
    std::unique_ptr<TcpListener> listener(TcpListener::open(
        QHostAddress::LocalHost, 0, 8,
        [&handed](const StreamSocket::Accepted &a) { handed.push_back(int(a.descriptor)); },
        nullptr, &error));
    QVERIFY2(listener, qPrintable(error));
    const auto closeHanded = qScopeGuard([&handed] {
        for (const int fd : handed)
            ::close(fd);
    });
    QSignalSpy failed(listener.get(), &TcpListener::acceptFailed);

    Clients clients;
    clients.fds.push_back(connectedClient(listener->serverPort()));
    QVERIFY(clients.fds.back() >= 0);
    // No descriptor can be made from now on: the limit is the lowest free one.
    rlimit original{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &original), 0);
    const int lowestFree = ::dup(0);
    QVERIFY(lowestFree >= 0);
    ::close(lowestFree);
    rlimit low = original;
    low.rlim_cur = rlim_t(lowestFree);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &low), 0);
    auto restore = qScopeGuard([&original] { ::setrlimit(RLIMIT_NOFILE, &original); });

    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).toString(),
             QStringLiteral("Cannot accept new connections: %1; they wait until some close")
                 .arg(QString::fromLocal8Bit(std::strerror(EMFILE))));
    QVERIFY(handed.empty());

    // Descriptors free again: the client that waited in the kernel's queue
    // is accepted at the next try, without another message.
    restore.dismiss();
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &original), 0);
    QTRY_COMPARE(int(handed.size()), 1);
    QCOMPARE(portOf(handed[0], true), portOf(clients.fds[0], false));
    QCOMPARE(failed.count(), 1);
}

QTEST_GUILESS_MAIN(TestTcpListener)
#include "tst_tcplistener.moc"
