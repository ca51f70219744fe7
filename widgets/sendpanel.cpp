#include "sendpanel.h"

#include "engine.h"
#include "fieldform.h"
#include "icons.h"
#include "savedmessagemodel.h"
#include "sendformatcontrols.h"
#include "sendhistory.h"
#include "sendpreview.h"
#include "sendtargets.h"
#include "sendtools.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QTextCursor>
#include <QVBoxLayout>

namespace {

const QString SettingsGroup = QStringLiteral("sendPanel");
const QString AddressKey = QStringLiteral("address");

QLabel *makeErrorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

} // namespace

SendPanel::SendPanel(Engine *engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_form(new QWidget(this))
    , m_target(new QComboBox(m_form))
    , m_address(new QLineEdit(m_form))
    , m_addressError(makeErrorLabel(QStringLiteral("sendAddressError"), m_form))
    , m_input(new QPlainTextEdit(m_form))
    , m_format(new SendFormatControls(SettingsGroup, m_form))
    , m_preview(new SendPreview(m_form))
    , m_sendButton(new QPushButton(Icons::icon(QStringLiteral("send")), QString(), m_form))
    , m_error(makeErrorLabel(QStringLiteral("sendError"), m_form))
    , m_hint(new QLabel(this))
    , m_targetLabel(new QLabel(m_form))
{
    setObjectName(QStringLiteral("sendPanel"));

    m_target->setObjectName(QStringLiteral("sendTarget"));
    // Long targets ("Selected connection (…)") elide instead of widening the
    // side column past what a 1024-pixel window can give it.
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(14);
    m_address->setObjectName(QStringLiteral("sendAddress"));
    m_address->setClearButtonEnabled(true);
    m_address->hide();

    m_input->setObjectName(QStringLiteral("sendInput"));
    m_input->setTabChangesFocus(true); // Tab moves on; a tab byte is "\t" in escapes mode
    m_input->setMinimumHeight(m_input->fontMetrics().lineSpacing() * 3);
    m_input->installEventFilter(this);

    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setDefault(false);
    m_sendButton->setAutoDefault(false);

    m_hint->setObjectName(QStringLiteral("sendHint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setWordWrap(true);

    m_targetLabel->setBuddy(m_target);

    // One grid, so every label lines up in the first column. The options take two
    // rows: the panel often sits in a narrow side column, and Chinese labels are wider.
    auto *targetField = new QVBoxLayout;
    targetField->addWidget(m_target);
    targetField->addWidget(m_address);
    targetField->addWidget(m_addressError);
    auto *grid = new QGridLayout(m_form);
    grid->setContentsMargins(0, 0, 0, 0);
    // The target field grows when the address row shows: keep the label by the combo.
    m_targetLabel->setMinimumHeight(m_target->sizeHint().height());
    grid->addWidget(m_targetLabel, 0, 0, Qt::AlignTop);
    grid->addLayout(targetField, 0, 1, 1, 4);
    grid->addWidget(m_input, 1, 0, 1, 5);
    grid->addWidget(m_preview, 2, 0, 1, 5);
    // One option per row: the panel shares a column with the connections and
    // must fit beside the log on a 1024-pixel screen, in Chinese too.
    grid->addWidget(m_format->modeLabel(), 3, 0);
    grid->addWidget(m_format->mode(), 3, 1);
    grid->addWidget(m_format->encodingLabel(), 4, 0);
    grid->addWidget(m_format->encoding(), 4, 1);
    grid->addWidget(m_format->lineEndingLabel(), 5, 0);
    grid->addWidget(m_format->lineEnding(), 5, 1);
    grid->addWidget(m_format->checksumLabel(), 6, 0);
    grid->addWidget(m_format->checksum(), 6, 1);
    grid->addWidget(m_sendButton, 6, 2, 1, 3, Qt::AlignRight);
    grid->addWidget(m_error, 7, 0, 1, 5);
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(4, 1);

    // The library outlives any session: it is read once and written on
    // every change.
    m_saved = new SavedMessageModel(this);
    m_saved->setStoragePath(SavedMessageModel::defaultStoragePath());
    m_saved->load();
    SendTools::Hooks hooks;
    hooks.current = [this](SavedMessage *message) {
        clearError();
        message->text = m_input->toPlainText();
        message->format = format();
        const PayloadCodec::ParseResult checked = format().encode(message->text);
        if (!checked.ok())
            showError(checked.error, checked.position);
        return checked.ok();
    };
    hooks.target = [this](SendTarget *target, QString *error) {
        return m_targets->resolve(target, error);
    };
    hooks.showError = [this](const QString &text) { showError(text); };
    m_tools = new SendTools(engine, m_saved, std::move(hooks), this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form, 1);
    layout->addWidget(m_hint);
    layout->addWidget(m_tools, 1);

    setTabOrder(m_target, m_address);
    setTabOrder(m_address, m_input);
    setTabOrder(m_input, m_format->mode());
    setTabOrder(m_format->mode(), m_format->encoding());
    setTabOrder(m_format->encoding(), m_format->lineEnding());
    setTabOrder(m_format->lineEnding(), m_format->checksum());
    setTabOrder(m_format->checksum(), m_sendButton);

    // Read before the signals are connected: restoring the address is no edit.
    m_address->setText(QSettings().value(SettingsGroup + u'/' + AddressKey).toString());
    retranslate();

    m_history = new SendHistory(m_input, m_format->mode(), this);
    m_targets = new SendTargets(engine, m_target, m_address, m_addressError, this);
    connect(m_targets, &SendTargets::changed, this, &SendPanel::updateSendEnabled);
    connect(m_target, &QComboBox::currentIndexChanged, this, &SendPanel::clearError);
    connect(m_address, &QLineEdit::textChanged, this, &SendPanel::clearError);

    connect(m_format, &SendFormatControls::modeChanged, this, [this] {
        updatePlaceholder();
        clearError();
    });
    connect(m_format, &SendFormatControls::encodingChanged, this, &SendPanel::clearError);
    connect(m_format, &SendFormatControls::changed, this, &SendPanel::updatePreview);
    connect(m_input, &QPlainTextEdit::textChanged, this, &SendPanel::clearError);
    connect(m_input, &QPlainTextEdit::textChanged, this, &SendPanel::updatePreview);
    connect(m_sendButton, &QPushButton::clicked, this, [this] { send(); });

    // Both Return keys: laptops have no keypad Enter, keypads send Key_Enter.
    for (const auto key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::CTRL | key), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, [this] { send(); });
    }

    connect(m_engine, &Engine::sessionChanged, this, [this](SessionId id) {
        if (id == m_session)
            updateSessionState();
    });
    connect(m_engine, &Engine::sessionRemoved, this, [this](SessionId id) {
        m_drafts.remove(id);
        if (id == m_session)
            setSession(0);
    });

    updateErrorColours();
    updateSessionState();
    updatePreview();
}

void SendPanel::retranslate()
{
    m_target->setAccessibleName(tr("Send to"));
    // The session editor has an "Address" too: this name says whose it is.
    m_address->setAccessibleName(tr("Send to address"));
    m_address->setPlaceholderText(tr("HOST:PORT"));
    m_input->setAccessibleName(tr("Message to send"));
    updatePlaceholder();
    // The button's only explicit keys are the panel's Ctrl+Enter shortcuts, which
    // setText() leaves alone; its Alt key follows the translated mnemonic.
    m_sendButton->setText(tr("&Send"));
    m_sendButton->setAccessibleName(tr("Send"));
    m_sendButton->setToolTip(tr("Send the message (Ctrl+Enter)"));
    m_targetLabel->setText(tr("Send &to:"));
    m_hint->setText(tr("Start a session to send."));
}

void SendPanel::updatePlaceholder()
{
    switch (format().mode) {
    case Mode::Text:
        m_input->setPlaceholderText(tr("Type a message…"));
        break;
    case Mode::Hex:
        m_input->setPlaceholderText(tr("Hex bytes, e.g. 48 65 6c 6c 6f"));
        break;
    case Mode::Escapes:
        m_input->setPlaceholderText(
            tr("Text with escapes and macros, e.g. Hello\\r\\n, \\x00\\xff or #{{counter}} "
               "at {{time}}"));
        break;
    }
    m_input->setToolTip(format().mode == Mode::Escapes ? SendPreview::macroHelp() : QString());
}

void SendPanel::setSession(SessionId session)
{
    if (session != m_session) {
        // Each session keeps what was typed for it: switching neither carries
        // text nor an error over to another session.
        if (m_session != 0)
            m_drafts.insert(m_session, {m_input->toPlainText(),
                                        m_error->isHidden() ? QString() : m_error->text()});
        const Draft draft = m_drafts.take(session);
        m_session = session;
        m_input->setPlainText(draft.text);
        clearError();
        if (!draft.error.isEmpty())
            showError(draft.error, -1);
    }
    updateSessionState();
}

void SendPanel::setSelectedConnection(ConnectionId connection)
{
    m_targets->setSelectedConnection(connection);
}

void SendPanel::updateSessionState()
{
    const Engine::SessionInfo info =
        m_session ? m_engine->session(m_session) : Engine::SessionInfo{};
    m_running = m_session != 0 && info.id == m_session && isSessionOpen(info.state);
    m_form->setEnabled(m_running);
    m_hint->setVisible(!m_running);
    m_targets->setSession(m_session, info);
    m_tools->setSession(m_session, info, m_running);
}

void SendPanel::updateSendEnabled()
{
    SendTarget target;
    QString error;
    m_sendButton->setEnabled(m_running && m_targets->resolve(&target, &error));
}

SendFormat SendPanel::format() const
{
    return m_format->format();
}

PayloadCodec::ParseResult SendPanel::prepare(SendTarget *target) const
{
    PayloadCodec::ParseResult result;
    if (!m_running) {
        result.error = tr("The session is not running: start it to send.");
        return result;
    }
    if (!m_targets->resolve(target, &result.error))
        return result;
    result = format().encode(m_input->toPlainText());
    if (result.ok() && result.bytes.isEmpty())
        result.error = tr("There is nothing to send: the input is empty.");
    return result;
}

bool SendPanel::send()
{
    clearError();
    SendTarget target;
    const PayloadCodec::ParseResult prepared = prepare(&target);
    if (!prepared.ok()) {
        showError(prepared.error, prepared.position);
        return false;
    }
    m_engine->send(m_session, target, prepared.bytes);
    if (target.kind == SendTarget::Kind::Address) {
        QSettings settings;
        settings.setValue(SettingsGroup + u'/' + AddressKey, m_address->text().trimmed());
    }
    m_history->remember(m_input->toPlainText());
    m_input->clear();
    return true;
}

void SendPanel::showError(const QString &text, qsizetype position)
{
    m_error->setText(text);
    m_error->show();
    if (position < 0 || position >= m_input->document()->characterCount() - 1)
        return;
    // Select the offending character so the person sees where to fix it.
    const QString input = m_input->toPlainText();
    const qsizetype length = input.at(position).isHighSurrogate() ? 2 : 1;
    QTextCursor cursor(m_input->document());
    cursor.setPosition(int(position));
    cursor.setPosition(int(position + length), QTextCursor::KeepAnchor);
    m_input->setTextCursor(cursor);
    m_input->setFocus();
}

void SendPanel::clearError()
{
    if (m_error->isHidden())
        return;
    m_error->clear();
    m_error->hide();
}

bool SendPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            modifiers == Qt::ControlModifier) {
            send();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SendPanel::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange: {
        retranslate();
        m_format->retranslate();
        m_targets->retranslate();
        m_tools->retranslate();
        m_preview->retranslate();
        // A shown error is rebuilt from what the target and the input are now.
        if (!m_error->isHidden()) {
            SendTarget target;
            const PayloadCodec::ParseResult prepared = prepare(&target);
            m_error->setText(prepared.error);
            m_error->setVisible(!prepared.ok());
        }
        break;
    }
    case QEvent::PaletteChange:
        updateErrorColours();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

void SendPanel::updatePreview()
{
    m_preview->showBytes(format(), m_input->toPlainText());
}

void SendPanel::updateErrorColours()
{
    for (QLabel *label : {m_error, m_addressError}) {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, FieldForm::errorColor(this->palette()));
        label->setPalette(palette);
    }
}
