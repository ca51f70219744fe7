#pragma once

#include "endpoint.h"
#include "engine.h"
#include "savedmessagemodel.h"
#include "sendjobs.h"

#include <QTabWidget>

#include <functional>

class FileSendControls;
class RepeatControls;
class SavedMessagesView;

// The send panel's tools under its input: saved messages (sent with a click
// or Alt+1 … Alt+9), repeat send and file send. The panel lends what it
// knows through callbacks: the message typed now, where the panel's target
// points, and how to show an error against the input.
class SendTools : public QTabWidget
{
    Q_OBJECT

public:
    struct Hooks
    {
        // The input as a saved message (name empty), or false with the
        // error already shown in the panel.
        std::function<bool(SavedMessage *)> current;
        std::function<bool(SendTarget *, QString *)> target;
        std::function<void(const QString &)> showError;
    };

    SendTools(Engine *engine, SavedMessageModel *model, Hooks hooks, QWidget *parent = nullptr);

    void setSession(SessionId session, const Engine::SessionInfo &info, bool sendable);
    // Sends saved message `row` (once, or as the series it is saved with);
    // false with the error shown when it cannot.
    bool sendSaved(int row);
    bool startRepeat();
    bool sendFile(const QString &path);
    void retranslate();

    SavedMessagesView *savedView() const { return m_saved; }

private:
    bool targetFor(const SavedMessage &message, SendTarget *target);
    bool startRepeatOf(const SavedMessage &message, const SendTarget &target, qint64 intervalMs,
                       quint64 count);
    void saveCurrent();
    void edit(int row);

    Engine *m_engine;
    SavedMessageModel *m_model;
    Hooks m_hooks;
    SendJobs *m_jobs;
    SavedMessagesView *m_saved;
    RepeatControls *m_repeat;
    FileSendControls *m_file;
    SessionId m_session = 0;
    bool m_datagrams = false;
    SendJobs::JobId m_repeatJob = 0;
    SendJobs::JobId m_fileJob = 0;
};
