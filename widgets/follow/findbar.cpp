#include "follow/findbar.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>

#include <algorithm>

FindBar::FindBar(QPlainTextEdit *text, QWidget *parent)
    : QWidget(parent)
    , m_text(text)
    , m_edit(new QLineEdit(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_countLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("findBar"));
    m_edit->setObjectName(QStringLiteral("findEdit"));
    m_edit->setClearButtonEnabled(true);
    m_previous->setObjectName(QStringLiteral("findPreviousButton"));
    m_next->setObjectName(QStringLiteral("findNextButton"));
    m_countLabel->setObjectName(QStringLiteral("findCountLabel"));
    m_countLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000 of 0000")));

    connect(m_edit, &QLineEdit::textChanged, this, &FindBar::refresh);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        // Shift+Enter goes back, as in browsers.
        if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier)
            findPrevious();
        else
            findNext();
    });
    connect(m_next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(m_previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    auto *next = new QShortcut(QKeySequence::FindNext, parent ? parent : this);
    connect(next, &QShortcut::activated, this, &FindBar::findNext);
    auto *previous = new QShortcut(QKeySequence::FindPrevious, parent ? parent : this);
    connect(previous, &QShortcut::activated, this, &FindBar::findPrevious);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_countLabel);
    retranslate();
    updateLabel();
}

void FindBar::retranslate()
{
    m_edit->setPlaceholderText(tr("Find in the conversation (Ctrl+F)"));
    m_edit->setAccessibleName(tr("Find"));
    m_previous->setText(tr("Previous"));
    m_previous->setAccessibleName(tr("Previous match"));
    m_previous->setToolTip(tr("Previous match (Shift+F3)"));
    m_next->setText(tr("Next"));
    m_next->setAccessibleName(tr("Next match"));
    m_next->setToolTip(tr("Next match (F3, Enter)"));
    m_countLabel->setAccessibleName(tr("Matches"));
    updateLabel();
}

void FindBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FindBar::activate()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

int FindBar::currentMatch() const
{
    const QTextCursor cursor = m_text->textCursor();
    if (!cursor.hasSelection())
        return 0;
    const auto it =
        std::lower_bound(m_positions.cbegin(), m_positions.cend(), cursor.selectionStart());
    if (it == m_positions.cend() || *it != cursor.selectionStart())
        return 0;
    return int(it - m_positions.cbegin()) + 1;
}

void FindBar::refresh()
{
    m_positions.clear();
    const QString needle = m_edit->text();
    QList<QTextEdit::ExtraSelection> marks;
    if (!needle.isEmpty()) {
        const QString haystack = m_text->document()->toPlainText();
        QTextCharFormat mark;
        mark.setBackground(palette().color(QPalette::Highlight).lighter(160));
        mark.setForeground(palette().color(QPalette::Text));
        if (palette().color(QPalette::Base).lightness() < 128)
            mark.setBackground(palette().color(QPalette::Highlight).darker(150));
        for (qsizetype at = haystack.indexOf(needle, 0, Qt::CaseInsensitive); at >= 0;
             at = haystack.indexOf(needle, at + needle.size(), Qt::CaseInsensitive)) {
            m_positions.append(int(at));
            if (marks.size() < MaxMarked) {
                QTextEdit::ExtraSelection selection;
                selection.cursor = QTextCursor(m_text->document());
                selection.cursor.setPosition(int(at));
                selection.cursor.setPosition(int(at + needle.size()), QTextCursor::KeepAnchor);
                selection.format = mark;
                marks.append(selection);
            }
        }
    }
    m_count = int(m_positions.size());
    m_text->setExtraSelections(marks);
    updateLabel();
}

void FindBar::findNext()
{
    find(false);
}

void FindBar::findPrevious()
{
    find(true);
}

void FindBar::find(bool backward)
{
    if (m_positions.isEmpty())
        refresh();
    if (m_positions.isEmpty()) {
        updateLabel();
        return;
    }
    const QTextCursor cursor = m_text->textCursor();
    // From the selected match on; wraps around at either end.
    int at;
    if (backward) {
        const int from = cursor.hasSelection() ? cursor.selectionStart() : cursor.position();
        auto it = std::lower_bound(m_positions.cbegin(), m_positions.cend(), from);
        at = it == m_positions.cbegin() ? m_positions.constLast() : *(it - 1);
    } else {
        const int from = cursor.hasSelection() ? cursor.selectionStart() + 1 : cursor.position();
        auto it = std::lower_bound(m_positions.cbegin(), m_positions.cend(), from);
        at = it == m_positions.cend() ? m_positions.constFirst() : *it;
    }
    QTextCursor found(m_text->document());
    found.setPosition(at);
    found.setPosition(at + int(m_edit->text().size()), QTextCursor::KeepAnchor);
    m_text->setTextCursor(found);
    m_text->centerCursor();
    updateLabel();
}

void FindBar::updateLabel()
{
    const bool any = !m_edit->text().isEmpty();
    m_previous->setEnabled(m_count > 0);
    m_next->setEnabled(m_count > 0);
    if (!any)
        m_countLabel->clear();
    else if (m_count == 0)
        m_countLabel->setText(tr("No matches"));
    else if (const int current = currentMatch(); current > 0)
        m_countLabel->setText(m_count == 1 ? tr("1 of 1 match")
                                           : tr("%1 of %2 matches").arg(current).arg(m_count));
    else
        m_countLabel->setText(m_count == 1 ? tr("1 match") : tr("%1 matches").arg(m_count));
}
