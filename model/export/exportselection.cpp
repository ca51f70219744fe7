#include "exportselection.h"

#include "trafficstore.h"

#include <algorithm>

ExportSelection ExportSelection::allKept(const TrafficStore &store)
{
    return range(store.firstSeq(), store.lastSeq());
}

ExportSelection ExportSelection::range(quint64 first, quint64 last)
{
    ExportSelection selection;
    if (first == 0)
        first = 1;
    if (last >= first) {
        selection.m_runs.emplace_back(first, last);
        selection.m_count = last - first + 1;
    }
    return selection;
}

ExportSelection ExportSelection::seqs(QList<quint64> seqs)
{
    std::sort(seqs.begin(), seqs.end());
    ExportSelection selection;
    for (quint64 seq : std::as_const(seqs)) {
        if (seq == 0)
            continue;
        if (!selection.m_runs.empty()) {
            Run &last = selection.m_runs.back();
            if (seq == last.second)
                continue;
            if (seq == last.second + 1) {
                last.second = seq;
                ++selection.m_count;
                continue;
            }
        }
        selection.m_runs.emplace_back(seq, seq);
        ++selection.m_count;
    }
    return selection;
}
