// Hello framing: the tutorial server's messages, per read or per line.
//
// The first bytes choose the settings (line framing, a small line limit, the
// exit word); the rest is the stream, cut into reads where the input says.
// Properties: nothing crashes; with line framing the replies do not depend on
// how the stream was cut into reads, and no more than the line limit is ever
// held back; every reply is the template around one message.

#include "fuzzsupport.h"
#include "helloprotocol.h"

#include <QList>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    HelloProtocol::Config config;
    config.lineFraming = data[0] & 1;
    config.maxLineLength = 1 + data[1] % 64;
    config.exitWord = (data[0] & 2) ? QByteArray("exit") : QByteArray();
    const quint8 cutEvery = data[2];
    const QByteArray stream = Fuzz::bytes(data + 3, size - 3);

    HelloProtocol whole(config);
    const HelloProtocol::Output all = whole.receive(stream);
    for (const QByteArray &reply : all.replies)
        FUZZ_CHECK(reply.startsWith("Hello, ") && reply.contains('!'), Fuzz::show(reply));
    if (!config.lineFraming) {
        FUZZ_CHECK(all.close || all.replies.size() == 1, Fuzz::show(stream));
        return 0;
    }
    FUZZ_CHECK(whole.pendingBytes() < config.maxLineLength || all.close, Fuzz::show(stream));

    // The same stream in reads of 1 + cutEvery % 17 bytes.
    HelloProtocol pieces(config);
    QList<QByteArray> replies;
    bool closed = false;
    const qsizetype step = 1 + cutEvery % 17;
    for (qsizetype at = 0; at < stream.size() && !closed; at += step) {
        const HelloProtocol::Output out =
            pieces.receive(QByteArrayView(stream).sliced(at).first(qMin(step, stream.size() - at)));
        replies += out.replies;
        closed = out.close;
        FUZZ_CHECK(pieces.pendingBytes() < config.maxLineLength || closed, Fuzz::show(stream));
    }
    FUZZ_CHECK(closed == all.close, Fuzz::show(stream));
    FUZZ_CHECK(replies == all.replies, Fuzz::show(stream));
    return 0;
}
