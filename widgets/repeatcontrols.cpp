#include "repeatcontrols.h"

#include "icons.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace {
const QString IntervalKey = QStringLiteral("sendPanel/repeatIntervalMs");
const QString CountKey = QStringLiteral("sendPanel/repeatCount");
} // namespace

RepeatControls::RepeatControls(QWidget *parent)
    : QWidget(parent)
    , m_everyLabel(new QLabel(this))
    , m_interval(new QSpinBox(this))
    , m_timesLabel(new QLabel(this))
    , m_count(new QSpinBox(this))
    , m_button(new QPushButton(this))
    , m_progress(new QLabel(this))
{
    setObjectName(QStringLiteral("repeatControls"));
    m_interval->setObjectName(QStringLiteral("repeatInterval"));
    m_interval->setRange(1, 24 * 3600 * 1000);
    m_interval->setGroupSeparatorShown(true);
    m_count->setObjectName(QStringLiteral("repeatCount"));
    m_count->setRange(0, 1000000000);
    m_count->setGroupSeparatorShown(true);
    m_button->setObjectName(QStringLiteral("repeatButton"));
    m_button->setAutoDefault(false);
    m_progress->setObjectName(QStringLiteral("repeatProgress"));
    m_progress->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_everyLabel->setBuddy(m_interval);
    m_timesLabel->setBuddy(m_count);

    const QSettings saved;
    m_interval->setValue(saved.value(IntervalKey, 1000).toInt());
    m_count->setValue(saved.value(CountKey, 10).toInt());

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_everyLabel, 0, 0);
    grid->addWidget(m_interval, 0, 1);
    grid->addWidget(m_timesLabel, 1, 0);
    grid->addWidget(m_count, 1, 1);
    grid->addWidget(m_button, 1, 2);
    grid->addWidget(m_progress, 2, 0, 1, 4);
    grid->setColumnStretch(3, 1);
    grid->setRowStretch(3, 1);

    connect(m_button, &QPushButton::clicked, this, [this] {
        if (m_running) {
            Q_EMIT stopRequested();
        } else {
            QSettings settings;
            settings.setValue(IntervalKey, m_interval->value());
            settings.setValue(CountKey, m_count->value());
            Q_EMIT startRequested();
        }
    });
    retranslate();
    updateButton();
}

int RepeatControls::intervalMs() const
{
    return m_interval->value();
}

int RepeatControls::count() const
{
    return m_count->value();
}

void RepeatControls::setValues(qint64 intervalMs, quint64 count)
{
    m_interval->setValue(int(qBound(qint64(1), intervalMs, qint64(m_interval->maximum()))));
    m_count->setValue(int(qMin<quint64>(count, quint64(m_count->maximum()))));
}

void RepeatControls::setSendable(bool sendable)
{
    m_sendable = sendable;
    updateButton();
}

QString RepeatControls::progressText(const RepeatProgress &p)
{
    const QLocale locale;
    QString text = p.total > 0 ? tr("%1 of %2 sent, %3 late")
                                     .arg(locale.toString(p.sent), locale.toString(p.total),
                                          locale.toString(p.late))
                               : tr("%1 sent, %2 late (until stopped)")
                                     .arg(locale.toString(p.sent), locale.toString(p.late));
    if (!p.error.isEmpty())
        text = tr("%1. %2").arg(text, p.error);
    else if (!p.running && (p.total == 0 || p.sent < p.total))
        text = tr("%1. Stopped.").arg(text);
    return text;
}

void RepeatControls::setProgress(const RepeatProgress &progress)
{
    m_last = progress;
    m_running = progress.running;
    m_progress->setText(progressText(progress));
    updateButton();
}

void RepeatControls::updateButton()
{
    m_button->setText(m_running ? tr("Stop") : tr("Start"));
    m_button->setIcon(Icons::icon(m_running ? QStringLiteral("stop") : QStringLiteral("start")));
    m_button->setAccessibleName(m_running ? tr("Stop repeating") : tr("Start repeating"));
    m_button->setEnabled(m_running || m_sendable);
    m_interval->setEnabled(!m_running);
    m_count->setEnabled(!m_running);
}

void RepeatControls::retranslate()
{
    m_everyLabel->setText(tr("Repeat &every:"));
    m_interval->setSuffix(tr(" ms"));
    m_interval->setAccessibleName(tr("Repeat interval in milliseconds"));
    m_timesLabel->setText(tr("&Times:"));
    m_count->setSpecialValueText(tr("until stopped"));
    m_count->setAccessibleName(tr("How many times (0 = until stopped)"));
    m_count->setToolTip(tr("0 repeats until you press Stop or the session stops."));
    m_button->setToolTip(tr("Send the message above every interval; each send fills in its "
                            "macros again ({{counter}} counts 1, 2, 3 …)."));
    m_progress->setAccessibleName(tr("Repeat progress"));
    if (m_last.sent > 0 || !m_last.error.isEmpty())
        m_progress->setText(progressText(m_last));
    updateButton();
}
