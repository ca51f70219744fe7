#include "tlsrows.h"

#include "sessionconfig.h"
#include "sessionkind.h"

#include <QAction>
#include <QCheckBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QLineEdit>
#include <QStyle>

TlsRows::TlsRows(FieldForm &form, QWidget *owner)
    : QObject(owner)
    , m_owner(owner)
{
    m_enabled = form.add<QCheckBox>(QStringLiteral("tlsCheck"), &m_enabledRow);
    m_certificate = form.add<QLineEdit>(QStringLiteral("tlsCertificateEdit"), &m_certificateRow);
    m_key = form.add<QLineEdit>(QStringLiteral("tlsKeyEdit"), &m_keyRow);
    m_clientCa = form.add<QLineEdit>(QStringLiteral("tlsClientCaEdit"), &m_clientCaRow);
    m_ca = form.add<QLineEdit>(QStringLiteral("tlsCaEdit"), &m_caRow);
    m_insecure = form.add<QCheckBox>(QStringLiteral("tlsInsecureCheck"), &m_insecureRow);
    m_sni = form.add<QLineEdit>(QStringLiteral("tlsSniEdit"), &m_sniRow);
    m_alpn = form.add<QLineEdit>(QStringLiteral("tlsAlpnEdit"), &m_alpnRow);
    m_trust = form.add<QLineEdit>(QStringLiteral("tlsTrustEdit"), &m_trustRow);

    // The files are picked from a dialog too, from a button inside the field.
    const QIcon open = owner->style()->standardIcon(QStyle::SP_DialogOpenButton);
    for (QLineEdit *edit : {m_certificate, m_key, m_clientCa, m_ca}) {
        QAction *action = edit->addAction(open, QLineEdit::TrailingPosition);
        action->setObjectName(edit->objectName() + QStringLiteral("Browse"));
        connect(action, &QAction::triggered, this,
                [this, edit] { browse(edit, edit->accessibleName()); });
    }
    for (QLineEdit *edit : {m_certificate, m_key, m_clientCa, m_ca, m_sni, m_alpn, m_trust}) {
        connect(edit, &QLineEdit::textChanged, this, &TlsRows::edited);
        connect(edit, &QLineEdit::editingFinished, this, &TlsRows::editingFinished);
    }
    for (QCheckBox *check : {m_enabled, m_insecure}) {
        connect(check, &QCheckBox::toggled, this, &TlsRows::edited);
        connect(check, &QCheckBox::clicked, this, &TlsRows::editingFinished);
    }
}

void TlsRows::browse(QLineEdit *edit, const QString &title)
{
    if (edit->isReadOnly())
        return;
    const QString file = QFileDialog::getOpenFileName(
        m_owner, title, edit->text(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    if (file.isEmpty())
        return;
    edit->setText(file);
    Q_EMIT editingFinished();
}

void TlsRows::retranslate()
{
    FieldForm::setLabel(m_enabledRow, m_enabled, tr("TLS"));
    m_enabled->setText(tr("Encrypt with TLS"));
    FieldForm::setLabel(m_certificateRow, m_certificate, tr("Certificate"));
    FieldForm::setLabel(m_keyRow, m_key, tr("Private key"));
    FieldForm::setLabel(m_clientCaRow, m_clientCa, tr("Client CAs"));
    FieldForm::setLabel(m_caRow, m_ca, tr("CA file"));
    FieldForm::setLabel(m_insecureRow, m_insecure, tr("Verification"));
    m_insecure->setText(tr("Insecure: do not verify the server"));
    FieldForm::setLabel(m_sniRow, m_sni, tr("Server name (SNI)"));
    FieldForm::setLabel(m_alpnRow, m_alpn, tr("ALPN"));
    FieldForm::setLabel(m_trustRow, m_trust, tr("Trusted fingerprint"));

    setRoleTexts();
    m_key->setToolTip(tr("The certificate's private key, in PEM."));
    m_clientCa->setPlaceholderText(tr("Empty: clients need no certificate"));
    m_clientCa->setToolTip(tr("Mutual TLS: every client must present a certificate issued by a "
                              "CA in this PEM file, or its handshake fails."));
    m_ca->setPlaceholderText(tr("Empty: the system's CAs"));
    m_ca->setToolTip(tr("Verify the server against the CAs in this PEM file."));
    m_insecure->setToolTip(tr("Talks to any server, whatever its certificate: for tests only."));
    m_sni->setPlaceholderText(tr("Empty: the host"));
    m_sni->setToolTip(tr("The name sent to the server and checked in its certificate."));
    m_alpn->setPlaceholderText(tr("h2,http/1.1"));
    m_alpn->setToolTip(tr("Protocols offered to the server, separated by commas."));
    m_trust->setPlaceholderText(tr("SHA-256, as in AB:CD:…"));
    m_trust->setToolTip(tr("Accept the certificate with this fingerprint even if it does not "
                           "verify (a self-signed server, for instance)."));
}

void TlsRows::setRoleTexts()
{
    if (m_server) {
        m_certificate->setPlaceholderText(tr("Empty: a self-signed certificate"));
        m_certificate->setToolTip(tr("A PEM certificate (chain). Without one, SocketScope makes "
                                     "a self-signed certificate once and reuses it; the log "
                                     "shows its SHA-256 fingerprint."));
    } else {
        m_certificate->setPlaceholderText(tr("Optional"));
        m_certificate->setToolTip(tr("A PEM certificate (chain) to present when the server asks "
                                     "for one (mutual TLS)."));
    }
}

void TlsRows::setSettings(const TlsSettings &settings)
{
    m_enabled->setChecked(settings.enabled);
    m_certificate->setText(settings.certificateFile);
    m_key->setText(settings.keyFile);
    m_ca->setText(settings.caFile);
    m_clientCa->setText(settings.clientCaFile);
    m_insecure->setChecked(settings.insecure);
    m_sni->setText(settings.sni);
    m_alpn->setText(settings.alpn);
    m_trust->setText(TlsSettings::formatFingerprint(settings.trustFingerprint));
}

void TlsRows::apply(TlsSettings *settings) const
{
    // Switched off, the fields keep their text (switching on again brings it
    // back) but the session has no TLS settings.
    *settings = TlsSettings();
    if (!m_enabled->isChecked())
        return;
    settings->enabled = true;
    settings->certificateFile = m_certificate->text().trimmed();
    settings->keyFile = m_key->text().trimmed();
    settings->caFile = m_ca->text().trimmed();
    settings->clientCaFile = m_clientCa->text().trimmed();
    settings->insecure = m_insecure->isChecked();
    settings->sni = m_sni->text().trimmed();
    settings->alpn = m_alpn->text().trimmed();
    // A fingerprint that is not one stays as typed: validation names it.
    const QString trust = m_trust->text().trimmed();
    const QString normalised = TlsSettings::normaliseFingerprint(trust);
    settings->trustFingerprint = normalised.isEmpty() ? trust : normalised;
}

bool TlsRows::isEnabled() const
{
    return m_enabled->isChecked();
}

void TlsRows::updateRows(QFormLayout *layout, const SessionConfig &shown) const
{
    using F = SessionKind::Field;
    const std::pair<const FieldForm::Row &, F> rows[] = {
        {m_enabledRow, F::Tls},   {m_certificateRow, F::TlsCertificate},
        {m_keyRow, F::TlsKey},    {m_clientCaRow, F::TlsClientCa},
        {m_caRow, F::TlsCaFile},  {m_insecureRow, F::TlsInsecure},
        {m_sniRow, F::TlsSni},    {m_alpnRow, F::TlsAlpn},
        {m_trustRow, F::TlsTrust}};
    for (const auto &[row, field] : rows)
        FieldForm::setRowVisible(layout, row, SessionKind::applies(shown, field));
    const bool server = SessionKind::isServer(shown.kind);
    if (server != m_server) {
        m_server = server;
        const_cast<TlsRows *>(this)->setRoleTexts();
    }
}

void TlsRows::setLocked(bool locked)
{
    for (QLineEdit *edit : {m_certificate, m_key, m_clientCa, m_ca, m_sni, m_alpn, m_trust})
        edit->setReadOnly(locked);
    for (QCheckBox *check : {m_enabled, m_insecure})
        check->setEnabled(!locked);
}

QList<QWidget *> TlsRows::inputs() const
{
    return {m_enabled, m_certificate, m_key, m_clientCa, m_ca, m_insecure, m_sni, m_alpn, m_trust};
}
