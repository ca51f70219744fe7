#include "tcplistener.h"

#include "hostport.h"

TcpListener::TcpListener(Accept accept, QObject *parent)
    : QTcpServer(parent)
    , m_accept(std::move(accept))
{}

TcpListener *TcpListener::open(const QHostAddress &address, quint16 port, int backlog,
                               Accept accept, QObject *parent, QString *error)
{
    auto *listener = new TcpListener(std::move(accept), parent);
    listener->setListenBacklogSize(backlog);
    if (!listener->listen(address, port)) {
        *error = tr("Cannot listen on %1: %2")
                     .arg(HostPort::format(address, port), listener->errorString());
        delete listener;
        return nullptr;
    }
    return listener;
}

QString TcpListener::localName() const
{
    return HostPort::format(serverAddress(), serverPort());
}

void TcpListener::incomingConnection(qintptr descriptor)
{
    m_accept(descriptor);
}
