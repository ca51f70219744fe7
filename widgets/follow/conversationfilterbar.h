#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

// The line above the traffic log while it shows one conversation only: what
// it shows, and a button that shows every row again. A
// filter a person cannot see is a filter they forget.
class ConversationFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit ConversationFilterBar(QWidget *parent = nullptr);

    // Shows the bar for that conversation; an empty description hides it.
    void setConversation(const QString &description);
    QString conversation() const { return m_description; }

Q_SIGNALS:
    void clearClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QString m_description;
    QLabel *m_label;
    QToolButton *m_clearButton;
};
