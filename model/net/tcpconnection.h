#pragma once

#include "helloprotocol.h"
#include "streamsocket.h"
#include "trafficevent.h"
#include "trafficstore.h"

#include <QObject>

#include <optional>

// One stream connection of a session (TCP or Unix): the socket, its record in the store, and
// (for the hello server) its protocol state. Records every byte in and out and
// how the connection ended.
class TcpConnection : public QObject, private StreamSocket::Handler
{
    Q_OBJECT

public:
    // Takes ownership of `socket`, which must already be connected. `initiator`
    // says whether we connected (a client) or accepted (a server).
    TcpConnection(StreamSocket *socket, SessionId session, TrafficStore *store,
                  TrafficStore::Initiator initiator, QObject *parent = nullptr);

    ConnectionId id() const { return m_id; }
    AddressId addresses() const { return m_addresses; }
    StreamSocket *socket() const { return m_socket; }
    qint64 lastActivityUs() const { return m_lastActivityUs; }
    // False once the Closed event is recorded (a file or repeat send stops then).
    bool isOpen() const { return !m_ended; }

    void enableHello(const HelloProtocol::Config &config, const QByteArray &greeting);
    // Sends and records `bytes`; refused (and an error recorded instead) while
    // the peer leaves more than StreamSocket::RefuseSendsAt unread.
    void send(QByteArrayView bytes);
    // Orderly close after pending data; `reason` is recorded with the close.
    // A peer that does not read would keep that waiting forever, so the
    // connection is reset at once when reading from it is paused, when an idle
    // timeout finds output still queued, or when close is asked a second time.
    void close(Closer closer, const QString &reason);
    // Resets the connection at once (RST), recording `reason` with the close.
    void reset(Closer closer, const QString &reason);
    void finishSending() { m_socket->shutdownWrite(); }
    // True while a TLS handshake runs: nothing has been sent or received yet.
    bool isSecuring() const { return m_socket->isTlsHandshaking(); }

    ~TcpConnection() override;

    // The one object told first, by plain calls, that the connection ended
    // or drained its output: a server's endpoint, without two signal
    // connections for each of its thousands of connections. It must outlive
    // the connection or be unset first.
    class Observer
    {
    public:
        virtual void connectionEnded(TcpConnection *connection) = 0;
        virtual void connectionDrained() = 0;

    protected:
        ~Observer() = default;
    };
    void setObserver(Observer *observer) { m_observer = observer; }

Q_SIGNALS:
    // The socket ended; the Closed event is recorded next (a relay records
    // the fate of its other leg first).
    void ending(StreamSocket::End end);
    // The Closed event is recorded; the connection deletes itself later.
    void ended(TcpConnection *connection, StreamSocket::End end, const QString &reason);
    // The socket's queued output has all gone to the kernel.
    void drained();
    // The TLS handshake is done and recorded: the protocol may start.
    void secured();

private:
    QString peerText() const;
    // StreamSocket::Handler: what the socket reports, by plain calls.
    void streamReceived(const QByteArray &bytes) override;
    void streamEnded(StreamSocket::End end, const QString &reason) override;
    void streamDrained() override;
    void streamReadingPausedChanged(bool paused) override;
    void streamQueueDrained(qint64 bytes) override;
    void streamTlsEstablished(const QStringList &description) override;
    // Tells the store how much waits in the outgoing buffer now.
    void reportQueue();

    StreamSocket *m_socket;
    Observer *m_observer = nullptr;
    SessionId m_session;
    TrafficStore *m_store;
    ConnectionId m_id = 0;
    AddressId m_addresses = 0;
    qint64 m_lastActivityUs = 0;
    std::optional<HelloProtocol> m_hello;
    HelloProtocol::Output m_helloOut; // reused from message to message
    Closer m_closer = Closer::None;
    QString m_closeReason;
    bool m_ended = false;
    qint64 m_reportedQueue = 0;
};
