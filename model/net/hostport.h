#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringView>

#include <sys/socket.h>

// Address text as people type it and as SocketScope prints it.
namespace HostPort {

struct Parsed
{
    QString host; // literal address or host name; brackets removed; may be empty
    quint16 port = 0;
};

enum class HostRule {
    Optional, // "[ADDRESS:]PORT" (servers, bound sockets)
    Required, // "HOST:PORT" (clients, peers)
};

enum class PortRule {
    AllowZero, // 0 = any free port
    NonZero,
};

// Accepts "9999", "127.0.0.1:9999", "localhost:9999", "[::1]:9999". A bare IPv6
// address without brackets is refused, because its last group reads as a port.
// On failure returns false and a translated sentence in *error.
bool parse(QStringView text, HostRule hostRule, PortRule portRule, Parsed *out, QString *error);

// Parses a port number alone ("0".."65535").
bool parsePort(QStringView text, PortRule portRule, quint16 *port, QString *error);

// "127.0.0.1:9999", "[::1]:9999"; IPv4-mapped IPv6 addresses print as IPv4.
QString format(const QHostAddress &address, quint16 port);
QString format(const QString &host, quint16 port);

// The socket address of address:port, of the address's own family; the
// length to pass with it.
socklen_t toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage *out);
// The address and port of an AF_INET or AF_INET6 socket address; false for
// another family.
bool fromSockaddr(const sockaddr *address, QHostAddress *host, quint16 *port);

// Undoes IPv4 mapping so that ::ffff:127.0.0.1 compares and prints as 127.0.0.1.
QHostAddress normalized(const QHostAddress &address);

} // namespace HostPort
