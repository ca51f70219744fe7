#include "printpace.h"

#include "engine.h"
#include "streamsocket.h"

#include <algorithm>

PrintPace::PrintPace(Engine *engine, bool applies, qint64 memoryCap)
    : m_engine(engine)
    , m_applies(applies && engine)
    , m_holdAtBytes(memoryCap > 0 ? std::min(HoldAtBytes, quint64(memoryCap) / 4) : HoldAtBytes)
{}

void PrintPace::behind(quint64 events, quint64 bytes)
{
    if (!m_applies)
        return;
    if (!m_holding && (events >= HoldAtEvents || bytes >= m_holdAtBytes))
        hold(true);
    else if (m_holding && events == 0)
        hold(false);
}

void PrintPace::hold(bool on)
{
    if (on == m_holding)
        return;
    m_holding = on;
    // Queued, never waited for: the printer must not wait for the engine either.
    m_engine->runOnEngineThreadLater([on] { StreamSocket::holdThreadReading(on); });
}
