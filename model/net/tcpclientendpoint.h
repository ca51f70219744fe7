#pragma once

#include "endpoint.h"
#include "streamsocket.h"

#include <QList>

class QTimer;
class TcpConnection;
class TlsContext;

// A stream client (TCP, or a Unix domain socket). Connects to a server with a timeout, sends,
// receives, half-closes and reads until the peer closes (what a raw HTTP/1.1 request with
// "Connection: close" needs). Data sent before the connection is up is queued, not lost.
class TcpClientEndpoint : public Endpoint
{
    Q_OBJECT

public:
    TcpClientEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                      QObject *parent = nullptr);

    void start() override;
    void stop() override;
    void send(const SendTarget &target, const QByteArray &bytes) override;
    void disconnectConnection(ConnectionId id) override;
    void finishSending() override;
    qint64 pendingBytes(const SendTarget &target) const override;
    bool isTargetOpen(const SendTarget &target) const override;

    ConnectionId connectionId() const;

private:
    void connectTo(const QHostAddress &address);
    // Follows the connect under way, or reports why it could not start.
    void watchPending(const QString &error);
    void onConnected();
    // Connected (and with --tls, the handshake done): the session talks.
    void onReady();
    void onConnectFailed(const QString &reason);
    void onEnded(StreamSocket::End end, const QString &reason);

    StreamSocket *m_pending = nullptr; // while connecting
    TcpConnection *m_connection = nullptr;
    QTimer *m_timeout = nullptr;
    QString m_target;
    QList<QByteArray> m_queued;
    std::shared_ptr<TlsContext> m_tls; // with --tls, while running
    bool m_finishRequested = false;
};
