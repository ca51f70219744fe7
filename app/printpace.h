#pragma once

#include <QtGlobal>

class Engine;

// Keeps the headless printer within reach of a stream session's recording.
//
// The engine reads on its own thread and the printer follows the store at its
// own pace. Under a stream flood the engine records far faster than JSON can
// be printed (a 16 KiB chunk is 50 KB of JSON), and the backlog would grow up
// to the memory cap, to be evicted unprinted or printed for minutes after the
// user stopped the program. A stream loses nothing by waiting, though: while
// the printer is far behind, the engine stops reading its streams (TCP's flow
// control then slows the peers), and once the printer has caught up, reading
// goes on. Datagrams cannot wait (the kernel drops what is not read) and a
// relay forwards at its peers' pace, so those sessions are never held.
class PrintPace
{
public:
    // How far behind the printer may fall before reading is held: this many
    // events, or this many bytes but at most a quarter of the memory cap, so
    // that what a flood records is printed before the cap evicts it.
    static constexpr quint64 HoldAtEvents = 16 * 1024;
    static constexpr quint64 HoldAtBytes = 4 * 1024 * 1024;

    // With `applies` false this never holds anything.
    PrintPace(Engine *engine, bool applies, qint64 memoryCap);
    PrintPace(const PrintPace &) = delete;
    PrintPace &operator=(const PrintPace &) = delete;

    // The printer is `events` events and about `bytes` bytes of payload
    // behind the store: holds reading past the limits, releases it once
    // nothing is left to print.
    void behind(quint64 events, quint64 bytes);
    bool isHolding() const { return m_holding; }

private:
    void hold(bool on);

    Engine *m_engine;
    bool m_applies;
    quint64 m_holdAtBytes;
    bool m_holding = false;
};
