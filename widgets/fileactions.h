#pragma once

#include "eventexport.h"
#include "exportselection.h"
#include "filechooser.h"

#include <array>
#include <QObject>

class CaptureActions;
class ExportRunner;
class LogView;
class QAction;
class QMainWindow;
class QMenu;
class QTimer;
class TrafficLogModel;
class TrafficStore;

// The window's File menu: open, save and record capture files, and export the
// whole log, the filtered log or the selected rows as CSV, JSON lines, a
// transcript or a capture file. Exports run here (on an ExportRunner thread)
// and end in the status bar, or in a message box when the file is incomplete.
// The capture commands ask for the file and hand it to a CaptureActions.
//
// Choosing files goes through a settable function, so tests and automation
// can answer without a modal dialog. The last directories and export format
// are remembered.
class FileActions : public QObject
{
    Q_OBJECT

public:
    enum class Scope { WholeLog, FilteredLog, SelectedRows };
    // Each scope's entries, in menu order: the three text formats, then capture.
    static constexpr int CaptureEntry = 3;

    using FileRequest = ::FileRequest;
    using FileDialog = ::FileDialog;

    FileActions(TrafficStore *store, TrafficLogModel *logModel, LogView *logView,
                QMainWindow *window);
    ~FileActions() override;

    // Puts the File menu first in the window's menu bar; `quitAction` ends it.
    QMenu *createFileMenu(QAction *quitAction);
    // One scope's entries (CSV…, JSON lines…, Transcript…, Capture file…), to
    // add to other menus such as the log's context menu.
    QList<QAction *> exportActions(Scope scope) const;

    // Until this is called the capture commands are disabled. Not owned.
    void setCaptureActions(CaptureActions *capture);
    // Shows the recording state, e.g. after recording stopped on an error.
    void setRecording(bool recording);
    void setFileDialog(FileDialog dialog);

    // The events a scope means right now.
    ExportSelection selection(Scope scope) const;
    // Starts exporting without a dialog; false when there is nothing to export
    // or an export is still running (the status bar says which).
    bool exportTo(Scope scope, EventExport::Format format, const QString &fileName);
    ExportRunner *runner() const { return m_runner; }
    // Enables what makes sense now (selected rows need a selection); menus
    // call this as they open.
    void updateEnabled();

Q_SIGNALS:
    // After an export ended and was reported.
    void exportFinished(const QString &fileName, bool complete);

private:
    struct Texts
    {
        QAction *action;
        const char *text;
        const char *toolTip;
    };
    QAction *newAction(const char *objectName, const char *text, const char *toolTip = nullptr);
    QMenu *newMenu(QMenu *parent, const char *objectName, const char *title);
    void retranslate();
    QString askFile(const FileRequest &request) const;
    void exportWithDialog(Scope scope, EventExport::Format format);
    void saveCaptureWithDialog(Scope scope);
    void openCapture();
    void onRecordToggled(bool on);
    void onExportFinished(const QString &fileName, const EventExport::Result &result);
    void showProgress();
    void remember(EventExport::Format format);

    TrafficStore *m_store;
    TrafficLogModel *m_logModel;
    LogView *m_logView;
    QMainWindow *m_window;
    ExportRunner *m_runner;
    QTimer *m_progressTimer;
    CaptureActions *m_capture = nullptr;
    FileDialog m_fileDialog;

    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_recordAction = nullptr;
    std::array<std::array<QAction *, 4>, 3> m_exportActions{};
    std::array<QMenu *, 3> m_scopeMenus{};
    QList<Texts> m_texts;
};
