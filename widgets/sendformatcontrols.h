#pragma once

#include "sendformat.h"

#include <QObject>

class QComboBox;
class QLabel;
class QWidget;

// The send panel's four format choices with their labels: mode (Text / Hex /
// Text with escapes), encoding, line ending and checksum. Fills and names the
// combo boxes, translates them, keeps the choice in QSettings (restoring it
// is no edit) and disables what does not apply to hex. The panel lays them out.
class SendFormatControls : public QObject
{
    Q_OBJECT

public:
    // The widgets are children of `parent`; settings under `settingsGroup`.
    SendFormatControls(const QString &settingsGroup, QWidget *parent);

    SendFormat format() const;

    QComboBox *mode() const { return m_mode; }
    QComboBox *encoding() const { return m_encoding; }
    QComboBox *lineEnding() const { return m_lineEnding; }
    QComboBox *checksum() const { return m_checksum; }
    QLabel *modeLabel() const { return m_modeLabel; }
    QLabel *encodingLabel() const { return m_encodingLabel; }
    QLabel *lineEndingLabel() const { return m_lineEndingLabel; }
    QLabel *checksumLabel() const { return m_checksumLabel; }

    void retranslate();

Q_SIGNALS:
    // Any of the four changed (by the person; not while restoring).
    void changed();
    void modeChanged();
    void encodingChanged();

private:
    void save() const;
    void updateChecksumToolTip();
    void enableForMode();

    QString m_settingsGroup;
    QComboBox *m_mode;
    QComboBox *m_encoding;
    QComboBox *m_lineEnding;
    QComboBox *m_checksum;
    QLabel *m_modeLabel;
    QLabel *m_encodingLabel;
    QLabel *m_lineEndingLabel;
    QLabel *m_checksumLabel;
};
