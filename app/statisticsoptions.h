#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>

class TrafficStore;

// `--stats` and `--rate`, shared by `socketscope read FILE` and the live
// subcommands: the statistics (TrafficStatistics) as text, or as one JSON
// object with --json, and the whole recording's rate table as CSV. Printed
// once, at the end: after the file is read, or when a live session exits.
struct StatisticsOptions
{
    Q_DECLARE_TR_FUNCTIONS(StatisticsOptions)

public:
    bool stats = false;
    bool rate = false;

    bool any() const { return stats || rate; }
    // Removes --stats and --rate from `args` and returns what they asked for.
    static StatisticsOptions take(QStringList *args);
    QByteArray render(const TrafficStore &store, bool json) const;
    static QString usage();
};
