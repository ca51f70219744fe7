#pragma once

#include "sessionconfig.h"
#include "trafficevent.h"

#include <QWidget>

class Engine;
class SessionModel;

// The sessions on the left: the list with each one's state, "New session" with
// the tutorial templates, Start/Stop/Remove, and the editor of the current
// session's settings.
class SessionPanel : public QWidget
{
    Q_OBJECT

public:
    SessionPanel(Engine *engine, SessionModel *model, QWidget *parent = nullptr);

    SessionId currentSession() const;
    void setCurrentSession(SessionId session);

    // The templates offered by "New session", in menu order.
    enum class Template { TcpHelloServer, TcpClient, UdpChat, UdpHelloServer, PlainUdp };
    static SessionConfig templateConfig(Template t);
    static QString templateName(Template t);

public Q_SLOTS:
    // Adds a session from a template and makes it current; returns its id.
    SessionId newSession(SessionPanel::Template t);
    void startCurrent();
    void stopCurrent();
    void removeCurrent();

Q_SIGNALS:
    void currentSessionChanged(SessionId session);
};
