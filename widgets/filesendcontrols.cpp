#include "filesendcontrols.h"

#include "udpendpoint.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace {
const QString DirKey = QStringLiteral("sendPanel/fileDirectory");
const QString SizeKey = QStringLiteral("sendPanel/datagramSize");
const QString IntervalKey = QStringLiteral("sendPanel/datagramIntervalMs");
} // namespace

FileSendControls::FileSendControls(QWidget *parent)
    : QWidget(parent)
    , m_choose(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_sizeLabel(new QLabel(this))
    , m_size(new QSpinBox(this))
    , m_intervalLabel(new QLabel(this))
    , m_interval(new QSpinBox(this))
    , m_bar(new QProgressBar(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("fileSendControls"));
    m_choose->setObjectName(QStringLiteral("sendFileButton"));
    m_choose->setAutoDefault(false);
    m_cancel->setObjectName(QStringLiteral("sendFileCancel"));
    m_cancel->setAutoDefault(false);
    m_size->setObjectName(QStringLiteral("datagramSize"));
    m_size->setRange(1, int(UdpEndpoint::MaxDatagramIPv4));
    m_size->setGroupSeparatorShown(true);
    m_interval->setObjectName(QStringLiteral("datagramInterval"));
    m_interval->setRange(0, 60000);
    m_bar->setObjectName(QStringLiteral("sendFileProgress"));
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_status->setObjectName(QStringLiteral("sendFileStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sizeLabel->setBuddy(m_size);
    m_intervalLabel->setBuddy(m_interval);

    const QSettings saved;
    m_size->setValue(saved.value(SizeKey, int(FileSender::DefaultDatagramChunk)).toInt());
    m_interval->setValue(
        saved.value(IntervalKey, int(FileSender::DefaultDatagramIntervalMs)).toInt());

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_choose, 0, 0);
    grid->addWidget(m_cancel, 0, 1);
    grid->addWidget(m_sizeLabel, 1, 0);
    grid->addWidget(m_size, 1, 1);
    grid->addWidget(m_intervalLabel, 2, 0);
    grid->addWidget(m_interval, 2, 1);
    grid->addWidget(m_bar, 3, 0, 1, 3);
    grid->addWidget(m_status, 4, 0, 1, 3);
    grid->setColumnStretch(2, 1);
    grid->setRowStretch(5, 1);

    connect(m_choose, &QPushButton::clicked, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getOpenFileName(this, tr("Send a file"),
                                                          settings.value(DirKey).toString());
        if (path.isEmpty())
            return;
        settings.setValue(DirKey, QFileInfo(path).absolutePath());
        settings.setValue(SizeKey, m_size->value());
        settings.setValue(IntervalKey, m_interval->value());
        Q_EMIT fileChosen(path);
    });
    connect(m_cancel, &QPushButton::clicked, this, &FileSendControls::cancelRequested);
    retranslate();
    update();
}

int FileSendControls::datagramSize() const
{
    return m_size->value();
}

int FileSendControls::datagramIntervalMs() const
{
    return m_interval->value();
}

void FileSendControls::setSendable(bool sendable, bool datagrams)
{
    m_sendable = sendable;
    m_datagrams = datagrams;
    update();
}

void FileSendControls::setProgress(const FileSendProgress &p)
{
    m_last = p;
    m_running = p.running;
    m_bar->setValue(p.total > 0 ? int(p.sent * 1000 / p.total) : (p.ok ? 1000 : 0));
    const QLocale locale;
    const QString counts =
        tr("%1 of %2 bytes").arg(locale.toString(p.sent), locale.toString(p.total));
    if (p.running)
        m_status->setText(tr("Sending: %1").arg(counts));
    else if (p.ok)
        m_status->setText(tr("Sent: %1").arg(counts));
    else
        m_status->setText(p.error);
    update();
}

void FileSendControls::update()
{
    m_choose->setEnabled(m_sendable && !m_running);
    m_cancel->setEnabled(m_running);
    for (QWidget *w : {static_cast<QWidget *>(m_sizeLabel), static_cast<QWidget *>(m_size),
                       static_cast<QWidget *>(m_intervalLabel), static_cast<QWidget *>(m_interval)})
        w->setVisible(m_datagrams);
    m_size->setEnabled(!m_running);
    m_interval->setEnabled(!m_running);
}

void FileSendControls::retranslate()
{
    m_choose->setText(tr("Send &file…"));
    m_choose->setAccessibleName(tr("Send a file"));
    m_choose->setToolTip(tr("TCP: the whole file, paced by how fast the peer reads. UDP: one "
                            "datagram per piece, at the size and pace below."));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAccessibleName(tr("Cancel the file send"));
    m_sizeLabel->setText(tr("&Datagram size:"));
    m_size->setSuffix(tr(" bytes"));
    m_size->setAccessibleName(tr("Datagram size in bytes"));
    m_intervalLabel->setText(tr("&Pause:"));
    m_interval->setSuffix(tr(" ms"));
    m_interval->setAccessibleName(tr("Pause between datagrams in milliseconds"));
    m_bar->setAccessibleName(tr("File send progress"));
    m_status->setAccessibleName(tr("File send status"));
    if (m_last.total > 0 || !m_last.error.isEmpty())
        setProgress(m_last);
}
