#include "trafficlogmodel.h"

#include "eventformat.h"
#include "languagewatcher.h"
#include "payloadcodec.h"
#include "roundtrip.h"
#include "trafficstore.h"

#include <QLocale>

#include <limits>

TrafficLogModel::TrafficLogModel(TrafficStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    m_firstSeq = store->firstSeq();
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &TrafficLogModel::flush);
    connect(store, &TrafficStore::eventsAppended, this, &TrafficLogModel::scheduleFlush);
    connect(store, &TrafficStore::cleared, this, &TrafficLogModel::onCleared);
    m_sinceFlush.start();
    flush();
    // Only the headers and the eviction note are translated, and both are
    // made when asked for.
    new LanguageWatcher([this] { Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); },
                        this);
}

void TrafficLogModel::scheduleFlush()
{
    if (m_paused || m_flushTimer.isActive())
        return;
    // Coalesce: at most one flush per interval however fast events arrive.
    const qint64 wait = FlushIntervalMs - m_sinceFlush.elapsed();
    m_flushTimer.start(int(qMax<qint64>(0, wait)));
}

void TrafficLogModel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (!paused)
        flush();
}

void TrafficLogModel::flush()
{
    m_sinceFlush.restart();
    if (m_paused)
        return;
    const quint64 storeFirst = m_store->firstSeq();
    const quint64 storeLast = m_store->lastSeq();

    // Evicted rows leave from the top first.
    if (storeFirst > m_firstSeq && m_count > 0) {
        const quint64 gone = qMin<quint64>(storeFirst - m_firstSeq, quint64(m_count));
        beginRemoveRows({}, 0, int(gone) - 1);
        m_count -= int(gone);
        m_firstSeq += gone;
        endRemoveRows();
    }
    if (m_count == 0)
        m_firstSeq = qMax(m_firstSeq, storeFirst);

    const quint64 nextSeq = m_firstSeq + quint64(m_count);
    if (storeLast >= nextSeq) {
        const quint64 room = quint64(std::numeric_limits<int>::max() - m_count);
        const int added = int(qMin(storeLast - nextSeq + 1, room));
        if (added > 0) {
            beginInsertRows({}, m_count, m_count + added - 1);
            m_count += added;
            endInsertRows();
        }
    }
}

void TrafficLogModel::onCleared()
{
    beginResetModel();
    m_count = 0;
    m_firstSeq = m_store->firstSeq();
    endResetModel();
}

QString TrafficLogModel::previewText(const TrafficStore &store, const TrafficEvent &ev,
                                     qsizetype limit)
{
    const QByteArray bytes = store.payload(ev, limit);
    QString text = ev.hasWirePayload() ? PayloadCodec::toEscaped(bytes) : QString::fromUtf8(bytes);
    if (!ev.hasWirePayload())
        text = text.isEmpty() ? EventFormat::kindText(ev.kind)
                              : EventFormat::kindText(ev.kind) + u": " + text;
    if (qsizetype(ev.payloadSize) > limit)
        text += QStringLiteral("…");
    return text;
}

int TrafficLogModel::rowForSeq(quint64 seq) const
{
    if (seq < m_firstSeq || seq >= m_firstSeq + quint64(m_count))
        return -1;
    return int(seq - m_firstSeq);
}

int TrafficLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int TrafficLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole &&
        (section == SizeColumn || section == RoundTripColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter); // over its numbers
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == RoundTripColumn)
        return tr("Round-trip time: from the first message sent on this connection to the "
                  "first reply received after it");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SessionColumn:
        return tr("Session");
    case DirectionColumn:
        return tr("Direction");
    case PeerColumn:
        return tr("Peer");
    case SizeColumn:
        return tr("Size");
    case RoundTripColumn:
        return tr("RTT");
    case PreviewColumn:
        return tr("Preview");
    }
    return {};
}

QVariant TrafficLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    TrafficEvent ev;
    if (!m_store->event(seqAt(index.row()), &ev)) {
        // Evicted (or cleared) since the last flush; the row leaves at the next one.
        if (role == Qt::DisplayRole && index.column() == PreviewColumn)
            return tr("(evicted by the memory cap)");
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return EventFormat::clockTime(ev.timeUs);
        case SessionColumn:
            return m_store->sessionName(ev.session);
        case DirectionColumn:
            return EventFormat::directionText(ev.kind);
        case PeerColumn:
            return m_store->addresses(ev.addresses).peer;
        case SizeColumn:
            return ev.hasWirePayload() ? QVariant(QLocale().toString(ev.payloadSize)) : QVariant();
        case RoundTripColumn:
            if (ev.kind == EventKind::Received) {
                if (const qint64 us = m_store->roundTripUs(ev.seq); us >= 0)
                    return RoundTrip::text(us, QLocale());
            }
            return {};
        case PreviewColumn:
            return previewText(*m_store, ev,
                               role == Qt::ToolTipRole ? 4 * PreviewBytes : PreviewBytes);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == RoundTripColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SeqRole:
        return ev.seq;
    case KindRole:
        return int(ev.kind);
    case SessionRole:
        return ev.session;
    case ConnectionRole:
        return ev.connection;
    case TimeUsRole:
        return ev.timeUs;
    case PayloadRole:
        return m_store->payload(ev);
    case PayloadSizeRole:
        return ev.payloadSize;
    case LocalAddressRole:
        return m_store->addresses(ev.addresses).local;
    case PeerAddressRole:
        return m_store->addresses(ev.addresses).peer;
    case CloserRole:
        return int(ev.closer);
    case RoundTripUsRole:
        if (ev.kind == EventKind::Received) {
            if (const qint64 us = m_store->roundTripUs(ev.seq); us >= 0)
                return us;
        }
        return {};
    }
    return {};
}
