#include "follow/conversationfilterbar.h"

#include "icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

ConversationFilterBar::ConversationFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_clearButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("conversationFilterBar"));
    m_label->setObjectName(QStringLiteral("conversationFilterLabel"));
    m_label->setTextFormat(Qt::PlainText);
    m_clearButton->setObjectName(QStringLiteral("conversationFilterClearButton"));
    m_clearButton->setIcon(Icons::icon(QStringLiteral("clear")));
    m_clearButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clearButton->setAutoRaise(true);
    connect(m_clearButton, &QToolButton::clicked, this, &ConversationFilterBar::clearClicked);
    // The same look as the log's paused notice: a band in the highlight colour.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 2, 2, 2);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_clearButton);
    setVisible(false);
    retranslate();
}

void ConversationFilterBar::setConversation(const QString &description)
{
    m_description = description;
    setVisible(!description.isEmpty());
    retranslate();
}

void ConversationFilterBar::retranslate()
{
    m_label->setText(tr("Showing one conversation only: %1").arg(m_description));
    m_label->setAccessibleName(tr("Conversation filter"));
    m_clearButton->setText(tr("Show all"));
    m_clearButton->setAccessibleName(tr("Show all conversations"));
    m_clearButton->setToolTip(tr("Show the events of every conversation again"));
}

void ConversationFilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
