#pragma once

#include "conversation.h"

#include <QColor>
#include <QPlainTextEdit>

// The transcript of one conversation: every segment in order, each
// direction in its own colours, as Wireshark's Follow Stream shows it (sent
// and received lines on different backgrounds), in a light or a dark palette.
// A segment that changes direction starts a new line, so each line belongs to
// one side. Holds the segments, so a change of form or encoding redraws from
// them without reading the store again; memory is bounded by MaxBytes.
class FollowText : public QPlainTextEdit
{
    Q_OBJECT

public:
    // The view keeps at most this many payload bytes; later ones are counted.
    static constexpr qsizetype MaxBytes = 16 * 1024 * 1024;

    struct Colours
    {
        QColor inBackground, inText, outBackground, outText;
    };
    // Readable on the palette's base colour (light or dark).
    static Colours coloursFor(const QPalette &palette);

    explicit FollowText(QWidget *parent = nullptr);

    void setForm(Conversation::Form form);
    Conversation::Form form() const { return m_form; }
    void setEncoding(PayloadCodec::Encoding encoding);
    PayloadCodec::Encoding encoding() const { return m_encoding; }

    // Appends segments as they arrive; those past MaxBytes are only counted.
    void appendSegments(const QList<Conversation::Segment> &segments);
    const QList<Conversation::Segment> &segments() const { return m_segments; }
    quint64 bytes(Conversation::Direction direction) const;
    quint64 droppedBytes() const { return m_droppedBytes; }

    // The whole transcript as plain lines ("> " sent, "< " received).
    QString transcript() const;
    // Only that direction's bytes (or both, interleaved, when `both`), raw.
    QByteArray rawBytes(bool both, Conversation::Direction direction) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void redraw();
    void appendOne(const Conversation::Segment &segment);

    QList<Conversation::Segment> m_segments;
    Conversation::Form m_form = Conversation::Form::Text;
    PayloadCodec::Encoding m_encoding = PayloadCodec::Encoding::Utf8;
    Colours m_colours;
    quint64 m_bytes[2] = {0, 0};   // by Direction
    quint64 m_offsets[2] = {0, 0}; // bytes of each direction drawn so far
    quint64 m_droppedBytes = 0;
    qsizetype m_kept = 0;
    bool m_lastOut = false;
    bool m_drawnAny = false;
};
