#include "scriptpanel.h"

#include "engine.h"
#include "script.h"
#include "scriptrunner.h"

#include <QBrush>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

// Saving waits for a pause in typing: every save is a session update.
constexpr int SaveDelayMs = 400;

} // namespace

ScriptPanel::ScriptPanel(Engine *engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_intro(new QLabel(this))
    , m_editor(new QPlainTextEdit(this))
    , m_load(new QPushButton(this))
    , m_run(new QPushButton(this))
    , m_stop(new QPushButton(this))
    , m_error(new QLabel(this))
    , m_steps(new QTreeWidget(this))
    , m_result(new QLabel(this))
    , m_saveTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("scriptPanel"));
    m_intro->setObjectName(QStringLiteral("scriptIntro"));
    m_intro->setWordWrap(true);
    m_editor->setObjectName(QStringLiteral("scriptEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_load->setObjectName(QStringLiteral("scriptLoad"));
    m_run->setObjectName(QStringLiteral("scriptRun"));
    m_stop->setObjectName(QStringLiteral("scriptStop"));
    m_error->setObjectName(QStringLiteral("scriptError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    m_steps->setObjectName(QStringLiteral("scriptSteps"));
    m_steps->setRootIsDecorated(false);
    m_steps->setUniformRowHeights(true);
    m_steps->setColumnCount(3);
    m_steps->header()->setStretchLastSection(true);
    m_steps->header()->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(StepTextColumn, QHeaderView::ResizeToContents);
    m_steps->header()->setMinimumSectionSize(24);
    m_result->setObjectName(QStringLiteral("scriptResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(SaveDelayMs);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_load);
    buttons->addStretch();
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_editor, 3);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    layout->addWidget(m_steps, 2);
    layout->addWidget(m_result);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &ScriptPanel::onTextChanged);
    connect(m_saveTimer, &QTimer::timeout, this, &ScriptPanel::save);
    connect(m_load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load a script"));
        if (!path.isEmpty())
            loadFile(path);
    });
    connect(m_run, &QPushButton::clicked, this, &ScriptPanel::run);
    connect(m_stop, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_engine->stop(m_session);
    });
    connect(m_engine, &Engine::scriptStepChanged, this, &ScriptPanel::onStep);
    connect(m_engine, &Engine::scriptFinished, this, &ScriptPanel::onFinished);
    connect(m_engine, &Engine::sessionChanged, this, [this](SessionId id) {
        if (id == m_session)
            updateButtons();
    });
    retranslate();
    setSession(0);
}

void ScriptPanel::retranslate()
{
    m_intro->setText(tr("One step per line: send TEXT, send-hex 48 65, expect TEXT, "
                        "expect /REGEX/, timeout MS, wait MS, close; # starts a comment. "
                        "Run starts the session and runs the script on each connection."));
    m_editor->setAccessibleName(tr("Script"));
    m_editor->setPlaceholderText(tr("send hello\\n\nexpect /Hello, (\\w+)!/\nsend bye $1\\n"));
    m_load->setText(tr("Load…"));
    m_load->setAccessibleName(tr("Load a script from a file"));
    m_run->setText(tr("Run"));
    m_run->setAccessibleName(tr("Run the script"));
    m_stop->setText(tr("Stop"));
    m_stop->setAccessibleName(tr("Stop the session and its script"));
    m_error->setAccessibleName(tr("Problem with the script"));
    m_steps->setAccessibleName(tr("Script steps and their status"));
    m_steps->setHeaderLabels({tr("Line"), tr("Step"), tr("Status")});
    m_result->setAccessibleName(tr("Result of the script"));
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_steps->topLevelItem(i);
        item->setText(StatusColumn,
                      statusText(item->data(StatusColumn, Qt::UserRole).toInt(),
                                 item->data(StatusColumn, Qt::UserRole + 1).toString()));
    }
}

void ScriptPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ScriptPanel::setSession(SessionId session)
{
    if (m_saveTimer->isActive())
        save(); // the pending edit belongs to the session being left
    m_session = session;
    m_connection = 0;
    m_loading = true;
    m_editor->setPlainText(session ? m_engine->session(session).config.script : QString());
    m_loading = false;
    m_result->clear();
    rebuildSteps();
    setEnabled(session != 0);
    updateButtons();
}

bool ScriptPanel::loadFile(const QString &path)
{
    QString text;
    QString error;
    if (!Script::load(path, &text, &error)) {
        m_error->setText(error);
        m_error->show();
        return false;
    }
    m_editor->setPlainText(text);
    return true;
}

void ScriptPanel::onTextChanged()
{
    if (m_loading)
        return;
    rebuildSteps();
    m_saveTimer->start();
    updateButtons();
}

bool ScriptPanel::rebuildSteps()
{
    m_steps->clear();
    const QString text = m_editor->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_error->hide();
        return false;
    }
    const SessionConfig config = m_session ? m_engine->session(m_session).config : SessionConfig();
    Script script;
    QString error;
    if (!script.parse(text, config.encoding, &error)) {
        m_error->setText(error);
        m_error->show();
        return false;
    }
    m_error->hide();
    for (const Script::Step &step : script.steps()) {
        auto *item = new QTreeWidgetItem(m_steps);
        item->setText(LineColumn, QString::number(step.line));
        item->setTextAlignment(LineColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(StepTextColumn, step.source);
        item->setData(StatusColumn, Qt::UserRole, int(ScriptRunner::Status::Pending));
        item->setText(StatusColumn, statusText(int(ScriptRunner::Status::Pending), {}));
    }
    return true;
}

void ScriptPanel::save()
{
    m_saveTimer->stop();
    if (m_session == 0)
        return;
    const QString text = m_editor->toPlainText();
    SessionConfig config = m_engine->session(m_session).config;
    Script script;
    // Only a valid script (or none) is saved: the session must stay startable.
    if (config.script == text ||
        (!text.trimmed().isEmpty() && !script.parse(text, config.encoding)))
        return;
    config.script = text.trimmed().isEmpty() ? QString() : text;
    m_engine->updateSession(m_session, config);
}

void ScriptPanel::run()
{
    if (m_session == 0 || !rebuildSteps())
        return;
    save();
    m_connection = 0;
    m_result->setText(tr("Waiting for a connection…"));
    // A fresh run: a running session restarts with the script as it is now.
    if (isSessionRunning(m_engine->session(m_session).state))
        m_engine->stop(m_session);
    m_engine->start(m_session);
}

QString ScriptPanel::statusText(int status, const QString &detail) const
{
    switch (ScriptRunner::Status(status)) {
    case ScriptRunner::Status::Pending:
        return tr("pending");
    case ScriptRunner::Status::Running:
        return tr("running");
    case ScriptRunner::Status::Ok:
        return tr("ok");
    case ScriptRunner::Status::Failed:
        return detail.isEmpty() ? tr("failed") : tr("failed: %1").arg(detail);
    }
    return {};
}

void ScriptPanel::onStep(SessionId session, ConnectionId connection, int step, int status,
                         const QString &detail)
{
    if (session != m_session)
        return;
    if (connection != m_connection) {
        // A new run (another client of a server, or a restart): start afresh.
        m_connection = connection;
        rebuildSteps();
        m_result->setText(tr("Running on connection #%1…").arg(connection));
    }
    QTreeWidgetItem *item = m_steps->topLevelItem(step);
    if (!item)
        return;
    item->setData(StatusColumn, Qt::UserRole, status);
    item->setData(StatusColumn, Qt::UserRole + 1, detail);
    item->setText(StatusColumn, statusText(status, detail));
    item->setToolTip(StatusColumn, item->text(StatusColumn));
    const bool failed = ScriptRunner::Status(status) == ScriptRunner::Status::Failed;
    const bool ok = ScriptRunner::Status(status) == ScriptRunner::Status::Ok;
    item->setForeground(StatusColumn, failed ? QBrush(QColor(0xc6, 0x28, 0x28))
                                      : ok   ? QBrush(QColor(0x2e, 0x7d, 0x32))
                                             : QBrush());
    m_steps->scrollToItem(item);
}

void ScriptPanel::onFinished(SessionId session, ConnectionId connection, bool ok,
                             const QString &message)
{
    if (session != m_session || connection != m_connection)
        return;
    m_result->setText(message);
    m_result->setStyleSheet(ok ? QStringLiteral("color: #2e7d32;")
                               : QStringLiteral("color: #c62828;"));
}

void ScriptPanel::updateButtons()
{
    const bool running = m_session && isSessionRunning(m_engine->session(m_session).state);
    m_run->setEnabled(m_session != 0 && m_error->isHidden() &&
                      !m_editor->toPlainText().trimmed().isEmpty());
    m_stop->setEnabled(running);
}
