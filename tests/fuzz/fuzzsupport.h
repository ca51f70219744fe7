#pragma once

// Shared by the libFuzzer targets: a failed property aborts with a message,
// which libFuzzer reports as a crash and saves the input that caused it.

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                                \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "property failed: %s (%s) at %s:%d\n", #condition,                \
                         QString(what).toUtf8().constData(), __FILE__, __LINE__);                  \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace Fuzz {

// The input as text the way a person's typing arrives: UTF-8, with invalid
// sequences replaced (the parsers take QStrings).
inline QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline QString show(const QByteArray &b)
{
    return QString::fromLatin1(b.toHex(' '));
}

} // namespace Fuzz
