#include "streamsocket.h"

#include "hostport.h"
#include "readinesswatch.h"
#include "tlsstream.h"
#include "unixaddress.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

// One read() is one message; 64 KiB matches the largest chunk the kernel
// typically hands over on loopback and keeps a single event small.
constexpr qsizetype ReadChunk = 64 * 1024;
// Reads per readiness notification before yielding to other sockets, so one
// flooding peer cannot starve the rest.
constexpr int ReadsPerWakeup = 16;

QString systemError(int err)
{
    switch (err) {
    case ECONNRESET:
    case EPIPE:
        // One wording however the reset is noticed (read, write, or flush).
        return QCoreApplication::translate("StreamSocket", "Connection reset by the peer");
    default:
        return QString::fromLocal8Bit(std::strerror(err));
    }
}

// The buffer reads go into, one per thread and reused from read to read: a
// large chunk is read straight into the QByteArray that received() hands out,
// so under a flood a read costs neither an allocation nor a copy of the chunk.
// A receiver that keeps the chunk shares it; it is then theirs, and the next
// read takes a fresh buffer. A small chunk is copied out at its exact size
// instead: one a receiver keeps (a partial line) must not hold a whole buffer,
// so what is kept is at most four times its size. A read inside a receiver
// (none today) finds the slot empty and takes its own. Nothing large is kept
// per socket.
constexpr qsizetype ShareReadsFrom = ReadChunk / 4;
thread_local QByteArray t_readBuffer;

QByteArray takeReadBuffer()
{
    QByteArray buffer = std::move(t_readBuffer);
    t_readBuffer = QByteArray();
    if (buffer.isDetached() && buffer.capacity() >= ReadChunk)
        buffer.resize(ReadChunk); // within the capacity: no allocation, no fill
    else
        buffer = QByteArray(ReadChunk, Qt::Uninitialized);
    return buffer;
}

void giveBackReadBuffer(QByteArray &&buffer)
{
    if (buffer.isDetached())
        t_readBuffer = std::move(buffer);
}

} // namespace

StreamSocket::StreamSocket(qintptr descriptor, QObject *parent)
    : QObject(parent)
    , m_fd(descriptor)
{
    setUp();
    fetchAddresses();
}

StreamSocket::StreamSocket(const Accepted &accepted, QObject *parent)
    : QObject(parent)
    , m_fd(accepted.descriptor)
    , m_localAddress(accepted.localAddress)
    , m_localPort(accepted.localPort)
    , m_peerAddress(accepted.peerAddress)
    , m_peerPort(accepted.peerPort)
    , m_localName(accepted.localName)
    , m_peerName(HostPort::format(accepted.peerAddress, accepted.peerPort))
{
    watch(false);
    if (m_localName.isEmpty()) {
        sockaddr_storage ss{};
        socklen_t len = sizeof ss;
        if (::getsockname(int(m_fd), reinterpret_cast<sockaddr *>(&ss), &len) == 0) {
            HostPort::fromSockaddr(reinterpret_cast<const sockaddr *>(&ss), &m_localAddress,
                                   &m_localPort);
            m_localName = HostPort::format(m_localAddress, m_localPort);
        }
    }
}

StreamSocket::~StreamSocket()
{
    // Out of epoll before the descriptor goes (a copy of it in another
    // process would otherwise keep the registration alive).
    m_watch.reset();
    if (m_fd >= 0)
        ::close(int(m_fd));
}

void StreamSocket::startTls(std::unique_ptr<TlsStream> tls)
{
    m_tls = std::move(tls);
    m_tlsHandshaking = true;
    m_watch->setReadEnabled(false);
    m_watch->setWriteEnabled(false);
    // Queued: whoever called this connects to tlsEstablished() and ended() first.
    QMetaObject::invokeMethod(this, &StreamSocket::continueHandshake, Qt::QueuedConnection);
}

void StreamSocket::continueHandshake()
{
    if (m_state == State::Closed || !m_tlsHandshaking)
        return;
    switch (m_tls->handshake()) {
    case TlsStream::Result::Done: {
        m_tlsHandshaking = false;
        m_watch->setWriteEnabled(false);
        updateReadingPause();
        m_watch->setReadEnabled(!m_readingPaused);
        const QStringList description = m_tls->describe();
        if (m_handler)
            m_handler->streamTlsEstablished(description);
        Q_EMIT tlsEstablished(description);
        if (m_state == State::Closed)
            return;
        // What was written during the handshake, and a close or half-close asked meanwhile.
        flush();
        if (m_state != State::Closed && m_tls->hasPending())
            QMetaObject::invokeMethod(this, &StreamSocket::onReadable, Qt::QueuedConnection);
        return;
    }
    case TlsStream::Result::WantRead:
        m_watch->setReadEnabled(true);
        m_watch->setWriteEnabled(false);
        return;
    case TlsStream::Result::WantWrite:
        m_watch->setReadEnabled(false);
        m_watch->setWriteEnabled(true);
        return;
    case TlsStream::Result::Closed:
    case TlsStream::Result::Failed:
        break;
    }
    const QString reason =
        m_tls->systemError() != 0 ? systemError(m_tls->systemError()) : m_tls->errorString();
    finish(m_tls->systemError() == ECONNRESET ? End::PeerReset : End::Failed,
           QCoreApplication::translate("StreamSocket", "TLS handshake failed: %1").arg(reason));
}

ssize_t StreamSocket::readSome(char *data, size_t size)
{
    if (!m_tls)
        return ::read(int(m_fd), data, size);
    qsizetype n = 0;
    switch (m_tls->read(data, qsizetype(size), &n)) {
    case TlsStream::Result::Done:
        return ssize_t(n);
    case TlsStream::Result::WantRead:
        break;
    case TlsStream::Result::WantWrite:
        m_tlsReadWantsWrite = true;
        m_watch->setWriteEnabled(true);
        break;
    case TlsStream::Result::Closed:
        m_tlsCleanEnd = m_tls->closedCleanly();
        return 0;
    case TlsStream::Result::Failed:
        m_tlsError = m_tls->errorString();
        errno = m_tls->systemError() != 0 ? m_tls->systemError() : EPROTO;
        return -1;
    }
    errno = EAGAIN;
    return -1;
}

ssize_t StreamSocket::sendSome(const char *data, size_t size)
{
    if (!m_tls)
        return ::send(int(m_fd), data, size, MSG_NOSIGNAL);
    qsizetype n = 0;
    switch (m_tls->write(data, qsizetype(size), &n)) {
    case TlsStream::Result::Done:
        return ssize_t(n);
    case TlsStream::Result::WantRead:
        m_tlsWriteWantsRead = true;
        break;
    case TlsStream::Result::WantWrite:
        break;
    case TlsStream::Result::Closed:
    case TlsStream::Result::Failed:
        m_tlsError = m_tls->errorString();
        errno = m_tls->systemError() != 0 ? m_tls->systemError() : EPROTO;
        return -1;
    }
    errno = EAGAIN;
    return -1;
}

void StreamSocket::waitToSend()
{
    if (m_tlsWriteWantsRead) {
        // OpenSSL must read (a renegotiation) before it can write: waiting for
        // writability would spin.
        m_watch->setWriteEnabled(false);
        m_watch->setReadEnabled(true);
        return;
    }
    m_watch->setWriteEnabled(true);
}

void StreamSocket::setUp()
{
    const int flags = ::fcntl(int(m_fd), F_GETFL);
    ::fcntl(int(m_fd), F_SETFL, flags | O_NONBLOCK);
    int domain = 0;
    int type = 0;
    socklen_t size = sizeof domain;
    ::getsockopt(int(m_fd), SOL_SOCKET, SO_DOMAIN, &domain, &size);
    size = sizeof type;
    ::getsockopt(int(m_fd), SOL_SOCKET, SO_TYPE, &type, &size);
    m_messages = type == SOCK_SEQPACKET;
    watch(domain != AF_UNIX);
}

void StreamSocket::watch(bool setNoDelay)
{
    if (setNoDelay) {
        const int one = 1;
        // Interactive protocol: small replies must leave at once.
        ::setsockopt(int(m_fd), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    // One epoll registration per stream instead of two QSocketNotifiers: see
    // ReadinessWatch for why (10,000 connections on one thread).
    m_watch = std::make_unique<ReadinessWatch>(
        int(m_fd), [this] { onReadable(); }, [this] { onWritable(); });
    m_watch->setReadEnabled(true);
}

void StreamSocket::fetchAddresses()
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (::getsockname(int(m_fd), reinterpret_cast<sockaddr *>(&ss), &len) == 0) {
        HostPort::fromSockaddr(reinterpret_cast<const sockaddr *>(&ss), &m_localAddress,
                               &m_localPort);
        m_localName = ss.ss_family == AF_UNIX
                          ? UnixAddress::fromSockaddr(*reinterpret_cast<sockaddr_un *>(&ss), len)
                          : HostPort::format(m_localAddress, m_localPort);
    }
    len = sizeof ss;
    if (::getpeername(int(m_fd), reinterpret_cast<sockaddr *>(&ss), &len) == 0) {
        HostPort::fromSockaddr(reinterpret_cast<const sockaddr *>(&ss), &m_peerAddress,
                               &m_peerPort);
        m_peerName = ss.ss_family == AF_UNIX
                         ? UnixAddress::fromSockaddr(*reinterpret_cast<sockaddr_un *>(&ss), len)
                         : HostPort::format(m_peerAddress, m_peerPort);
        ucred credentials{};
        socklen_t size = sizeof credentials;
        if (ss.ss_family == AF_UNIX &&
            ::getsockopt(int(m_fd), SOL_SOCKET, SO_PEERCRED, &credentials, &size) == 0)
            m_credentials = Credentials{credentials.pid, credentials.uid, credentials.gid};
    }
}

StreamSocket *StreamSocket::connectTo(const QHostAddress &address, quint16 port, QObject *parent,
                                      QString *error)
{
    sockaddr_storage ss;
    const socklen_t len = HostPort::toSockaddr(address, port, &ss);
    const int fd = ::socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = systemError(errno);
        return nullptr;
    }
    StreamSocket *socket = startConnect(fd, reinterpret_cast<sockaddr *>(&ss), len, parent, error);
    if (socket && socket->m_state == State::Connecting) {
        socket->m_peerAddress = address;
        socket->m_peerPort = port;
        socket->m_peerName = HostPort::format(address, port);
    }
    return socket;
}

StreamSocket *StreamSocket::connectToPath(const QString &path, bool seqpacket, QObject *parent,
                                          QString *error)
{
    sockaddr_un address;
    const socklen_t len = UnixAddress::toSockaddr(path, &address);
    const int fd = ::socket(
        AF_UNIX, (seqpacket ? SOCK_SEQPACKET : SOCK_STREAM) | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = systemError(errno);
        return nullptr;
    }
    StreamSocket *socket =
        startConnect(fd, reinterpret_cast<sockaddr *>(&address), len, parent, error);
    if (socket && socket->m_state == State::Connecting)
        socket->m_peerName = UnixAddress::display(path);
    return socket;
}

StreamSocket *StreamSocket::startConnect(int fd, const sockaddr *address, unsigned length,
                                         QObject *parent, QString *error)
{
    auto *socket = new StreamSocket(fd, parent);
    if (::connect(fd, address, socklen_t(length)) == 0) {
        socket->fetchAddresses();
        QMetaObject::invokeMethod(socket, &StreamSocket::connected, Qt::QueuedConnection);
        return socket;
    }
    // A Unix listener with a full backlog answers EAGAIN: nothing will come of it.
    const int err = errno;
    if (err != EINPROGRESS) {
        *error = err == EAGAIN ? QCoreApplication::translate(
                                     "StreamSocket", "The server's queue of connections is full")
                               : systemError(err);
        delete socket;
        return nullptr;
    }
    socket->m_state = State::Connecting;
    socket->m_watch->setReadEnabled(false);
    socket->m_watch->setWriteEnabled(true);
    return socket;
}

bool StreamSocket::write(QByteArrayView bytes)
{
    if (m_state != State::Connected && m_state != State::Connecting)
        return false;
    if (m_writeShut || m_shutdownPending || m_closePending)
        return false;
    if (bytes.isEmpty())
        return true;
    if (m_state == State::Connecting || m_tlsHandshaking || bytesToWrite() > 0) {
        m_out.append(bytes);
        if (m_messages)
            m_messageEnds.append(m_out.size());
        updateReadingPause();
        return true;
    }
    // Common case: nothing queued, the kernel takes it all in one call.
    const ssize_t n = sendSome(bytes.data(), size_t(bytes.size()));
    if (n == bytes.size())
        return true;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        fail(errno);
        return false;
    }
    m_out = bytes.sliced(n < 0 ? 0 : n).toByteArray();
    m_outPos = 0;
    if (m_messages) // a message goes whole or not at all
        m_messageEnds = {m_out.size()};
    waitToSend();
    updateReadingPause();
    return true;
}

void StreamSocket::updateReadingPause()
{
    const qint64 queued = bytesToWrite();
    bool paused = m_readingPaused;
    if (!m_readingPaused && queued >= PauseReadingAt)
        paused = true;
    else if (m_readingPaused && queued <= ResumeReadingAt)
        paused = false;
    if (paused == m_readingPaused)
        return;
    m_readingPaused = paused;
    // A closing stream reads no more anyway; a connecting one has not started;
    // a TLS handshake reads whatever happens.
    if (m_state == State::Connected && !m_tlsHandshaking)
        m_watch->setReadEnabled(wantsToRead());
    if (m_handler)
        m_handler->streamReadingPausedChanged(paused);
    Q_EMIT readingPausedChanged(paused);
}

bool StreamSocket::wantsToRead() const
{
    return m_state == State::Connected && !m_readingPaused && !m_readingHeld && !m_readShut;
}

void StreamSocket::holdReading(bool hold)
{
    if (hold == m_readingHeld)
        return;
    m_readingHeld = hold;
    if (m_state == State::Connected && !m_tlsHandshaking)
        m_watch->setReadEnabled(wantsToRead());
}

void StreamSocket::flush()
{
    if (m_tlsHandshaking)
        return;
    const bool hadQueued = bytesToWrite() > 0;
    qint64 sent = 0;
    while (bytesToWrite() > 0) {
        const qsizetype chunk = m_messages && !m_messageEnds.isEmpty()
                                    ? m_messageEnds.constFirst() - m_outPos
                                    : bytesToWrite();
        const ssize_t n = sendSome(m_out.constData() + m_outPos, size_t(chunk));
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                waitToSend();
                // Keep the unsent rest only: a long queue must not hold on to
                // what the kernel already took.
                if (m_outPos >= ResumeReadingAt) {
                    m_out.remove(0, m_outPos);
                    for (qsizetype &end : m_messageEnds)
                        end -= m_outPos;
                    m_outPos = 0;
                }
                if (sent > 0) {
                    updateReadingPause();
                    if (m_handler)
                        m_handler->streamQueueDrained(sent);
                    Q_EMIT queueDrained(sent);
                }
                return;
            }
            fail(errno);
            return;
        }
        m_outPos += n;
        sent += n;
        if (m_messages && !m_messageEnds.isEmpty() && m_outPos >= m_messageEnds.constFirst())
            m_messageEnds.removeFirst();
    }
    m_out.clear();
    m_outPos = 0;
    m_messageEnds.clear();
    m_watch->setWriteEnabled(false);
    if (sent > 0) {
        updateReadingPause();
        if (m_handler)
            m_handler->streamQueueDrained(sent);
        Q_EMIT queueDrained(sent);
        if (m_state == State::Closed)
            return;
    }
    if (m_closePending) {
        finish(m_pendingEnd, m_pendingReason);
        return;
    }
    if (m_shutdownPending && !m_writeShut) {
        if (m_tls)
            m_tls->sendCloseNotify();
        ::shutdown(int(m_fd), SHUT_WR);
        m_writeShut = true;
        m_shutdownPending = false;
        if (m_readShut) {
            // Both directions are done: the stream has ended in order.
            finish(End::PeerClosed,
                   QCoreApplication::translate("StreamSocket", "Closed by both sides"));
            return;
        }
    }
    if (hadQueued)
        if (m_handler)
            m_handler->streamDrained();
    Q_EMIT drained();
}

void StreamSocket::onWritable()
{
    if (m_state == State::Connecting) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(int(m_fd), SOL_SOCKET, SO_ERROR, &err, &len);
        if (err != 0) {
            finish(End::Failed, systemError(err));
            return;
        }
        m_state = State::Connected;
        fetchAddresses();
        m_watch->setReadEnabled(wantsToRead());
        Q_EMIT connected();
        if (m_state != State::Connected)
            return;
    }
    if (m_tlsHandshaking) {
        continueHandshake();
        return;
    }
    if (m_tlsReadWantsWrite) {
        m_tlsReadWantsWrite = false;
        m_watch->setWriteEnabled(false);
        onReadable();
        if (m_state == State::Closed)
            return;
    }
    flush();
}

void StreamSocket::emitReceived(const QByteArray &bytes)
{
    if (m_handler)
        m_handler->streamReceived(bytes);
    Q_EMIT received(bytes);
}

void StreamSocket::onReadable()
{
    if (m_state == State::Closed)
        return;
    if (m_tlsHandshaking) {
        continueHandshake();
        return;
    }
    if (m_tlsWriteWantsRead) {
        m_tlsWriteWantsRead = false;
        m_watch->setReadEnabled(m_state == State::Connected && !m_readingPaused);
        flush();
        if (m_state != State::Connected || m_readingPaused)
            return;
    }
    for (int i = 0; i < ReadsPerWakeup && m_fd >= 0; ++i) {
        QByteArray chunk = takeReadBuffer();
        const ssize_t n = readSome(chunk.data(), size_t(ReadChunk));
        if (n > 0) {
            if (n >= ShareReadsFrom) {
                chunk.resize(qsizetype(n)); // keeps the capacity for the next read
                emitReceived(chunk);
            } else {
                emitReceived(QByteArray(chunk.constData(), qsizetype(n)));
            }
            giveBackReadBuffer(std::move(chunk));
            // A short read drained the kernel's buffer: asking again would only
            // cost a system call to hear EAGAIN. Anything newer (or the peer's
            // FIN) makes the level-triggered notifier fire again. A peer that
            // does not read what we queued is not read from either. TLS reads
            // one record at a time, so it reads on until OpenSSL wants more.
            if (m_state == State::Closed || !wantsToRead() || (!m_tls && n < ReadChunk))
                return;
            continue;
        }
        giveBackReadBuffer(std::move(chunk));
        if (n == 0 && m_keepWriting && !m_writeShut && m_state == State::Connected) {
            // Half-close: the peer still reads what is sent to it.
            m_readShut = true;
            m_watch->setReadEnabled(false);
            Q_EMIT peerFinished();
            return;
        }
        if (n == 0) {
            const QString reason =
                m_tlsCleanEnd
                    ? QCoreApplication::translate("StreamSocket", "Closed by the peer")
                    : QCoreApplication::translate("StreamSocket",
                                                  "Closed by the peer without a TLS close_notify "
                                                  "(what it sent last may be cut short)");
            if (bytesToWrite() > 0) {
                // The peer only shut its sending side: it still reads, so what was
                // already answered (and recorded as sent) goes out before we close.
                m_watch->setReadEnabled(false);
                m_state = State::Closing;
                m_closePending = true;
                m_pendingEnd = End::PeerClosed;
                m_pendingReason = reason;
                return;
            }
            finish(End::PeerClosed, reason);
            return;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
            return;
        fail(errno);
        return;
    }
    // Records OpenSSL already decrypted are not signalled by the descriptor again.
    if (m_tls && m_tls->hasPending())
        QMetaObject::invokeMethod(this, &StreamSocket::onReadable, Qt::QueuedConnection);
}

void StreamSocket::shutdownWrite()
{
    if (m_state != State::Connected || m_writeShut)
        return;
    m_shutdownPending = true;
    flush();
}

void StreamSocket::close()
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Connecting || m_tlsHandshaking) {
        abort();
        return;
    }
    m_state = State::Closing;
    m_closePending = true;
    flush();
}

void StreamSocket::abort(bool reset)
{
    if (m_state == State::Closed)
        return;
    m_resetting = reset;
    if (reset && m_fd >= 0) {
        const linger lin{1, 0};
        ::setsockopt(int(m_fd), SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
    }
    finish(End::Local, QString());
}

void StreamSocket::fail(int err)
{
    if (err == EPROTO && !m_tlsError.isEmpty()) {
        finish(End::Failed,
               QCoreApplication::translate("StreamSocket", "TLS error: %1").arg(m_tlsError));
        return;
    }
    finish(err == ECONNRESET || err == EPIPE ? End::PeerReset : End::Failed, systemError(err));
}

void StreamSocket::finish(End end, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_errorString = reason;
    m_watch->detach();
    // An orderly end says so in TLS too; a reset or a failure does not.
    if (m_tls && !m_resetting && (end == End::Local || end == End::PeerClosed))
        m_tls->sendCloseNotify();
    ::close(int(m_fd));
    m_fd = -1;
    m_out.clear();
    m_outPos = 0;
    m_messageEnds.clear();
    if (m_handler)
        m_handler->streamEnded(end, reason);
    Q_EMIT ended(end, reason);
}
