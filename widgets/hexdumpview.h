#pragma once

#include <QByteArray>
#include <QPlainTextEdit>

// A read-only hex dump (offset, hex pairs, text column) that fits its width:
// 16 bytes a line when there is room for the whole line, else 8, so the text
// column never needs sideways scrolling in a narrow pane.
class HexDumpView : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit HexDumpView(QWidget *parent = nullptr);

    void setBytes(const QByteArray &bytes);
    void clearBytes();
    int bytesPerLine() const { return m_bytesPerLine; }
    // Width in pixels the view needs to show `bytesPerLine` bytes a line.
    int widthFor(int bytesPerLine) const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    int fittingBytesPerLine() const;
    void render();

    QByteArray m_bytes;
    int m_bytesPerLine = 16;
};
