#include "directiondelegate.h"

#include "icons.h"
#include "logfiltermodel.h"
#include "trafficevent.h"
#include "trafficlogmodel.h"

DirectionDelegate::DirectionDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_icons{Icons::icon(QStringLiteral("dir-in")), Icons::icon(QStringLiteral("dir-out")),
              Icons::icon(QStringLiteral("dir-state")), Icons::icon(QStringLiteral("dir-error"))}
{}

void DirectionDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant kind = index.data(TrafficLogModel::KindRole);
    if (!kind.isValid())
        return;
    const LogFilterModel::Direction direction =
        LogFilterModel::directionOf(EventKind(kind.toInt()));
    int slot = 2;
    if (direction == LogFilterModel::In)
        slot = 0;
    else if (direction == LogFilterModel::Out)
        slot = 1;
    else if (direction == LogFilterModel::Error)
        slot = 3;
    option->icon = m_icons[slot];
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(IconSize, IconSize);
    // Two shades per colour: deep ones on a light base, light ones on a
    // dark base, so the words stay readable in either palette.
    const bool dark = option->palette.color(QPalette::Base).lightness() < 128;
    QColor color;
    switch (direction) {
    case LogFilterModel::In:
        color = dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
        break;
    case LogFilterModel::Out:
        color = dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
        break;
    case LogFilterModel::Error:
        color = dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
        break;
    case LogFilterModel::State:
        color = option->palette.color(QPalette::PlaceholderText);
        break;
    }
    option->palette.setColor(QPalette::Text, color);
}
