#include "logfiltermodel.h"

#include "callqueue.h"
#include "logfiltermatcher.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QElapsedTimer>

#include <algorithm>

namespace {

// Events copied out of the store per lock: short enough that appends on the
// engine thread never wait long for the scan.
constexpr quint64 BlockEvents = 4096;
// The worker hands its matches over at most this often, so the rows found so
// far show as they come without a flood of inserts.
constexpr qint64 HandOverMs = 25;

} // namespace

LogFilterModel::LogFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
    , m_calls(new CallQueue(this))
{}

LogFilterModel::~LogFilterModel()
{
    // The scan calls back into this object: stop it before members go.
    cancelScan();
    m_worker.waitForDone();
}

LogFilterModel::Direction LogFilterModel::directionOf(EventKind kind)
{
    switch (kind) {
    case EventKind::Received:
        return In;
    case EventKind::Sent:
        return Out;
    case EventKind::Error:
        return Error;
    default:
        return State;
    }
}

void LogFilterModel::setSourceModel(QAbstractItemModel *source)
{
    if (source == sourceModel())
        return;
    cancelScan();
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();

    m_kept.clear();
    beginResetModel();
    QAbstractProxyModel::setSourceModel(source);
    m_source = qobject_cast<TrafficLogModel *>(source);
    Q_ASSERT(m_source || !source);
    m_seqs.clear();
    m_scannedTo = m_source ? sourceFirstSeq() - 1 : 0;
    endResetModel();
    if (!m_source)
        return;

    m_sourceConnections = {
        connect(m_source, &QAbstractItemModel::rowsInserted, this, &LogFilterModel::catchUp),
        // The log only loses rows at the top, to the memory cap.
        connect(m_source, &QAbstractItemModel::rowsRemoved, this, &LogFilterModel::dropEvicted),
        connect(m_source, &QAbstractItemModel::modelReset, this,
                [this] {
                    m_kept.clear(); // the log was cleared
                    refilter();
                }),
        connect(m_source, &QAbstractItemModel::headerDataChanged, this,
                &QAbstractItemModel::headerDataChanged),
        // The window may delete the log model before this one.
        connect(m_source, &QObject::destroyed, this,
                [this] {
                    cancelScan();
                    m_worker.waitForDone();
                    beginResetModel();
                    m_source = nullptr;
                    m_seqs.clear();
                    endResetModel();
                }),
    };
    catchUp();
}

void LogFilterModel::setCriteria(const QString &text, Directions directions, SessionId session)
{
    if (text == m_criteria.text && directions == m_criteria.directions &&
        session == m_criteria.session)
        return;
    const Criteria previous = m_criteria;
    keepResult(previous);
    m_criteria.text = text;
    m_criteria.directions = directions;
    m_criteria.session = session;
    if (!reuseResult() && !narrowTo(previous))
        refilter();
}

void LogFilterModel::setConnection(ConnectionId connection)
{
    if (connection == m_criteria.connection)
        return;
    keepResult(m_criteria);
    m_criteria.connection = connection;
    if (!reuseResult())
        refilter();
}

bool LogFilterModel::isActive() const
{
    return !m_criteria.text.isEmpty() || m_criteria.directions != AllDirections ||
           m_criteria.session != 0 || m_criteria.connection != 0;
}

void LogFilterModel::refilter()
{
    cancelScan();
    beginResetModel();
    m_seqs.clear();
    m_scannedTo = m_source ? sourceFirstSeq() - 1 : 0;
    endResetModel();
    catchUp();
}

namespace {

bool sameCriteria(const LogFilterModel::Criteria &a, const LogFilterModel::Criteria &b)
{
    return a.text == b.text && a.directions == b.directions && a.session == b.session &&
           a.connection == b.connection;
}

} // namespace

void LogFilterModel::keepResult(const Criteria &criteria)
{
    if (!m_source || m_scanning || !isActive())
        return;
    m_kept.push_back({criteria, m_seqs, m_scannedTo});
    // Bounded: the oldest results go first.
    size_t total = 0;
    for (const Kept &kept : m_kept)
        total += kept.seqs.size();
    while (!m_kept.empty() && (m_kept.size() > KeptResults || total > KeptSeqs)) {
        total -= m_kept.front().seqs.size();
        m_kept.erase(m_kept.begin());
    }
}

bool LogFilterModel::reuseResult()
{
    const auto found = std::find_if(m_kept.begin(), m_kept.end(), [this](const Kept &kept) {
        return sameCriteria(kept.criteria, m_criteria);
    });
    if (!m_source || found == m_kept.end())
        return false;
    cancelScan();
    beginResetModel();
    m_seqs = std::move(found->seqs);
    m_scannedTo = found->scannedTo;
    m_kept.erase(found);
    // Rows evicted since then are gone; rows added since are filtered next.
    m_seqs.erase(m_seqs.begin(), std::lower_bound(m_seqs.begin(), m_seqs.end(), sourceFirstSeq()));
    endResetModel();
    catchUp();
    return true;
}

bool LogFilterModel::narrowTo(const Criteria &previous)
{
    // A text that contains the previous one matches a subset of its rows (the
    // escaped preview is consulted only for a text with a backslash, so the
    // first backslash widens the search).
    const QChar backslash = QLatin1Char('\\');
    if (!m_source || m_scanning || previous.text.isEmpty() ||
        previous.directions != m_criteria.directions || previous.session != m_criteria.session ||
        previous.connection != m_criteria.connection ||
        !m_criteria.text.contains(previous.text, Qt::CaseInsensitive) ||
        (m_criteria.text.contains(backslash) && !previous.text.contains(backslash)))
        return false;
    const quint64 scannedTo = m_scannedTo;
    cancelScan();
    std::vector<quint64> candidates;
    beginResetModel();
    candidates.swap(m_seqs);
    endResetModel();
    if (candidates.size() > SyncRows) {
        const quint64 from = candidates.front(); // before the move below
        startScan(from, scannedTo, std::move(candidates));
        return true;
    }
    LogFilterMatcher matcher(m_source->store(), m_criteria);
    std::vector<quint64> found;
    TrafficEvent event;
    for (const quint64 seq : candidates) {
        if (m_source->store()->event(seq, &event) && matcher.matches(event))
            found.push_back(seq);
    }
    appendSeqs(found);
    catchUp();
    return true;
}

void LogFilterModel::catchUp()
{
    // A running scan continues with the rows that came meanwhile when it ends.
    if (!m_source || m_scanning || !isActive())
        return;
    const quint64 from = qMax(m_scannedTo + 1, sourceFirstSeq());
    const quint64 to = sourceLastSeq();
    if (to < from)
        return;
    if (to - from + 1 > SyncRows) {
        startScan(from, to);
        return;
    }
    LogFilterMatcher matcher(m_source->store(), m_criteria);
    std::vector<quint64> found;
    for (quint64 first = from; first <= to; first += BlockEvents) {
        const QList<TrafficEvent> events =
            m_source->store()->events(first, qMin(to, first + BlockEvents - 1));
        for (const TrafficEvent &event : events) {
            if (matcher.matches(event))
                found.push_back(event.seq);
        }
    }
    m_scannedTo = to;
    appendSeqs(found);
}

void LogFilterModel::startScan(quint64 from, quint64 to, std::vector<quint64> candidates)
{
    m_scanning = true;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    const quint64 generation = m_generation;
    const TrafficStore *store = m_source->store();
    const Criteria criteria = m_criteria;
    Q_EMIT scanProgress(true, 0);
    // `this` outlives the job: the destructor cancels it and waits.
    auto shared = std::make_shared<const std::vector<quint64>>(std::move(candidates));
    m_worker.post([this, store, criteria, from, to, generation, cancel, shared] {
        LogFilterMatcher matcher(store, criteria);
        const std::vector<quint64> &only = *shared;
        // Positions in the log, or in the candidates when there are some.
        const quint64 total = only.empty() ? to - from + 1 : quint64(only.size());
        std::vector<quint64> found;
        QElapsedTimer sinceHandOver;
        sinceHandOver.start();
        TrafficEvent candidate;
        for (quint64 first = 0; first < total; first += BlockEvents) {
            if (cancel->load(std::memory_order_relaxed))
                return;
            const quint64 end = qMin(total, first + BlockEvents);
            quint64 last = to;
            if (only.empty()) {
                last = from + end - 1;
                const QList<TrafficEvent> events = store->events(from + first, last);
                for (const TrafficEvent &event : events) {
                    if (matcher.matches(event))
                        found.push_back(event.seq);
                }
            } else {
                for (quint64 i = first; i < end; ++i) {
                    if (store->event(only[i], &candidate) && matcher.matches(candidate))
                        found.push_back(only[i]);
                }
                last = end == total ? to : only[end - 1];
            }
            const bool done = end == total;
            if (!done && sinceHandOver.elapsed() < HandOverMs)
                continue;
            sinceHandOver.restart();
            const int percent = int(end * 100 / total);
            m_calls->post([this, generation, seqs = std::move(found), last, done, percent] {
                takeMatches(generation, seqs, last, done, percent);
            });
            found = {};
        }
    });
}

void LogFilterModel::takeMatches(quint64 generation, const std::vector<quint64> &seqs,
                                 quint64 scannedTo, bool done, int percent)
{
    if (generation != m_generation)
        return; // a newer filter replaced this scan
    m_scannedTo = scannedTo;
    appendSeqs(seqs);
    if (!done) {
        Q_EMIT scanProgress(true, percent);
        return;
    }
    m_scanning = false;
    m_cancel.reset();
    Q_EMIT scanProgress(false, 100);
    catchUp();
}

void LogFilterModel::appendSeqs(const std::vector<quint64> &seqs)
{
    // Rows evicted while they were being scanned are not shown.
    const auto kept = std::lower_bound(seqs.begin(), seqs.end(), sourceFirstSeq());
    if (kept == seqs.end())
        return;
    const int first = int(m_seqs.size());
    beginInsertRows({}, first, first + int(seqs.end() - kept) - 1);
    m_seqs.insert(m_seqs.end(), kept, seqs.end());
    endInsertRows();
}

void LogFilterModel::dropEvicted()
{
    const auto kept = std::lower_bound(m_seqs.begin(), m_seqs.end(), sourceFirstSeq());
    if (kept == m_seqs.begin())
        return;
    beginRemoveRows({}, 0, int(kept - m_seqs.begin()) - 1);
    m_seqs.erase(m_seqs.begin(), kept);
    endRemoveRows();
}

void LogFilterModel::cancelScan()
{
    ++m_generation;
    if (m_cancel)
        m_cancel->store(true, std::memory_order_relaxed);
    m_cancel.reset();
    if (!m_scanning)
        return;
    m_scanning = false;
    Q_EMIT scanProgress(false, 100);
}

quint64 LogFilterModel::sourceFirstSeq() const
{
    return m_source->seqAt(0);
}

quint64 LogFilterModel::sourceLastSeq() const
{
    return m_source->seqAt(m_source->rowCount()) - 1;
}

QModelIndex LogFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex LogFilterModel::parent(const QModelIndex &) const
{
    return {};
}

int LogFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_seqs.size());
}

int LogFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_source ? 0 : m_source->columnCount();
}

bool LogFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_seqs.empty();
}

QModelIndex LogFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_source || !proxyIndex.isValid() || proxyIndex.model() != this ||
        proxyIndex.row() >= rowCount())
        return {};
    const int row = m_source->rowForSeq(m_seqs[size_t(proxyIndex.row())]);
    return row >= 0 ? m_source->index(row, proxyIndex.column()) : QModelIndex();
}

QModelIndex LogFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!m_source || !sourceIndex.isValid() || sourceIndex.model() != m_source)
        return {};
    const quint64 seq = m_source->seqAt(sourceIndex.row());
    const auto found = std::lower_bound(m_seqs.begin(), m_seqs.end(), seq);
    if (found == m_seqs.end() || *found != seq)
        return {};
    return createIndex(int(found - m_seqs.begin()), sourceIndex.column());
}

QVariant LogFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // The columns are the log's own, whether or not any row passes.
    if (orientation == Qt::Horizontal && m_source)
        return m_source->headerData(section, orientation, role);
    return QAbstractItemModel::headerData(section, orientation, role);
}
