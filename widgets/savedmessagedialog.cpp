#include "savedmessagedialog.h"

#include "hostport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

SavedMessageDialog::SavedMessageDialog(const SavedMessage &message, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(message.name, this))
    , m_text(new QPlainTextEdit(message.text, this))
    , m_mode(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_lineEnding(new QComboBox(this))
    , m_checksum(new QComboBox(this))
    , m_target(new QLineEdit(message.target, this))
    , m_interval(new QSpinBox(this))
    , m_count(new QSpinBox(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("savedMessageDialog"));
    setWindowTitle(tr("Saved message"));
    m_name->setObjectName(QStringLiteral("savedName"));
    m_name->setAccessibleName(tr("Name"));
    m_text->setObjectName(QStringLiteral("savedText"));
    m_text->setAccessibleName(tr("Message"));
    m_text->setTabChangesFocus(true);
    m_mode->setObjectName(QStringLiteral("savedMode"));
    m_mode->setAccessibleName(tr("Mode"));
    m_mode->addItem(tr("Text"), int(SendFormat::Mode::Text));
    m_mode->addItem(tr("Hex"), int(SendFormat::Mode::Hex));
    m_mode->addItem(tr("Text with escapes"), int(SendFormat::Mode::Escapes));
    m_mode->setCurrentIndex(int(message.format.mode));
    m_encoding->setObjectName(QStringLiteral("savedEncoding"));
    m_encoding->setAccessibleName(tr("Encoding"));
    for (const auto e : {PayloadCodec::Encoding::Utf8, PayloadCodec::Encoding::Gbk,
                         PayloadCodec::Encoding::Latin1})
        m_encoding->addItem(PayloadCodec::encodingName(e), int(e));
    m_encoding->setCurrentIndex(m_encoding->findData(int(message.format.encoding)));
    m_lineEnding->setObjectName(QStringLiteral("savedLineEnding"));
    m_lineEnding->setAccessibleName(tr("Line ending"));
    m_lineEnding->addItem(tr("None"), int(SendFormat::LineEnding::None));
    m_lineEnding->addItem(tr("LF (\\n)"), int(SendFormat::LineEnding::Lf));
    m_lineEnding->addItem(tr("CRLF (\\r\\n)"), int(SendFormat::LineEnding::CrLf));
    m_lineEnding->setCurrentIndex(int(message.format.lineEnding));
    m_checksum->setObjectName(QStringLiteral("savedChecksum"));
    m_checksum->setAccessibleName(tr("Checksum"));
    for (const auto k :
         {Checksum::Kind::None, Checksum::Kind::Sum8, Checksum::Kind::Xor8,
          Checksum::Kind::Crc16Modbus, Checksum::Kind::Crc16CcittFalse, Checksum::Kind::Crc32})
        m_checksum->addItem(k == Checksum::Kind::None ? tr("None") : Checksum::displayName(k),
                            int(k));
    m_checksum->setCurrentIndex(m_checksum->findData(int(message.format.checksum)));
    m_target->setObjectName(QStringLiteral("savedTarget"));
    m_target->setAccessibleName(tr("Target"));
    m_target->setPlaceholderText(tr("empty: the panel's choice; all; or HOST:PORT"));
    m_interval->setObjectName(QStringLiteral("savedInterval"));
    m_interval->setAccessibleName(tr("Repeat interval in milliseconds (0 = send once)"));
    m_interval->setRange(0, 24 * 3600 * 1000);
    m_interval->setSpecialValueText(tr("send once"));
    m_interval->setSuffix(tr(" ms"));
    m_interval->setValue(int(message.repeatIntervalMs));
    m_count->setObjectName(QStringLiteral("savedCount"));
    m_count->setAccessibleName(tr("Repeat count (0 = until stopped)"));
    m_count->setRange(0, 1000000000);
    m_count->setSpecialValueText(tr("until stopped"));
    m_count->setValue(int(qMin<quint64>(message.repeatCount, 1000000000)));
    m_error->setObjectName(QStringLiteral("savedError"));
    m_error->setWordWrap(true);
    m_error->setForegroundRole(QPalette::BrightText);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Message:"), m_text);
    form->addRow(tr("M&ode:"), m_mode);
    form->addRow(tr("&Encoding:"), m_encoding);
    form->addRow(tr("&Line ending:"), m_lineEnding);
    form->addRow(tr("&Checksum:"), m_checksum);
    form->addRow(tr("&Target:"), m_target);
    form->addRow(tr("&Repeat every:"), m_interval);
    form->addRow(tr("T&imes:"), m_count);
    form->addRow(m_error);
    form->addRow(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &SavedMessageDialog::validate);
    connect(m_text, &QPlainTextEdit::textChanged, this, &SavedMessageDialog::validate);
    connect(m_target, &QLineEdit::textChanged, this, &SavedMessageDialog::validate);
    for (QComboBox *c : {m_mode, m_encoding, m_lineEnding, m_checksum})
        connect(c, &QComboBox::currentIndexChanged, this, &SavedMessageDialog::validate);
    connect(m_interval, &QSpinBox::valueChanged, this,
            [this](int value) { m_count->setEnabled(value > 0); });
    m_count->setEnabled(message.repeats());
    validate();
}

SavedMessage SavedMessageDialog::message() const
{
    SavedMessage m;
    m.name = m_name->text().trimmed();
    m.text = m_text->toPlainText();
    m.format.mode = SendFormat::Mode(m_mode->currentData().toInt());
    m.format.encoding = PayloadCodec::Encoding(m_encoding->currentData().toInt());
    m.format.lineEnding = SendFormat::LineEnding(m_lineEnding->currentData().toInt());
    m.format.checksum = Checksum::Kind(m_checksum->currentData().toInt());
    m.target = m_target->text().trimmed();
    m.repeatIntervalMs = m_interval->value();
    m.repeatCount = quint64(m_count->value());
    return m;
}

void SavedMessageDialog::validate()
{
    const SavedMessage m = message();
    QString error;
    SendMessage compiled;
    PayloadCodec::ParseResult failure;
    HostPort::Parsed parsed;
    if (m.name.isEmpty())
        error = tr("Give the message a name.");
    else if (!m.format.compile(m.text, &compiled, &failure))
        error = failure.error;
    else if (!m.target.isEmpty() && m.target != u"all" &&
             !HostPort::parse(m.target, HostPort::HostRule::Required, HostPort::PortRule::NonZero,
                              &parsed, &error))
        error = tr("Target: %1").arg(error);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}
