#include "capturesink.h"

namespace {

// Small enough that the window shows the first rows at once and a batch never
// holds the store's lock for long; large enough that locking costs nothing.
constexpr size_t MaxBatchEvents = 2048;
constexpr qsizetype MaxBatchBytes = 1024 * 1024;

} // namespace

CaptureSink::CaptureSink(TrafficStore *store)
    : m_store(store)
{
    m_pending.reserve(MaxBatchEvents);
    m_batch.reserve(MaxBatchEvents);
    m_payloads.reserve(size_t(MaxBatchBytes));
}

CaptureSink::~CaptureSink() = default;

AddressId CaptureSink::addresses(const QString &local, const QString &peer)
{
    const QString key = local + QLatin1Char('\n') + peer;
    auto it = m_addresses.constFind(key);
    if (it != m_addresses.constEnd())
        return *it;
    const AddressId id = m_store->addAddresses(local, peer);
    m_addresses.insert(key, id);
    return id;
}

ConnectionId CaptureSink::openConnection(SessionId session, AddressId addresses, bool datagram,
                                         qint64 timeUs, TrafficStore::Initiator initiator)
{
    return m_store->openConnection(session, addresses, datagram, timeUs, initiator);
}

void CaptureSink::append(qint64 timeUs, SessionId session, ConnectionId connection,
                         AddressId addresses, EventKind kind, QByteArrayView payload, Closer closer)
{
    Pending p;
    p.event.timeUs = timeUs;
    p.event.session = session;
    p.event.connection = connection;
    p.event.addresses = addresses;
    p.event.kind = kind;
    p.event.closer = closer;
    p.offset = qsizetype(m_payloads.size());
    p.size = payload.size();
    m_payloads.insert(m_payloads.end(), payload.begin(), payload.end());
    m_pending.push_back(p);
    ++m_events;
    if (m_pending.size() >= MaxBatchEvents || qsizetype(m_payloads.size()) >= MaxBatchBytes)
        flush();
}

void CaptureSink::flush()
{
    if (m_pending.empty())
        return;
    // Views into the payload buffer are made only now: it may have grown (and
    // moved) while the batch was collected.
    m_batch.clear();
    for (const Pending &p : m_pending) {
        TrafficStore::TimedEvent event = p.event;
        event.payload = QByteArrayView(m_payloads.data() + p.offset, p.size);
        m_batch.push_back(event);
    }
    m_store->appendBatch(m_batch.data(), qsizetype(m_batch.size()));
    m_pending.clear();
    m_payloads.clear();
    if (m_flushed)
        m_flushed();
}
