#include "unixlistener.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// As for TCP: a burst of clients must not find a full queue (the kernel caps
// this at somaxconn).
constexpr int ListenBacklog = 4096;
// Accepts per wakeup before other sockets get their turn.
constexpr int AcceptsPerWakeup = 64;

} // namespace

UnixListener::UnixListener(QObject *parent)
    : QObject(parent)
{}

UnixListener::~UnixListener()
{
    close();
}

bool UnixListener::listen(const QString &path, bool seqpacket, QString *error, bool *inUse)
{
    close();
    *inUse = false;
    const int type = seqpacket ? SOCK_SEQPACKET : SOCK_STREAM;
    const int fd = ::socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    UnixAddress::BoundFile file;
    const UnixAddress::BindResult bound = UnixAddress::bind(fd, type, path, error, &file);
    if (bound != UnixAddress::BindResult::Bound) {
        *inUse = bound == UnixAddress::BindResult::InUse;
        ::close(fd);
        return false;
    }
    if (::listen(fd, ListenBacklog) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        UnixAddress::removeBoundFile(path, file);
        ::close(fd);
        return false;
    }
    m_fd = fd;
    m_path = UnixAddress::display(path);
    m_file = file;
    m_notifier = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &UnixListener::onReadable);
    return true;
}

void UnixListener::onReadable()
{
    for (int i = 0; i < AcceptsPerWakeup && m_fd >= 0; ++i) {
        const int fd = ::accept4(m_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0)
            return; // EAGAIN: all taken; other errors concern that one client
        Q_EMIT accepted(fd);
    }
}

void UnixListener::close()
{
    if (m_fd < 0)
        return;
    delete m_notifier;
    m_notifier = nullptr;
    UnixAddress::removeBoundFile(m_path, m_file);
    ::close(m_fd);
    m_fd = -1;
}
