#include "sendpanel.h"

#include "engine.h"
#include "hostport.h"
#include "icons.h"
#include "payloadcodec.h"
#include "trafficstore.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextLayout>
#include <QVBoxLayout>

namespace {

constexpr int HistoryLimit = 100;

const QString SettingsGroup = QStringLiteral("sendPanel");
const QString ModeKey = QStringLiteral("mode");
const QString EncodingKey = QStringLiteral("encoding");
const QString LineEndingKey = QStringLiteral("lineEnding");
const QString AddressKey = QStringLiteral("address");

// Stable, untranslated settings values, so a language switch keeps them.
const QStringList ModeNames = {QStringLiteral("text"), QStringLiteral("hex"),
                               QStringLiteral("escapes")};
const QStringList LineEndingNames = {QStringLiteral("none"), QStringLiteral("lf"),
                                     QStringLiteral("crlf")};

// A red that reads on both light and dark windows.
QColor errorColour(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x8a, 0x80)
                                                             : QColor(0xc6, 0x28, 0x28);
}

QTextLine cursorLine(const QTextCursor &cursor)
{
    const QTextLayout *layout = cursor.block().layout();
    if (!layout || layout->lineCount() == 0)
        return {};
    return layout->lineForTextPosition(cursor.positionInBlock());
}

// Like a shell, Up recalls history only from the first visual line and Down only
// from the last, so moving the cursor inside a multi-line message still works.
bool onFirstLine(const QPlainTextEdit *edit)
{
    const QTextCursor cursor = edit->textCursor();
    if (cursor.blockNumber() != 0)
        return false;
    const QTextLine line = cursorLine(cursor);
    return !line.isValid() || line.lineNumber() == 0;
}

bool onLastLine(const QPlainTextEdit *edit)
{
    const QTextCursor cursor = edit->textCursor();
    if (cursor.block() != edit->document()->lastBlock())
        return false;
    const QTextLine line = cursorLine(cursor);
    return !line.isValid() || line.lineNumber() == cursor.block().layout()->lineCount() - 1;
}

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
    , m_mode(new QComboBox(m_form))
    , m_encoding(new QComboBox(m_form))
    , m_lineEnding(new QComboBox(m_form))
    , m_sendButton(new QPushButton(Icons::icon(QStringLiteral("send")), tr("&Send"), m_form))
    , m_error(makeErrorLabel(QStringLiteral("sendError"), m_form))
    , m_hint(new QLabel(tr("Start a session to send."), this))
{
    setObjectName(QStringLiteral("sendPanel"));

    m_target->setObjectName(QStringLiteral("sendTarget"));
    m_target->setAccessibleName(tr("Send to"));
    // Long targets ("Selected connection (…)") elide instead of widening the
    // side column past what a 1024-pixel window can give it.
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(14);
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_mode->setMinimumContentsLength(8);
    m_address->setObjectName(QStringLiteral("sendAddress"));
    m_address->setAccessibleName(tr("Address"));
    m_address->setPlaceholderText(tr("HOST:PORT"));
    m_address->setClearButtonEnabled(true);
    m_address->hide();

    m_input->setObjectName(QStringLiteral("sendInput"));
    m_input->setAccessibleName(tr("Message to send"));
    m_input->setTabChangesFocus(true); // Tab moves on; a tab byte is "\t" in escapes mode
    m_input->setMinimumHeight(m_input->fontMetrics().lineSpacing() * 3);
    m_input->installEventFilter(this);

    m_mode->setObjectName(QStringLiteral("sendMode"));
    m_mode->setAccessibleName(tr("Mode"));
    m_mode->addItem(tr("Text"), int(Mode::Text));
    m_mode->addItem(tr("Hex"), int(Mode::Hex));
    m_mode->addItem(tr("Text with escapes"), int(Mode::Escapes));

    m_encoding->setObjectName(QStringLiteral("sendEncoding"));
    m_encoding->setAccessibleName(tr("Encoding"));
    for (const auto encoding : {PayloadCodec::Encoding::Utf8, PayloadCodec::Encoding::Gbk,
                                PayloadCodec::Encoding::Latin1})
        m_encoding->addItem(PayloadCodec::encodingName(encoding), int(encoding));

    m_lineEnding->setObjectName(QStringLiteral("sendLineEnding"));
    m_lineEnding->setAccessibleName(tr("Line ending"));
    m_lineEnding->addItem(tr("None"), int(LineEnding::None));
    m_lineEnding->addItem(tr("LF (\\n)"), int(LineEnding::Lf));
    m_lineEnding->addItem(tr("CRLF (\\r\\n)"), int(LineEnding::CrLf));

    m_sendButton->setObjectName(QStringLiteral("sendButton"));
    m_sendButton->setAccessibleName(tr("Send"));
    m_sendButton->setToolTip(tr("Send the message (Ctrl+Enter)"));
    m_sendButton->setDefault(false);
    m_sendButton->setAutoDefault(false);

    m_hint->setObjectName(QStringLiteral("sendHint"));
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setWordWrap(true);

    // One grid, so every label lines up in the first column. The options take two
    // rows: the panel often sits in a narrow side column, and Chinese labels are wider.
    auto *targetField = new QVBoxLayout;
    targetField->addWidget(m_target, 0, Qt::AlignLeft);
    targetField->addWidget(m_address);
    targetField->addWidget(m_addressError);
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *created = new QLabel(text, m_form);
        created->setBuddy(buddy);
        return created;
    };
    auto *grid = new QGridLayout(m_form);
    grid->setContentsMargins(0, 0, 0, 0);
    // The target field grows when the address row shows: keep the label by the combo.
    QLabel *targetLabel = label(tr("Send &to:"), m_target);
    targetLabel->setMinimumHeight(m_target->sizeHint().height());
    grid->addWidget(targetLabel, 0, 0, Qt::AlignTop);
    grid->addLayout(targetField, 0, 1, 1, 4);
    grid->addWidget(m_input, 1, 0, 1, 5);
    // One option per row: the panel shares a column with the connections and
    // must fit beside the log on a 1024-pixel screen, in Chinese too.
    grid->addWidget(label(tr("&Mode:"), m_mode), 2, 0);
    grid->addWidget(m_mode, 2, 1);
    grid->addWidget(label(tr("&Encoding:"), m_encoding), 3, 0);
    grid->addWidget(m_encoding, 3, 1);
    grid->addWidget(label(tr("&Line ending:"), m_lineEnding), 4, 0);
    grid->addWidget(m_lineEnding, 4, 1);
    grid->addWidget(m_sendButton, 4, 2, 1, 3, Qt::AlignRight);
    grid->addWidget(m_error, 5, 0, 1, 5);
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(4, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form, 1);
    layout->addWidget(m_hint);

    setTabOrder(m_target, m_address);
    setTabOrder(m_address, m_input);
    setTabOrder(m_input, m_mode);
    setTabOrder(m_mode, m_encoding);
    setTabOrder(m_encoding, m_lineEnding);
    setTabOrder(m_lineEnding, m_sendButton);

    // Settings are read before the signals are connected: restoring them is no edit.
    QSettings settings;
    settings.beginGroup(SettingsGroup);
    m_mode->setCurrentIndex(qMax(0, int(ModeNames.indexOf(settings.value(ModeKey).toString()))));
    PayloadCodec::Encoding encoding = PayloadCodec::Encoding::Utf8;
    PayloadCodec::encodingFromName(settings.value(EncodingKey).toString(), &encoding);
    m_encoding->setCurrentIndex(qMax(0, m_encoding->findData(int(encoding))));
    m_lineEnding->setCurrentIndex(
        qMax(0, int(LineEndingNames.indexOf(settings.value(LineEndingKey).toString()))));
    m_address->setText(settings.value(AddressKey).toString());
    settings.endGroup();

    const auto onModeChanged = [this] {
        const Mode m = mode();
        m_encoding->setEnabled(m != Mode::Hex);
        m_lineEnding->setEnabled(m != Mode::Hex);
        switch (m) {
        case Mode::Text:
            m_input->setPlaceholderText(tr("Type a message…"));
            break;
        case Mode::Hex:
            m_input->setPlaceholderText(tr("Hex bytes, e.g. 48 65 6c 6c 6f"));
            break;
        case Mode::Escapes:
            m_input->setPlaceholderText(tr("Text with escapes, e.g. Hello\\r\\n or \\x00\\xff"));
            break;
        }
    };
    onModeChanged();
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this, onModeChanged] {
        onModeChanged();
        clearError();
        saveSettings();
    });
    connect(m_encoding, &QComboBox::currentIndexChanged, this, [this] {
        clearError();
        saveSettings();
    });
    connect(m_lineEnding, &QComboBox::currentIndexChanged, this, [this] { saveSettings(); });
    connect(m_target, &QComboBox::activated, this, [this] { m_userChoseTarget = true; });
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        clearError();
        updateTargetWidgets();
    });
    connect(m_address, &QLineEdit::textChanged, this, [this] {
        clearError();
        validateAddress();
    });
    connect(m_input, &QPlainTextEdit::textChanged, this, &SendPanel::clearError);
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
        if (id == m_session)
            setSession(0);
    });

    updateErrorColours();
    updateSessionState();
}

void SendPanel::setSession(SessionId session)
{
    if (session != m_session)
        m_userChoseTarget = false;
    m_session = session;
    updateSessionState();
}

void SendPanel::setSelectedConnection(ConnectionId connection)
{
    m_selectedConnection = connection;
    rebuildTargets();
}

void SendPanel::updateSessionState()
{
    const Engine::SessionInfo info =
        m_session ? m_engine->session(m_session) : Engine::SessionInfo{};
    const bool exists = m_session != 0 && info.id == m_session;
    m_running = exists && isSessionOpen(info.state);
    m_kind = info.config.kind;
    m_hasPeer = exists && info.config.hasPeer();
    m_peerText =
        m_hasPeer ? HostPort::format(info.config.peerHost, info.config.peerPort) : QString();
    if (exists && m_kind == SessionConfig::Kind::TcpClient)
        m_peerText = HostPort::format(info.config.host, info.config.port);
    m_form->setEnabled(m_running);
    m_hint->setVisible(!m_running);
    rebuildTargets();
}

QString SendPanel::selectedConnectionPeer() const
{
    TrafficStore::ConnectionInfo info;
    if (m_selectedConnection == 0 || !m_engine->store()->connection(m_selectedConnection, &info) ||
        info.session != m_session)
        return {};
    const QString peer = m_engine->store()->addresses(info.addresses).peer;
    return peer.isEmpty() ? tr("#%1").arg(m_selectedConnection) : peer;
}

void SendPanel::rebuildTargets()
{
    const QVariant previous = m_target->currentData();
    const QString selectedPeer = selectedConnectionPeer();
    const bool hasSelection = !selectedPeer.isEmpty();

    QSignalBlocker blocker(m_target);
    m_target->clear();
    const auto add = [this](const QString &text, Target target, bool enabled = true) {
        m_target->addItem(text, int(target));
        if (!enabled) {
            auto *model = qobject_cast<QStandardItemModel *>(m_target->model());
            if (model)
                model->item(m_target->count() - 1)->setEnabled(false);
        }
    };
    Target preferred = Target::AllClients;
    if (m_session == 0) {
        add(tr("No session"), Target::Server, false);
    } else {
        switch (m_kind) {
        case SessionConfig::Kind::TcpServer:
            add(hasSelection ? tr("Selected connection (%1)").arg(selectedPeer)
                             : tr("Selected connection"),
                Target::SelectedConnection, hasSelection);
            add(tr("All clients"), Target::AllClients);
            preferred = hasSelection ? Target::SelectedConnection : Target::AllClients;
            break;
        case SessionConfig::Kind::TcpClient:
            add(m_peerText.isEmpty() ? tr("Server") : tr("Server (%1)").arg(m_peerText),
                Target::Server);
            preferred = Target::Server;
            break;
        case SessionConfig::Kind::Udp:
            if (m_hasPeer)
                add(tr("Peer (%1)").arg(m_peerText), Target::Peer);
            add(hasSelection ? tr("Selected peer (%1)").arg(selectedPeer) : tr("Selected peer"),
                Target::SelectedConnection, hasSelection);
            add(tr("Address…"), Target::Address);
            preferred = m_hasPeer      ? Target::Peer
                        : hasSelection ? Target::SelectedConnection
                                       : Target::Address;
            break;
        }
    }
    // Keep what the person picked; follow the preferred target until they pick.
    int index = m_userChoseTarget ? m_target->findData(previous) : -1;
    if (index < 0)
        index = m_target->findData(int(preferred));
    m_target->setCurrentIndex(qMax(0, index));
    blocker.unblock();
    updateTargetWidgets();
}

void SendPanel::updateTargetWidgets()
{
    const bool address = m_target->currentData().toInt() == int(Target::Address);
    m_address->setVisible(address);
    validateAddress();
}

void SendPanel::validateAddress()
{
    const bool address = m_target->currentData().toInt() == int(Target::Address);
    QString error;
    HostPort::Parsed parsed;
    // An empty field is not yet an error; send() says what is missing.
    if (address && !m_address->text().isEmpty())
        HostPort::parse(m_address->text().trimmed(), HostPort::HostRule::Required,
                        HostPort::PortRule::NonZero, &parsed, &error);
    m_addressError->setText(error);
    m_addressError->setVisible(!error.isEmpty());
    updateSendEnabled();
}

void SendPanel::updateSendEnabled()
{
    SendTarget target;
    QString error;
    m_sendButton->setEnabled(m_running && targetFor(&target, &error));
}

bool SendPanel::targetFor(SendTarget *target, QString *error) const
{
    if (m_session == 0) {
        *error = tr("No session is selected.");
        return false;
    }
    switch (Target(m_target->currentData().toInt())) {
    case Target::SelectedConnection:
        if (selectedConnectionPeer().isEmpty()) {
            *error = tr("No connection is selected: select one in the Connections view.");
            return false;
        }
        *target = SendTarget::toConnection(m_selectedConnection);
        return true;
    case Target::AllClients:
        *target = SendTarget::toAll();
        return true;
    case Target::Server:
    case Target::Peer:
        *target = SendTarget{};
        return true;
    case Target::Address: {
        HostPort::Parsed parsed;
        if (m_address->text().trimmed().isEmpty()) {
            *error = tr("Type the address to send to as HOST:PORT.");
            return false;
        }
        if (!HostPort::parse(m_address->text().trimmed(), HostPort::HostRule::Required,
                             HostPort::PortRule::NonZero, &parsed, error))
            return false;
        *target = SendTarget::toAddress(parsed.host, parsed.port);
        return true;
    }
    }
    return false;
}

SendPanel::Mode SendPanel::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

SendPanel::LineEnding SendPanel::lineEnding() const
{
    return LineEnding(m_lineEnding->currentData().toInt());
}

QByteArray SendPanel::encodeInput(const QString &text, QString *error, qsizetype *position) const
{
    const auto encoding = PayloadCodec::Encoding(m_encoding->currentData().toInt());
    QByteArray bytes;
    switch (mode()) {
    case Mode::Text:
        bytes = PayloadCodec::encode(text, encoding, error);
        if (!error->isEmpty()) {
            // The codec names the character; find it to put the cursor there.
            for (qsizetype i = 0; i < text.size(); ++i) {
                const qsizetype length = text.at(i).isHighSurrogate() ? 2 : 1;
                QString one;
                PayloadCodec::encode(QStringView(text).mid(i, length), encoding, &one);
                if (!one.isEmpty()) {
                    *position = i;
                    break;
                }
                i += length - 1;
            }
            return {};
        }
        break;
    case Mode::Hex: {
        // Hex is the exact bytes: no encoding and no line ending apply.
        const PayloadCodec::ParseResult result = PayloadCodec::parseHex(text);
        *error = result.error;
        *position = result.position;
        return result.bytes;
    }
    case Mode::Escapes: {
        const PayloadCodec::ParseResult result = PayloadCodec::parseEscaped(text, encoding);
        if (!result.ok()) {
            *error = result.error;
            *position = result.position;
            return {};
        }
        bytes = result.bytes;
        break;
    }
    }
    switch (lineEnding()) {
    case LineEnding::None:
        break;
    case LineEnding::Lf:
        bytes += '\n';
        break;
    case LineEnding::CrLf:
        bytes += "\r\n";
        break;
    }
    return bytes;
}

bool SendPanel::send()
{
    clearError();
    if (!m_running) {
        showError(tr("The session is not running: start it to send."));
        return false;
    }
    SendTarget target;
    QString error;
    if (!targetFor(&target, &error)) {
        showError(error);
        return false;
    }
    const QString text = m_input->toPlainText();
    qsizetype position = -1;
    const QByteArray bytes = encodeInput(text, &error, &position);
    if (!error.isEmpty()) {
        showError(error, position);
        return false;
    }
    if (bytes.isEmpty()) {
        showError(tr("There is nothing to send: the input is empty."));
        return false;
    }
    m_engine->send(m_session, target, bytes);
    if (target.kind == SendTarget::Kind::Address) {
        QSettings settings;
        settings.setValue(SettingsGroup + u'/' + AddressKey, m_address->text().trimmed());
    }
    remember(text);
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

void SendPanel::remember(const QString &text)
{
    const HistoryEntry entry{text, mode()};
    if (m_history.isEmpty() || m_history.constLast().text != entry.text ||
        m_history.constLast().mode != entry.mode)
        m_history.append(entry);
    while (m_history.size() > HistoryLimit)
        m_history.removeFirst();
    m_historyIndex = -1;
    m_draft.clear();
}

bool SendPanel::recall(int step)
{
    if (m_history.isEmpty())
        return false;
    int index = m_historyIndex;
    if (step < 0) {
        if (index == -1) {
            m_draft = m_input->toPlainText();
            index = int(m_history.size()) - 1;
        } else if (index > 0) {
            --index;
        } else {
            return true; // the oldest entry: stay there
        }
    } else {
        if (index == -1)
            return false;
        index = index + 1 < m_history.size() ? index + 1 : -1;
    }
    m_historyIndex = index;
    if (index == -1) {
        m_input->setPlainText(m_draft);
    } else {
        // An entry is resent as it was: "48 65" means bytes only in hex mode.
        const HistoryEntry &entry = m_history.at(index);
        m_mode->setCurrentIndex(m_mode->findData(int(entry.mode)));
        m_input->setPlainText(entry.text);
    }
    m_input->moveCursor(QTextCursor::End);
    return true;
}

void SendPanel::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(SettingsGroup);
    settings.setValue(ModeKey, ModeNames.value(m_mode->currentIndex()));
    settings.setValue(EncodingKey, PayloadCodec::encodingName(
                                       PayloadCodec::Encoding(m_encoding->currentData().toInt())));
    settings.setValue(LineEndingKey, LineEndingNames.value(m_lineEnding->currentIndex()));
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
        if (modifiers == Qt::NoModifier) {
            if (key->key() == Qt::Key_Up && onFirstLine(m_input))
                return recall(-1);
            if (key->key() == Qt::Key_Down && onLastLine(m_input))
                return recall(+1);
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SendPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateErrorColours();
    QWidget::changeEvent(event);
}

void SendPanel::updateErrorColours()
{
    for (QLabel *label : {m_error, m_addressError}) {
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, errorColour(this->palette()));
        label->setPalette(palette);
    }
}
