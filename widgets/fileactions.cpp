#include "fileactions.h"

#include "captureactions.h"
#include "exportrunner.h"
#include "filechooser.h"
#include "languagewatcher.h"
#include "logview.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAction>
#include <QDir>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>

namespace {

constexpr int StatusMs = 10000;
constexpr int ProgressIntervalMs = 200;

const QString ExportDirectoryKey = QStringLiteral("export/directory");
const QString ExportFormatKey = QStringLiteral("export/format");
const QString CaptureDirectoryKey = QStringLiteral("capture/directory");

// Scope and format words for object names: "exportFilteredLogCsvAction".
const char *const ScopeNames[] = {"WholeLog", "FilteredLog", "SelectedRows"};
const char *const EntryNames[] = {"Csv", "JsonLines", "Transcript", "Capture"};

// "&Export" -> "Export", "导出(&E)" -> "导出": a name to read out.
QString withoutMnemonic(QString text)
{
    static const QRegularExpression bracketed(QStringLiteral("\\(&[^)]\\)"));
    return text.remove(bracketed).remove(QLatin1Char('&'));
}

} // namespace

FileActions::FileActions(TrafficStore *store, TrafficLogModel *logModel, LogView *logView,
                         QMainWindow *window)
    : QObject(window)
    , m_store(store)
    , m_logModel(logModel)
    , m_logView(logView)
    , m_window(window)
    , m_runner(new ExportRunner(store, this))
    , m_progressTimer(new QTimer(this))
    , m_fileDialog(FileChooser::showDialog)
{
    setObjectName(QStringLiteral("fileActions"));
    connect(m_runner, &ExportRunner::finished, this, &FileActions::onExportFinished);
    m_progressTimer->setInterval(ProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, &FileActions::showProgress);

    m_openAction = newAction("openCaptureAction", QT_TR_NOOP("&Open capture…"),
                             QT_TR_NOOP("Open a pcap or pcapng file from tcpdump, Wireshark or "
                                        "SocketScope as a read-only session"));
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &FileActions::openCapture);

    m_saveAction = newAction("saveCaptureAction", QT_TR_NOOP("&Save capture…"),
                             QT_TR_NOOP("Save every kept event as a pcapng or pcap file that "
                                        "Wireshark opens"));
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this,
            [this] { saveCaptureWithDialog(Scope::WholeLog); });

    m_recordAction = newAction("recordToFileAction", QT_TR_NOOP("&Record to file…"),
                               QT_TR_NOOP("Write every event to a capture file as it happens, "
                                          "so nothing is lost to the memory cap"));
    m_recordAction->setCheckable(true);
    connect(m_recordAction, &QAction::toggled, this, &FileActions::onRecordToggled);

    static const char *const entryTexts[] = {QT_TR_NOOP("&CSV…"), QT_TR_NOOP("&JSON lines…"),
                                             QT_TR_NOOP("&Transcript…"),
                                             QT_TR_NOOP("Capture &file…")};
    for (int s = 0; s < 3; ++s) {
        for (int e = 0; e < 4; ++e) {
            const QByteArray name = QByteArray("export") + ScopeNames[s] + EntryNames[e] + "Action";
            QAction *action = newAction(name.constData(), entryTexts[e]);
            m_exportActions[size_t(s)][size_t(e)] = action;
            const auto scope = Scope(s);
            if (e == CaptureEntry) {
                connect(action, &QAction::triggered, this,
                        [this, scope] { saveCaptureWithDialog(scope); });
            } else {
                const EventExport::Format format = EventExport::Formats[e];
                connect(action, &QAction::triggered, this,
                        [this, scope, format] { exportWithDialog(scope, format); });
            }
        }
    }
    new LanguageWatcher([this] { retranslate(); }, this);
    retranslate();
    updateEnabled();
}

FileActions::~FileActions() = default;

QAction *FileActions::newAction(const char *objectName, const char *text, const char *toolTip)
{
    auto *action = new QAction(this);
    action->setObjectName(QString::fromLatin1(objectName));
    m_texts.append({action, text, toolTip});
    return action;
}

QMenu *FileActions::newMenu(QMenu *parent, const char *objectName, const char *title)
{
    QMenu *menu = parent ? parent->addMenu(QString()) : new QMenu(m_window);
    menu->setObjectName(QString::fromLatin1(objectName));
    m_texts.append({menu->menuAction(), title, nullptr});
    return menu;
}

QMenu *FileActions::createFileMenu(QAction *quitAction)
{
    QMenuBar *bar = m_window->menuBar();
    QMenu *file = newMenu(nullptr, "fileMenu", QT_TR_NOOP("&File"));
    const QList<QAction *> existing = bar->actions();
    bar->insertMenu(existing.isEmpty() ? nullptr : existing.constFirst(), file);
    file->addAction(m_openAction);
    file->addAction(m_saveAction);
    file->addAction(m_recordAction);
    file->addSeparator();
    QMenu *exportMenu = newMenu(file, "exportMenu", QT_TR_NOOP("&Export"));
    static const char *const scopeTitles[] = {QT_TR_NOOP("&Whole log"),
                                              QT_TR_NOOP("&Filtered log (as shown)"),
                                              QT_TR_NOOP("&Selected rows")};
    for (int s = 0; s < 3; ++s) {
        const QByteArray name = QByteArray("export") + ScopeNames[s] + "Menu";
        QMenu *menu = newMenu(exportMenu, name.constData(), scopeTitles[s]);
        m_scopeMenus[size_t(s)] = menu;
        for (int e = 0; e < 4; ++e) {
            if (e == CaptureEntry)
                menu->addSeparator();
            menu->addAction(m_exportActions[size_t(s)][size_t(e)]);
        }
    }
    if (quitAction) {
        file->addSeparator();
        file->addAction(quitAction);
    }
    connect(file, &QMenu::aboutToShow, this, &FileActions::updateEnabled);
    retranslate();
    updateEnabled();
    return file;
}

QList<QAction *> FileActions::exportActions(Scope scope) const
{
    const auto &entries = m_exportActions[size_t(scope)];
    return QList<QAction *>(entries.begin(), entries.end());
}

void FileActions::retranslate()
{
    for (const Texts &t : std::as_const(m_texts)) {
        t.action->setText(tr(t.text));
        if (t.toolTip)
            t.action->setToolTip(tr(t.toolTip));
        if (QMenu *menu = t.action->menu())
            menu->setAccessibleName(withoutMnemonic(t.action->text()));
    }
}

void FileActions::updateEnabled()
{
    const bool capture = m_capture != nullptr;
    m_openAction->setEnabled(capture);
    m_saveAction->setEnabled(capture);
    m_recordAction->setEnabled(capture);
    const bool rowsSelected = !m_logView->selectedSeqs().isEmpty();
    for (int s = 0; s < 3; ++s) {
        for (int e = 0; e < 4; ++e) {
            const bool scopeOk = Scope(s) != Scope::SelectedRows || rowsSelected;
            m_exportActions[size_t(s)][size_t(e)]->setEnabled(scopeOk &&
                                                              (e != CaptureEntry || capture));
        }
    }
    // The last format used leads each menu, in bold.
    EventExport::Format last = EventExport::Format::Csv;
    EventExport::formatFromKey(QSettings().value(ExportFormatKey).toString(), &last);
    for (int s = 0; s < 3; ++s) {
        if (m_scopeMenus[size_t(s)])
            m_scopeMenus[size_t(s)]->setDefaultAction(
                m_exportActions[size_t(s)][size_t(int(last))]);
    }
}

void FileActions::setCaptureActions(CaptureActions *capture)
{
    m_capture = capture;
    updateEnabled();
}

void FileActions::setRecording(bool recording)
{
    const QSignalBlocker blocker(m_recordAction);
    m_recordAction->setChecked(recording);
}

void FileActions::setFileDialog(FileDialog dialog)
{
    m_fileDialog = dialog ? std::move(dialog) : FileDialog(FileChooser::showDialog);
}

QString FileActions::askFile(const FileRequest &request) const
{
    return m_fileDialog(m_window, request);
}

ExportSelection FileActions::selection(Scope scope) const
{
    switch (scope) {
    case Scope::WholeLog:
        return ExportSelection::allKept(*m_store);
    case Scope::FilteredLog: {
        // Unfiltered, the log shows a range of rows: no need to list them.
        if (m_logView->table()->model() == m_logModel) {
            const int rows = m_logModel->rowCount();
            return rows > 0
                       ? ExportSelection::range(m_logModel->seqAt(0), m_logModel->seqAt(rows - 1))
                       : ExportSelection();
        }
        return ExportSelection::seqs(m_logView->shownSeqs());
    }
    case Scope::SelectedRows:
        return ExportSelection::seqs(m_logView->selectedSeqs());
    }
    return {};
}

void FileActions::remember(EventExport::Format format)
{
    QSettings().setValue(ExportFormatKey, EventExport::formatKey(format));
    updateEnabled();
}

void FileActions::exportWithDialog(Scope scope, EventExport::Format format)
{
    FileRequest request;
    request.caption = tr("Export as %1").arg(EventExport::formatName(format));
    request.directory = FileChooser::startDirectory(ExportDirectoryKey);
    request.defaultSuffix = EventExport::fileSuffix(format);
    request.fileName = FileChooser::suggestedFile(request.directory, request.defaultSuffix);
    request.nameFilters = {EventExport::nameFilter(format), tr("All files (*)")};
    request.objectName = QStringLiteral("exportFileDialog");
    const QString fileName = askFile(request);
    if (fileName.isEmpty())
        return;
    FileChooser::rememberDirectory(ExportDirectoryKey, fileName);
    remember(format);
    exportTo(scope, format, fileName);
}

bool FileActions::exportTo(Scope scope, EventExport::Format format, const QString &fileName)
{
    if (m_runner->isRunning()) {
        m_window->statusBar()->showMessage(
            tr("An export is still running; try again when it has finished."), StatusMs);
        return false;
    }
    const ExportSelection events = selection(scope);
    if (events.isEmpty()) {
        m_window->statusBar()->showMessage(tr("There are no events to export."), StatusMs);
        return false;
    }
    m_runner->start(events, format, fileName);
    showProgress();
    m_progressTimer->start();
    return true;
}

void FileActions::showProgress()
{
    if (!m_runner->isRunning())
        return;
    const quint64 total = qMax<quint64>(m_runner->total(), 1);
    m_window->statusBar()->showMessage(tr("Exporting %1 events… %2%")
                                           .arg(QLocale().toString(m_runner->total()))
                                           .arg(m_runner->done() * 100 / total));
}

void FileActions::onExportFinished(const QString &fileName, const EventExport::Result &result)
{
    m_progressTimer->stop();
    const QString text = result.summary(QDir::toNativeSeparators(fileName));
    m_window->statusBar()->showMessage(text, result.complete() ? StatusMs : 0);
    if (!result.complete()) {
        // Not exec(): the window goes on showing traffic while the box is up.
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Export incomplete"), text,
                                    QMessageBox::Ok, m_window);
        box->setObjectName(QStringLiteral("exportErrorBox"));
        box->setAccessibleName(tr("Export incomplete"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    Q_EMIT exportFinished(fileName, result.complete());
}

void FileActions::openCapture()
{
    if (!m_capture)
        return;
    FileRequest request;
    request.save = false;
    request.caption = tr("Open capture");
    request.directory = FileChooser::startDirectory(CaptureDirectoryKey);
    request.nameFilters = {tr("Capture files (*.pcapng *.pcap *.cap)"), tr("All files (*)")};
    request.objectName = QStringLiteral("openCaptureDialog");
    const QString fileName = askFile(request);
    if (fileName.isEmpty())
        return;
    FileChooser::rememberDirectory(CaptureDirectoryKey, fileName);
    m_capture->openCapture(fileName);
}

void FileActions::saveCaptureWithDialog(Scope scope)
{
    if (!m_capture)
        return;
    const ExportSelection events = selection(scope);
    if (events.isEmpty()) {
        m_window->statusBar()->showMessage(tr("There are no events to save."), StatusMs);
        return;
    }
    FileRequest request;
    request.caption = tr("Save capture");
    request.directory = FileChooser::startDirectory(CaptureDirectoryKey);
    request.defaultSuffix = QStringLiteral("pcapng");
    request.fileName = FileChooser::suggestedFile(request.directory, request.defaultSuffix);
    request.nameFilters = {tr("pcapng files (*.pcapng)"), tr("pcap files (*.pcap)")};
    request.objectName = QStringLiteral("saveCaptureDialog");
    const QString fileName = askFile(request);
    if (fileName.isEmpty())
        return;
    FileChooser::rememberDirectory(CaptureDirectoryKey, fileName);
    m_capture->saveCapture(fileName, events);
}

void FileActions::onRecordToggled(bool on)
{
    if (!m_capture) {
        setRecording(false);
        return;
    }
    if (!on) {
        m_capture->stopRecording();
        return;
    }
    FileRequest request;
    request.caption = tr("Record to file");
    request.directory = FileChooser::startDirectory(CaptureDirectoryKey);
    request.defaultSuffix = QStringLiteral("pcapng");
    request.fileName = FileChooser::suggestedFile(request.directory, request.defaultSuffix);
    request.nameFilters = {tr("pcapng files (*.pcapng)"), tr("pcap files (*.pcap)")};
    request.objectName = QStringLiteral("recordFileDialog");
    const QString fileName = askFile(request);
    if (fileName.isEmpty() || !m_capture->startRecording(fileName)) {
        setRecording(false);
        return;
    }
    FileChooser::rememberDirectory(CaptureDirectoryKey, fileName);
}
