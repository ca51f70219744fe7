#include "multicastrows.h"

#include "sessionconfig.h"
#include "sessionkind.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

MulticastRows::MulticastRows(FieldForm &form, QWidget *owner)
    : QObject(owner)
{
    m_broadcast = form.add<QCheckBox>(QStringLiteral("broadcastCheck"), &m_broadcastRow);
    m_groups = form.add<QLineEdit>(QStringLiteral("multicastGroupsEdit"), &m_groupsRow,
                                   QStringLiteral("multicastGroupsError"));
    m_interface = form.add<QComboBox>(QStringLiteral("multicastInterfaceCombo"), &m_interfaceRow,
                                      QStringLiteral("multicastInterfaceError"));
    // The host's interfaces to pick from, and any name typed (one that appears
    // later, such as a VPN's).
    m_interface->setEditable(true);
    m_interface->setInsertPolicy(QComboBox::NoInsert);
    m_ttl = form.add<QSpinBox>(QStringLiteral("ttlSpin"), &m_ttlRow);
    m_ttl->setRange(-1, 255); // -1: the system's default, shown as a word
    m_loop = form.add<QComboBox>(QStringLiteral("multicastLoopCombo"), &m_loopRow);
    for (const auto loop : {MulticastSettings::Loop::Default, MulticastSettings::Loop::On,
                            MulticastSettings::Loop::Off})
        m_loop->addItem(QString(), int(loop));
    fillInterfaces(QString());

    connect(m_broadcast, &QCheckBox::toggled, this, &MulticastRows::edited);
    connect(m_broadcast, &QCheckBox::clicked, this, &MulticastRows::editingFinished);
    connect(m_groups, &QLineEdit::textChanged, this, &MulticastRows::edited);
    connect(m_groups, &QLineEdit::editingFinished, this, &MulticastRows::editingFinished);
    connect(m_interface, &QComboBox::currentTextChanged, this, &MulticastRows::edited);
    connect(m_interface->lineEdit(), &QLineEdit::editingFinished, this,
            &MulticastRows::editingFinished);
    connect(m_interface, &QComboBox::activated, this, &MulticastRows::editingFinished);
    connect(m_ttl, &QSpinBox::valueChanged, this, &MulticastRows::edited);
    connect(m_ttl, &QSpinBox::editingFinished, this, &MulticastRows::editingFinished);
    connect(m_loop, &QComboBox::currentIndexChanged, this, &MulticastRows::edited);
    connect(m_loop, &QComboBox::activated, this, &MulticastRows::editingFinished);
}

void MulticastRows::fillInterfaces(const QString &current)
{
    const QSignalBlocker blocker(m_interface);
    m_interface->clear();
    m_interface->addItem(QString());
    m_interface->addItems(MulticastSettings::interfaceNames());
    m_interface->setEditText(current);
}

void MulticastRows::retranslate()
{
    FieldForm::setLabel(m_broadcastRow, m_broadcast, tr("Broadcast"));
    // The socket option's own name, short enough to stay beside its label (as
    // SOCK_SEQPACKET does); the tooltip says what it does.
    m_broadcast->setText(QStringLiteral("SO_BROADCAST"));
    m_broadcast->setToolTip(tr("Allows sending to broadcast addresses: 255.255.255.255 or a "
                               "network's, such as 192.168.1.255."));
    FieldForm::setLabel(m_groupsRow, m_groups, tr("Multicast groups"));
    m_groups->setPlaceholderText(tr("239.1.2.3, ff12::1234 or 232.1.2.3@SOURCE"));
    m_groups->setToolTip(tr("Groups to join while the session runs, separated by commas; they "
                            "are left when it stops. GROUP@SOURCE hears only that sender "
                            "(source-specific). Bind 0.0.0.0 for IPv4 groups, :: for IPv6."));
    FieldForm::setLabel(m_interfaceRow, m_interface, tr("Interface"));
    m_interface->lineEdit()->setPlaceholderText(tr("Chosen by the routes"));
    m_interface->setToolTip(tr("The network interface the groups are joined on and multicast "
                               "is sent through, by name (eth0, lo, ...)."));
    FieldForm::setLabel(m_ttlRow, m_ttl, tr("TTL / hop limit"));
    m_ttl->setSpecialValueText(tr("Default"));
    m_ttl->setToolTip(tr("How many routers a datagram may cross (IPv6: the hop limit). 0 keeps "
                         "multicast on this host, 1 on the local network."));
    FieldForm::setLabel(m_loopRow, m_loop, tr("Multicast loopback"));
    m_loop->setItemText(0, tr("Default (on)"));
    m_loop->setItemText(1, tr("On"));
    m_loop->setItemText(2, tr("Off"));
    m_loop->setToolTip(tr("Whether multicast sent from here is also delivered to this host's "
                          "own members of the group."));
}

void MulticastRows::setSettings(const MulticastSettings &settings)
{
    m_broadcast->setChecked(settings.broadcast);
    m_groups->setText(settings.joins.join(QStringLiteral(", ")));
    fillInterfaces(settings.interfaceName);
    m_ttl->setValue(settings.ttl);
    m_loop->setCurrentIndex(qMax(0, m_loop->findData(int(settings.loop))));
}

void MulticastRows::apply(MulticastSettings *settings) const
{
    *settings = MulticastSettings();
    settings->broadcast = m_broadcast->isChecked();
    for (const QString &item : MulticastSettings::splitJoins(m_groups->text())) {
        MulticastSettings::Join join;
        QString error;
        settings->joins << (MulticastSettings::parseJoin(item, &join, &error) ? join.text() : item);
    }
    settings->interfaceName = m_interface->currentText().trimmed();
    settings->ttl = m_ttl->value();
    settings->loop = MulticastSettings::Loop(m_loop->currentData().toInt());
}

void MulticastRows::updateRows(QFormLayout *layout, const SessionConfig &shown) const
{
    using F = SessionKind::Field;
    const std::pair<const FieldForm::Row &, F> rows[] = {{m_broadcastRow, F::Broadcast},
                                                         {m_groupsRow, F::MulticastJoin},
                                                         {m_interfaceRow, F::MulticastInterface},
                                                         {m_ttlRow, F::MulticastTtl},
                                                         {m_loopRow, F::MulticastLoop}};
    for (const auto &[row, field] : rows)
        FieldForm::setRowVisible(layout, row, SessionKind::applies(shown, field));
}

bool MulticastRows::validate(const SessionConfig &shown)
{
    if (!SessionKind::has(shown.kind, SessionKind::Field::MulticastJoin)) {
        FieldForm::showError(m_groupsRow, m_groups, QString());
        FieldForm::showError(m_interfaceRow, m_interface, QString());
        return true;
    }
    QString groups = MulticastSettings::checkJoins(m_groups->text());
    // A group of the wrong IP version for the bound address, and the like.
    if (groups.isEmpty())
        groups = MulticastSettings::validate(shown);
    QString interface;
    const QString name = m_interface->currentText().trimmed();
    if (!name.isEmpty())
        MulticastSettings::interfaceIndex(name, &interface);
    FieldForm::showError(m_groupsRow, m_groups, groups);
    FieldForm::showError(m_interfaceRow, m_interface, interface);
    return groups.isEmpty() && interface.isEmpty();
}

void MulticastRows::setLocked(bool locked)
{
    m_groups->setReadOnly(locked);
    m_ttl->setReadOnly(locked);
    for (QWidget *field : {static_cast<QWidget *>(m_broadcast), static_cast<QWidget *>(m_interface),
                           static_cast<QWidget *>(m_loop)})
        field->setEnabled(!locked);
}

QList<QWidget *> MulticastRows::inputs() const
{
    return {m_broadcast, m_groups, m_interface, m_ttl, m_loop};
}
