#pragma once

#include <QtGlobal>

class QString;

// Standard input, output and error of the command line.
namespace StandardStreams {

// A program started with one of descriptors 0-2 closed would hand that
// number to the first file or socket it opens, and its printed output would
// then go into that socket. Each closed one is opened on /dev/null instead;
// call first thing in main().
void reopenClosed();

// Writes all of `data` to `fd`, past interruptions by signals. 0 once
// everything is written, else the errno of the failed write.
int writeAll(int fd, const char *data, qsizetype size);

// "socketscope: TEXT" and a newline on standard error.
void printError(const QString &text);

} // namespace StandardStreams
