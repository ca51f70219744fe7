#include "unixaddress.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QByteArray pathBytes(const QString &text)
{
    return UnixAddress::isAbstract(text) ? text.mid(1).toUtf8() : QFile::encodeName(text);
}

} // namespace

bool UnixAddress::isAbstract(const QString &text)
{
    return text.startsWith(u'@');
}

QString UnixAddress::check(const QString &text)
{
    if (text.isEmpty())
        return QCoreApplication::translate(
            "UnixAddress", "Give the socket's path, or @NAME for an abstract name.");
    if (text.contains(QChar(0)))
        return QCoreApplication::translate("UnixAddress",
                                           "A socket path cannot contain a NUL character.");
    if (isAbstract(text) && text.size() == 1)
        return QCoreApplication::translate("UnixAddress", "Give a name after the @.");
    const qsizetype bytes = pathBytes(display(text)).size();
    if (bytes > MaxBytes)
        return QCoreApplication::translate(
                   "UnixAddress",
                   "The path is %1 bytes long; a Unix socket's path holds at most %2.")
            .arg(bytes)
            .arg(MaxBytes);
    return {};
}

QString UnixAddress::display(const QString &text)
{
    if (text.isEmpty() || isAbstract(text))
        return text;
    return QDir::cleanPath(QFileInfo(text).absoluteFilePath());
}

socklen_t UnixAddress::toSockaddr(const QString &text, sockaddr_un *out)
{
    std::memset(out, 0, sizeof *out);
    out->sun_family = AF_UNIX;
    const QByteArray bytes = pathBytes(display(text)).left(MaxBytes);
    // An abstract name starts with a NUL and is exactly as long as given.
    const qsizetype offset = isAbstract(text) ? 1 : 0;
    std::memcpy(out->sun_path + offset, bytes.constData(), size_t(bytes.size()));
    return socklen_t(offsetof(sockaddr_un, sun_path) + offset + bytes.size() + (offset ? 0 : 1));
}

QString UnixAddress::fromSockaddr(const sockaddr_un &address, socklen_t length)
{
    const qsizetype size = qsizetype(length) - qsizetype(offsetof(sockaddr_un, sun_path));
    if (size <= 0)
        return {};
    if (address.sun_path[0] == '\0')
        return u'@' + QString::fromUtf8(address.sun_path + 1, size - 1);
    return QFile::decodeName(QByteArray(address.sun_path, qstrnlen(address.sun_path, size)));
}

UnixAddress::BindResult UnixAddress::bind(int fd, int type, const QString &text, QString *error,
                                          BoundFile *file)
{
    sockaddr_un address;
    const socklen_t length = toSockaddr(text, &address);
    const auto bound = [&] {
        struct stat st;
        if (!isAbstract(text) && ::stat(address.sun_path, &st) == 0)
            *file = {quint64(st.st_dev), quint64(st.st_ino)};
        return BindResult::Bound;
    };
    const auto inUse = [&] {
        *error = QCoreApplication::translate(
                     "UnixAddress", "%1 is in use: another process has a socket bound to it.")
                     .arg(display(text));
        return BindResult::InUse;
    };
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), length) == 0)
        return bound();
    if (errno != EADDRINUSE) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return BindResult::Failed;
    }
    if (isAbstract(text))
        return inUse();

    // Something is at the path. Only a socket file may be probed and replaced.
    struct stat st;
    if (::lstat(address.sun_path, &st) != 0 || !S_ISSOCK(st.st_mode)) {
        *error = QCoreApplication::translate("UnixAddress",
                                             "%1 exists and is not a socket: it is left as it is.")
                     .arg(display(text));
        return BindResult::Failed;
    }
    // Nobody answers on a socket file whose process has gone: connecting is
    // refused. A live one accepts (or its backlog is full: EAGAIN), and one of
    // another type answers EPROTOTYPE.
    const int probe = ::socket(AF_UNIX, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (probe < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return BindResult::Failed;
    }
    const int connected = ::connect(probe, reinterpret_cast<sockaddr *>(&address), length);
    const int err = errno;
    ::close(probe);
    if (connected == 0 || err == EAGAIN || err == EINPROGRESS || err == EPROTOTYPE)
        return inUse();
    if (err != ECONNREFUSED) {
        *error = QString::fromLocal8Bit(std::strerror(err));
        return BindResult::Failed;
    }
    if (::unlink(address.sun_path) != 0 && errno != ENOENT) {
        *error =
            QCoreApplication::translate(
                "UnixAddress", "%1 was left by a process that has gone, and cannot be removed: %2")
                .arg(display(text), QString::fromLocal8Bit(std::strerror(errno)));
        return BindResult::Failed;
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), length) == 0)
        return bound();
    if (errno == EADDRINUSE) // another process took it in between
        return inUse();
    *error = QString::fromLocal8Bit(std::strerror(errno));
    return BindResult::Failed;
}

void UnixAddress::removeBoundFile(const QString &text, const BoundFile &file)
{
    if (isAbstract(text) || file.inode == 0)
        return;
    const QByteArray path = pathBytes(display(text));
    struct stat st;
    if (::lstat(path.constData(), &st) == 0 && S_ISSOCK(st.st_mode) &&
        quint64(st.st_dev) == file.device && quint64(st.st_ino) == file.inode)
        ::unlink(path.constData());
}
