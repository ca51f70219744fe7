#pragma once

// Shared by the tests that open sockets: loopback only, ports from the kernel.

#include <QHostAddress>
#include <QString>
#include <QUdpSocket>

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

// "127.0.0.1:9999", as typed on a command line.
inline QString hostPort(const QString &host, quint16 port)
{
    return host + u':' + QString::number(port);
}

} // namespace NetTest
