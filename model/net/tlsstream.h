#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QtGlobal>

using SSL = struct ssl_st;
using X509 = struct x509_st;

// One TLS connection on a non-blocking descriptor (OpenSSL, SSL_set_fd). It
// never waits: every call says whether it is done or what the socket must
// become ready for first, so StreamSocket keeps driving its notifiers, its
// back-pressure and its reset reporting as for plain TCP.
class TlsStream
{
public:
    enum class Result {
        Done,
        WantRead,  // call again once the descriptor is readable
        WantWrite, // call again once the descriptor is writable
        Closed,    // the peer ended the stream (see closedCleanly())
        Failed,    // see systemError() and errorString()
    };
    // How the peer's certificate is judged: a client always verifies unless
    // --insecure; a server asks for one only with --client-ca, and then the
    // client must present one.
    enum class Verify { None, Chain };

    // Takes ownership of `ssl`, already bound to its descriptor.
    TlsStream(SSL *ssl, Verify verify, const QString &checkedName, const QString &trustFingerprint);
    ~TlsStream();
    TlsStream(const TlsStream &) = delete;
    TlsStream &operator=(const TlsStream &) = delete;

    Result handshake();
    Result read(char *data, qsizetype size, qsizetype *n);
    Result write(const char *data, qsizetype size, qsizetype *n);
    // Sends close_notify once, without waiting for the peer's.
    void sendCloseNotify();
    bool isEstablished() const;
    // Decrypted bytes OpenSSL holds that the descriptor no longer signals.
    bool hasPending() const;

    // After Failed: the errno of a socket error (0 when TLS itself failed).
    int systemError() const { return m_errno; }
    QString errorString() const { return m_error; }
    // After Closed: true for close_notify, false for a bare end of the stream.
    bool closedCleanly() const { return m_cleanClose; }

    // After the handshake: version and cipher, ALPN, the peer's certificate
    // and how it was judged, one line each, for the log.
    QStringList describe() const;

    // "AB:CD:..." SHA-256 of a certificate's DER form (what openssl x509 -fingerprint shows).
    static QString fingerprint(X509 *certificate);
    // The text of OpenSSL's last error, emptied; `fallback` when there is none.
    static QString takeOpenSslError(const QString &fallback);

private:
    static int verifyCallback(int ok, void *storeContext);
    Result classify(int ret);

    SSL *m_ssl;
    Verify m_verify;
    QString m_checkedName;
    QString m_trust; // normalised, empty when none
    bool m_trusted = false;
    long m_overriddenError = 0;
    int m_errno = 0;
    QString m_error;
    bool m_cleanClose = true;
    bool m_closeNotifySent = false;

    // Messages for people; lupdate finds them under this class's name.
    Q_DECLARE_TR_FUNCTIONS(TlsStream)
};
