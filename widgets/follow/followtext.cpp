#include "follow/followtext.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPalette>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>

namespace {

int index(Conversation::Direction direction)
{
    return direction == Conversation::Direction::Out ? 1 : 0;
}

} // namespace

FollowText::Colours FollowText::coloursFor(const QPalette &palette)
{
    // Wireshark's follow colours (client red, server blue) on a light base;
    // on a dark base the same hues, dark behind light text, so both stay
    // readable and tell the sides apart.
    if (palette.color(QPalette::Base).lightness() < 128)
        return {QColor(0x2a, 0x2f, 0x5c), QColor(0xc8, 0xd2, 0xff), QColor(0x5c, 0x26, 0x2a),
                QColor(0xff, 0xcf, 0xcf)};
    return {QColor(0xed, 0xed, 0xfb), QColor(0x00, 0x00, 0x7f), QColor(0xfb, 0xed, 0xed),
            QColor(0x7f, 0x00, 0x00)};
}

FollowText::FollowText(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_colours(coloursFor(palette()))
{
    setObjectName(QStringLiteral("followText"));
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

void FollowText::setForm(Conversation::Form form)
{
    if (m_form == form)
        return;
    m_form = form;
    redraw();
}

void FollowText::setEncoding(PayloadCodec::Encoding encoding)
{
    if (m_encoding == encoding)
        return;
    m_encoding = encoding;
    if (m_form == Conversation::Form::Text)
        redraw();
}

quint64 FollowText::bytes(Conversation::Direction direction) const
{
    return m_bytes[index(direction)];
}

void FollowText::appendSegments(const QList<Conversation::Segment> &segments)
{
    if (segments.isEmpty())
        return;
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    for (const Conversation::Segment &segment : segments) {
        m_bytes[index(segment.direction)] += quint64(segment.bytes.size());
        if (m_kept + segment.bytes.size() > MaxBytes) {
            m_droppedBytes += quint64(segment.bytes.size());
            continue;
        }
        m_kept += segment.bytes.size();
        m_segments.append(segment);
        appendOne(segment);
    }
    // Like the log: a reader at the end goes on seeing the end.
    if (atEnd)
        bar->setValue(bar->maximum());
}

void FollowText::appendOne(const Conversation::Segment &segment)
{
    const bool out = segment.direction == Conversation::Direction::Out;
    const int side = index(segment.direction);
    QString text = Conversation::render(segment, m_form, m_encoding, m_offsets[side]);
    m_offsets[side] += quint64(segment.bytes.size());
    const bool lineForm = m_form != Conversation::Form::Text;

    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    // A new line when the side changes (each line has one colour), and for
    // every hex or escaped segment (each is whole lines).
    if (m_drawnAny && !cursor.block().text().isEmpty() && (lineForm || out != m_lastOut))
        cursor.insertBlock();
    QTextBlockFormat block;
    block.setBackground(out ? m_colours.outBackground : m_colours.inBackground);
    QTextCharFormat chars;
    chars.setForeground(out ? m_colours.outText : m_colours.inText);
    cursor.setBlockFormat(block);
    cursor.insertText(text, chars);
    m_lastOut = out;
    m_drawnAny = true;
}

void FollowText::redraw()
{
    const QList<Conversation::Segment> segments = m_segments;
    setUpdatesEnabled(false);
    clear();
    m_offsets[0] = m_offsets[1] = 0;
    m_drawnAny = false;
    for (const Conversation::Segment &segment : segments)
        appendOne(segment);
    setUpdatesEnabled(true);
}

QString FollowText::transcript() const
{
    QString out;
    quint64 offsets[2] = {0, 0};
    for (const Conversation::Segment &segment : m_segments) {
        const int side = index(segment.direction);
        out += Conversation::transcriptLines(segment, m_form, m_encoding, offsets[side]);
        offsets[side] += quint64(segment.bytes.size());
    }
    return out;
}

QByteArray FollowText::rawBytes(bool both, Conversation::Direction direction) const
{
    QByteArray out;
    for (const Conversation::Segment &segment : m_segments) {
        if (both || segment.direction == direction)
            out.append(segment.bytes);
    }
    return out;
}

void FollowText::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_colours = coloursFor(palette());
        redraw();
    }
    QPlainTextEdit::changeEvent(event);
}
