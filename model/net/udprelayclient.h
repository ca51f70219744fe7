#pragma once

#include "datagramsocket.h"
#include "trafficevent.h"

#include <QObject>
#include <QString>

class TrafficStore;

// One client of a UDP relay (udprelayendpoint.h) and its own upstream socket,
// connected to the target, so that the target sees each client as a separate
// sender (its own source port) and its answers come back to that client only.
// Recorded as one conversation on a datagram connection: what the client sent
// is "received", what the target answered is "sent" to the client. The
// upstream socket's addresses, a refusal by the target and its end are notes
// and errors on the same connection.
//
// Nothing is queued here: a datagram is forwarded the moment it is read, or,
// when the kernel will not take it now (a full send buffer), dropped and
// counted. What the target does not read in time is dropped by its own
// kernel, as between the two programs directly. Problems are recorded at most
// once a second per client (with how many more there were), so a flood of
// refusals cannot push the exchange out of the store.
class UdpRelayClient : public QObject
{
    Q_OBJECT

public:
    // Opens the client's connection and its upstream socket; failed() tells
    // whether the socket could be made (the connection is then closed).
    UdpRelayClient(const DatagramSocket::Peer &client, DatagramSocket *listener,
                   const QHostAddress &target, quint16 targetPort, SessionId session,
                   TrafficStore *store, QObject *parent = nullptr);
    ~UdpRelayClient() override;

    bool failed() const { return m_closed; }
    ConnectionId id() const { return m_id; }
    // When the last datagram passed either way, in steady-clock milliseconds.
    qint64 lastActiveMs() const { return m_lastActiveMs; }

    // A datagram from the client: recorded, then sent on to the target.
    void fromClient(QByteArrayView datagram);
    // Closes the upstream socket and records the end; the object may then be deleted.
    void close(Closer closer, const QString &reason);

    static qint64 nowMs();

private:
    void fromTarget(QByteArrayView datagram);
    void onUpstreamError(int code, const QString &text);
    void refused();
    // A problem, recorded now or counted until a second has passed.
    void problem(const QString &text);
    void note(const QString &text);

    DatagramSocket::Peer m_client;
    DatagramSocket *m_listener;
    DatagramSocket *m_upstream = nullptr;
    SessionId m_session;
    TrafficStore *m_store;
    ConnectionId m_id = 0;
    AddressId m_addresses = 0;
    QString m_targetName;
    qint64 m_lastActiveMs = 0;
    qint64 m_lastProblemMs = 0;
    quint64 m_unreportedProblems = 0;
    quint64 m_droppedToTarget = 0;
    quint64 m_droppedToClient = 0;
    bool m_closed = false;
};
