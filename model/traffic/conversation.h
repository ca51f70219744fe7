#pragma once

#include "payloadcodec.h"
#include "trafficevent.h"

#include <QByteArray>
#include <QList>
#include <QString>

class TrafficStore;

// One conversation picked out of the store: every payload of one TCP
// connection, or of one UDP peer of a session (the store keeps a connection
// record per datagram peer, so both are one ConnectionId), both directions in
// the order they happened. Like Wireshark's "Follow Stream", for the window's
// Follow view and for `socketscope read FILE --follow CONNECTION`.
namespace Conversation {

enum class Direction { In, Out };

struct Segment
{
    quint64 seq = 0;
    qint64 timeUs = 0;
    Direction direction = Direction::In;
    QByteArray bytes;
};

// Pulls one connection's payloads out of the store a bounded slice at a time,
// so a reader on the GUI thread can keep up with a busy store without ever
// scanning all of it in one turn of the event loop. It only reads (copies the
// few events and payloads it needs); the engine never waits for it.
class Reader
{
public:
    // Events looked at per call of readMore() by default.
    static constexpr quint64 DefaultBudget = 64 * 1024;

    Reader(const TrafficStore *store, ConnectionId connection);

    ConnectionId connection() const { return m_connection; }
    // Appends the payloads found among at most `budget` further events to
    // *out; returns true when it has reached the store's last event (for now).
    bool readMore(QList<Segment> *out, quint64 budget = DefaultBudget);
    // True once the connection's Closed event (or its session's Stopped) was seen.
    bool ended() const { return m_ended; }
    // Events that were evicted before this reader could see them.
    quint64 missedEvents() const { return m_missed; }
    // Starts over from the oldest kept event (after the store was cleared).
    void restart();

private:
    const TrafficStore *m_store;
    ConnectionId m_connection;
    SessionId m_session = 0;
    quint64 m_next = 0; // next seq to look at; 0: not started
    quint64 m_missed = 0;
    bool m_ended = false;
};

enum class Form { Text, Hex, Escapes };

// Stable names for settings and the command line: "text", "hex", "escapes".
QString formName(Form form);
bool formFromName(QStringView name, Form *form);

// One segment as a person reads it in a transcript: decoded text ("\r\n" as
// "\n", other control characters as a middle dot), a hex dump whose offsets count the bytes of that
// direction so far (`directionOffset`), or one line of escapes.
QString render(const Segment &segment, Form form, PayloadCodec::Encoding encoding,
               quint64 directionOffset = 0);

// A segment as plain transcript lines, for files and the command line where
// colour is lost: each line starts with "> " (sent by us) or "< " (received),
// like curl -v; a line break ends every segment. Offsets as in render().
QString transcriptLines(const Segment &segment, Form form, PayloadCodec::Encoding encoding,
                        quint64 directionOffset = 0);

// The side that opened a conversation, whose payloads a replay sends by
// default ("say again what the client said"): for TCP the side that
// connected (`openedByUs`: we connected, so our payloads are Out); a UDP peer
// has no opening, so the side that spoke first (`firstSpeaker`).
Direction openingSide(bool datagram, bool openedByUs, Direction firstSpeaker);

// "127.0.0.1:50012 ⇄ 127.0.0.1:9999 (TCP)" for titles, from the store's record.
QString describe(const TrafficStore &store, ConnectionId connection);

} // namespace Conversation
