#include "tailfollower.h"

#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

TailFollower::TailFollower(QTableView *table, QObject *parent)
    : QObject(parent)
    , m_table(table)
    , m_button(new QPushButton)
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

    QScrollBar *bar = m_table->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &TailFollower::onScrollValueChanged);
    connect(bar, &QScrollBar::rangeChanged, this, &TailFollower::onScrollRangeChanged);
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
        scheduleButtonUpdate();
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

void TailFollower::scheduleButtonUpdate()
{
    // Once per batch, after the table has laid the new rows out, so what is
    // below the view can be told from what is in it.
    if (m_buttonUpdatePending)
        return;
    m_buttonUpdatePending = true;
    QTimer::singleShot(0, this, [this] {
        m_buttonUpdatePending = false;
        updateButton();
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
    if (!m_following)
        updateButton(); // rows scrolled into view are no longer new
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
    m_button->setToolTip(tr("Scroll to the newest event and follow new events (End)"));
    // The count is rebuilt from the state.
    updateButton();
}

void TailFollower::updateButton()
{
    // The words are kept current while hidden too, for assistive tools.
    const qint64 unseen = m_following ? 0 : qMin(m_newEvents, rowsBelowView());
    QString text;
    if (unseen == 0)
        text = tr("↓ Follow new events");
    else if (unseen == 1)
        text = tr("↓ 1 new event");
    else
        text = tr("↓ %1 new events").arg(QLocale().toString(unseen));
    if (text != m_button->text()) {
        m_button->setText(text);
        m_button->setAccessibleName(text);
    }
    if (m_following) {
        // Hand the focus to the table first: hiding a focused button would
        // pass it on as a Tab does, which selects a row and stops following.
        if (m_button->hasFocus())
            m_table->setFocus(Qt::OtherFocusReason);
        m_button->setVisible(false);
        return;
    }
    m_button->setVisible(true);
}

qint64 TailFollower::rowsBelowView() const
{
    // Rows appended while the table shows them are not new to the reader.
    const QAbstractItemModel *model = m_table->model();
    if (!model)
        return 0;
    const int rows = model->rowCount();
    const int lastShown = m_table->rowAt(m_table->viewport()->height() - 1);
    return lastShown < 0 ? 0 : qint64(rows - 1 - lastShown);
}
