#pragma once

#include "fieldform.h"
#include "tlssettings.h"

#include <QList>
#include <QObject>

class QCheckBox;
class QFormLayout;
class QLineEdit;
class QWidget;
struct SessionConfig;

// The TLS rows of the session editor: on/off, and the fields the session kind
// has for it (a server's certificate, key and client CAs; a client's CA file,
// insecure, SNI, ALPN, pinned fingerprint and own certificate), shown only
// while TLS is on. Which rows a
// kind has comes from the kind table, as for every other field.
class TlsRows : public QObject
{
    Q_OBJECT

public:
    // Adds the rows to `form`; the widgets belong to `owner`.
    TlsRows(FieldForm &form, QWidget *owner);

    void setSettings(const TlsSettings &settings);
    // Writes the fields into `settings`.
    void apply(TlsSettings *settings) const;
    bool isEnabled() const;
    // Shows the rows that apply to `shown` (its kind, TLS on or off).
    void updateRows(QFormLayout *layout, const SessionConfig &shown) const;
    void setLocked(bool locked);
    void retranslate();
    QList<QWidget *> inputs() const;

Q_SIGNALS:
    void edited();
    void editingFinished();

private:
    void browse(QLineEdit *edit, const QString &title);
    // The certificate fields mean different things to a server and a client.
    void setRoleTexts();

    QWidget *m_owner;
    QCheckBox *m_enabled = nullptr;
    QLineEdit *m_certificate = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_ca = nullptr;
    QLineEdit *m_clientCa = nullptr;
    QCheckBox *m_insecure = nullptr;
    QLineEdit *m_sni = nullptr;
    QLineEdit *m_alpn = nullptr;
    QLineEdit *m_trust = nullptr;
    FieldForm::Row m_enabledRow, m_certificateRow, m_keyRow, m_clientCaRow, m_caRow, m_insecureRow,
        m_sniRow, m_alpnRow, m_trustRow;
    mutable bool m_server = true; // the kind last shown
};
