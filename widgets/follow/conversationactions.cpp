#include "follow/conversationactions.h"

#include "connectionview.h"
#include "conversation.h"
#include "engine.h"
#include "follow/compareview.h"
#include "follow/followview.h"
#include "follow/replaydialog.h"
#include "icons.h"
#include "languagewatcher.h"
#include "logview.h"
#include "trafficstore.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>

ConversationActions::ConversationActions(Engine *engine, LogView *log, ConnectionView *connections,
                                         QMenu *logMenu, QWidget *window)
    : QObject(window)
    , m_engine(engine)
    , m_store(engine->store())
    , m_log(log)
    , m_connections(connections)
    , m_window(window)
    , m_followAction(new QAction(Icons::icon(QStringLiteral("follow")), QString(), window))
    , m_filterAction(new QAction(Icons::icon(QStringLiteral("filter")), QString(), window))
    , m_compareAction(new QAction(window))
    , m_replayAction(new QAction(Icons::icon(QStringLiteral("send")), QString(), window))
    , m_replayConversationAction(
          new QAction(Icons::icon(QStringLiteral("send")), QString(), window))
    , m_disconnectAction(new QAction(Icons::icon(QStringLiteral("disconnect")), QString(), window))
{
    setObjectName(QStringLiteral("conversationActions"));
    m_followAction->setObjectName(QStringLiteral("followConversationAction"));
    m_followAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_F);
    // In the window for the key; the menus show it.
    window->addAction(m_followAction);
    m_filterAction->setObjectName(QStringLiteral("filterConversationAction"));
    m_compareAction->setObjectName(QStringLiteral("comparePayloadsAction"));
    m_replayAction->setObjectName(QStringLiteral("replayAction"));
    m_replayConversationAction->setObjectName(QStringLiteral("replayConversationAction"));
    m_disconnectAction->setObjectName(QStringLiteral("logDisconnectAction"));
    connect(m_followAction, &QAction::triggered, this, &ConversationActions::followCurrent);
    connect(m_filterAction, &QAction::triggered, this, &ConversationActions::filterCurrent);
    connect(m_compareAction, &QAction::triggered, this, &ConversationActions::compareSelected);
    connect(m_replayAction, &QAction::triggered, this, &ConversationActions::replaySelected);
    connect(m_replayConversationAction, &QAction::triggered, this,
            &ConversationActions::replayConversation);
    connect(m_disconnectAction, &QAction::triggered, this, &ConversationActions::disconnectCurrent);

    if (logMenu) {
        QAction *first = logMenu->actions().value(0);
        logMenu->insertAction(first, m_followAction);
        logMenu->insertAction(first, m_filterAction);
        logMenu->insertSeparator(first);
        logMenu->addSeparator();
        logMenu->addAction(m_compareAction);
        logMenu->addAction(m_replayAction);
        logMenu->addSeparator();
        logMenu->addAction(m_disconnectAction);
        connect(logMenu, &QMenu::aboutToShow, this, &ConversationActions::updateEnabled);
    }
    // The connection table's right-click menu lists its actions.
    QTableView *table = connections->table();
    table->insertAction(table->actions().value(0), m_followAction);
    table->insertAction(table->actions().value(1), m_filterAction);
    table->insertAction(table->actions().value(2), m_replayConversationAction);

    connect(log, &LogView::eventSelected, this, &ConversationActions::updateEnabled);
    connect(connections, &ConnectionView::connectionSelected, this,
            &ConversationActions::updateEnabled);
    new LanguageWatcher([this] { retranslate(); }, this);
    retranslate();
    updateEnabled();
}

void ConversationActions::retranslate()
{
    m_followAction->setText(tr("&Follow conversation"));
    m_followAction->setToolTip(
        tr("Show this conversation only, both directions in order (Ctrl+Shift+F)"));
    m_filterAction->setText(tr("Show only this &conversation in the log"));
    m_compareAction->setText(tr("Co&mpare the two payloads"));
    m_replayAction->setText(tr("&Replay payloads…"));
    m_replayConversationAction->setText(tr("&Replay this conversation…"));
    m_replayConversationAction->setToolTip(
        tr("Send again the payloads of the side that opened this conversation"));
    m_disconnectAction->setText(tr("&Disconnect"));
}

ConnectionId ConversationActions::selectedRowConnection() const
{
    const QList<quint64> seqs = m_log->selectedSeqs();
    for (const quint64 seq : seqs) {
        TrafficEvent event;
        if (m_store->event(seq, &event) && event.connection != 0)
            return event.connection;
    }
    return 0;
}

ConnectionId ConversationActions::currentConversation() const
{
    const ConnectionId fromTable = m_connections->selectedConnection();
    if (fromTable != 0 && m_connections->table()->hasFocus())
        return fromTable;
    const ConnectionId fromRow = selectedRowConnection();
    return fromRow != 0 ? fromRow : fromTable;
}

QList<TrafficEvent> ConversationActions::selectedPayloadEvents() const
{
    QList<TrafficEvent> events;
    for (const quint64 seq : m_log->selectedSeqs()) {
        TrafficEvent event;
        if (m_store->event(seq, &event) && event.hasWirePayload() && event.payloadSize > 0)
            events.append(event);
    }
    return events;
}

bool ConversationActions::isOpenTcp(ConnectionId connection, SessionId *session) const
{
    TrafficStore::ConnectionInfo info;
    if (connection == 0 || !m_store->connection(connection, &info) || info.datagram ||
        info.state != TrafficStore::ConnectionState::Open)
        return false;
    const Engine::SessionInfo owner = m_engine->session(info.session);
    if (owner.id == 0 || owner.isCapture())
        return false; // read from a file: there is no socket to close
    if (session)
        *session = info.session;
    return true;
}

void ConversationActions::updateEnabled()
{
    const ConnectionId conversation = currentConversation();
    m_followAction->setEnabled(conversation != 0);
    m_filterAction->setEnabled(conversation != 0);
    const int payloads = int(selectedPayloadEvents().size());
    m_compareAction->setEnabled(payloads == 2 && m_log->selectedSeqs().size() == 2);
    m_replayAction->setEnabled(payloads > 0);
    m_replayConversationAction->setEnabled(m_connections->selectedConnection() != 0);
    m_disconnectAction->setEnabled(isOpenTcp(selectedRowConnection()));
}

void ConversationActions::followCurrent()
{
    const ConnectionId conversation = currentConversation();
    if (conversation == 0)
        return;
    auto *view = new FollowView(m_store, conversation, m_window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->show();
    view->raise();
    view->activateWindow();
}

void ConversationActions::filterCurrent()
{
    const ConnectionId conversation = currentConversation();
    if (conversation != 0)
        m_log->setConversationFilter(conversation, Conversation::describe(*m_store, conversation));
}

void ConversationActions::compareSelected()
{
    const QList<TrafficEvent> events = selectedPayloadEvents();
    if (events.size() != 2)
        return;
    auto *view = new CompareView(m_window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->setPayloads(m_store->payload(events.at(0)), m_store->payload(events.at(1)),
                      events.at(0).seq, events.at(1).seq);
    view->show();
    view->raise();
    view->activateWindow();
}

void ConversationActions::replaySelected()
{
    const QList<TrafficEvent> events = selectedPayloadEvents();
    if (!events.isEmpty())
        openReplayDialog(events);
}

void ConversationActions::replayConversation()
{
    const ConnectionId conversation = m_connections->selectedConnection();
    TrafficStore::ConnectionInfo info;
    if (conversation == 0 || !m_store->connection(conversation, &info))
        return;
    // The whole conversation as the store keeps it; a replay holds its
    // payloads anyway, so reading them all at once costs nothing extra.
    Conversation::Reader reader(m_store, conversation);
    QList<Conversation::Segment> segments;
    while (!reader.readMore(&segments)) {
    }
    if (segments.isEmpty()) {
        QMessageBox::information(m_window, tr("Replay this conversation"),
                                 tr("This conversation has no payloads (any more) to replay."));
        return;
    }
    const Conversation::Direction side =
        Conversation::openingSide(info.datagram, info.initiator == TrafficStore::Initiator::Local,
                                  segments.constFirst().direction);
    QList<TrafficEvent> events;
    for (const Conversation::Segment &segment : std::as_const(segments)) {
        TrafficEvent event;
        if (segment.direction == side && m_store->event(segment.seq, &event))
            events.append(event);
    }
    if (events.isEmpty()) {
        QMessageBox::information(
            m_window, tr("Replay this conversation"),
            tr("The side that opened this conversation sent no payloads; select rows of the "
               "other side in the log and choose Replay payloads."));
        return;
    }
    openReplayDialog(events);
}

void ConversationActions::openReplayDialog(const QList<TrafficEvent> &events)
{
    auto *dialog = new ReplayDialog(m_engine, events, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void ConversationActions::disconnectCurrent()
{
    const ConnectionId connection = selectedRowConnection();
    SessionId session = 0;
    if (isOpenTcp(connection, &session))
        m_engine->disconnectConnection(session, connection);
}
