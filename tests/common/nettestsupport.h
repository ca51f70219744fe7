#pragma once

// Shared by the tests that open sockets: loopback only, ports from the kernel.

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>

#include <memory>
#include <vector>

namespace NetTest {

// A loopback UDP port nobody uses: bound, read back, released. For the chat,
// whose two ends must know each other's port before they start. 0 when no
// port could be bound (a test then fails on it rather than on a stray port).
inline quint16 freeUdpPort()
{
    QUdpSocket socket;
    if (!socket.bind(QHostAddress::LocalHost, 0, QAbstractSocket::DontShareAddress))
        return 0;
    return socket.localPort();
}

// A loopback TCP port where nothing listens: listened on, read back,
// released. 0 when no port could be had.
inline quint16 freeTcpPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

// "127.0.0.1:9999", as typed on a command line.
inline QString hostPort(const QString &host, quint16 port)
{
    return host + u':' + QString::number(port);
}

// "127.0.0.1:9999": the loopback address with `port`, as typed on a command
// line and as the store prints it.
inline QString loopback(quint16 port)
{
    return hostPort(QStringLiteral("127.0.0.1"), port);
}

// The port at the end of "127.0.0.1:9999" or "[::1]:9999" (a session's
// detail, a listening event's text); 0 when there is none.
inline quint16 portOf(const QString &address)
{
    return quint16(address.section(u':', -1).toUInt());
}

// "127.0.0.1:9999" or "[::1]:9999", as the store prints addresses.
inline QString addressText(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + address.toString() + u"]:" + QString::number(port);
    return address.toString() + u':' + QString::number(port);
}

// A client socket that keeps every byte it received, also after the server
// closed it.
class Client : public QTcpSocket
{
public:
    Client()
    {
        connect(this, &QTcpSocket::readyRead, this, [this] { m_received += readAll(); });
        // Qt forgets the local port once disconnected; the store does not.
        connect(this, &QTcpSocket::connected, this,
                [this] { m_name = addressText(localAddress(), localPort()); });
    }

    QByteArray received()
    {
        m_received += readAll();
        return m_received;
    }
    // How the server names this client in the store.
    QString name() const { return m_name; }

private:
    QByteArray m_received;
    QString m_name;
};

// A client on its way to `port`; wait for what it receives (QTRY_COMPARE on
// received()), which also waits for the connection.
inline std::unique_ptr<Client>
connectClient(quint16 port, const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
{
    auto client = std::make_unique<Client>();
    client->connectToHost(address, port);
    return client;
}

// `count` clients that flood the server at `port` with `chunk` after chunk,
// a few chunks in flight at a time (as fast as the server reads): for as
// long as they are connected, or, with `total` of 0 or more, until each has
// sent `total` bytes, which it then closes after.
inline std::vector<std::unique_ptr<QTcpSocket>>
floodClients(quint16 port, int count, const QByteArray &chunk, qint64 total = -1)
{
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < count; ++i) {
        auto client = std::make_unique<QTcpSocket>();
        client->connectToHost(QHostAddress::LocalHost, port);
        QTcpSocket *raw = client.get();
        auto written = std::make_shared<qint64>(0);
        const auto topUp = [raw, chunk, written, total] {
            while (raw->state() == QAbstractSocket::ConnectedState &&
                   (total < 0 || *written < total) && raw->bytesToWrite() < 4 * chunk.size()) {
                raw->write(chunk);
                *written += chunk.size();
            }
            if (total >= 0 && *written >= total && raw->bytesToWrite() == 0)
                raw->disconnectFromHost();
        };
        QObject::connect(raw, &QTcpSocket::connected, raw, topUp);
        QObject::connect(raw, &QTcpSocket::bytesWritten, raw, topUp);
        clients.push_back(std::move(client));
    }
    return clients;
}

} // namespace NetTest
