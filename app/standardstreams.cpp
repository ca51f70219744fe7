#include "standardstreams.h"

#include <QByteArray>
#include <QString>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

void StandardStreams::reopenClosed()
{
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd) {
        if (::fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        // open() returns the lowest free number: the one just found closed.
        const int opened = ::open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY);
        if (opened >= 0 && opened != fd)
            ::close(opened);
    }
}

int StandardStreams::writeAll(int fd, const char *data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        data += n;
        size -= n;
    }
    return 0;
}

void StandardStreams::printError(const QString &text)
{
    const QByteArray line = "socketscope: " + text.toUtf8() + '\n';
    writeAll(STDERR_FILENO, line.constData(), line.size());
}
