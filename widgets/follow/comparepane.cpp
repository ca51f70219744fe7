#include "follow/comparepane.h"

#include "payloadcodec.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QVBoxLayout>

namespace {

constexpr int BytesPerLine = 16;

// Where byte `offset` sits in PayloadCodec::toHexDump's layout: its hex pair
// and its character in the text column ("00000000  48 65 ..  6f 0a  |Hello.|").
struct DumpPlace
{
    int line;
    int hexColumn;
    int charColumn;
};

DumpPlace placeOf(qsizetype offset, int offsetDigits)
{
    const int inLine = int(offset % BytesPerLine);
    const int hexStart = offsetDigits + 2;
    // An extra space after the eighth pair.
    const int hexColumn = hexStart + 3 * inLine + (inLine >= BytesPerLine / 2 ? 1 : 0);
    // The pairs, the middle space, then " |" before the text column.
    const int charStart = hexStart + 3 * BytesPerLine + 1 + 2;
    return {int(offset / BytesPerLine), hexColumn, charStart + inLine};
}

QTextEdit::ExtraSelection mark(QTextDocument *document, int position, int length,
                               const QTextCharFormat &format)
{
    QTextEdit::ExtraSelection selection;
    selection.cursor = QTextCursor(document);
    selection.cursor.setPosition(position);
    selection.cursor.setPosition(position + length, QTextCursor::KeepAnchor);
    selection.format = format;
    return selection;
}

} // namespace

ComparePane::ComparePane(const QString &name, QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(this))
    , m_hex(new QPlainTextEdit(this))
    , m_text(new QPlainTextEdit(this))
{
    setObjectName(name);
    m_heading->setObjectName(name + QStringLiteral("Heading"));
    m_hex->setObjectName(name + QStringLiteral("Hex"));
    m_text->setObjectName(name + QStringLiteral("Text"));
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *view : {m_hex, m_text}) {
        view->setReadOnly(true);
        view->setFont(fixed);
        view->setUndoRedoEnabled(false);
    }
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAnywhere);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addWidget(m_hex, 3);
    layout->addWidget(m_text, 1);
}

void ComparePane::setPayload(const QByteArray &bytes, const QString &heading,
                             const QList<qsizetype> &differing)
{
    m_heading->setText(heading);
    m_hex->setAccessibleName(heading);
    m_text->setAccessibleName(heading);
    m_hex->setPlainText(PayloadCodec::toHexDump(bytes, BytesPerLine));

    // The escaped line is built byte by byte, so each byte's escape has a
    // known place to mark (toEscaped of the whole would merge UTF-8).
    QString escaped;
    QList<int> starts;
    starts.reserve(bytes.size() + 1);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        starts.append(int(escaped.size()));
        escaped += PayloadCodec::toEscaped(QByteArrayView(bytes).sliced(i, 1), false);
    }
    starts.append(int(escaped.size()));
    m_text->setPlainText(escaped);

    QTextCharFormat format;
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    format.setBackground(dark ? QColor(0x8a, 0x5a, 0x00) : QColor(0xff, 0xd5, 0x4f));
    format.setForeground(dark ? QColor(Qt::white) : QColor(Qt::black));
    format.setFontWeight(QFont::Bold);
    const QString firstLine = m_hex->document()->firstBlock().text();
    const int offsetDigits = qMax(8, int(firstLine.indexOf(QLatin1Char(' '))));
    QList<QTextEdit::ExtraSelection> hexMarks;
    QList<QTextEdit::ExtraSelection> textMarks;
    m_marked.clear();
    for (const qsizetype offset : differing) {
        if (offset >= bytes.size())
            break; // past this side's end: the other side marks it
        if (m_marked.size() >= MaxMarked)
            break;
        m_marked.append(offset);
        const DumpPlace place = placeOf(offset, offsetDigits);
        const int lineStart = m_hex->document()->findBlockByNumber(place.line).position();
        hexMarks.append(mark(m_hex->document(), lineStart + place.hexColumn, 2, format));
        hexMarks.append(mark(m_hex->document(), lineStart + place.charColumn, 1, format));
        textMarks.append(mark(m_text->document(), starts.at(offset),
                              starts.at(offset + 1) - starts.at(offset), format));
    }
    m_hex->setExtraSelections(hexMarks);
    m_text->setExtraSelections(textMarks);
}

QList<qsizetype> ComparePane::markedOffsets() const
{
    // Read back from the hex view's marks: what a person sees highlighted.
    QList<qsizetype> offsets;
    const QString firstLine = m_hex->document()->firstBlock().text();
    const int offsetDigits = qMax(8, int(firstLine.indexOf(QLatin1Char(' '))));
    for (const QTextEdit::ExtraSelection &selection : m_hex->extraSelections()) {
        if (selection.cursor.selectedText().size() != 2)
            continue; // the text-column mark of the same byte
        const QTextBlock block = m_hex->document()->findBlock(selection.cursor.selectionStart());
        const int column = selection.cursor.selectionStart() - block.position();
        const int inLine0 = (column - offsetDigits - 2) / 3;
        // Past the middle the extra space shifts the pairs by one.
        const int inLine = inLine0 >= BytesPerLine / 2 ? (column - offsetDigits - 3) / 3 : inLine0;
        offsets.append(qsizetype(block.blockNumber()) * BytesPerLine + inLine);
    }
    return offsets;
}
