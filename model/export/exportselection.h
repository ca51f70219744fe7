#pragma once

#include <QList>
#include <QtGlobal>

#include <utility>
#include <vector>

class TrafficStore;

// Which events an export writes, as runs of consecutive sequence numbers: the
// whole log is one run, a filtered log or a selection of rows is many. Taken
// when the user asks, so events recorded while the file is written are not in
// it; events evicted meanwhile are counted by the export, not written.
class ExportSelection
{
public:
    using Run = std::pair<quint64, quint64>; // first and last seq, inclusive

    ExportSelection() = default;
    // Every event the store keeps now.
    static ExportSelection allKept(const TrafficStore &store);
    // [first, last]; empty when last < first.
    static ExportSelection range(quint64 first, quint64 last);
    // Any order, duplicates allowed; zeros (no event) are ignored.
    static ExportSelection seqs(QList<quint64> seqs);

    const std::vector<Run> &runs() const { return m_runs; }
    quint64 count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }

private:
    std::vector<Run> m_runs;
    quint64 m_count = 0;
};
