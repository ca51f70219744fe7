#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QComboBox;
class QPlainTextEdit;

// What the send panel sent, recalled into its input like a shell's history: Up
// on the first line goes back, Down on the last line forward and finally to what
// was being typed. An entry keeps its mode, since "48 65" means bytes only in hex.
class SendHistory : public QObject
{
public:
    SendHistory(QPlainTextEdit *input, QComboBox *mode, QObject *parent);

    // Adds the text just sent, in the current mode, and stops recalling.
    void remember(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Entry
    {
        QString text;
        int mode = 0; // the mode combo box's item data
    };

    bool recall(int step);

    QPlainTextEdit *m_input;
    QComboBox *m_mode;
    QList<Entry> m_entries; // oldest first
    int m_index = -1;       // -1: editing a new entry, not recalling
    QString m_draft;        // what was typed before recalling started
};
