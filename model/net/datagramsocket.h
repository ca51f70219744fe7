#pragma once

#include <QByteArrayView>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include "unixaddress.h"

#include <functional>
#include <memory>

class ReadinessWatch;

// A bound UDP socket on a plain descriptor, read with recvmmsg in batches.
// The same code serves Unix domain datagram sockets (bindPath), whose peers
// are socket paths.
//
// QUdpSocket costs three system calls per datagram (peek for "pending", peek
// for the size, read) and, when a slot reads only part of the queue, can leave
// its notifier disabled with datagrams waiting. Here one call returns up to a
// batch of datagrams, each delivered at its exact size; a wakeup reads a bounded
// number so other sockets get their turn, and the level-triggered notifier
// brings us back for the rest.
class DatagramSocket : public QObject
{
    Q_OBJECT

public:
    // A sender's address in a form that is cheap to hash and compare.
    struct Peer
    {
        static constexpr quint8 Unix = 1;
        quint8 family = 0; // 4, 6 or Unix
        quint16 port = 0;
        quint8 address[16] = {};
        QString path; // Unix: "/path", "@NAME", or empty for an unnamed sender
        // Unix: who sent it, as the kernel says (SCM_CREDENTIALS). An unnamed
        // sender is told apart from other unnamed ones by its pid; a named one
        // is its path whoever holds it.
        bool hasCredentials = false;
        qint64 pid = 0;
        quint32 uid = 0;
        quint32 gid = 0;

        QHostAddress hostAddress() const;
        // As the log shows it: "127.0.0.1:8888", "[::1]:8888", a path.
        QString text() const;
        static Peer fromHostAddress(const QHostAddress &address, quint16 port);
        static Peer fromPath(const QString &path);
        bool operator==(const Peer &other) const;
    };

    using Receiver = std::function<void(QByteArrayView datagram, const Peer &from)>;
    // A pending error the kernel reports instead of a datagram: on a connected
    // socket, ECONNREFUSED after an ICMP port unreachable. Without a handler
    // such errors are dropped (on an unconnected socket they are per-send noise).
    using ErrorHandler = std::function<void(int code, const QString &text)>;
    // Called after the datagrams of one recvmmsg batch have all gone to the
    // receiver, before their bytes are overwritten: a receiver that keeps
    // views of them (to record them under one lock) lets them go here.
    using BatchEnd = std::function<void()>;

    // Binds without SO_REUSEADDR (a busy port is an error, not a shared port).
    // Returns nullptr and a sentence in *error on failure.
    static DatagramSocket *bind(const QHostAddress &address, quint16 port, QObject *parent,
                                QString *error);
    // A Unix datagram socket at a path or "@NAME"; *inUse tells a live one there.
    static DatagramSocket *bindPath(const QString &path, QObject *parent, QString *error,
                                    bool *inUse);
    // A UDP socket connected to one peer (a relay's upstream leg): it sends
    // there with send() and receives only from there. Bound to an ephemeral
    // port by the kernel.
    static DatagramSocket *connectTo(const QHostAddress &address, quint16 port, QObject *parent,
                                     QString *error);
    ~DatagramSocket() override;

    void setReceiver(Receiver receiver) { m_receiver = std::move(receiver); }
    void setErrorHandler(ErrorHandler handler) { m_errorHandler = std::move(handler); }
    void setBatchEnd(BatchEnd batchEnd) { m_batchEnd = std::move(batchEnd); }
    // Asks the kernel for a larger receive queue; returns the size granted.
    int enlargeReceiveBuffer(int bytes);
    QHostAddress localAddress() const { return m_localAddress; }
    quint16 localPort() const { return m_localPort; }
    // "127.0.0.1:8888" or the socket's path.
    QString localName() const;
    // For socket options set elsewhere (multicastmembership.h).
    int descriptor() const { return m_fd; }
    bool isIPv6() const { return m_ipv6; }
    // Whether SO_BROADCAST is on: without it a refused send says how to enable it.
    void setBroadcastAllowed(bool allowed) { m_broadcast = allowed; }

    // Stops reading and sending at once, even from inside the receiver.
    void close();

    // Sends one datagram; false and a sentence in *error when the kernel refuses.
    bool sendTo(QByteArrayView datagram, const QHostAddress &address, quint16 port, QString *error);
    bool sendTo(QByteArrayView datagram, const Peer &to, QString *error);
    // Sends one datagram on a connected socket; *code is the errno on failure
    // (ECONNREFUSED: an earlier datagram was refused, this one was not sent).
    bool send(QByteArrayView datagram, QString *error, int *code = nullptr);

private:
    // A bound or connected IPv4/IPv6 descriptor becomes a socket that knows
    // its local address.
    static DatagramSocket *adoptInet(int fd, bool ipv6, QObject *parent);
    explicit DatagramSocket(int fd, QObject *parent);
    bool sendRaw(QByteArrayView datagram, const struct sockaddr *to, unsigned length,
                 QString *error, int *code = nullptr);
    void onReadable();

    int m_fd;
    bool m_closed = false;
    bool m_ipv6 = false;
    bool m_unix = false;
    bool m_broadcast = false;
    QString m_path;                // Unix: what it is bound to
    UnixAddress::BoundFile m_file; // removed on close
    std::unique_ptr<ReadinessWatch> m_watch;
    QHostAddress m_localAddress;
    quint16 m_localPort = 0;
    Receiver m_receiver;
    ErrorHandler m_errorHandler;
    BatchEnd m_batchEnd;
};

size_t qHash(const DatagramSocket::Peer &peer, size_t seed = 0) noexcept;
