#pragma once

#include "trafficstore.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>

// Open TCP connections and UDP peers seen, with state and counters; optionally
// only those of one session. A TCP connection leaves when it closes; UDP peers
// stay until the session is cleared. Updated in batches like the log.
class ConnectionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        PeerColumn,
        LocalColumn,
        StateColumn,
        OpenedColumn,
        BytesInColumn,
        BytesOutColumn,
        MessagesInColumn,
        MessagesOutColumn,
        // Round trips of the connection (see roundtrip.h); empty until one.
        RoundTripMinColumn,
        RoundTripMeanColumn,
        RoundTripP99Column,
        ColumnCount
    };
    enum Role { ConnectionIdRole = Qt::UserRole, SessionRole, DatagramRole, PeerAddressRole };

    explicit ConnectionModel(TrafficStore *store, QObject *parent = nullptr);

    // 0 = every session.
    void setSessionFilter(SessionId session);
    SessionId sessionFilter() const { return m_session; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void flush();
    int rowForConnection(ConnectionId id) const;
    ConnectionId connectionAt(int row) const;

private:
    void scheduleFlush();
    void rebuild();
    bool accepts(const TrafficStore::ConnectionInfo &info) const;

    TrafficStore *m_store;
    SessionId m_session = 0;
    QList<TrafficStore::ConnectionInfo> m_rows;
    QHash<ConnectionId, int> m_rowOf;
    quint64 m_serial = 0;
    QTimer m_flushTimer;
    QElapsedTimer m_sinceFlush;
};
