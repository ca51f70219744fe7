#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

// Find in a read-only text: the words to look for, Previous and Next
// (Shift+Enter / Enter, Shift+F3 / F3), and "2 of 5 matches". Case does not
// matter; every match is marked, the current one selected. The count follows
// the text as it grows.
class FindBar : public QWidget
{
    Q_OBJECT

public:
    // Matches marked at once; more are counted but not painted.
    static constexpr int MaxMarked = 2000;

    explicit FindBar(QPlainTextEdit *text, QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    int matchCount() const { return m_count; }
    // 1-based position of the selected match, 0 when none is selected.
    int currentMatch() const;

public Q_SLOTS:
    void activate(); // focus the words, selected
    void findNext();
    void findPrevious();
    // Recounts after the text changed (it only grows: the selection stays).
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    void find(bool backward);
    void retranslate();
    void updateLabel();

    QPlainTextEdit *m_text;
    QLineEdit *m_edit;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_countLabel;
    QList<int> m_positions; // start of every match in the text
    int m_count = 0;
};
