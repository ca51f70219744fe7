#pragma once

#include "savedmessagemodel.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

// Edits one saved message: name, text, mode, encoding, line ending,
// checksum, target and repeat. OK stays disabled while the text would not
// make bytes; the error says why.
class SavedMessageDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SavedMessageDialog(const SavedMessage &message, QWidget *parent = nullptr);

    SavedMessage message() const;

private:
    void validate();

    QLineEdit *m_name;
    QPlainTextEdit *m_text;
    QComboBox *m_mode;
    QComboBox *m_encoding;
    QComboBox *m_lineEnding;
    QComboBox *m_checksum;
    QLineEdit *m_target;
    QSpinBox *m_interval;
    QSpinBox *m_count;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
