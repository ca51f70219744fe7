#pragma once

#include <QTcpServer>

#include <functional>

// A listening TCP socket that hands each accepted descriptor to its endpoint
// (which wraps it in a StreamSocket) instead of making a QTcpSocket.
class TcpListener : public QTcpServer
{
    Q_OBJECT

public:
    using Accept = std::function<void(qintptr descriptor)>;

    // Listens on address:port with a backlog of `backlog` pending clients.
    // Null when it cannot, with the reason as a sentence in *error.
    static TcpListener *open(const QHostAddress &address, quint16 port, int backlog, Accept accept,
                             QObject *parent, QString *error);

    // "127.0.0.1:9999" or "[::1]:9999": where it listens.
    QString localName() const;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    TcpListener(Accept accept, QObject *parent);

    Accept m_accept;
};
