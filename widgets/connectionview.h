#pragma once

#include "trafficevent.h"

#include <QWidget>

class ConnectionModel;
class Engine;
class QAction;
class QLabel;
class QTableView;
class QToolButton;

// Open TCP connections and UDP peers of the current session, with peer, local,
// state, opened time, bytes and messages both ways; actions to send to the
// selected one, send to all, and disconnect.
class ConnectionView : public QWidget
{
    Q_OBJECT

public:
    ConnectionView(Engine *engine, ConnectionModel *model, QWidget *parent = nullptr);

    void setSession(SessionId session);
    ConnectionId selectedConnection() const;
    QTableView *table() const { return m_table; }

public Q_SLOTS:
    void disconnectSelected();

Q_SIGNALS:
    void connectionSelected(ConnectionId connection);
    // The user wants to write to the selected connection (or to all).
    void sendRequested(bool toAll);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateActions();

    Engine *m_engine;
    ConnectionModel *m_model;
    SessionId m_session = 0;
    QLabel *m_title;
    QTableView *m_table;
    QToolButton *m_sendButton;
    QToolButton *m_sendAllButton;
    QToolButton *m_disconnectButton;
    QAction *m_disconnectAction;
};
