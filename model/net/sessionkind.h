#pragma once

#include "sessionconfig.h"
#include "trafficevent.h"

#include <QList>
#include <QString>

class Endpoint;
class QObject;
class TrafficStore;

// What defines each kind of session, in one table (sessionkind.cpp): its
// command-line subcommand, its names, which fields apply (and when), its
// protocols and defaults, the endpoint that runs it and the New-session
// templates made from it. The window's editor and menus, the command-line
// parser and the engine all read this table; a new kind is one entry here
// (and its endpoint), not edits across the widgets.
//
// The texts are untranslated source strings in the "SessionKind" context
// (QT_TRANSLATE_NOOP); text() translates one where it is shown.
class SessionKind
{
public:
    using Kind = SessionConfig::Kind;
    using Protocol = SessionConfig::Protocol;

    // How a session of this kind meets its peers.
    enum class Role {
        Server,   // listens and accepts connections
        Client,   // connects to one server
        Datagram, // binds and exchanges datagrams with any peer
    };
    // What the address fields hold.
    enum class Addressing {
        HostPort, // host (or bind address) and port
        Path,     // a Unix socket path, or @NAME (SessionConfig::path, peerPath)
        // Bind address and port, and a target HOST:PORT as the second argument
        // (SessionConfig::peerHost, peerPort): a relay.
        HostPortTarget,
    };

    // The editor's fields beyond name and type, and the options that set them.
    enum class Field {
        Address,
        Port,
        Path,
        SeqPacket,
        Peer,
        Protocol,
        Greeting,
        Reply,
        ExitWord,
        EndWord,
        Framing,
        MaxLine,
        MaxClients,
        IdleTimeout,
        ConnectTimeout,
        Tls,            // TLS on or off (tlssettings.h has the options)
        TlsCertificate, // the certificate and key files: a server's, or a client's own
        TlsKey,
        TlsClientCa, // a server's: clients must present a certificate from these CAs
        TlsCaFile,   // a client's: the CAs, no verification, the name, ALPN, a pinned certificate
        TlsInsecure,
        TlsSni,
        TlsAlpn,
        TlsTrust,
        Broadcast, // UDP: SO_BROADCAST (multicastsettings.h has these options)
        MulticastJoin,
        MulticastInterface,
        MulticastTtl,
        MulticastLoop,
    };
    // When a field applies, given the session's protocol and framing.
    enum class When {
        Always,
        Hello,      // the hello protocol is chosen
        Chat,       // the chat protocol is chosen
        HelloLines, // hello with line framing
        Tls,        // TLS is on
    };
    struct FieldRule
    {
        Field field;
        When when;
    };
    struct ProtocolEntry
    {
        Protocol protocol;
        const char *typeName; // the session's type with this protocol, "TCP hello server"
    };
    using Factory = Endpoint *(*)(SessionId, const SessionConfig &, TrafficStore *, QObject *);

    struct Definition
    {
        Kind kind;
        const char *keyword; // the subcommand and the saved form: "tcp-server"
        const char *name;    // "TCP server"
        const char *title;   // a session's default title, %1 its address: "TCP server %1"
        Role role;
        Addressing addressing;
        QList<FieldRule> fields;
        QList<ProtocolEntry> protocols; // in the order offered
        Protocol defaultProtocol;
        // Without --protocol, a session given a peer talks with it (the tutorial's chat).
        bool chatWhenPeer = false;
        const char *synopsis = nullptr; // its usage line(s) after "socketscope "
        Factory create = nullptr;
        // A kind reached as another kind's subcommand with this switch
        // ("relay ... --udp"); written back the same way.
        const char *variantOption = nullptr;
        // The idle timeout a new session of this kind starts with (0: none).
        qint64 defaultIdleTimeoutMs = 0;
    };

    // A New-session template: a kind with tutorial settings.
    struct Template
    {
        const char *id;   // "TcpHelloServer"; the menu action is named "new" + id
        const char *name; // "TCP hello server"
        SessionConfig config;
    };

    static const QList<Definition> &all();
    static const Definition &of(Kind kind);
    // Null when no kind has that subcommand. With `args` (what follows the
    // subcommand), a variant whose switch is among them ("relay --udp").
    static const Definition *byKeyword(QStringView keyword, const QStringList &args = {});
    // "tcp-server, tcp-client or udp", for messages.
    static QString keywordList(const QString &orWord);

    static bool has(Kind kind, Field field);
    // Whether `field` applies to `config` as it is (its kind, protocol, framing).
    static bool applies(const SessionConfig &config, Field field);
    static bool offers(Kind kind, Protocol protocol);
    static bool isClient(Kind kind) { return of(kind).role == Role::Client; }
    static bool isServer(Kind kind) { return of(kind).role == Role::Server; }
    static bool isDatagram(Kind kind) { return of(kind).role == Role::Datagram; }
    static bool usesPath(Kind kind) { return of(kind).addressing == Addressing::Path; }
    static bool hasTarget(Kind kind) { return of(kind).addressing == Addressing::HostPortTarget; }

    // Translated: the kind's name, a session's type ("TCP hello server"), a
    // template's name, or any source string of this context.
    static QString name(Kind kind);
    static QString typeName(Kind kind, Protocol protocol);
    static QString text(const char *source);

    static const QList<Template> &templates();
    // The template's settings as they are; a default config for an unknown id.
    static SessionConfig templateConfig(QStringView id);
    // The template's settings made to fit beside `existing` sessions: a bound
    // port or a title already taken moves on, so a second hello server does not
    // fail with a busy port (a chat swaps to the tutorial's other end first).
    static SessionConfig templateConfig(QStringView id, const QList<SessionConfig> &existing);

    static Endpoint *createEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                                    QObject *parent);
};
