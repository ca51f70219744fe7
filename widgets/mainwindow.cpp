#include "mainwindow.h"

#include "capturecontroller.h"
#include "chatview.h"
#include "connectionmodel.h"
#include "connectionview.h"
#include "detailpane.h"
#include "engine.h"
#include "fileactions.h"
#include "follow/conversationactions.h"
#include "icons.h"
#include "language.h"
#include "logcontextmenu.h"
#include "logview.h"
#include "newsessionmenu.h"
#include "rulespanel.h"
#include "scriptpanel.h"
#include "sendpanel.h"
#include "sessioncontextmenu.h"
#include "sessionkind.h"
#include "sessionmodel.h"
#include "sessionpanel.h"
#include "trafficdock.h"
#include "trafficlogmodel.h"
#include "trafficstore.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QString formatBytes(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

// "&Start" -> "Start", "启动(&S)" -> "启动": a name to read out, without the
// keyboard mnemonic in either of its forms.
QString withoutMnemonic(QString text)
{
    static const QRegularExpression bracketed(QStringLiteral("\\(&[^)]\\)"));
    return text.remove(bracketed).remove(QLatin1Char('&'));
}

// Shows `key` beside an action in the menus when another widget owns the key
// (the log's Pause button, the session list's Ctrl+N). Bound only while the
// menu itself has focus, so it never makes the owner's key ambiguous.
void showKey(QAction *action, const QKeySequence &key)
{
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetShortcut);
}

} // namespace

MainWindow::MainWindow(Engine *engine, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_store(engine->store())
    , m_logModel(new TrafficLogModel(m_store, this))
    , m_connectionModel(new ConnectionModel(m_store, this))
    , m_sessionModel(new SessionModel(engine, this))
    , m_sessionPanel(new SessionPanel(engine, m_sessionModel, this))
    , m_logView(new LogView(m_logModel, this))
    , m_detailPane(new DetailPane(m_store, this))
    , m_connectionView(new ConnectionView(engine, m_connectionModel, this))
    , m_sendPanel(new SendPanel(engine, this))
    , m_chatView(new ChatView(engine, this))
    , m_sideTabs(new QTabWidget(this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_centerSplitter(new QSplitter(Qt::Vertical, this))
    , m_sideSplitter(new QSplitter(Qt::Vertical, this))
    , m_statusSummary(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Icons::icon(QStringLiteral("socketscope")));

    m_sideTabs->setObjectName(QStringLiteral("sideTabs"));
    m_sideTabs->addTab(m_sendPanel, Icons::icon(QStringLiteral("send")), QString());
    m_sideTabs->addTab(m_chatView, QString());
    m_rulesPanel = new RulesPanel(engine, this);
    m_scriptPanel = new ScriptPanel(engine, this);
    m_sideTabs->addTab(m_rulesPanel, QString());
    m_sideTabs->addTab(m_scriptPanel, QString());

    m_centerSplitter->setObjectName(QStringLiteral("centerSplitter"));
    m_centerSplitter->addWidget(m_logView);
    m_centerSplitter->addWidget(m_detailPane);
    m_centerSplitter->setStretchFactor(0, 3);
    m_centerSplitter->setStretchFactor(1, 1);

    m_sideSplitter->setObjectName(QStringLiteral("sideSplitter"));
    m_sideSplitter->addWidget(m_connectionView);
    m_sideSplitter->addWidget(m_sideTabs);
    m_sideSplitter->setStretchFactor(0, 1);
    m_sideSplitter->setStretchFactor(1, 2);

    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_sessionPanel);
    m_mainSplitter->addWidget(m_centerSplitter);
    m_mainSplitter->addWidget(m_sideSplitter);
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setStretchFactor(2, 1);
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->setSizes({280, 670, 330});
    m_centerSplitter->setSizes({480, 200});
    m_sideSplitter->setSizes({220, 460});
    setCentralWidget(m_mainSplitter);

    m_statusSummary->setObjectName(QStringLiteral("statusSummary"));
    statusBar()->addPermanentWidget(m_statusSummary);

    createActions();
    createMenus();
    m_fileActions = new FileActions(m_store, m_logModel, m_logView, this);
    m_fileActions->createFileMenu(m_quitAction);
    auto *logMenu = new LogContextMenu(m_logView, m_fileActions);
    new ConversationActions(m_engine, m_logView, m_connectionView, logMenu->menu(), this);
    m_capture = new CaptureController(m_engine, m_store, m_fileActions, this);
    m_fileActions->setCaptureActions(m_capture);
    connect(m_capture, &CaptureController::captureSessionAdded, m_sessionPanel,
            &SessionPanel::setCurrentSession);
    retranslate();

    connect(m_sessionPanel, &SessionPanel::currentSessionChanged, this,
            &MainWindow::onCurrentSessionChanged);
    connect(m_logView, &LogView::eventSelected, m_detailPane, &DetailPane::showEvent);
    connect(m_logView, &LogView::clearRequested, m_store, &TrafficStore::clear);
    connect(m_connectionView, &ConnectionView::connectionSelected, m_sendPanel,
            &SendPanel::setSelectedConnection);
    connect(m_connectionView, &ConnectionView::sendRequested, this, [this] {
        m_sideTabs->setCurrentWidget(m_sendPanel);
        m_sendPanel->setFocus();
    });
    connect(m_sessionPanel, &SessionPanel::actionsChanged, this, &MainWindow::updateActions);

    auto *statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    statusTimer->start(250);
    onCurrentSessionChanged(0);

    resize(1280, 800);
}

MainWindow::~MainWindow()
{
    // The panels are deleted here, while this is still a whole MainWindow: as
    // they go they emit signals (selection changes) that reach our slots.
    delete m_mainSplitter;
    m_mainSplitter = nullptr;
}

QAction *MainWindow::addTexts(QAction *action, const char *text, const char *toolTip)
{
    m_actionTexts.append({action, text, toolTip});
    return action;
}

void MainWindow::createActions()
{
    m_startAction = addTexts(new QAction(Icons::icon(QStringLiteral("start")), QString(), this),
                             QT_TR_NOOP("&Start"),
                             // F5 and Shift+F5 belong to the session panel's
                             // buttons; a second binding here would make both
                             // ambiguous, so the menu only mentions them.
                             QT_TR_NOOP("Start the selected session (F5)"));
    m_startAction->setObjectName(QStringLiteral("startAction"));
    connect(m_startAction, &QAction::triggered, m_sessionPanel, &SessionPanel::startCurrent);

    m_stopAction =
        addTexts(new QAction(Icons::icon(QStringLiteral("stop")), QString(), this),
                 QT_TR_NOOP("S&top"), QT_TR_NOOP("Stop the selected session (Shift+F5)"));
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    connect(m_stopAction, &QAction::triggered, m_sessionPanel, &SessionPanel::stopCurrent);

    m_clearAction = addTexts(new QAction(Icons::icon(QStringLiteral("clear")), QString(), this),
                             QT_TR_NOOP("&Clear log"));
    m_clearAction->setObjectName(QStringLiteral("clearLogAction"));
    m_clearAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_K);
    connect(m_clearAction, &QAction::triggered, m_store, &TrafficStore::clear);

    // Ctrl+P is the log's own Pause button: this action mirrors it, and shows
    // the key in the menu (see showKey).
    m_pauseAction = addTexts(new QAction(Icons::icon(QStringLiteral("pause")), QString(), this),
                             QT_TR_NOOP("&Pause log"));
    m_pauseAction->setObjectName(QStringLiteral("pauseAction"));
    showKey(m_pauseAction, QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pauseAction->setCheckable(true);
    connect(m_pauseAction, &QAction::toggled, m_logView, &LogView::setPaused);
    connect(m_logView, &LogView::pausedChanged, m_pauseAction, &QAction::setChecked);

    // An icon, so the toggle reads as a button when it is off too.
    m_sessionOnlyAction =
        addTexts(new QAction(Icons::icon(QStringLiteral("filter")), QString(), this),
                 QT_TR_NOOP("Selected session &only"),
                 QT_TR_NOOP("Show only the selected session's events in the log"));
    m_sessionOnlyAction->setObjectName(QStringLiteral("sessionOnlyAction"));
    m_sessionOnlyAction->setCheckable(true);
    connect(m_sessionOnlyAction, &QAction::toggled, this, &MainWindow::applyLogSessionFilter);

    m_quitAction = addTexts(new QAction(this), QT_TR_NOOP("&Quit"));
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus()
{
    QMenu *sessionMenu = menuBar()->addMenu(QString());
    addTexts(sessionMenu->menuAction(), QT_TR_NOOP("&Session"));
    sessionMenu->setObjectName(QStringLiteral("sessionMenu"));
    auto *newMenu = new NewSessionMenu(sessionMenu);
    newMenu->setIcon(Icons::icon(QStringLiteral("add")));
    sessionMenu->addMenu(newMenu);
    addTexts(newMenu->menuAction(), QT_TR_NOOP("&New session"));
    connect(newMenu, &NewSessionMenu::templateChosen, m_sessionPanel, &SessionPanel::newSession);
    showKey(newMenu->menuAction(), QKeySequence::New); // the session list opens it
    sessionMenu->addAction(m_startAction);
    sessionMenu->addAction(m_stopAction);
    new SessionContextMenu(m_sessionPanel,
                           m_sessionPanel->findChild<QListView *>(QStringLiteral("sessionList")),
                           {m_startAction, m_stopAction, m_sessionOnlyAction}, newMenu);

    QMenu *viewMenu = menuBar()->addMenu(QString());
    addTexts(viewMenu->menuAction(), QT_TR_NOOP("&View"));
    viewMenu->setObjectName(QStringLiteral("viewMenu"));
    viewMenu->addAction(m_sessionOnlyAction);
    viewMenu->addAction(m_pauseAction);
    viewMenu->addAction(m_clearAction);
    QAction *tail = addTexts(viewMenu->addAction(Icons::icon(QStringLiteral("follow")), QString()),
                             QT_TR_NOOP("&Follow newest events"));
    tail->setObjectName(QStringLiteral("followAction"));
    tail->setShortcut(Qt::CTRL | Qt::Key_End);
    connect(tail, &QAction::triggered, m_logView, &LogView::jumpToTail);

    QAction *memoryCap =
        addTexts(viewMenu->addAction(QString()), QT_TR_NOOP("&Memory cap…"),
                 QT_TR_NOOP("How much memory the recorded events may use before the oldest "
                            "are evicted"));
    memoryCap->setObjectName(QStringLiteral("memoryCapAction"));
    connect(memoryCap, &QAction::triggered, this, &MainWindow::chooseMemoryCap);

    auto *traffic = TrafficDock::install(m_store, this, viewMenu);
    connect(m_connectionView, &ConnectionView::connectionSelected, traffic,
            &TrafficDock::setConnection);
    QMenu *languageMenu = viewMenu->addMenu(QString());
    addTexts(languageMenu->menuAction(), QT_TR_NOOP("&Language"));
    languageMenu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(languageMenu);
    const QString current = Language::current();
    // Each language is named in itself, so it can be found from any other.
    const QList<QPair<QString, QString>> languages = {
        {QString(), QString()},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
    for (const auto &[code, name] : languages) {
        QAction *action = languageMenu->addAction(name);
        if (code.isEmpty())
            addTexts(action, QT_TR_NOOP("System default"));
        action->setCheckable(true);
        action->setChecked(code == current);
        action->setObjectName(code.isEmpty() ? QStringLiteral("languageSystem")
                                             : QStringLiteral("language_") + code);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] { chooseLanguage(code); });
    }

    QMenu *helpMenu = menuBar()->addMenu(QString());
    addTexts(helpMenu->menuAction(), QT_TR_NOOP("&Help"));
    helpMenu->setObjectName(QStringLiteral("helpMenu"));
    QAction *about = addTexts(helpMenu->addAction(QString()), QT_TR_NOOP("&About SocketScope"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);

    m_toolbar = addToolBar(QString());
    m_toolbar->setObjectName(QStringLiteral("mainToolbar"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolbar->setMovable(false);
    QAction *newTcp = addTexts(m_toolbar->addAction(Icons::icon(QStringLiteral("add")), QString()),
                               QT_TR_NOOP("New TCP server"));
    newTcp->setObjectName(QStringLiteral("newTcpServerAction"));
    connect(newTcp, &QAction::triggered, this,
            [this] { m_sessionPanel->newSession(QStringLiteral("TcpHelloServer")); });
    m_toolbar->addAction(m_startAction);
    m_toolbar->addAction(m_stopAction);
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_sessionOnlyAction);
    m_toolbar->addAction(m_clearAction);
    // The buttons QToolBar makes get names too, for tests and assistive tools.
    for (QAction *action : m_toolbar->actions()) {
        if (QWidget *button = m_toolbar->widgetForAction(action);
            button && !action->objectName().isEmpty())
            button->setObjectName(action->objectName() + QStringLiteral("Button"));
    }
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("SocketScope"));
    for (const ActionTexts &texts : std::as_const(m_actionTexts)) {
        texts.action->setText(tr(texts.text));
        // Toolbar buttons read the icon text: without "(&S)", which Qt keeps.
        texts.action->setIconText(withoutMnemonic(tr(texts.text)));
        if (texts.toolTip)
            texts.action->setToolTip(tr(texts.toolTip));
    }
    m_toolbar->setWindowTitle(tr("Main toolbar"));
    for (QAction *action : m_toolbar->actions()) {
        if (QWidget *button = m_toolbar->widgetForAction(action);
            button && !action->objectName().isEmpty())
            button->setAccessibleName(withoutMnemonic(action->text()));
    }
    // Qt's own button for toolbar buttons that do not fit (hidden while they
    // all fit) is a check box without a name.
    if (auto *more = m_toolbar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button")))
        more->setAccessibleName(tr("More toolbar buttons"));
    m_sideTabs->setAccessibleName(tr("Send and chat"));
    m_sideTabs->setTabText(m_sideTabs->indexOf(m_sendPanel), tr("Send"));
    m_sideTabs->setTabText(m_sideTabs->indexOf(m_chatView), tr("Chat"));
    m_sideTabs->setTabText(m_sideTabs->indexOf(m_rulesPanel), tr("Rules"));
    m_sideTabs->setTabText(m_sideTabs->indexOf(m_scriptPanel), tr("Script"));
    m_statusSummary->setAccessibleName(tr("Status"));
    updateStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::chooseLanguage(const QString &language)
{
    Language::save(language);
    Language::apply(language);
}

void MainWindow::chooseMemoryCap()
{
    bool ok = false;
    const int mib = QInputDialog::getInt(
        this, tr("Memory cap"),
        tr("Memory for recorded events, in MiB. When it is full the oldest events are "
           "evicted (the status bar counts them); nothing else is lost."),
        int(m_store->memoryCap() / (1024 * 1024)), 16, 64 * 1024, 16, &ok);
    if (!ok)
        return;
    m_store->setMemoryCap(qint64(mib) * 1024 * 1024);
    QSettings().setValue(QStringLiteral("memoryCapMiB"), mib);
    updateStatus();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About SocketScope"),
                       tr("<h3>SocketScope %1</h3><p>Talk over TCP and UDP sockets and see every "
                          "byte: a live log, connections, chat, hex view and send panel, and the "
                          "same engine on the command line.</p>")
                           .arg(QApplication::applicationVersion()));
}

void MainWindow::onCurrentSessionChanged(SessionId session)
{
    m_connectionView->setSession(session);
    m_sendPanel->setSession(session);
    m_chatView->setSession(session);
    m_rulesPanel->setSession(session);
    m_scriptPanel->setSession(session);
    applyLogSessionFilter();
    const Engine::SessionInfo info = m_engine->session(session);
    const bool chatty = info.id != 0 && (SessionKind::isClient(info.config.kind) ||
                                         info.config.protocol == SessionConfig::Protocol::Chat);
    if (chatty)
        m_sideTabs->setCurrentWidget(m_chatView);
    else if (info.id != 0)
        m_sideTabs->setCurrentWidget(m_sendPanel);
    updateActions();
}

void MainWindow::applyLogSessionFilter()
{
    m_logView->setSessionFilter(m_sessionOnlyAction->isChecked() ? m_sessionPanel->currentSession()
                                                                 : 0);
}

void MainWindow::updateActions()
{
    m_startAction->setEnabled(m_sessionPanel->canStart());
    m_stopAction->setEnabled(m_sessionPanel->canStop());
}

void MainWindow::updateStatus()
{
    int running = 0;
    for (const Engine::SessionInfo &s : m_engine->sessions()) {
        if (isSessionRunning(s.state))
            ++running;
    }
    const TrafficStore::Totals t = m_store->totals();
    const QLocale locale;
    QString text =
        tr("Sessions running: %1 · Connections: %2 · Events: %3 · In: %4 · Out: %5")
            .arg(locale.toString(running), locale.toString(t.openConnections),
                 locale.toString(t.kept), formatBytes(t.bytesIn), formatBytes(t.bytesOut));
    if (t.evicted > 0)
        text += tr(" · Evicted by the memory cap: %1").arg(locale.toString(t.evicted));
    if (text != m_statusSummary->text())
        m_statusSummary->setText(text);
}

SessionId MainWindow::addAndStart(const SessionConfig &config)
{
    const SessionId id = m_engine->addSession(config);
    m_engine->start(id);
    m_sessionPanel->setCurrentSession(id);
    return id;
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("centerSplitter"), m_centerSplitter->saveState());
    settings.setValue(QStringLiteral("sideSplitter"), m_sideSplitter->saveState());
    settings.setValue(QStringLiteral("selectedSessionOnly"), m_sessionOnlyAction->isChecked());
    settings.endGroup();

    settings.beginWriteArray(QStringLiteral("sessions"));
    int i = 0;
    for (const Engine::SessionInfo &s : m_engine->sessions()) {
        if (s.isCapture())
            continue; // its events are in the file it came from, not in the settings
        settings.setArrayIndex(i++);
        settings.setValue(QStringLiteral("arguments"), s.config.toArguments());
    }
    settings.endArray();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const int capMiB = settings.value(QStringLiteral("memoryCapMiB")).toInt();
    if (capMiB >= 16)
        m_store->setMemoryCap(qint64(capMiB) * 1024 * 1024);
    settings.beginGroup(QStringLiteral("mainWindow"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_mainSplitter->restoreState(settings.value(QStringLiteral("mainSplitter")).toByteArray());
    m_centerSplitter->restoreState(settings.value(QStringLiteral("centerSplitter")).toByteArray());
    m_sideSplitter->restoreState(settings.value(QStringLiteral("sideSplitter")).toByteArray());
    m_sessionOnlyAction->setChecked(settings.value(QStringLiteral("selectedSessionOnly")).toBool());
    settings.endGroup();

    const int count = settings.beginReadArray(QStringLiteral("sessions"));
    SessionId last = 0;
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        SessionConfig config;
        QString error;
        const QStringList arguments = settings.value(QStringLiteral("arguments")).toStringList();
        if (SessionConfig::fromArguments(arguments, &config, &error)) {
            last = m_engine->addSession(config);
        } else {
            // Not fatal, but never silent: the log says which one and why.
            m_engine->store()->append(0, 0, 0, EventKind::Error,
                                      tr("The saved session \"%1\" could not be restored: %2")
                                          .arg(arguments.join(u' '), error)
                                          .toUtf8());
        }
    }
    settings.endArray();
    if (last != 0)
        m_sessionPanel->setCurrentSession(last);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}
