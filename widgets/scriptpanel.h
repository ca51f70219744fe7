#pragma once

#include "trafficevent.h"

#include <QWidget>

class Engine;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QTreeWidget;

// The scripted exchange of the current session: edit or load the script, Run
// (saves it with the session and starts the session, which runs it on each
// connection) and Stop, and each step's status as it happens: pending,
// running, ok, or failed with the reason.
class ScriptPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ScriptPanel(Engine *engine, QWidget *parent = nullptr);

    void setSession(SessionId session);
    // Reads a script file into the editor; false with a message shown on error.
    bool loadFile(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    enum StepColumn { LineColumn, StepTextColumn, StatusColumn };

    void retranslate();
    void onTextChanged();
    // Parses the editor's text into the step list; true when it is valid.
    bool rebuildSteps();
    void save();
    void run();
    void onStep(SessionId session, ConnectionId connection, int step, int status,
                const QString &detail);
    void onFinished(SessionId session, ConnectionId connection, bool ok, const QString &message);
    void updateButtons();
    QString statusText(int status, const QString &detail) const;

    Engine *m_engine;
    SessionId m_session = 0;
    ConnectionId m_connection = 0; // the run shown
    bool m_loading = false;
    QLabel *m_intro;
    QPlainTextEdit *m_editor;
    QPushButton *m_load;
    QPushButton *m_run;
    QPushButton *m_stop;
    QLabel *m_error;
    QTreeWidget *m_steps;
    QLabel *m_result;
    QTimer *m_saveTimer;
};
