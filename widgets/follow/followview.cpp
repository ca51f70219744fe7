#include "follow/followview.h"

#include "follow/findbar.h"
#include "follow/followtext.h"
#include "trafficstore.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

#include <climits>
#include <tuple>

namespace {

constexpr auto FormKey = "follow/form";
constexpr auto EncodingKey = "follow/encoding";
constexpr auto GeometryKey = "follow/geometry";
// A live conversation is polled this often once the view has caught up.
constexpr int PollMs = 100;

} // namespace

FollowView::FollowView(const TrafficStore *store, ConnectionId connection, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_store(store)
    , m_reader(store, connection)
    , m_titleLabel(new QLabel(this))
    , m_statusLabel(new QLabel(this))
    , m_sentLegend(new QLabel(this))
    , m_receivedLegend(new QLabel(this))
    , m_formLabel(new QLabel(this))
    , m_formCombo(new QComboBox(this))
    , m_encodingLabel(new QLabel(this))
    , m_encodingCombo(new QComboBox(this))
    , m_text(new FollowText(this))
    , m_findBar(new FindBar(m_text, this))
    , m_saveButton(new QPushButton(this))
    , m_saveMenu(new QMenu(this))
    , m_closeButton(new QPushButton(this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("followView"));
    m_titleLabel->setObjectName(QStringLiteral("followTitle"));
    QFont bold = m_titleLabel->font();
    bold.setBold(true);
    m_titleLabel->setFont(bold);
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_statusLabel->setObjectName(QStringLiteral("followStatus"));
    m_sentLegend->setObjectName(QStringLiteral("followSentLegend"));
    m_receivedLegend->setObjectName(QStringLiteral("followReceivedLegend"));
    for (QLabel *legend : {m_sentLegend, m_receivedLegend}) {
        legend->setAutoFillBackground(true);
        legend->setContentsMargins(6, 2, 6, 2);
    }

    m_formCombo->setObjectName(QStringLiteral("followFormCombo"));
    m_formLabel->setBuddy(m_formCombo);
    m_encodingCombo->setObjectName(QStringLiteral("followEncodingCombo"));
    m_encodingLabel->setBuddy(m_encodingCombo);
    for (const PayloadCodec::Encoding encoding :
         {PayloadCodec::Encoding::Utf8, PayloadCodec::Encoding::Gbk,
          PayloadCodec::Encoding::Latin1})
        m_encodingCombo->addItem(PayloadCodec::encodingName(encoding), int(encoding));

    m_saveButton->setObjectName(QStringLiteral("followSaveButton"));
    m_saveButton->setMenu(m_saveMenu);
    m_saveMenu->setObjectName(QStringLiteral("followSaveMenu"));
    for (const SaveWhat what :
         {SaveWhat::Transcript, SaveWhat::RawBoth, SaveWhat::RawReceived, SaveWhat::RawSent}) {
        QAction *action = m_saveMenu->addAction(QString());
        action->setData(int(what));
        connect(action, &QAction::triggered, this, [this, what] { chooseFileAndSave(what); });
    }
    m_saveMenu->actions().at(0)->setShortcut(QKeySequence::Save);
    addAction(m_saveMenu->actions().at(0));
    m_closeButton->setObjectName(QStringLiteral("followCloseButton"));
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::close);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, m_findBar, &FindBar::activate);
    auto *closeKey = new QShortcut(QKeySequence::Close, this);
    connect(closeKey, &QShortcut::activated, this, &QWidget::close);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_titleLabel, 1);
    titleRow->addWidget(m_sentLegend);
    titleRow->addWidget(m_receivedLegend);
    auto *formRow = new QHBoxLayout;
    formRow->addWidget(m_formLabel);
    formRow->addWidget(m_formCombo);
    formRow->addSpacing(12);
    formRow->addWidget(m_encodingLabel);
    formRow->addWidget(m_encodingCombo);
    formRow->addSpacing(12);
    formRow->addWidget(m_statusLabel, 1);
    auto *bottomRow = new QHBoxLayout;
    bottomRow->addWidget(m_findBar, 1);
    bottomRow->addSpacing(12);
    bottomRow->addWidget(m_saveButton);
    bottomRow->addWidget(m_closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(titleRow);
    layout->addLayout(formRow);
    layout->addWidget(m_text, 1);
    layout->addLayout(bottomRow);

    retranslate();

    const QSettings settings;
    Conversation::Form form = Conversation::Form::Text;
    Conversation::formFromName(settings.value(QLatin1String(FormKey)).toString(), &form);
    m_formCombo->setCurrentIndex(m_formCombo->findData(int(form)));
    PayloadCodec::Encoding encoding = PayloadCodec::Encoding::Utf8;
    PayloadCodec::encodingFromName(settings.value(QLatin1String(EncodingKey)).toString(),
                                   &encoding);
    m_encodingCombo->setCurrentIndex(m_encodingCombo->findData(int(encoding)));
    applyForm();
    connect(m_formCombo, &QComboBox::currentIndexChanged, this, &FollowView::applyForm);
    connect(m_encodingCombo, &QComboBox::currentIndexChanged, this, &FollowView::applyForm);
    if (!restoreGeometry(settings.value(QLatin1String(GeometryKey)).toByteArray()))
        resize(820, 560);

    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &FollowView::readSome);
    readSome();
}

FollowView::~FollowView() = default;

ConnectionId FollowView::connection() const
{
    return m_reader.connection();
}

void FollowView::retranslate()
{
    const QString title = Conversation::describe(*m_store, connection());
    setWindowTitle(tr("Follow conversation: %1").arg(title));
    m_titleLabel->setText(title);
    m_titleLabel->setAccessibleName(tr("Conversation"));
    m_sentLegend->setText(tr("Sent"));
    m_sentLegend->setAccessibleName(tr("Sent bytes colour"));
    m_sentLegend->setToolTip(tr("Bytes SocketScope sent are shown in these colours"));
    m_receivedLegend->setText(tr("Received"));
    m_receivedLegend->setAccessibleName(tr("Received bytes colour"));
    m_receivedLegend->setToolTip(tr("Bytes received from the peer are shown in these colours"));
    const FollowText::Colours colours = FollowText::coloursFor(palette());
    for (const auto &[legend, background, foreground] :
         {std::tuple(m_sentLegend, colours.outBackground, colours.outText),
          std::tuple(m_receivedLegend, colours.inBackground, colours.inText)}) {
        QPalette p = legend->palette();
        p.setColor(QPalette::Window, background);
        p.setColor(QPalette::WindowText, foreground);
        legend->setPalette(p);
    }

    const int form = m_formCombo->currentIndex();
    m_formCombo->blockSignals(true);
    m_formCombo->clear();
    m_formCombo->addItem(tr("Text"), int(Conversation::Form::Text));
    m_formCombo->addItem(tr("Hex dump"), int(Conversation::Form::Hex));
    m_formCombo->addItem(tr("Escapes"), int(Conversation::Form::Escapes));
    m_formCombo->setCurrentIndex(qMax(0, form));
    m_formCombo->blockSignals(false);
    m_formLabel->setText(tr("&Show as:"));
    m_formCombo->setAccessibleName(tr("Show as"));
    m_encodingLabel->setText(tr("&Encoding:"));
    m_encodingCombo->setAccessibleName(tr("Encoding"));
    m_encodingCombo->setToolTip(tr("How the bytes are decoded into text"));
    m_text->setAccessibleName(tr("Conversation transcript"));
    m_statusLabel->setAccessibleName(tr("Conversation status"));

    const QList<QAction *> saves = m_saveMenu->actions();
    saves.at(0)->setText(tr("&Transcript as text…"));
    saves.at(1)->setText(tr("Raw bytes, &both directions…"));
    saves.at(2)->setText(tr("Raw bytes &received…"));
    saves.at(3)->setText(tr("Raw bytes &sent…"));
    m_saveButton->setText(tr("&Save"));
    m_saveButton->setAccessibleName(tr("Save conversation"));
    m_saveMenu->setAccessibleName(tr("Save conversation"));
    m_closeButton->setText(tr("&Close"));
    m_closeButton->setAccessibleName(tr("Close"));
    updateStatus();
}

void FollowView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        retranslate();
    QWidget::changeEvent(event);
}

void FollowView::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(QLatin1String(GeometryKey), saveGeometry());
    QWidget::closeEvent(event);
}

void FollowView::applyForm()
{
    const auto form = Conversation::Form(m_formCombo->currentData().toInt());
    const auto encoding = PayloadCodec::Encoding(m_encodingCombo->currentData().toInt());
    m_encodingCombo->setEnabled(form == Conversation::Form::Text);
    m_text->setEncoding(encoding);
    m_text->setForm(form);
    m_findBar->refresh();
    QSettings settings;
    settings.setValue(QLatin1String(FormKey), Conversation::formName(form));
    settings.setValue(QLatin1String(EncodingKey), PayloadCodec::encodingName(encoding));
}

void FollowView::catchUp()
{
    QList<Conversation::Segment> segments;
    while (!m_reader.readMore(&segments)) {
    }
    m_text->appendSegments(segments);
    if (!segments.isEmpty())
        m_findBar->refresh();
    updateStatus();
}

void FollowView::readSome()
{
    QList<Conversation::Segment> segments;
    const bool caughtUp = m_reader.readMore(&segments);
    m_text->appendSegments(segments);
    if (!segments.isEmpty() && !m_findBar->edit()->text().isEmpty())
        m_findBar->refresh();
    updateStatus();
    // Behind a busy store: the next slice on the next turn of the event
    // loop, so painting and input go on in between.
    if (!caughtUp)
        m_timer->start(0);
    else if (!m_reader.ended())
        m_timer->start(PollMs);
}

void FollowView::updateStatus()
{
    const QLocale locale;
    QString status =
        tr("%1 sent, %2 received")
            .arg(locale.formattedDataSize(qint64(m_text->bytes(Conversation::Direction::Out)), 1,
                                          QLocale::DataSizeTraditionalFormat),
                 locale.formattedDataSize(qint64(m_text->bytes(Conversation::Direction::In)), 1,
                                          QLocale::DataSizeTraditionalFormat));
    status += QStringLiteral(" · ") + (m_reader.ended() ? tr("ended") : tr("live"));
    if (m_reader.missedEvents() > 0)
        status += QStringLiteral(" · ") +
                  tr("earlier events no longer in memory: %1").arg(m_reader.missedEvents());
    if (m_text->droppedBytes() > 0)
        status += QStringLiteral(" · ") +
                  tr("only the first %1 shown")
                      .arg(locale.formattedDataSize(FollowText::MaxBytes, 0,
                                                    QLocale::DataSizeTraditionalFormat));
    m_statusLabel->setText(status);
}

bool FollowView::saveTo(const QString &path, SaveWhat what, QString *error) const
{
    QByteArray bytes;
    switch (what) {
    case SaveWhat::Transcript:
        bytes = m_text->transcript().toUtf8();
        break;
    case SaveWhat::RawBoth:
        bytes = m_text->rawBytes(true, Conversation::Direction::In);
        break;
    case SaveWhat::RawReceived:
        bytes = m_text->rawBytes(false, Conversation::Direction::In);
        break;
    case SaveWhat::RawSent:
        bytes = m_text->rawBytes(false, Conversation::Direction::Out);
        break;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void FollowView::chooseFileAndSave(SaveWhat what)
{
    const bool text = what == SaveWhat::Transcript;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save conversation"), QString(),
        text ? tr("Text files (*.txt);;All files (*)") : tr("Binary files (*.bin);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveTo(path, what, &error))
        QMessageBox::warning(this, tr("Save conversation"),
                             tr("Could not save %1: %2").arg(path, error));
}
