#pragma once

#include "tlssettings.h"
#include "tlsstream.h"
#include <QCoreApplication>

#include <QString>
#include <QStringList>

#include <memory>

using SSL_CTX = struct ssl_ctx_st;
struct SessionConfig;

// The TLS side of one session, made when it starts: the OpenSSL context
// (a server's certificate and key, or a client's trust store, SNI and ALPN)
// from which each connection gets its TlsStream.
class TlsContext
{
public:
    ~TlsContext();
    TlsContext(const TlsContext &) = delete;
    TlsContext &operator=(const TlsContext &) = delete;

    // Null with *error set (a translated sentence naming the file and the
    // reason) when the certificate, key or CA file cannot be used.
    static std::shared_ptr<TlsContext> create(const SessionConfig &config, QString *error);

    // A stream on a connected descriptor, server or client side.
    std::unique_ptr<TlsStream> newStream(qintptr descriptor, QString *error) const;

    // A server's notes for the session's first events: where its certificate
    // comes from and its SHA-256 fingerprint.
    QStringList serverNotes() const { return m_notes; }
    QString fingerprint() const { return m_fingerprint; }

    // Where a server without --cert keeps its self-signed certificate.
    static QString selfSignedDirectory();

private:
    TlsContext() = default;
    bool setUpServer(const SessionConfig &config, QString *error);
    bool setUpClient(const SessionConfig &config, QString *error);
    // Loads a certificate chain and its private key into the context.
    bool useCertificate(const QString &certPath, const QString &keyPath, QString *error);

    SSL_CTX *m_ctx = nullptr;
    bool m_server = false;
    TlsSettings m_settings;
    QString m_checkedName; // a client's: the SNI, or the host it connects to
    QStringList m_notes;
    QString m_fingerprint;

    // Messages for people; lupdate finds them under this class's name.
    Q_DECLARE_TR_FUNCTIONS(TlsContext)
};
