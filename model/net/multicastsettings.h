#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

struct SessionConfig;

// Broadcast and multicast as options of a UDP session, kept out of
// sessionconfig.cpp (as TLS is):
//   --broadcast              may send to a broadcast address (SO_BROADCAST)
//   --join GROUP[@SOURCE]    joins an IPv4 or IPv6 group (repeatable); with a
//                            source, only that sender's datagrams (source-specific)
//   --interface NAME         the network interface for joins and multicast sends
//   --ttl N                  TTL (IPv4) or hop limit (IPv6), 0 to 255
//   --multicast-loop on|off  whether our own multicast sends come back to this host
struct MulticastSettings
{
    enum class Loop { Default, On, Off };

    // One membership: a group and, for a source-specific join, its one sender.
    struct Join
    {
        QHostAddress group;
        QHostAddress source; // null: any sender
        // "239.1.2.3" or "232.1.2.3@10.0.0.2": the form --join takes.
        QString text() const;
        bool isIPv6() const { return group.protocol() == QAbstractSocket::IPv6Protocol; }
    };

    bool broadcast = false;
    QStringList joins; // each as Join::text() writes it
    QString interfaceName;
    int ttl = -1; // -1: the system's default (1 for multicast, 64 for unicast)
    Loop loop = Loop::Default;

    bool isSet() const
    {
        return broadcast || !joins.isEmpty() || !interfaceName.isEmpty() || ttl >= 0 ||
               loop != Loop::Default;
    }
    bool operator==(const MulticastSettings &other) const;
    bool operator!=(const MulticastSettings &other) const { return !(*this == other); }

    static bool isOption(const QString &option);
    // `value` fetches the option's value (false: missing, *error set).
    static bool parseOption(const QString &option, const std::function<bool(QString *)> &value,
                            SessionConfig *config, QString *error);
    static void appendArguments(const SessionConfig &config, QStringList *arguments);
    // A translated sentence naming the first problem, empty when fine.
    static QString validate(const SessionConfig &config);

    // "GROUP" or "GROUP@SOURCE"; false and a translated sentence when it is not one.
    static bool parseJoin(const QString &text, Join *join, QString *error);
    // The joins of `settings`, parsed (those that do not parse are left out).
    static QList<Join> parsedJoins(const MulticastSettings &settings);
    // Groups typed in one field, separated by commas or spaces.
    static QStringList splitJoins(const QString &text);
    // Checks a whole field of groups typed in a form: the first problem, or empty.
    static QString checkJoins(const QString &text);
    // The interface's index; 0 and a translated sentence when there is none of that name.
    static unsigned interfaceIndex(const QString &name, QString *error);
    // This host's network interfaces by name ("lo", "eth0", ...), for choosing one.
    static QStringList interfaceNames();
    // The joined groups for people: "239.1.2.3, ff12::1 on veth0"; empty without joins.
    static QString groupsText(const MulticastSettings &settings);
    static QString loopKeyword(Loop loop);
};
