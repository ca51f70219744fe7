#pragma once

#include "ratebuckets.h"
#include "trafficstore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

// Statistics over what a store recorded: messages and bytes each way per
// session and per connection, the message size distribution and the busiest
// peers. Counts come from the store's rate buckets and connection records, so
// they stay exact after eviction; a connection whose record the memory cap
// forgot no longer appears among peers and connections (the totals keep it).
// Shared by the window's statistics view and `--stats` on the command line.
class TrafficStatistics
{
    Q_DECLARE_TR_FUNCTIONS(TrafficStatistics)

public:
    struct Peer
    {
        QString host; // the peer's address without its port
        quint64 connections = 0;
        RateBuckets::Counts counts;
        quint64 bytes() const { return counts.bytesIn + counts.bytesOut; }
    };

    struct Report
    {
        int session = RateBuckets::AllSessions;
        RateBuckets::Counts total;
        RateBuckets::SizeCounts sizesIn{};
        RateBuckets::SizeCounts sizesOut{};
        qint64 firstUs = 0;
        qint64 lastUs = 0;
        QList<Peer> peers;                               // busiest first
        QList<TrafficStore::ConnectionInfo> connections; // busiest first
    };

    // `session` is a session id or RateBuckets::AllSessions; peers and
    // connections are cut to the `top` busiest (by bytes both ways).
    static Report collect(const TrafficStore &store, int session, int top = 10);

    // `socketscope ... --stats`: all sessions, then each session.
    static QByteArray toText(const TrafficStore &store, int top = 10);
    // `--stats --json`: one JSON object (see toText), with every connection.
    static QByteArray toJson(const TrafficStore &store);
    // `--rate`: the whole recording as CSV, one row per bucket and session:
    // start,seconds,session,messages_in,messages_out,bytes_in,bytes_out.
    static QByteArray rateCsv(const TrafficStore &store);

    // "0 B", "1 B", "2–3 B", "1–2 KiB" ... "≥ 64 KiB".
    static QString sizeClassLabel(int sizeClass);
    // "127.0.0.1:5000" -> "127.0.0.1", "[::1]:5000" -> "::1".
    static QString peerHost(const QString &address);
};
