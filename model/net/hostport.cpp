#include "hostport.h"

#include <QCoreApplication>
#include <QList>

#include <charconv>
#include <cstring>

#include <netinet/in.h>

namespace HostPort {

namespace {

// Digits and dots only: the user meant an IPv4 address, which must then be
// the four numbers of one. (Left to the resolver, "1.2.3" would be taken as
// 1.2.0.3 and "999.1.1.1" looked up as a host name.)
bool looksLikeIpv4(QStringView host)
{
    if (host.isEmpty())
        return false;
    for (QChar c : host) {
        if (c != u'.' && (c < u'0' || c > u'9'))
            return false;
    }
    return true;
}

bool isDottedQuad(QStringView host)
{
    const QList<QStringView> parts = host.split(u'.');
    if (parts.size() != 4)
        return false;
    for (QStringView part : parts) {
        if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part.startsWith(u'0')) ||
            part.toUInt() > 255)
            return false;
    }
    return true;
}

} // namespace

bool parsePort(QStringView text, PortRule portRule, quint16 *port, QString *error)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        *error = QCoreApplication::translate("HostPort", "The port is missing.");
        return false;
    }
    qsizetype digits = 0;
    for (QChar c : trimmed) {
        if (!c.isDigit() || c.unicode() > '9') {
            *error = QCoreApplication::translate("HostPort", "Port \"%1\" is not a number.")
                         .arg(trimmed.toString());
            return false;
        }
        ++digits;
    }
    bool ok = false;
    const uint value = digits <= 6 ? trimmed.toUInt(&ok) : 0;
    if (!ok || value > 65535) {
        *error = QCoreApplication::translate("HostPort",
                                             "Port %1 is out of range: ports go from 0 to 65535.")
                     .arg(trimmed.toString());
        return false;
    }
    if (value == 0 && portRule == PortRule::NonZero) {
        *error = QCoreApplication::translate(
            "HostPort", "Port 0 cannot be used here: give the port to connect to (1 to 65535).");
        return false;
    }
    *port = quint16(value);
    return true;
}

bool parse(QStringView text, HostRule hostRule, PortRule portRule, Parsed *out, QString *error)
{
    const QStringView t = text.trimmed();
    QStringView host;
    QStringView port;
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        if (close < 0) {
            *error = QCoreApplication::translate("HostPort",
                                                 "\"%1\": the IPv6 address has no closing bracket.")
                         .arg(t.toString());
            return false;
        }
        host = t.mid(1, close - 1);
        const QStringView rest = t.mid(close + 1);
        if (!rest.startsWith(u':')) {
            *error = QCoreApplication::translate(
                         "HostPort",
                         "\"%1\": a port must follow the bracketed address, as in [::1]:9999.")
                         .arg(t.toString());
            return false;
        }
        port = rest.mid(1);
        if (QHostAddress(host.toString()).protocol() != QAbstractSocket::IPv6Protocol) {
            *error = QCoreApplication::translate("HostPort", "\"%1\" is not an IPv6 address.")
                         .arg(host.toString());
            return false;
        }
    } else {
        const qsizetype colon = t.lastIndexOf(u':');
        if (colon >= 0) {
            host = t.left(colon);
            port = t.mid(colon + 1);
            if (host.contains(u':')) {
                *error =
                    QCoreApplication::translate(
                        "HostPort", "\"%1\": put an IPv6 address in brackets, as in [::1]:9999.")
                        .arg(t.toString());
                return false;
            }
            if (host.isEmpty()) {
                *error = QCoreApplication::translate(
                             "HostPort", "\"%1\": the host before the colon is missing.")
                             .arg(t.toString());
                return false;
            }
        } else {
            port = t;
        }
    }
    if (host.isEmpty() && hostRule == HostRule::Required) {
        *error = QCoreApplication::translate(
                     "HostPort", "\"%1\": give a host and a port, as in 127.0.0.1:9999.")
                     .arg(t.toString());
        return false;
    }
    for (QChar c : host) {
        if (c.isSpace() || c.category() == QChar::Other_Control) {
            *error = QCoreApplication::translate("HostPort",
                                                 "\"%1\": a host name cannot contain spaces.")
                         .arg(host.toString());
            return false;
        }
    }
    // Host names never start with "-"; such a word is an option misplaced,
    // and a saved session would read it back as one.
    if (host.startsWith(u'-')) {
        *error =
            QCoreApplication::translate("HostPort", "\"%1\": a host name cannot start with \"-\".")
                .arg(host.toString());
        return false;
    }
    if (looksLikeIpv4(host) && !isDottedQuad(host)) {
        *error =
            QCoreApplication::translate("HostPort", "\"%1\" is not an IPv4 address: it takes four "
                                                    "numbers from 0 to 255, as in 127.0.0.1.")
                .arg(host.toString());
        return false;
    }
    if (!parsePort(port, portRule, &out->port, error))
        return false;
    out->host = host.toString();
    return true;
}

QHostAddress normalized(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    // Qt converts :: too (to 0.0.0.0): a socket bound to :: must say so, not
    // claim to be an IPv4 one.
    if (isV4 && address.protocol() == QAbstractSocket::IPv6Protocol &&
        address != QHostAddress::AnyIPv6)
        return QHostAddress(v4);
    return address;
}

QString format(const QHostAddress &address, quint16 port)
{
    const QHostAddress a = normalized(address);
    if (a.protocol() == QAbstractSocket::IPv4Protocol) {
        // Written here, as QHostAddress::toString() spells it: every accepted
        // connection names both its ends, and toString() with the number's
        // QString was a tenth of setting up a connection.
        const quint32 v4 = a.toIPv4Address();
        char text[22]; // "255.255.255.255:65535"
        char *p = text;
        for (int shift = 24; shift >= 0; shift -= 8) {
            p = std::to_chars(p, text + sizeof text, (v4 >> shift) & 0xff).ptr;
            *p++ = shift > 0 ? '.' : ':';
        }
        p = std::to_chars(p, text + sizeof text, port).ptr;
        return QString::fromLatin1(text, p - text);
    }
    if (a.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + a.toString() + u"]:" + QString::number(port);
    return a.toString() + u':' + QString::number(port);
}

QString format(const QString &host, quint16 port)
{
    if (host.contains(u':'))
        return u'[' + host + u"]:" + QString::number(port);
    return host + u':' + QString::number(port);
}

socklen_t toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage *out)
{
    std::memset(out, 0, sizeof *out);
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(out);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &bytes, sizeof bytes);
        in6->sin6_scope_id = address.scopeId().toUInt();
        return sizeof *in6;
    }
    auto *in = reinterpret_cast<sockaddr_in *>(out);
    in->sin_family = AF_INET;
    in->sin_port = htons(port);
    in->sin_addr.s_addr = htonl(address.toIPv4Address());
    return sizeof *in;
}

bool fromSockaddr(const sockaddr *address, QHostAddress *host, quint16 *port)
{
    if (address->sa_family == AF_INET) {
        host->setAddress(address);
        *port = ntohs(reinterpret_cast<const sockaddr_in *>(address)->sin_port);
        return true;
    }
    if (address->sa_family == AF_INET6) {
        host->setAddress(address);
        *port = ntohs(reinterpret_cast<const sockaddr_in6 *>(address)->sin6_port);
        return true;
    }
    return false;
}

} // namespace HostPort
