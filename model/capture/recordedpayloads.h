#pragma once

#include "conversation.h"
#include "trafficevent.h"

#include <QByteArray>
#include <QList>
#include <QString>

// The payloads of one recorded conversation, read back from a capture file so
// that they can be sent again: `--replay FILE` on the command line, the
// headless twin of the window's Replay. GUI-free; reads the whole file on the
// caller's thread (a command line has nothing else to do meanwhile).
//
// Which side's payloads: by default the side that opened the conversation
// (the TCP client; for UDP the side that spoke first), because replaying a
// recording is most often "say again what the client said". `--direction`
// chooses the other side.
namespace RecordedPayloads {

enum class Side { Auto, In, Out };

// "in", "out" or "auto" as the command line spells them.
bool sideFromName(QStringView name, Side *side);

struct Payload
{
    QByteArray bytes;
    qint64 timeUs = 0; // as recorded
};

struct Selection
{
    ConnectionId conversation = 0;
    Conversation::Direction direction = Conversation::Direction::In;
    QString description; // "127.0.0.1:50012 ⇄ 127.0.0.1:9999 (TCP)"
    QList<Payload> payloads;
    qint64 bytes = 0;
    QString warning; // the file was damaged part way: what came before is used
};

// The most payload bytes one replay holds in memory.
constexpr qint64 MaxBytes = 256LL * 1024 * 1024;

// Reads `path` and picks conversation `conversation` (0: the only one with
// payloads). Returns false with a sentence for people in *error: the file
// cannot be read, has no such conversation, has several and none was chosen,
// the chosen side sent nothing, or it is over MaxBytes.
bool load(const QString &path, ConnectionId conversation, Side side, Selection *out,
          QString *error);

} // namespace RecordedPayloads
