#pragma once

#include <QTcpServer>

#include <deque>
#include <functional>

// A listening TCP socket that hands each accepted descriptor to its endpoint
// (which wraps it in a StreamSocket) instead of making a QTcpSocket.
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
class TcpListener : public QTcpServer
{
    Q_OBJECT

public:
    using Accept = std::function<void(qintptr descriptor)>;

    // Listens on address:port with a backlog of `backlog` pending clients.
    // Null when it cannot, with the reason as a sentence in *error.
    static TcpListener *open(const QHostAddress &address, quint16 port, int backlog, Accept accept,
                             QObject *parent, QString *error);
    // Closes the connections accepted and not yet handed over.
    ~TcpListener() override;

    // "127.0.0.1:9999" or "[::1]:9999": where it listens.
    QString localName() const;

    // Connections handed over per turn of the event loop. Between batches the
    // connections already served get their replies: 1,000 hello clients on
    // the quiet machine had a reply p99 of 1.2x the epoll reference's and a
    // greeting p99 of 4x with 32 per turn, 1.5x and 2x with 128.
    static constexpr int HandOverBatch = 64;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    TcpListener(Accept accept, QObject *parent);
    void handOver();

    Accept m_accept;
    std::deque<qintptr> m_waiting; // accepted, not yet handed over
    bool m_handOverPosted = false;
};
