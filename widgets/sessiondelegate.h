#pragma once

#include <QStyledItemDelegate>

enum class SessionState;

// Two lines per session: a state dot and the name, then the state in words
// ("listening on 127.0.0.1:9999", "error: ..."), coloured by state. The full
// texts are in the tooltip when a line is elided.
class SessionDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static constexpr int Margin = 6;
    static constexpr int Dot = 10;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    // Shared with SessionPanel, so its error line has the row's error colour.
    static QColor errorTextColor(const QPalette &palette);
};
