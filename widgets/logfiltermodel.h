#pragma once

#include "trafficevent.h"

#include <QSortFilterProxyModel>
#include <QString>

// The traffic log's filter: direction, session and text (in the payload or the
// peer address). LogView puts it between the table and TrafficLogModel only
// while a filter is active, so an unfiltered log of a million rows never pays
// for a proxy. Rows keep the source's chronological order; nothing is sorted.
class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum Direction { In = 0x1, Out = 0x2, State = 0x4, Error = 0x8 };
    Q_DECLARE_FLAGS(Directions, Direction)

    static constexpr Directions AllDirections = Directions(In | Out | State | Error);
    // Text matching reads at most this much of a payload, so a multi-megabyte
    // event costs no more to filter than a 64 KiB one.
    static constexpr qsizetype MatchBytes = 64 * 1024;

    explicit LogFilterModel(QObject *parent = nullptr);

    static Direction directionOf(EventKind kind);

    // Sets every criterion at once, so a change re-filters the rows only once.
    void setCriteria(const QString &text, Directions directions, SessionId session);
    // Only one conversation's events (0 = every connection); see LogView.
    void setConnection(ConnectionId connection);
    ConnectionId connection() const { return m_connection; }
    QString text() const { return m_text; }
    Directions directions() const { return m_directions; }
    SessionId session() const { return m_session; }
    // True when some row may be hidden.
    bool isActive() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool matchesText(const QModelIndex &sourceIndex) const;

    QString m_text;
    Directions m_directions = AllDirections;
    SessionId m_session = 0;
    ConnectionId m_connection = 0;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(LogFilterModel::Directions)
