#include "chatview.h"

#include "engine.h"
#include "hostport.h"
#include "payloadcodec.h"
#include "trafficstore.h"

#include <QAbstractListModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHash>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTextOption>
#include <QVBoxLayout>

#include <cmath>
#include <vector>

namespace {

using Side = ChatView::Side;

QColor blend(const QColor &a, const QColor &b, qreal amountOfB)
{
    const auto mix = [amountOfB](qreal x, qreal y) { return x + (y - x) * amountOfB; };
    return QColor::fromRgbF(float(mix(a.redF(), b.redF())), float(mix(a.greenF(), b.greenF())),
                            float(mix(a.blueF(), b.blueF())));
}

// What a person reads in a bubble. The log keeps the exact bytes; here one
// trailing line ending goes (a TCP line "hi\n" is the message "hi"), invalid
// UTF-8 shows as U+FFFD, and bytes that are clearly not text show escaped.
QString messageText(QByteArray bytes, bool *binary)
{
    if (bytes.endsWith("\r\n"))
        bytes.chop(2);
    else if (bytes.endsWith('\n'))
        bytes.chop(1);
    bool control = false;
    for (const char c : std::as_const(bytes)) {
        const auto u = uchar(c);
        if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7f) {
            control = true;
            break;
        }
    }
    if (!control) {
        const QString text = PayloadCodec::decode(bytes, PayloadCodec::Encoding::Utf8);
        const qsizetype replaced = text.count(QChar::ReplacementCharacter);
        // A few bad bytes in text stay visible as U+FFFD; mostly bad bytes is binary.
        if (replaced * 4 <= text.size()) {
            *binary = false;
            return text;
        }
    }
    *binary = true;
    return PayloadCodec::toEscaped(bytes, true);
}

} // namespace

// The chat items of one session: Received, Sent and Note events, read from the
// store incrementally (only the sequence numbers after the last one read) and
// decoded once, since a chat shows every message and re-decoding per paint would
// be waste. Capped, so a flood into a chat session cannot grow it without bound.
class ChatMessageModel : public QAbstractListModel
{
public:
    static constexpr int MaxItems = 5000;
    static constexpr qsizetype MaxMessageBytes = 16 * 1024;
    static constexpr quint64 ReadBatch = 4096;

    explicit ChatMessageModel(TrafficStore *store, QObject *parent)
        : QAbstractListModel(parent)
        , m_store(store)
    {
        connect(store, &TrafficStore::eventsAppended, this, &ChatMessageModel::readNew);
        connect(store, &TrafficStore::cleared, this, [this] {
            beginResetModel();
            m_items.clear();
            m_nextSeq = m_store->lastSeq() + 1;
            endResetModel();
        });
    }

    SessionId session() const { return m_session; }

    void setSession(SessionId session)
    {
        beginResetModel();
        m_session = session;
        m_items.clear();
        m_nextSeq = m_store->firstSeq();
        std::vector<Item> items = readItems();
        appendCapped(items);
        endResetModel();
    }

    void readNew()
    {
        std::vector<Item> items = readItems();
        if (items.empty())
            return;
        const int overflow = int(m_items.size() + items.size()) - MaxItems;
        if (overflow > 0 && !m_items.empty()) {
            const int gone = qMin(overflow, int(m_items.size()));
            beginRemoveRows({}, 0, gone - 1);
            m_items.erase(m_items.begin(), m_items.begin() + gone);
            endRemoveRows();
        }
        if (items.size() > size_t(MaxItems))
            items.erase(items.begin(), items.end() - MaxItems);
        const int first = int(m_items.size());
        beginInsertRows({}, first, first + int(items.size()) - 1);
        m_items.insert(m_items.end(), items.begin(), items.end());
        endInsertRows();
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_items.size());
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const Item &item = m_items[size_t(index.row())];
        switch (role) {
        case Qt::DisplayRole:
            return item.text;
        case Qt::ToolTipRole:
            return item.side == Side::Note
                       ? ChatView::tr("%1 at %2").arg(item.text, timeText(item))
                       : ChatView::tr("%1 at %2").arg(item.sender, timeText(item));
        case Qt::AccessibleTextRole:
            return item.side == Side::Note
                       ? item.text
                       : ChatView::tr("%1 at %2: %3").arg(item.sender, timeText(item), item.text);
        case ChatView::SideRole:
            return int(item.side);
        case ChatView::SenderRole:
            return item.sender;
        case ChatView::TimeRole:
            return timeText(item);
        case ChatView::BinaryRole:
            return item.binary;
        case ChatView::SeqRole:
            return item.seq;
        }
        return {};
    }

private:
    struct Item
    {
        quint64 seq = 0;
        qint64 timeUs = 0;
        Side side = Side::Note;
        bool binary = false;
        QString sender;
        QString text;
    };

    static QString timeText(const Item &item)
    {
        return QDateTime::fromMSecsSinceEpoch(item.timeUs / 1000)
            .toString(QStringLiteral("HH:mm:ss"));
    }

    // Reads every event after the last one read; returns this session's items.
    std::vector<Item> readItems()
    {
        std::vector<Item> items;
        const quint64 last = m_store->lastSeq();
        quint64 from = qMax(m_nextSeq, m_store->firstSeq());
        m_nextSeq = qMax(m_nextSeq, last + 1);
        if (m_session == 0)
            return items;
        while (from <= last) {
            const quint64 to = qMin(last, from + ReadBatch - 1);
            const QList<TrafficEvent> events = m_store->events(from, to);
            for (const TrafficEvent &ev : events) {
                if (ev.session != m_session)
                    continue;
                if (ev.kind == EventKind::Received || ev.kind == EventKind::Sent ||
                    ev.kind == EventKind::Note)
                    items.push_back(makeItem(ev));
            }
            from = to + 1;
        }
        return items;
    }

    void appendCapped(std::vector<Item> &items)
    {
        if (items.size() > size_t(MaxItems))
            items.erase(items.begin(), items.end() - MaxItems);
        m_items.insert(m_items.end(), items.begin(), items.end());
    }

    Item makeItem(const TrafficEvent &ev) const
    {
        Item item;
        item.seq = ev.seq;
        item.timeUs = ev.timeUs;
        const QByteArray bytes = m_store->payload(ev, MaxMessageBytes);
        switch (ev.kind) {
        case EventKind::Received:
            item.side = Side::Theirs;
            item.sender = m_store->addresses(ev.addresses).peer;
            break;
        case EventKind::Sent:
            item.side = Side::Ours;
            item.sender = ChatView::tr("Me");
            break;
        default:
            item.side = Side::Note;
            item.text = QString::fromUtf8(bytes);
            return item;
        }
        item.text = messageText(bytes, &item.binary);
        if (qsizetype(ev.payloadSize) > MaxMessageBytes)
            item.text =
                ChatView::tr("%1… (%n bytes in all)", nullptr, int(ev.payloadSize)).arg(item.text);
        return item;
    }

    TrafficStore *m_store;
    SessionId m_session = 0;
    quint64 m_nextSeq = 1;
    std::vector<Item> m_items;
};

namespace {

// Paints the chat items as bubbles: theirs on the left in a tint of the base
// colour, ours on the right in the highlight colour, notes centred. Sizes depend
// on the viewport width and are cached per item, since QListView asks for every
// item's size on each layout.
class ChatBubbleDelegate : public QStyledItemDelegate
{
public:
    explicit ChatBubbleDelegate(QListView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {}

    // Sizes are cached by sequence number; a new session or a cleared store
    // starts over.
    void invalidate() { m_sizes.clear(); }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const Metrics m = metrics(option);
        const auto side = Side(index.data(ChatView::SideRole).toInt());
        const QSize text = textSize(option, index, m);
        if (side == Side::Note)
            return {m.viewWidth, text.height() + 2 * NotePadY + 2 * Spacing};
        return {m.viewWidth, m.headerHeight + HeaderGap + text.height() + 2 * PadY + 2 * Spacing};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        const Metrics m = metrics(option);
        const auto side = Side(index.data(ChatView::SideRole).toInt());
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
                     pill.topLeft() + QPoint(NotePadX, NotePadY), textSize.width(),
                     Qt::AlignHCenter);
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
        const QString sender = index.data(ChatView::SenderRole).toString();
        const QString time = index.data(ChatView::TimeRole).toString();
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

private:
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

    struct CachedSize
    {
        int viewWidth = -1;
        QSize text;
    };

    Metrics metrics(const QStyleOptionViewItem &option) const
    {
        const int width = m_view->viewport()->width();
        if (width != m_cachedWidth) {
            m_cachedWidth = width;
            m_sizes.clear();
        }
        return {width, QFontMetrics(headerFont(option)).height()};
    }

    static QFont headerFont(const QStyleOptionViewItem &option)
    {
        QFont font = option.font;
        font.setPointSizeF(font.pointSizeF() * 0.85);
        return font;
    }

    static QFont noteFont(const QStyleOptionViewItem &option)
    {
        QFont font = headerFont(option);
        font.setItalic(true);
        return font;
    }

    static QFont messageFont(const QStyleOptionViewItem &option, const QModelIndex &index)
    {
        if (!index.data(ChatView::BinaryRole).toBool())
            return option.font;
        QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        font.setPointSizeF(option.font.pointSizeF());
        return font;
    }

    // Wraps at word boundaries, or anywhere for long runs like escaped binary.
    static QSize layoutText(QTextLayout &layout, int width)
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

    // QTextLayout breaks lines only at U+2028.
    static QString layoutString(QString text) { return text.replace(u'\n', QChar::LineSeparator); }

    int maxTextWidth(const Metrics &m, Side side) const
    {
        const int area = m.viewWidth - 2 * Margin;
        if (side == Side::Note)
            return qMax(40, area - 2 * NotePadX);
        // Bubbles leave room on the other side, so who said what stays obvious.
        return qMax(60, int(area * 0.75) - 2 * PadX);
    }

    QSize textSize(const QStyleOptionViewItem &option, const QModelIndex &index,
                   const Metrics &m) const
    {
        const quint64 seq = index.data(ChatView::SeqRole).toULongLong();
        const auto cached = m_sizes.constFind(seq);
        if (cached != m_sizes.constEnd())
            return *cached;
        const auto side = Side(index.data(ChatView::SideRole).toInt());
        QTextLayout layout(layoutString(index.data().toString()),
                           side == Side::Note ? noteFont(option) : messageFont(option, index));
        const QSize size = layoutText(layout, maxTextWidth(m, side))
                               .expandedTo(QSize(1, QFontMetrics(option.font).height()));
        if (m_sizes.size() > 2 * ChatMessageModel::MaxItems)
            m_sizes.clear(); // rows leave at the cap; their sizes need not stay
        m_sizes.insert(seq, size);
        return size;
    }

    void drawText(QPainter *painter, const QFont &font, const QString &text, QPoint topLeft,
                  int width, Qt::Alignment alignment) const
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

    QListView *m_view;
    mutable int m_cachedWidth = -1;
    mutable QHash<quint64, QSize> m_sizes;
};

bool isChatSession(const SessionConfig &config)
{
    switch (config.kind) {
    case SessionConfig::Kind::TcpClient:
        return true;
    case SessionConfig::Kind::Udp:
        return config.protocol == SessionConfig::Protocol::Chat || config.hasPeer();
    case SessionConfig::Kind::TcpServer:
        return false;
    }
    return false;
}

} // namespace

ChatView::ChatView(Engine *engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_model(new ChatMessageModel(engine->store(), this))
    , m_pages(new QStackedWidget(this))
    , m_placeholder(new QLabel(m_pages))
    , m_title(new QLabel)
    , m_messages(new QListView)
    , m_banner(new QLabel)
    , m_status(new QLabel)
    , m_input(new QPlainTextEdit)
    , m_sendButton(new QPushButton(QIcon(QStringLiteral(":/icons/send.svg")), tr("Send")))
{
    setObjectName(QStringLiteral("chatView"));

    m_placeholder->setObjectName(QStringLiteral("chatPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setMargin(24);

    m_title->setObjectName(QStringLiteral("chatTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_messages->setObjectName(QStringLiteral("chatMessages"));
    m_messages->setAccessibleName(tr("Chat messages"));
    m_messages->setModel(m_model);
    auto *delegate = new ChatBubbleDelegate(m_messages);
    m_messages->setItemDelegate(delegate);
    connect(m_model, &QAbstractItemModel::modelReset, delegate,
            [delegate] { delegate->invalidate(); });
    m_messages->setResizeMode(QListView::Adjust);
    m_messages->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messages->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_messages->setSelectionMode(QAbstractItemView::SingleSelection);
    m_messages->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy =
        new QAction(QIcon(QStringLiteral(":/icons/copy.svg")), tr("Copy message"), m_messages);
    copy->setObjectName(QStringLiteral("chatCopyAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &ChatView::copyCurrent);
    m_messages->addAction(copy);

    m_banner->setObjectName(QStringLiteral("chatEndedBanner"));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setWordWrap(true);
    m_banner->setAutoFillBackground(true);
    m_banner->setMargin(8);
    m_banner->setTextFormat(Qt::RichText);
    m_banner->hide();

    m_status->setObjectName(QStringLiteral("chatStatus"));
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->hide();

    m_input->setObjectName(QStringLiteral("chatInput"));
    m_input->setAccessibleName(tr("Message"));
    m_input->setPlaceholderText(tr("Type a message; Enter sends, Shift+Enter adds a line"));
    m_input->setTabChangesFocus(true);
    // About three lines: enough for a short paragraph, the conversation keeps the room.
    const int lines = m_input->fontMetrics().lineSpacing() * 3;
    m_input->setFixedHeight(
        lines + 2 * (m_input->frameWidth() + int(m_input->document()->documentMargin())));
    m_input->installEventFilter(this);

    m_sendButton->setObjectName(QStringLiteral("chatSendButton"));
    m_sendButton->setAccessibleName(tr("Send"));
    m_sendButton->setToolTip(tr("Send the message (Enter)"));
    m_sendButton->setAutoDefault(false);
    connect(m_sendButton, &QPushButton::clicked, this, &ChatView::sendInput);

    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(m_input, 1);
    inputRow->addWidget(m_sendButton, 0, Qt::AlignBottom);

    auto *chatPage = new QWidget(m_pages);
    auto *chatLayout = new QVBoxLayout(chatPage);
    chatLayout->setContentsMargins(0, 0, 0, 0);
    chatLayout->addWidget(m_title);
    chatLayout->addWidget(m_messages, 1);
    chatLayout->addWidget(m_banner);
    chatLayout->addWidget(m_status);
    chatLayout->addLayout(inputRow);

    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(chatPage);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    setTabOrder(m_messages, m_input);
    setTabOrder(m_input, m_sendButton);

    // Follow the newest message only while the person is at the bottom. The range
    // grows with new rows and when the banner takes room; scrolling up stops it.
    QScrollBar *bar = m_messages->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, [this] { m_followTail = isAtBottom(); });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar] {
        if (m_followTail)
            bar->setValue(bar->maximum());
    });

    connect(m_engine, &Engine::sessionChanged, this, [this](SessionId id) {
        if (id == m_session)
            updateSessionState();
    });
    connect(m_engine, &Engine::sessionRemoved, this, [this](SessionId id) {
        if (id == m_session)
            setSession(0);
    });

    updateBannerColours();
    updateSessionState();
}

void ChatView::setSession(SessionId session)
{
    m_session = session;
    m_followTail = true;
    updateSessionState();
    m_messages->scrollToBottom();
}

SessionId ChatView::session() const
{
    return m_session;
}

void ChatView::updateSessionState()
{
    const Engine::SessionInfo info = m_engine->session(m_session);
    const bool exists = m_session != 0 && info.id == m_session;
    const bool chat = exists && isChatSession(info.config);
    // Also on edits: a session can become a chat (a peer was set) or stop being one.
    if (m_model->session() != (chat ? m_session : 0))
        m_model->setSession(chat ? m_session : 0);
    if (!chat) {
        m_placeholder->setText(exists ? tr("Chat is for UDP chat and TCP client sessions. Use the "
                                           "send panel to talk on this session.")
                                      : tr("Select a UDP chat or TCP client session to chat."));
        m_pages->setCurrentWidget(m_placeholder);
        return;
    }
    m_pages->setCurrentIndex(1);

    const bool tcp = info.config.kind == SessionConfig::Kind::TcpClient;
    const QString peer = tcp ? HostPort::format(info.config.host, info.config.port)
                             : HostPort::format(info.config.peerHost, info.config.peerPort);
    m_title->setText(info.config.hasPeer() || tcp
                         ? tr("Chat with %1").arg(peer)
                         : tr("Chat on %1").arg(info.name));

    const bool running = info.state == SessionState::Connected || info.state == SessionState::Bound;
    const bool canSend = running && (tcp || info.config.hasPeer());
    QString status;
    switch (info.state) {
    case SessionState::Stopped:
        status = tr("The session is stopped: start it to chat.");
        break;
    case SessionState::Starting:
        status = tcp ? tr("Connecting to %1…").arg(peer) : tr("Starting…");
        break;
    case SessionState::Error:
        status = tr("The session failed: %1").arg(info.detail);
        break;
    case SessionState::Listening:
    case SessionState::Connected:
    case SessionState::Bound:
        if (!canSend)
            status = tr("This UDP session has no peer: set one in the session settings to chat.");
        break;
    case SessionState::Finished:
        break;
    }
    m_status->setText(status);
    m_status->setVisible(!status.isEmpty());

    // The chat is over: a UDP chat ended on the end word, a TCP server closed.
    const bool ended = info.state == SessionState::Finished;
    if (ended) {
        const QString detail = tcp ? tr("The connection closed: %1.").arg(info.detail)
                                   : tr("Start the session again to chat anew.");
        m_banner->setText(u"<b>" % tr("Chat ended").toHtmlEscaped() % u"</b><br>" %
                          detail.toHtmlEscaped());
    }
    m_banner->setVisible(ended);
    m_input->setEnabled(canSend);
    m_sendButton->setEnabled(canSend);
}

void ChatView::sendInput()
{
    const QString text = m_input->toPlainText();
    if (text.isEmpty() || !m_input->isEnabled())
        return;
    const Engine::SessionInfo info = m_engine->session(m_session);
    QByteArray bytes = text.toUtf8();
    // A datagram is a message by itself, so UDP gets the text exactly (the
    // tutorial's chat sends bare "88"). A TCP stream has no message boundaries:
    // the line ending is the framing line-based servers and netcat expect.
    if (info.config.kind == SessionConfig::Kind::TcpClient)
        bytes += '\n';
    m_engine->send(m_session, SendTarget{}, bytes);
    m_input->clear();
    // The message appears once the engine has recorded it; show it even when scrolled up.
    m_followTail = true;
    m_messages->scrollToBottom();
}

void ChatView::copyCurrent()
{
    const QModelIndex current = m_messages->currentIndex();
    if (current.isValid())
        QApplication::clipboard()->setText(current.data().toString());
}

bool ChatView::isAtBottom() const
{
    const QScrollBar *bar = m_messages->verticalScrollBar();
    return bar->value() >= bar->maximum() - 4;
}

bool ChatView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                m_input->insertPlainText(QStringLiteral("\n"));
            else
                sendInput();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ChatView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateBannerColours();
    QWidget::changeEvent(event);
}

void ChatView::updateBannerColours()
{
    // A tint of the highlight colour: visible in light and dark palettes alike.
    QPalette palette = m_banner->palette();
    palette.setColor(QPalette::Window, blend(this->palette().color(QPalette::Window),
                                             this->palette().color(QPalette::Highlight), 0.22));
    palette.setColor(QPalette::WindowText, this->palette().color(QPalette::WindowText));
    m_banner->setPalette(palette);
}
