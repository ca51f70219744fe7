#include "relaybase.h"

void RelayBase::start()
{
    if (isActive())
        return;
    setState(SessionState::Starting, m_config.addressText());
    resolve(m_config.peerHost, [this](const QHostAddress &target, const QString &error) {
        if (!error.isEmpty()) {
            reportError(tr("Target %1: %2").arg(m_config.peerText(), error), true);
            return;
        }
        resolve(m_config.host, [this, target](const QHostAddress &local, const QString &failure) {
            if (!failure.isEmpty()) {
                reportError(failure, true);
                return;
            }
            open(target, local);
        });
    });
}

void RelayBase::send(const SendTarget &target, const QByteArray &bytes)
{
    Q_UNUSED(target);
    Q_UNUSED(bytes);
    reportError(tr("A relay forwards what its clients and the target send; it sends nothing of "
                   "its own."),
                false);
}
