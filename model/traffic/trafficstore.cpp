#include "trafficstore.h"
#include "appendnotifier.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>

namespace {

// Chunks are allocated whole; a payload never straddles two, so a payload larger
// than a chunk gets a chunk of its own.
constexpr qint64 MaxChunkSize = 1024 * 1024;
constexpr qint64 MinChunkSize = 4 * 1024;
// Rough heap cost of a recorded address pair's strings, for the cap.
constexpr qint64 AddressPairOverhead = 64;

qint64 addressBytes(const QString &local, const QString &peer)
{
    return AddressPairOverhead + (local.size() + peer.size()) * 2;
}

} // namespace

TrafficStore::TrafficStore(QObject *parent)
    : QObject(parent)
    , m_notifier(new AppendNotifier(this))
{
    setMemoryCap(DefaultMemoryCap);
    m_sessionNames.resize(1);
    connect(m_notifier, &AppendNotifier::appended, this, &TrafficStore::eventsAppended);
}

TrafficStore::~TrafficStore() = default;

qint64 TrafficStore::nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

void TrafficStore::setMemoryCap(qint64 bytes)
{
    std::lock_guard lock(m_mutex);
    m_cap = std::max<qint64>(bytes, 64 * 1024);
    // Eviction frees a chunk at a time, so chunks must be small against the cap.
    m_chunkSize = std::clamp<qint64>(m_cap / 16, MinChunkSize, MaxChunkSize);
    evictLocked();
}

qint64 TrafficStore::memoryCap() const
{
    std::lock_guard lock(m_mutex);
    return m_cap;
}

AddressId TrafficStore::addAddresses(const QString &local, const QString &peer)
{
    std::lock_guard lock(m_mutex);
    m_addressBytes += addressBytes(local, peer);
    return m_addresses.add({local, peer});
}

ConnectionId TrafficStore::openConnection(SessionId session, AddressId addresses, bool datagram,
                                          Initiator initiator)
{
    return openConnection(session, addresses, datagram, nowUs(), initiator);
}

ConnectionId TrafficStore::openConnection(SessionId session, AddressId addresses, bool datagram,
                                          qint64 openedUs, Initiator initiator)
{
    std::lock_guard lock(m_mutex);
    ConnectionInfo info;
    info.id = m_connections.nextId();
    info.session = session;
    info.addresses = addresses;
    info.datagram = datagram;
    info.initiator = initiator;
    info.openedUs = openedUs;
    info.lastActivityUs = info.openedUs;
    info.changeSerial = ++m_connectionSerial;
    m_connections.add(info);
    ++m_openConnections;
    return info.id;
}

void TrafficStore::endConnection(ConnectionId id, Closer closer)
{
    std::lock_guard lock(m_mutex);
    ConnectionInfo *info = m_connections.find(id);
    if (!info || info->state != ConnectionState::Open)
        return;
    info->state = ConnectionState::Closed;
    info->closer = closer;
    info->closedUs = nowUs();
    --m_openConnections;
    touchConnectionLocked(*info);
    // Forgettable once the session's last event so far is evicted.
    connectionClosedLocked(id, m_nextSeq - 1);
}

void TrafficStore::setSessionName(SessionId session, const QString &name)
{
    std::lock_guard lock(m_mutex);
    if (m_sessionNames.size() <= session)
        m_sessionNames.resize(size_t(session) + 1);
    m_sessionNames[session] = name;
    m_sessionNamesRevision.fetch_add(1, std::memory_order_release);
}

void TrafficStore::touchConnectionLocked(ConnectionInfo &info)
{
    info.changeSerial = ++m_connectionSerial;
}

quint64 TrafficStore::append(SessionId session, ConnectionId connection, AddressId addresses,
                             EventKind kind, QByteArrayView payload, Closer closer)
{
    return appendAt(nowUs(), session, connection, addresses, kind, payload, closer);
}

quint64 TrafficStore::appendAt(qint64 timeUs, SessionId session, ConnectionId connection,
                               AddressId addresses, EventKind kind, QByteArrayView payload,
                               Closer closer)
{
    TimedEvent event;
    event.timeUs = timeUs;
    event.session = session;
    event.connection = connection;
    event.addresses = addresses;
    event.kind = kind;
    event.closer = closer;
    event.payload = payload;
    return appendBatch(&event, 1);
}

quint64 TrafficStore::appendBatch(const TimedEvent *events, qsizetype count)
{
    if (count <= 0)
        return 0;
    quint64 seq = 0;
    {
        std::lock_guard lock(m_mutex);
        for (qsizetype i = 0; i < count; ++i)
            seq = appendLocked(events[i]);
        evictLocked();
    }
    notify();
    return seq;
}

quint64 TrafficStore::appendLocked(const TimedEvent &event)
{
    const QByteArrayView payload = event.payload;
    const EventKind kind = event.kind;
    TrafficEvent ev;
    ev.seq = m_nextSeq++;
    ev.timeUs = event.timeUs;
    ev.payloadOffset = storePayloadLocked(payload);
    ev.payloadSize = quint32(payload.size());
    ev.connection = event.connection;
    ev.addresses = event.addresses;
    ev.session = event.session;
    ev.kind = kind;
    ev.closer = event.closer;
    m_events.push_back(ev);

    if (kind == EventKind::Received) {
        m_bytesIn += quint64(payload.size());
        m_rates.add(ev.timeUs, ev.session, false, ev.payloadSize);
    } else if (kind == EventKind::Sent) {
        m_bytesOut += quint64(payload.size());
        m_rates.add(ev.timeUs, ev.session, true, ev.payloadSize);
    }

    const ConnectionId connection = event.connection;
    if (ConnectionInfo *record = connection > 0 ? connectionLocked(connection) : nullptr) {
        ConnectionInfo &info = *record;
        info.lastActivityUs = ev.timeUs;
        if (kind == EventKind::Received) {
            info.bytesIn += quint64(payload.size());
            ++info.messagesIn;
            touchConnectionLocked(info);
        } else if (kind == EventKind::Sent) {
            info.bytesOut += quint64(payload.size());
            ++info.messagesOut;
            touchConnectionLocked(info);
        } else if (kind == EventKind::Closed && info.state == ConnectionState::Open) {
            info.state = ConnectionState::Closed;
            info.closer = event.closer;
            info.closedUs = ev.timeUs;
            --m_openConnections;
            touchConnectionLocked(info);
            connectionClosedLocked(connection, ev.seq);
        }
        if (ev.hasWirePayload())
            m_roundTrips.record(info.roundTrip, connection, kind, ev.seq, ev.timeUs);
    }
    return ev.seq;
}

quint64 TrafficStore::storePayloadLocked(QByteArrayView payload)
{
    const qsizetype size = payload.size();
    if (size == 0)
        return m_arenaEnd;
    if (m_chunks.empty() || m_chunks.back().capacity - m_chunks.back().used < size) {
        // Leave the rest of the current chunk unused: offsets stay monotonic, which
        // is what lets eviction drop events and chunks together from the front.
        if (!m_chunks.empty())
            m_arenaEnd = m_chunks.back().start + quint64(m_chunks.back().capacity);
        Chunk chunk;
        chunk.capacity = std::max<qsizetype>(qsizetype(m_chunkSize), size);
        chunk.data = recycleChunkLocked(chunk.capacity);
        if (!chunk.data)
            chunk.data.reset(new char[size_t(chunk.capacity)]);
        chunk.start = m_arenaEnd;
        m_chunkBytes += chunk.capacity;
        m_chunks.push_back(std::move(chunk));
    }
    Chunk &chunk = m_chunks.back();
    const quint64 offset = chunk.start + quint64(chunk.used);
    std::memcpy(chunk.data.get() + chunk.used, payload.data(), size_t(size));
    chunk.used += size;
    m_arenaEnd = offset + quint64(size);
    return offset;
}

const TrafficStore::Chunk *TrafficStore::chunkForLocked(quint64 offset) const
{
    auto it = std::upper_bound(m_chunks.begin(), m_chunks.end(), offset,
                               [](quint64 value, const Chunk &c) { return value < c.start; });
    if (it == m_chunks.begin())
        return nullptr;
    --it;
    if (offset >= it->start + quint64(it->used))
        return nullptr;
    return &*it;
}

qint64 TrafficStore::memoryUsedLocked() const
{
    return qint64(m_events.size() * sizeof(TrafficEvent)) + m_chunkBytes + recordBytesLocked() +
           m_roundTrips.bytes();
}

TrafficStore::EvictionStep TrafficStore::nextEvictionLocked(qint64 incoming)
{
    while (memoryUsedLocked() + incoming > m_cap) {
        // Records of closed connections whose events are gone go first: that
        // costs nothing anyone can still see in the log.
        if (forgetClosedConnectionsLocked())
            continue;
        if (m_events.empty())
            break;
        size_t batch = std::min<size_t>(m_events.size(), 4096);
        if (!holdAllowsEvictionLocked(&batch))
            break;
        if (m_chunks.size() > 1)
            return {EvictionStep::Kind::FrontChunk, 0};
        // Events alone are over the cap.
        return {EvictionStep::Kind::OldestEvents, batch};
    }
    return {};
}

void TrafficStore::evictLocked()
{
    for (;;) {
        const EvictionStep step = nextEvictionLocked(0);
        if (step.kind == EvictionStep::Kind::FrontChunk) {
            evictFrontChunkLocked();
        } else if (step.kind == EvictionStep::Kind::OldestEvents) {
            m_events.erase(m_events.begin(), m_events.begin() + qsizetype(step.events));
            m_evicted += quint64(step.events);
            m_roundTrips.dropBefore(m_events.empty() ? m_nextSeq : m_events.front().seq);
        } else {
            break;
        }
    }
    if (m_events.empty()) {
        m_chunks.clear();
        m_chunkBytes = 0;
    }
}

std::unique_ptr<char[]> TrafficStore::evictFrontChunkLocked()
{
    // Payload offsets grow with seq, so the events of the oldest chunk are
    // exactly the events at the front that start before its end.
    const size_t before = m_events.size();
    const quint64 end = m_chunks.front().start + quint64(m_chunks.front().capacity);
    while (!m_events.empty() && m_events.front().payloadOffset < end)
        m_events.pop_front();
    std::unique_ptr<char[]> data = std::move(m_chunks.front().data);
    m_chunkBytes -= m_chunks.front().capacity;
    m_chunks.pop_front();
    m_evicted += quint64(before - m_events.size());
    m_roundTrips.dropBefore(m_events.empty() ? m_nextSeq : m_events.front().seq);
    return data;
}

std::unique_ptr<char[]> TrafficStore::recycleChunkLocked(qsizetype capacity)
{
    // A full store evicts its oldest chunk for every new one. Evicted first,
    // that chunk's memory becomes the new chunk: a fresh allocation would be
    // new pages, and touching each of them for the first time cost a flood
    // (a relay's download) more time than copying the bytes into them. The
    // same events go as evictLocked() would drop after the append: both ask
    // nextEvictionLocked().
    if (nextEvictionLocked(capacity).kind != EvictionStep::Kind::FrontChunk ||
        m_chunks.front().capacity != capacity)
        return nullptr;
    return evictFrontChunkLocked();
}

// --- Eviction holds -------------------------------------------------------
// Kept apart from the rest of the eviction logic: nextEvictionLocked() asks
// only holdAllowsEvictionLocked() whether its next step may go ahead.

TrafficStore::HoldId TrafficStore::addEvictionHold(quint64 fromSeq)
{
    std::lock_guard lock(m_mutex);
    const HoldId id = m_nextHoldId++;
    m_holds.emplace_back(id, fromSeq);
    return id;
}

void TrafficStore::moveEvictionHold(HoldId hold, quint64 fromSeq)
{
    std::lock_guard lock(m_mutex);
    for (auto &h : m_holds) {
        if (h.first == hold)
            h.second = fromSeq;
    }
    evictLocked(); // what the hold kept past the cap may go now
}

void TrafficStore::removeEvictionHold(HoldId hold)
{
    std::lock_guard lock(m_mutex);
    m_holds.erase(std::remove_if(m_holds.begin(), m_holds.end(),
                                 [hold](const auto &h) { return h.first == hold; }),
                  m_holds.end());
    evictLocked();
}

quint64 TrafficStore::oldestHeldSeqLocked() const
{
    quint64 oldest = std::numeric_limits<quint64>::max();
    for (const auto &h : m_holds)
        oldest = std::min(oldest, h.second);
    return oldest;
}

// Whether the next eviction step (the front chunk with its events, or a batch
// of *batch events when there is one chunk) spares every held event. It may
// shrink *batch to stop just before the held events. Past twice the cap the
// holds give way: memory must stay bounded even when a reader is stuck.
bool TrafficStore::holdAllowsEvictionLocked(size_t *batch) const
{
    if (m_holds.empty() || memoryUsedLocked() > 2 * m_cap)
        return true;
    const quint64 front = m_events.front().seq;
    const quint64 held = oldestHeldSeqLocked();
    if (held <= front)
        return false;
    if (held - front >= m_events.size())
        return true; // everything kept is older than the hold
    if (m_chunks.size() > 1) {
        // Payload offsets grow with seq: the held events are safe when the
        // oldest held one lies beyond the front chunk.
        const quint64 end = m_chunks.front().start + quint64(m_chunks.front().capacity);
        return m_events[size_t(held - front)].payloadOffset >= end;
    }
    *batch = std::min<size_t>(*batch, size_t(held - front));
    return true;
}

void TrafficStore::notify()
{
    m_notifier->notify();
}

void TrafficStore::clear()
{
    {
        std::lock_guard lock(m_mutex);
        m_events.clear();
        m_chunks.clear();
        m_chunkBytes = 0;
        m_roundTrips.clearMarks();
    }
    Q_EMIT cleared();
}

// ---- Connection records under the cap ------------------------------------
//
// Every connection ever seen used to keep its record and address pair, so
// after enough short connections the records alone filled the cap and each
// new event was evicted the moment it arrived. Closed connections are queued
// here in the order of their Closed event; once that event is evicted (and
// with it, since events go oldest first, every event of the connection), the
// record and its address pair may be forgotten.

void TrafficStore::connectionClosedLocked(ConnectionId id, quint64 closedSeq)
{
    m_closedConnections.emplace_back(closedSeq, id);
}

bool TrafficStore::forgetClosedConnectionsLocked()
{
    // One at a time: records are forgotten only as far as the cap needs.
    const quint64 firstKept = m_events.empty() ? m_nextSeq : m_events.front().seq;
    while (!m_closedConnections.empty() && m_closedConnections.front().first < firstKept) {
        const ConnectionId id = m_closedConnections.front().second;
        m_closedConnections.pop_front();
        const ConnectionInfo *info = m_connections.find(id);
        if (!info)
            continue;
        if (const AddressPair *pair = m_addresses.find(info->addresses)) {
            m_addressBytes -= addressBytes(pair->local, pair->peer);
            m_addresses.forget(info->addresses);
        }
        m_connections.forget(id);
        m_roundTrips.forget(id);
        ++m_forgottenConnections;
        return true;
    }
    return false;
}

qint64 TrafficStore::recordBytesLocked() const
{
    return m_addressBytes + m_addresses.slotBytes() + m_connections.slotBytes() +
           qint64(m_closedConnections.size() * sizeof(std::pair<quint64, ConnectionId>));
}

quint64 TrafficStore::firstSeq() const
{
    std::lock_guard lock(m_mutex);
    return m_events.empty() ? m_nextSeq : m_events.front().seq;
}

quint64 TrafficStore::lastSeq() const
{
    std::lock_guard lock(m_mutex);
    return m_nextSeq - 1;
}

bool TrafficStore::event(quint64 seq, TrafficEvent *out) const
{
    std::lock_guard lock(m_mutex);
    if (m_events.empty() || seq < m_events.front().seq || seq >= m_nextSeq)
        return false;
    *out = m_events[size_t(seq - m_events.front().seq)];
    return true;
}

QList<TrafficEvent> TrafficStore::events(quint64 from, quint64 to) const
{
    QList<TrafficEvent> result;
    std::lock_guard lock(m_mutex);
    if (m_events.empty())
        return result;
    const quint64 first = m_events.front().seq;
    from = std::max(from, first);
    to = std::min(to, m_nextSeq - 1);
    if (from > to)
        return result;
    result.reserve(qsizetype(to - from + 1));
    const auto begin = m_events.begin() + qsizetype(from - first);
    result.append(QList<TrafficEvent>(begin, begin + qsizetype(to - from + 1)));
    return result;
}

QByteArray TrafficStore::payload(const TrafficEvent &event, qsizetype maxBytes) const
{
    if (event.payloadSize == 0)
        return {};
    std::lock_guard lock(m_mutex);
    if (m_events.empty() || event.seq < m_events.front().seq)
        return {};
    const Chunk *chunk = chunkForLocked(event.payloadOffset);
    if (!chunk)
        return {};
    qsizetype size = qsizetype(event.payloadSize);
    if (maxBytes >= 0)
        size = std::min(size, maxBytes);
    return QByteArray(chunk->data.get() + (event.payloadOffset - chunk->start), size);
}

void TrafficStore::readBatch(quint64 from, quint64 to, qint64 maxBytes, EventBatch *out) const
{
    std::lock_guard lock(m_mutex);
    if (m_events.empty() || std::max(from, m_events.front().seq) > std::min(to, m_nextSeq - 1)) {
        out->events.clear();
        out->payloads.resize(0);
        out->ends.clear();
        return;
    }
    const quint64 first = m_events.front().seq;
    from = std::max(from, first);
    to = std::min(to, m_nextSeq - 1);
    // Sized first and copied in place: an append per event cost as much as
    // reading the payloads one lock at a time.
    const auto begin = m_events.begin() + qsizetype(from - first);
    qsizetype count = 0;
    qint64 bytes = 0;
    for (auto it = begin; count <= qsizetype(to - from) && (count == 0 || bytes < maxBytes);
         ++it, ++count)
        bytes += qint64(it->payloadSize);
    out->events.resize(count);
    std::copy(begin, begin + count, out->events.begin());
    out->ends.resize(size_t(count));
    out->payloads.resize(qsizetype(bytes));
    char *base = out->payloads.data();
    qsizetype used = 0;
    const Chunk *chunk = nullptr; // payloads follow each other: mostly the same chunk
    for (qsizetype i = 0; i < count; ++i) {
        const TrafficEvent &event = begin[i];
        if (event.payloadSize > 0) {
            const quint64 offset = event.payloadOffset;
            if (!chunk || offset < chunk->start || offset >= chunk->start + quint64(chunk->used))
                chunk = chunkForLocked(offset);
            if (chunk) {
                std::memcpy(base + used, chunk->data.get() + (offset - chunk->start),
                            event.payloadSize);
                used += qsizetype(event.payloadSize);
            }
        }
        out->ends[size_t(i)] = used;
    }
    out->payloads.resize(used);
}

TrafficStore::AddressPair TrafficStore::addresses(AddressId id) const
{
    std::lock_guard lock(m_mutex);
    const AddressPair *pair = m_addresses.find(id);
    return pair ? *pair : AddressPair();
}

QString TrafficStore::sessionName(SessionId session) const
{
    std::lock_guard lock(m_mutex);
    return session < m_sessionNames.size() ? m_sessionNames[session] : QString();
}

bool TrafficStore::connection(ConnectionId id, ConnectionInfo *out) const
{
    std::lock_guard lock(m_mutex);
    const ConnectionInfo *info = m_connections.find(id);
    if (!info)
        return false;
    *out = *info;
    return true;
}

qint64 TrafficStore::roundTripUs(quint64 seq) const
{
    std::lock_guard lock(m_mutex);
    return m_roundTrips.find(seq);
}

QList<RoundTrip::Mark> TrafficStore::roundTrips(quint64 from, quint64 to) const
{
    std::lock_guard lock(m_mutex);
    return m_roundTrips.marks(from, to);
}

QList<TrafficStore::ConnectionInfo> TrafficStore::connectionsChangedSince(quint64 serial,
                                                                          quint64 *latest) const
{
    QList<ConnectionInfo> result;
    std::lock_guard lock(m_mutex);
    if (latest)
        *latest = m_connectionSerial;
    if (serial >= m_connectionSerial)
        return result;
    m_connections.forEach([&](const ConnectionInfo &info) {
        if (info.changeSerial > serial)
            result.append(info);
    });
    return result;
}

TrafficStore::Totals TrafficStore::totals() const
{
    std::lock_guard lock(m_mutex);
    Totals t;
    t.events = m_nextSeq - 1;
    t.kept = quint64(m_events.size());
    t.evicted = m_evicted;
    t.bytesIn = m_bytesIn;
    t.bytesOut = m_bytesOut;
    t.openConnections = m_openConnections;
    t.forgottenConnections = m_forgottenConnections;
    t.memoryUsed = memoryUsedLocked();
    t.memoryCap = m_cap;
    t.sendQueued = m_sendQueued.load(std::memory_order_relaxed);
    return t;
}
