#pragma once

// Standard input, output and error of the command line.
namespace StandardStreams {

// A program started with one of descriptors 0-2 closed would hand that
// number to the first file or socket it opens, and its printed output would
// then go into that socket. Each closed one is opened on /dev/null instead;
// call first thing in main().
void reopenClosed();

} // namespace StandardStreams
