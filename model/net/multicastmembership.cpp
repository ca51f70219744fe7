#include "multicastmembership.h"

#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace {

QString trMembership(const char *source)
{
    return QCoreApplication::translate("MulticastMembership", source);
}

QString systemError(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

void toSockaddr(const QHostAddress &address, sockaddr_storage *ss)
{
    std::memset(ss, 0, sizeof *ss);
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(ss);
        in6->sin6_family = AF_INET6;
        const Q_IPV6ADDR a = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &a, sizeof a);
    } else {
        auto *in = reinterpret_cast<sockaddr_in *>(ss);
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(address.toIPv4Address());
    }
}

bool setInt(int fd, int level, int option, int value)
{
    return ::setsockopt(fd, level, option, &value, sizeof value) == 0;
}

} // namespace

bool MulticastMembership::apply(int fd, bool ipv6Socket, const MulticastSettings &settings,
                                QString *error)
{
    m_fd = fd;
    m_ipv6 = ipv6Socket;
    m_settings = settings;
    m_joined.clear();
    m_interface = 0;
    // errno first: building the sentence may touch it.
    const auto fail = [&](const char *what) {
        const int err = errno;
        *error = trMembership(what).arg(systemError(err));
        return false;
    };
    if (!settings.interfaceName.isEmpty()) {
        m_interface = MulticastSettings::interfaceIndex(settings.interfaceName, error);
        if (m_interface == 0)
            return false;
    }
    if (settings.broadcast && !setInt(fd, SOL_SOCKET, SO_BROADCAST, 1))
        return fail(QT_TRANSLATE_NOOP("MulticastMembership", "Cannot enable broadcast: %1"));
    if (settings.ttl >= 0) {
        // TTL 0 keeps multicast on this host; unicast has no TTL 0 in IPv4
        // (the kernel refuses it), so that stays at the system's default.
        const bool ok =
            ipv6Socket ? setInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, settings.ttl) &&
                             setInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, settings.ttl)
                       : setInt(fd, IPPROTO_IP, IP_MULTICAST_TTL, settings.ttl) &&
                             (settings.ttl == 0 || setInt(fd, IPPROTO_IP, IP_TTL, settings.ttl));
        if (!ok)
            return fail(QT_TRANSLATE_NOOP("MulticastMembership", "Cannot set the TTL: %1"));
    }
    if (settings.loop != MulticastSettings::Loop::Default) {
        const int on = settings.loop == MulticastSettings::Loop::On ? 1 : 0;
        if (!(ipv6Socket ? setInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, on)
                         : setInt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, on)))
            return fail(
                QT_TRANSLATE_NOOP("MulticastMembership", "Cannot set multicast loopback: %1"));
    }
    if (m_interface != 0) {
        bool ok;
        if (ipv6Socket) {
            ok = setInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, int(m_interface));
        } else {
            ip_mreqn request;
            std::memset(&request, 0, sizeof request);
            request.imr_ifindex = int(m_interface);
            ok = ::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &request, sizeof request) == 0;
        }
        if (!ok) {
            const int err = errno;
            *error = trMembership("Cannot send multicast through %1: %2")
                         .arg(settings.interfaceName, systemError(err));
            return false;
        }
    }
    for (const MulticastSettings::Join &group : MulticastSettings::parsedJoins(settings)) {
        if (group.isIPv6() != ipv6Socket) {
            *error = group.isIPv6()
                         ? trMembership("%1 is an IPv6 group, but the socket is IPv4: bind :: to "
                                        "join it.")
                               .arg(group.group.toString())
                         : trMembership("%1 is an IPv4 group, but the socket is IPv6: bind "
                                        "0.0.0.0 to join it.")
                               .arg(group.group.toString());
            leaveAll();
            return false;
        }
        if (!join(group, false, error)) {
            leaveAll();
            return false;
        }
        m_joined.append(group);
    }
    return true;
}

bool MulticastMembership::join(const MulticastSettings::Join &group, bool leave,
                               QString *error) const
{
    const int level = m_ipv6 ? IPPROTO_IPV6 : IPPROTO_IP;
    int result;
    if (group.source.isNull()) {
        group_req request;
        std::memset(&request, 0, sizeof request);
        request.gr_interface = m_interface;
        toSockaddr(group.group, &request.gr_group);
        result = ::setsockopt(m_fd, level, leave ? MCAST_LEAVE_GROUP : MCAST_JOIN_GROUP, &request,
                              sizeof request);
    } else {
        group_source_req request;
        std::memset(&request, 0, sizeof request);
        request.gsr_interface = m_interface;
        toSockaddr(group.group, &request.gsr_group);
        toSockaddr(group.source, &request.gsr_source);
        result =
            ::setsockopt(m_fd, level, leave ? MCAST_LEAVE_SOURCE_GROUP : MCAST_JOIN_SOURCE_GROUP,
                         &request, sizeof request);
    }
    if (result == 0)
        return true;
    const int err = errno;
    if (!error)
        return false;
    if (leave)
        *error = systemError(err);
    else if (err == ENODEV && m_interface == 0)
        *error = trMembership("Cannot join %1: %2 (no route tells which interface to use: "
                              "choose one with --interface)")
                     .arg(group.text(), systemError(err));
    else
        *error = trMembership("Cannot join %1%2: %3").arg(group.text(), where(), systemError(err));
    return false;
}

QString MulticastMembership::where() const
{
    //: Which interface a group is joined on, after the group: " on veth0".
    return m_settings.interfaceName.isEmpty()
               ? QString()
               : trMembership(" on %1").arg(m_settings.interfaceName);
}

QStringList MulticastMembership::appliedNotes() const
{
    QStringList notes;
    if (m_settings.broadcast)
        notes << trMembership("Broadcast enabled (SO_BROADCAST)");
    QStringList options;
    if (m_settings.ttl >= 0)
        options
            << (m_ipv6 ? trMembership("hop limit %1") : trMembership("TTL %1")).arg(m_settings.ttl);
    if (m_settings.loop == MulticastSettings::Loop::On)
        options << trMembership("multicast loopback on");
    else if (m_settings.loop == MulticastSettings::Loop::Off)
        options << trMembership("multicast loopback off");
    if (m_interface != 0)
        options << trMembership("multicast sent through %1").arg(m_settings.interfaceName);
    if (!options.isEmpty())
        notes << trMembership("Socket options: %1").arg(options.join(QStringLiteral(", ")));
    for (const MulticastSettings::Join &group : m_joined)
        notes << (group.source.isNull()
                      ? trMembership("Joined multicast group %1%2")
                            .arg(group.group.toString(), where())
                      : trMembership("Joined multicast group %1 for source %2%3")
                            .arg(group.group.toString(), group.source.toString(), where()));
    return notes;
}

QStringList MulticastMembership::leaveAll()
{
    QStringList notes;
    for (const MulticastSettings::Join &group : std::as_const(m_joined)) {
        QString error;
        if (join(group, true, &error))
            notes << trMembership("Left multicast group %1%2").arg(group.text(), where());
        else
            notes << trMembership("Leaving multicast group %1%2 failed: %3 (closing the socket "
                                  "leaves it)")
                         .arg(group.text(), where(), error);
    }
    m_joined.clear();
    return notes;
}
