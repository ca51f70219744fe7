#pragma once

#include "logfiltermodel.h"
#include "trafficevent.h"

#include <QByteArray>
#include <QHash>
#include <QString>

class TrafficStore;

// Decides whether one stored event passes the log filter, reading the store
// directly (not through the item model) so that it can run on a scanning
// thread. One matcher per scan: it remembers, per address pair, whether the
// peer matched, since a million events usually come from a few peers.
class LogFilterMatcher
{
public:
    LogFilterMatcher(const TrafficStore *store, const LogFilterModel::Criteria &criteria);

    bool matches(const TrafficEvent &event);

private:
    bool matchesText(const TrafficEvent &event);
    bool payloadContains(const QByteArray &bytes) const;

    const TrafficStore *m_store;
    LogFilterModel::Criteria m_criteria;
    // The filter text in lower case when it is plain ASCII: an ASCII payload is
    // then searched as bytes, without decoding it (exactly what decoding and a
    // case-insensitive search would find, since ASCII folds only to ASCII).
    QByteArray m_asciiLower;
    bool m_previewToo = false;
    QHash<AddressId, bool> m_peerMatches;
};
