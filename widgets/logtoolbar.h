#pragma once

#include "logfiltermodel.h"

#include <QWidget>

class QLineEdit;
class QTimer;
class QToolButton;

// The row above the traffic log: the filter text, the direction toggles and the
// Pause, Clear and Copy actions. It only reports what the user asks for; the
// log view decides what that does to the rows.
class LogToolBar : public QWidget
{
    Q_OBJECT

public:
    explicit LogToolBar(QWidget *parent = nullptr);

    QString filterText() const;
    LogFilterModel::Directions directions() const;
    bool isPauseChecked() const;
    void setPauseChecked(bool paused);

Q_SIGNALS:
    // The filter text (once typing pauses) or a direction toggle changed.
    void filterChanged();
    void pauseToggled(bool paused);
    void clearClicked();
    void copyClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    QToolButton *addToolButton(const QString &objectName, const QString &iconName);
    void retranslate();
    void reportFilter();

    QLineEdit *m_filterEdit = nullptr;
    QToolButton *m_inButton = nullptr;
    QToolButton *m_outButton = nullptr;
    QToolButton *m_stateButton = nullptr;
    QToolButton *m_errorButton = nullptr;
    QToolButton *m_pauseButton = nullptr;
    QToolButton *m_clearButton = nullptr;
    QToolButton *m_copyButton = nullptr;
    QTimer *m_filterTimer = nullptr;
};
