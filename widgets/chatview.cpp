#include "chatview.h"

#include "chatbubbledelegate.h"
#include "chatmessagemodel.h"
#include "engine.h"
#include "hostport.h"
#include "icons.h"
#include "sessionkind.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {

bool isChatSession(const Engine::SessionInfo &info)
{
    // A session read from a capture file: its conversation, to read.
    if (info.isCapture())
        return true;
    const SessionConfig &config = info.config;
    switch (SessionKind::of(config.kind).role) {
    case SessionKind::Role::Client:
        return true;
    case SessionKind::Role::Datagram:
        return config.protocol == SessionConfig::Protocol::Chat || config.hasPeer();
    case SessionKind::Role::Server:
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
    , m_sendButton(new QPushButton(Icons::icon(QStringLiteral("send")), QString()))
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
    m_messages->setModel(m_model);
    m_delegate = new ChatBubbleDelegate(m_messages);
    m_messages->setItemDelegate(m_delegate);
    connect(m_model, &QAbstractItemModel::modelReset, m_delegate, &ChatBubbleDelegate::invalidate);
    m_messages->setResizeMode(QListView::Adjust);
    m_messages->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messages->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_messages->setSelectionMode(QAbstractItemView::SingleSelection);
    m_messages->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_copyAction = new QAction(Icons::icon(QStringLiteral("copy")), QString(), m_messages);
    m_copyAction->setObjectName(QStringLiteral("chatCopyAction"));
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyAction, &QAction::triggered, this, &ChatView::copyCurrent);
    m_messages->addAction(m_copyAction);

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
    m_input->setTabChangesFocus(true);
    // About three lines: enough for a short paragraph, the conversation keeps the room.
    const int lines = m_input->fontMetrics().lineSpacing() * 3;
    m_input->setFixedHeight(
        lines + 2 * (m_input->frameWidth() + int(m_input->document()->documentMargin())));
    m_input->installEventFilter(this);

    m_sendButton->setObjectName(QStringLiteral("chatSendButton"));
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

    retranslate();
    updateBannerColours();
    updateSessionState();
}

void ChatView::retranslate()
{
    m_messages->setAccessibleName(tr("Chat messages"));
    m_copyAction->setText(tr("Copy message"));
    m_input->setAccessibleName(tr("Message"));
    m_input->setPlaceholderText(tr("Type a message; Enter sends, Shift+Enter adds a line"));
    // Enter is handled by the input, so the button has no keys for setText() to replace.
    m_sendButton->setText(tr("Send"));
    // The send panel has a Send button too: this name says which one.
    m_sendButton->setAccessibleName(tr("Send in chat"));
    m_sendButton->setToolTip(tr("Send the message (Enter)"));
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
    const bool chat = exists && isChatSession(info);
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
    if (info.isCapture()) {
        // Read-only: the file's conversation as it was recorded.
        m_title->setText(tr("Conversation in %1").arg(info.captureFile));
        m_status->setText(tr("Read from a capture file: nothing can be sent from here."));
        m_status->setVisible(true);
        m_banner->setVisible(false);
        m_input->setEnabled(false);
        m_sendButton->setEnabled(false);
        return;
    }

    const bool tcp = SessionKind::isClient(info.config.kind);
    const QString peer = tcp ? info.config.addressText() : info.config.peerText();
    m_title->setText(info.config.hasPeer() || tcp ? tr("Chat with %1").arg(peer)
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
    if (SessionKind::isClient(info.config.kind))
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

void ChatView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model->setActive(true);
}

void ChatView::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_model->setActive(false);
}

void ChatView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslate();
        // The title, status and banner are made from the session's state.
        updateSessionState();
        // Bubbles hold words too ("Me", the size of a long message): their
        // cached sizes are stale, so measure and lay them out again.
        m_model->retranslate();
        m_delegate->invalidate();
        m_messages->doItemsLayout();
        break;
    case QEvent::PaletteChange:
        updateBannerColours();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

void ChatView::updateBannerColours()
{
    // A tint of the highlight colour: visible in light and dark palettes alike.
    QPalette palette = m_banner->palette();
    palette.setColor(QPalette::Window,
                     ChatBubbleDelegate::blend(this->palette().color(QPalette::Window),
                                               this->palette().color(QPalette::Highlight), 0.22));
    palette.setColor(QPalette::WindowText, this->palette().color(QPalette::WindowText));
    m_banner->setPalette(palette);
}
