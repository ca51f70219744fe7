#include "sessioncontextmenu.h"

#include "icons.h"
#include "sessionpanel.h"

#include <QAction>
#include <QKeySequence>
#include <QListView>
#include <QMenu>

SessionContextMenu::SessionContextMenu(SessionPanel *panel, QListView *list,
                                       const QList<QAction *> &actions, QMenu *newSession)
    : QObject(list)
    , m_panel(panel)
    , m_list(list)
    , m_actions(actions)
    , m_newSession(newSession)
{
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QWidget::customContextMenuRequested, this, &SessionContextMenu::show);
}

void SessionContextMenu::show(const QPoint &pos)
{
    // The menu is about the session under the pointer: it becomes the current one.
    const QModelIndex index = m_list->indexAt(pos);
    if (index.isValid())
        m_list->setCurrentIndex(index);

    QMenu menu(m_list);
    menu.setObjectName(QStringLiteral("sessionContextMenu"));
    if (index.isValid()) {
        menu.addActions(m_actions);
        menu.addSeparator();
        QAction *remove = menu.addAction(Icons::icon(QStringLiteral("remove")), tr("&Remove"));
        remove->setObjectName(QStringLiteral("removeSessionAction"));
        // The list's own Delete key; shown here, live only while the menu is open.
        remove->setShortcut(QKeySequence::Delete);
        remove->setShortcutContext(Qt::WidgetShortcut);
        connect(remove, &QAction::triggered, m_panel, &SessionPanel::removeCurrent);
        menu.addSeparator();
    }
    menu.addMenu(m_newSession);
    menu.exec(m_list->viewport()->mapToGlobal(pos));
}
