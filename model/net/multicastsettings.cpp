#include "multicastsettings.h"

#include "sessionconfig.h"
#include "sessionkind.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <net/if.h>

namespace {

QString trMulticast(const char *source)
{
    return QCoreApplication::translate("MulticastSettings", source);
}

using F = SessionKind::Field;

F fieldOf(const QString &option)
{
    if (option == u"--broadcast")
        return F::Broadcast;
    if (option == u"--join")
        return F::MulticastJoin;
    if (option == u"--interface")
        return F::MulticastInterface;
    if (option == u"--ttl")
        return F::MulticastTtl;
    return F::MulticastLoop;
}

// The bound address, when the session's address is a literal one (a host name
// is known only once resolved: the endpoint checks it then).
bool literalHost(const SessionConfig &config, QHostAddress *address)
{
    return address->setAddress(config.host.trimmed());
}

} // namespace

QString MulticastSettings::Join::text() const
{
    return source.isNull() ? group.toString() : group.toString() + u'@' + source.toString();
}

bool MulticastSettings::operator==(const MulticastSettings &other) const
{
    return broadcast == other.broadcast && joins == other.joins &&
           interfaceName == other.interfaceName && ttl == other.ttl && loop == other.loop;
}

bool MulticastSettings::isOption(const QString &option)
{
    return option == u"--broadcast" || option == u"--join" || option == u"--interface" ||
           option == u"--ttl" || option == u"--multicast-loop";
}

QString MulticastSettings::loopKeyword(Loop loop)
{
    switch (loop) {
    case Loop::On:
        return QStringLiteral("on");
    case Loop::Off:
        return QStringLiteral("off");
    case Loop::Default:
        break;
    }
    return {};
}

bool MulticastSettings::parseJoin(const QString &text, Join *join, QString *error)
{
    const QString trimmed = text.trimmed();
    const qsizetype at = trimmed.indexOf(u'@');
    const QString groupText = at < 0 ? trimmed : trimmed.first(at);
    const QString sourceText = at < 0 ? QString() : trimmed.sliced(at + 1);
    Join j;
    if (!j.group.setAddress(groupText) || !j.group.scopeId().isEmpty()) {
        *error = trMulticast("\"%1\" is not a group address: give an IPv4 or IPv6 multicast "
                             "address, as in 239.1.2.3 or ff12::1234.")
                     .arg(trimmed);
        return false;
    }
    if (!j.group.isMulticast()) {
        *error = trMulticast("%1 is not a multicast address: IPv4 groups are 224.0.0.0 to "
                             "239.255.255.255, IPv6 groups start with ff.")
                     .arg(j.group.toString());
        return false;
    }
    if (at >= 0) {
        if (!j.source.setAddress(sourceText) || j.source.isMulticast() || j.source.isNull() ||
            j.source == QHostAddress::AnyIPv4 || j.source == QHostAddress::AnyIPv6 ||
            !j.source.scopeId().isEmpty()) {
            *error = trMulticast("\"%1\" is not a source address: after @ give the one sender "
                                 "to hear, as in 232.1.2.3@10.0.0.2.")
                         .arg(sourceText);
            return false;
        }
        if (j.source.protocol() != j.group.protocol()) {
            *error = trMulticast("The source %1 and the group %2 are of different IP versions.")
                         .arg(j.source.toString(), j.group.toString());
            return false;
        }
    }
    *join = j;
    return true;
}

QList<MulticastSettings::Join> MulticastSettings::parsedJoins(const MulticastSettings &settings)
{
    QList<Join> list;
    for (const QString &text : settings.joins) {
        Join join;
        QString error;
        if (parseJoin(text, &join, &error))
            list.append(join);
    }
    return list;
}

QStringList MulticastSettings::splitJoins(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QString MulticastSettings::checkJoins(const QString &text)
{
    QSet<QString> seen;
    for (const QString &item : splitJoins(text)) {
        Join join;
        QString error;
        if (!parseJoin(item, &join, &error))
            return error;
        if (seen.contains(join.text()))
            return trMulticast("%1 is joined twice.").arg(join.text());
        seen.insert(join.text());
    }
    return {};
}

unsigned MulticastSettings::interfaceIndex(const QString &name, QString *error)
{
    const QByteArray bytes = name.toLocal8Bit();
    const unsigned index = bytes.isEmpty() || bytes.size() >= IF_NAMESIZE || bytes.contains('/')
                               ? 0
                               : ::if_nametoindex(bytes.constData());
    if (index == 0 && error)
        *error = trMulticast("There is no network interface named \"%1\" (see ip link).").arg(name);
    return index;
}

bool MulticastSettings::parseOption(const QString &option,
                                    const std::function<bool(QString *)> &value,
                                    SessionConfig *config, QString *error)
{
    if (!SessionKind::has(config->kind, fieldOf(option))) {
        *error = trMulticast("%1 is not an option of a %2: broadcast and multicast are for UDP.")
                     .arg(option, SessionKind::name(config->kind));
        return false;
    }
    MulticastSettings &m = config->multicast;
    if (option == u"--broadcast") {
        m.broadcast = true;
        return true;
    }
    QString v;
    if (!value(&v))
        return false;
    if (option == u"--join") {
        Join join;
        if (!parseJoin(v, &join, error))
            return false;
        if (m.joins.contains(join.text())) {
            *error = trMulticast("%1 is joined twice.").arg(join.text());
            return false;
        }
        m.joins.append(join.text());
    } else if (option == u"--interface") {
        // Checked here, where the command line is read: a name that does not
        // exist is a usage error that names it, not a failure to open.
        if (interfaceIndex(v, error) == 0)
            return false;
        m.interfaceName = v;
    } else if (option == u"--ttl") {
        bool ok = false;
        const int n = v.toInt(&ok);
        if (!ok || n < 0 || n > 255) {
            *error = trMulticast("--ttl needs a whole number from 0 to 255, not \"%1\".").arg(v);
            return false;
        }
        m.ttl = n;
    } else if (v == u"on") {
        m.loop = Loop::On;
    } else if (v == u"off") {
        m.loop = Loop::Off;
    } else {
        *error = trMulticast("--multicast-loop needs on or off, not \"%1\".").arg(v);
        return false;
    }
    return true;
}

void MulticastSettings::appendArguments(const SessionConfig &config, QStringList *a)
{
    const MulticastSettings &m = config.multicast;
    if (m.broadcast && SessionKind::has(config.kind, F::Broadcast))
        *a << QStringLiteral("--broadcast");
    if (!SessionKind::has(config.kind, F::MulticastJoin))
        return;
    for (const QString &join : m.joins)
        *a << QStringLiteral("--join") << join;
    if (!m.interfaceName.isEmpty())
        *a << QStringLiteral("--interface") << m.interfaceName;
    if (m.ttl >= 0)
        *a << QStringLiteral("--ttl") << QString::number(m.ttl);
    if (m.loop != Loop::Default)
        *a << QStringLiteral("--multicast-loop") << loopKeyword(m.loop);
}

QString MulticastSettings::validate(const SessionConfig &config)
{
    const MulticastSettings &m = config.multicast;
    if (!m.isSet())
        return {};
    if (!SessionKind::has(config.kind, F::MulticastJoin))
        return trMulticast("Broadcast and multicast are for UDP sessions.");
    if (m.ttl < -1 || m.ttl > 255)
        return trMulticast("The TTL needs a whole number from 0 to 255.");
    if (!m.interfaceName.isEmpty() &&
        (m.interfaceName.toLocal8Bit().size() >= IF_NAMESIZE || m.interfaceName.contains(u'/') ||
         m.interfaceName.contains(u' ')))
        return trMulticast("\"%1\" cannot be the name of a network interface.")
            .arg(m.interfaceName);
    if (const QString problem = checkJoins(m.joins.join(u' ')); !problem.isEmpty())
        return problem;

    QHostAddress bound;
    if (!literalHost(config, &bound))
        return {};
    const bool v6 = bound.protocol() == QAbstractSocket::IPv6Protocol;
    if (m.broadcast && v6)
        return trMulticast("IPv6 has no broadcast: bind an IPv4 address (0.0.0.0) for "
                           "--broadcast, or use a multicast group such as ff02::1.");
    const bool any = bound == QHostAddress::AnyIPv4 || bound == QHostAddress::AnyIPv6;
    for (const Join &join : parsedJoins(m)) {
        if (join.isIPv6() != v6)
            return join.isIPv6()
                       ? trMulticast("%1 is an IPv6 group, but the session is bound to the IPv4 "
                                     "address %2: bind :: to join it.")
                             .arg(join.group.toString(), bound.toString())
                       : trMulticast("%1 is an IPv4 group, but the session is bound to the IPv6 "
                                     "address %2: bind 0.0.0.0 to join it.")
                             .arg(join.group.toString(), bound.toString());
        // The kernel delivers a group's datagrams only to sockets bound to
        // the wildcard or to the group itself.
        if (!any && bound != join.group)
            return trMulticast("A socket bound to %1 never receives datagrams sent to the group "
                               "%2: bind %3 (or the group's own address).")
                .arg(bound.toString(), join.group.toString(),
                     v6 ? QStringLiteral("::") : QStringLiteral("0.0.0.0"));
    }
    return {};
}

QStringList MulticastSettings::interfaceNames()
{
    QStringList names;
    if (struct if_nameindex *list = ::if_nameindex()) {
        for (const struct if_nameindex *i = list; i->if_index != 0 && i->if_name; ++i)
            names << QString::fromLocal8Bit(i->if_name);
        ::if_freenameindex(list);
    }
    return names;
}

QString MulticastSettings::groupsText(const MulticastSettings &settings)
{
    if (settings.joins.isEmpty())
        return {};
    const QString groups = settings.joins.join(QStringLiteral(", "));
    if (settings.interfaceName.isEmpty())
        return groups;
    //: The joined multicast groups and the interface: "239.1.2.3, ff12::1 on veth0".
    return trMulticast("%1 on %2").arg(groups, settings.interfaceName);
}
