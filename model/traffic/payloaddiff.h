#pragma once

#include <QByteArrayView>
#include <QList>

// Two payloads compared byte by byte at the same offsets, the way a person
// compares two messages of one protocol (a counter or a checksum changed).
// Bytes past the end of the shorter payload all count as differing. A
// longest-common-subsequence diff would align an inserted byte better, but
// it reads a shifted fixed-layout message as "nothing changed but one byte",
// which hides that every field after it moved; aligned offsets show that.
namespace PayloadDiff {

struct Result
{
    QList<qsizetype> differing; // offsets (in either payload) whose bytes differ
    qsizetype sizeA = 0;
    qsizetype sizeB = 0;

    bool identical() const { return differing.isEmpty(); }
};

Result compare(QByteArrayView a, QByteArrayView b);

} // namespace PayloadDiff
