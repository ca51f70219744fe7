#pragma once

#include <QObject>

class QAction;
class QListView;
class QMenu;
class QPoint;
class SessionPanel;

// Right-click on the session list: what the toolbar and the Session menu offer
// for the session under the pointer (start, stop, remove), and a new session.
// The menu is made when it opens, so its words are in the current language.
class SessionContextMenu : public QObject
{
    Q_OBJECT

public:
    SessionContextMenu(SessionPanel *panel, QListView *list, QAction *start, QAction *stop,
                       QMenu *newSession);

private:
    void show(const QPoint &pos);

    SessionPanel *m_panel;
    QListView *m_list;
    QAction *m_start;
    QAction *m_stop;
    QMenu *m_newSession;
};
