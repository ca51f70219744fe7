#pragma once

#include <QByteArray>
#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

// One side of a comparison: a heading, the payload as a hex dump and as one
// escaped line, the differing bytes marked in both (the hex pair, its
// character in the dump's text column, and its escape).
class ComparePane : public QWidget
{
    Q_OBJECT

public:
    // Marks painted at most; beyond them the summary still counts every byte.
    static constexpr qsizetype MaxMarked = 20000;

    explicit ComparePane(const QString &name, QWidget *parent = nullptr);

    void setPayload(const QByteArray &bytes, const QString &heading,
                    const QList<qsizetype> &differing);
    QPlainTextEdit *hexView() const { return m_hex; }
    QPlainTextEdit *textView() const { return m_text; }
    // The offsets marked as differing, read back from the views (tests).
    QList<qsizetype> markedOffsets() const;

private:
    QLabel *m_heading;
    QPlainTextEdit *m_hex;
    QPlainTextEdit *m_text;
    QList<qsizetype> m_marked;
};
