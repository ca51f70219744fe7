#include "tlsstream.h"

#include "tlssettings.h"

#include <QCoreApplication>
#include <QDateTime>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cerrno>
#include <ctime>
#include <memory>

namespace {

QString nameText(const X509_NAME *name)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, qsizetype(size));
}

QString timeText(const ASN1_TIME *time)
{
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return QStringLiteral("?");
    const QDateTime dt(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                       QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
    return dt.toString(Qt::ISODate);
}

int storeIndex()
{
    return SSL_get_ex_data_X509_STORE_CTX_idx();
}

} // namespace

TlsStream::TlsStream(SSL *ssl, Verify verify, const QString &checkedName,
                     const QString &trustFingerprint)
    : m_ssl(ssl)
    , m_verify(verify)
    , m_checkedName(checkedName)
    , m_trust(trustFingerprint)
{
    SSL_set_app_data(m_ssl, this);
    if (m_verify == Verify::Chain)
        SSL_set_verify(
            m_ssl, SSL_VERIFY_PEER | (SSL_is_server(m_ssl) ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0),
            [](int ok, X509_STORE_CTX *store) { return verifyCallback(ok, store); });
}

TlsStream::~TlsStream()
{
    SSL_free(m_ssl);
}

int TlsStream::verifyCallback(int ok, void *storeContext)
{
    // --trust: the one certificate the user named is accepted whatever else
    // is wrong with it (self-signed, expired, another host's name).
    auto *store = static_cast<X509_STORE_CTX *>(storeContext);
    if (ok)
        return 1;
    auto *ssl = static_cast<SSL *>(X509_STORE_CTX_get_ex_data(store, storeIndex()));
    auto *self = ssl ? static_cast<TlsStream *>(SSL_get_app_data(ssl)) : nullptr;
    if (!self || self->m_trust.isEmpty())
        return 0;
    X509 *leaf = X509_STORE_CTX_get0_cert(store);
    if (!leaf || TlsSettings::normaliseFingerprint(fingerprint(leaf)) != self->m_trust)
        return 0;
    self->m_trusted = true;
    if (self->m_overriddenError == 0)
        self->m_overriddenError = X509_STORE_CTX_get_error(store);
    return 1;
}

QString TlsStream::takeOpenSslError(const QString &fallback)
{
    const unsigned long err = ERR_get_error();
    ERR_clear_error();
    if (err == 0)
        return fallback;
    const char *reason = ERR_reason_error_string(err);
    return reason ? QString::fromUtf8(reason) : fallback;
}

TlsStream::Result TlsStream::classify(int ret)
{
    const int savedErrno = errno;
    switch (SSL_get_error(m_ssl, ret)) {
    case SSL_ERROR_WANT_READ:
        return Result::WantRead;
    case SSL_ERROR_WANT_WRITE:
        return Result::WantWrite;
    case SSL_ERROR_ZERO_RETURN:
        m_cleanClose = true;
        return Result::Closed;
    case SSL_ERROR_SYSCALL:
        // A socket error (a reset) keeps its errno; without one it was a bare EOF.
        ERR_clear_error();
        if (savedErrno != 0) {
            m_errno = savedErrno;
            return Result::Failed;
        }
        m_cleanClose = false;
        return Result::Closed;
    default:
        break;
    }
    const unsigned long err = ERR_peek_error();
    if (ERR_GET_REASON(err) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
        ERR_clear_error();
        m_cleanClose = false;
        return Result::Closed;
    }
    if (ERR_GET_REASON(err) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
        ERR_clear_error();
        const long verify = SSL_get_verify_result(m_ssl);
        m_error = TlsStream::tr("certificate verify failed: %1")
                      .arg(QString::fromUtf8(X509_verify_cert_error_string(verify)));
        if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH)
            m_error += u' ' + TlsStream::tr("(the certificate is not for %1)").arg(m_checkedName);
        return Result::Failed;
    }
    m_error = takeOpenSslError(TlsStream::tr("TLS error"));
    return Result::Failed;
}

TlsStream::Result TlsStream::handshake()
{
    ERR_clear_error();
    errno = 0; // SSL_ERROR_SYSCALL is told apart by it
    const int ret = SSL_do_handshake(m_ssl);
    if (ret == 1)
        return Result::Done;
    const Result r = classify(ret);
    if (r == Result::Closed) {
        m_error = TlsStream::tr("the peer closed the connection during the TLS handshake");
        return Result::Failed;
    }
    return r;
}

TlsStream::Result TlsStream::read(char *data, qsizetype size, qsizetype *n)
{
    ERR_clear_error();
    errno = 0;
    size_t got = 0;
    const int ret = SSL_read_ex(m_ssl, data, size_t(size), &got);
    *n = qsizetype(got);
    return ret == 1 ? Result::Done : classify(ret);
}

TlsStream::Result TlsStream::write(const char *data, qsizetype size, qsizetype *n)
{
    ERR_clear_error();
    errno = 0;
    size_t put = 0;
    const int ret = SSL_write_ex(m_ssl, data, size_t(size), &put);
    *n = qsizetype(put);
    return ret == 1 ? Result::Done : classify(ret);
}

void TlsStream::sendCloseNotify()
{
    if (m_closeNotifySent || !SSL_is_init_finished(m_ssl))
        return;
    m_closeNotifySent = true;
    // One small alert into an empty kernel buffer; the peer's answer is not awaited.
    ERR_clear_error();
    SSL_shutdown(m_ssl);
    ERR_clear_error();
}

bool TlsStream::isEstablished() const
{
    return SSL_is_init_finished(m_ssl);
}

bool TlsStream::hasPending() const
{
    return SSL_pending(m_ssl) > 0;
}

QString TlsStream::fingerprint(X509 *certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!X509_digest(certificate, EVP_sha256(), digest, &size))
        return {};
    return TlsSettings::formatFingerprint(
        QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(size)).toHex())
            .toUpper());
}

QStringList TlsStream::describe() const
{
    QStringList lines;
    lines << TlsStream::tr("TLS established: %1, cipher %2")
                 .arg(QString::fromLatin1(SSL_get_version(m_ssl)),
                      QString::fromLatin1(SSL_get_cipher_name(m_ssl)));
    const unsigned char *alpn = nullptr;
    unsigned int alpnSize = 0;
    SSL_get0_alpn_selected(m_ssl, &alpn, &alpnSize);
    if (alpnSize > 0)
        lines << TlsStream::tr("ALPN: %1")
                     .arg(QString::fromLatin1(reinterpret_cast<const char *>(alpn), int(alpnSize)));
    if (X509 *peer = SSL_get0_peer_certificate(m_ssl)) {
        lines << TlsStream::tr("Peer certificate: subject %1; issuer %2; valid from %3 to %4; "
                               "SHA-256 %5")
                     .arg(nameText(X509_get_subject_name(peer)),
                          nameText(X509_get_issuer_name(peer)), timeText(X509_get0_notBefore(peer)),
                          timeText(X509_get0_notAfter(peer)), fingerprint(peer));
    } else if (!SSL_is_server(m_ssl)) {
        lines << TlsStream::tr("The server sent no certificate.");
    }
    if (SSL_is_server(m_ssl) && m_verify == Verify::Chain)
        lines << TlsStream::tr("Client certificate verified (--client-ca).");
    if (!SSL_is_server(m_ssl)) {
        if (X509 *own = SSL_get_certificate(m_ssl))
            lines << TlsStream::tr("Client certificate: subject %1; SHA-256 %2")
                         .arg(nameText(X509_get_subject_name(own)), fingerprint(own));
    }
    if (!SSL_is_server(m_ssl)) {
        if (m_verify == Verify::None)
            lines << TlsStream::tr("Certificate not verified (--insecure).");
        else if (m_trusted)
            lines << TlsStream::tr(
                         "Certificate accepted by its fingerprint (--trust), although: %1.")
                         .arg(QString::fromUtf8(X509_verify_cert_error_string(m_overriddenError)));
        else
            lines << TlsStream::tr("Certificate verified for %1.").arg(m_checkedName);
    }
    lines << TlsStream::tr("The decrypted bytes are recorded as received and sent; a capture file "
                           "shows them as the TCP payload.");
    return lines;
}
