#pragma once

#include <QIcon>
#include <QStyledItemDelegate>

// The direction column: an icon and a colour per direction. Done here rather
// than in TrafficLogModel because icons are GUI, and model/ stays GUI-free.
class DirectionDelegate : public QStyledItemDelegate
{
public:
    // The log's rows and buttons are sized for these icons.
    static constexpr int IconSize = 16;

    explicit DirectionDelegate(QObject *parent);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    QIcon m_icons[4];
};
