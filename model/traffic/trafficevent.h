#pragma once

#include <QtGlobal>

#include <cstdint>

// What happened. The numeric values are stored in every event; append new kinds
// at the end.
enum class EventKind : quint8 {
    Listening,  // a server socket is listening (text: local address)
    Bound,      // a UDP socket is bound
    Connecting, // a client started connecting (text: target)
    Opened,     // a connection was established (accepted or connected)
    Closed,     // a connection ended (text: reason; closer in CloseReason)
    Received,   // payload bytes arrived from the peer, exactly as on the wire
    Sent,       // payload bytes were written to the peer
    Error,      // something failed (text: the reason in words)
    Note,       // a protocol or session note, e.g. "chat ended by peer"
    Stopped,    // a session stopped
};

// Who ended a connection, stored with Closed events.
enum class Closer : quint8 { None, Local, Peer, Timeout, Limit, Error };

using SessionId = quint16;
using ConnectionId = quint32; // 0 = session-level event (no connection)
using AddressId = quint32;    // a (local, peer) address pair recorded in the store

// One recorded event. Small and fixed-size on purpose: millions of them are kept,
// so there is no heap object and no string per event. The payload (wire bytes,
// or the text of a note/error) lives in the store's chunked arena.
struct TrafficEvent
{
    quint64 seq = 0;           // global, gap-free, starts at 1
    qint64 timeUs = 0;         // wall clock, microseconds since the Unix epoch
    quint64 payloadOffset = 0; // position in the store's arena
    quint32 payloadSize = 0;
    ConnectionId connection = 0;
    AddressId addresses = 0; // local and peer address of this event (0 = none)
    SessionId session = 0;
    EventKind kind = EventKind::Note;
    Closer closer = Closer::None;

    bool hasWirePayload() const { return kind == EventKind::Received || kind == EventKind::Sent; }
};

static_assert(sizeof(TrafficEvent) <= 48, "TrafficEvent must stay compact");
