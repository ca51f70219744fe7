#include "tailfollower.h"

#include "logview.h"

#include <QEvent>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

TailFollower::TailFollower(QTableView *table, QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_button(new QPushButton(table))
{
    m_button->setObjectName(QStringLiteral("newEventsButton"));
    m_button->setCursor(Qt::PointingHandCursor);
    m_button->setFocusPolicy(Qt::TabFocus);
    QPalette look = m_button->palette();
    look.setColor(QPalette::Button, look.color(QPalette::Highlight));
    look.setColor(QPalette::ButtonText, look.color(QPalette::HighlightedText));
    m_button->setPalette(look);
    QFont bold = m_button->font();
    bold.setBold(true);
    m_button->setFont(bold);
    m_button->setVisible(false);
    connect(m_button, &QPushButton::clicked, this, &TailFollower::jumpRequested);
    QWidget::setTabOrder(m_table, m_button);

    QScrollBar *bar = m_table->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &TailFollower::onScrollValueChanged);
    connect(bar, &QScrollBar::rangeChanged, this, &TailFollower::onScrollRangeChanged);
    m_table->viewport()->installEventFilter(this);
    retranslate();
}

QScopedValueRollback<bool> TailFollower::autoScrollGuard()
{
    return QScopedValueRollback<bool>(m_autoScrolling, true);
}

void TailFollower::setFollowing(bool following)
{
    m_following = following;
    if (following) {
        m_newEvents = 0;
        scheduleTailScroll();
    }
    updateButton();
}

void TailFollower::rowsAppended(int count)
{
    if (m_following) {
        scheduleTailScroll();
    } else {
        m_newEvents += count;
        updateButton();
    }
}

void TailFollower::restartCount()
{
    m_newEvents = 0;
    updateButton();
    if (m_following)
        scheduleTailScroll();
}

void TailFollower::scheduleTailScroll()
{
    // One scroll per batch of rows, after the view has laid them out.
    if (m_tailScrollPending)
        return;
    m_tailScrollPending = true;
    QTimer::singleShot(0, this, [this] {
        m_tailScrollPending = false;
        if (m_following)
            scrollToTailNow();
    });
}

void TailFollower::scrollToTailNow()
{
    const auto guard = autoScrollGuard();
    m_table->scrollToBottom();
}

void TailFollower::onScrollValueChanged(int value)
{
    if (m_autoScrolling)
        return;
    const QScrollBar *bar = m_table->verticalScrollBar();
    if (value < bar->maximum()) {
        if (m_following)
            setFollowing(false);
    } else if (!m_following && !m_rowSelected) {
        // Scrolled back down to the tail with nothing selected: follow again.
        setFollowing(true);
    }
}

void TailFollower::onScrollRangeChanged(int, int maximum)
{
    // Rows arriving, a resize or a font change: stay glued to the tail.
    if (!m_following)
        return;
    const auto guard = autoScrollGuard();
    m_table->verticalScrollBar()->setValue(maximum);
}

void TailFollower::retranslate()
{
    // The words keep the LogView context they were first translated in.
    m_button->setToolTip(LogView::tr("Scroll to the newest event and follow new events (End)"));
    // The count is rebuilt from the state, and the wider or narrower words re-centred.
    if (!m_following)
        updateButton();
}

void TailFollower::updateButton()
{
    if (m_following) {
        // Hand the focus to the table first: hiding a focused button would
        // pass it on as a Tab does, which selects a row and stops following.
        if (m_button->hasFocus())
            m_table->setFocus(Qt::OtherFocusReason);
        m_button->setVisible(false);
        return;
    }
    QString text;
    if (m_newEvents == 0)
        text = LogView::tr("↓ Follow new events");
    else if (m_newEvents == 1)
        text = LogView::tr("↓ 1 new event");
    else
        text = LogView::tr("↓ %1 new events").arg(QLocale().toString(m_newEvents));
    m_button->setText(text);
    m_button->setAccessibleName(text);
    placeButton();
    m_button->setVisible(true);
    m_button->raise();
}

void TailFollower::placeButton()
{
    // Floats over the bottom of the rows, so showing it never shifts the table.
    const QRect area = m_table->viewport()->geometry();
    const QSize size = m_button->sizeHint();
    m_button->setGeometry(area.center().x() - size.width() / 2, area.bottom() - size.height() - 8,
                          size.width(), size.height());
}

bool TailFollower::eventFilter(QObject *watched, QEvent *event)
{
    // The viewport is resized after the table, so place the button from its resize.
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        placeButton();
    return QObject::eventFilter(watched, event);
}
