#include "sessionconfig.h"

#include "hostport.h"
#include "payloadcodec.h"
#include "sessiontoolbox.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

bool parseCount(const QString &option, const QString &value, int min, int max, int *out,
                QString *error)
{
    bool ok = false;
    const int n = value.toInt(&ok);
    if (!ok || n < min || n > max) {
        *error = QCoreApplication::translate("SessionConfig",
                                             "%1 needs a whole number from %2 to %3, not \"%4\".")
                     .arg(option)
                     .arg(min)
                     .arg(max)
                     .arg(value);
        return false;
    }
    *out = n;
    return true;
}

// Seconds with at most three decimals ("2", "0.25", "1.5"), as milliseconds:
// exact, so a saved session reads back the same.
bool parseSeconds(const QString &option, const QString &value, qint64 maxSeconds, qint64 *ms,
                  QString *error)
{
    const qsizetype dot = value.indexOf(u'.');
    const QStringView whole = QStringView(value).first(dot < 0 ? value.size() : dot);
    const QStringView fraction = dot < 0 ? QStringView() : QStringView(value).sliced(dot + 1);
    auto digits = [](QStringView v) {
        return std::all_of(v.begin(), v.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    };
    bool ok = !whole.isEmpty() && whole.size() <= 12 && digits(whole) && fraction.size() <= 3 &&
              digits(fraction) && (dot < 0 || !fraction.isEmpty());
    qint64 n = 0;
    if (ok) {
        // "0.25" is 0 s and "250" ms: the fraction padded to three digits.
        n = whole.toLongLong() * 1000 + fraction.toString().leftJustified(3, u'0').toLongLong();
        ok = n <= maxSeconds * 1000;
    }
    if (!ok) {
        *error = QCoreApplication::translate("SessionConfig",
                                             "%1 needs seconds from 0 to %2, with at most three "
                                             "decimals (e.g. 0.25), not \"%3\".")
                     .arg(option)
                     .arg(maxSeconds)
                     .arg(value);
        return false;
    }
    *ms = n;
    return true;
}

} // namespace

QString SessionConfig::secondsText(qint64 ms)
{
    QString text = QString::number(ms / 1000);
    if (const qint64 rest = ms % 1000) {
        QString fraction = QStringLiteral("%1").arg(rest, 3, 10, QLatin1Char('0'));
        while (fraction.endsWith(u'0'))
            fraction.chop(1);
        text += u'.' + fraction;
    }
    return text;
}

QString SessionConfig::kindKeyword(Kind kind)
{
    switch (kind) {
    case Kind::TcpServer:
        return QStringLiteral("tcp-server");
    case Kind::TcpClient:
        return QStringLiteral("tcp-client");
    case Kind::Udp:
        return QStringLiteral("udp");
    }
    return {};
}

QString SessionConfig::protocolKeyword(Protocol protocol)
{
    switch (protocol) {
    case Protocol::None:
        return QStringLiteral("none");
    case Protocol::Hello:
        return QStringLiteral("hello");
    case Protocol::Chat:
        return QStringLiteral("chat");
    }
    return {};
}

QString SessionConfig::displayName() const
{
    if (!name.isEmpty())
        return name;
    switch (kind) {
    case Kind::TcpServer:
        return QCoreApplication::translate("SessionConfig", "TCP server %1")
            .arg(HostPort::format(host, port));
    case Kind::TcpClient:
        return QCoreApplication::translate("SessionConfig", "TCP client to %1")
            .arg(HostPort::format(host, port));
    case Kind::Udp:
        return QCoreApplication::translate("SessionConfig", "UDP %1")
            .arg(HostPort::format(host, port));
    }
    return {};
}

SessionConfig::TypedErrors SessionConfig::checkTyped(Kind kind, Protocol protocol,
                                                     const QString &host, const QString &port,
                                                     const QString &peer)
{
    TypedErrors errors;
    const QString trimmedHost = host.trimmed();
    if (trimmedHost.isEmpty()) {
        SessionConfig probe;
        probe.kind = kind;
        probe.host.clear();
        errors.address = probe.validate();
    } else {
        // HostPort knows what a host may look like; give it the host alone.
        const QString probe = trimmedHost.contains(u':') ? QString(u'[' + trimmedHost + u"]:0")
                                                         : QString(trimmedHost + u":0");
        HostPort::Parsed parsed;
        HostPort::parse(probe, HostPort::HostRule::Optional, HostPort::PortRule::AllowZero, &parsed,
                        &errors.address);
    }

    quint16 number = 0;
    HostPort::parsePort(
        port, kind == Kind::TcpClient ? HostPort::PortRule::NonZero : HostPort::PortRule::AllowZero,
        &number, &errors.port);

    if (kind == Kind::Udp) {
        const QString trimmedPeer = peer.trimmed();
        if (!trimmedPeer.isEmpty()) {
            HostPort::Parsed parsed;
            HostPort::parse(trimmedPeer, HostPort::HostRule::Required, HostPort::PortRule::NonZero,
                            &parsed, &errors.peer);
        } else if (protocol == Protocol::Chat) {
            SessionConfig probe;
            probe.kind = kind;
            probe.protocol = Protocol::Chat;
            errors.peer = probe.validate();
        }
    }
    return errors;
}

QString SessionConfig::validate() const
{
    if (host.trimmed().isEmpty())
        return kind == Kind::TcpClient
                   ? QCoreApplication::translate("SessionConfig", "Give the host to connect to.")
                   : QCoreApplication::translate("SessionConfig", "Give the address to listen on.");
    if (kind == Kind::TcpClient && port == 0)
        return QCoreApplication::translate(
            "SessionConfig",
            "Port 0 cannot be used here: give the port to connect to (1 to 65535).");
    if (kind == Kind::TcpClient && protocol == Protocol::Hello)
        return QCoreApplication::translate(
            "SessionConfig", "The hello protocol is for servers; a client sends what you type.");
    if (kind != Kind::Udp && protocol == Protocol::Chat)
        return QCoreApplication::translate("SessionConfig", "Chat mode is for UDP sessions.");
    if (kind == Kind::Udp && protocol == Protocol::Chat && !hasPeer())
        return QCoreApplication::translate(
            "SessionConfig", "A chat needs a peer to talk to, as in --peer 127.0.0.1:8889.");
    if (!peerHost.isEmpty() && peerPort == 0)
        return QCoreApplication::translate("SessionConfig",
                                           "The peer needs a port from 1 to 65535.");
    if (maxClients < 1)
        return QCoreApplication::translate("SessionConfig", "Max clients must be at least 1.");
    if (framing == Framing::Lines && maxLineLength < 1)
        return QCoreApplication::translate("SessionConfig",
                                           "The maximum line length must be at least 1 byte.");
    if (connectTimeoutSeconds < 1)
        return QCoreApplication::translate("SessionConfig",
                                           "The connect timeout must be at least 1 second.");
    if (idleTimeoutMs < 0)
        return QCoreApplication::translate("SessionConfig", "The idle timeout cannot be negative.");
    return SessionToolbox::validate(*this);
}

bool SessionConfig::fromArguments(const QStringList &args, SessionConfig *out, QString *error,
                                  QStringList *rest)
{
    if (args.isEmpty()) {
        *error = QCoreApplication::translate(
            "SessionConfig", "Missing subcommand: use tcp-server, tcp-client or udp.");
        return false;
    }
    SessionConfig c;
    const QString &sub = args.first();
    if (sub == u"tcp-server") {
        c.kind = Kind::TcpServer;
        c.protocol = Protocol::Hello;
    } else if (sub == u"tcp-client") {
        c.kind = Kind::TcpClient;
        c.protocol = Protocol::None;
    } else if (sub == u"udp") {
        c.kind = Kind::Udp;
        c.protocol = Protocol::None;
    } else {
        *error =
            QCoreApplication::translate(
                "SessionConfig", "Unknown subcommand \"%1\": use tcp-server, tcp-client or udp.")
                .arg(sub);
        return false;
    }

    QString address;
    bool protocolGiven = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        auto value = [&](QString *v) {
            const qsizetype eq = arg.indexOf(u'=');
            if (arg.startsWith(u"--") && eq > 0) {
                *v = arg.mid(eq + 1);
                return true;
            }
            if (i + 1 >= args.size()) {
                *error = QCoreApplication::translate("SessionConfig", "%1 needs a value.").arg(arg);
                return false;
            }
            *v = args.at(++i);
            return true;
        };
        const QString option = arg.section(u'=', 0, 0);
        QString v;
        if (option == u"--protocol") {
            if (!value(&v))
                return false;
            const bool udp = c.kind == Kind::Udp;
            if (v == u"hello" && c.kind != Kind::TcpClient)
                c.protocol = Protocol::Hello;
            else if (v == u"chat" && udp)
                c.protocol = Protocol::Chat;
            else if (v == u"none")
                c.protocol = Protocol::None;
            else {
                *error =
                    c.kind == Kind::TcpServer
                        ? QCoreApplication::translate("SessionConfig",
                                                      "Unknown protocol \"%1\": use hello or none.")
                              .arg(v)
                    : udp
                        ? QCoreApplication::translate(
                              "SessionConfig", "Unknown protocol \"%1\": use hello, chat or none.")
                              .arg(v)
                        : QCoreApplication::translate(
                              "SessionConfig",
                              "Unknown protocol \"%1\": a TCP client supports only none.")
                              .arg(v);
                return false;
            }
            protocolGiven = true;
        } else if (option == u"--max-clients" && c.kind == Kind::TcpServer) {
            if (!value(&v) || !parseCount(option, v, 1, 1000000, &c.maxClients, error))
                return false;
        } else if (option == u"--idle-timeout" && c.kind == Kind::TcpServer) {
            if (!value(&v) || !parseSeconds(option, v, 86400 * 365, &c.idleTimeoutMs, error))
                return false;
        } else if (option == u"--timeout" && c.kind == Kind::TcpClient) {
            if (!value(&v) || !parseCount(option, v, 1, 86400, &c.connectTimeoutSeconds, error))
                return false;
        } else if (option == u"--greeting" && c.kind == Kind::TcpServer) {
            if (!value(&v))
                return false;
            c.greeting = v.toUtf8();
        } else if (option == u"--greeting-hex" && c.kind == Kind::TcpServer) {
            // Arguments reach the program as text; bytes that are not UTF-8
            // (a binary greeting) are given, and saved, in hex.
            if (!value(&v))
                return false;
            const PayloadCodec::ParseResult parsed = PayloadCodec::parseHex(v);
            if (!parsed.ok()) {
                *error = QCoreApplication::translate("SessionConfig", "%1: %2")
                             .arg(option, parsed.error);
                return false;
            }
            c.greeting = parsed.bytes;
        } else if (option == u"--reply" && c.kind != Kind::TcpClient) {
            if (!value(&v))
                return false;
            c.replyTemplate = v.toUtf8();
        } else if (option == u"--exit-word" && c.kind == Kind::TcpServer) {
            if (!value(&v))
                return false;
            c.exitWord = v.toUtf8();
        } else if (option == u"--lines" && c.kind == Kind::TcpServer) {
            c.framing = Framing::Lines;
        } else if (option == u"--max-line" && c.kind == Kind::TcpServer) {
            if (!value(&v) || !parseCount(option, v, 1, 64 * 1024 * 1024, &c.maxLineLength, error))
                return false;
        } else if (option == u"--peer" && c.kind == Kind::Udp) {
            if (!value(&v))
                return false;
            HostPort::Parsed p;
            if (!HostPort::parse(v, HostPort::HostRule::Required, HostPort::PortRule::NonZero, &p,
                                 error)) {
                *error = QCoreApplication::translate("SessionConfig", "--peer: %1").arg(*error);
                return false;
            }
            c.peerHost = p.host;
            c.peerPort = p.port;
        } else if (option == u"--end-word" && c.kind == Kind::Udp) {
            if (!value(&v))
                return false;
            c.endWord = v.toUtf8();
        } else if (SessionToolbox::isOption(option)) {
            if (!SessionToolbox::parseOption(option, value, &c, error))
                return false;
        } else if (option == u"--name") {
            if (!value(&v))
                return false;
            c.name = v;
        } else if (arg.startsWith(u'-') && arg.size() > 1 && !arg.at(1).isDigit()) {
            if (rest && (arg == u"--json" || arg == u"--raw")) {
                rest->append(arg);
                continue;
            }
            *error = QCoreApplication::translate("SessionConfig", "Unknown option \"%1\" for %2.")
                         .arg(arg, sub);
            return false;
        } else if (address.isNull()) {
            address = arg;
        } else {
            *error = QCoreApplication::translate("SessionConfig", "Unexpected argument \"%1\".")
                         .arg(arg);
            return false;
        }
    }

    if (address.isNull()) {
        *error =
            c.kind == Kind::TcpClient
                ? QCoreApplication::translate("SessionConfig", "%1 needs HOST:PORT to connect to.")
                      .arg(sub)
                : QCoreApplication::translate("SessionConfig", "%1 needs [ADDRESS:]PORT to bind.")
                      .arg(sub);
        return false;
    }
    HostPort::Parsed p;
    const bool client = c.kind == Kind::TcpClient;
    if (!HostPort::parse(
            address, client ? HostPort::HostRule::Required : HostPort::HostRule::Optional,
            client ? HostPort::PortRule::NonZero : HostPort::PortRule::AllowZero, &p, error))
        return false;
    c.host = p.host.isEmpty() ? QStringLiteral("127.0.0.1") : p.host;
    c.port = p.port;
    if (c.kind == Kind::Udp && !protocolGiven && c.hasPeer())
        c.protocol = Protocol::Chat;

    const QString invalid = c.validate();
    if (!invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    *out = c;
    return true;
}

QStringList SessionConfig::toArguments() const
{
    const SessionConfig d;
    QStringList a{kindKeyword(kind), HostPort::format(host, port)};
    if (!name.isEmpty())
        a << QStringLiteral("--name") << name;
    a << QStringLiteral("--protocol") << protocolKeyword(protocol);
    if (kind == Kind::TcpServer) {
        if (maxClients != d.maxClients)
            a << QStringLiteral("--max-clients") << QString::number(maxClients);
        if (idleTimeoutMs != 0)
            a << QStringLiteral("--idle-timeout") << secondsText(idleTimeoutMs);
        if (greeting != d.greeting && PayloadCodec::isValidUtf8(greeting))
            a << QStringLiteral("--greeting") << QString::fromUtf8(greeting);
        else if (greeting != d.greeting)
            a << QStringLiteral("--greeting-hex") << QString::fromLatin1(greeting.toHex());
        if (exitWord != d.exitWord)
            a << QStringLiteral("--exit-word") << QString::fromUtf8(exitWord);
        if (framing == Framing::Lines)
            a << QStringLiteral("--lines");
        if (maxLineLength != d.maxLineLength)
            a << QStringLiteral("--max-line") << QString::number(maxLineLength);
    }
    if (kind != Kind::TcpClient && replyTemplate != d.replyTemplate)
        a << QStringLiteral("--reply") << QString::fromUtf8(replyTemplate);
    if (kind == Kind::TcpClient && connectTimeoutSeconds != d.connectTimeoutSeconds)
        a << QStringLiteral("--timeout") << QString::number(connectTimeoutSeconds);
    if (kind == Kind::Udp) {
        if (hasPeer())
            a << QStringLiteral("--peer") << HostPort::format(peerHost, peerPort);
        if (endWord != d.endWord)
            a << QStringLiteral("--end-word") << QString::fromUtf8(endWord);
    }
    SessionToolbox::appendArguments(*this, &a);
    return a;
}
