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
// has for it (a server's certificate and key; a client's CA file, insecure,
// SNI, ALPN and pinned fingerprint), shown only while TLS is on. Which rows a
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

    QWidget *m_owner;
    QCheckBox *m_enabled = nullptr;
    QLineEdit *m_certificate = nullptr;
    QLineEdit *m_key = nullptr;
    QLineEdit *m_ca = nullptr;
    QCheckBox *m_insecure = nullptr;
    QLineEdit *m_sni = nullptr;
    QLineEdit *m_alpn = nullptr;
    QLineEdit *m_trust = nullptr;
    FieldForm::Row m_enabledRow, m_certificateRow, m_keyRow, m_caRow, m_insecureRow, m_sniRow,
        m_alpnRow, m_trustRow;
};
