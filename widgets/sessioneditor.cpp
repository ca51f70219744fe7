#include "sessioneditor.h"

#include "fieldform.h"
#include "hostport.h"
#include "multicastrows.h"
#include "secondsspinbox.h"
#include "sessionkind.h"
#include "tlsrows.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

SessionEditor::SessionEditor(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("sessionEditor"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    m_lockedNote = new QLabel(this);
    m_lockedNote->setObjectName(QStringLiteral("lockedNote"));
    m_lockedNote->setWordWrap(true);
    m_lockedNote->setForegroundRole(QPalette::PlaceholderText);
    m_lockedNote->hide();
    outer->addWidget(m_lockedNote);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // A narrow side panel (or a wide translation) puts the field under its label
    // rather than squeezing it.
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    outer->addLayout(m_form);
    FieldForm form(this, m_form);

    m_name = form.add<QLineEdit>(QStringLiteral("nameEdit"), &m_nameRow);
    m_type = new QLabel(this);
    m_type->setObjectName(QStringLiteral("typeLabel"));
    m_type->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_type->setWordWrap(true);
    m_typeRow = form.addRow(m_type);
    m_address = form.add<QLineEdit>(QStringLiteral("addressEdit"), &m_addressRow,
                                    QStringLiteral("addressError"));
    m_port =
        form.add<QLineEdit>(QStringLiteral("portEdit"), &m_portRow, QStringLiteral("portError"));
    m_path =
        form.add<QLineEdit>(QStringLiteral("pathEdit"), &m_pathRow, QStringLiteral("pathError"));
    m_seqpacket = form.add<QCheckBox>(QStringLiteral("seqpacketCheck"), &m_seqpacketRow);
    m_peer =
        form.add<QLineEdit>(QStringLiteral("peerEdit"), &m_peerRow, QStringLiteral("peerError"));

    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("protocolCombo"));
    m_protocolRow = form.addRow(m_protocol);

    m_greeting = form.add<QLineEdit>(QStringLiteral("greetingEdit"), &m_greetingRow);
    m_reply = form.add<QLineEdit>(QStringLiteral("replyEdit"), &m_replyRow);
    m_exitWord = form.add<QLineEdit>(QStringLiteral("exitWordEdit"), &m_exitWordRow);
    m_endWord = form.add<QLineEdit>(QStringLiteral("endWordEdit"), &m_endWordRow);

    m_framing = new QComboBox(this);
    m_framing->setObjectName(QStringLiteral("framingCombo"));
    m_framing->addItem(QString(), int(SessionConfig::Framing::PerRead));
    m_framing->addItem(QString(), int(SessionConfig::Framing::Lines));
    m_framingRow = form.addRow(m_framing);

    m_maxLine = spinBox(form.add<QSpinBox>(QStringLiteral("maxLineSpin"), &m_maxLineRow), 1,
                        64 * 1024 * 1024);
    m_maxClients =
        spinBox(form.add<QSpinBox>(QStringLiteral("maxClientsSpin"), &m_maxClientsRow), 1, 1000000);
    m_idleTimeout = form.add<SecondsSpinBox>(QStringLiteral("idleTimeoutSpin"), &m_idleTimeoutRow);
    m_idleTimeout->setRange(0, 86400 * 365);
    m_connectTimeout = spinBox(
        form.add<QSpinBox>(QStringLiteral("connectTimeoutSpin"), &m_connectTimeoutRow), 1, 86400);
    m_tls = new TlsRows(form, this);
    m_multicast = new MulticastRows(form, this);

    // Problems that belong to no single field (normally unreachable through the form).
    m_configError = new QLabel(this);
    m_configError->setObjectName(QStringLiteral("configError"));
    FieldForm::markAsError(m_configError);
    m_configError->setWordWrap(true);
    m_configError->hide();
    outer->addWidget(m_configError);
    outer->addStretch(1);

    m_inputs = {m_name,     m_address,    m_port,        m_path,          m_seqpacket, m_peer,
                m_protocol, m_greeting,   m_reply,       m_exitWord,      m_endWord,   m_framing,
                m_maxLine,  m_maxClients, m_idleTimeout, m_connectTimeout};
    m_inputs += m_tls->inputs();
    m_inputs += m_multicast->inputs();
    connect(m_multicast, &MulticastRows::edited, this, &SessionEditor::onEdited);
    connect(m_tls, &TlsRows::edited, this, &SessionEditor::onEdited);
    for (QLineEdit *edit :
         {m_name, m_address, m_port, m_path, m_peer, m_greeting, m_reply, m_exitWord, m_endWord})
        connect(edit, &QLineEdit::textChanged, this, &SessionEditor::onEdited);
    connect(m_seqpacket, &QCheckBox::toggled, this, &SessionEditor::onEdited);
    for (QSpinBox *spin : {m_maxLine, m_maxClients, m_connectTimeout})
        connect(spin, &QSpinBox::valueChanged, this, &SessionEditor::onEdited);
    connect(m_idleTimeout, &QDoubleSpinBox::valueChanged, this, &SessionEditor::onEdited);
    for (QComboBox *combo : {m_protocol, m_framing})
        connect(combo, &QComboBox::currentIndexChanged, this, &SessionEditor::onEdited);

    const auto finished = [this] {
        if (!m_filling && !m_locked)
            Q_EMIT editingFinished();
    };
    for (QLineEdit *edit :
         {m_name, m_address, m_port, m_path, m_peer, m_greeting, m_reply, m_exitWord, m_endWord})
        connect(edit, &QLineEdit::editingFinished, this, finished);
    connect(m_seqpacket, &QCheckBox::clicked, this, finished);
    for (QAbstractSpinBox *spin : spinBoxes())
        connect(spin, &QAbstractSpinBox::editingFinished, this, finished);
    for (QComboBox *combo : {m_protocol, m_framing})
        connect(combo, &QComboBox::activated, this, finished);
    connect(m_tls, &TlsRows::editingFinished, this, finished);
    connect(m_multicast, &MulticastRows::editingFinished, this, finished);

    retranslate();
    FieldForm::applyErrorColor(this);
    setConfig(SessionConfig());
}

SessionEditor::~SessionEditor()
{
    // Closing the window moves the focus out of a field, which reports a
    // finished edit; the fields outlive this destructor and must not call back.
    for (QWidget *field : std::as_const(m_inputs))
        field->disconnect(this);
}

QList<QAbstractSpinBox *> SessionEditor::spinBoxes() const
{
    return {m_maxLine, m_maxClients, m_idleTimeout, m_connectTimeout};
}

QSpinBox *SessionEditor::spinBox(QSpinBox *spin, int min, int max)
{
    spin->setRange(min, max);
    spin->setGroupSeparatorShown(true);
    return spin;
}

void SessionEditor::retranslate()
{
    m_lockedNote->setText(tr("Stop the session to change its settings."));
    FieldForm::setLabel(m_nameRow, m_name, tr("Name"));
    FieldForm::setLabel(m_typeRow, m_type, tr("Type"));
    FieldForm::setLabel(m_addressRow, m_address, tr("Address"));
    FieldForm::setLabel(m_portRow, m_port, tr("Port"));
    FieldForm::setLabel(m_pathRow, m_path, tr("Path"));
    FieldForm::setLabel(m_seqpacketRow, m_seqpacket, tr("Packets"));
    // The socket type's own name, short enough to stay beside its label.
    m_seqpacket->setText(QStringLiteral("SOCK_SEQPACKET"));
    m_seqpacket->setToolTip(tr("Each message is read whole, as it was sent, rather than as a "
                               "byte stream. Both sides must use it."));
    FieldForm::setLabel(m_peerRow, m_peer, tr("Peer"));
    FieldForm::setLabel(m_protocolRow, m_protocol, tr("Protocol"));
    FieldForm::setLabel(m_greetingRow, m_greeting, tr("Greeting"));
    FieldForm::setLabel(m_replyRow, m_reply, tr("Reply template"));
    FieldForm::setLabel(m_exitWordRow, m_exitWord, tr("Exit word"));
    FieldForm::setLabel(m_endWordRow, m_endWord, tr("End word"));
    FieldForm::setLabel(m_framingRow, m_framing, tr("Framing"));
    FieldForm::setLabel(m_maxLineRow, m_maxLine, tr("Max line length"));
    FieldForm::setLabel(m_maxClientsRow, m_maxClients, tr("Max clients"));
    FieldForm::setLabel(m_idleTimeoutRow, m_idleTimeout, tr("Idle timeout"));
    FieldForm::setLabel(m_connectTimeoutRow, m_connectTimeout, tr("Connect timeout"));

    m_greeting->setToolTip(tr("Sent to each client as soon as it connects."));
    m_reply->setToolTip(tr("%s is replaced by the message."));
    m_exitWord->setToolTip(tr("A client that sends this word is disconnected."));
    m_endWord->setToolTip(
        tr("Sending or receiving this word ends the chat. Empty: the chat never ends by itself."));
    m_framing->setToolTip(tr("Per read: each chunk received is one message, as in the tutorial. "
                             "Lines: each line is one message."));
    m_framing->setItemText(0, tr("Per read"));
    m_framing->setItemText(1, tr("Lines"));
    m_maxLine->setToolTip(tr("A longer line is answered in pieces of this size."));
    //: Unit after a number of bytes in a spin box, with its leading space.
    m_maxLine->setSuffix(tr(" bytes"));
    m_maxClients->setToolTip(tr("Further clients are turned away while this many are connected."));
    m_idleTimeout->setToolTip(tr("Closes a connection that stays silent this long."));
    m_idleTimeout->setSpecialValueText(tr("Off"));
    //: Unit after a number of seconds in a spin box, with its leading space.
    m_idleTimeout->setSuffix(tr(" s"));
    m_connectTimeout->setToolTip(tr("Gives up when the server does not answer within this time."));
    m_connectTimeout->setSuffix(tr(" s"));
    m_tls->retranslate();
    m_multicast->retranslate();
    fillProtocols();
    updatePlaceholders();
}

void SessionEditor::fillProtocols()
{
    using P = SessionConfig::Protocol;
    const bool wasFilling = m_filling;
    m_filling = true;
    const int current =
        m_protocol->count() > 0 ? m_protocol->currentData().toInt() : int(m_config.protocol);
    m_protocol->clear();
    auto add = [this](P protocol, const QString &text, const QString &tip) {
        m_protocol->addItem(text, int(protocol));
        m_protocol->setItemData(m_protocol->count() - 1, tip, Qt::ToolTipRole);
    };
    const bool datagrams = SessionKind::isDatagram(m_config.kind);
    for (const SessionKind::ProtocolEntry &entry : SessionKind::of(m_config.kind).protocols) {
        switch (entry.protocol) {
        case P::Hello:
            add(P::Hello, tr("Hello"),
                datagrams ? tr("Answers every datagram with the reply template.")
                          : tr("Greets each client, answers every message with the reply "
                               "template and disconnects on the exit word."));
            break;
        case P::Chat:
            add(P::Chat, tr("Chat"), tr("Talks with the peer; the end word ends the chat."));
            break;
        case P::None:
            add(P::None, tr("None"), tr("Only records the traffic: you send by hand."));
            break;
        }
    }
    m_protocol->setCurrentIndex(qMax(0, m_protocol->findData(current)));
    m_filling = wasFilling;
}

SessionConfig::Protocol SessionEditor::currentProtocol() const
{
    return SessionConfig::Protocol(m_protocol->currentData().toInt());
}

namespace {

// "[::1]" as typed in an address field means the address ::1.
QString hostOf(const QLineEdit *edit)
{
    const QString host = edit->text().trimmed();
    if (host.size() > 2 && host.startsWith(u'[') && host.endsWith(u']'))
        return host.mid(1, host.size() - 2);
    return host;
}

} // namespace

void SessionEditor::setConfig(const SessionConfig &config)
{
    m_filling = true;
    m_config = config;
    m_protocol->clear();
    fillProtocols();
    m_protocol->setCurrentIndex(qMax(0, m_protocol->findData(int(config.protocol))));
    m_name->setText(config.name);
    m_address->setText(config.host);
    m_port->setText(QString::number(config.port));
    m_path->setText(config.path);
    m_seqpacket->setChecked(config.seqpacket);
    m_peer->setText(SessionKind::usesPath(config.kind) ? config.peerPath
                    : config.peerHost.isEmpty()
                        ? QString()
                        : HostPort::format(config.peerHost, config.peerPort));
    m_greeting->setText(QString::fromUtf8(config.greeting));
    m_reply->setText(QString::fromUtf8(config.replyTemplate));
    m_exitWord->setText(QString::fromUtf8(config.exitWord));
    m_endWord->setText(QString::fromUtf8(config.endWord));
    m_framing->setCurrentIndex(qMax(0, m_framing->findData(int(config.framing))));
    m_maxLine->setValue(config.maxLineLength);
    m_maxClients->setValue(config.maxClients);
    m_idleTimeout->setMilliseconds(config.idleTimeoutMs);
    m_connectTimeout->setValue(config.connectTimeoutSeconds);
    m_tls->setSettings(config.tls);
    m_multicast->setSettings(config.multicast);
    m_filling = false;
    updateRows();
    updatePlaceholders();
    m_valid = validate();
}

SessionConfig SessionEditor::config() const
{
    SessionConfig c = m_config;
    c.name = m_name->text().trimmed();
    c.host = hostOf(m_address);
    const bool client = SessionKind::isClient(c.kind);
    QString error;
    quint16 port = 0;
    if (HostPort::parsePort(m_port->text(),
                            client ? HostPort::PortRule::NonZero : HostPort::PortRule::AllowZero,
                            &port, &error))
        c.port = port;
    c.path = m_path->text().trimmed();
    c.seqpacket = m_seqpacket->isChecked();
    if (SessionKind::usesPath(c.kind)) {
        if (SessionKind::has(c.kind, SessionKind::Field::Peer))
            c.peerPath = m_peer->text().trimmed();
    } else if (SessionKind::has(c.kind, SessionKind::Field::Peer)) {
        const QString peer = m_peer->text().trimmed();
        HostPort::Parsed parsed;
        if (peer.isEmpty()) {
            c.peerHost.clear();
            c.peerPort = 0;
        } else if (HostPort::parse(peer, HostPort::HostRule::Required, HostPort::PortRule::NonZero,
                                   &parsed, &error)) {
            c.peerHost = parsed.host;
            c.peerPort = parsed.port;
        }
    }
    c.protocol = currentProtocol();
    c.greeting = m_greeting->text().toUtf8();
    c.replyTemplate = m_reply->text().toUtf8();
    c.exitWord = m_exitWord->text().toUtf8();
    c.endWord = m_endWord->text().toUtf8();
    c.framing = SessionConfig::Framing(m_framing->currentData().toInt());
    c.maxLineLength = m_maxLine->value();
    c.maxClients = m_maxClients->value();
    c.idleTimeoutMs = m_idleTimeout->milliseconds();
    c.connectTimeoutSeconds = m_connectTimeout->value();
    m_tls->apply(&c.tls);
    if (SessionKind::has(c.kind, SessionKind::Field::MulticastJoin))
        m_multicast->apply(&c.multicast);
    return c;
}

bool SessionEditor::isValid() const
{
    return m_valid;
}

void SessionEditor::setLocked(bool locked, const QString &runningName)
{
    m_locked = locked;
    m_runningName = locked ? runningName : QString();
    for (QLineEdit *edit :
         {m_name, m_address, m_port, m_path, m_peer, m_greeting, m_reply, m_exitWord, m_endWord})
        edit->setReadOnly(locked);
    m_seqpacket->setEnabled(!locked);
    for (QAbstractSpinBox *spin : spinBoxes())
        spin->setReadOnly(locked);
    for (QComboBox *combo : {m_protocol, m_framing})
        combo->setEnabled(!locked);
    m_tls->setLocked(locked);
    m_multicast->setLocked(locked);
    m_lockedNote->setVisible(locked);
    applyLockedLook();
    updatePlaceholders();
}

void SessionEditor::applyLockedLook()
{
    // Read-only fields look like editable ones; the window colour behind
    // their text says "look, don't type" in any palette.
    for (QWidget *field : std::as_const(m_inputs)) {
        if (qobject_cast<QComboBox *>(field))
            continue; // disabled when locked: already looks it
        if (!m_locked && FieldForm::isInvalid(field))
            continue;  // keeps its error tint
        QPalette look; // nothing set: follows the window's palette
        if (m_locked)
            look.setColor(QPalette::Base, palette().color(QPalette::Window));
        field->setPalette(look);
    }
}

void SessionEditor::onEdited()
{
    if (m_filling)
        return;
    updateRows();
    updatePlaceholders();
    m_valid = validate();
    Q_EMIT edited(m_valid);
}

void SessionEditor::updateRows()
{
    using F = SessionKind::Field;
    SessionConfig shown = m_config;
    shown.protocol = currentProtocol();
    shown.framing = SessionConfig::Framing(m_framing->currentData().toInt());
    // Which rows a kind has, and when, is the kind's definition; a kind that
    // offers one protocol has nothing to choose.
    const bool choice = SessionKind::of(shown.kind).protocols.size() > 1;
    const std::pair<const Row &, F> rows[] = {{m_addressRow, F::Address},
                                              {m_portRow, F::Port},
                                              {m_pathRow, F::Path},
                                              {m_seqpacketRow, F::SeqPacket},
                                              {m_peerRow, F::Peer},
                                              {m_greetingRow, F::Greeting},
                                              {m_replyRow, F::Reply},
                                              {m_exitWordRow, F::ExitWord},
                                              {m_endWordRow, F::EndWord},
                                              {m_framingRow, F::Framing},
                                              {m_maxLineRow, F::MaxLine},
                                              {m_maxClientsRow, F::MaxClients},
                                              {m_idleTimeoutRow, F::IdleTimeout},
                                              {m_connectTimeoutRow, F::ConnectTimeout}};
    for (const auto &[row, field] : rows)
        FieldForm::setRowVisible(m_form, row, SessionKind::applies(shown, field));
    FieldForm::setRowVisible(m_form, m_protocolRow,
                             choice && SessionKind::applies(shown, F::Protocol));
    shown.tls.enabled = m_tls->isEnabled();
    m_tls->updateRows(m_form, shown);
    m_multicast->updateRows(m_form, shown);

    // The summary names the groups a multicast session joins.
    const QString type = SessionKind::typeName(shown.kind, shown.protocol);
    MulticastSettings multicast;
    if (SessionKind::has(shown.kind, F::MulticastJoin))
        m_multicast->apply(&multicast);
    const QString groups = MulticastSettings::groupsText(multicast);
    //: The session's type and the multicast groups it joins: "UDP, joins 239.1.2.3 on eth0".
    m_type->setText(groups.isEmpty() ? type : tr("%1, joins %2").arg(type, groups));
    m_protocol->setToolTip(m_protocol->currentData(Qt::ToolTipRole).toString());
}

void SessionEditor::updatePlaceholders()
{
    SessionConfig c = config();
    c.name.clear();
    m_name->setPlaceholderText(m_runningName.isEmpty() ? c.displayName() : m_runningName);
    if (SessionKind::isClient(c.kind)) {
        m_address->setPlaceholderText(tr("Host name or address"));
        m_address->setToolTip(tr("The server to connect to: a name such as localhost or an "
                                 "address such as 127.0.0.1."));
        m_port->setPlaceholderText(tr("1 to 65535"));
        m_port->setToolTip(tr("The server's port."));
    } else {
        m_address->setPlaceholderText(tr("127.0.0.1, 0.0.0.0 or ::"));
        m_address->setToolTip(tr("The local address to listen on: 127.0.0.1 for this machine "
                                 "only, 0.0.0.0 or :: for every network interface."));
        m_port->setPlaceholderText(tr("0 to 65535"));
        m_port->setToolTip(tr("Port 0 picks a free port; the list shows which one."));
    }
    m_path->setPlaceholderText(tr("/run/user/1000/app.sock or @name"));
    m_path->setToolTip(
        SessionKind::isClient(c.kind)
            ? tr("The server's socket file, or @NAME for a Linux abstract name.")
            : tr("The socket file to make (one left by a process that has gone is replaced), "
                 "or @NAME for a Linux abstract name, which leaves no file."));
    // A relay's peer is the server each client is connected on to.
    FieldForm::setLabel(m_peerRow, m_peer,
                        SessionKind::hasTarget(c.kind) ? tr("Target") : tr("Peer"));
    if (SessionKind::hasTarget(c.kind)) {
        m_peer->setPlaceholderText(tr("HOST:PORT of the server, as in 127.0.0.1:8000"));
        m_peer->setToolTip(tr("Each client is connected on to this server; both directions are "
                              "forwarded and recorded."));
    } else if (SessionKind::usesPath(c.kind)) {
        m_peer->setPlaceholderText(c.protocol == SessionConfig::Protocol::Chat
                                       ? tr("The other side's socket path")
                                       : tr("Optional socket path"));
        m_peer->setToolTip(tr("Where sends go by default; it must be bound to a path (or "
                              "@NAME) to be reached."));
    } else if (c.protocol == SessionConfig::Protocol::Chat) {
        m_peer->setPlaceholderText(tr("HOST:PORT, as in 127.0.0.1:8889"));
        m_peer->setToolTip(tr("The other side of the chat."));
    } else {
        m_peer->setPlaceholderText(tr("Optional HOST:PORT"));
        m_peer->setToolTip(tr("Where sends go by default; replies always go to the sender."));
    }
}

bool SessionEditor::validate()
{
    // A Unix kind's address is its path, and it has no port.
    const bool paths = SessionKind::usesPath(m_config.kind);
    const SessionConfig::TypedErrors errors = SessionConfig::checkTyped(
        m_config.kind, currentProtocol(), paths ? m_path->text() : hostOf(m_address),
        m_port->text(), m_peer->text());
    FieldForm::showError(m_pathRow, m_path, paths ? errors.address : QString());
    FieldForm::showError(m_addressRow, m_address, paths ? QString() : errors.address);
    FieldForm::showError(m_portRow, m_port, errors.port);
    FieldForm::showError(m_peerRow, m_peer, errors.peer);
    const SessionConfig current = config();
    // The multicast rows show their own problems (a group of the wrong IP
    // version for the address, say) under their fields.
    const bool multicastOk = m_multicast->validate(current);
    const QString configError = errors.any() || !multicastOk ? QString() : current.validate();
    m_configError->setText(configError);
    m_configError->setVisible(!configError.isEmpty());
    return !errors.any() && multicastOk && configError.isEmpty();
}

void SessionEditor::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::LanguageChange:
        retranslate();
        updateRows();
        m_valid = validate();
        break;
    case QEvent::PaletteChange:
        FieldForm::applyErrorColor(this);
        applyLockedLook();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}
