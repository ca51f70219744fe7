#include "sessiondelegate.h"

#include "fieldform.h"
#include "sessionmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

// Text colours chosen per palette so they read on light and dark windows alike.
QColor runningTextColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x7f, 0xd1, 0x8b) : QColor(0x2e, 0x7d, 0x32);
}

// The state dot: the same green and red as the start and error icons.
QColor stateDotColor(SessionState state, const QPalette &palette)
{
    switch (state) {
    case SessionState::Listening:
    case SessionState::Connected:
    case SessionState::Bound:
        return QColor(0x2e, 0x9d, 0x4f);
    case SessionState::Starting:
        return QColor(0xd9, 0x9a, 0x1e);
    case SessionState::Error:
        return QColor(0xd0, 0x47, 0x3a);
    case SessionState::Stopped:
    case SessionState::Finished:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

} // namespace

// The same red as the editor's errors, chosen per palette.
QColor SessionDelegate::errorTextColor(const QPalette &palette)
{
    return FieldForm::errorColor(palette);
}

QSize SessionDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    QFont bold = option.font;
    bold.setBold(true);
    const int height = QFontMetrics(bold).height() + option.fontMetrics.height() + 2 * Margin + 2;
    return {option.rect.width() > 0 ? option.rect.width() : 200, height};
}

void SessionDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString name = opt.text;
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const auto state = SessionState(index.data(SessionModel::StateRole).toInt());
    const QString stateText = index.siblingAtColumn(SessionModel::StateColumn).data().toString();
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor text =
        opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor stateColor = text;
    if (!selected) {
        if (state == SessionState::Error)
            stateColor = errorTextColor(opt.palette);
        else if (isSessionRunning(state) && state != SessionState::Starting)
            stateColor = runningTextColor(opt.palette);
        else
            stateColor = opt.palette.color(group, QPalette::PlaceholderText);
    }

    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QRect area = opt.rect.adjusted(Margin, Margin, -Margin, -Margin);
    const int textLeft = area.left() + Dot + Margin;
    const int textWidth = area.right() - textLeft;
    const QRect nameRect(textLeft, area.top(), textWidth, boldMetrics.height());
    const QRect stateRect(textLeft, nameRect.bottom() + 2, textWidth, opt.fontMetrics.height());

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    QColor dot = stateDotColor(state, opt.palette);
    if (selected && !isSessionRunning(state) && state != SessionState::Error) {
        dot = text; // a grey dot vanishes on the selection colour
        dot.setAlphaF(0.7);
    }
    painter->setBrush(dot);
    painter->drawEllipse(QRectF(area.left(), nameRect.center().y() - Dot / 2.0 + 0.5, Dot, Dot));
    painter->setFont(bold);
    painter->setPen(text);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(name, Qt::ElideRight, textWidth));
    painter->setFont(opt.font);
    painter->setPen(stateColor);
    painter->drawText(stateRect, Qt::AlignLeft | Qt::AlignVCenter,
                      opt.fontMetrics.elidedText(stateText, Qt::ElideRight, textWidth));
    painter->restore();
}

bool SessionDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    // Name, type and the state in full: an error sentence rarely fits the line.
    const QString tip = index.data().toString() + u'\n' +
                        index.siblingAtColumn(SessionModel::KindColumn).data().toString() + u'\n' +
                        index.siblingAtColumn(SessionModel::StateColumn).data().toString();
    QToolTip::showText(event->globalPos(), tip, view);
    return true;
}
