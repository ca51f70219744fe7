#pragma once

#include "fieldform.h"
#include "multicastsettings.h"

#include <QList>
#include <QObject>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QSpinBox;
class QWidget;
struct SessionConfig;

// The broadcast and multicast rows of the session editor: broadcast on/off,
// the groups to join, the interface, the TTL and multicast loopback. Which
// rows a kind has comes from the kind table (UDP has them), as for every
// other field.
class MulticastRows : public QObject
{
    Q_OBJECT

public:
    // Adds the rows to `form`; the widgets belong to `owner`.
    MulticastRows(FieldForm &form, QWidget *owner);

    void setSettings(const MulticastSettings &settings);
    // Writes the fields into `settings` (groups that do not parse stay as typed:
    // validation names them).
    void apply(MulticastSettings *settings) const;
    void updateRows(QFormLayout *layout, const SessionConfig &shown) const;
    // Shows the problems of `edited` under the fields; returns whether all is well.
    bool validate(const SessionConfig &shown);
    void setLocked(bool locked);
    void retranslate();
    QList<QWidget *> inputs() const;

Q_SIGNALS:
    void edited();
    void editingFinished();

private:
    void fillInterfaces(const QString &current);

    QCheckBox *m_broadcast = nullptr;
    QLineEdit *m_groups = nullptr;
    QComboBox *m_interface = nullptr;
    QSpinBox *m_ttl = nullptr;
    QComboBox *m_loop = nullptr;
    FieldForm::Row m_broadcastRow, m_groupsRow, m_interfaceRow, m_ttlRow, m_loopRow;
};
