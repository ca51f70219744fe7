#include "tcpconnection.h"

#include "trafficstore.h"

#include <QCoreApplication>
#include <QTimer>

#include <climits>

TcpConnection::TcpConnection(StreamSocket *socket, SessionId session, TrafficStore *store,
                             TrafficStore::Initiator initiator, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_session(session)
    , m_store(store)
{
    m_socket->setParent(this);
    m_addresses = store->addAddresses(socket->localName(), peerText());
    m_id = store->openConnection(session, m_addresses, false, initiator);
    m_lastActivityUs = TrafficStore::nowUs();
    store->append(session, m_id, m_addresses, EventKind::Opened);
    if (const auto credentials = socket->peerCredentials()) {
        store->append(
            session, m_id, m_addresses, EventKind::Note,
            QCoreApplication::translate("TcpConnection", "Peer credentials: pid %1, uid %2, gid %3")
                .arg(credentials->pid)
                .arg(credentials->uid)
                .arg(credentials->gid)
                .toUtf8());
    }
    m_socket->setHandler(this);
}

TcpConnection::~TcpConnection()
{
    // The socket is our child and goes after this destructor's body.
    m_socket->setHandler(nullptr);
}

void TcpConnection::streamDrained()
{
    if (m_observer)
        m_observer->connectionDrained();
    Q_EMIT drained();
}

void TcpConnection::streamTlsEstablished(const QStringList &description)
{
    m_lastActivityUs = TrafficStore::nowUs();
    for (const QString &line : description)
        m_store->append(m_session, m_id, m_addresses, EventKind::Note, line.toUtf8());
    Q_EMIT secured();
}

QString TcpConnection::peerText() const
{
    // A Unix peer seldom has a name (a client rarely binds); its credentials
    // tell one connection from another in the Connections view.
    const QString name = m_socket->peerName();
    const auto credentials = m_socket->peerCredentials();
    if (!credentials)
        return name;
    //: Who is at the other end of a Unix socket: process id and user id.
    const QString who = QCoreApplication::translate("TcpConnection", "pid %1, uid %2")
                            .arg(credentials->pid)
                            .arg(credentials->uid);
    return name.isEmpty() ? who : name + u" (" + who + u')';
}

void TcpConnection::enableHello(const HelloProtocol::Config &config, const QByteArray &greeting)
{
    m_hello.emplace(config);
    m_hello->setPeer(peerText());
    if (!greeting.isEmpty())
        send(greeting);
}

void TcpConnection::send(QByteArrayView bytes)
{
    if (m_ended || bytes.isEmpty())
        return;
    if (m_socket->bytesToWrite() >= StreamSocket::RefuseSendsAt) {
        m_store->append(m_session, m_id, m_addresses, EventKind::Error,
                        QCoreApplication::translate(
                            "TcpConnection", "The peer is not reading: %1 bytes still wait to be "
                                             "sent, so these %2 bytes were not sent.")
                            .arg(m_socket->bytesToWrite())
                            .arg(bytes.size())
                            .toUtf8());
        return;
    }
    // The clock is read before the write: the peer may answer as soon as the
    // bytes leave, and a send stamped after the write (late, if this thread is
    // held up in between) would make its round trip look shorter than it was.
    const qint64 sentUs = TrafficStore::nowUs();
    if (m_socket->write(bytes)) {
        m_store->appendAt(sentUs, m_session, m_id, m_addresses, EventKind::Sent, bytes);
        m_lastActivityUs = sentUs;
    }
    reportQueue();
}

void TcpConnection::close(Closer closer, const QString &reason)
{
    if (m_ended)
        return;
    if (m_closer != Closer::None) {
        // The first close still waits for the peer to take what is queued.
        m_socket->abort(true);
        return;
    }
    m_closer = closer;
    m_closeReason = reason;
    const qint64 queued = m_socket->bytesToWrite();
    if (queued > 0 && (m_socket->isReadingPaused() || closer == Closer::Timeout)) {
        const int count = int(qMin<qint64>(queued, INT_MAX));
        m_closeReason +=
            u' ' + QCoreApplication::translate("TcpConnection",
                                               "(reset: the peer did not read the last %n byte(s))",
                                               nullptr, count);
        m_socket->abort(true);
        return;
    }
    m_socket->close();
}

void TcpConnection::reset(Closer closer, const QString &reason)
{
    if (m_ended)
        return;
    m_closer = closer;
    m_closeReason = reason;
    m_socket->abort(true);
}

void TcpConnection::streamReadingPausedChanged(bool paused)
{
    const QString text =
        paused ? QCoreApplication::translate("TcpConnection",
                                             "The peer is not reading: %1 KiB wait to be sent, so "
                                             "reading from it is paused until it catches up.")
                     .arg(m_socket->bytesToWrite() / 1024)
               : QCoreApplication::translate("TcpConnection",
                                             "The peer reads again: reading from it resumes.");
    m_store->append(m_session, m_id, m_addresses, EventKind::Note, text.toUtf8());
}

void TcpConnection::streamQueueDrained(qint64)
{
    // A peer taking our output is active, even when it sends nothing.
    m_lastActivityUs = TrafficStore::nowUs();
    reportQueue();
}

void TcpConnection::reportQueue()
{
    const qint64 queued = m_socket->bytesToWrite();
    if (queued != m_reportedQueue) {
        m_store->addSendQueued(queued - m_reportedQueue);
        m_reportedQueue = queued;
    }
}

void TcpConnection::streamReceived(const QByteArray &bytes)
{
    m_lastActivityUs = TrafficStore::nowUs();
    m_store->append(m_session, m_id, m_addresses, EventKind::Received, bytes);
    if (!m_hello || m_closer != Closer::None)
        return;
    m_hello->receive(bytes, &m_helloOut);
    // Read through a const reference: a non-const loop over an empty QList
    // would detach it, which allocates.
    const HelloProtocol::Output &out = m_helloOut;
    for (const QString &error : out.errors)
        m_store->append(m_session, m_id, m_addresses, EventKind::Error, error.toUtf8());
    for (qsizetype i = 0; i < out.replies.size(); ++i) {
        // An auto-reply rule's delay; send() ignores a connection ended meanwhile.
        if (const int delay = out.delaysMs.value(i); delay > 0)
            QTimer::singleShot(delay, this, [this, reply = out.replies.at(i)] { send(reply); });
        else
            send(out.replies.at(i));
    }
    if (out.close)
        close(Closer::Local, QCoreApplication::translate("TcpConnection", "Exit word received"));
}

void TcpConnection::streamEnded(StreamSocket::End end, const QString &reason)
{
    Q_EMIT ending(end);
    m_ended = true;
    reportQueue(); // the socket dropped whatever was still queued
    Closer closer = m_closer;
    QString text = m_closeReason;
    if (end != StreamSocket::End::Local || closer == Closer::None) {
        // The peer or the network ended it first (or a local abort without reason).
        switch (end) {
        case StreamSocket::End::PeerClosed:
        case StreamSocket::End::PeerReset:
            closer = Closer::Peer;
            break;
        case StreamSocket::End::Failed:
            closer = Closer::Error;
            break;
        case StreamSocket::End::Local:
            closer = Closer::Local;
            break;
        }
        text = reason.isEmpty() ? QCoreApplication::translate("TcpConnection", "Closed") : reason;
    }
    if (end == StreamSocket::End::Failed)
        m_store->append(m_session, m_id, m_addresses, EventKind::Error, text.toUtf8());
    m_store->append(m_session, m_id, m_addresses, EventKind::Closed, text.toUtf8(), closer);
    if (m_observer)
        m_observer->connectionEnded(this);
    Q_EMIT ended(this, end, text);
    deleteLater();
}
