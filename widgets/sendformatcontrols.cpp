#include "sendformatcontrols.h"

#include "sendpreview.h"

#include <QComboBox>
#include <QLabel>
#include <QSettings>

SendFormatControls::SendFormatControls(const QString &settingsGroup, QWidget *parent)
    : QObject(parent)
    , m_settingsGroup(settingsGroup)
    , m_mode(new QComboBox(parent))
    , m_encoding(new QComboBox(parent))
    , m_lineEnding(new QComboBox(parent))
    , m_checksum(new QComboBox(parent))
    , m_modeLabel(new QLabel(parent))
    , m_encodingLabel(new QLabel(parent))
    , m_lineEndingLabel(new QLabel(parent))
    , m_checksumLabel(new QLabel(parent))
{
    // The item texts are set by retranslate(); the items are in the enums' order.
    m_mode->setObjectName(QStringLiteral("sendMode"));
    // The modes are short words: shown whole ("Text with escapes").
    m_mode->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const auto mode :
         {SendFormat::Mode::Text, SendFormat::Mode::Hex, SendFormat::Mode::Escapes})
        m_mode->addItem(QString(), int(mode));

    m_encoding->setObjectName(QStringLiteral("sendEncoding"));
    for (const auto encoding : {PayloadCodec::Encoding::Utf8, PayloadCodec::Encoding::Gbk,
                                PayloadCodec::Encoding::Latin1})
        m_encoding->addItem(PayloadCodec::encodingName(encoding), int(encoding));

    m_lineEnding->setObjectName(QStringLiteral("sendLineEnding"));
    for (const auto ending :
         {SendFormat::LineEnding::None, SendFormat::LineEnding::Lf, SendFormat::LineEnding::CrLf})
        m_lineEnding->addItem(QString(), int(ending));

    m_checksum->setObjectName(QStringLiteral("sendChecksum"));
    for (const auto kind :
         {Checksum::Kind::None, Checksum::Kind::Sum8, Checksum::Kind::Xor8,
          Checksum::Kind::Crc16Modbus, Checksum::Kind::Crc16CcittFalse, Checksum::Kind::Crc32})
        m_checksum->addItem(Checksum::displayName(kind), int(kind));

    m_modeLabel->setBuddy(m_mode);
    m_encodingLabel->setBuddy(m_encoding);
    m_lineEndingLabel->setBuddy(m_lineEnding);
    m_checksumLabel->setBuddy(m_checksum);

    // Read before the signals are connected: restoring the choice is no edit.
    QSettings settings;
    settings.beginGroup(m_settingsGroup);
    const SendFormat saved = SendFormat::load(settings);
    m_mode->setCurrentIndex(int(saved.mode));
    m_encoding->setCurrentIndex(qMax(0, m_encoding->findData(int(saved.encoding))));
    m_lineEnding->setCurrentIndex(int(saved.lineEnding));
    m_checksum->setCurrentIndex(qMax(0, m_checksum->findData(int(saved.checksum))));
    settings.endGroup();
    retranslate();
    enableForMode();

    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        enableForMode();
        save();
        Q_EMIT modeChanged();
    });
    connect(m_encoding, &QComboBox::currentIndexChanged, this, [this] {
        save();
        Q_EMIT encodingChanged();
    });
    connect(m_lineEnding, &QComboBox::currentIndexChanged, this, [this] { save(); });
    connect(m_checksum, &QComboBox::currentIndexChanged, this, [this] {
        updateChecksumToolTip();
        save();
    });
    for (QComboBox *combo : {m_mode, m_encoding, m_lineEnding, m_checksum})
        connect(combo, &QComboBox::currentIndexChanged, this, &SendFormatControls::changed);
}

SendFormat SendFormatControls::format() const
{
    return {SendFormat::Mode(m_mode->currentData().toInt()),
            PayloadCodec::Encoding(m_encoding->currentData().toInt()),
            SendFormat::LineEnding(m_lineEnding->currentData().toInt()),
            Checksum::Kind(m_checksum->currentData().toInt())};
}

void SendFormatControls::retranslate()
{
    m_mode->setAccessibleName(tr("Mode"));
    m_mode->setItemText(int(SendFormat::Mode::Text), tr("Text"));
    m_mode->setItemText(int(SendFormat::Mode::Hex), tr("Hex"));
    m_mode->setItemText(int(SendFormat::Mode::Escapes), tr("Text with escapes"));
    m_encoding->setAccessibleName(tr("Encoding"));
    m_lineEnding->setAccessibleName(tr("Line ending"));
    m_lineEnding->setItemText(int(SendFormat::LineEnding::None), tr("None"));
    m_lineEnding->setItemText(int(SendFormat::LineEnding::Lf), tr("LF (\\n)"));
    m_lineEnding->setItemText(int(SendFormat::LineEnding::CrLf), tr("CRLF (\\r\\n)"));
    m_modeLabel->setText(tr("&Mode:"));
    m_encodingLabel->setText(tr("&Encoding:"));
    m_lineEndingLabel->setText(tr("&Line ending:"));
    m_checksumLabel->setText(tr("Check&sum:"));
    m_checksum->setAccessibleName(tr("Checksum"));
    m_checksum->setItemText(0, tr("None"));
    updateChecksumToolTip();
}

void SendFormatControls::save() const
{
    QSettings settings;
    settings.beginGroup(m_settingsGroup);
    format().save(&settings);
}

void SendFormatControls::updateChecksumToolTip()
{
    m_checksum->setToolTip(
        SendPreview::checksumHelp(Checksum::Kind(m_checksum->currentData().toInt())));
}

void SendFormatControls::enableForMode()
{
    // Hex is the exact bytes: no encoding and no line ending apply.
    const bool hex = format().mode == SendFormat::Mode::Hex;
    m_encoding->setEnabled(!hex);
    m_lineEnding->setEnabled(!hex);
}
