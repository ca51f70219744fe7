#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

#include <sys/types.h>

#include <optional>

class ReadinessWatch;
struct sockaddr;
class TlsStream;

// A non-blocking TCP stream on a plain descriptor, driven by the event loop.
// The same stream code serves Unix domain sockets (SOCK_STREAM, and
// SOCK_SEQPACKET, whose queued messages keep their boundaries).
//
// SocketScope needs three things QTcpSocket does not give: telling a reset
// (RST) from an orderly close (FIN) — Qt reports both as "remote host closed" —,
// a half-close (shutdown of the write side) so a client can read until the
// server closes, and one received chunk per read() so that "each read is one
// message" holds as in the tutorial's recv(). Writes go straight to the kernel;
// only what it does not take is buffered.
//
// With startTls() the same stream speaks TLS on the same descriptor: reads and
// writes go through OpenSSL (one record per read), its WANT_READ/WANT_WRITE
// steer the notifiers, and resets, half-close (close_notify, then FIN) and
// back-pressure (counted in plaintext bytes) work as without it.
class StreamSocket : public QObject
{
    Q_OBJECT

public:
    enum class State { Connecting, Connected, Closing, Closed };

    // Bounds on what is queued for a peer that does not read. Reading from
    // that peer pauses once this much waits to be sent (its own sends then
    // block in its kernel, as TCP intends) and resumes once the kernel has
    // taken most of it; sends beyond the hard limit are refused. The pause
    // limit leaves room for one reply to a full read chunk.
    static constexpr qsizetype PauseReadingAt = 1024 * 1024;
    static constexpr qsizetype ResumeReadingAt = 256 * 1024;
    static constexpr qsizetype RefuseSendsAt = 16 * 1024 * 1024;
    enum class End {
        PeerClosed, // FIN from the peer, all data read
        PeerReset,  // RST: connection reset by peer
        Local,      // close() or abort() here
        Failed,     // another socket error
    };

    // A TCP connection as a listener accepted it with accept4(): already
    // non-blocking and with TCP_NODELAY (from the listening socket), with the
    // peer's address from the accept. The local end
    // is the listener's when it listens on one address; with localName empty
    // (listening on any address) the kernel is asked.
    struct Accepted
    {
        qintptr descriptor = -1;
        QHostAddress peerAddress;
        quint16 peerPort = 0;
        QHostAddress localAddress;
        quint16 localPort = 0;
        QString localName;
    };

    // The one object a stream reports to first, by plain calls: what a
    // connection needs of each stream, without six signal connections of its
    // own (at 10,000 connections they were two fifths of the heap). Each call
    // comes just before the signal of the same name, which others may still
    // connect to.
    class Handler
    {
    public:
        virtual void streamReceived(const QByteArray &bytes) = 0;
        virtual void streamEnded(StreamSocket::End end, const QString &reason) = 0;
        virtual void streamDrained() = 0;
        virtual void streamReadingPausedChanged(bool paused) = 0;
        virtual void streamQueueDrained(qint64 bytes) = 0;
        virtual void streamTlsEstablished(const QStringList &description) = 0;

    protected:
        ~Handler() = default;
    };

    // Adopts a connected descriptor of any kind (a Unix socket from accept()).
    explicit StreamSocket(qintptr descriptor, QObject *parent = nullptr);
    // Adopts an accepted TCP connection without asking the kernel what the
    // listener already knows.
    explicit StreamSocket(const Accepted &accepted, QObject *parent = nullptr);
    ~StreamSocket() override;

    // Starts a non-blocking connect. Returns nullptr and sets *error when the
    // socket cannot even be created; refusals arrive later via ended().
    static StreamSocket *connectTo(const QHostAddress &address, quint16 port, QObject *parent,
                                   QString *error);
    // The same for a Unix domain socket: a path or "@NAME" (UnixAddress).
    static StreamSocket *connectToPath(const QString &path, bool seqpacket, QObject *parent,
                                       QString *error);

    // Who is on the other end of a Unix socket (SO_PEERCRED), as the kernel
    // recorded it when the connection was made.
    struct Credentials
    {
        qint64 pid = 0;
        quint32 uid = 0;
        quint32 gid = 0;
    };

    State state() const { return m_state; }
    qintptr descriptor() const { return m_fd; }
    QHostAddress localAddress() const { return m_localAddress; }
    quint16 localPort() const { return m_localPort; }
    QHostAddress peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }
    // Each end as the log shows it: "127.0.0.1:9999", "[::1]:80", a socket
    // path, "@NAME", or empty for an unnamed Unix socket.
    QString localName() const { return m_localName; }
    QString peerName() const { return m_peerName; }
    std::optional<Credentials> peerCredentials() const { return m_credentials; }
    qint64 bytesToWrite() const { return m_out.size() - m_outPos; }
    // True while reading is paused because the peer does not take our output.
    bool isReadingPaused() const { return m_readingPaused; }

    // Queues bytes; returns false when the socket can no longer send.
    bool write(QByteArrayView bytes);
    // Shuts down the write side once everything queued is sent; reading goes on.
    void shutdownWrite();
    // Orderly close once everything queued is sent.
    void close();
    // Closes at once; sends RST when `reset` is true (SO_LINGER 0).
    void abort(bool reset = false);

    // For a relay, which passes each end's half-close on to the other: the
    // peer's FIN then only ends reading (peerFinished()), the stream stays open
    // for writing, and ends once both directions are shut. Off by default:
    // elsewhere a FIN ends the stream once what is queued is sent.
    void setKeepWritingAfterPeerFin(bool keep) { m_keepWriting = keep; }
    // Stops (or resumes) reading for a reason outside this stream: a relay
    // holds one side while the other side's outgoing buffer is full.
    void holdReading(bool hold);

    QString errorString() const { return m_errorString; }

    // Null, or the handler called before each signal; it must outlive the
    // stream or be unset first.
    void setHandler(Handler *handler) { m_handler = handler; }

    // Starts a TLS handshake on the connected stream; what is written meanwhile
    // waits for it. Failure ends the stream (End::Failed, the reason in words).
    void startTls(std::unique_ptr<TlsStream> tls);
    bool isTls() const { return m_tls != nullptr; }
    bool isTlsHandshaking() const { return m_tlsHandshaking; }

Q_SIGNALS:
    void connected();
    // The TLS handshake is done: the session's parameters, one line each.
    void tlsEstablished(const QStringList &description);
    // One chunk per read() call, exactly as the kernel delivered it.
    void received(const QByteArray &bytes);
    // Emitted once; the socket is closed afterwards. `reason` is in words.
    void ended(StreamSocket::End end, const QString &reason);
    // Everything queued has gone to the kernel (emitted only after something
    // had to be queued): a sender holding back for back-pressure goes on.
    void drained();
    // Reading paused (the peer does not read what is queued for it) or resumed.
    void readingPausedChanged(bool paused);
    // With setKeepWritingAfterPeerFin(): the peer sent everything it will
    // send (FIN); writing goes on until shutdownWrite() or close().
    void peerFinished();
    // The kernel took queued bytes: the peer is reading.
    void queueDrained(qint64 bytes);

private:
    void setUp();
    void watch(bool setNoDelay);
    void onReadable();
    void emitReceived(const QByteArray &bytes);
    void onWritable();
    void flush();
    void finish(End end, const QString &reason);
    void fail(int err);
    void fetchAddresses();
    void updateReadingPause();
    // Reads while connected, not paused, not held and before the peer's FIN.
    bool wantsToRead() const;
    static StreamSocket *startConnect(int fd, const sockaddr *address, unsigned length,
                                      QObject *parent, QString *error);
    // ::read/::send, or their TLS counterparts: -1 with errno EAGAIN when the
    // socket must become ready first, EPROTO for a TLS failure (m_tlsError).
    ssize_t readSome(char *data, size_t size);
    ssize_t sendSome(const char *data, size_t size);
    void waitToSend();
    void continueHandshake();

    qintptr m_fd = -1;
    Handler *m_handler = nullptr;
    State m_state = State::Connected;
    std::unique_ptr<ReadinessWatch> m_watch;
    QByteArray m_out;
    qsizetype m_outPos = 0;
    bool m_shutdownPending = false;
    bool m_closePending = false;
    bool m_writeShut = false;
    bool m_readingPaused = false;
    bool m_readingHeld = false;
    bool m_keepWriting = false;
    bool m_readShut = false; // the peer's FIN arrived (with m_keepWriting)
    // How the stream ends once queued output is written (a close here, or the
    // peer's FIN that arrived while replies were still queued).
    End m_pendingEnd = End::Local;
    QString m_pendingReason;
    QHostAddress m_localAddress;
    quint16 m_localPort = 0;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    QString m_errorString;
    QString m_localName;
    QString m_peerName;
    std::optional<Credentials> m_credentials;
    // SOCK_SEQPACKET: where each queued message ends in m_out, so that a
    // flush sends them one by one rather than as one merged message.
    bool m_messages = false;
    QList<qsizetype> m_messageEnds;
    std::unique_ptr<TlsStream> m_tls;
    bool m_tlsHandshaking = false;
    bool m_tlsReadWantsWrite = false;
    bool m_tlsWriteWantsRead = false;
    bool m_tlsCleanEnd = true;
    bool m_resetting = false;
    QString m_tlsError;
};
