#pragma once

#include "sendjobs.h"
#include "trafficevent.h"

#include <QDialog>

class Engine;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

// Sends the payloads of chosen log rows again, in order, through the session
// that recorded them: to the same peer (its connection or UDP peer), to the
// session's usual target, or to another address; at once or keeping the
// recorded spacing. Uses SendJobs (a ReplaySender beside the endpoint), so
// the bytes go out on the engine thread and are recorded like any send.
// Cancel stops a running replay; a stopped session or a peer that is gone is
// said in words.
class ReplayDialog : public QDialog
{
    Q_OBJECT

public:
    enum class TargetChoice { SamePeer, SessionDefault, Address };

    ReplayDialog(Engine *engine, const QList<TrafficEvent> &events, QWidget *parent = nullptr);

    QComboBox *targetCombo() const { return m_targetCombo; }
    QLineEdit *addressEdit() const { return m_addressEdit; }
    QCheckBox *keepSpacingCheck() const { return m_keepSpacing; }
    QLabel *statusLabel() const { return m_statusLabel; }
    QPushButton *startButton() const { return m_startButton; }
    bool isRunning() const { return m_job != 0; }

public Q_SLOTS:
    void startReplay();
    void cancelReplay();

Q_SIGNALS:
    // The replay ended: every payload sent (ok), or stopped early.
    void replayFinished(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateControls();
    void onProgress(SendJobs::JobId job, const RepeatProgress &progress);

    Engine *m_engine;
    SendJobs *m_jobs;
    SessionId m_session = 0;
    ConnectionId m_connection = 0; // 0: the rows are from several conversations
    QList<ReplaySender::Message> m_messages;
    qint64 m_totalBytes = 0;
    SendJobs::JobId m_job = 0;
    QLabel *m_summaryLabel;
    QLabel *m_targetLabel;
    QComboBox *m_targetCombo;
    QLineEdit *m_addressEdit;
    QCheckBox *m_keepSpacing;
    QLabel *m_statusLabel;
    QPushButton *m_startButton;
    QPushButton *m_cancelButton;
};
