#include "trafficstatistics.h"

#include "eventformat.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace {

quint64 bytesOf(const TrafficStore::ConnectionInfo &c)
{
    return c.bytesIn + c.bytesOut;
}

QString sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes / 1024);
    return QStringLiteral("%1 B").arg(bytes);
}

QJsonObject countsJson(const RateBuckets::Counts &c)
{
    return {{QStringLiteral("messages_in"), qint64(c.messagesIn)},
            {QStringLiteral("messages_out"), qint64(c.messagesOut)},
            {QStringLiteral("bytes_in"), qint64(c.bytesIn)},
            {QStringLiteral("bytes_out"), qint64(c.bytesOut)}};
}

QString countsLine(const RateBuckets::Counts &c)
{
    return TrafficStatistics::tr("in %1 messages, %2 bytes; out %3 messages, %4 bytes")
        .arg(c.messagesIn)
        .arg(c.bytesIn)
        .arg(c.messagesOut)
        .arg(c.bytesOut);
}

} // namespace

QString TrafficStatistics::sizeClassLabel(int sizeClass)
{
    const qint64 low = RateBuckets::sizeClassLow(sizeClass);
    const qint64 high = RateBuckets::sizeClassHigh(sizeClass);
    if (high < 0)
        return tr("≥ %1").arg(sizeText(low));
    if (low == high)
        return sizeText(low);
    // Within one unit: "1–2 KiB" reads better than "1 KiB–2 KiB".
    const QString highText = sizeText(high + 1);
    const QString lowText = sizeText(low);
    const QString unit = highText.section(u' ', 1);
    if (high + 1 > 1024 && lowText.section(u' ', 1) == unit)
        return tr("%1–%2 %3").arg(lowText.section(u' ', 0, 0), highText.section(u' ', 0, 0), unit);
    return tr("%1–%2 B").arg(low).arg(high);
}

QString TrafficStatistics::peerHost(const QString &address)
{
    if (address.startsWith(u'[')) {
        const qsizetype end = address.indexOf(u']');
        return end > 0 ? address.mid(1, end - 1) : address;
    }
    const qsizetype colon = address.lastIndexOf(u':');
    // More than one colon and no brackets: a bare IPv6 address or a path.
    if (colon < 0 || address.indexOf(u':') != colon)
        return address;
    return address.left(colon);
}

TrafficStatistics::Report TrafficStatistics::collect(const TrafficStore &store, int session,
                                                     int top)
{
    Report report;
    report.session = session;
    store.readRates([&](const RateBuckets &rates) {
        report.total = rates.total(session);
        report.sizesIn = rates.sizes(session, false);
        report.sizesOut = rates.sizes(session, true);
        report.firstUs = rates.firstUs();
        report.lastUs = rates.lastUs();
    });

    quint64 latest = 0;
    QList<TrafficStore::ConnectionInfo> connections = store.connectionsChangedSince(0, &latest);
    QHash<QString, Peer> peers;
    QList<TrafficStore::ConnectionInfo> kept;
    for (const TrafficStore::ConnectionInfo &c : connections) {
        if (session != RateBuckets::AllSessions && c.session != session)
            continue;
        if (c.messagesIn == 0 && c.messagesOut == 0)
            continue;
        kept.append(c);
        const QString host = peerHost(store.addresses(c.addresses).peer);
        Peer &peer = peers[host];
        peer.host = host;
        ++peer.connections;
        peer.counts += RateBuckets::Counts{c.messagesIn, c.messagesOut, c.bytesIn, c.bytesOut};
    }
    // Busiest first; ties in the order they were opened (by id), so output is stable.
    std::sort(kept.begin(), kept.end(), [](const auto &a, const auto &b) {
        return bytesOf(a) != bytesOf(b) ? bytesOf(a) > bytesOf(b) : a.id < b.id;
    });
    report.connections = top >= 0 ? kept.mid(0, top) : kept;
    report.peers = peers.values();
    std::sort(report.peers.begin(), report.peers.end(), [](const Peer &a, const Peer &b) {
        return a.bytes() != b.bytes() ? a.bytes() > b.bytes() : a.host < b.host;
    });
    if (top >= 0)
        report.peers = report.peers.mid(0, top);
    return report;
}

QByteArray TrafficStatistics::toText(const TrafficStore &store, int top)
{
    QList<SessionId> sessions;
    store.readRates([&](const RateBuckets &rates) { sessions = rates.sessions(); });
    QString out;
    const Report all = collect(store, RateBuckets::AllSessions, top);
    if (all.total.isEmpty())
        return tr("No messages recorded.\n").toUtf8();
    out += tr("Recording: %1 to %2 (%3 s)\n")
               .arg(EventFormat::isoTime(all.firstUs), EventFormat::isoTime(all.lastUs))
               .arg(double(all.lastUs - all.firstUs) / 1e6, 0, 'f', 3);
    out += tr("All sessions: %1\n").arg(countsLine(all.total));
    for (SessionId id : sessions) {
        out += tr("Session %1 \"%2\": %3\n")
                   .arg(id)
                   .arg(store.sessionName(id), countsLine(collect(store, id, 0).total));
    }
    out += tr("Message sizes (all sessions): size, messages in, messages out\n");
    for (int i = 0; i < RateBuckets::SizeClasses; ++i) {
        if (all.sizesIn[size_t(i)] == 0 && all.sizesOut[size_t(i)] == 0)
            continue;
        out += QStringLiteral("  %1  %2  %3\n")
                   .arg(sizeClassLabel(i), -12)
                   .arg(all.sizesIn[size_t(i)], 10)
                   .arg(all.sizesOut[size_t(i)], 10);
    }
    out += tr("Busiest peers (by bytes both ways):\n");
    for (const Peer &p : all.peers) {
        out += tr("  %1: %2 connections; %3\n")
                   .arg(p.host)
                   .arg(p.connections)
                   .arg(countsLine(p.counts));
    }
    out += tr("Busiest connections:\n");
    for (const TrafficStore::ConnectionInfo &c : all.connections) {
        out += tr("  c%1 (session %2, %3): %4\n")
                   .arg(c.id)
                   .arg(c.session)
                   .arg(store.addresses(c.addresses).peer,
                        countsLine({c.messagesIn, c.messagesOut, c.bytesIn, c.bytesOut}));
    }
    return out.toUtf8();
}

QByteArray TrafficStatistics::toJson(const TrafficStore &store)
{
    QList<SessionId> sessions;
    store.readRates([&](const RateBuckets &rates) { sessions = rates.sessions(); });
    const Report all = collect(store, RateBuckets::AllSessions, -1);
    QJsonObject root = countsJson(all.total);
    if (!all.total.isEmpty()) {
        root.insert(QStringLiteral("first"), EventFormat::isoTime(all.firstUs));
        root.insert(QStringLiteral("last"), EventFormat::isoTime(all.lastUs));
    }
    const auto sizesJson = [](const Report &r) {
        QJsonArray array;
        for (int i = 0; i < RateBuckets::SizeClasses; ++i) {
            if (r.sizesIn[size_t(i)] == 0 && r.sizesOut[size_t(i)] == 0)
                continue;
            QJsonObject o{{QStringLiteral("min_bytes"), RateBuckets::sizeClassLow(i)},
                          {QStringLiteral("messages_in"), qint64(r.sizesIn[size_t(i)])},
                          {QStringLiteral("messages_out"), qint64(r.sizesOut[size_t(i)])}};
            if (RateBuckets::sizeClassHigh(i) >= 0)
                o.insert(QStringLiteral("max_bytes"), RateBuckets::sizeClassHigh(i));
            array.append(o);
        }
        return array;
    };
    root.insert(QStringLiteral("sizes"), sizesJson(all));
    QJsonArray sessionArray;
    for (SessionId id : sessions) {
        const Report r = collect(store, id, 0);
        QJsonObject o = countsJson(r.total);
        o.insert(QStringLiteral("session"), int(id));
        o.insert(QStringLiteral("name"), store.sessionName(id));
        o.insert(QStringLiteral("sizes"), sizesJson(r));
        sessionArray.append(o);
    }
    root.insert(QStringLiteral("sessions"), sessionArray);
    QJsonArray peerArray;
    for (const Peer &p : all.peers) {
        QJsonObject o = countsJson(p.counts);
        o.insert(QStringLiteral("peer"), p.host);
        o.insert(QStringLiteral("connections"), qint64(p.connections));
        peerArray.append(o);
    }
    root.insert(QStringLiteral("peers"), peerArray);
    QJsonArray connectionArray;
    for (const TrafficStore::ConnectionInfo &c : all.connections) {
        QJsonObject o = countsJson({c.messagesIn, c.messagesOut, c.bytesIn, c.bytesOut});
        o.insert(QStringLiteral("connection"), qint64(c.id));
        o.insert(QStringLiteral("session"), int(c.session));
        const TrafficStore::AddressPair pair = store.addresses(c.addresses);
        o.insert(QStringLiteral("local"), pair.local);
        o.insert(QStringLiteral("peer"), pair.peer);
        connectionArray.append(o);
    }
    root.insert(QStringLiteral("connections"), connectionArray);
    return QJsonDocument(root).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray TrafficStatistics::rateCsv(const TrafficStore &store)
{
    QByteArray out = "start,seconds,session,messages_in,messages_out,bytes_in,bytes_out\n";
    store.readRates([&](const RateBuckets &rates) {
        const auto rows = [&](int session, const QByteArray &name) {
            const RateBuckets::Series s = rates.whole(session);
            for (qsizetype i = 0; i < s.buckets.size(); ++i) {
                const RateBuckets::Counts &c = s.buckets.at(i);
                if (c.isEmpty())
                    continue;
                out += EventFormat::isoTime(s.startUs + i * s.bucketUs).toUtf8() + ',' +
                       QByteArray::number(double(s.bucketUs) / 1e6) + ',' + name + ',' +
                       QByteArray::number(c.messagesIn) + ',' + QByteArray::number(c.messagesOut) +
                       ',' + QByteArray::number(c.bytesIn) + ',' + QByteArray::number(c.bytesOut) +
                       '\n';
            }
        };
        rows(RateBuckets::AllSessions, "all");
        for (SessionId id : rates.sessions())
            rows(id, QByteArray::number(id));
    });
    return out;
}
