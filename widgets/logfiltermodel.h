#pragma once

#include "trafficevent.h"
#include "workerthread.h"

#include <QAbstractProxyModel>
#include <QList>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

class CallQueue;
class TrafficLogModel;

// The traffic log's filter: direction, session, conversation and text (in the
// payload or the peer address). LogView puts it between the table and
// TrafficLogModel only while a filter is active, so an unfiltered log never
// pays for it. Rows keep the log's chronological order; nothing is sorted.
//
// Not a QSortFilterProxyModel: that one filters every row on the GUI thread
// at each change, which blocks the window for seconds over a million events.
// Here the rows are a list of sequence numbers. A change of criteria starts a
// scan of the store on a worker thread that hands back the matches in slices
// (shown as they come, with scanProgress); a newer change cancels it. Small
// logs and the few rows of a live flush are filtered at once, on the GUI
// thread, so they show without a turn of the event loop.
class LogFilterModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    enum Direction { In = 0x1, Out = 0x2, State = 0x4, Error = 0x8 };
    Q_DECLARE_FLAGS(Directions, Direction)

    static constexpr Directions AllDirections = Directions(In | Out | State | Error);
    // Text matching reads at most this much of a payload, so a multi-megabyte
    // event costs no more to filter than a 64 KiB one.
    static constexpr qsizetype MatchBytes = 64 * 1024;
    // Up to this many rows are filtered at once on the GUI thread (a few ms).
    static constexpr quint64 SyncRows = 20000;

    struct Criteria
    {
        QString text;
        Directions directions = AllDirections;
        SessionId session = 0;
        ConnectionId connection = 0;
    };

    explicit LogFilterModel(QObject *parent = nullptr);
    ~LogFilterModel() override;

    static Direction directionOf(EventKind kind);

    // Only a TrafficLogModel (or nullptr) is accepted.
    void setSourceModel(QAbstractItemModel *source) override;

    // Sets every criterion at once, so a change re-filters the rows only once.
    void setCriteria(const QString &text, Directions directions, SessionId session);
    // Only one conversation's events (0 = every connection); see LogView.
    void setConnection(ConnectionId connection);
    ConnectionId connection() const { return m_criteria.connection; }
    QString text() const { return m_criteria.text; }
    Directions directions() const { return m_criteria.directions; }
    SessionId session() const { return m_criteria.session; }
    // True when some row may be hidden.
    bool isActive() const;
    // True while a scan runs on the worker thread.
    bool isScanning() const { return m_scanning; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // How far the scan has got, 0-100; `scanning` false once it is over.
    void scanProgress(bool scanning, int percent);

private:
    // A finished result kept for when the user erases back to its text.
    struct Kept
    {
        Criteria criteria;
        std::vector<quint64> seqs;
        quint64 scannedTo = 0;
    };
    static constexpr size_t KeptResults = 8;
    static constexpr size_t KeptSeqs = 2000000; // 16 MB over all kept results

    void refilter();
    // Remembers the rows shown before the criteria change (if complete) and
    // shows a remembered result for the new ones; false when there is none.
    void keepResult(const Criteria &criteria);
    bool reuseResult();
    // After typing one more character only the rows shown can still match:
    // filters those again instead of the whole log.
    bool narrowTo(const Criteria &previous);
    // Filters the source rows not yet looked at: at once when few, else on
    // the worker thread.
    void catchUp();
    // Scans the log's seqs from..to, or only `candidates` when given (then
    // `to` is where the scan leaves off).
    void startScan(quint64 from, quint64 to, std::vector<quint64> candidates = {});
    void takeMatches(quint64 generation, const std::vector<quint64> &seqs, quint64 scannedTo,
                     bool done, int percent);
    void appendSeqs(const std::vector<quint64> &seqs);
    void dropEvicted();
    void cancelScan();
    quint64 sourceFirstSeq() const;
    quint64 sourceLastSeq() const;

    TrafficLogModel *m_source = nullptr;
    Criteria m_criteria;
    std::vector<quint64> m_seqs; // the rows: sequence numbers, ascending
    quint64 m_scannedTo = 0;     // every source seq up to here has been looked at
    quint64 m_generation = 0;    // bumps at each change of criteria or source
    bool m_scanning = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QList<QMetaObject::Connection> m_sourceConnections;
    std::vector<Kept> m_kept; // newest last
    WorkerThread m_worker;    // one scan at a time: a newer one cancels the older
    CallQueue *m_calls;       // the scan's results back to this thread
};

Q_DECLARE_OPERATORS_FOR_FLAGS(LogFilterModel::Directions)
