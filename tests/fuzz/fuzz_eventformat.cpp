// The JSON event format (--json) and the readable line, for any payload,
// session name and address text.
//
// Properties: every event prints as one valid JSON object on one line whose
// "bytes" and "hex" give the payload exactly and whose "text" is there exactly
// when the payload is UTF-8, and then equals it; the readable form is one line.

#include "eventformat.h"
#include "fuzzsupport.h"
#include "payloadcodec.h"
#include "trafficstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // The first byte picks the kind, the next ones (up to the first NUL)
    // name the session and the peer; the rest is the payload.
    const auto kind = EventKind(data[0] % (int(EventKind::Stopped) + 1));
    const QByteArray rest = Fuzz::bytes(data + 1, size - 1);
    const qsizetype nul = rest.indexOf('\0');
    const QByteArray label = nul < 0 ? QByteArray() : rest.first(nul);
    const QByteArray payload = nul < 0 ? rest : rest.sliced(nul + 1);

    TrafficStore store;
    store.setSessionName(1, QString::fromUtf8(label));
    const AddressId addresses =
        store.addAddresses(QStringLiteral("127.0.0.1:9999"), QString::fromUtf8(label));
    const ConnectionId connection = store.openConnection(1, addresses, false);
    const quint64 seq = store.append(1, connection, addresses, kind, payload,
                                     kind == EventKind::Closed ? Closer::Peer : Closer::None);
    TrafficEvent event;
    FUZZ_CHECK(store.event(seq, &event), QString());

    const QByteArray json = EventFormat::toJson(event, store);
    FUZZ_CHECK(!json.contains('\n'), Fuzz::show(json));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && doc.isObject(),
               error.errorString() + u' ' + QString::fromUtf8(json));
    const QJsonObject o = doc.object();
    const QString shown = QString::fromUtf8(json);
    if (event.hasWirePayload()) {
        FUZZ_CHECK(o.value(QLatin1String("bytes")).toInteger() == payload.size(), shown);
        FUZZ_CHECK(o.value(QLatin1String("hex")).toString().toLatin1() == payload.toHex(), shown);
        const bool utf8 = PayloadCodec::isValidUtf8(payload);
        FUZZ_CHECK(o.contains(QLatin1String("text")) == utf8, shown);
        if (utf8)
            FUZZ_CHECK(o.value(QLatin1String("text")).toString() == QString::fromUtf8(payload),
                       shown);
    } else {
        FUZZ_CHECK(o.value(QLatin1String("bytes")).toInteger() == 0, shown);
    }
    FUZZ_CHECK(o.value(QLatin1String("session_name")).toString() == QString::fromUtf8(label),
               shown);

    const QByteArray line = EventFormat::toLine(event, store);
    FUZZ_CHECK(!line.contains('\n') && !line.contains('\r'), Fuzz::show(line));
    return 0;
}
