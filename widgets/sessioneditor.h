#pragma once

#include "fieldform.h"
#include "sessionconfig.h"

#include <QWidget>

class QAbstractSpinBox;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class SecondsSpinBox;
class MulticastRows;
class TlsRows;

// The settings of one session, validated as you type: a bad port or address is
// shown at its field and isValid() turns false (Start stays disabled).
// Fields: name, address, port, path (Unix), packets (Unix streams), peer
// (datagrams), protocol, greeting, reply template,
// exit word, end word, framing and max line length, max clients, idle timeout,
// connect timeout, TLS (tlsrows.h), broadcast and multicast (multicastrows.h) —
// those that apply to the session's kind.
class SessionEditor : public QWidget
{
    Q_OBJECT

public:
    explicit SessionEditor(QWidget *parent = nullptr);
    ~SessionEditor() override;

    void setConfig(const SessionConfig &config);
    // The edited settings; meaningful when isValid().
    SessionConfig config() const;
    bool isValid() const;
    // Read-only while the session runs (its settings apply at the next start).
    // `runningName` is what the running session goes by, e.g. with the port it
    // got for port 0; an unnamed session shows it in the name field.
    void setLocked(bool locked, const QString &runningName = {});
    bool isLocked() const { return m_locked; }

Q_SIGNALS:
    // Any edit; `valid` says whether the settings can be used.
    void edited(bool valid);
    // The user finished an edit: left a field, pressed Enter or picked from a
    // list. The moment to apply valid settings, rather than every keystroke
    // (typing "70000" passes through the valid "7000").
    void editingFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    using Row = FieldForm::Row;

    static QSpinBox *spinBox(QSpinBox *spin, int min, int max);
    QList<QAbstractSpinBox *> spinBoxes() const;
    void retranslate();
    void fillProtocols();
    void onEdited();
    void updateRows();
    void updatePlaceholders();
    // Shows each field's problem under it; returns whether all is well.
    bool validate();
    void applyLockedLook();
    SessionConfig::Protocol currentProtocol() const;

    SessionConfig m_config; // what setConfig() gave; keeps settings no field shows
    bool m_valid = true;
    bool m_locked = false;
    QString m_runningName;
    bool m_filling = false; // setConfig() is writing the fields: not an edit

    QList<QWidget *> m_inputs; // every field a person can type in or choose from
    QFormLayout *m_form = nullptr;
    QLabel *m_lockedNote = nullptr;
    QLabel *m_configError = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_type = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_port = nullptr;
    QLineEdit *m_path = nullptr;
    QCheckBox *m_seqpacket = nullptr;
    QLineEdit *m_peer = nullptr;
    QComboBox *m_protocol = nullptr;
    QLineEdit *m_greeting = nullptr;
    QLineEdit *m_reply = nullptr;
    QLineEdit *m_exitWord = nullptr;
    QLineEdit *m_endWord = nullptr;
    QComboBox *m_framing = nullptr;
    QSpinBox *m_maxLine = nullptr;
    QSpinBox *m_maxClients = nullptr;
    SecondsSpinBox *m_idleTimeout = nullptr;
    QSpinBox *m_connectTimeout = nullptr;
    TlsRows *m_tls = nullptr;
    MulticastRows *m_multicast = nullptr;
    Row m_nameRow, m_typeRow, m_addressRow, m_portRow, m_pathRow, m_seqpacketRow, m_peerRow,
        m_protocolRow, m_greetingRow, m_replyRow, m_exitWordRow, m_endWordRow, m_framingRow,
        m_maxLineRow, m_maxClientsRow, m_idleTimeoutRow, m_connectTimeoutRow;
};
