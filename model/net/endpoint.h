#pragma once

#include "sessionconfig.h"
#include "trafficevent.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class RuleSet;
class ScriptRunner;
class TcpConnection;
class TrafficStore;

enum class SessionState {
    Stopped,
    Starting,  // resolving or connecting
    Listening, // TCP server
    Connected, // TCP client
    Bound,     // UDP
    Finished,  // ended normally: the peer closed, or the chat ended
    Error,     // could not open, or failed; detail says why
};

// The session has its socket(s) open: it can send and receive.
inline bool isSessionOpen(SessionState state)
{
    return state == SessionState::Listening || state == SessionState::Connected ||
           state == SessionState::Bound;
}

// Open, or on its way there (resolving, connecting): Stop applies, Start does not.
inline bool isSessionRunning(SessionState state)
{
    return state == SessionState::Starting || isSessionOpen(state);
}

// Where a send goes. Default means: the client's server, every client of a
// server, or the UDP session's peer.
struct SendTarget
{
    enum class Kind { Default, Connection, AllConnections, Address };
    Kind kind = Kind::Default;
    ConnectionId connection = 0;
    QString host;
    quint16 port = 0;

    static SendTarget toConnection(ConnectionId id) { return {Kind::Connection, id, {}, 0}; }
    static SendTarget toAll() { return {Kind::AllConnections, 0, {}, 0}; }
    static SendTarget toAddress(const QString &host, quint16 port)
    {
        return {Kind::Address, 0, host, port};
    }
};

// One session's socket(s) on the engine thread. Every byte and every state
// change is appended to the store; the state is also signalled for the
// session list. Subclasses: TcpServerEndpoint, TcpClientEndpoint, UdpEndpoint.
class Endpoint : public QObject
{
    Q_OBJECT

public:
    Endpoint(SessionId id, const SessionConfig &config, TrafficStore *store,
             QObject *parent = nullptr);

    SessionId id() const { return m_id; }
    const SessionConfig &config() const { return m_config; }
    SessionState state() const { return m_state; }
    QString stateDetail() const { return m_detail; }
    bool isActive() const;

    virtual void start() = 0;
    // Closes every socket of the session; state becomes Stopped.
    virtual void stop() = 0;
    virtual void send(const SendTarget &target, const QByteArray &bytes) = 0;
    virtual void disconnectConnection(ConnectionId id);
    // TCP client: half-close once everything is sent, then read until the peer
    // closes. Others: nothing.
    virtual void finishSending();
    // For senders that pace themselves (file send, repeat send): the bytes
    // send() accepted for `target` that the kernel has not taken yet (the
    // largest backlog of the connections it covers), and whether the target
    // can still be sent to. outputDrained() says when a backlog has emptied.
    virtual qint64 pendingBytes(const SendTarget &target) const;
    virtual bool isTargetOpen(const SendTarget &target) const;

    static QString stateName(SessionState state);

Q_SIGNALS:
    void stateChanged(SessionState state, const QString &detail);
    // The session's script on one connection: a step's ScriptRunner::Status
    // (and why it failed), and the end of the run.
    void scriptStepChanged(ConnectionId connection, int step, int status, const QString &detail);
    void scriptFinished(ConnectionId connection, bool ok, const QString &message);
    void outputDrained();
    // The chat ended: the end word was sent here (byPeer false) or received.
    void chatEnded(bool byPeer);

protected:
    void setState(SessionState state, const QString &detail = {});
    // Records an error event and, when `fatal`, moves to the Error state.
    void reportError(const QString &text, bool fatal, ConnectionId connection = 0,
                     AddressId addresses = 0);
    // Appends at once, after any deferred records (the store keeps their order).
    void record(EventKind kind, ConnectionId connection, AddressId addresses,
                QByteArrayView payload = {}, Closer closer = Closer::None);
    // A received datagram recorded with the others of its read batch: one
    // store lock per batch instead of one per datagram, so that under a flood
    // the engine takes the lock (and may wait for a reader holding it) 16
    // times less often. `payload` must stay valid until flushRecords(), which
    // the reader calls at the end of each batch; any record() flushes first.
    void recordLater(EventKind kind, ConnectionId connection, AddressId addresses,
                     QByteArrayView payload);
    void flushRecords();
    void recordNote(const QString &text, ConnectionId connection = 0, AddressId addresses = 0);
    // Resolves a host name or literal; calls back on this object's thread with
    // the first usable address, or with an error sentence.
    void resolve(const QString &host,
                 std::function<void(const QHostAddress &, const QString &error)> done);

    // Makes any lookup still under way moot (stop, restart).
    void cancelResolve() { ++m_resolveGeneration; }
    TrafficStore *store() const { return m_store; }

    // The session's auto-reply rules, with the hello reply after them when the
    // protocol is hello; null when nothing answers. Made once per start, so the
    // rules' counters count for the whole session. (endpointrules.cpp)
    std::shared_ptr<RuleSet> makeRules() const;
    // Lets the rules answer on a TCP connection, and runs the script on it.
    void answerOn(TcpConnection *connection, const std::shared_ptr<RuleSet> &rules, bool greet);
    void runScriptOn(TcpConnection *connection);
    // Runs the session's script with the given I/O; null when it has none.
    ScriptRunner *startScript(ConnectionId connection, AddressId addresses, const QString &peer,
                              std::function<void(const QByteArray &)> send,
                              std::function<void()> close, QObject *parent);

    SessionConfig m_config;
    AddressId m_sessionAddresses = 0; // local address of the listening/bound socket

private:
    SessionId m_id;
    TrafficStore *m_store;
    SessionState m_state = SessionState::Stopped;
    QString m_detail;
    int m_resolveGeneration = 0;
    struct Deferred
    {
        qint64 timeUs;
        ConnectionId connection;
        AddressId addresses;
        EventKind kind;
        QByteArrayView payload;
    };
    std::vector<Deferred> m_deferred;
};
