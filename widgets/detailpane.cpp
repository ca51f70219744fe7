#include "detailpane.h"

#include "eventformat.h"
#include "hexdumpview.h"
#include "payloadcodec.h"
#include "roundtrip.h"
#include "trafficevent.h"
#include "trafficstore.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

// Longest line (in characters) the text view still wraps.
constexpr qsizetype WrapLineLimit = 16 * 1024;

QString kindWords(EventKind kind)
{
    switch (kind) {
    case EventKind::Listening:
        return DetailPane::tr("Listening");
    case EventKind::Bound:
        return DetailPane::tr("Bound");
    case EventKind::Connecting:
        return DetailPane::tr("Connecting");
    case EventKind::Opened:
        return DetailPane::tr("Connection opened");
    case EventKind::Closed:
        return DetailPane::tr("Connection closed");
    case EventKind::Received:
        return DetailPane::tr("Received");
    case EventKind::Sent:
        return DetailPane::tr("Sent");
    case EventKind::Error:
        return DetailPane::tr("Error");
    case EventKind::Note:
        return DetailPane::tr("Note");
    case EventKind::Stopped:
        return DetailPane::tr("Session stopped");
    }
    return DetailPane::tr("Event");
}

QString closerWords(Closer closer)
{
    // Keyed by EventFormat::closerKeyword so the words follow the same
    // vocabulary as the headless output ("by": "peer").
    const QString keyword = EventFormat::closerKeyword(closer);
    if (keyword == QLatin1String("peer"))
        return DetailPane::tr("closed by the peer");
    if (keyword == QLatin1String("local"))
        return DetailPane::tr("closed here");
    if (keyword == QLatin1String("timeout"))
        return DetailPane::tr("idle timeout");
    if (keyword == QLatin1String("limit"))
        return DetailPane::tr("client limit");
    if (keyword == QLatin1String("error"))
        return DetailPane::tr("error");
    return QString();
}

QString byteCount(quint64 bytes)
{
    if (bytes == 1)
        return DetailPane::tr("1 byte");
    return DetailPane::tr("%1 bytes").arg(QLocale().toString(bytes));
}

// Local time with microseconds: "2026-11-22 07:30:01.123456".
QString preciseTime(qint64 timeUs)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(timeUs / 1000);
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")) +
           QStringLiteral("%1").arg(timeUs % 1000, 3, 10, QLatin1Char('0'));
}

// Control characters would vanish or break lines in the text view; show each
// as one visible character so every byte keeps its place: its Unicode control
// picture (NUL as U+2400, CR as U+240D) when the font has those, else a middle
// dot as in a hex dump's text column. Line feeds and tabs keep their layout.
QString withVisibleControls(QString text, bool controlPictures)
{
    for (QChar &ch : text) {
        const char16_t c = ch.unicode();
        if (c == u'\n' || c == u'\t' || (c >= 0x20 && c != 0x7f))
            continue;
        if (!controlPictures)
            ch = QChar(char16_t(0x00b7));
        else if (c < 0x20)
            ch = QChar(char16_t(0x2400 + c));
        else
            ch = QChar(char16_t(0x2421));
    }
    return text;
}

} // namespace

DetailPane::DetailPane(TrafficStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
{
    setObjectName(QStringLiteral("detailPane"));

    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("titleLabel"));
    QFont titleFont = m_titleLabel->font();
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    m_titleLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_fields = new QWidget(this);
    auto *grid = new QGridLayout(m_fields);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    m_timeValue = addField(0, 0, QStringLiteral("timeValue"));
    m_sessionValue = addField(0, 2, QStringLiteral("sessionValue"));
    m_directionValue = addField(1, 0, QStringLiteral("directionValue"));
    m_sizeValue = addField(1, 2, QStringLiteral("sizeValue"));
    m_localValue = addField(2, 0, QStringLiteral("localValue"));
    m_peerValue = addField(2, 2, QStringLiteral("peerValue"));
    m_closerValue = addField(3, 0, QStringLiteral("closerValue"), 3);
    m_messageValue = addField(4, 0, QStringLiteral("messageValue"), 3);
    m_messageKey = m_keyOf.value(m_messageValue);
    m_messageValue->setWordWrap(true);
    // Values take the room; the second pair of columns starts at a steady place.
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 2);

    m_noticeLabel = new QLabel(this);
    m_noticeLabel->setObjectName(QStringLiteral("noticeLabel"));
    m_noticeLabel->setWordWrap(true);
    m_noticeLabel->setVisible(false);

    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_encodingCombo = new QComboBox(this);
    m_encodingCombo->setObjectName(QStringLiteral("encodingCombo"));
    for (PayloadCodec::Encoding encoding :
         {PayloadCodec::Encoding::Utf8, PayloadCodec::Encoding::Gbk,
          PayloadCodec::Encoding::Latin1})
        m_encodingCombo->addItem(PayloadCodec::encodingName(encoding), int(encoding));
    connect(m_encodingCombo, &QComboBox::currentIndexChanged, this, &DetailPane::updateText);
    m_encodingLabel = new QLabel(this);
    m_encodingLabel->setBuddy(m_encodingCombo);

    m_textView = new QPlainTextEdit(this);
    m_textView->setObjectName(QStringLiteral("textView"));
    m_textView->setReadOnly(true);
    m_textView->setFont(fixed);
    m_textView->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_hexView = new HexDumpView(this);
    m_hexView->setObjectName(QStringLiteral("hexView"));

    m_textHeading = new QLabel(this);
    m_hexHeading = new QLabel(this);
    for (QLabel *heading : {m_textHeading, m_hexHeading}) {
        QFont font = heading->font();
        font.setBold(true);
        heading->setFont(font);
        // Both headings as tall as the combo, so the two views start level.
        heading->setMinimumHeight(m_encodingCombo->sizeHint().height());
    }

    auto *textSide = new QWidget(this);
    auto *textLayout = new QVBoxLayout(textSide);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->setSpacing(2);
    auto *textBar = new QHBoxLayout;
    textBar->addWidget(m_textHeading);
    textBar->addStretch(1);
    textBar->addWidget(m_encodingLabel);
    textBar->addWidget(m_encodingCombo);
    textLayout->addLayout(textBar);
    textLayout->addWidget(m_textView, 1);

    auto *hexSide = new QWidget(this);
    auto *hexLayout = new QVBoxLayout(hexSide);
    hexLayout->setContentsMargins(0, 0, 0, 0);
    hexLayout->setSpacing(2);
    hexLayout->addWidget(m_hexHeading);
    hexLayout->addWidget(m_hexView, 1);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("detailSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(textSide);
    m_splitter->addWidget(hexSide);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_splitterMoved = true; });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_fields);
    layout->addWidget(m_noticeLabel);
    layout->addWidget(m_splitter, 1);

    setTabOrder(m_encodingCombo, m_textView);
    setTabOrder(m_textView, m_hexView);
    m_fields->setVisible(false);
    retranslate();
}

QLabel *DetailPane::addField(int row, int column, const QString &objectName, int span)
{
    auto *grid = static_cast<QGridLayout *>(m_fields->layout());
    auto *keyLabel = new QLabel(m_fields);
    keyLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *value = new QLabel(m_fields);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setTextFormat(Qt::PlainText);
    value->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // The caption labels its value for assistive tools: "Peer:" finds the peer.
    keyLabel->setBuddy(value);
    grid->addWidget(keyLabel, row, column);
    grid->addWidget(value, row, column + 1, 1, span);
    m_keyOf.insert(value, keyLabel);
    return value;
}

void DetailPane::setField(QLabel *value, const QString &text)
{
    // A field without a value is left out rather than shown empty.
    value->setText(text);
    value->setVisible(!text.isEmpty());
    m_keyOf.value(value)->setVisible(!text.isEmpty());
}

void DetailPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_splitterMoved)
        return;
    // The hex dump gets room for a whole 16-byte line when the pane is wide
    // enough, else for 8 bytes a line; the text view takes the rest.
    const int total = m_splitter->width() - m_splitter->handleWidth();
    const int wide = m_hexView->widthFor(16);
    const int hex = total - wide >= wide * 2 / 3 ? wide : m_hexView->widthFor(8);
    m_splitter->setSizes({total - hex, hex});
}

void DetailPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DetailPane::retranslate()
{
    m_keyOf.value(m_timeValue)->setText(tr("Time:"));
    m_keyOf.value(m_sessionValue)->setText(tr("Session:"));
    m_keyOf.value(m_directionValue)->setText(tr("Direction:"));
    m_keyOf.value(m_sizeValue)->setText(tr("Size:"));
    m_keyOf.value(m_localValue)->setText(tr("Local:"));
    m_keyOf.value(m_peerValue)->setText(tr("Peer:"));
    m_keyOf.value(m_closerValue)->setText(tr("Cause:"));
    m_messageKey->setText(tr("Message:"));
    m_encodingCombo->setAccessibleName(tr("Encoding"));
    m_encodingCombo->setToolTip(tr("How the payload bytes are decoded into text"));
    m_encodingLabel->setText(tr("&Encoding:"));
    m_textView->setAccessibleName(tr("Payload as text"));
    m_hexView->setAccessibleName(tr("Payload as hex dump"));
    m_textHeading->setText(tr("Text"));
    m_hexHeading->setText(tr("Hex dump"));
    describe();
}

void DetailPane::showEvent(quint64 seq)
{
    m_showing = Showing::Nothing;
    if (seq != 0)
        m_showing = m_store->event(seq, &m_event) ? Showing::Event : Showing::Evicted;
    if (m_showing != Showing::Event) {
        m_fields->setVisible(false);
        m_bytes.clear();
        m_hasPayload = false;
        m_textView->clear();
        m_hexView->clearBytes();
        describe();
        return;
    }

    m_fields->setVisible(true);
    setField(m_timeValue, preciseTime(m_event.timeUs));
    const TrafficStore::AddressPair addresses = m_store->addresses(m_event.addresses);
    setField(m_localValue, addresses.local);
    setField(m_peerValue, addresses.peer);
    m_hasPayload = m_event.hasWirePayload();
    if (m_hasPayload) {
        setField(m_messageValue, QString());
        m_bytes = m_store->payload(m_event, MaxShownBytes);
        m_hexView->setBytes(m_bytes);
    } else {
        // Notes, errors and state changes carry words, not wire bytes: they go
        // in the header, and the payload views stay empty.
        setField(m_messageValue, QString::fromUtf8(m_store->payload(m_event, MaxShownBytes)));
        m_bytes.clear();
        m_hexView->clearBytes();
    }
    describe();
    updateText();
}

void DetailPane::describe()
{
    if (m_showing != Showing::Event) {
        m_titleLabel->setText(m_showing == Showing::Nothing
                                  ? tr("No event selected")
                                  : tr("This event was evicted by the memory cap"));
        m_noticeLabel->setVisible(false);
        m_textView->setPlaceholderText(tr("Select an event in the log to see its payload here."));
        m_hexView->setPlaceholderText(QString());
        return;
    }

    const TrafficEvent &ev = m_event;
    m_titleLabel->setText(kindWords(ev.kind));
    QString session = m_store->sessionName(ev.session);
    if (session.isEmpty())
        session = tr("Session %1").arg(ev.session);
    setField(m_sessionValue, session);
    setField(m_directionValue, EventFormat::directionText(ev.kind));
    if (ev.hasWirePayload()) {
        // A reply to our message says how long it took beside its size.
        const qint64 rtt = ev.kind == EventKind::Received ? m_store->roundTripUs(ev.seq) : -1;
        setField(m_sizeValue,
                 rtt < 0 ? byteCount(ev.payloadSize)
                         : tr("%1, round trip %2")
                               .arg(byteCount(ev.payloadSize), RoundTrip::text(rtt, QLocale())));
        setField(m_closerValue, QString());
        const bool cut = qsizetype(ev.payloadSize) > MaxShownBytes;
        m_noticeLabel->setText(
            cut ? tr("Showing the first 1 MiB of %1 bytes.").arg(QLocale().toString(ev.payloadSize))
                : QString());
        m_noticeLabel->setVisible(cut);
        m_textView->setPlaceholderText(QString());
        m_hexView->setPlaceholderText(QString());
        return;
    }
    setField(m_sizeValue, QString());
    setField(m_closerValue, ev.kind == EventKind::Closed ? closerWords(ev.closer) : QString());
    if (ev.kind == EventKind::Closed)
        m_messageKey->setText(tr("Reason:"));
    else if (ev.kind == EventKind::Error || ev.kind == EventKind::Note)
        m_messageKey->setText(tr("Message:"));
    else
        m_messageKey->setText(tr("Details:"));
    m_noticeLabel->setVisible(false);
    const QString none = tr("This event carries no payload.");
    m_textView->setPlaceholderText(none);
    m_hexView->setPlaceholderText(none);
}

void DetailPane::updateText()
{
    if (!m_hasPayload) {
        m_textView->clear();
        return;
    }
    const auto encoding = PayloadCodec::Encoding(m_encodingCombo->currentData().toInt());
    const bool pictures = QFontMetrics(m_textView->font()).inFontUcs4(0x2400);
    const QString text = withVisibleControls(PayloadCodec::decode(m_bytes, encoding), pictures);
    // Wrapping a line costs time that grows with the square of its length (a
    // 1 MiB line without breaks takes a minute to lay out, unwrapped under a
    // second), so only text whose lines are all reasonably short is wrapped.
    qsizetype longest = 0;
    for (qsizetype start = 0; start < text.size();) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0)
            end = text.size();
        longest = qMax(longest, end - start);
        start = end + 1;
    }
    m_textView->clear(); // or the mode change would lay out the old text again
    m_textView->setLineWrapMode(longest <= WrapLineLimit ? QPlainTextEdit::WidgetWidth
                                                         : QPlainTextEdit::NoWrap);
    m_textView->setPlainText(text);
}
