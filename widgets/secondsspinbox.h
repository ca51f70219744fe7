#pragma once

#include <QDoubleSpinBox>

// Seconds to the millisecond (three decimals) shown without trailing zeros:
// "30 s", "0.25 s", not "30.000 s". The value is edited as seconds and read
// as milliseconds, the unit the session settings keep.
class SecondsSpinBox : public QDoubleSpinBox
{
public:
    explicit SecondsSpinBox(QWidget *parent = nullptr);

    qint64 milliseconds() const;
    void setMilliseconds(qint64 ms);

protected:
    QString textFromValue(double value) const override;
};
