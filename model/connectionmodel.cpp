#include "connectionmodel.h"

#include "eventformat.h"
#include "languagewatcher.h"
#include "roundtrip.h"

#include <QLocale>

#include <algorithm>

namespace {
constexpr int FlushIntervalMs = 100;
}

ConnectionModel::ConnectionModel(TrafficStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &ConnectionModel::flush);
    connect(store, &TrafficStore::eventsAppended, this, &ConnectionModel::scheduleFlush);
    m_sinceFlush.start();
    flush();
    // The headers and the state column ("connected", "closed") are translated.
    new LanguageWatcher(
        [this] {
            Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
            if (const int rows = rowCount(); rows > 0)
                Q_EMIT dataChanged(index(0, StateColumn), index(rows - 1, StateColumn));
        },
        this);
}

void ConnectionModel::scheduleFlush()
{
    if (m_flushTimer.isActive())
        return;
    m_flushTimer.start(int(qMax<qint64>(0, FlushIntervalMs - m_sinceFlush.elapsed())));
}

bool ConnectionModel::accepts(const TrafficStore::ConnectionInfo &info) const
{
    if (m_session != 0 && info.session != m_session)
        return false;
    return info.datagram || info.state == TrafficStore::ConnectionState::Open;
}

void ConnectionModel::setSessionFilter(SessionId session)
{
    if (session == m_session)
        return;
    m_session = session;
    rebuild();
}

void ConnectionModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    const auto all = m_store->connectionsChangedSince(0, &m_serial);
    for (const auto &info : all) {
        if (accepts(info)) {
            m_rowOf.insert(info.id, int(m_rows.size()));
            m_rows.append(info);
        }
    }
    endResetModel();
}

void ConnectionModel::flush()
{
    m_sinceFlush.restart();
    const auto changed = m_store->connectionsChangedSince(m_serial, &m_serial);
    if (changed.isEmpty())
        return;
    QList<int> removed;
    QList<TrafficStore::ConnectionInfo> added;
    int firstChanged = -1;
    int lastChanged = -1;
    for (const auto &info : changed) {
        const auto it = m_rowOf.constFind(info.id);
        if (it == m_rowOf.constEnd()) {
            if (accepts(info))
                added.append(info);
        } else if (!accepts(info)) {
            removed.append(*it);
        } else {
            m_rows[*it] = info;
            firstChanged = firstChanged < 0 ? *it : qMin(firstChanged, *it);
            lastChanged = qMax(lastChanged, *it);
        }
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));

    // Remove closed rows from the bottom up, merging runs into one removal.
    std::sort(removed.begin(), removed.end());
    for (qsizetype i = removed.size() - 1; i >= 0;) {
        const int last = removed.at(i);
        int first = last;
        while (i > 0 && removed.at(i - 1) == first - 1) {
            --first;
            --i;
        }
        --i;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    }
    if (!removed.isEmpty()) {
        m_rowOf.clear();
        for (int row = 0; row < m_rows.size(); ++row)
            m_rowOf.insert(m_rows.at(row).id, row);
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const auto &info : std::as_const(added)) {
            m_rowOf.insert(info.id, int(m_rows.size()));
            m_rows.append(info);
        }
        endInsertRows();
    }
}

int ConnectionModel::rowForConnection(ConnectionId id) const
{
    return m_rowOf.value(id, -1);
}

ConnectionId ConnectionModel::connectionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int ConnectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section >= BytesInColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter); // over its numbers
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        switch (section) {
        case MessagesInColumn:
            return tr("Messages received from the peer");
        case MessagesOutColumn:
            return tr("Messages sent to the peer");
        case BytesInColumn:
            return tr("Bytes received from the peer");
        case BytesOutColumn:
            return tr("Bytes sent to the peer");
        case RoundTripMinColumn:
            return tr("Fastest round trip: from a message sent to the first reply received");
        case RoundTripMeanColumn:
            return tr("Mean round trip: from a message sent to the first reply received");
        case RoundTripP99Column:
            return tr("99th percentile of the round trips: 99 in 100 replies came faster");
        }
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PeerColumn:
        return tr("Peer");
    case LocalColumn:
        return tr("Local");
    case StateColumn:
        return tr("State");
    case OpenedColumn:
        return tr("Opened at");
    case BytesInColumn:
        return tr("Bytes in");
    case BytesOutColumn:
        return tr("Bytes out");
    // Short: the counters sit beside the peer in a narrow side column.
    case MessagesInColumn:
        return tr("In");
    case MessagesOutColumn:
        return tr("Out");
    case RoundTripMinColumn:
        return tr("RTT min");
    case RoundTripMeanColumn:
        return tr("RTT mean");
    case RoundTripP99Column:
        return tr("RTT p99");
    }
    return {};
}

QVariant ConnectionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrafficStore::ConnectionInfo &info = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        const QLocale locale;
        switch (index.column()) {
        case PeerColumn:
            return m_store->addresses(info.addresses).peer;
        case LocalColumn:
            return m_store->addresses(info.addresses).local;
        case StateColumn:
            // A datagram peer stays listed; it is closed when its socket is
            // (the session stopped, or a UDP relay client's idle timeout).
            if (info.datagram && info.state == TrafficStore::ConnectionState::Open)
                return tr("UDP peer");
            return info.state == TrafficStore::ConnectionState::Open ? tr("connected")
                                                                     : tr("closed");
        case OpenedColumn:
            return EventFormat::clockTime(info.openedUs);
        case BytesInColumn:
            return locale.toString(info.bytesIn);
        case BytesOutColumn:
            return locale.toString(info.bytesOut);
        case MessagesInColumn:
            return locale.toString(info.messagesIn);
        case MessagesOutColumn:
            return locale.toString(info.messagesOut);
        case RoundTripMinColumn:
        case RoundTripMeanColumn:
        case RoundTripP99Column: {
            const RoundTrip::Stats &rtt = info.roundTrip;
            if (rtt.count == 0)
                return {};
            const qint64 us = index.column() == RoundTripMinColumn    ? rtt.minUs
                              : index.column() == RoundTripMeanColumn ? rtt.meanUs()
                                                                      : rtt.p99Us;
            return RoundTrip::text(us, locale);
        }
        }
        return {};
    }
    case Qt::TextAlignmentRole:
        if (index.column() >= BytesInColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ConnectionIdRole:
        return info.id;
    case SessionRole:
        return info.session;
    case DatagramRole:
        return info.datagram;
    case PeerAddressRole:
        return m_store->addresses(info.addresses).peer;
    }
    return {};
}
