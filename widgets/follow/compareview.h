#pragma once

#include <QByteArray>
#include <QWidget>

class ComparePane;
class QLabel;
class QPushButton;

// Two payloads side by side, each as a hex dump and as escapes, the bytes
// that differ at the same offset marked on both sides, and a summary such as
// "3 bytes differ; lengths 12 and 13". The scroll positions move together.
class CompareView : public QWidget
{
    Q_OBJECT

public:
    explicit CompareView(QWidget *parent = nullptr);

    void setPayloads(const QByteArray &a, const QByteArray &b, quint64 seqA = 0, quint64 seqB = 0);
    QString summary() const;
    ComparePane *left() const { return m_left; }
    ComparePane *right() const { return m_right; }

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void retranslate();

    QByteArray m_a, m_b;
    quint64 m_seqA = 0, m_seqB = 0;
    QLabel *m_summary;
    ComparePane *m_left;
    ComparePane *m_right;
    QPushButton *m_closeButton;
};
