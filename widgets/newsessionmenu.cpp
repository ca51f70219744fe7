#include "newsessionmenu.h"

#include "sessionkind.h"

#include <QEvent>

NewSessionMenu::NewSessionMenu(QWidget *parent)
    : QMenu(parent)
{
    setObjectName(QStringLiteral("newSessionMenu"));
    for (const SessionKind::Template &t : SessionKind::templates()) {
        const QString id = QString::fromLatin1(t.id);
        QAction *action = addAction(QString());
        action->setObjectName(u"new" + id);
        action->setData(id);
        connect(action, &QAction::triggered, this, [this, id] { Q_EMIT templateChosen(id); });
    }
    retranslate();
}

void NewSessionMenu::retranslate()
{
    const QList<SessionKind::Template> &templates = SessionKind::templates();
    const QList<QAction *> actions = this->actions();
    for (qsizetype i = 0; i < actions.size() && i < templates.size(); ++i)
        actions.at(i)->setText(SessionKind::text(templates.at(i).name));
}

void NewSessionMenu::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMenu::changeEvent(event);
}
