#pragma once

#include "capture/capturecomments.h"
#include "capture/capturefileoutput.h"
#include "capture/packetsynthesizer.h"
#include "trafficevent.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>
#include <vector>

class TrafficStore;

// Writes recorded events to a capture file that Wireshark, tshark and tcpdump
// read, through CaptureFileOutput (wiretap for pcapng, libpcap for pcap; the
// format by the file name: see formatForFileName()). The file layout is CAPTURE_SPEC.md's:
//
//   interface 0  raw IP (LINKTYPE_RAW): the packets of PacketSynthesizer
//   interface 1  Wireshark upper PDU (LINKTYPE 252, pcapng only): one packet
//                per non-wire event (listening, error, note, ...) carrying
//                its text line for the data-text-lines dissector
//   comments     (pcapng only) the first packet of an event carries
//                "SocketScope event " + the event's --json object without
//                "text" and "hex", from which a reader restores the event;
//                except a data event (in/out) that its packets tell alone:
//                its connection's address pair was named by a comment of
//                the same connection earlier in this file (and no other
//                connection has named that pair since), its addresses and
//                session name are unchanged, its time is the packets'. A
//                reader takes its connection from the address pair, its
//                direction from the sender, its end from the PSH flag (see
//                CAPTURE_SPEC.md, "Events without a comment"). A close on
//                such a pair has a short comment (only "by" and "reason"),
//                or none where it repeats the last short close of its form;
//                an IPv4 opened a short one (who sent the SYN, the session
//                and the connection: its packets tell the rest). Most events
//                of a long conversation need no comment: a comment and its
//                JSON cost four times the rest of writing a packet.
//
// A pcap file has no comments and no second interface: non-wire events are
// left out. Not thread-safe; one writer per thread. open() again after
// close() starts a new file but keeps the TCP sequence numbers, so a rotated
// ring of files continues every connection.
class CaptureWriter
{
public:
    enum class Format { Pcapng, Pcap };
    static constexpr char CommentPrefix[] = "SocketScope event ";

    CaptureWriter();
    ~CaptureWriter(); // closes the file, ignoring errors
    CaptureWriter(const CaptureWriter &) = delete;
    CaptureWriter &operator=(const CaptureWriter &) = delete;

    // ".pcap" (any case) is pcap with microsecond timestamps; anything else,
    // ".pcapng" or no extension, is pcapng.
    static Format formatForFileName(const QString &fileName);

    // Creates (or truncates) the file. On failure returns false and
    // errorString() says why in a translated sentence naming the file.
    bool open(const QString &fileName);
    bool isOpen() const;
    // Writes the packets of one event. Events must come in seq order. Returns
    // false on a write error (see errorString()); an event whose payload the
    // store has evicted meanwhile is skipped and counted in skippedEvents().
    bool writeEvent(const TrafficEvent &event, const TrafficStore &store);
    // The same with the event's payload already read (TrafficStore::readBatch()):
    // shorter than the event says when it was evicted.
    bool writeEvent(const TrafficEvent &event, QByteArrayView payload, const TrafficStore &store);
    // A note of SocketScope's own (e.g. events lost before they were written),
    // on the text interface with a comment like a recorded note's. pcap: no-op.
    bool writeNote(qint64 timeUs, const QString &text);
    bool flush();
    bool close();

    QString fileName() const { return m_fileName; }
    Format format() const { return m_format; }
    qint64 bytesWritten() const; // of the current file, headers included
    quint64 skippedEvents() const { return m_skipped; }
    QString errorString() const { return m_error; }

private:
    struct Connection
    {
        // What the synthesizer needs, kept whole: per event only the kind,
        // the closer and the payload change.
        PacketSynthesizer::Event synth;
        AddressId addresses = 0;
        TrafficStore::AddressPair texts; // the store's strings of `addresses`
        bool hasEndpoints = false;       // false: addresses that are not IP
        // IPv4 texts that a reader spells alike from the packets' headers.
        bool textsFromPackets = false;
        QByteArray pair; // the address pair in either order (pairKey())
        // The file (m_file) in which a comment last named this connection
        // with `describedAddresses` and still owns its pair: 0 for none.
        quint64 describedIn = 0;
        AddressId describedAddresses = 0;
    };

    // `comment` may be null (no comment).
    bool writePacket(int interfaceId, qint64 timeUs, const uint8_t *data, size_t size,
                     const QByteArray *comment);
    bool writeText(qint64 timeUs, const QByteArray &line, const QByteArray *comment);
    // Parsed once per connection: addresses (address pairs are per
    // connection) are the same for all its events.
    static void resolve(Connection *c, AddressId id, const TrafficStore &store);
    bool fail(); // m_error from the output's reason; returns false
    // Whether a reader knows the connection, session, addresses and time of
    // `event` from its packets' address pair alone (see above).
    bool pairKnown(const TrafficEvent &event, const Connection &c, const TrafficStore &store);
    // Whether, the pair known, the packets tell the rest of `event` too.
    static bool needsNoComment(const TrafficEvent &event, const Connection &c);
    // After writing a wire event's packets with its comment or without.
    void described(const TrafficEvent &event, Connection *c);

    CaptureFileOutput m_output;
    QString m_fileName;
    Format m_format = Format::Pcapng;
    QString m_error;
    quint64 m_skipped = 0;
    PacketSynthesizer m_synthesizer;
    PacketSynthesizer::Packets m_packets; // reused: no allocation per event
    QByteArray m_comment;                 // likewise
    QHash<ConnectionId, Connection> m_connections;
    quint64 m_file = 0; // counts open(): a new file names every connection again
    // Address pair -> the connection whose comment named it last in this file.
    QHash<QByteArray, ConnectionId> m_pairOwners;
    CaptureComments m_told; // what a reader of this file knows from its comments
};
