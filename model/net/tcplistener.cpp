#include "tcplistener.h"

#include "hostport.h"

#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

QString systemError(int err)
{
    if (err == EADDRINUSE)
        return TcpListener::tr("The address is already in use");
    return QString::fromLocal8Bit(std::strerror(err));
}

// Errors accept4() reports for one client that has gone (or a network
// error pending on its socket): the next one is accepted as usual.
bool isClientsError(int err)
{
    switch (err) {
    case EAGAIN:
    case ECONNABORTED:
    case EINTR:
    case EPROTO:
    case EPERM: // a firewall rule refused it
    case ENETDOWN:
    case ENOPROTOOPT:
    case EHOSTDOWN:
    case ENONET:
    case EHOSTUNREACH:
    case EOPNOTSUPP:
    case ENETUNREACH:
    case ETIMEDOUT:
        return true;
    default:
        return false;
    }
}

} // namespace

TcpListener::TcpListener(Accept accept, QObject *parent)
    : QObject(parent)
    , m_accept(std::move(accept))
{}

TcpListener::~TcpListener()
{
    for (const Waiting &w : m_waiting)
        ::close(w.descriptor);
    delete m_notifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

TcpListener *TcpListener::open(const QHostAddress &address, quint16 port, int backlog,
                               Accept accept, QObject *parent, QString *error)
{
    auto *listener = new TcpListener(std::move(accept), parent);
    QString reason;
    if (!listener->listenOn(address, port, backlog, &reason)) {
        *error = tr("Cannot listen on %1: %2").arg(HostPort::format(address, port), reason);
        delete listener;
        return nullptr;
    }
    return listener;
}

bool TcpListener::listenOn(const QHostAddress &address, quint16 port, int backlog, QString *error)
{
    // QHostAddress::Any is both families on one IPv6 socket, as with QTcpServer;
    // "::" is IPv6 alone.
    const bool dualStack = address == QHostAddress::Any;
    const bool ipv6 = dualStack || address.protocol() == QAbstractSocket::IPv6Protocol;
    m_fd = ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        *error = systemError(errno);
        return false;
    }
    const int one = 1;
    // A server restarted at once must not wait for its old connections' TIME_WAIT.
    ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    // Interactive protocols: small replies must leave at once. Linux gives the
    // accepted sockets the listener's TCP_NODELAY, a system call less for each.
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (ipv6) {
        const int v6only = dualStack ? 0 : 1;
        ::setsockopt(m_fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof v6only);
    }
    sockaddr_storage ss;
    socklen_t length =
        HostPort::toSockaddr(dualStack ? QHostAddress(QHostAddress::AnyIPv6) : address, port, &ss);
    if (::bind(m_fd, reinterpret_cast<sockaddr *>(&ss), length) != 0 ||
        ::listen(m_fd, backlog) != 0) {
        *error = systemError(errno);
        return false;
    }
    length = sizeof ss;
    if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&ss), &length) != 0) {
        *error = systemError(errno);
        return false;
    }
    HostPort::fromSockaddr(reinterpret_cast<const sockaddr *>(&ss), &m_address, &m_port);
    if (dualStack)
        m_address = address;
    m_localName = HostPort::format(m_address, m_port);
    m_localFixed =
        !dualStack && address != QHostAddress::AnyIPv4 && address != QHostAddress::AnyIPv6;
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TcpListener::acceptWaiting);
    // Made now: once descriptors have run out, nothing new should be needed.
    m_retry = new QTimer(this);
    m_retry->setSingleShot(true);
    m_retry->setInterval(RetryAcceptMs);
    connect(m_retry, &QTimer::timeout, this, [this] {
        m_notifier->setEnabled(true);
        acceptWaiting();
    });
    return true;
}

void TcpListener::acceptWaiting()
{
    // Everything the kernel has waiting: its queue is bounded by the backlog.
    for (;;) {
        Waiting w{};
        socklen_t length = sizeof w.peer;
        const int fd = ::accept4(m_fd, reinterpret_cast<sockaddr *>(&w.peer), &length,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            const int err = errno;
            if (err == EAGAIN || err == EWOULDBLOCK)
                break;
            if (isClientsError(err))
                continue;
            pauseAccepting(err);
            break;
        }
        m_failing = false;
        w.descriptor = fd;
        m_waiting.push_back(w);
    }
    if (!m_waiting.empty() && !m_handOverPosted) {
        m_handOverPosted = true;
        QMetaObject::invokeMethod(this, &TcpListener::handOver, Qt::QueuedConnection);
    }
}

void TcpListener::pauseAccepting(int err)
{
    // Out of descriptors (or kernel memory): the notifier would fire again at
    // once for the same client. The clients wait in the kernel's queue while
    // connections close and free descriptors.
    m_notifier->setEnabled(false);
    m_retry->start();
    if (!m_failing) {
        m_failing = true;
        //: %1 is the system's reason, e.g. "Too many open files".
        Q_EMIT acceptFailed(tr("Cannot accept new connections: %1; they wait until some close")
                                .arg(systemError(err)));
    }
}

void TcpListener::handOver()
{
    m_handOverPosted = false;
    // The endpoint may delete us from its callback (a session stopped by a
    // rule or a script): then the rest is closed by the destructor.
    const QPointer<TcpListener> alive(this);
    StreamSocket::Accepted accepted;
    if (m_localFixed) {
        accepted.localAddress = m_address;
        accepted.localPort = m_port;
        accepted.localName = m_localName;
    }
    for (int i = 0; i < HandOverBatch && !m_waiting.empty(); ++i) {
        const Waiting w = m_waiting.front();
        m_waiting.pop_front();
        accepted.descriptor = w.descriptor;
        HostPort::fromSockaddr(reinterpret_cast<const sockaddr *>(&w.peer), &accepted.peerAddress,
                               &accepted.peerPort);
        m_accept(accepted);
        if (!alive)
            return;
    }
    if (!m_waiting.empty()) {
        m_handOverPosted = true;
        QMetaObject::invokeMethod(this, &TcpListener::handOver, Qt::QueuedConnection);
    }
}
