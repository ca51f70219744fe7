#pragma once

#include "trafficevent.h"
#include "trafficstore.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>
#include <vector>

// Where a capture's events go: collects them and appends them to the store in
// batches (one lock per batch, one eventsAppended per batch at most), so a
// million-packet file neither takes a million locks nor holds the file in
// memory. Address pairs are recorded once each.
class CaptureSink
{
public:
    using FlushedCallback = std::function<void()>;

    explicit CaptureSink(TrafficStore *store);
    ~CaptureSink();
    CaptureSink(const CaptureSink &) = delete;
    CaptureSink &operator=(const CaptureSink &) = delete;

    // Called after each batch has reached the store.
    void setFlushedCallback(FlushedCallback callback) { m_flushed = std::move(callback); }

    AddressId addresses(const QString &local, const QString &peer);
    ConnectionId openConnection(SessionId session, AddressId addresses, bool datagram,
                                qint64 timeUs,
                                TrafficStore::Initiator initiator = TrafficStore::Initiator::Peer);
    void append(qint64 timeUs, SessionId session, ConnectionId connection, AddressId addresses,
                EventKind kind, QByteArrayView payload = {}, Closer closer = Closer::None);
    // Appends what is collected; also done whenever a batch is full.
    void flush();

    quint64 events() const { return m_events; }

private:
    struct Pending
    {
        TrafficStore::TimedEvent event; // payload filled in at flush
        qsizetype offset = 0;
        qsizetype size = 0;
    };

    TrafficStore *m_store;
    FlushedCallback m_flushed;
    std::vector<Pending> m_pending;
    std::vector<TrafficStore::TimedEvent> m_batch;
    std::vector<char> m_payloads;          // the batch's payloads, one after another
    QHash<QString, AddressId> m_addresses; // "local\npeer"
    quint64 m_events = 0;
};
