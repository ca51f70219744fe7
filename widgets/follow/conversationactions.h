#pragma once

#include "trafficevent.h"

#include <QList>
#include <QObject>

class ConnectionView;
class Engine;
class LogView;
class QAction;
class QMenu;
class QWidget;
class TrafficStore;

// What a person can do with a conversation or with log rows, wherever they
// point at one: Follow conversation (Ctrl+Shift+F) and Show only this
// conversation for the selected log row or connection; Compare payloads for
// exactly two rows with payloads; Replay for rows with payloads; Disconnect
// for a row of an open TCP connection. The connection table adds Replay this
// conversation. The actions go into the log's
// right-click menu and the connection table's, and into the window (for the
// key); each is enabled only when it applies.
class ConversationActions : public QObject
{
    Q_OBJECT

public:
    ConversationActions(Engine *engine, LogView *log, ConnectionView *connections, QMenu *logMenu,
                        QWidget *window);

    QAction *followAction() const { return m_followAction; }
    QAction *filterAction() const { return m_filterAction; }
    QAction *compareAction() const { return m_compareAction; }
    QAction *replayAction() const { return m_replayAction; }
    QAction *replayConversationAction() const { return m_replayConversationAction; }
    QAction *disconnectAction() const { return m_disconnectAction; }

    // The conversation the actions are about: the selected log row's, else
    // the selected connection's (the one with focus first); 0 for none.
    ConnectionId currentConversation() const;

public Q_SLOTS:
    void updateEnabled();
    void followCurrent();
    void filterCurrent();
    void compareSelected();
    void replaySelected();
    // The connection table's: the selected conversation's payloads from the
    // side that opened it (Conversation::openingSide).
    void replayConversation();
    void disconnectCurrent();

private:
    void openReplayDialog(const QList<TrafficEvent> &events);
    void retranslate();
    ConnectionId selectedRowConnection() const;
    // The selected rows that carry wire payloads, in order.
    QList<TrafficEvent> selectedPayloadEvents() const;
    bool isOpenTcp(ConnectionId connection, SessionId *session = nullptr) const;

    Engine *m_engine;
    TrafficStore *m_store;
    LogView *m_log;
    ConnectionView *m_connections;
    QWidget *m_window;
    QAction *m_followAction;
    QAction *m_filterAction;
    QAction *m_compareAction;
    QAction *m_replayAction;
    QAction *m_replayConversationAction;
    QAction *m_disconnectAction;
};
