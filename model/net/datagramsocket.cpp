#include "datagramsocket.h"

#include "hostport.h"
#include "readinesswatch.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

// Each slot holds the largest possible datagram, so nothing is ever truncated;
// the buffers are per thread, shared by every UDP socket of the engine.
constexpr int BatchSize = 16;
constexpr int SlotSize = 65536;
constexpr int BatchesPerWakeup = 64;

QString systemError(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

socklen_t toSockaddr(const QHostAddress &address, quint16 port, bool ipv6Socket,
                     sockaddr_storage *ss)
{
    std::memset(ss, 0, sizeof *ss);
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (ipv6Socket) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(ss);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        Q_IPV6ADDR a = address.toIPv6Address();
        if (isV4 && address.protocol() == QAbstractSocket::IPv4Protocol) {
            // An IPv4 peer from a dual-stack socket: the v4-mapped form.
            QHostAddress mapped(QStringLiteral("::ffff:") + address.toString());
            a = mapped.toIPv6Address();
        }
        std::memcpy(&in6->sin6_addr, &a, sizeof a);
        in6->sin6_scope_id = address.scopeId().toUInt();
        return sizeof *in6;
    }
    auto *in = reinterpret_cast<sockaddr_in *>(ss);
    in->sin_family = AF_INET;
    in->sin_port = htons(port);
    in->sin_addr.s_addr = htonl(v4);
    return sizeof *in;
}

DatagramSocket::Peer toPeer(const sockaddr_storage &ss, socklen_t length)
{
    DatagramSocket::Peer p;
    if (ss.ss_family == AF_UNIX) {
        p.family = DatagramSocket::Peer::Unix;
        p.path = UnixAddress::fromSockaddr(*reinterpret_cast<const sockaddr_un *>(&ss), length);
    } else if (ss.ss_family == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&ss);
        const uchar *bytes = in6->sin6_addr.s6_addr;
        static const uchar mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        p.port = ntohs(in6->sin6_port);
        if (std::memcmp(bytes, mapped, 12) == 0) {
            p.family = 4;
            std::memcpy(p.address, bytes + 12, 4);
        } else {
            p.family = 6;
            std::memcpy(p.address, bytes, 16);
        }
    } else if (ss.ss_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(&ss);
        p.family = 4;
        p.port = ntohs(in->sin_port);
        std::memcpy(p.address, &in->sin_addr, 4);
    }
    return p;
}

void readCredentials(msghdr &header, DatagramSocket::Peer *peer)
{
    for (cmsghdr *c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_CREDENTIALS ||
            c->cmsg_len < CMSG_LEN(sizeof(ucred)))
            continue;
        ucred credentials;
        std::memcpy(&credentials, CMSG_DATA(c), sizeof credentials);
        peer->hasCredentials = true;
        peer->pid = credentials.pid;
        peer->uid = credentials.uid;
        peer->gid = credentials.gid;
    }
}

} // namespace

QHostAddress DatagramSocket::Peer::hostAddress() const
{
    if (family == 4) {
        quint32 v4;
        std::memcpy(&v4, address, 4);
        return QHostAddress(ntohl(v4));
    }
    return QHostAddress(address);
}

DatagramSocket::Peer DatagramSocket::Peer::fromHostAddress(const QHostAddress &address,
                                                           quint16 port)
{
    Peer p;
    p.port = port;
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // v4-mapped counts as IPv4
    if (isV4) {
        p.family = 4;
        const quint32 network = htonl(v4);
        std::memcpy(p.address, &network, 4);
    } else {
        p.family = 6;
        const Q_IPV6ADDR a = address.toIPv6Address();
        std::memcpy(p.address, &a, 16);
    }
    return p;
}

DatagramSocket::Peer DatagramSocket::Peer::fromPath(const QString &path)
{
    Peer p;
    p.family = Unix;
    p.path = UnixAddress::display(path);
    return p;
}

QString DatagramSocket::Peer::text() const
{
    if (family != Unix)
        return HostPort::format(hostAddress(), port);
    //: A Unix datagram sender that has no address to answer to.
    return path.isEmpty() ? QCoreApplication::translate("DatagramSocket", "unnamed") : path;
}

bool DatagramSocket::Peer::operator==(const Peer &other) const
{
    if (family == Unix && other.family == Unix && path.isEmpty() && other.path.isEmpty())
        return pid == other.pid;
    return family == other.family && port == other.port &&
           std::memcmp(address, other.address, 16) == 0 && path == other.path;
}

size_t qHash(const DatagramSocket::Peer &peer, size_t seed) noexcept
{
    if (peer.family == DatagramSocket::Peer::Unix)
        return peer.path.isEmpty() ? qHash(peer.pid, seed) : qHash(peer.path, seed);
    return qHashBits(peer.address, sizeof peer.address,
                     seed ^ (size_t(peer.port) << 8) ^ peer.family);
}

DatagramSocket *DatagramSocket::bind(const QHostAddress &address, quint16 port, QObject *parent,
                                     QString *error)
{
    const bool ipv6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd =
        ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = systemError(errno);
        return nullptr;
    }
    sockaddr_storage ss;
    const socklen_t len = toSockaddr(address, port, ipv6, &ss);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
        const int err = errno;
        ::close(fd);
        *error = err == EADDRINUSE ? QCoreApplication::translate("DatagramSocket",
                                                                 "The address is already in use")
                                   : systemError(err);
        return nullptr;
    }
    return adoptInet(fd, ipv6, parent);
}

DatagramSocket *DatagramSocket::adoptInet(int fd, bool ipv6, QObject *parent)
{
    auto *socket = new DatagramSocket(fd, parent);
    socket->m_ipv6 = ipv6;
    sockaddr_storage ss;
    socklen_t got = sizeof ss;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &got) == 0) {
        const Peer local = toPeer(ss, got);
        socket->m_localAddress = local.hostAddress();
        socket->m_localPort = local.port;
    }
    return socket;
}

DatagramSocket *DatagramSocket::connectTo(const QHostAddress &address, quint16 port,
                                          QObject *parent, QString *error)
{
    const bool ipv6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd =
        ::socket(ipv6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = systemError(errno);
        return nullptr;
    }
    sockaddr_storage ss;
    const socklen_t len = toSockaddr(address, port, ipv6, &ss);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&ss), len) != 0) {
        *error = systemError(errno);
        ::close(fd);
        return nullptr;
    }
    return adoptInet(fd, ipv6, parent);
}

DatagramSocket *DatagramSocket::bindPath(const QString &path, QObject *parent, QString *error,
                                         bool *inUse)
{
    *inUse = false;
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = systemError(errno);
        return nullptr;
    }
    UnixAddress::BoundFile file;
    const UnixAddress::BindResult bound = UnixAddress::bind(fd, SOCK_DGRAM, path, error, &file);
    if (bound != UnixAddress::BindResult::Bound) {
        *inUse = bound == UnixAddress::BindResult::InUse;
        ::close(fd);
        return nullptr;
    }
    // Each datagram then carries its sender's pid, uid and gid (SCM_CREDENTIALS),
    // the datagram counterpart of a stream's SO_PEERCRED.
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
    auto *socket = new DatagramSocket(fd, parent);
    socket->m_unix = true;
    socket->m_path = UnixAddress::display(path);
    socket->m_file = file;
    return socket;
}

QString DatagramSocket::localName() const
{
    return m_unix ? m_path : HostPort::format(m_localAddress, m_localPort);
}

DatagramSocket::DatagramSocket(int fd, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    // Through the thread's epoll set (ReadinessWatch): a UDP relay holds one
    // socket per client.
    , m_watch(std::make_unique<ReadinessWatch>(
          fd, [this] { onReadable(); }, [] {}))
{
    m_watch->setReadEnabled(true);
}

DatagramSocket::~DatagramSocket()
{
    close();
}

void DatagramSocket::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_watch->detach();
    if (m_unix)
        UnixAddress::removeBoundFile(m_path, m_file);
    ::close(m_fd);
}

int DatagramSocket::enlargeReceiveBuffer(int bytes)
{
    // SO_RCVBUFFORCE passes the rmem_max limit when we may (root); otherwise the
    // kernel clamps SO_RCVBUF to rmem_max.
    if (::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof bytes) != 0)
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
    int granted = 0;
    socklen_t len = sizeof granted;
    ::getsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &granted, &len);
    return granted;
}

bool DatagramSocket::sendTo(QByteArrayView datagram, const Peer &to, QString *error)
{
    if (to.family != Peer::Unix)
        return sendTo(datagram, to.hostAddress(), to.port, error);
    if (!m_unix) {
        *error = QCoreApplication::translate("DatagramSocket",
                                             "A UDP socket cannot send to a socket path");
        return false;
    }
    if (to.path.isEmpty()) {
        *error = QCoreApplication::translate(
            "DatagramSocket",
            "The sender did not bind its socket to a path: it cannot be answered");
        return false;
    }
    sockaddr_un address;
    const socklen_t len = UnixAddress::toSockaddr(to.path, &address);
    return sendRaw(datagram, reinterpret_cast<const sockaddr *>(&address), len, error);
}

bool DatagramSocket::sendTo(QByteArrayView datagram, const QHostAddress &address, quint16 port,
                            QString *error)
{
    if (m_closed) {
        *error = QCoreApplication::translate("DatagramSocket", "The socket is closed");
        return false;
    }
    if (m_unix) {
        *error = QCoreApplication::translate("DatagramSocket",
                                             "A Unix socket sends to socket paths only");
        return false;
    }
    sockaddr_storage ss;
    if (!m_ipv6 && address.protocol() == QAbstractSocket::IPv6Protocol) {
        *error = QCoreApplication::translate("DatagramSocket",
                                             "An IPv4 socket cannot send to an IPv6 address");
        return false;
    }
    const socklen_t len = toSockaddr(address, port, m_ipv6, &ss);
    return sendRaw(datagram, reinterpret_cast<const sockaddr *>(&ss), len, error);
}

bool DatagramSocket::send(QByteArrayView datagram, QString *error, int *code)
{
    return sendRaw(datagram, nullptr, 0, error, code);
}

bool DatagramSocket::sendRaw(QByteArrayView datagram, const sockaddr *to, unsigned length,
                             QString *error, int *code)
{
    if (m_closed) {
        *error = QCoreApplication::translate("DatagramSocket", "The socket is closed");
        return false;
    }
    for (;;) {
        const ssize_t n =
            ::sendto(m_fd, datagram.data(), size_t(datagram.size()), 0, to, socklen_t(length));
        if (n >= 0)
            return true;
        const int err = errno;
        if (err == EINTR)
            continue;
        if (code)
            *code = err;
        // Linux refuses a datagram to a broadcast address (255.255.255.255 or
        // a subnet's, e.g. 10.0.0.255) with EACCES unless SO_BROADCAST is on.
        if (err == EACCES && !m_unix && !m_broadcast)
            *error = QCoreApplication::translate(
                         "DatagramSocket",
                         "%1: this is a broadcast address, and broadcast is not enabled for "
                         "this session (use --broadcast, or tick Broadcast in its settings)")
                         .arg(systemError(err));
        else
            *error = systemError(err);
        return false;
    }
}

void DatagramSocket::onReadable()
{
    struct Batch
    {
        mmsghdr headers[BatchSize];
        iovec vectors[BatchSize];
        sockaddr_storage from[BatchSize];
        alignas(cmsghdr) char control[BatchSize][CMSG_SPACE(sizeof(ucred))];
        char data[BatchSize][SlotSize];
    };
    thread_local std::unique_ptr<Batch> batch;
    if (!batch)
        batch.reset(new Batch);
    Batch &b = *batch;
    for (int round = 0; round < BatchesPerWakeup; ++round) {
        for (int i = 0; i < BatchSize; ++i) {
            b.vectors[i] = {b.data[i], SlotSize};
            std::memset(&b.headers[i], 0, sizeof b.headers[i]);
            // An unnamed Unix sender leaves the address untouched (length 0):
            // the family must not be a previous datagram's.
            b.from[i].ss_family = m_unix ? AF_UNIX : AF_UNSPEC;
            b.headers[i].msg_hdr.msg_name = &b.from[i];
            b.headers[i].msg_hdr.msg_namelen = sizeof b.from[i];
            b.headers[i].msg_hdr.msg_iov = &b.vectors[i];
            b.headers[i].msg_hdr.msg_iovlen = 1;
            if (m_unix) {
                b.headers[i].msg_hdr.msg_control = b.control[i];
                b.headers[i].msg_hdr.msg_controllen = sizeof b.control[i];
            }
        }
        const int n = ::recvmmsg(m_fd, b.headers, BatchSize, MSG_DONTWAIT, nullptr);
        if (n < 0) {
            // EAGAIN: all read. Anything else is an error the kernel queued for
            // this socket (and now cleared): told to whoever asked.
            const int err = errno;
            if (err != EAGAIN && err != EWOULDBLOCK && err != EINTR && m_errorHandler)
                m_errorHandler(err, systemError(err));
            if (err == EINTR)
                continue;
            return;
        }
        if (n == 0)
            return;
        // The receiver may close us (a chat that just ended): stop at once then.
        for (int i = 0; i < n && !m_closed; ++i) {
            Peer from = toPeer(b.from[i], b.headers[i].msg_hdr.msg_namelen);
            if (m_unix)
                readCredentials(b.headers[i].msg_hdr, &from);
            if (m_receiver)
                m_receiver(QByteArrayView(b.data[i], qsizetype(b.headers[i].msg_len)), from);
        }
        if (m_batchEnd)
            m_batchEnd();
        if (m_closed || n < BatchSize)
            return;
    }
}
