#include "recordedpayloads.h"

#include "capturereader.h"
#include "trafficstore.h"

#include <QCoreApplication>
#include <QMap>

#include <atomic>

namespace RecordedPayloads {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RecordedPayloads", text);
}

struct Recorded
{
    bool datagram = false;
    TrafficStore::Initiator initiator = TrafficStore::Initiator::Peer;
    bool known = false; // the store still had the connection's record
    QString description;
    QList<Payload> payloads[2]; // by Conversation::Direction
    qint64 bytes[2] = {0, 0};
    int firstDirection = -1;
};

int index(Conversation::Direction direction)
{
    return direction == Conversation::Direction::Out ? 1 : 0;
}

} // namespace

bool sideFromName(QStringView name, Side *side)
{
    if (name == u"in")
        *side = Side::In;
    else if (name == u"out")
        *side = Side::Out;
    else if (name == u"auto")
        *side = Side::Auto;
    else
        return false;
    return true;
}

bool load(const QString &path, ConnectionId conversation, Side side, Selection *out, QString *error)
{
    TrafficStore store;
    CaptureReader reader;
    // The ids saved in a SocketScope file are kept, as `socketscope read`
    // prints them, so "--conversation 3" is the c3 that read showed.
    reader.setSessionAllocator([](const QString &, SessionId recorded) {
        return recorded != 0 ? recorded : SessionId(1);
    });
    std::atomic_bool tooLarge{false};
    reader.setCancelFlag(&tooLarge);

    QMap<ConnectionId, Recorded> found;
    qint64 heldBytes = 0;
    quint64 seen = 0;
    // Taken batch by batch as the reader appends, before the store's cap
    // could evict anything.
    const auto collect = [&](qint64, qint64) {
        const quint64 last = store.lastSeq();
        for (quint64 from = qMax(seen + 1, store.firstSeq()); from <= last; from += 4096) {
            const QList<TrafficEvent> events = store.events(from, qMin(last, from + 4095));
            for (const TrafficEvent &event : events) {
                if (!event.hasWirePayload() || event.payloadSize == 0 || event.connection == 0 ||
                    (conversation != 0 && event.connection != conversation))
                    continue;
                Recorded &record = found[event.connection];
                if (!record.known) {
                    TrafficStore::ConnectionInfo info;
                    if (store.connection(event.connection, &info)) {
                        record.known = true;
                        record.datagram = info.datagram;
                        record.initiator = info.initiator;
                    }
                    record.description = Conversation::describe(store, event.connection);
                }
                const int direction = event.kind == EventKind::Sent ? 1 : 0;
                if (record.firstDirection < 0)
                    record.firstDirection = direction;
                record.payloads[direction].append({store.payload(event), event.timeUs});
                record.bytes[direction] += event.payloadSize;
                heldBytes += event.payloadSize;
                if (heldBytes > MaxBytes)
                    tooLarge = true;
            }
        }
        seen = last;
    };
    reader.setProgressCallback(collect);
    const CaptureReadResult result = reader.read(path, &store);
    collect(0, 0);

    if (tooLarge) {
        *error = conversation == 0
                     ? tr("%1 holds more than %2 MiB of payloads: choose one conversation "
                          "with --conversation N (the c column of \"socketscope read %1\").")
                           .arg(path)
                           .arg(MaxBytes / (1024 * 1024))
                     : tr("c%1 in %2 holds more than %3 MiB of payloads, too much to replay "
                          "from memory.")
                           .arg(conversation)
                           .arg(path)
                           .arg(MaxBytes / (1024 * 1024));
        return false;
    }
    switch (result.status) {
    case CaptureReadResult::Status::CannotOpen:
        *error = tr("cannot read %1: %2").arg(path, result.message);
        return false;
    case CaptureReadResult::Status::Truncated:
        out->warning = tr("%1 is damaged or cut short (%2); replaying what was read before that.")
                           .arg(path, result.message);
        break;
    case CaptureReadResult::Status::Ok:
    case CaptureReadResult::Status::Cancelled:
        break;
    }

    if (found.isEmpty()) {
        *error = conversation == 0
                     ? tr("%1 has no payloads to replay.").arg(path)
                     : tr("%1 has no conversation c%2 with payloads: \"socketscope read %1\" "
                          "lists them in its c column.")
                           .arg(path)
                           .arg(conversation);
        return false;
    }
    if (found.size() > 1) {
        QStringList names;
        for (auto it = found.cbegin(); it != found.cend() && names.size() < 8; ++it)
            names.append(QStringLiteral("c%1").arg(it.key()));
        if (found.size() > names.size())
            names.append(QStringLiteral("…"));
        *error = tr("%1 holds %2 conversations with payloads (%3): choose one with "
                    "--conversation N.")
                     .arg(path)
                     .arg(found.size())
                     .arg(names.join(QStringLiteral(", ")));
        return false;
    }

    const ConnectionId id = found.firstKey();
    Recorded &record = found.first();
    Conversation::Direction direction = Conversation::Direction::In;
    switch (side) {
    case Side::In:
        break;
    case Side::Out:
        direction = Conversation::Direction::Out;
        break;
    case Side::Auto:
        direction = Conversation::openingSide(
            !record.known || record.datagram, record.initiator == TrafficStore::Initiator::Local,
            record.firstDirection == 1 ? Conversation::Direction::Out
                                       : Conversation::Direction::In);
        break;
    }
    const int chosen = index(direction);
    if (record.payloads[chosen].isEmpty()) {
        *error = direction == Conversation::Direction::In
                     ? tr("c%1 in %2 received nothing: try --direction out.").arg(id).arg(path)
                     : tr("c%1 in %2 sent nothing: try --direction in.").arg(id).arg(path);
        return false;
    }
    out->conversation = id;
    out->direction = direction;
    out->description = record.description;
    out->payloads = std::move(record.payloads[chosen]);
    out->bytes = record.bytes[chosen];
    return true;
}

} // namespace RecordedPayloads
