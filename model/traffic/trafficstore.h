#pragma once

#include "ratebuckets.h"
#include "recordtable.h"
#include "roundtrip.h"
#include "trafficevent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

class AppendNotifier;

// The single source of truth: every event and every byte, in order. Endpoints
// append from the engine thread; item models and the headless printer read from
// their own thread. All access goes through one short mutex; readers copy the
// few fixed-size events they need and never hold on to arena memory.
//
// Memory is capped: when events plus payload chunks exceed the cap, the oldest
// chunk and every event before its end are evicted together, and the number of
// evicted events is counted.
class TrafficStore : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 DefaultMemoryCap = 256 * 1024 * 1024;

    struct AddressPair
    {
        QString local; // "127.0.0.1:9999" or "[::1]:9999"; empty when unknown
        QString peer;
    };

    enum class ConnectionState : quint8 { Open, Closed };
    // Which side opened a TCP connection: the peer (we accepted it) or we
    // (we connected). A capture file needs it for the direction of the SYN.
    enum class Initiator : quint8 { Peer, Local };

    // Open TCP connections and UDP peers seen, with their counters. Kept apart
    // from the events so counters survive eviction. The record of a closed
    // connection (and its address pair) is forgotten once its events are all
    // evicted and the cap needs the room; Totals then counts it.
    struct ConnectionInfo
    {
        ConnectionId id = 0;
        SessionId session = 0;
        AddressId addresses = 0;
        bool datagram = false; // a UDP peer rather than a TCP connection
        Initiator initiator = Initiator::Peer;
        ConnectionState state = ConnectionState::Open;
        Closer closer = Closer::None;
        qint64 openedUs = 0;
        qint64 closedUs = 0;
        qint64 lastActivityUs = 0;
        quint64 bytesIn = 0;
        quint64 bytesOut = 0;
        quint64 messagesIn = 0;
        quint64 messagesOut = 0;
        RoundTrip::Stats roundTrip; // how fast the peer answers (see roundtrip.h)
        quint64 changeSerial = 0;
    };

    struct Totals
    {
        quint64 events = 0; // ever appended
        quint64 kept = 0;   // in the store now: not evicted, not cleared
        quint64 evicted = 0;
        quint64 bytesIn = 0;
        quint64 bytesOut = 0;
        quint64 openConnections = 0;
        quint64 forgottenConnections = 0; // closed, records dropped for the cap
        qint64 memoryUsed = 0;
        qint64 memoryCap = 0;
        // Bytes sent (and recorded) but not yet taken by the kernel, for every
        // connection together: memory outside the cap, bounded per connection.
        qint64 sendQueued = 0;
    };

    explicit TrafficStore(QObject *parent = nullptr);
    ~TrafficStore() override;

    void setMemoryCap(qint64 bytes);
    qint64 memoryCap() const;

    // Writers (any thread).
    // Records a (local, peer) pair once, e.g. per connection, for events to refer to.
    AddressId addAddresses(const QString &local, const QString &peer);
    ConnectionId openConnection(SessionId session, AddressId addresses, bool datagram,
                                Initiator initiator = Initiator::Peer);
    // Ends a connection's record without an event of its own, e.g. a datagram
    // peer when its session's socket closes (there is nothing to tell it).
    void endConnection(ConnectionId id, Closer closer = Closer::Local);
    void setSessionName(SessionId session, const QString &name);
    quint64 append(SessionId session, ConnectionId connection, AddressId addresses, EventKind kind,
                   QByteArrayView payload = {}, Closer closer = Closer::None);

    // Events that happened earlier, e.g. read from a capture file: they keep
    // their own time instead of the clock's. A batch takes the lock once.
    struct TimedEvent
    {
        qint64 timeUs = 0;
        SessionId session = 0;
        ConnectionId connection = 0;
        AddressId addresses = 0;
        EventKind kind = EventKind::Note;
        Closer closer = Closer::None;
        QByteArrayView payload;
    };
    ConnectionId openConnection(SessionId session, AddressId addresses, bool datagram,
                                qint64 openedUs, Initiator initiator = Initiator::Peer);
    quint64 appendAt(qint64 timeUs, SessionId session, ConnectionId connection, AddressId addresses,
                     EventKind kind, QByteArrayView payload = {}, Closer closer = Closer::None);
    // Returns the seq of the last event appended (0 for an empty batch).
    quint64 appendBatch(const TimedEvent *events, qsizetype count);
    // Connections report what waits in their outgoing buffers (+queued, -sent).
    void addSendQueued(qint64 delta) { m_sendQueued.fetch_add(delta, std::memory_order_relaxed); }
    // Drops every event and payload, keeping sessions, addresses and connections.
    void clear();

    // Readers (any thread). firstSeq() is the oldest kept event; the store is
    // empty when firstSeq() > lastSeq().
    quint64 firstSeq() const;
    quint64 lastSeq() const;
    bool event(quint64 seq, TrafficEvent *out) const;
    // QObject's event(QEvent *) stays visible beside the reader above.
    using QObject::event;
    // Copies events [from, to] that are still kept (clipped to the kept range).
    QList<TrafficEvent> events(quint64 from, quint64 to) const;
    // The payload of an event, up to maxBytes (-1: all). Empty once evicted.
    QByteArray payload(const TrafficEvent &event, qsizetype maxBytes = -1) const;
    // Events [from, to] (clipped to the kept range) with their payloads, read
    // under one lock, for readers that need both for every event (capture
    // writing); fewer events once their payloads pass maxBytes (at least one).
    // Refills *out, keeping its capacity.
    struct EventBatch
    {
        QList<TrafficEvent> events;
        QByteArray payloads;         // one after another
        std::vector<qsizetype> ends; // where the payload of events[i] ends
        // Empty once evicted (then shorter than the event's payloadSize).
        QByteArrayView payload(qsizetype i) const
        {
            const qsizetype begin = i == 0 ? 0 : ends[size_t(i - 1)];
            return QByteArrayView(payloads.constData() + begin, ends[size_t(i)] - begin);
        }
    };
    void readBatch(quint64 from, quint64 to, qint64 maxBytes, EventBatch *out) const;
    AddressPair addresses(AddressId id) const;
    QString sessionName(SessionId session) const;
    // Changes whenever a session is named: a reader that kept names from an
    // earlier revision reads them again (read this first, then the names).
    quint64 sessionNamesRevision() const
    {
        return m_sessionNamesRevision.load(std::memory_order_acquire);
    }
    bool connection(ConnectionId id, ConnectionInfo *out) const;
    // A received event's round trip in microseconds, -1 when it has none.
    qint64 roundTripUs(quint64 seq) const;
    // The round trips of the kept events seq in [from, to], in seq order.
    QList<RoundTrip::Mark> roundTrips(quint64 from, quint64 to) const;
    // Connections whose record changed after `serial`; *latest receives the
    // serial to pass next time.
    QList<ConnectionInfo> connectionsChangedSince(quint64 serial, quint64 *latest) const;
    Totals totals() const;
    // Calls read(const RateBuckets &) under the store's lock: keep it short
    // (copy the one series a plot draws), appends wait meanwhile.
    template <typename F> void readRates(F &&read) const
    {
        std::lock_guard lock(m_mutex);
        read(m_rates);
    }

    static qint64 nowUs();

    // Eviction holds, for readers that must see every event, such as the
    // capture recorder writing them to disk: events from a hold's seq on are
    // not evicted by the memory cap while the reader catches up. Memory stays
    // bounded: past twice the cap the oldest events go anyway, and the reader
    // sees the gap as firstSeq() beyond its hold. Any thread.
    using HoldId = quint32;
    HoldId addEvictionHold(quint64 fromSeq);
    void moveEvictionHold(HoldId hold, quint64 fromSeq); // may evict what the cap asked for
    void removeEvictionHold(HoldId hold);

Q_SIGNALS:
    // Emitted in the store's thread after one or more appends: at once after a
    // quiet spell, then at most once per AppendNotifier::IntervalMs while
    // appends go on. Readers fetch the new range themselves.
    void eventsAppended();
    void cleared();

private:
    struct Chunk
    {
        quint64 start = 0; // arena offset of data[0]
        qsizetype capacity = 0;
        qsizetype used = 0;
        std::unique_ptr<char[]> data;
    };

    quint64 storePayloadLocked(QByteArrayView payload);
    const Chunk *chunkForLocked(quint64 offset) const;
    // What eviction does next to fit `incoming` more bytes under the cap:
    // nothing (they fit, or what is over may not go), the oldest chunk with
    // its events, or, with one chunk left, `events` of the oldest events.
    // Records of closed connections whose events are gone are forgotten on
    // the way, before any event. The one place that decides what goes.
    struct EvictionStep
    {
        enum class Kind { Nothing, FrontChunk, OldestEvents };
        Kind kind = Kind::Nothing;
        size_t events = 0;
    };
    EvictionStep nextEvictionLocked(qint64 incoming);
    void evictLocked();
    // Drops the oldest chunk with its events; returns its memory.
    std::unique_ptr<char[]> evictFrontChunkLocked();
    // The memory of the oldest chunk, evicted now when a new chunk of
    // `capacity` bytes would take the store over its cap; null otherwise.
    std::unique_ptr<char[]> recycleChunkLocked(qsizetype capacity);
    bool holdAllowsEvictionLocked(size_t *batch) const;
    quint64 oldestHeldSeqLocked() const;
    qint64 memoryUsedLocked() const;
    void notify();
    void touchConnectionLocked(ConnectionInfo &info);
    quint64 appendLocked(const TimedEvent &event);

    // Connection records, bounded (see ConnectionInfo).
    ConnectionInfo *connectionLocked(ConnectionId id) { return m_connections.find(id); }
    void connectionClosedLocked(ConnectionId id, quint64 closedSeq);
    bool forgetClosedConnectionsLocked();
    qint64 recordBytesLocked() const;

    mutable std::mutex m_mutex;
    std::deque<TrafficEvent> m_events;
    std::deque<Chunk> m_chunks;
    quint64 m_nextSeq = 1;
    quint64 m_arenaEnd = 0;  // offset of the next payload byte
    qint64 m_chunkBytes = 0; // sum of chunk capacities
    qint64 m_chunkSize = 0;
    qint64 m_cap = DefaultMemoryCap;
    quint64 m_evicted = 0;
    quint64 m_bytesIn = 0;
    quint64 m_bytesOut = 0;
    RateBuckets m_rates; // messages and bytes per second, for plots and statistics
    quint64 m_openConnections = 0;
    quint64 m_connectionSerial = 0;
    RecordTable<AddressId, AddressPair> m_addresses;
    qint64 m_addressBytes = 0;
    RecordTable<ConnectionId, ConnectionInfo> m_connections;
    // Closed connections, in the order of their Closed event: (its seq, id).
    std::deque<std::pair<quint64, ConnectionId>> m_closedConnections;
    quint64 m_forgottenConnections = 0;
    RoundTrip::Recorder m_roundTrips;
    std::vector<QString> m_sessionNames; // by session id
    std::atomic<quint64> m_sessionNamesRevision{0};
    std::vector<std::pair<HoldId, quint64>> m_holds; // eviction holds: id, first held seq
    HoldId m_nextHoldId = 1;
    AppendNotifier *m_notifier; // announces appends as eventsAppended
    std::atomic<qint64> m_sendQueued{0};
};
