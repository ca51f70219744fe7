#pragma once

#include "trafficevent.h"

#include <QWidget>

class Engine;
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
};
