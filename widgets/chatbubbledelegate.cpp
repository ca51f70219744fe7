#include "chatbubbledelegate.h"

#include "chatmessagemodel.h"

#include <QFontDatabase>
#include <QListView>
#include <QPainter>
#include <QTextLayout>
#include <QTextOption>

#include <cmath>

ChatBubbleDelegate::ChatBubbleDelegate(QListView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{}

QColor ChatBubbleDelegate::blend(const QColor &a, const QColor &b, qreal amountOfB)
{
    const auto mix = [amountOfB](qreal x, qreal y) { return x + (y - x) * amountOfB; };
    return QColor::fromRgbF(float(mix(a.redF(), b.redF())), float(mix(a.greenF(), b.greenF())),
                            float(mix(a.blueF(), b.blueF())));
}

QSize ChatBubbleDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    const Metrics m = metrics(option);
    const auto side = Side(index.data(ChatMessageModel::SideRole).toInt());
    const QSize text = textSize(option, index, m);
    if (side == Side::Note)
        return {m.viewWidth, text.height() + 2 * NotePadY + 2 * Spacing};
    return {m.viewWidth, m.headerHeight + HeaderGap + text.height() + 2 * PadY + 2 * Spacing};
}

void ChatBubbleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    const Metrics m = metrics(option);
    const auto side = Side(index.data(ChatMessageModel::SideRole).toInt());
    const QSize textSize = this->textSize(option, index, m);
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QRect area = option.rect.adjusted(Margin, Spacing, -Margin, -Spacing);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    if (side == Side::Note) {
        const QRect pill(area.center().x() - textSize.width() / 2 - NotePadX, area.top(),
                         textSize.width() + 2 * NotePadX, textSize.height() + 2 * NotePadY);
        painter->setPen(selected ? QPen(palette.color(QPalette::Highlight), 1.5) : Qt::NoPen);
        painter->setBrush(
            blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.07));
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setPen(palette.color(QPalette::Text));
        drawText(painter, noteFont(option), index.data().toString(),
                 pill.topLeft() + QPoint(NotePadX, NotePadY), textSize.width(), Qt::AlignHCenter);
        painter->restore();
        return;
    }

    const bool ours = side == Side::Ours;
    const QRect bubble(ours ? area.right() - textSize.width() - 2 * PadX + 1 : area.left(),
                       area.top() + m.headerHeight + HeaderGap, textSize.width() + 2 * PadX,
                       textSize.height() + 2 * PadY);

    // Header: sender, then the time in a quieter colour, aligned with the bubble.
    const QFont headerFont = this->headerFont(option);
    QFont senderFont = headerFont;
    senderFont.setBold(true);
    const QString sender = index.data(ChatMessageModel::SenderRole).toString();
    // The time, and on a reply to our message how long it took, as one quiet label.
    QString time = index.data(ChatMessageModel::TimeRole).toString();
    if (const QString rtt = index.data(ChatMessageModel::RoundTripRole).toString(); !rtt.isEmpty())
        time += QStringLiteral(" \u00b7 ") + rtt;
    const int senderWidth = QFontMetrics(senderFont).horizontalAdvance(sender);
    const int timeWidth = QFontMetrics(headerFont).horizontalAdvance(time);
    const int headerWidth = senderWidth + HeaderGap * 3 + timeWidth;
    const int headerX =
        ours ? bubble.right() - headerWidth + 1 - PadX / 2 : bubble.left() + PadX / 2;
    const int baseline = area.top() + QFontMetrics(senderFont).ascent();
    painter->setFont(senderFont);
    painter->setPen(palette.color(QPalette::Text));
    painter->drawText(QPoint(headerX, baseline), sender);
    painter->setFont(headerFont);
    painter->setPen(palette.color(QPalette::PlaceholderText));
    painter->drawText(QPoint(headerX + senderWidth + HeaderGap * 3, baseline), time);

    const QColor fill =
        ours ? palette.color(QPalette::Highlight)
             : blend(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.10);
    painter->setPen(
        selected
            ? QPen(ours ? palette.color(QPalette::Text) : palette.color(QPalette::Highlight), 2)
            : Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(bubble).adjusted(0.5, 0.5, -0.5, -0.5), Radius, Radius);
    painter->setPen(palette.color(ours ? QPalette::HighlightedText : QPalette::Text));
    drawText(painter, messageFont(option, index), index.data().toString(),
             bubble.topLeft() + QPoint(PadX, PadY), textSize.width(), Qt::AlignLeft);
    painter->restore();
}

ChatBubbleDelegate::Metrics ChatBubbleDelegate::metrics(const QStyleOptionViewItem &option) const
{
    const int width = m_view->viewport()->width();
    if (width != m_cachedWidth) {
        m_cachedWidth = width;
        m_sizes.clear();
    }
    return {width, QFontMetrics(headerFont(option)).height()};
}

QFont ChatBubbleDelegate::headerFont(const QStyleOptionViewItem &option)
{
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    return font;
}

QFont ChatBubbleDelegate::noteFont(const QStyleOptionViewItem &option)
{
    QFont font = headerFont(option);
    font.setItalic(true);
    return font;
}

QFont ChatBubbleDelegate::messageFont(const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!index.data(ChatMessageModel::BinaryRole).toBool())
        return option.font;
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(option.font.pointSizeF());
    return font;
}

QSize ChatBubbleDelegate::layoutText(QTextLayout &layout, int width)
{
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(textOption);
    qreal height = 0;
    qreal natural = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
        natural = qMax(natural, line.naturalTextWidth());
    }
    layout.endLayout();
    return {int(std::ceil(natural)), int(std::ceil(height))};
}

QString ChatBubbleDelegate::layoutString(QString text)
{
    return text.replace(u'\n', QChar::LineSeparator);
}

int ChatBubbleDelegate::maxTextWidth(const Metrics &m, Side side) const
{
    const int area = m.viewWidth - 2 * Margin;
    if (side == Side::Note)
        return qMax(40, area - 2 * NotePadX);
    // Bubbles leave room on the other side, so who said what stays obvious.
    return qMax(60, int(area * 0.75) - 2 * PadX);
}

QSize ChatBubbleDelegate::textSize(const QStyleOptionViewItem &option, const QModelIndex &index,
                                   const Metrics &m) const
{
    const quint64 seq = index.data(ChatMessageModel::SeqRole).toULongLong();
    const auto cached = m_sizes.constFind(seq);
    if (cached != m_sizes.constEnd())
        return *cached;
    const auto side = Side(index.data(ChatMessageModel::SideRole).toInt());
    QTextLayout layout(layoutString(index.data().toString()),
                       side == Side::Note ? noteFont(option) : messageFont(option, index));
    const QSize size = layoutText(layout, maxTextWidth(m, side))
                           .expandedTo(QSize(1, QFontMetrics(option.font).height()));
    if (m_sizes.size() > 2 * ChatMessageModel::MaxItems)
        m_sizes.clear(); // rows leave at the cap; their sizes need not stay
    m_sizes.insert(seq, size);
    return size;
}

void ChatBubbleDelegate::drawText(QPainter *painter, const QFont &font, const QString &text,
                                  QPoint topLeft, int width, Qt::Alignment alignment) const
{
    QTextLayout layout(layoutString(text), font);
    QTextOption textOption;
    textOption.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    textOption.setAlignment(alignment);
    layout.setTextOption(textOption);
    qreal y = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, y));
        y += line.height();
    }
    layout.endLayout();
    layout.draw(painter, topLeft);
}
