#include "hexdumpview.h"

#include "payloadcodec.h"

#include <QFontDatabase>
#include <QFontMetrics>
#include <QScrollBar>
#include <QStyle>
#include <QTextDocument>

namespace {

// Characters of one dump line for up to 4 GiB of offsets: offset (8), two
// spaces, "xx " per byte, a middle space, " |", the text column, "|".
int lineCharacters(int bytesPerLine)
{
    return 8 + 2 + bytesPerLine * 3 + 1 + 2 + bytesPerLine + 1;
}

} // namespace

HexDumpView::HexDumpView(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setMinimumWidth(widthFor(8));
}

int HexDumpView::widthFor(int bytesPerLine) const
{
    const int text = QFontMetrics(font()).horizontalAdvance(
        QString(lineCharacters(bytesPerLine), QLatin1Char('0')));
    const int chrome = 2 * frameWidth() + int(2 * document()->documentMargin()) +
                       style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this) + 2;
    return text + chrome;
}

int HexDumpView::fittingBytesPerLine() const
{
    return width() >= widthFor(16) ? 16 : 8;
}

void HexDumpView::setBytes(const QByteArray &bytes)
{
    m_bytes = bytes;
    m_bytesPerLine = fittingBytesPerLine();
    render();
}

void HexDumpView::clearBytes()
{
    m_bytes.clear();
    clear();
}

void HexDumpView::render()
{
    setPlainText(PayloadCodec::toHexDump(m_bytes, m_bytesPerLine));
}

void HexDumpView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const int fitting = fittingBytesPerLine();
    if (fitting == m_bytesPerLine)
        return;
    m_bytesPerLine = fitting;
    if (m_bytes.isEmpty())
        return;
    // Keep the reader's place: the same byte stays at the top.
    const int topLine = verticalScrollBar()->value();
    const int oldPerLine = fitting == 16 ? 8 : 16;
    render();
    verticalScrollBar()->setValue(topLine * oldPerLine / fitting);
}
