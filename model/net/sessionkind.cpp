#include "sessionkind.h"

#include "relayendpoint.h"
#include "tcpclientendpoint.h"
#include "tcpserverendpoint.h"
#include "udpendpoint.h"
#include "udprelayendpoint.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace {

using Kind = SessionConfig::Kind;
using P = SessionConfig::Protocol;
using F = SessionKind::Field;
using W = SessionKind::When;

template <typename T>
Endpoint *make(SessionId id, const SessionConfig &config, TrafficStore *store, QObject *parent)
{
    return new T(id, config, store, parent);
}

// The kinds, in the order the command line's help lists them.
const QList<SessionKind::Definition> &definitions()
{
    static const QList<SessionKind::Definition> table = {
        {Kind::TcpServer,
         "tcp-server",
         QT_TRANSLATE_NOOP("SessionKind", "TCP server"),
         QT_TRANSLATE_NOOP("SessionKind", "TCP server %1"),
         SessionKind::Role::Server,
         SessionKind::Addressing::HostPort,
         {{F::Address, W::Always},
          {F::Port, W::Always},
          {F::Protocol, W::Always},
          {F::Greeting, W::Hello},
          {F::Reply, W::Hello},
          {F::ExitWord, W::Hello},
          {F::Framing, W::Hello},
          {F::MaxLine, W::HelloLines},
          {F::MaxClients, W::Always},
          {F::IdleTimeout, W::Always},
          {F::Tls, W::Always},
          {F::TlsCertificate, W::Tls},
          {F::TlsKey, W::Tls},
          {F::TlsClientCa, W::Tls}},
         {{P::Hello, QT_TRANSLATE_NOOP("SessionKind", "TCP hello server")},
          {P::None, QT_TRANSLATE_NOOP("SessionKind", "TCP server")}},
         P::Hello,
         false,
         "tcp-server [ADDRESS:]PORT [--protocol hello|none] [--max-clients N]\n"
         "              [--idle-timeout SECONDS] [--lines] [--max-line BYTES]\n"
         "              [--greeting TEXT | --greeting-hex HEX] [--reply TEMPLATE]\n"
         "              [--exit-word WORD] [--json]\n"
         "              [--tls [--cert FILE --key FILE] [--client-ca FILE]]",
         &make<TcpServerEndpoint>},
        {Kind::TcpClient,
         "tcp-client",
         QT_TRANSLATE_NOOP("SessionKind", "TCP client"),
         QT_TRANSLATE_NOOP("SessionKind", "TCP client to %1"),
         SessionKind::Role::Client,
         SessionKind::Addressing::HostPort,
         {{F::Address, W::Always},
          {F::Port, W::Always},
          {F::ConnectTimeout, W::Always},
          {F::Tls, W::Always},
          {F::TlsCaFile, W::Tls},
          {F::TlsCertificate, W::Tls},
          {F::TlsKey, W::Tls},
          {F::TlsInsecure, W::Tls},
          {F::TlsSni, W::Tls},
          {F::TlsAlpn, W::Tls},
          {F::TlsTrust, W::Tls}},
         {{P::None, QT_TRANSLATE_NOOP("SessionKind", "TCP client")}},
         P::None,
         false,
         "tcp-client HOST:PORT [--raw] [--json] [--timeout SECONDS]\n"
         "              [--tls [--ca FILE] [--insecure] [--sni NAME] [--alpn LIST]\n"
         "                     [--trust SHA256-FINGERPRINT] [--cert FILE --key FILE]]",
         &make<TcpClientEndpoint>},
        {Kind::Udp,
         "udp",
         QT_TRANSLATE_NOOP("SessionKind", "UDP"),
         QT_TRANSLATE_NOOP("SessionKind", "UDP %1"),
         SessionKind::Role::Datagram,
         SessionKind::Addressing::HostPort,
         {{F::Address, W::Always},
          {F::Port, W::Always},
          {F::Peer, W::Always},
          {F::Protocol, W::Always},
          {F::Reply, W::Hello},
          {F::EndWord, W::Chat},
          {F::Broadcast, W::Always},
          {F::MulticastJoin, W::Always},
          {F::MulticastInterface, W::Always},
          {F::MulticastTtl, W::Always},
          {F::MulticastLoop, W::Always}},
         {{P::Hello, QT_TRANSLATE_NOOP("SessionKind", "UDP hello server")},
          {P::Chat, QT_TRANSLATE_NOOP("SessionKind", "UDP chat")},
          {P::None, QT_TRANSLATE_NOOP("SessionKind", "UDP")}},
         P::None,
         true,
         "udp [ADDRESS:]PORT [--peer HOST:PORT] [--protocol hello|chat|none]\n"
         "              [--end-word WORD] [--reply TEMPLATE] [--broadcast]\n"
         "              [--join GROUP[@SOURCE]]... [--interface NAME] [--ttl 0-255]\n"
         "              [--multicast-loop on|off] [--json]",
         &make<UdpEndpoint>},
        // Unix domain sockets run on the same endpoints: a stream is a stream,
        // a datagram a datagram; only the address differs.
        {Kind::UnixServer,
         "unix-server",
         QT_TRANSLATE_NOOP("SessionKind", "Unix server"),
         QT_TRANSLATE_NOOP("SessionKind", "Unix server %1"),
         SessionKind::Role::Server,
         SessionKind::Addressing::Path,
         {{F::Path, W::Always},
          {F::SeqPacket, W::Always},
          {F::Protocol, W::Always},
          {F::Greeting, W::Hello},
          {F::Reply, W::Hello},
          {F::ExitWord, W::Hello},
          {F::Framing, W::Hello},
          {F::MaxLine, W::HelloLines},
          {F::MaxClients, W::Always},
          {F::IdleTimeout, W::Always}},
         {{P::Hello, QT_TRANSLATE_NOOP("SessionKind", "Unix hello server")},
          {P::None, QT_TRANSLATE_NOOP("SessionKind", "Unix server")}},
         P::Hello,
         false,
         "unix-server PATH|@NAME [--seqpacket] [--protocol hello|none] [--max-clients N]\n"
         "              [--idle-timeout SECONDS] [--lines] [--max-line BYTES]\n"
         "              [--greeting TEXT | --greeting-hex HEX] [--reply TEMPLATE]\n"
         "              [--exit-word WORD] [--json]",
         &make<TcpServerEndpoint>},
        {Kind::UnixClient,
         "unix-client",
         QT_TRANSLATE_NOOP("SessionKind", "Unix client"),
         QT_TRANSLATE_NOOP("SessionKind", "Unix client to %1"),
         SessionKind::Role::Client,
         SessionKind::Addressing::Path,
         {{F::Path, W::Always}, {F::SeqPacket, W::Always}, {F::ConnectTimeout, W::Always}},
         {{P::None, QT_TRANSLATE_NOOP("SessionKind", "Unix client")}},
         P::None,
         false,
         "unix-client PATH|@NAME [--seqpacket] [--raw] [--json] [--timeout SECONDS]",
         &make<TcpClientEndpoint>},
        {Kind::UnixDgram,
         "unix-dgram",
         QT_TRANSLATE_NOOP("SessionKind", "Unix datagram"),
         QT_TRANSLATE_NOOP("SessionKind", "Unix datagram %1"),
         SessionKind::Role::Datagram,
         SessionKind::Addressing::Path,
         {{F::Path, W::Always},
          {F::Peer, W::Always},
          {F::Protocol, W::Always},
          {F::Reply, W::Hello},
          {F::EndWord, W::Chat}},
         {{P::Hello, QT_TRANSLATE_NOOP("SessionKind", "Unix datagram hello server")},
          {P::Chat, QT_TRANSLATE_NOOP("SessionKind", "Unix datagram chat")},
          {P::None, QT_TRANSLATE_NOOP("SessionKind", "Unix datagram")}},
         P::None,
         true,
         "unix-dgram PATH|@NAME [--peer PATH|@NAME] [--protocol hello|chat|none]\n"
         "              [--end-word WORD] [--reply TEMPLATE] [--json]",
         &make<UdpEndpoint>},
        // Between a client and a server: each client's exchange with the
        // target, both ways, as one conversation (relayconnection.h).
        {Kind::Relay,
         "relay",
         QT_TRANSLATE_NOOP("SessionKind", "Relay"),
         QT_TRANSLATE_NOOP("SessionKind", "Relay %1"),
         SessionKind::Role::Server,
         SessionKind::Addressing::HostPortTarget,
         {{F::Address, W::Always},
          {F::Port, W::Always},
          {F::Peer, W::Always},
          {F::MaxClients, W::Always},
          {F::ConnectTimeout, W::Always}},
         {{P::None, QT_TRANSLATE_NOOP("SessionKind", "TCP relay")}},
         P::None,
         false,
         "relay [ADDRESS:]PORT TARGET_HOST:PORT [--max-clients N] [--timeout SECONDS]\n"
         "              [--json]",
         &make<RelayEndpoint>},
        // The same for datagrams: each client address gets its own upstream
        // socket, closed after the idle timeout (udprelayendpoint.h).
        {Kind::UdpRelay,
         "relay",
         QT_TRANSLATE_NOOP("SessionKind", "UDP relay"),
         QT_TRANSLATE_NOOP("SessionKind", "UDP relay %1"),
         // It takes clients as a server does (and is no chat): each client
         // address is a conversation, as an accepted connection is.
         SessionKind::Role::Server,
         SessionKind::Addressing::HostPortTarget,
         {{F::Address, W::Always},
          {F::Port, W::Always},
          {F::Peer, W::Always},
          {F::MaxClients, W::Always},
          {F::IdleTimeout, W::Always}},
         {{P::None, QT_TRANSLATE_NOOP("SessionKind", "UDP relay")}},
         P::None,
         false,
         "relay [ADDRESS:]PORT TARGET_HOST:PORT --udp [--max-clients N]\n"
         "              [--idle-timeout SECONDS (default 60)] [--json]",
         &make<UdpRelayEndpoint>,
         "--udp",
         60 * 1000},
    };
    return table;
}

SessionConfig config(Kind kind, quint16 port, P protocol)
{
    SessionConfig c;
    c.kind = kind;
    c.host = QStringLiteral("127.0.0.1");
    c.port = port;
    c.protocol = protocol;
    c.idleTimeoutMs = SessionKind::of(kind).defaultIdleTimeoutMs;
    return c;
}

// Sockets of one user go in the user's runtime directory, not a shared /tmp.
SessionConfig unixConfig(Kind kind, const char *file, P protocol)
{
    // (QStandardPaths would warn on every start where XDG_RUNTIME_DIR is unset.)
    QString dir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        dir = QDir::tempPath();
    SessionConfig c;
    c.kind = kind;
    c.path = dir + u'/' + QLatin1StringView(file);
    c.protocol = protocol;
    return c;
}

// Hears a site-local group on every interface's default (the kernel picks
// the interface from its routes; the editor offers the others).
SessionConfig multicastListener()
{
    SessionConfig c = config(Kind::Udp, 5000, P::None);
    c.host = QStringLiteral("0.0.0.0");
    c.multicast.joins = QStringList{QStringLiteral("239.255.0.1")};
    return c;
}

SessionConfig chat()
{
    // The tutorial's two chat ends: bind 8888, talk to 8889 (the other side swaps them).
    SessionConfig c = config(Kind::Udp, 8888, P::Chat);
    c.peerHost = QStringLiteral("127.0.0.1");
    c.peerPort = 8889;
    c.endWord = QByteArrayLiteral("88");
    return c;
}

SessionConfig relay(Kind kind = Kind::Relay)
{
    // Between the tutorial's client and its hello server on 9999.
    SessionConfig c = config(kind, 9998, P::None);
    c.peerHost = QStringLiteral("127.0.0.1");
    c.peerPort = 9999;
    return c;
}

} // namespace

const QList<SessionKind::Definition> &SessionKind::all()
{
    return definitions();
}

const SessionKind::Definition &SessionKind::of(Kind kind)
{
    for (const Definition &d : definitions()) {
        if (d.kind == kind)
            return d;
    }
    Q_ASSERT_X(false, "SessionKind::of", "a kind without an entry in the table");
    return definitions().constFirst();
}

const SessionKind::Definition *SessionKind::byKeyword(QStringView keyword, const QStringList &args)
{
    const Definition *found = nullptr;
    for (const Definition &d : definitions()) {
        if (keyword != QLatin1StringView(d.keyword))
            continue;
        if (!d.variantOption && !found)
            found = &d;
        else if (d.variantOption && args.contains(QLatin1StringView(d.variantOption)))
            return &d;
    }
    return found;
}

QString SessionKind::keywordList(const QString &orWord)
{
    QStringList words;
    for (const Definition &d : definitions()) {
        if (!d.variantOption)
            words << QString::fromLatin1(d.keyword);
    }
    const QString last = words.takeLast();
    return words.join(QStringLiteral(", ")) + u' ' + orWord + u' ' + last;
}

bool SessionKind::has(Kind kind, Field field)
{
    for (const FieldRule &rule : of(kind).fields) {
        if (rule.field == field)
            return true;
    }
    return false;
}

bool SessionKind::applies(const SessionConfig &config, Field field)
{
    for (const FieldRule &rule : of(config.kind).fields) {
        if (rule.field != field)
            continue;
        switch (rule.when) {
        case When::Always:
            return true;
        case When::Hello:
            return config.protocol == Protocol::Hello;
        case When::Chat:
            return config.protocol == Protocol::Chat;
        case When::HelloLines:
            return config.protocol == Protocol::Hello &&
                   config.framing == SessionConfig::Framing::Lines;
        case When::Tls:
            return config.tls.enabled;
        }
    }
    return false;
}

bool SessionKind::offers(Kind kind, Protocol protocol)
{
    for (const ProtocolEntry &entry : of(kind).protocols) {
        if (entry.protocol == protocol)
            return true;
    }
    return false;
}

QString SessionKind::text(const char *source)
{
    return QCoreApplication::translate("SessionKind", source);
}

QString SessionKind::name(Kind kind)
{
    return text(of(kind).name);
}

QString SessionKind::typeName(Kind kind, Protocol protocol)
{
    const Definition &d = of(kind);
    for (const ProtocolEntry &entry : d.protocols) {
        if (entry.protocol == protocol)
            return text(entry.typeName);
    }
    return text(d.name);
}

const QList<SessionKind::Template> &SessionKind::templates()
{
    static const QList<Template> list = {
        {"TcpHelloServer", QT_TRANSLATE_NOOP("SessionKind", "TCP hello server"),
         config(Kind::TcpServer, 9999, P::Hello)},
        {"TcpClient", QT_TRANSLATE_NOOP("SessionKind", "TCP client"),
         config(Kind::TcpClient, 9999, P::None)},
        {"UdpChat", QT_TRANSLATE_NOOP("SessionKind", "UDP chat"), chat()},
        {"UdpHelloServer", QT_TRANSLATE_NOOP("SessionKind", "UDP hello server"),
         config(Kind::Udp, 9999, P::Hello)},
        {"PlainUdp", QT_TRANSLATE_NOOP("SessionKind", "Plain UDP"),
         config(Kind::Udp, 9000, P::None)},
        {"UdpMulticastListener", QT_TRANSLATE_NOOP("SessionKind", "UDP multicast listener"),
         multicastListener()},
        {"TcpRelay", QT_TRANSLATE_NOOP("SessionKind", "TCP relay"), relay()},
        {"UdpRelay", QT_TRANSLATE_NOOP("SessionKind", "UDP relay"), relay(Kind::UdpRelay)},
        {"UnixHelloServer", QT_TRANSLATE_NOOP("SessionKind", "Unix hello server"),
         unixConfig(Kind::UnixServer, "socketscope.sock", P::Hello)},
        {"UnixClient", QT_TRANSLATE_NOOP("SessionKind", "Unix client"),
         unixConfig(Kind::UnixClient, "socketscope.sock", P::None)},
        {"UnixDgramHelloServer", QT_TRANSLATE_NOOP("SessionKind", "Unix datagram hello server"),
         unixConfig(Kind::UnixDgram, "socketscope-dgram.sock", P::Hello)},
    };
    return list;
}

SessionConfig SessionKind::templateConfig(QStringView id)
{
    for (const Template &t : templates()) {
        if (id == QLatin1StringView(t.id))
            return t.config;
    }
    Q_ASSERT_X(false, "SessionKind::templateConfig", "no template of that id");
    return {};
}

SessionConfig SessionKind::templateConfig(QStringView id, const QList<SessionConfig> &existing)
{
    SessionConfig c = templateConfig(id);
    // Two sessions of one kind bound to one port: the second fails with a busy port.
    QSet<quint16> taken;
    if (!isClient(c.kind)) {
        for (const SessionConfig &e : existing) {
            if (e.kind == c.kind && e.port != 0)
                taken.insert(e.port);
        }
    }
    if (taken.contains(c.port) && c.protocol == Protocol::Chat && c.hasPeer() &&
        !taken.contains(c.peerPort))
        std::swap(c.port, c.peerPort);
    while (taken.contains(c.port) && c.port < 65535)
        ++c.port;
    // A socket path is taken the same way: socketscope.sock, socketscope-2.sock, ...
    if (usesPath(c.kind) && !isClient(c.kind)) {
        QSet<QString> paths;
        for (const SessionConfig &e : existing) {
            if (usesPath(e.kind) && !isClient(e.kind))
                paths.insert(e.path);
        }
        const QString base = c.path.chopped(5); // ".sock"
        for (int n = 2; paths.contains(c.path) && n <= existing.size() + 2; ++n)
            c.path = base + u'-' + QString::number(n) + QStringLiteral(".sock");
    }

    QSet<QString> titles;
    for (const SessionConfig &e : existing)
        titles.insert(e.displayName());
    if (titles.contains(c.displayName())) {
        const QString base = c.displayName();
        for (int n = 2; n <= existing.size() + 2; ++n) {
            //: A session's title made unique: "TCP client to 127.0.0.1:9999 (2)".
            c.name = text(QT_TRANSLATE_NOOP("SessionKind", "%1 (%2)")).arg(base).arg(n);
            if (!titles.contains(c.name))
                break;
        }
    }
    return c;
}

Endpoint *SessionKind::createEndpoint(SessionId id, const SessionConfig &config,
                                      TrafficStore *store, QObject *parent)
{
    return of(config.kind).create(id, config, store, parent);
}
