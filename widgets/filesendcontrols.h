#pragma once

#include "filesender.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

// "Send file…" with a progress bar and Cancel; for UDP also the datagram size
// and the pause between datagrams. Only the controls: the send panel's tools
// start the file sender.
class FileSendControls : public QWidget
{
    Q_OBJECT

public:
    explicit FileSendControls(QWidget *parent = nullptr);

    void setSendable(bool sendable, bool datagrams);
    int datagramSize() const;
    int datagramIntervalMs() const;
    void setProgress(const FileSendProgress &progress);
    bool isRunning() const { return m_running; }
    void retranslate();

Q_SIGNALS:
    void fileChosen(const QString &path);
    void cancelRequested();

private:
    void update();

    QPushButton *m_choose;
    QPushButton *m_cancel;
    QLabel *m_sizeLabel;
    QSpinBox *m_size;
    QLabel *m_intervalLabel;
    QSpinBox *m_interval;
    QProgressBar *m_bar;
    QLabel *m_status;
    bool m_sendable = false;
    bool m_datagrams = false;
    bool m_running = false;
    FileSendProgress m_last;
};
