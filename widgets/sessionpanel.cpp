#include "sessionpanel.h"

#include "engine.h"
#include "icons.h"
#include "newsessionmenu.h"
#include "sessiondelegate.h"
#include "sessioneditor.h"
#include "sessionkind.h"
#include "sessionmodel.h"
#include "sessiontoolbox.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QToolButton *makeButton(QWidget *parent, const QString &objectName, const QString &icon)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setIcon(Icons::icon(icon));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return button;
}

} // namespace

SessionPanel::SessionPanel(Engine *engine, SessionModel *model, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_model(model)
{
    setObjectName(QStringLiteral("sessionPanel"));
    auto *layout = new QVBoxLayout(this);

    // Created in visual order: that is the tab order.
    auto *top = new QHBoxLayout;
    m_newButton = makeButton(this, QStringLiteral("newSessionButton"), QStringLiteral("add"));
    m_newButton->setPopupMode(QToolButton::InstantPopup);
    m_newMenu = new NewSessionMenu(m_newButton);
    connect(m_newMenu, &NewSessionMenu::templateChosen, this, &SessionPanel::newSession);
    m_newButton->setMenu(m_newMenu);
    top->addWidget(m_newButton);
    top->addStretch(1);
    m_removeButton = makeButton(this, QStringLiteral("removeButton"), QStringLiteral("remove"));
    top->addWidget(m_removeButton);
    layout->addLayout(top);

    m_list = new QListView(this);
    m_list->setObjectName(QStringLiteral("sessionList"));
    m_list->setModel(model);
    m_list->setModelColumn(SessionModel::NameColumn);
    m_list->setItemDelegate(new SessionDelegate(m_list));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_list, 2);

    auto *actions = new QHBoxLayout;
    m_startButton = makeButton(this, QStringLiteral("startButton"), QStringLiteral("start"));
    m_stopButton = makeButton(this, QStringLiteral("stopButton"), QStringLiteral("stop"));
    actions->addWidget(m_startButton);
    actions->addWidget(m_stopButton);
    actions->addStretch(1);
    layout->addLayout(actions);

    m_errorBox = new QWidget(this);
    auto *errorLayout = new QHBoxLayout(m_errorBox);
    errorLayout->setContentsMargins(0, 0, 0, 0);
    m_errorIcon = new QLabel(m_errorBox);
    m_errorIcon->setPixmap(Icons::icon(QStringLiteral("dir-error")).pixmap(16, 16));
    m_errorIcon->setAlignment(Qt::AlignTop);
    errorLayout->addWidget(m_errorIcon);
    m_error = new QLabel(m_errorBox);
    m_error->setObjectName(QStringLiteral("sessionError"));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    errorLayout->addWidget(m_error, 1);
    m_errorBox->hide();
    layout->addWidget(m_errorBox);

    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    // The editor itself is built when a session is first selected (editor()):
    // a window with no session yet starts without its hundred-odd widgets.
    m_editorArea = new QScrollArea(this);
    m_editorArea->setObjectName(QStringLiteral("sessionEditorArea"));
    m_editorArea->setWidgetResizable(true);
    m_editorArea->setFrameShape(QFrame::NoFrame);
    m_editorArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Tab goes straight to the fields; the area still scrolls the focused one into view.
    m_editorArea->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(m_editorArea, 5);

    m_emptyHint = new QLabel(this);
    m_emptyHint->setObjectName(QStringLiteral("emptyHint"));
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_emptyHint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_emptyHint, 5);

    // Ctrl+N opens the template menu: a new session always starts from a template.
    auto *newShortcut = new QShortcut(QKeySequence::New, this);
    connect(newShortcut, &QShortcut::activated, m_newButton, &QToolButton::showMenu);
    // Delete only while the list has focus, so it never eats a key meant for a field.
    auto *removeShortcut = new QShortcut(QKeySequence::Delete, m_list);
    removeShortcut->setContext(Qt::WidgetShortcut);
    connect(removeShortcut, &QShortcut::activated, this, &SessionPanel::removeCurrent);

    connect(m_startButton, &QToolButton::clicked, this, &SessionPanel::startCurrent);
    connect(m_stopButton, &QToolButton::clicked, this, &SessionPanel::stopCurrent);
    connect(m_removeButton, &QToolButton::clicked, this, &SessionPanel::removeCurrent);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SessionPanel::onCurrentRowChanged);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SessionPanel::onCurrentRowChanged);
    connect(engine, &Engine::sessionChanged, this, &SessionPanel::onSessionChanged);

    retranslate();
    applyColors();
    if (model->rowCount() > 0)
        setCurrentSession(model->sessionAt(0));
    else
        onCurrentRowChanged();
}

SessionPanel::~SessionPanel()
{
    // Closing the window takes the focus from a field, which reports a
    // finished edit; by then this panel is half destroyed and must not hear it.
    if (m_editor)
        m_editor->disconnect(this);
}

SessionEditor *SessionPanel::editor()
{
    if (!m_editor) {
        m_editor = new SessionEditor;
        m_editorArea->setWidget(m_editor);
        connect(m_editor, &SessionEditor::edited, this, &SessionPanel::updateActions);
        connect(m_editor, &SessionEditor::editingFinished, this, [this] { applyEdits(m_current); });
    }
    return m_editor;
}

SessionId SessionPanel::currentSession() const
{
    return m_current;
}

void SessionPanel::setCurrentSession(SessionId session)
{
    const int row = m_model->rowForSession(session);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, SessionModel::NameColumn);
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_list->scrollTo(index);
}

SessionId SessionPanel::newSession(const QString &templateId)
{
    QList<SessionConfig> existing;
    for (const Engine::SessionInfo &info : m_engine->sessions()) {
        if (!info.isCapture())
            existing << info.config;
    }
    const SessionId id = m_engine->addSession(SessionKind::templateConfig(templateId, existing));
    setCurrentSession(id);
    return id;
}

void SessionPanel::startCurrent()
{
    if (m_current == 0 || !editor()->isValid() ||
        isSessionRunning(m_engine->session(m_current).state))
        return;
    // What the editor shows is what starts, even if some edit was not applied yet.
    m_engine->updateSession(m_current, editedConfig(m_current));
    m_engine->start(m_current);
}

void SessionPanel::stopCurrent()
{
    if (m_current != 0)
        m_engine->stop(m_current);
}

void SessionPanel::removeCurrent()
{
    if (m_current == 0)
        return;
    const Engine::SessionInfo info = m_engine->session(m_current);
    if (isSessionRunning(info.state)) {
        const auto answer =
            QMessageBox::question(this, tr("Remove session"),
                                  tr("\"%1\" is running. Stop it and remove it?").arg(info.name),
                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
    }
    // The neighbour takes the removed one's place, so Delete can be pressed again.
    const int row = m_model->rowForSession(m_current);
    const SessionId next = m_model->sessionAt(row + 1 < m_model->rowCount() ? row + 1 : row - 1);
    m_engine->removeSession(m_current);
    if (next != 0)
        setCurrentSession(next);
}

void SessionPanel::onCurrentRowChanged()
{
    const QModelIndex index = m_list->selectionModel()->currentIndex();
    const SessionId id = index.isValid() ? m_model->sessionAt(index.row()) : 0;
    if (index.isValid() && !m_list->selectionModel()->isSelected(index))
        m_list->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect);
    if (id == m_current) {
        showState();
        return;
    }
    // Valid edits of the session being left are kept; invalid ones are dropped
    // with the editor's contents.
    applyEdits(m_current);
    m_current = id;
    if (id != 0) {
        const Engine::SessionInfo info = m_engine->session(id);
        editor()->setLocked(false);
        m_editor->setConfig(info.config);
        fitEditorWidth();
    }
    showState();
    Q_EMIT currentSessionChanged(id);
}

void SessionPanel::onSessionChanged(SessionId id)
{
    if (id == m_current)
        showState();
}

void SessionPanel::applyEdits(SessionId id)
{
    // Finished, valid edits go to the engine (for the next start) so that the
    // list, the log's session names and saved settings follow the editor.
    if (id == 0 || !editor()->isValid() || m_editor->isLocked())
        return;
    const Engine::SessionInfo info = m_engine->session(id);
    if (info.id == 0 || isSessionRunning(info.state))
        return;
    m_engine->updateSession(id, editedConfig(id));
}

SessionConfig SessionPanel::editedConfig(SessionId id)
{
    // The rules and the script have panels of their own: keep what they saved.
    SessionConfig config = editor()->config();
    SessionToolbox::keep(m_engine->session(id).config, &config);
    return config;
}

void SessionPanel::showState()
{
    const bool has = m_current != 0;
    m_editorArea->setVisible(has);
    m_title->setVisible(has);
    m_emptyHint->setVisible(!has);
    if (!has) {
        m_errorBox->hide();
        updateActions();
        return;
    }
    const Engine::SessionInfo info = m_engine->session(m_current);
    const bool running = isSessionRunning(info.state);
    // A running session's editor shows what runs; a stopped one keeps the
    // user's edits, even invalid ones, until another session is selected. A
    // session read from a capture file has nothing to edit.
    m_editorArea->setVisible(!info.isCapture());
    m_title->setVisible(!info.isCapture());
    if (running && !editor()->isLocked())
        m_editor->setConfig(info.config);
    editor()->setLocked(running || info.isCapture(), running ? info.name : QString());
    const bool error = info.state == SessionState::Error;
    m_error->setText(error ? info.detail : QString());
    m_errorBox->setVisible(error);
    updateActions();
}

void SessionPanel::updateActions()
{
    const bool has = m_current != 0;
    const Engine::SessionInfo info = m_engine->session(m_current);
    const bool running = has && isSessionRunning(info.state);
    m_startButton->setEnabled(has && !running && !info.isCapture() && editor()->isValid());
    m_stopButton->setEnabled(running);
    m_removeButton->setEnabled(has);
    Q_EMIT actionsChanged();
}

bool SessionPanel::canStart() const
{
    return m_startButton->isEnabled();
}

bool SessionPanel::canStop() const
{
    return m_stopButton->isEnabled();
}

void SessionPanel::retranslate()
{
    const auto shortcutText = [](const QKeySequence &keys) {
        return keys.toString(QKeySequence::NativeText);
    };
    m_newButton->setText(tr("New session"));
    m_newButton->setAccessibleName(tr("New session"));
    m_newButton->setToolTip(tr("Open a new session from a template (%1)")
                                .arg(shortcutText(QKeySequence(QKeySequence::New))));
    m_removeButton->setText(tr("Remove"));
    m_removeButton->setAccessibleName(tr("Remove"));
    m_removeButton->setToolTip(tr("Remove the selected session (%1 in the list)")
                                   .arg(shortcutText(QKeySequence(QKeySequence::Delete))));
    m_list->setAccessibleName(tr("Sessions"));
    // setText() replaces a button's shortcut by the text's mnemonic: set the keys after it.
    m_startButton->setText(tr("Start"));
    m_startButton->setShortcut(QKeySequence(Qt::Key_F5));
    // The window's toolbar has Start and Stop too: these names say what they act on.
    m_startButton->setAccessibleName(tr("Start session"));
    m_startButton->setToolTip(tr("Start the session with these settings (%1)")
                                  .arg(shortcutText(m_startButton->shortcut())));
    m_stopButton->setText(tr("Stop"));
    m_stopButton->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopButton->setAccessibleName(tr("Stop session"));
    m_stopButton->setToolTip(
        tr("Stop the session (%1)").arg(shortcutText(m_stopButton->shortcut())));
    m_error->setAccessibleName(tr("Session error"));
    m_title->setText(tr("Settings"));
    m_emptyHint->setText(
        tr("No sessions yet. Use New session to open one of the tutorial scenarios."));
}

void SessionPanel::fitEditorWidth()
{
    // The scroll area scrolls only vertically: it must never be narrower than
    // the form, or fields would be cut off at the right.
    m_editorArea->setMinimumWidth(editor()->minimumSizeHint().width() +
                                  m_editorArea->verticalScrollBar()->sizeHint().width());
}

void SessionPanel::applyColors()
{
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, SessionDelegate::errorTextColor(palette()));
    m_error->setPalette(errorPalette);
}

void SessionPanel::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslate();
        if (m_editor)
            fitEditorWidth();
        break;
    case QEvent::PaletteChange:
        applyColors();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}
