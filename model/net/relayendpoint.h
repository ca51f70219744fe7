#pragma once

#include "endpoint.h"

#include <QHash>
#include <QHostAddress>

class QTcpServer;
class RelayConnection;

// A recording TCP relay: listens, connects each client on to the target and
// forwards both ways byte for byte (relayconnection.h), recording each
// client's exchange as one conversation.
class RelayEndpoint : public Endpoint
{
    Q_OBJECT

public:
    RelayEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                  QObject *parent = nullptr);
    ~RelayEndpoint() override;

    void start() override;
    void stop() override;
    // A relay forwards; it sends nothing of its own.
    void send(const SendTarget &target, const QByteArray &bytes) override;
    void disconnectConnection(ConnectionId id) override;
    qint64 pendingBytes(const SendTarget &target) const override;
    bool isTargetOpen(const SendTarget &target) const override;

    quint16 serverPort() const;
    qsizetype connectionCount() const { return m_relays.size(); }

private:
    class Listener;

    void listenOn(const QHostAddress &address);
    void accept(qintptr descriptor);

    Listener *m_listener = nullptr;
    QHostAddress m_target;
    QList<RelayConnection *> m_relays;
};
