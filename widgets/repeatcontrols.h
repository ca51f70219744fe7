#pragma once

#include "repeatsender.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;

// "Repeat every N ms, M times (0 = until stopped)" with Start / Stop and a
// live progress line ("312 of 1,000 sent, 2 late"). Only the controls: the
// send panel's tools start and stop the series.
class RepeatControls : public QWidget
{
    Q_OBJECT

public:
    explicit RepeatControls(QWidget *parent = nullptr);

    int intervalMs() const;
    int count() const;
    void setValues(qint64 intervalMs, quint64 count);
    // The session can send (Start enabled) or not.
    void setSendable(bool sendable);
    void setProgress(const RepeatProgress &progress);
    bool isRunning() const { return m_running; }
    void retranslate();

    static QString progressText(const RepeatProgress &progress);

Q_SIGNALS:
    void startRequested();
    void stopRequested();

private:
    void updateButton();

    QLabel *m_everyLabel;
    QSpinBox *m_interval;
    QLabel *m_timesLabel;
    QSpinBox *m_count;
    QPushButton *m_button;
    QLabel *m_progress;
    bool m_sendable = false;
    bool m_running = false;
    RepeatProgress m_last;
};
