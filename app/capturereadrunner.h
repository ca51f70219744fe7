#pragma once

#include <QCoreApplication>
#include <QStringList>

struct StatisticsOptions;

// `socketscope read FILE [--json | --raw] [--follow N [--as FORM] [--encoding E]]`:
// prints a capture file's events as the live subcommands print theirs
// (readable lines, --json objects, or with --raw the received bytes only).
// --follow N keeps connection N's events only and prints them as its
// transcript, as the window's Follow view saves it. Runs to the end of the file without an
// event loop; what was read is printed batch by batch, so a large file never
// piles up in memory. --stats [--json] and --rate print the file's statistics
// and rate table (StatisticsOptions) instead of its events.
//
// Exit codes: 0 the whole file was read; 1 it is damaged or cut short part
// way (what came before is printed, stderr says where it stopped); 2 usage
// error; 3 it cannot be opened or is not a capture (stderr says why).
class CaptureReadRunner
{
    Q_DECLARE_TR_FUNCTIONS(CaptureReadRunner)

public:
    // `args` are the arguments after "read".
    static int run(const QStringList &args);

private:
    static int run(const QStringList &args, const StatisticsOptions &statistics);
};
