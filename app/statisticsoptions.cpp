#include "statisticsoptions.h"

#include "trafficstatistics.h"

StatisticsOptions StatisticsOptions::take(QStringList *args)
{
    StatisticsOptions options;
    options.stats = args->removeAll(QStringLiteral("--stats")) > 0;
    options.rate = args->removeAll(QStringLiteral("--rate")) > 0;
    return options;
}

QByteArray StatisticsOptions::render(const TrafficStore &store, bool json) const
{
    QByteArray out;
    if (stats)
        out += json ? TrafficStatistics::toJson(store) : TrafficStatistics::toText(store);
    if (rate)
        out += TrafficStatistics::rateCsv(store);
    return out;
}

QString StatisticsOptions::usage()
{
    return tr("Statistics: --stats prints messages and bytes each way per session, the\n"
              "message size distribution, the busiest peers and connections (one JSON\n"
              "object with --json); --rate prints the recording's messages and bytes per\n"
              "time bucket as CSV. Live sessions print them when they exit; read prints\n"
              "them instead of the events.\n");
}
