#pragma once

// Shared by the endpoint tests: reading the store the way a person reads the
// log, and a QTcpSocket that keeps everything it received.

#include "endpoint.h"
#include "nettestsupport.h"
#include "trafficevent.h"
#include "trafficstore.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QtTest>
#include <QUdpSocket>

#include <limits>
#include <memory>

namespace EndpointTest {

constexpr ConnectionId AnyConnection = std::numeric_limits<ConnectionId>::max();

// Expected texts are written as UTF-8 literals (QT_NO_CAST_FROM_ASCII).
inline QString q(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

inline QString kindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Listening:
        return QStringLiteral("Listening");
    case EventKind::Bound:
        return QStringLiteral("Bound");
    case EventKind::Connecting:
        return QStringLiteral("Connecting");
    case EventKind::Opened:
        return QStringLiteral("Opened");
    case EventKind::Closed:
        return QStringLiteral("Closed");
    case EventKind::Received:
        return QStringLiteral("Received");
    case EventKind::Sent:
        return QStringLiteral("Sent");
    case EventKind::Error:
        return QStringLiteral("Error");
    case EventKind::Note:
        return QStringLiteral("Note");
    case EventKind::Stopped:
        return QStringLiteral("Stopped");
    }
    return QStringLiteral("EventKind(%1)").arg(int(kind));
}

inline QString closerName(Closer closer)
{
    switch (closer) {
    case Closer::None:
        return QStringLiteral("None");
    case Closer::Local:
        return QStringLiteral("Local");
    case Closer::Peer:
        return QStringLiteral("Peer");
    case Closer::Timeout:
        return QStringLiteral("Timeout");
    case Closer::Limit:
        return QStringLiteral("Limit");
    case Closer::Error:
        return QStringLiteral("Error");
    }
    return QStringLiteral("Closer(%1)").arg(int(closer));
}

// Printable ASCII as is, everything else as \xNN: binary payloads stay exact
// and failures stay readable.
inline QString escaped(const QByteArray &bytes)
{
    QString out;
    for (const char c : bytes) {
        const auto u = uchar(c);
        if (u >= 0x20 && u < 0x7f && u != '\\')
            out += QLatin1Char(c);
        else
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

inline QList<TrafficEvent> allEvents(const TrafficStore &store)
{
    return store.events(store.firstSeq(), store.lastSeq());
}

inline QList<TrafficEvent> eventsOf(const TrafficStore &store, EventKind kind,
                                    ConnectionId connection = AnyConnection)
{
    QList<TrafficEvent> out;
    for (const TrafficEvent &ev : allEvents(store)) {
        if (ev.kind == kind && (connection == AnyConnection || ev.connection == connection))
            out.append(ev);
    }
    return out;
}

// The payloads of every event of `kind`, as text (notes, errors, reasons).
inline QStringList textsOf(const TrafficStore &store, EventKind kind,
                           ConnectionId connection = AnyConnection)
{
    QStringList out;
    for (const TrafficEvent &ev : eventsOf(store, kind, connection))
        out.append(QString::fromUtf8(store.payload(ev)));
    return out;
}

// Every byte of one direction of a connection, in order.
inline QByteArray bytesOf(const TrafficStore &store, EventKind kind, ConnectionId connection)
{
    QByteArray out;
    for (const TrafficEvent &ev : eventsOf(store, kind, connection))
        out += store.payload(ev);
    return out;
}

// One line per event of a connection, as a person reads the log:
//   Opened / Sent "Welcome!" / Received "Michael" / Closed Peer "Closed by the peer"
inline QStringList transcript(const TrafficStore &store, ConnectionId connection)
{
    QStringList out;
    for (const TrafficEvent &ev : allEvents(store)) {
        if (ev.connection != connection)
            continue;
        QString line = kindName(ev.kind);
        if (ev.kind == EventKind::Closed)
            line += u' ' + closerName(ev.closer);
        if (ev.payloadSize > 0)
            line += QStringLiteral(" \"%1\"").arg(escaped(store.payload(ev)));
        out.append(line);
    }
    return out;
}

inline QList<TrafficStore::ConnectionInfo> connections(const TrafficStore &store)
{
    quint64 latest = 0;
    QList<TrafficStore::ConnectionInfo> list = store.connectionsChangedSince(0, &latest);
    std::sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    return list;
}

// The connection whose peer address reads `peer` ("127.0.0.1:50012"); 0 if none.
inline ConnectionId connectionWithPeer(const TrafficStore &store, const QString &peer)
{
    for (const TrafficStore::ConnectionInfo &info : connections(store)) {
        if (store.addresses(info.addresses).peer == peer)
            return info.id;
    }
    return 0;
}

inline TrafficStore::ConnectionInfo connectionInfo(const TrafficStore &store, ConnectionId id)
{
    TrafficStore::ConnectionInfo info;
    store.connection(id, &info);
    return info;
}

using NetTest::addressText;

// The port of the last Listening or Bound event, read back as a user would.
inline quint16 portFromEvent(const TrafficStore &store, EventKind kind)
{
    const QStringList texts = textsOf(store, kind);
    if (texts.isEmpty())
        return 0;
    const QString &text = texts.constLast();
    return text.mid(text.lastIndexOf(u':') + 1).toUShort();
}

using NetTest::Client;
using NetTest::connectClient;
using NetTest::freeUdpPort;

} // namespace EndpointTest

namespace QTest {

template <> inline char *toString(const EventKind &kind)
{
    return qstrdup(EndpointTest::kindName(kind).toUtf8().constData());
}

template <> inline char *toString(const Closer &closer)
{
    return qstrdup(EndpointTest::closerName(closer).toUtf8().constData());
}

template <> inline char *toString(const SessionState &state)
{
    return qstrdup(Endpoint::stateName(state).toUtf8().constData());
}

} // namespace QTest
