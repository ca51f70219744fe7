#pragma once

#include "trafficevent.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QTimer>

class TrafficStore;

// The traffic log: one row per stored event, oldest first. Rows arrive in
// batches — one beginInsertRows per flush, at most ~30 flushes a second — and
// leave through beginRemoveRows when the store evicts them. Cell text is built
// in data() for the rows a view asks about; nothing is copied per row.
class TrafficLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        SessionColumn,
        DirectionColumn,
        PeerColumn,
        SizeColumn,
        RoundTripColumn, // "1.24 ms" on a received message that answers a send
        PreviewColumn,
        ColumnCount
    };
    enum Role {
        SeqRole = Qt::UserRole,
        KindRole,       // EventKind as int
        SessionRole,    // SessionId
        ConnectionRole, // ConnectionId
        TimeUsRole,     // qint64 microseconds since the epoch
        PayloadRole,    // QByteArray: the exact bytes (or note/error text)
        PayloadSizeRole,
        LocalAddressRole,
        PeerAddressRole,
        CloserRole,
        RoundTripUsRole, // qint64 microseconds; invalid when the event has none
    };

    static constexpr int FlushIntervalMs = 33;
    static constexpr int PreviewBytes = 256;

    explicit TrafficLogModel(TrafficStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Frozen: the view keeps its rows while the store goes on recording.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // Brings the rows up to date with the store now (tests, resume).
    void flush();
    quint64 seqAt(int row) const { return m_firstSeq + quint64(row); }
    int rowForSeq(quint64 seq) const;
    TrafficStore *store() const { return m_store; }
    // The Preview cell of an event, up to `limit` payload bytes. Any thread:
    // the log filter matches it while scanning off the GUI thread.
    static QString previewText(const TrafficStore &store, const TrafficEvent &event,
                               qsizetype limit);

private:
    void scheduleFlush();
    void onCleared();

    TrafficStore *m_store;
    quint64 m_firstSeq = 1; // seq of row 0
    int m_count = 0;
    bool m_paused = false;
    QTimer m_flushTimer;
    QElapsedTimer m_sinceFlush;
};
