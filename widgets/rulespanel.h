#pragma once

#include "trafficevent.h"

#include <QWidget>

class Engine;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;
class RulesModel;

// The auto-reply rules of the current session: a table to add, remove,
// reorder, switch on and off and edit rules, and a box to try a message that
// shows which rule answers it and the exact bytes of the answer. Valid rules are
// saved with the session at once; they apply from its next start.
class RulesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RulesPanel(Engine *engine, QWidget *parent = nullptr);

    void setSession(SessionId session);
    RulesModel *model() const { return m_model; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void load();
    void onRulesEdited();
    void updateTry();
    void updateButtons();
    void addRule();
    void moveCurrent(int by);

    Engine *m_engine;
    SessionId m_session = 0;
    bool m_loading = false;
    RulesModel *m_model;
    QLabel *m_intro;
    QToolButton *m_add;
    QToolButton *m_remove;
    QToolButton *m_up;
    QToolButton *m_down;
    QTableView *m_table;
    QLabel *m_error;
    QLabel *m_tryLabel;
    QLineEdit *m_try;
    QLabel *m_tryResult;
};
