#pragma once

#include "streamsocket.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <deque>
#include <functional>

#include <netinet/in.h>

class QSocketNotifier;
class QTimer;

// A listening TCP socket of our own that hands each accepted connection to
// its endpoint (which wraps it in a StreamSocket).
//
// It accepts with accept4(): the descriptor comes non-blocking and
// close-on-exec, and with the peer's address. What the listener knows of its
// own end is passed on too, so a new StreamSocket asks the kernel nothing:
// with QTcpServer each connection also cost two fcntl(), getpeername() and
// getsockname() calls, a third of the system calls of a hello exchange.
//
// Accepting and handing over are two steps. Every connection the kernel has
// waiting is accepted at once (one accept4() each), and the endpoint gets them
// a batch at a time, one batch per turn of the event loop. Setting a
// connection up (its socket, its record in the store, the greeting) costs
// several times the accept: when thousands of clients connect together, the
// kernel's accept queue (at most somaxconn, 4096) filled while the endpoint
// was busy, and the kernel then dropped SYNs, which clients only send again
// after a second. Between batches the event loop serves the connections
// already handed over and accepts what has come meanwhile.
//
// When the process runs out of descriptors, accepting pauses (the clients
// wait in the kernel's queue), acceptFailed() says so once, and it tries
// again every RetryAcceptMs until a connection is accepted.
class TcpListener : public QObject
{
    Q_OBJECT

public:
    using Accept = std::function<void(const StreamSocket::Accepted &accepted)>;

    // Listens on address:port with a backlog of `backlog` pending clients.
    // Null when it cannot, with the reason as a sentence in *error.
    static TcpListener *open(const QHostAddress &address, quint16 port, int backlog, Accept accept,
                             QObject *parent, QString *error);
    // Closes the listening socket and the connections accepted and not yet
    // handed over.
    ~TcpListener() override;

    QHostAddress serverAddress() const { return m_address; }
    quint16 serverPort() const { return m_port; }
    // "127.0.0.1:9999" or "[::1]:9999": where it listens.
    QString localName() const { return m_localName; }

    // Connections handed over per turn of the event loop. Between batches the
    // connections already served get their replies: 1,000 hello clients on
    // the quiet machine had a reply p99 of 1.2x the epoll reference's and a
    // greeting p99 of 4x with 32 per turn, 1.5x and 2x with 128.
    static constexpr int HandOverBatch = 64;
    static constexpr int RetryAcceptMs = 100;

Q_SIGNALS:
    // accept4() failed for a reason other than the client's (out of
    // descriptors or memory): once per spell, in words.
    void acceptFailed(const QString &reason);

private:
    explicit TcpListener(Accept accept, QObject *parent);
    bool listenOn(const QHostAddress &address, quint16 port, int backlog, QString *error);
    void acceptWaiting();
    void pauseAccepting(int err);
    void handOver();

    struct Waiting
    {
        int descriptor;
        sockaddr_in6 peer; // or a sockaddr_in, as the family says
    };

    Accept m_accept;
    int m_fd = -1;
    QHostAddress m_address;
    quint16 m_port = 0;
    QString m_localName;
    // Listening on one address, every connection's local end is the
    // listener's; on any address the kernel picks it per connection.
    bool m_localFixed = false;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_retry = nullptr;
    bool m_failing = false;
    std::deque<Waiting> m_waiting; // accepted, not yet handed over
    bool m_handOverPosted = false;
};
