#pragma once

#include "multicastsettings.h"

#include <QList>
#include <QString>
#include <QStringList>

// A UDP socket's broadcast and multicast settings put to work: the socket
// options (SO_BROADCAST, TTL or hop limit, loopback, the sending interface)
// and the group memberships, joined on start and left on stop. Works on the
// socket's descriptor (DatagramSocket::descriptor()); IPv4 and IPv6 alike,
// through the protocol-independent MCAST_JOIN_GROUP family of options.
class MulticastMembership
{
public:
    MulticastMembership() = default;
    MulticastMembership(const MulticastMembership &) = delete;
    MulticastMembership &operator=(const MulticastMembership &) = delete;

    // Sets the options and joins every group. On the first failure returns
    // false with a translated sentence in *error; groups already joined are
    // left again (closing the socket would leave them too).
    bool apply(int fd, bool ipv6Socket, const MulticastSettings &settings, QString *error);
    // What apply() set and joined, one translated sentence each, for the log.
    QStringList appliedNotes() const;
    // Leaves every joined group; one translated sentence per group, for the log.
    QStringList leaveAll();
    bool hasGroups() const { return !m_joined.isEmpty(); }

private:
    bool join(const MulticastSettings::Join &join, bool leave, QString *error) const;
    QString where() const;

    int m_fd = -1;
    bool m_ipv6 = false;
    unsigned m_interface = 0;
    MulticastSettings m_settings;
    QList<MulticastSettings::Join> m_joined;
};
