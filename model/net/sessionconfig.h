#pragma once

#include "multicastsettings.h"
#include "payloadcodec.h"
#include "ruleset.h"
#include "tlssettings.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// Everything that defines one session (one endpoint and its protocol). A value
// type: the GUI edits it, the command line parses it, settings store it, and the
// engine thread gets a copy.
struct SessionConfig
{
    enum class Kind {
        TcpServer,
        TcpClient,
        Udp,
        UnixServer,
        UnixClient,
        UnixDgram,
        Relay,
        UdpRelay,
    };
    enum class Protocol { None, Hello, Chat };
    enum class Framing { PerRead, Lines };

    Kind kind = Kind::TcpServer;
    QString name;                               // shown in the log; a default is derived when empty
    QString host = QStringLiteral("127.0.0.1"); // bind address, or the server to connect to
    quint16 port = 9999;
    QString peerHost; // UDP: the fixed peer (chat) or default target; a relay's target
    quint16 peerPort = 0;
    // Unix kinds: the socket's path or @NAME (abstract), the datagram peer's,
    // and SOCK_SEQPACKET rather than a byte stream.
    QString path;
    QString peerPath;
    bool seqpacket = false;
    Protocol protocol = Protocol::Hello;

    // The tutorial protocols, made settings. The reply template's first "%s" is
    // replaced by the message bytes.
    QByteArray greeting = QByteArrayLiteral("Welcome!");
    QByteArray replyTemplate = QByteArrayLiteral("Hello, %s!");
    QByteArray exitWord = QByteArrayLiteral("exit");
    QByteArray endWord = QByteArrayLiteral("88"); // empty: the chat never ends by itself
    Framing framing = Framing::PerRead;
    int maxLineLength = 64 * 1024;

    // The sender's toolbox (sessiontoolbox.cpp): the encoding rules and scripts
    // decode and encode text in, the auto-reply rules (tried before the hello
    // reply), and a scripted exchange run on each connection (its text).
    PayloadCodec::Encoding encoding = PayloadCodec::Encoding::Utf8;
    QList<Rule> rules;
    QString script;

    int maxClients = 1024;
    // Milliseconds (0 = off); --idle-timeout and the editor take seconds with
    // up to three decimals, e.g. 0.25.
    qint64 idleTimeoutMs = 0;
    int connectTimeoutSeconds = 10;
    TlsSettings tls;             // the TCP kinds' TLS option (tlssettings.h)
    MulticastSettings multicast; // UDP: broadcast and multicast (multicastsettings.h)

    bool hasPeer() const { return !peerPath.isEmpty() || (!peerHost.isEmpty() && peerPort != 0); }
    // Where the session is, and its fixed peer, as people write them:
    // "127.0.0.1:9999" or a socket path.
    QString addressText() const;
    QString peerText() const;
    QString displayName() const;

    // Translated sentence naming the first problem, empty when valid.
    QString validate() const;

    // Problems with an address, port and peer as typed in a form, before they
    // make a config: each a translated sentence for the field it belongs to,
    // empty where the text is fine. The host is without [] around IPv6.
    struct TypedErrors
    {
        QString address;
        QString port;
        QString peer;
        bool any() const { return !address.isEmpty() || !port.isEmpty() || !peer.isEmpty(); }
    };
    static TypedErrors checkTyped(Kind kind, Protocol protocol, const QString &host,
                                  const QString &port, const QString &peer);

    // The command-line form, shared by the headless subcommands, the GUI's
    // --session option and saved sessions:
    //   tcp-server [ADDRESS:]PORT [--protocol hello|none] [--max-clients N] ...
    //   tcp-client HOST:PORT [--timeout SECONDS]
    //   udp [ADDRESS:]PORT [--peer HOST:PORT] [--protocol hello|chat|none] [--end-word WORD]
    // Options that only concern the headless output (--json, --raw) are not
    // part of a session and are left to the caller via *rest.
    static bool fromArguments(const QStringList &args, SessionConfig *out, QString *error,
                              QStringList *rest = nullptr);
    QStringList toArguments() const;

    // Milliseconds as seconds the way --idle-timeout takes them: "2", "0.25".
    static QString secondsText(qint64 ms);

    static QString kindKeyword(Kind kind);
    static QString protocolKeyword(Protocol protocol);
};

Q_DECLARE_METATYPE(SessionConfig)
