#pragma once

#include "trafficevent.h"

#include <QWidget>

class ChatBubbleDelegate;
class ChatMessageModel;
class Engine;
class QAction;
class QLabel;
class QListView;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class TrafficStore;

// A conversation as chat bubbles, for UDP chat and TCP client sessions: ours on
// the right, theirs on the left, with time and sender; an input line (Enter
// sends, Shift+Enter adds a line); the end of the chat shown when the end word
// is sent or received. Built from the store's events of one session.
class ChatView : public QWidget
{
    Q_OBJECT

public:
    ChatView(Engine *engine, QWidget *parent = nullptr);

    void setSession(SessionId session);
    SessionId session() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    // Messages are read only while the chat is on screen: a hidden chat
    // tab must cost nothing while a capture file of a million events loads.
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void retranslate();
    void updateSessionState();
    void sendInput();
    void copyCurrent();
    void updateBannerColours();
    bool isAtBottom() const;

    Engine *m_engine;
    SessionId m_session = 0;
    ChatMessageModel *m_model = nullptr;
    bool m_followTail = true;

    QStackedWidget *m_pages = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QListView *m_messages = nullptr;
    ChatBubbleDelegate *m_delegate = nullptr;
    QAction *m_copyAction = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_input = nullptr;
    QPushButton *m_sendButton = nullptr;
};
