#include "endpoint.h"

#include "trafficstore.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QPointer>

Endpoint::Endpoint(SessionId id, const SessionConfig &config, TrafficStore *store, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_id(id)
    , m_store(store)
{}

bool Endpoint::isActive() const
{
    return isSessionRunning(m_state);
}

void Endpoint::disconnectConnection(ConnectionId) {}

void Endpoint::finishSending() {}

qint64 Endpoint::pendingBytes(const SendTarget &) const
{
    return 0;
}

bool Endpoint::isTargetOpen(const SendTarget &) const
{
    return isSessionOpen(m_state);
}

QString Endpoint::stateName(SessionState state)
{
    switch (state) {
    case SessionState::Stopped:
        return QCoreApplication::translate("Endpoint", "stopped");
    case SessionState::Starting:
        return QCoreApplication::translate("Endpoint", "starting");
    case SessionState::Listening:
        return QCoreApplication::translate("Endpoint", "listening");
    case SessionState::Connected:
        return QCoreApplication::translate("Endpoint", "connected");
    case SessionState::Bound:
        return QCoreApplication::translate("Endpoint", "bound");
    case SessionState::Finished:
        return QCoreApplication::translate("Endpoint", "finished");
    case SessionState::Error:
        return QCoreApplication::translate("Endpoint", "error");
    }
    return {};
}

void Endpoint::setState(SessionState state, const QString &detail)
{
    if (state == m_state && detail == m_detail)
        return;
    flushRecords(); // whoever hears of the state finds what led to it in the store
    m_state = state;
    m_detail = detail;
    Q_EMIT stateChanged(state, detail);
}

void Endpoint::record(EventKind kind, ConnectionId connection, AddressId addresses,
                      QByteArrayView payload, Closer closer)
{
    flushRecords();
    m_store->append(m_id, connection, addresses ? addresses : m_sessionAddresses, kind, payload,
                    closer);
}

void Endpoint::recordLater(EventKind kind, ConnectionId connection, AddressId addresses,
                           QByteArrayView payload)
{
    m_deferred.push_back({TrafficStore::nowUs(), connection,
                          addresses ? addresses : m_sessionAddresses, kind, payload});
}

void Endpoint::flushRecords()
{
    if (m_deferred.empty())
        return;
    // Per thread, so that every endpoint of the engine shares one and a
    // flood allocates nothing here after its first batch.
    thread_local std::vector<TrafficStore::TimedEvent> batch;
    batch.clear();
    for (const Deferred &d : m_deferred) {
        TrafficStore::TimedEvent &ev = batch.emplace_back();
        ev.timeUs = d.timeUs;
        ev.session = m_id;
        ev.connection = d.connection;
        ev.addresses = d.addresses;
        ev.kind = d.kind;
        ev.payload = d.payload;
    }
    m_deferred.clear();
    m_store->appendBatch(batch.data(), qsizetype(batch.size()));
}

void Endpoint::recordNote(const QString &text, ConnectionId connection, AddressId addresses)
{
    record(EventKind::Note, connection, addresses, text.toUtf8());
}

void Endpoint::reportError(const QString &text, bool fatal, ConnectionId connection,
                           AddressId addresses)
{
    record(EventKind::Error, connection, addresses, text.toUtf8());
    if (fatal)
        setState(SessionState::Error, text);
}

void Endpoint::resolve(const QString &host,
                       std::function<void(const QHostAddress &, const QString &)> done)
{
    const int generation = ++m_resolveGeneration;
    const QHostAddress literal(host);
    if (!literal.isNull()) {
        done(literal, QString());
        return;
    }
    QPointer<Endpoint> self(this);
    QHostInfo::lookupHost(host, this, [self, generation, host, done](const QHostInfo &info) {
        // A stop() or a newer start() makes an answer that arrives late moot.
        if (!self || generation != self->m_resolveGeneration)
            return;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            done({}, QCoreApplication::translate("Endpoint", "Cannot resolve host \"%1\": %2")
                         .arg(host, info.errorString()));
            return;
        }
        // Prefer IPv4 when a name has both: it is what the tutorials expect
        // from "localhost".
        QHostAddress chosen = info.addresses().constFirst();
        for (const QHostAddress &a : info.addresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                chosen = a;
                break;
            }
        }
        done(chosen, QString());
    });
}
