#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

struct SessionConfig;

// TLS as an option of the TCP kinds, kept out of sessionconfig.cpp:
//   --tls                  speak TLS on every connection of the session
//   server: --cert FILE --key FILE   (PEM); without them a self-signed
//                          certificate kept in the application data directory
//           --client-ca FILE  ask every client for a certificate and verify it
//                          against these CAs (mutual TLS)
//   client: --cert FILE --key FILE   a certificate to present when asked
//           --ca FILE      verify against these CAs instead of the system's
//           --insecure     do not verify the server's certificate at all
//           --sni NAME     the name sent and checked instead of the host
//           --alpn LIST    protocols to offer, comma-separated: h2,http/1.1
//           --trust SHA256 accept this one certificate by its fingerprint
struct TlsSettings
{
    bool enabled = false;
    QString certificateFile;
    QString keyFile;
    QString caFile;
    QString clientCaFile;
    bool insecure = false;
    QString sni;
    QString alpn;
    QString trustFingerprint; // normalised: upper-case hex without colons

    static bool isOption(const QString &option);
    // `value` fetches the option's value (false: missing, *error set).
    static bool parseOption(const QString &option, const std::function<bool(QString *)> &value,
                            SessionConfig *config, QString *error);
    static void appendArguments(const SessionConfig &config, QStringList *arguments);
    // A translated sentence naming the first problem, empty when fine.
    static QString validate(const SessionConfig &config);
    // "AB:CD:..." or "abcd..." to "ABCD...", empty when it is not 32 bytes of hex.
    static QString normaliseFingerprint(const QString &text);
    // "AB:CD:EF:..." for people.
    static QString formatFingerprint(const QString &normalised);

    // Messages for people; lupdate finds them under this class's name.
    Q_DECLARE_TR_FUNCTIONS(TlsSettings)
};
