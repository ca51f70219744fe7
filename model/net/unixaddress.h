#pragma once

#include <QString>

#include <sys/socket.h>
#include <sys/un.h>

// A Unix domain socket address as people write it: a file system path, or
// "@NAME" for a name in Linux's abstract namespace (no file; it goes away with
// the last socket bound to it). The kernel keeps up to 107 bytes of a path
// (sun_path is 108 with its terminating NUL); an abstract name may use all 108
// after its leading NUL but we keep to the same limit.
namespace UnixAddress {

constexpr qsizetype MaxBytes = sizeof(sockaddr_un::sun_path) - 1;

bool isAbstract(const QString &text);
// A translated sentence naming what is wrong, or empty when `text` can be used.
QString check(const QString &text);
// The form shown and recorded: a relative path made absolute, "@NAME" kept.
QString display(const QString &text);
// Fills *out from a checked address; returns the length to pass to bind/connect.
socklen_t toSockaddr(const QString &text, sockaddr_un *out);
// "@NAME", a path, or empty for an unnamed socket (a client that did not bind).
QString fromSockaddr(const sockaddr_un &address, socklen_t length);

enum class BindResult { Bound, InUse, Failed };
// The socket file a bind made, to remove it later only if it is still that file.
struct BoundFile
{
    quint64 device = 0;
    quint64 inode = 0;
};
// Binds `fd` (AF_UNIX, any type) to `text`. A socket file left behind by a
// process that has gone (connecting to it is refused) is replaced; one that a
// live process has bound is InUse, as is a taken abstract name. Anything else
// at that path (a regular file, a directory) is left alone: Failed.
BindResult bind(int fd, int type, const QString &text, QString *error, BoundFile *file);
// Removes the socket file a bind made, if the path still names that file
// (another process may have replaced it since). Abstract names need nothing.
void removeBoundFile(const QString &text, const BoundFile &file);

} // namespace UnixAddress
