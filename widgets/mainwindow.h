#pragma once

#include "sessionconfig.h"
#include "sessionpanel.h"
#include "trafficevent.h"

#include <QMainWindow>

class ChatView;
class ConnectionModel;
class ConnectionView;
class DetailPane;
class Engine;
class CaptureController;
class FileActions;
class LogView;
class QAction;
class QLabel;
class QSplitter;
class QTabWidget;
class QToolBar;
class RulesPanel;
class ScriptPanel;
class SendPanel;
class SessionModel;
class TrafficLogModel;
class TrafficStore;

// The SocketScope window: sessions on the left, the live traffic log with the
// selected event's details in the middle, connections with the send panel and
// the chat on the right. Owns the item models; the engine and its store are
// passed in (and outlive the window).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Engine *engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Restores geometry, splitters and the saved session list (stopped).
    void restoreSettings();
    void saveSettings() const;
    // Adds a session and starts it (for --session).
    SessionId addAndStart(const SessionConfig &config);

    SessionPanel *sessionPanel() const { return m_sessionPanel; }
    LogView *logView() const { return m_logView; }
    DetailPane *detailPane() const { return m_detailPane; }
    ConnectionView *connectionView() const { return m_connectionView; }
    SendPanel *sendPanel() const { return m_sendPanel; }
    ChatView *chatView() const { return m_chatView; }
    TrafficLogModel *logModel() const { return m_logModel; }
    QLabel *statusSummary() const { return m_statusSummary; }
    // The File menu's commands; the capture library plugs in through
    // FileActions::setCaptureActions().
    FileActions *fileActions() const { return m_fileActions; }
    CaptureController *captureController() const { return m_capture; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // An action's texts, kept untranslated so a language switch can redo them.
    struct ActionTexts
    {
        QAction *action;
        const char *text;
        const char *toolTip;
    };
    QAction *addTexts(QAction *action, const char *text, const char *toolTip = nullptr);
    void createActions();
    void createMenus();
    void retranslate();
    void onCurrentSessionChanged(SessionId session);
    void updateStatus();
    void updateActions();
    void applyLogSessionFilter();
    void chooseLanguage(const QString &language);
    void chooseMemoryCap();
    void showAbout();

    Engine *m_engine;
    TrafficStore *m_store;
    TrafficLogModel *m_logModel;
    ConnectionModel *m_connectionModel;
    SessionModel *m_sessionModel;

    SessionPanel *m_sessionPanel;
    LogView *m_logView;
    DetailPane *m_detailPane;
    ConnectionView *m_connectionView;
    SendPanel *m_sendPanel;
    ChatView *m_chatView;
    QTabWidget *m_sideTabs;
    RulesPanel *m_rulesPanel = nullptr;
    ScriptPanel *m_scriptPanel = nullptr;
    QSplitter *m_mainSplitter;
    QSplitter *m_centerSplitter;
    QSplitter *m_sideSplitter;
    QLabel *m_statusSummary;
    FileActions *m_fileActions = nullptr;
    CaptureController *m_capture = nullptr;

    QAction *m_startAction = nullptr;
    QAction *m_stopAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_sessionOnlyAction = nullptr;
    QToolBar *m_toolbar = nullptr;
    QList<ActionTexts> m_actionTexts;
};
