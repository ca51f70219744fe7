#pragma once

#include "datagramsocket.h"
#include "endpoint.h"
#include "multicastmembership.h"

#include <QHash>
#include <QHostAddress>

// A bound datagram socket (UDP, or a Unix domain datagram socket): receives from anyone (each
// sender becomes a "peer" row with counters), sends to the configured peer or any address, and
// speaks the hello responder or the two-way chat that ends on the end word.
class UdpEndpoint : public Endpoint
{
    Q_OBJECT

public:
    // The largest UDP payloads: 65,535 minus the IP and UDP headers.
    static constexpr qsizetype MaxDatagramIPv4 = 65507;
    static constexpr qsizetype MaxDatagramIPv6 = 65527;

    UdpEndpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
                QObject *parent = nullptr);
    ~UdpEndpoint() override;

    void start() override;
    void stop() override;
    void send(const SendTarget &target, const QByteArray &bytes) override;

    quint16 localPort() const;

private:
    struct Peer
    {
        ConnectionId id = 0;
        AddressId addresses = 0;
        QString name; // "127.0.0.1:50012", for {{peer}}
        bool credentialsNoted = false;
    };

    void bindTo(const QHostAddress &address);
    // The socket is open: recorded, and queued sends go out.
    void bound();
    void onDatagram(QByteArrayView datagram, const DatagramSocket::Peer &from);
    Peer peerFor(const DatagramSocket::Peer &from);
    void noteCredentials(const DatagramSocket::Peer &from, Peer *peer);
    void sendTo(const QHostAddress &address, quint16 port, const QByteArray &bytes);
    void sendTo(const DatagramSocket::Peer &to, const QByteArray &bytes);
    void endChat(bool byPeer);
    void answer(QByteArrayView datagram, const DatagramSocket::Peer &from, const Peer &peer);
    void startScript();
    void closeSocket();

    DatagramSocket *m_socket = nullptr;
    MulticastMembership m_multicast; // UDP: groups joined while bound, options set
    QString m_local;
    QHash<DatagramSocket::Peer, Peer> m_peers;
    DatagramSocket::Peer m_peer; // the configured peer, resolved
    QList<QByteArray> m_queued;  // sends made while starting
    std::shared_ptr<RuleSet> m_rules;
    ScriptRunner *m_script = nullptr;
    DatagramSocket::Peer m_scriptPeer;
};
