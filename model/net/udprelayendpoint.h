#pragma once

#include "datagramsocket.h"
#include "relaybase.h"

#include <QHash>
#include <QHostAddress>

class QTimer;
class UdpRelayClient;

// A recording UDP relay: one bound socket hears every client; each client
// address gets its own upstream socket connected to the target, made on its
// first datagram and closed after the idle timeout (no datagram either way).
// Each client's exchange is one conversation (udprelayclient.h). At most
// maxClients clients at once: a datagram from one more is dropped with an
// error (at most one a second, with a count).
class UdpRelayEndpoint : public RelayBase
{
    Q_OBJECT

public:
    UdpRelayEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                     QObject *parent = nullptr);
    ~UdpRelayEndpoint() override;

    void stop() override;
    void disconnectConnection(ConnectionId id) override;

    quint16 localPort() const;
    qsizetype clientCount() const { return m_clients.size(); }

protected:
    void open(const QHostAddress &target, const QHostAddress &local) override;

private:
    void bindTo(const QHostAddress &address);
    void onDatagram(QByteArrayView datagram, const DatagramSocket::Peer &from);
    void refuse(const DatagramSocket::Peer &from);
    void expireIdle();
    void closeClient(QHash<DatagramSocket::Peer, UdpRelayClient *>::iterator it, Closer closer,
                     const QString &reason);
    void closeAll(const QString &reason);

    DatagramSocket *m_socket = nullptr;
    QHostAddress m_target;
    QHash<DatagramSocket::Peer, UdpRelayClient *> m_clients;
    QTimer *m_idleTimer;
    qint64 m_lastRefusalMs = 0;
    quint64 m_unreportedRefusals = 0;
};
