#include "tlssettings.h"

#include "sessionconfig.h"
#include "sessionkind.h"

#include <QCoreApplication>

namespace {

using F = SessionKind::Field;

// Which kind field each option sets: a client has no --cert, a server no --ca.
F fieldOf(const QString &option)
{
    if (option == u"--cert")
        return F::TlsCertificate;
    if (option == u"--key")
        return F::TlsKey;
    if (option == u"--ca")
        return F::TlsCaFile;
    if (option == u"--client-ca")
        return F::TlsClientCa;
    if (option == u"--insecure")
        return F::TlsInsecure;
    if (option == u"--sni")
        return F::TlsSni;
    if (option == u"--alpn")
        return F::TlsAlpn;
    if (option == u"--trust")
        return F::TlsTrust;
    return F::Tls;
}

} // namespace

bool TlsSettings::isOption(const QString &option)
{
    return option == u"--tls" || option == u"--cert" || option == u"--key" || option == u"--ca" ||
           option == u"--client-ca" || option == u"--insecure" || option == u"--sni" ||
           option == u"--alpn" || option == u"--trust";
}

bool TlsSettings::parseOption(const QString &option, const std::function<bool(QString *)> &value,
                              SessionConfig *config, QString *error)
{
    if (!SessionKind::has(config->kind, fieldOf(option))) {
        *error = TlsSettings::tr("%1 is not an option of a %2.")
                     .arg(option, SessionKind::name(config->kind));
        return false;
    }
    TlsSettings &tls = config->tls;
    if (option == u"--tls") {
        tls.enabled = true;
        return true;
    }
    if (option == u"--insecure") {
        tls.insecure = true;
        return true;
    }
    QString v;
    if (!value(&v))
        return false;
    if (v.isEmpty()) {
        *error = TlsSettings::tr("%1 needs a value.").arg(option);
        return false;
    }
    if (option == u"--cert") {
        tls.certificateFile = v;
    } else if (option == u"--key") {
        tls.keyFile = v;
    } else if (option == u"--ca") {
        tls.caFile = v;
    } else if (option == u"--client-ca") {
        tls.clientCaFile = v;
    } else if (option == u"--sni") {
        tls.sni = v;
    } else if (option == u"--alpn") {
        tls.alpn = v;
    } else if (option == u"--trust") {
        tls.trustFingerprint = normaliseFingerprint(v);
        if (tls.trustFingerprint.isEmpty()) {
            *error = TlsSettings::tr(
                         "--trust needs a SHA-256 fingerprint (64 hex digits, colons allowed), "
                         "not \"%1\".")
                         .arg(v);
            return false;
        }
    }
    return true;
}

void TlsSettings::appendArguments(const SessionConfig &config, QStringList *a)
{
    const TlsSettings &tls = config.tls;
    if (!tls.enabled || !SessionKind::has(config.kind, F::Tls))
        return;
    *a << QStringLiteral("--tls");
    const auto add = [&](F field, const char *option, const QString &v) {
        if (!v.isEmpty() && SessionKind::has(config.kind, field))
            *a << QString::fromLatin1(option) << v;
    };
    add(F::TlsCertificate, "--cert", tls.certificateFile);
    add(F::TlsKey, "--key", tls.keyFile);
    add(F::TlsClientCa, "--client-ca", tls.clientCaFile);
    add(F::TlsCaFile, "--ca", tls.caFile);
    if (tls.insecure && SessionKind::has(config.kind, F::TlsInsecure))
        *a << QStringLiteral("--insecure");
    add(F::TlsSni, "--sni", tls.sni);
    add(F::TlsAlpn, "--alpn", tls.alpn);
    add(F::TlsTrust, "--trust", tls.trustFingerprint);
}

QString TlsSettings::validate(const SessionConfig &config)
{
    const TlsSettings &tls = config.tls;
    const bool anySet = !tls.certificateFile.isEmpty() || !tls.keyFile.isEmpty() ||
                        !tls.caFile.isEmpty() || !tls.clientCaFile.isEmpty() || tls.insecure ||
                        !tls.sni.isEmpty() || !tls.alpn.isEmpty() ||
                        !tls.trustFingerprint.isEmpty();
    if (!tls.enabled)
        return anySet ? TlsSettings::tr("The TLS options need --tls.") : QString();
    if (tls.certificateFile.isEmpty() != tls.keyFile.isEmpty())
        return SessionKind::isServer(config.kind)
                   ? TlsSettings::tr("Give both --cert and --key, or neither for a self-signed "
                                     "certificate.")
                   : TlsSettings::tr(
                         "Give both --cert and --key for a client certificate, or neither.");
    if (!tls.trustFingerprint.isEmpty() &&
        normaliseFingerprint(tls.trustFingerprint) != tls.trustFingerprint)
        return TlsSettings::tr(
            "The trusted fingerprint needs 64 hex digits (a SHA-256), colons allowed.");
    if (tls.insecure && (!tls.caFile.isEmpty() || !tls.trustFingerprint.isEmpty()))
        return TlsSettings::tr(
            "--insecure does not verify: it cannot be used with --ca or --trust.");
    const QStringList protocols = tls.alpn.isEmpty() ? QStringList() : tls.alpn.split(u',');
    for (const QString &protocol : protocols) {
        if (protocol.isEmpty() || protocol.toUtf8().size() > 255)
            return TlsSettings::tr(
                "--alpn needs names of 1 to 255 bytes separated by commas, as in "
                "h2,http/1.1.");
    }
    return {};
}

QString TlsSettings::normaliseFingerprint(const QString &text)
{
    QString hex;
    for (const QChar c : text) {
        if (c == u':' || c == u' ')
            continue;
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return {};
        hex.append(c.toUpper());
    }
    return hex.size() == 64 ? hex : QString();
}

QString TlsSettings::formatFingerprint(const QString &normalised)
{
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < normalised.size(); i += 2)
        pairs << normalised.mid(i, 2);
    return pairs.join(u':');
}
