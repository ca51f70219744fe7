#include "sendhistory.h"

#include <QComboBox>
#include <QEvent>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextLayout>

namespace {

constexpr int Limit = 100;

QTextLine cursorLine(const QTextCursor &cursor)
{
    const QTextLayout *layout = cursor.block().layout();
    if (!layout || layout->lineCount() == 0)
        return {};
    return layout->lineForTextPosition(cursor.positionInBlock());
}

// Up recalls only from the first visual line and Down only from the last, so
// moving the cursor inside a multi-line message still works.
bool onFirstLine(const QPlainTextEdit *edit)
{
    const QTextCursor cursor = edit->textCursor();
    if (cursor.blockNumber() != 0)
        return false;
    const QTextLine line = cursorLine(cursor);
    return !line.isValid() || line.lineNumber() == 0;
}

bool onLastLine(const QPlainTextEdit *edit)
{
    const QTextCursor cursor = edit->textCursor();
    if (cursor.block() != edit->document()->lastBlock())
        return false;
    const QTextLine line = cursorLine(cursor);
    return !line.isValid() || line.lineNumber() == cursor.block().layout()->lineCount() - 1;
}

} // namespace

SendHistory::SendHistory(QPlainTextEdit *input, QComboBox *mode, QObject *parent)
    : QObject(parent)
    , m_input(input)
    , m_mode(mode)
{
    input->installEventFilter(this);
}

void SendHistory::remember(const QString &text)
{
    const Entry entry{text, m_mode->currentData().toInt()};
    if (m_entries.isEmpty() || m_entries.constLast().text != entry.text ||
        m_entries.constLast().mode != entry.mode)
        m_entries.append(entry);
    while (m_entries.size() > Limit)
        m_entries.removeFirst();
    m_index = -1;
    m_draft.clear();
}

bool SendHistory::recall(int step)
{
    if (m_entries.isEmpty())
        return false;
    int index = m_index;
    if (step < 0) {
        if (index == -1) {
            m_draft = m_input->toPlainText();
            index = int(m_entries.size()) - 1;
        } else if (index > 0) {
            --index;
        } else {
            return true; // the oldest entry: stay there
        }
    } else {
        if (index == -1)
            return false;
        index = index + 1 < m_entries.size() ? index + 1 : -1;
    }
    m_index = index;
    if (index == -1) {
        m_input->setPlainText(m_draft);
    } else {
        const Entry &entry = m_entries.at(index);
        m_mode->setCurrentIndex(m_mode->findData(entry.mode));
        m_input->setPlainText(entry.text);
    }
    m_input->moveCursor(QTextCursor::End);
    return true;
}

bool SendHistory::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
            if (key->key() == Qt::Key_Up && onFirstLine(m_input))
                return recall(-1);
            if (key->key() == Qt::Key_Down && onLastLine(m_input))
                return recall(+1);
        }
    }
    return QObject::eventFilter(watched, event);
}
