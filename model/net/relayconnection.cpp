#include "relayconnection.h"

#include "hostport.h"
#include "tcpconnection.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QTimer>

RelayConnection::RelayConnection(StreamSocket *client, const QHostAddress &target,
                                 quint16 targetPort, int connectTimeoutSeconds, SessionId session,
                                 TrafficStore *store, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_store(store)
    , m_clientSocket(client)
    , m_targetName(HostPort::format(target, targetPort))
{
    client->setKeepWritingAfterPeerFin(true);
    m_client = new TcpConnection(client, session, store, TrafficStore::Initiator::Peer, this);
    // The target leg's fate is recorded before the client's Closed event.
    connect(m_client, &TcpConnection::ending, this, &RelayConnection::onClientEnded);
    connect(client, &StreamSocket::received, this, &RelayConnection::onClientReceived);
    connect(client, &StreamSocket::peerFinished, this, &RelayConnection::onClientFinished);
    connect(client, &StreamSocket::queueDrained, this, &RelayConnection::balance);
    connect(m_client, &TcpConnection::ended, this, [this] {
        m_client = nullptr;
        maybeFinish();
    });

    //: A relay's client is being connected on to the relay's target.
    note(tr("Connecting to the target %1").arg(m_targetName));
    QString failure;
    m_target = StreamSocket::connectTo(target, targetPort, this, &failure);
    if (!m_target) {
        m_targetEnded = true;
        // Later: whoever made this connects to finished() first.
        QMetaObject::invokeMethod(
            this,
            [this, failure] {
                error(tr("Cannot connect to the target %1: %2").arg(m_targetName, failure));
                if (m_client)
                    m_client->reset(Closer::Error,
                                    tr("The target could not be reached: the client is reset"));
            },
            Qt::QueuedConnection);
        return;
    }
    m_target->setKeepWritingAfterPeerFin(true);
    connect(m_target, &StreamSocket::connected, this, &RelayConnection::onTargetConnected);
    connect(m_target, &StreamSocket::received, this, &RelayConnection::onTargetReceived);
    connect(m_target, &StreamSocket::peerFinished, this, &RelayConnection::onTargetFinished);
    connect(m_target, &StreamSocket::ended, this, &RelayConnection::onTargetEnded);
    connect(m_target, &StreamSocket::queueDrained, this, &RelayConnection::balance);
    m_connectTimer = new QTimer(this);
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this, &RelayConnection::onConnectTimeout);
    m_connectTimer->start(connectTimeoutSeconds * 1000);
}

ConnectionId RelayConnection::id() const
{
    return m_client ? m_client->id() : 0;
}

qint64 RelayConnection::queuedBytes() const
{
    qint64 queued = 0;
    if (!m_clientEnded)
        queued += m_clientSocket->bytesToWrite();
    if (!m_targetEnded)
        queued += m_target->bytesToWrite();
    return queued;
}

void RelayConnection::close(Closer closer, const QString &reason)
{
    const bool again = m_closing;
    m_closing = true;
    if (!m_targetEnded) {
        if (again)
            m_target->abort(true);
        else
            m_target->close();
    }
    if (m_client)
        m_client->close(closer, reason);
}

void RelayConnection::note(const QString &text)
{
    // On the client's connection, after its Closed event nothing more.
    if (m_client && !m_clientEnded)
        m_store->append(m_session, m_client->id(), m_client->addresses(), EventKind::Note,
                        text.toUtf8());
}

void RelayConnection::error(const QString &text)
{
    if (m_client && !m_clientEnded)
        m_store->append(m_session, m_client->id(), m_client->addresses(), EventKind::Error,
                        text.toUtf8());
}

void RelayConnection::onClientReceived(const QByteArray &bytes)
{
    // Recorded by TcpConnection as received; written on as it came. While the
    // target connects the socket queues it, bounded by balance() like the rest.
    if (m_targetEnded)
        return;
    m_target->write(bytes);
    balance();
}

void RelayConnection::onTargetReceived(const QByteArray &bytes)
{
    if (!m_client)
        return;
    m_client->send(bytes); // records it as sent to the client
    balance();
}

void RelayConnection::balance()
{
    // The same bounds a stream keeps for a peer that does not read its replies,
    // applied across: a full queue towards one side holds reading from the other.
    auto hold = [](StreamSocket *reader, const StreamSocket *writer) {
        const qint64 queued = writer->bytesToWrite();
        if (queued >= StreamSocket::PauseReadingAt)
            reader->holdReading(true);
        else if (queued <= StreamSocket::ResumeReadingAt)
            reader->holdReading(false);
    };
    if (m_clientEnded || m_targetEnded)
        return;
    hold(m_clientSocket, m_target);
    hold(m_target, m_clientSocket);
}

void RelayConnection::onTargetConnected()
{
    delete m_connectTimer;
    m_connectTimer = nullptr;
    m_targetOpen = true;
    //: The relay's own connection to the target is open: from its local address to the target.
    note(tr("Target leg open: %1 -> %2").arg(m_target->localName(), m_target->peerName()));
    if (m_clientFinishedSending)
        m_target->shutdownWrite();
}

void RelayConnection::onConnectTimeout()
{
    if (m_targetEnded || m_target->state() != StreamSocket::State::Connecting)
        return;
    error(tr("Cannot connect to the target %1: no answer within %n second(s)", nullptr,
             m_connectTimer->interval() / 1000)
              .arg(m_targetName));
    m_targetEnded = true; // recorded here; the abort below adds nothing
    m_target->disconnect(this);
    m_target->abort();
    if (m_client)
        m_client->reset(Closer::Error, tr("The target could not be reached: the client is reset"));
    maybeFinish();
}

void RelayConnection::onClientFinished()
{
    m_clientFinishedSending = true;
    note(tr("The client finished sending (half-close): passed on to the target"));
    if (!m_targetEnded && m_target->state() == StreamSocket::State::Connected)
        m_target->shutdownWrite();
}

void RelayConnection::onTargetFinished()
{
    note(tr("The target finished sending (half-close): passed on to the client"));
    if (!m_clientEnded)
        m_clientSocket->shutdownWrite();
}

void RelayConnection::onClientEnded(StreamSocket::End end)
{
    if (!m_targetEnded)
        endTargetAfterClient(end);
    m_clientEnded = true; // TcpConnection records the Closed event next
}

void RelayConnection::endTargetAfterClient(StreamSocket::End end)
{
    m_target->holdReading(false);
    switch (end) {
    case StreamSocket::End::PeerClosed:
        // Both directions of the client leg are done; the target leg ends in
        // order once what is queued for it is sent.
        m_clientFinishedSending = true;
        if (m_target->state() == StreamSocket::State::Connected)
            m_target->shutdownWrite();
        else
            m_target->close();
        return;
    case StreamSocket::End::PeerReset:
        note(tr("The client reset the connection: the target leg is reset too"));
        m_target->abort(true);
        return;
    case StreamSocket::End::Failed:
        m_target->abort(true);
        return;
    case StreamSocket::End::Local:
        if (m_closing)
            m_target->close();
        else
            m_target->abort(true); // the client was reset here: so is the target
        return;
    }
}

void RelayConnection::onTargetEnded(StreamSocket::End end, const QString &reason)
{
    m_targetEnded = true;
    delete m_connectTimer;
    m_connectTimer = nullptr;
    const bool wasOpen = m_targetOpen;
    if (!m_clientEnded)
        m_clientSocket->holdReading(false);
    switch (end) {
    case StreamSocket::End::PeerClosed:
        note(tr("Target leg closed"));
        if (!m_clientEnded)
            m_clientSocket->shutdownWrite();
        break;
    case StreamSocket::End::PeerReset:
        if (m_client)
            m_client->reset(Closer::Peer,
                            tr("The target reset the connection: the client is reset too"));
        break;
    case StreamSocket::End::Failed:
        if (!wasOpen) {
            error(tr("Cannot connect to the target %1: %2").arg(m_targetName, reason));
            if (m_client)
                m_client->reset(Closer::Error,
                                tr("The target could not be reached: the client is reset"));
        } else {
            error(tr("The target leg failed: %1").arg(reason));
            if (m_client)
                m_client->reset(Closer::Error, tr("The target leg failed: the client is reset"));
        }
        break;
    case StreamSocket::End::Local:
        note(tr("Target leg closed"));
        break;
    }
    maybeFinish();
}

void RelayConnection::maybeFinish()
{
    if (m_client || !m_targetEnded || m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(this);
    deleteLater();
}
