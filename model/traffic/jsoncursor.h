#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <charconv>
#include <cstring>

// Writes JSON through a pointer into room made once at the end of a
// QByteArray. The headless --json printer and a capture file's comments format
// an event for every message; a QByteArray append per field (a call into Qt
// that checks sharing and capacity each time) cost more than the bytes it
// copied. The room given up front is a hint: every write still checks it and
// grows the array when it would not fit, so a wrong guess costs a copy, never
// memory that is not ours.
class JsonCursor
{
public:
    // The longest time writeIsoTime() writes.
    static constexpr qsizetype IsoTimeMax = 48;

    JsonCursor(QByteArray &out, qsizetype room);
    // Gives back the room not written to.
    ~JsonCursor();
    JsonCursor(const JsonCursor &) = delete;
    JsonCursor &operator=(const JsonCursor &) = delete;

    // Bytes as they are: keys, punctuation, JSON made earlier.
    void raw(QByteArrayView bytes)
    {
        reserve(bytes.size());
        if (!bytes.isEmpty())
            std::memcpy(m_p, bytes.data(), size_t(bytes.size()));
        m_p += bytes.size();
    }
    template <typename Integer> void number(Integer value)
    {
        reserve(24);
        m_p = std::to_chars(m_p, m_end, value).ptr;
    }
    // A quoted JSON string of UTF-8 text (valid: see EventFormat), control
    // characters, '"', '\\' and DEL escaped.
    void utf8String(QByteArrayView utf8);
    // The same from a QString: ASCII (addresses, most names) without a UTF-8 copy.
    void string(const QString &text);
    // "0a1b…", quoted.
    void hexString(QByteArrayView bytes);
    // "2026-11-22T07:30:01.123456Z" without quotes (UTC), before 1970 too.
    void isoTime(qint64 timeUs);

private:
    void reserve(qsizetype bytes)
    {
        if (m_end - m_p < bytes)
            grow(bytes);
    }
    void grow(qsizetype bytes);

    QByteArray &m_out;
    char *m_p = nullptr;
    char *m_end = nullptr;
};
