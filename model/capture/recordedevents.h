#pragma once

#include "capturereader.h"
#include "foreigntraffic.h"
#include "trafficevent.h"
#include "trafficstore.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <map>
#include <optional>

class CaptureSink;
class TrafficStore;

// Restores the events of a capture that SocketScope wrote (CAPTURE_SPEC):
// the first packet of every event carries the pcapng comment
//
//     SocketScope event {"seq":12,"time_us":...,"event":"in","session":1,
//     "session_name":"...","connection":3,"local":"...","peer":"...","bytes":8}
//
// (the headless --json object without "text" and "hex"; closed events keep
// "by" and "reason", errors and notes "message"). The bytes of an in/out event
// are the payloads of its packets: the commented one and the following
// segments of the same direction, until "bytes" are collected. Packets with no
// comment that continue nothing (handshakes, acknowledgements) carry no event.
// Non-wire events come on packets whose bytes are only for Wireshark's eyes.
//
// A data packet with no comment that continues nothing is an event of its
// own (files written since comments became sparse): the connection whose
// commented opened/in/out event last came on that address pair, "out" when
// the connection's local side sent it, the packet's time, and the bytes of
// the segments up to the one with PSH (one datagram for UDP).
class RecordedEvents
{
public:
    struct Packet
    {
        qint64 timeUs = 0;
        QByteArray comment;    // the JSON, empty for a later segment
        bool wire = false;     // a TCP or UDP packet (not a non-wire event)
        bool datagram = false; // UDP
        ForeignTraffic::Endpoint src;
        ForeignTraffic::Endpoint dst;
        QByteArrayView payload; // TCP or UDP payload
        bool push = false;      // TCP PSH: the last segment of an event
        bool fin = false;       // TCP FIN
        bool reset = false;     // TCP RST
    };

    RecordedEvents(CaptureSink *sink, TrafficStore *store,
                   CaptureReader::SessionAllocator allocator);

    void packet(const Packet &packet);

    // Who opened a TCP connection, told by the sender of its SYN and the
    // addresses of its "opened" comment. The writer asks too: an opened whose
    // initiator this gets wrong does not name its pair's sides.
    static TrafficStore::Initiator initiatorOf(const ForeignTraffic::Endpoint &synSender,
                                               const QString &local, const QString &peer);
    // The end of the file: an event still short of bytes is kept with what came.
    void finish();

    quint64 badComments() const { return m_badComments; }
    quint64 shortEvents() const { return m_shortEvents; }
    // The last session seen, for notes about the file itself.
    SessionId lastSession() const { return m_lastSession; }

private:
    struct Pending
    {
        qint64 timeUs = 0;
        SessionId session = 0;
        ConnectionId connection = 0;
        AddressId addresses = 0;
        EventKind kind = EventKind::Received;
        qsizetype expected = 0; // -1: until a segment with PSH
        QByteArray bytes;
        ForeignTraffic::Endpoint src;
        ForeignTraffic::Endpoint dst;
    };

    // What a commented event taught about its address pair.
    struct Pair
    {
        SessionId session = 0;
        ConnectionId connection = 0;
        AddressId addresses = 0;
        ForeignTraffic::Endpoint local;
    };

    // `name` null: the comment did not name the session (told before).
    SessionId sessionFor(int recorded, const QString *name);
    void complete();
    void uncommented(const Packet &packet);
    // A FIN or RST without a comment on a named pair, `pair` its entry.
    void uncommentedClose(const Packet &packet, std::map<ForeignTraffic::Key, Pair>::iterator pair);
    // The connection's pair is no longer named.
    void forgetPair(ConnectionId connection);

    CaptureSink *m_sink;
    TrafficStore *m_store;
    CaptureReader::SessionAllocator m_allocator;
    QHash<int, SessionId> m_sessions; // recorded id -> store id
    QHash<int, QString> m_sessionNames;
    QHash<qint64, ConnectionId> m_connections; // recorded id -> store id
    std::optional<Pending> m_pending;
    std::map<ForeignTraffic::Key, Pair> m_pairs;
    QHash<ConnectionId, ForeignTraffic::Key> m_pairOf; // store id -> its pair
    struct Close
    {
        bool known = false;
        Closer closer = Closer::None;
        QByteArray reason;
    };
    // The last short close comment of each form since the last full one: a
    // close without a comment repeats it (CAPTURE_SPEC.md).
    Close m_closes[3];
    // The slot of the form of a close whose first packet is `packet`: an
    // RST, or a FIN from the local side or the peer (PacketSynthesizer::Close
    // minus one, as the writer counts them).
    Close &closeOf(const Packet &packet, const Pair &pair);
    SessionId m_lastSession = 0;
    quint64 m_badComments = 0;
    quint64 m_shortEvents = 0;
};
