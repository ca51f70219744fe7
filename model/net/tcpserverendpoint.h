#pragma once

#include "endpoint.h"
#include "streamsocket.h"
#include "tcpconnection.h"

#include <QHash>
#include <QHostAddress>

#include <vector>

class QTimer;
class TcpListener;
class TlsContext;
class UnixListener;

// A listening stream server (TCP, or a Unix domain socket) with any number of
// clients up to max-clients, speaking the hello protocol (or nothing: a plain
// sink that records and lets you send).
class TcpServerEndpoint : public Endpoint, private TcpConnection::Observer
{
    Q_OBJECT

public:
    TcpServerEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                      QObject *parent = nullptr);
    ~TcpServerEndpoint() override;

    void start() override;
    void stop() override;
    void send(const SendTarget &target, const QByteArray &bytes) override;
    void disconnectConnection(ConnectionId id) override;
    qint64 pendingBytes(const SendTarget &target) const override;
    bool isTargetOpen(const SendTarget &target) const override;

    quint16 serverPort() const;
    qsizetype connectionCount() const { return m_connections.size(); }

private:
    void listenOn(const QHostAddress &address);
    void listenOnPath();
    // The socket is open on `local`: recorded, and the idle sweep starts.
    void listening(const QString &local);
    // A Unix socket's connection, and a TCP one as the listener accepted it.
    void accept(qintptr descriptor);
    void acceptTcp(const StreamSocket::Accepted &accepted);
    void adopt(StreamSocket *socket);
    void connectionEnded(TcpConnection *connection) override;
    void connectionDrained() override { Q_EMIT outputDrained(); }
    void sweepIdle();
    void closeAll(Closer closer, const QString &reason);
    // The QObject parent of the next connection: one of a few, in turn.
    QObject *nextOwner();

    TcpListener *m_listener = nullptr;
    UnixListener *m_unixListener = nullptr;
    QHash<ConnectionId, TcpConnection *> m_connections;
    // QObject keeps its children in one list, and a child that leaves it
    // moves every child after it: with 10,000 connections as our own
    // children, every close moved some 80 KB (callgrind: 6,000 instructions
    // per connection at 2,000 clients, growing with their number). They are
    // spread over these owners instead, and still go with the endpoint.
    std::vector<QObject *> m_owners;
    size_t m_nextOwner = 0;
    QTimer *m_idleTimer = nullptr;
    std::shared_ptr<RuleSet> m_rules;
    std::shared_ptr<TlsContext> m_tls; // with --tls, while running
};
