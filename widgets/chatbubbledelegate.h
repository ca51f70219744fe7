#pragma once

#include "chatmessagemodel.h"

#include <QHash>
#include <QStyledItemDelegate>

class QListView;
class QTextLayout;

// Paints the chat items as bubbles: theirs on the left in a tint of the base
// colour, ours on the right in the highlight colour, notes centred. Sizes depend
// on the viewport width and are cached per item, since QListView asks for every
// item's size on each layout.
class ChatBubbleDelegate : public QStyledItemDelegate
{
public:
    explicit ChatBubbleDelegate(QListView *view);

    // Sizes are cached by sequence number; a new session, a cleared store or a
    // language switch (long messages end in translated words) starts over.
    void invalidate() { m_sizes.clear(); }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // The tints are mixes of palette colours, so they follow light and dark
    // palettes alike; ChatView tints its banner the same way.
    static QColor blend(const QColor &a, const QColor &b, qreal amountOfB);

private:
    using Side = ChatMessageModel::Side;

    static constexpr int Margin = 10; // between the view's edges and the bubbles
    static constexpr int Spacing = 5; // above and below each item
    static constexpr int PadX = 11;   // inside a bubble
    static constexpr int PadY = 7;
    static constexpr int NotePadX = 12;
    static constexpr int NotePadY = 4;
    static constexpr int HeaderGap = 3;
    static constexpr int Radius = 11;

    struct Metrics
    {
        int viewWidth = 0;
        int headerHeight = 0;
    };

    Metrics metrics(const QStyleOptionViewItem &option) const;
    static QFont headerFont(const QStyleOptionViewItem &option);
    static QFont noteFont(const QStyleOptionViewItem &option);
    static QFont messageFont(const QStyleOptionViewItem &option, const QModelIndex &index);
    // Wraps at word boundaries, or anywhere for long runs like escaped binary.
    static QSize layoutText(QTextLayout &layout, int width);
    // QTextLayout breaks lines only at U+2028.
    static QString layoutString(QString text);
    int maxTextWidth(const Metrics &m, Side side) const;
    QSize textSize(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const Metrics &m) const;
    void drawText(QPainter *painter, const QFont &font, const QString &text, QPoint topLeft,
                  int width, Qt::Alignment alignment) const;

    QListView *m_view;
    mutable int m_cachedWidth = -1;
    mutable QHash<quint64, QSize> m_sizes;
};
