#include "logfiltermodel.h"

#include "trafficlogmodel.h"

#include <QByteArray>
#include <QByteArrayView>

LogFilterModel::LogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // New rows are filtered as they arrive; sorting stays off (sortColumn -1)
    // because the log is chronological.
    setDynamicSortFilter(true);
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

void LogFilterModel::setCriteria(const QString &text, Directions directions, SessionId session)
{
    if (text == m_text && directions == m_directions && session == m_session)
        return;
    m_text = text;
    m_directions = directions;
    m_session = session;
    invalidateFilter();
}

void LogFilterModel::setConnection(ConnectionId connection)
{
    if (connection == m_connection)
        return;
    m_connection = connection;
    invalidateFilter();
}

bool LogFilterModel::isActive() const
{
    return !m_text.isEmpty() || m_directions != AllDirections || m_session != 0 ||
           m_connection != 0;
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    // Cheap criteria first: most rows of a busy log are decided without
    // touching their payload.
    if (m_directions != AllDirections) {
        const QVariant kind = index.data(TrafficLogModel::KindRole);
        if (!kind.isValid() || !(m_directions & directionOf(EventKind(kind.toInt()))))
            return false;
    }
    if (m_session != 0 && index.data(TrafficLogModel::SessionRole).toUInt() != m_session)
        return false;
    if (m_connection != 0 && index.data(TrafficLogModel::ConnectionRole).toUInt() != m_connection)
        return false;
    return m_text.isEmpty() || matchesText(index);
}

bool LogFilterModel::matchesText(const QModelIndex &sourceIndex) const
{
    if (sourceIndex.data(TrafficLogModel::PeerAddressRole)
            .toString()
            .contains(m_text, Qt::CaseInsensitive))
        return true;
    const QByteArray payload = sourceIndex.data(TrafficLogModel::PayloadRole).toByteArray();
    const QByteArrayView head = QByteArrayView(payload).first(qMin(payload.size(), MatchBytes));
    if (QString::fromUtf8(head).contains(m_text, Qt::CaseInsensitive))
        return true;
    // The escaped preview differs from the decoded text only by escapes (\n,
    // \x00, ...), which all start with a backslash: without one in the filter
    // the preview cannot match where the text did not, so skip building it.
    if (!m_text.contains(QLatin1Char('\\')))
        return false;
    const QModelIndex preview = sourceIndex.siblingAtColumn(TrafficLogModel::PreviewColumn);
    return preview.data(Qt::DisplayRole).toString().contains(m_text, Qt::CaseInsensitive);
}
