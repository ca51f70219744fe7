#include "secondsspinbox.h"

#include <QLocale>

#include <cmath>

SecondsSpinBox::SecondsSpinBox(QWidget *parent)
    : QDoubleSpinBox(parent)
{
    setDecimals(3);
}

qint64 SecondsSpinBox::milliseconds() const
{
    return std::llround(value() * 1000);
}

void SecondsSpinBox::setMilliseconds(qint64 ms)
{
    setValue(double(ms) / 1000);
}

QString SecondsSpinBox::textFromValue(double value) const
{
    QLocale locale = this->locale();
    locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    QString text = locale.toString(value, 'f', decimals());
    const QString point = locale.decimalPoint();
    if (text.contains(point)) {
        while (text.endsWith(locale.zeroDigit()))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
    }
    return text;
}
