#pragma once

#include "streamsocket.h"
#include "trafficevent.h"

#include <QHostAddress>
#include <QObject>
#include <QString>

class QTimer;
class TcpConnection;
class TrafficStore;

// One client of a relay and its leg to the target, forwarded both ways byte
// for byte and recorded as one conversation: what the client said is
// "received" on the client's connection, what the target answered is "sent"
// to the client, so the log and the chat view read as the exchange between
// the two. The bytes are the same on both legs and are stored once; the
// target leg's addresses, its opening, half-close, reset and end are notes
// on the same connection.
//
// What passes through: each side's half-close (FIN) is passed on to the other
// once what was queued for it is sent; a reset on one side resets the other;
// a target that cannot be reached resets the client. Back-pressure: while one
// side's outgoing buffer holds StreamSocket::PauseReadingAt bytes or more,
// reading from the other side stops, so a slow reader slows the writer (as a
// direct connection would) and memory stays bounded.
class RelayConnection : public QObject
{
    Q_OBJECT

public:
    // Takes the accepted client socket and starts connecting to the target.
    RelayConnection(StreamSocket *client, const QHostAddress &target, quint16 targetPort,
                    int connectTimeoutSeconds, SessionId session, TrafficStore *store,
                    QObject *parent = nullptr);

    ConnectionId id() const;
    TcpConnection *client() const { return m_client; }
    // Bytes queued towards the client and the target, not yet taken by their kernels.
    qint64 queuedBytes() const;
    // Closes both legs in order (what is queued is sent first); a second call resets them.
    void close(Closer closer, const QString &reason);

Q_SIGNALS:
    // Both legs have ended and are recorded; the object deletes itself later.
    void finished(RelayConnection *relay);

private:
    void onClientReceived(const QByteArray &bytes);
    void onClientFinished();
    void onClientEnded(StreamSocket::End end);
    void endTargetAfterClient(StreamSocket::End end);
    void onTargetConnected();
    void onTargetReceived(const QByteArray &bytes);
    void onTargetFinished();
    void onTargetEnded(StreamSocket::End end, const QString &reason);
    void onConnectTimeout();
    // Holds reading from one side while the other side's queue is full.
    void balance();
    void note(const QString &text);
    void error(const QString &text);
    void maybeFinish();

    SessionId m_session;
    TrafficStore *m_store;
    StreamSocket *m_clientSocket;
    TcpConnection *m_client = nullptr;
    StreamSocket *m_target = nullptr;
    QString m_targetName;
    bool m_targetOpen = false;
    QTimer *m_connectTimer = nullptr;
    bool m_clientEnded = false;
    bool m_targetEnded = false;
    bool m_clientFinishedSending = false;
    bool m_closing = false;
    bool m_finished = false;
};
