#include "sendtargets.h"

#include "hostport.h"
#include "sessionkind.h"
#include "trafficstore.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStandardItemModel>

SendTargets::SendTargets(Engine *engine, QComboBox *combo, QLineEdit *address, QLabel *addressError,
                         QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_combo(combo)
    , m_address(address)
    , m_addressError(addressError)
{
    connect(m_combo, &QComboBox::activated, this, [this] { m_userChoseTarget = true; });
    connect(m_combo, &QComboBox::currentIndexChanged, this, &SendTargets::updateAddress);
    connect(m_address, &QLineEdit::textChanged, this, &SendTargets::updateAddress);
}

void SendTargets::setSession(SessionId session, const Engine::SessionInfo &info)
{
    if (session != m_session)
        m_userChoseTarget = false;
    m_session = session;
    const bool exists = session != 0 && info.id == session;
    m_kind = info.config.kind;
    m_hasPeer = exists && info.config.hasPeer();
    m_peerText = m_hasPeer ? info.config.peerText() : QString();
    if (exists && SessionKind::isClient(m_kind))
        m_peerText = info.config.addressText();
    rebuild();
}

void SendTargets::setSelectedConnection(ConnectionId connection)
{
    m_selectedConnection = connection;
    rebuild();
}

void SendTargets::retranslate()
{
    rebuild();
}

QString SendTargets::selectedConnectionPeer() const
{
    TrafficStore::ConnectionInfo info;
    if (m_selectedConnection == 0 || !m_engine->store()->connection(m_selectedConnection, &info) ||
        info.session != m_session)
        return {};
    const QString peer = m_engine->store()->addresses(info.addresses).peer;
    return peer.isEmpty() ? tr("#%1").arg(m_selectedConnection) : peer;
}

void SendTargets::rebuild()
{
    const QVariant previous = m_combo->currentData();
    const QString selectedPeer = selectedConnectionPeer();
    const bool hasSelection = !selectedPeer.isEmpty();

    QSignalBlocker blocker(m_combo);
    m_combo->clear();
    const auto add = [this](const QString &text, Target target, bool enabled = true) {
        m_combo->addItem(text, int(target));
        if (!enabled) {
            auto *model = qobject_cast<QStandardItemModel *>(m_combo->model());
            if (model)
                model->item(m_combo->count() - 1)->setEnabled(false);
        }
    };
    Target preferred = Target::AllClients;
    if (m_session == 0) {
        add(tr("No session"), Target::Server, false);
    } else {
        switch (SessionKind::of(m_kind).role) {
        case SessionKind::Role::Server:
            add(hasSelection ? tr("Selected connection (%1)").arg(selectedPeer)
                             : tr("Selected connection"),
                Target::SelectedConnection, hasSelection);
            add(tr("All clients"), Target::AllClients);
            preferred = hasSelection ? Target::SelectedConnection : Target::AllClients;
            break;
        case SessionKind::Role::Client:
            add(m_peerText.isEmpty() ? tr("Server") : tr("Server (%1)").arg(m_peerText),
                Target::Server);
            preferred = Target::Server;
            break;
        case SessionKind::Role::Datagram:
            if (m_hasPeer)
                add(tr("Peer (%1)").arg(m_peerText), Target::Peer);
            add(hasSelection ? tr("Selected peer (%1)").arg(selectedPeer) : tr("Selected peer"),
                Target::SelectedConnection, hasSelection);
            // A typed HOST:PORT is for UDP; a Unix session answers its peers.
            const bool addresses = !SessionKind::usesPath(m_kind);
            if (addresses)
                add(tr("Address…"), Target::Address);
            preferred = m_hasPeer      ? Target::Peer
                        : hasSelection ? Target::SelectedConnection
                        : addresses    ? Target::Address
                                       : Target::SelectedConnection;
            break;
        }
    }
    // Keep what the person picked; follow the preferred target until they pick.
    int index = m_userChoseTarget ? m_combo->findData(previous) : -1;
    if (index < 0)
        index = m_combo->findData(int(preferred));
    m_combo->setCurrentIndex(qMax(0, index));
    blocker.unblock();
    updateAddress();
}

void SendTargets::updateAddress()
{
    const bool address = m_combo->currentData().toInt() == int(Target::Address);
    m_address->setVisible(address);
    QString error;
    HostPort::Parsed parsed;
    // An empty field is not yet an error; resolve() says what is missing.
    if (address && !m_address->text().isEmpty())
        HostPort::parse(m_address->text().trimmed(), HostPort::HostRule::Required,
                        HostPort::PortRule::NonZero, &parsed, &error);
    m_addressError->setText(error);
    m_addressError->setVisible(!error.isEmpty());
    Q_EMIT changed();
}

bool SendTargets::resolve(SendTarget *target, QString *error) const
{
    if (m_session == 0) {
        *error = tr("No session is selected.");
        return false;
    }
    switch (Target(m_combo->currentData().toInt())) {
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
