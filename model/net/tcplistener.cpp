#include "tcplistener.h"

#include "hostport.h"

#include <QPointer>

#include <unistd.h>

TcpListener::TcpListener(Accept accept, QObject *parent)
    : QTcpServer(parent)
    , m_accept(std::move(accept))
{}

TcpListener::~TcpListener()
{
    for (const qintptr descriptor : m_waiting)
        ::close(int(descriptor));
}

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
    // QTcpServer calls this for every connection waiting, in one go.
    m_waiting.push_back(descriptor);
    if (!m_handOverPosted) {
        m_handOverPosted = true;
        QMetaObject::invokeMethod(this, &TcpListener::handOver, Qt::QueuedConnection);
    }
}

void TcpListener::handOver()
{
    m_handOverPosted = false;
    // The endpoint may delete us from its callback (a session stopped by a
    // rule or a script): then the rest is closed by the destructor.
    const QPointer<TcpListener> alive(this);
    for (int i = 0; i < HandOverBatch && !m_waiting.empty(); ++i) {
        const qintptr descriptor = m_waiting.front();
        m_waiting.pop_front();
        m_accept(descriptor);
        if (!alive)
            return;
    }
    if (!m_waiting.empty()) {
        m_handOverPosted = true;
        QMetaObject::invokeMethod(this, &TcpListener::handOver, Qt::QueuedConnection);
    }
}
