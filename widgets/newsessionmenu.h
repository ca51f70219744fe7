#pragma once

#include <QMenu>

// "New session": one action per template of the session kinds' table
// (SessionKind::templates()), named "new" + the template's id. The window's
// Session menu and the session panel's button both show it.
class NewSessionMenu : public QMenu
{
    Q_OBJECT

public:
    explicit NewSessionMenu(QWidget *parent = nullptr);

Q_SIGNALS:
    // A template was picked: its SessionKind::Template id.
    void templateChosen(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
};
