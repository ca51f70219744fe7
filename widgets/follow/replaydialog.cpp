#include "follow/replaydialog.h"

#include "conversation.h"
#include "engine.h"
#include "hostport.h"
#include "trafficstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace {

constexpr auto KeepSpacingKey = "replay/keepSpacing";
constexpr auto AddressKey = "replay/address";

} // namespace

ReplayDialog::ReplayDialog(Engine *engine, const QList<TrafficEvent> &events, QWidget *parent)
    : QDialog(parent)
    , m_engine(engine)
    , m_jobs(new SendJobs(engine, this))
    , m_summaryLabel(new QLabel(this))
    , m_targetLabel(new QLabel(this))
    , m_targetCombo(new QComboBox(this))
    , m_addressEdit(new QLineEdit(this))
    , m_keepSpacing(new QCheckBox(this))
    , m_statusLabel(new QLabel(this))
    , m_startButton(new QPushButton(this))
    , m_cancelButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("replayDialog"));
    m_summaryLabel->setObjectName(QStringLiteral("replaySummary"));
    m_summaryLabel->setWordWrap(true);
    m_targetCombo->setObjectName(QStringLiteral("replayTargetCombo"));
    m_targetLabel->setBuddy(m_targetCombo);
    m_addressEdit->setObjectName(QStringLiteral("replayAddressEdit"));
    m_keepSpacing->setObjectName(QStringLiteral("replayKeepSpacingCheck"));
    m_statusLabel->setObjectName(QStringLiteral("replayStatus"));
    m_statusLabel->setWordWrap(true);
    m_startButton->setObjectName(QStringLiteral("replayStartButton"));
    m_startButton->setDefault(true);
    m_cancelButton->setObjectName(QStringLiteral("replayCancelButton"));

    // The rows' own session sends; their conversation is "the same peer"
    // when they all belong to one.
    const TrafficStore *store = engine->store();
    if (!events.isEmpty()) {
        m_session = events.constFirst().session;
        m_connection = events.constFirst().connection;
    }
    const qint64 firstUs = events.isEmpty() ? 0 : events.constFirst().timeUs;
    for (const TrafficEvent &event : events) {
        if (event.connection != m_connection || event.session != m_session)
            m_connection = 0;
        const QByteArray bytes = store->payload(event);
        m_totalBytes += bytes.size();
        m_messages.append({bytes, qMax<qint64>(0, event.timeUs - firstUs)});
    }

    const QSettings settings;
    m_keepSpacing->setChecked(settings.value(QLatin1String(KeepSpacingKey), false).toBool());
    m_addressEdit->setText(settings.value(QLatin1String(AddressKey)).toString());
    connect(m_targetCombo, &QComboBox::currentIndexChanged, this, &ReplayDialog::updateControls);
    connect(m_startButton, &QPushButton::clicked, this, &ReplayDialog::startReplay);
    connect(m_cancelButton, &QPushButton::clicked, this, &ReplayDialog::cancelReplay);
    connect(m_jobs, &SendJobs::repeatProgress, this, &ReplayDialog::onProgress);

    auto *form = new QFormLayout;
    form->addRow(m_targetLabel, m_targetCombo);
    form->addRow(QString(), m_addressEdit);
    form->addRow(QString(), m_keepSpacing);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_cancelButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summaryLabel);
    layout->addLayout(form);
    layout->addWidget(m_statusLabel);
    layout->addStretch();
    layout->addLayout(buttons);
    retranslate();
    updateControls();
    resize(qMax(sizeHint().width(), 520), sizeHint().height());
}

void ReplayDialog::retranslate()
{
    setWindowTitle(tr("Replay payloads"));
    const TrafficStore *store = m_engine->store();
    const qint64 spanUs = m_messages.isEmpty() ? 0 : m_messages.constLast().offsetUs;
    m_summaryLabel->setText(
        tr("Payloads: %1, bytes: %2").arg(m_messages.size()).arg(m_totalBytes) +
        QLatin1String(", ") +
        tr("recorded over %1 s").arg(QLocale().toString(double(spanUs) / 1e6, 'f', 3)) +
        QStringLiteral(" · ") + tr("through session %1").arg(store->sessionName(m_session)));
    m_summaryLabel->setAccessibleName(tr("What will be sent"));

    const int chosen = m_targetCombo->currentIndex();
    m_targetCombo->blockSignals(true);
    m_targetCombo->clear();
    if (m_connection != 0)
        m_targetCombo->addItem(
            tr("The same peer: %1").arg(Conversation::describe(*store, m_connection)),
            int(TargetChoice::SamePeer));
    m_targetCombo->addItem(tr("The session's usual target"), int(TargetChoice::SessionDefault));
    m_targetCombo->addItem(tr("Another address (UDP)"), int(TargetChoice::Address));
    m_targetCombo->setCurrentIndex(qMax(0, chosen));
    m_targetCombo->blockSignals(false);
    m_targetLabel->setText(tr("Send &to:"));
    m_targetCombo->setAccessibleName(tr("Send to"));
    m_addressEdit->setPlaceholderText(tr("host:port, e.g. 127.0.0.1:9999"));
    m_addressEdit->setAccessibleName(tr("Address to send to"));
    m_keepSpacing->setText(tr("&Keep the recorded time between the payloads"));
    m_keepSpacing->setAccessibleName(tr("Keep the recorded time between the payloads"));
    m_statusLabel->setAccessibleName(tr("Replay status"));
    m_startButton->setText(tr("&Replay"));
    m_startButton->setAccessibleName(tr("Replay"));
    m_cancelButton->setAccessibleName(tr("Cancel"));
    updateControls();
}

void ReplayDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ReplayDialog::updateControls()
{
    const auto choice = TargetChoice(m_targetCombo->currentData().toInt());
    m_addressEdit->setEnabled(choice == TargetChoice::Address && m_job == 0);
    m_targetCombo->setEnabled(m_job == 0);
    m_keepSpacing->setEnabled(m_job == 0);
    m_startButton->setEnabled(m_job == 0 && !m_messages.isEmpty());
    m_cancelButton->setText(m_job != 0 ? tr("&Stop") : tr("&Close"));
}

void ReplayDialog::startReplay()
{
    if (m_job != 0)
        return;
    SendJobs::Replay replay;
    replay.messages = m_messages;
    replay.keepSpacing = m_keepSpacing->isChecked();
    switch (TargetChoice(m_targetCombo->currentData().toInt())) {
    case TargetChoice::SamePeer:
        replay.target = SendTarget::toConnection(m_connection);
        break;
    case TargetChoice::SessionDefault:
        replay.target = SendTarget();
        break;
    case TargetChoice::Address: {
        HostPort::Parsed parsed;
        QString error;
        if (!HostPort::parse(m_addressEdit->text().trimmed(), HostPort::HostRule::Required,
                             HostPort::PortRule::NonZero, &parsed, &error)) {
            m_statusLabel->setText(error);
            m_addressEdit->setFocus();
            return;
        }
        replay.target = SendTarget::toAddress(parsed.host, parsed.port);
        QSettings().setValue(QLatin1String(AddressKey), m_addressEdit->text().trimmed());
        break;
    }
    }
    QSettings().setValue(QLatin1String(KeepSpacingKey), replay.keepSpacing);
    const Engine::SessionInfo session = m_engine->session(m_session);
    if (session.id == 0 || !isSessionOpen(session.state)) {
        m_statusLabel->setText(
            tr("The session that recorded these payloads is not running: start it first."));
        return;
    }
    m_statusLabel->setText(tr("Replaying…"));
    m_job = m_jobs->startReplay(m_session, replay);
    updateControls();
}

void ReplayDialog::cancelReplay()
{
    if (m_job != 0)
        m_jobs->stop(m_job);
    else
        close();
}

void ReplayDialog::onProgress(SendJobs::JobId job, const RepeatProgress &progress)
{
    if (job != m_job)
        return;
    if (progress.running) {
        m_statusLabel->setText(
            tr("Sent %1 of %2 payloads…").arg(progress.sent).arg(progress.total));
        return;
    }
    m_job = 0;
    const bool ok = progress.error.isEmpty() && progress.sent == progress.total;
    if (ok)
        m_statusLabel->setText(progress.total == 1
                                   ? tr("Sent the payload.")
                                   : tr("Sent all %1 payloads.").arg(progress.total));
    else
        m_statusLabel->setText(tr("Sent %1 of %2 payloads. %3")
                                   .arg(progress.sent)
                                   .arg(progress.total)
                                   .arg(progress.error));
    updateControls();
    Q_EMIT replayFinished(ok);
}
