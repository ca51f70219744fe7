#include "sessionconfig.h"

#include "hostport.h"
#include "multicastsettings.h"
#include "payloadcodec.h"
#include "sessionkind.h"
#include "sessiontoolbox.h"
#include "tlssettings.h"
#include "unixaddress.h"

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
    return QString::fromLatin1(SessionKind::of(kind).keyword);
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
    return SessionKind::text(SessionKind::of(kind).title).arg(addressText());
}

QString SessionConfig::addressText() const
{
    return SessionKind::usesPath(kind) ? UnixAddress::display(path) : HostPort::format(host, port);
}

QString SessionConfig::peerText() const
{
    if (!hasPeer())
        return {};
    return SessionKind::usesPath(kind) ? UnixAddress::display(peerPath)
                                       : HostPort::format(peerHost, peerPort);
}

SessionConfig::TypedErrors SessionConfig::checkTyped(Kind kind, Protocol protocol,
                                                     const QString &host, const QString &port,
                                                     const QString &peer)
{
    TypedErrors errors;
    if (SessionKind::usesPath(kind)) {
        // The address is the socket's path; there is no port.
        errors.address = UnixAddress::check(host.trimmed());
        const QString trimmedPeer = peer.trimmed();
        if (!trimmedPeer.isEmpty() && SessionKind::has(kind, SessionKind::Field::Peer)) {
            errors.peer = UnixAddress::check(trimmedPeer);
        } else if (protocol == Protocol::Chat) {
            SessionConfig probe;
            probe.kind = kind;
            probe.path = host.trimmed();
            probe.protocol = Protocol::Chat;
            errors.peer = probe.validate();
        }
        return errors;
    }
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
    HostPort::parsePort(port,
                        SessionKind::isClient(kind) ? HostPort::PortRule::NonZero
                                                    : HostPort::PortRule::AllowZero,
                        &number, &errors.port);

    if (SessionKind::has(kind, SessionKind::Field::Peer)) {
        const QString trimmedPeer = peer.trimmed();
        if (!trimmedPeer.isEmpty()) {
            HostPort::Parsed parsed;
            HostPort::parse(trimmedPeer, HostPort::HostRule::Required, HostPort::PortRule::NonZero,
                            &parsed, &errors.peer);
        } else if (protocol == Protocol::Chat || SessionKind::hasTarget(kind)) {
            SessionConfig probe;
            probe.kind = kind;
            probe.protocol = protocol;
            errors.peer = probe.validate();
        }
    }
    return errors;
}

QString SessionConfig::validate() const
{
    const bool client = SessionKind::isClient(kind);
    const bool paths = SessionKind::usesPath(kind);
    if (paths) {
        if (const QString error = UnixAddress::check(path); !error.isEmpty())
            return error;
        if (const QString error = peerPath.isEmpty() ? QString() : UnixAddress::check(peerPath);
            !error.isEmpty())
            return QCoreApplication::translate("SessionConfig", "Peer: %1").arg(error);
    }
    if (!paths && host.trimmed().isEmpty())
        return client
                   ? QCoreApplication::translate("SessionConfig", "Give the host to connect to.")
                   : QCoreApplication::translate("SessionConfig", "Give the address to listen on.");
    if (!paths && client && port == 0)
        return QCoreApplication::translate(
            "SessionConfig",
            "Port 0 cannot be used here: give the port to connect to (1 to 65535).");
    if (client && protocol == Protocol::Hello)
        return QCoreApplication::translate(
            "SessionConfig", "The hello protocol is for servers; a client sends what you type.");
    if (!SessionKind::offers(kind, protocol) && protocol == Protocol::Chat)
        return QCoreApplication::translate(
            "SessionConfig", "Chat mode is for datagram sessions (UDP and Unix datagram).");
    if (!SessionKind::offers(kind, protocol))
        return QCoreApplication::translate("SessionConfig", "A %1 has no %2 protocol.")
            .arg(SessionKind::name(kind), protocolKeyword(protocol));
    if (SessionKind::hasTarget(kind) && !hasPeer())
        return QCoreApplication::translate(
            "SessionConfig", "A relay needs a target to connect each client to, as in "
                             "127.0.0.1:8000.");
    if (protocol == Protocol::Chat && !hasPeer())
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
    if (const QString problem = TlsSettings::validate(*this); !problem.isEmpty())
        return problem;
    if (const QString problem = MulticastSettings::validate(*this); !problem.isEmpty())
        return problem;
    return SessionToolbox::validate(*this);
}

bool SessionConfig::fromArguments(const QStringList &args, SessionConfig *out, QString *error,
                                  QStringList *rest)
{
    //: Joins the last two subcommands of a list: "tcp-server, tcp-client or udp".
    const QString kinds =
        SessionKind::keywordList(QCoreApplication::translate("SessionConfig", "or"));
    if (args.isEmpty()) {
        *error =
            QCoreApplication::translate("SessionConfig", "Missing subcommand: use %1.").arg(kinds);
        return false;
    }
    SessionConfig c;
    const QString &sub = args.first();
    const SessionKind::Definition *definition = SessionKind::byKeyword(sub, args.mid(1));
    if (!definition) {
        *error = QCoreApplication::translate("SessionConfig", "Unknown subcommand \"%1\": use %2.")
                     .arg(sub, kinds);
        return false;
    }
    c.kind = definition->kind;
    c.protocol = definition->defaultProtocol;
    c.idleTimeoutMs = definition->defaultIdleTimeoutMs;
    const auto has = [&c](SessionKind::Field field) { return SessionKind::has(c.kind, field); };
    using F = SessionKind::Field;

    QString address;
    QString target; // a relay's second argument
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
        if (definition->variantOption && arg == QLatin1StringView(definition->variantOption)) {
            continue; // chose the definition above
        } else if (option == u"--protocol") {
            if (!value(&v))
                return false;
            QStringList offered;
            bool found = false;
            for (const SessionKind::ProtocolEntry &entry : definition->protocols) {
                offered << protocolKeyword(entry.protocol);
                if (v == offered.constLast()) {
                    c.protocol = entry.protocol;
                    found = true;
                }
            }
            if (!found) {
                if (offered.size() == 1) {
                    *error = QCoreApplication::translate(
                                 "SessionConfig", "Unknown protocol \"%1\": a %2 supports only %3.")
                                 .arg(v, SessionKind::name(c.kind), offered.constFirst());
                } else {
                    const QString last = offered.takeLast();
                    *error = QCoreApplication::translate("SessionConfig",
                                                         "Unknown protocol \"%1\": use %2 or %3.")
                                 .arg(v, offered.join(QStringLiteral(", ")), last);
                }
                return false;
            }
            protocolGiven = true;
        } else if (option == u"--max-clients" && has(F::MaxClients)) {
            if (!value(&v) || !parseCount(option, v, 1, 1000000, &c.maxClients, error))
                return false;
        } else if (option == u"--idle-timeout" && has(F::IdleTimeout)) {
            if (!value(&v) || !parseSeconds(option, v, 86400 * 365, &c.idleTimeoutMs, error))
                return false;
        } else if (option == u"--timeout" && has(F::ConnectTimeout)) {
            if (!value(&v) || !parseCount(option, v, 1, 86400, &c.connectTimeoutSeconds, error))
                return false;
        } else if (option == u"--greeting" && has(F::Greeting)) {
            if (!value(&v))
                return false;
            c.greeting = v.toUtf8();
        } else if (option == u"--greeting-hex" && has(F::Greeting)) {
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
        } else if (option == u"--reply" && has(F::Reply)) {
            if (!value(&v))
                return false;
            c.replyTemplate = v.toUtf8();
        } else if (option == u"--exit-word" && has(F::ExitWord)) {
            if (!value(&v))
                return false;
            c.exitWord = v.toUtf8();
        } else if (option == u"--lines" && has(F::Framing)) {
            c.framing = Framing::Lines;
        } else if (option == u"--max-line" && has(F::MaxLine)) {
            if (!value(&v) || !parseCount(option, v, 1, 64 * 1024 * 1024, &c.maxLineLength, error))
                return false;
        } else if (option == u"--seqpacket" && has(F::SeqPacket)) {
            c.seqpacket = true;
        } else if (option == u"--peer" && has(F::Peer) && SessionKind::usesPath(c.kind)) {
            if (!value(&v))
                return false;
            c.peerPath = v;
        } else if (option == u"--peer" && has(F::Peer)) {
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
        } else if (option == u"--end-word" && has(F::EndWord)) {
            if (!value(&v))
                return false;
            c.endWord = v.toUtf8();
        } else if (TlsSettings::isOption(option) && has(F::Tls)) {
            if (!TlsSettings::parseOption(option, value, &c, error))
                return false;
        } else if (MulticastSettings::isOption(option)) {
            if (!MulticastSettings::parseOption(option, value, &c, error))
                return false;
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
        } else if (target.isNull() && SessionKind::hasTarget(c.kind)) {
            target = arg;
        } else {
            *error = QCoreApplication::translate("SessionConfig", "Unexpected argument \"%1\".")
                         .arg(arg);
            return false;
        }
    }

    const bool client = SessionKind::isClient(c.kind);
    if (address.isNull() && SessionKind::usesPath(c.kind)) {
        *error = QCoreApplication::translate("SessionConfig",
                                             "%1 needs the socket's PATH (or @NAME for an "
                                             "abstract name).")
                     .arg(sub);
        return false;
    }
    if (address.isNull()) {
        *error =
            client
                ? QCoreApplication::translate("SessionConfig", "%1 needs HOST:PORT to connect to.")
                      .arg(sub)
                : QCoreApplication::translate("SessionConfig", "%1 needs [ADDRESS:]PORT to bind.")
                      .arg(sub);
        return false;
    }
    HostPort::Parsed p;
    if (SessionKind::usesPath(c.kind))
        c.path = address;
    else if (!HostPort::parse(
                 address, client ? HostPort::HostRule::Required : HostPort::HostRule::Optional,
                 client ? HostPort::PortRule::NonZero : HostPort::PortRule::AllowZero, &p, error))
        return false;
    else {
        c.host = p.host.isEmpty() ? QStringLiteral("127.0.0.1") : p.host;
        c.port = p.port;
    }
    if (SessionKind::hasTarget(c.kind)) {
        if (target.isNull()) {
            *error = QCoreApplication::translate(
                         "SessionConfig", "%1 needs TARGET_HOST:PORT to connect each client to.")
                         .arg(sub);
            return false;
        }
        HostPort::Parsed t;
        if (!HostPort::parse(target, HostPort::HostRule::Required, HostPort::PortRule::NonZero, &t,
                             error)) {
            *error = QCoreApplication::translate("SessionConfig", "Target: %1").arg(*error);
            return false;
        }
        c.peerHost = t.host;
        c.peerPort = t.port;
    }
    if (definition->chatWhenPeer && !protocolGiven && c.hasPeer())
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
    const bool paths = SessionKind::usesPath(kind);
    const SessionKind::Definition &definition = SessionKind::of(kind);
    QStringList a{kindKeyword(kind), paths ? path : HostPort::format(host, port)};
    if (definition.variantOption)
        a << QString::fromLatin1(definition.variantOption);
    const bool target = SessionKind::hasTarget(kind);
    if (target)
        a << HostPort::format(peerHost, peerPort);
    if (!name.isEmpty())
        a << QStringLiteral("--name") << name;
    a << QStringLiteral("--protocol") << protocolKeyword(protocol);
    const auto has = [this](SessionKind::Field field) { return SessionKind::has(kind, field); };
    using F = SessionKind::Field;
    if (has(F::MaxClients) && maxClients != d.maxClients)
        a << QStringLiteral("--max-clients") << QString::number(maxClients);
    if (has(F::IdleTimeout) && idleTimeoutMs != definition.defaultIdleTimeoutMs)
        a << QStringLiteral("--idle-timeout") << secondsText(idleTimeoutMs);
    if (has(F::Greeting)) {
        if (greeting != d.greeting && PayloadCodec::isValidUtf8(greeting))
            a << QStringLiteral("--greeting") << QString::fromUtf8(greeting);
        else if (greeting != d.greeting)
            a << QStringLiteral("--greeting-hex") << QString::fromLatin1(greeting.toHex());
    }
    if (has(F::ExitWord) && exitWord != d.exitWord)
        a << QStringLiteral("--exit-word") << QString::fromUtf8(exitWord);
    if (has(F::Framing) && framing == Framing::Lines)
        a << QStringLiteral("--lines");
    if (has(F::MaxLine) && maxLineLength != d.maxLineLength)
        a << QStringLiteral("--max-line") << QString::number(maxLineLength);
    if (has(F::Reply) && replyTemplate != d.replyTemplate)
        a << QStringLiteral("--reply") << QString::fromUtf8(replyTemplate);
    if (has(F::ConnectTimeout) && connectTimeoutSeconds != d.connectTimeoutSeconds)
        a << QStringLiteral("--timeout") << QString::number(connectTimeoutSeconds);
    if (has(F::SeqPacket) && seqpacket)
        a << QStringLiteral("--seqpacket");
    if (has(F::Peer) && hasPeer() && !target)
        a << QStringLiteral("--peer") << (paths ? peerPath : HostPort::format(peerHost, peerPort));
    if (has(F::EndWord) && endWord != d.endWord)
        a << QStringLiteral("--end-word") << QString::fromUtf8(endWord);
    TlsSettings::appendArguments(*this, &a);
    MulticastSettings::appendArguments(*this, &a);
    SessionToolbox::appendArguments(*this, &a);
    return a;
}
