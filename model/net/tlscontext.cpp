#include "tlscontext.h"

#include "sessionconfig.h"
#include "sessionkind.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QSaveFile>
#include <QStandardPaths>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <csignal>
#include <mutex>

namespace {

template <typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

bool addExtension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

bool writePrivate(const QString &path, const QByteArray &bytes, bool secret)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    if (secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return file.write(bytes) == bytes.size() && file.commit();
}

// A P-256 key and a certificate signed with it, for localhost and loopback,
// made with OpenSSL's API (the equivalent of `openssl req -x509 -newkey ec`).
bool makeSelfSigned(const QString &certPath, const QString &keyPath, QString *error)
{
    PKey key(EVP_EC_gen("P-256"));
    Cert cert(X509_new());
    if (!key || !cert) {
        *error = TlsStream::takeOpenSslError(TlsContext::tr("no key could be made"));
        return false;
    }
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f; // a positive serial number
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_set_version(cert.get(), 2);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("SocketScope"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    const bool extensions =
        addExtension(cert.get(), NID_basic_constraints, "critical,CA:TRUE") &&
        addExtension(cert.get(), NID_subject_key_identifier, "hash") &&
        addExtension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    if (!extensions || !X509_sign(cert.get(), key.get(), EVP_sha256())) {
        *error = TlsStream::takeOpenSslError(TlsContext::tr("the certificate could not be signed"));
        return false;
    }
    Bio certPem(BIO_new(BIO_s_mem()));
    Bio keyPem(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certPem.get(), cert.get());
    PEM_write_bio_PrivateKey(keyPem.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    if (!QDir().mkpath(QFileInfo(certPath).absolutePath()) ||
        !writePrivate(keyPath, bioBytes(keyPem.get()), true) ||
        !writePrivate(certPath, bioBytes(certPem.get()), false)) {
        *error = TlsContext::tr("cannot write %1").arg(QFileInfo(certPath).absolutePath());
        return false;
    }
    return true;
}

QByteArray alpnWire(const QString &list)
{
    QByteArray wire;
    for (const QString &protocol : list.split(u',')) {
        const QByteArray bytes = protocol.toUtf8();
        wire.append(char(bytes.size())).append(bytes);
    }
    return wire;
}

} // namespace

TlsContext::~TlsContext()
{
    SSL_CTX_free(m_ctx);
}

QString TlsContext::selfSignedDirectory()
{
    // One place for the window and the command line (the window also sets an
    // organisation name, which would give it a directory of its own), so both
    // present the certificate a client was told to trust.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/SocketScope/tls");
}

std::shared_ptr<TlsContext> TlsContext::create(const SessionConfig &config, QString *error)
{
    // OpenSSL writes with write(2), not send(MSG_NOSIGNAL): a peer that is gone
    // must give EPIPE (a reset in the log), not end the program with SIGPIPE.
    static std::once_flag ignorePipe;
    std::call_once(ignorePipe, [] { ::signal(SIGPIPE, SIG_IGN); });

    std::shared_ptr<TlsContext> context(new TlsContext);
    context->m_settings = config.tls;
    context->m_server = SessionKind::isServer(config.kind);
    const bool ok = context->m_server ? context->setUpServer(config, error)
                                      : context->setUpClient(config, error);
    ERR_clear_error();
    return ok ? context : nullptr;
}

bool TlsContext::setUpServer(const SessionConfig &, QString *error)
{
    m_ctx = SSL_CTX_new(TLS_server_method());
    SSL_CTX_set_min_proto_version(m_ctx, TLS1_2_VERSION);
    SSL_CTX_set_mode(m_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    QString certPath = m_settings.certificateFile;
    QString keyPath = m_settings.keyFile;
    if (certPath.isEmpty()) {
        const QString dir = selfSignedDirectory();
        certPath = dir + QStringLiteral("/self-signed-cert.pem");
        keyPath = dir + QStringLiteral("/self-signed-key.pem");
        if (QFile::exists(certPath) && QFile::exists(keyPath)) {
            m_notes << TlsContext::tr("Using the self-signed certificate kept in %1").arg(certPath);
        } else {
            QString reason;
            if (!makeSelfSigned(certPath, keyPath, &reason)) {
                *error = TlsContext::tr("Cannot make a self-signed certificate: %1").arg(reason);
                return false;
            }
            m_notes << TlsContext::tr("Made a self-signed certificate for localhost, kept in %1")
                           .arg(certPath);
        }
    } else {
        m_notes << TlsContext::tr("Using the certificate %1 and the key %2").arg(certPath, keyPath);
    }
    if (!useCertificate(certPath, keyPath, error))
        return false;
    m_fingerprint = TlsStream::fingerprint(SSL_CTX_get0_certificate(m_ctx));
    m_notes << TlsContext::tr("Certificate SHA-256 fingerprint: %1").arg(m_fingerprint);
    if (!m_settings.clientCaFile.isEmpty()) {
        // Mutual TLS: the CAs verify the clients' certificates, and their
        // names go in the certificate request so a client can pick one.
        const QByteArray file = QFile::encodeName(m_settings.clientCaFile);
        STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(file.constData());
        if (!names || SSL_CTX_load_verify_locations(m_ctx, file.constData(), nullptr) != 1) {
            sk_X509_NAME_pop_free(names, X509_NAME_free);
            *error = TlsContext::tr("Cannot use the client CA file %1: %2")
                         .arg(m_settings.clientCaFile,
                              TlsStream::takeOpenSslError(TlsContext::tr("no certificate in it")));
            return false;
        }
        SSL_CTX_set_client_CA_list(m_ctx, names);
        m_notes << TlsContext::tr("Clients must present a certificate issued by a CA in %1.")
                       .arg(m_settings.clientCaFile);
    }
    return true;
}

bool TlsContext::useCertificate(const QString &certPath, const QString &keyPath, QString *error)
{
    const QByteArray certFile = QFile::encodeName(certPath);
    const QByteArray keyFile = QFile::encodeName(keyPath);
    if (SSL_CTX_use_certificate_chain_file(m_ctx, certFile.constData()) != 1) {
        *error = TlsContext::tr("Cannot use the certificate %1: %2")
                     .arg(certPath, TlsStream::takeOpenSslError(TlsContext::tr("unreadable")));
        return false;
    }
    if (SSL_CTX_use_PrivateKey_file(m_ctx, keyFile.constData(), SSL_FILETYPE_PEM) != 1) {
        *error = TlsContext::tr("Cannot use the key %1: %2")
                     .arg(keyPath, TlsStream::takeOpenSslError(TlsContext::tr("unreadable")));
        return false;
    }
    if (SSL_CTX_check_private_key(m_ctx) != 1) {
        *error = TlsContext::tr("The key %1 does not belong to the certificate %2.")
                     .arg(keyPath, certPath);
        return false;
    }
    return true;
}

bool TlsContext::setUpClient(const SessionConfig &config, QString *error)
{
    m_ctx = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_min_proto_version(m_ctx, TLS1_2_VERSION);
    SSL_CTX_set_mode(m_ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    m_checkedName = m_settings.sni.isEmpty() ? config.host : m_settings.sni;
    if (!m_settings.insecure) {
        if (!m_settings.caFile.isEmpty()) {
            const QByteArray file = QFile::encodeName(m_settings.caFile);
            if (SSL_CTX_load_verify_locations(m_ctx, file.constData(), nullptr) != 1) {
                *error = TlsContext::tr("Cannot use the CA file %1: %2")
                             .arg(m_settings.caFile,
                                  TlsStream::takeOpenSslError(TlsContext::tr("unreadable")));
                return false;
            }
        } else {
            SSL_CTX_set_default_verify_paths(m_ctx);
        }
    }
    if (!m_settings.alpn.isEmpty()) {
        const QByteArray wire = alpnWire(m_settings.alpn);
        SSL_CTX_set_alpn_protos(m_ctx, reinterpret_cast<const unsigned char *>(wire.constData()),
                                unsigned(wire.size()));
    }
    // A certificate of our own, sent when the server asks for one.
    if (!m_settings.certificateFile.isEmpty() &&
        !useCertificate(m_settings.certificateFile, m_settings.keyFile, error))
        return false;
    return true;
}

std::unique_ptr<TlsStream> TlsContext::newStream(qintptr descriptor, QString *error) const
{
    SSL *ssl = SSL_new(m_ctx);
    if (!ssl || SSL_set_fd(ssl, int(descriptor)) != 1) {
        SSL_free(ssl);
        *error = TlsStream::takeOpenSslError(TlsContext::tr("TLS could not be set up"));
        return nullptr;
    }
    if (m_server) {
        SSL_set_accept_state(ssl);
        const auto verify =
            m_settings.clientCaFile.isEmpty() ? TlsStream::Verify::None : TlsStream::Verify::Chain;
        return std::make_unique<TlsStream>(ssl, verify, QString(), QString());
    }
    SSL_set_connect_state(ssl);
    const QByteArray name = m_checkedName.toUtf8();
    const bool isAddress = !QHostAddress(m_checkedName).isNull();
    // SNI carries names only, never addresses (RFC 6066).
    if (!isAddress)
        SSL_set_tlsext_host_name(ssl, name.constData());
    if (m_settings.insecure)
        return std::make_unique<TlsStream>(ssl, TlsStream::Verify::None, m_checkedName, QString());
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    if (isAddress)
        X509_VERIFY_PARAM_set1_ip_asc(param, name.constData());
    else
        SSL_set1_host(ssl, name.constData());
    return std::make_unique<TlsStream>(ssl, TlsStream::Verify::Chain, m_checkedName,
                                       m_settings.trustFingerprint);
}
