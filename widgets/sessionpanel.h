#pragma once

#include "sessionconfig.h"
#include "trafficevent.h"

#include <QWidget>

class Engine;
class QLabel;
class QListView;
class NewSessionMenu;
class QScrollArea;
class QToolButton;
class SessionEditor;
class SessionModel;

// The sessions on the left: the list with each one's state, "New session" with
// the tutorial templates, Start/Stop/Remove, and the editor of the current
// session's settings.
class SessionPanel : public QWidget
{
    Q_OBJECT

public:
    SessionPanel(Engine *engine, SessionModel *model, QWidget *parent = nullptr);
    ~SessionPanel() override;

    SessionId currentSession() const;
    void setCurrentSession(SessionId session);

public Q_SLOTS:
    // Adds a session from a template (a SessionKind::Template id) and makes it
    // current; returns its id. Its port and title do not clash with the other
    // sessions'.
    SessionId newSession(const QString &templateId);
    void startCurrent();
    void stopCurrent();
    void removeCurrent();

    // What the Start and Stop buttons offer now (the window's actions mirror it).
    bool canStart() const;
    bool canStop() const;

Q_SIGNALS:
    void currentSessionChanged(SessionId session);
    void actionsChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void onCurrentRowChanged();
    void onSessionChanged(SessionId id);
    // Hands valid settings of a stopped session to the engine.
    void applyEdits(SessionId id);
    SessionConfig editedConfig(SessionId id);
    // Shows the current session's state: lock, error line, enabled actions.
    void showState();
    void updateActions();
    void applyColors();
    void fitEditorWidth();
    SessionEditor *editor(); // built on first use

    Engine *m_engine;
    SessionModel *m_model;
    SessionId m_current = 0;
    QToolButton *m_newButton = nullptr;
    NewSessionMenu *m_newMenu = nullptr;
    QToolButton *m_startButton = nullptr;
    QToolButton *m_stopButton = nullptr;
    QToolButton *m_removeButton = nullptr;
    QListView *m_list = nullptr;
    QLabel *m_title = nullptr;
    QWidget *m_errorBox = nullptr; // icon + sentence, shown while the session is in error
    QLabel *m_errorIcon = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_emptyHint = nullptr;
    QScrollArea *m_editorArea = nullptr;
    SessionEditor *m_editor = nullptr;
};
