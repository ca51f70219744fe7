#pragma once

#include <QList>
#include <QObject>

class QAction;
class QListView;
class QMenu;
class QPoint;
class SessionPanel;

// Right-click on the session list: what the toolbar and the Session and View
// menus offer for the session under the pointer (start, stop, show only its
// events in the log, remove), and a new session.
// The menu is made when it opens, so its words are in the current language.
class SessionContextMenu : public QObject
{
    Q_OBJECT

public:
    // `actions` (e.g. start, stop, selected session only) are about the
    // current session; they are listed before Remove.
    SessionContextMenu(SessionPanel *panel, QListView *list, const QList<QAction *> &actions,
                       QMenu *newSession);

private:
    void show(const QPoint &pos);

    SessionPanel *m_panel;
    QListView *m_list;
    QList<QAction *> m_actions;
    QMenu *m_newSession;
};
