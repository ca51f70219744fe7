#include "logfiltermatcher.h"

#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QByteArrayView>

#include <algorithm>

namespace {

char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return uchar(c) < 0x80; });
}

} // namespace

LogFilterMatcher::LogFilterMatcher(const TrafficStore *store,
                                   const LogFilterModel::Criteria &criteria)
    : m_store(store)
    , m_criteria(criteria)
{
    const QByteArray latin = m_criteria.text.toLatin1();
    if (QString::fromLatin1(latin) == m_criteria.text && isAscii(latin)) {
        m_asciiLower = latin;
        std::transform(m_asciiLower.begin(), m_asciiLower.end(), m_asciiLower.begin(), asciiLower);
    }
    // The escaped preview differs from the decoded text only by escapes (\n,
    // \x00, ...), which all start with a backslash: without one in the filter
    // the preview cannot match where the text did not, so it is not built.
    m_previewToo = m_criteria.text.contains(QLatin1Char('\\'));
}

bool LogFilterMatcher::matches(const TrafficEvent &event)
{
    // Cheap criteria first: most events of a busy log are decided without
    // touching their payload.
    if (!(m_criteria.directions & LogFilterModel::directionOf(event.kind)))
        return false;
    if (m_criteria.session != 0 && event.session != m_criteria.session)
        return false;
    if (m_criteria.connection != 0 && event.connection != m_criteria.connection)
        return false;
    return m_criteria.text.isEmpty() || matchesText(event);
}

bool LogFilterMatcher::matchesText(const TrafficEvent &event)
{
    auto peer = m_peerMatches.constFind(event.addresses);
    if (peer == m_peerMatches.constEnd())
        peer = m_peerMatches.insert(event.addresses,
                                    m_store->addresses(event.addresses)
                                        .peer.contains(m_criteria.text, Qt::CaseInsensitive));
    if (peer.value())
        return true;
    if (payloadContains(m_store->payload(event, LogFilterModel::MatchBytes)))
        return true;
    return m_previewToo &&
           TrafficLogModel::previewText(*m_store, event, TrafficLogModel::PreviewBytes)
               .contains(m_criteria.text, Qt::CaseInsensitive);
}

bool LogFilterMatcher::payloadContains(const QByteArray &bytes) const
{
    if (!m_asciiLower.isEmpty() && isAscii(bytes)) {
        const auto found =
            std::search(bytes.begin(), bytes.end(), m_asciiLower.begin(), m_asciiLower.end(),
                        [](char a, char b) { return asciiLower(a) == b; });
        return found != bytes.end();
    }
    return QString::fromUtf8(bytes).contains(m_criteria.text, Qt::CaseInsensitive);
}
