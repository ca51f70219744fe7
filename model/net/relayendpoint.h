#pragma once

#include "relaybase.h"
#include "streamsocket.h"

#include <QHostAddress>
#include <QList>

class RelayConnection;
class TcpListener;

// A recording TCP relay: listens, connects each client on to the target and
// forwards both ways byte for byte (relayconnection.h), recording each
// client's exchange as one conversation.
class RelayEndpoint : public RelayBase
{
    Q_OBJECT

public:
    RelayEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                  QObject *parent = nullptr);
    ~RelayEndpoint() override;

    void stop() override;
    void disconnectConnection(ConnectionId id) override;
    qint64 pendingBytes(const SendTarget &target) const override;
    bool isTargetOpen(const SendTarget &target) const override;

    quint16 serverPort() const;
    qsizetype connectionCount() const { return m_relays.size(); }

protected:
    void open(const QHostAddress &target, const QHostAddress &local) override;

private:
    void listenOn(const QHostAddress &address);
    void accept(const StreamSocket::Accepted &accepted);

    TcpListener *m_listener = nullptr;
    QHostAddress m_target;
    QList<RelayConnection *> m_relays;
};
