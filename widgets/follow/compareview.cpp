#include "follow/compareview.h"

#include "follow/comparepane.h"
#include "payloaddiff.h"

#include <QCloseEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

constexpr auto GeometryKey = "compare/geometry";

void scrollTogether(QScrollBar *a, QScrollBar *b, QObject *context)
{
    QObject::connect(a, &QScrollBar::valueChanged, context, [b](int value) { b->setValue(value); });
    QObject::connect(b, &QScrollBar::valueChanged, context, [a](int value) { a->setValue(value); });
}

} // namespace

CompareView::CompareView(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_summary(new QLabel(this))
    , m_left(new ComparePane(QStringLiteral("compareLeft"), this))
    , m_right(new ComparePane(QStringLiteral("compareRight"), this))
    , m_closeButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("compareView"));
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_closeButton->setObjectName(QStringLiteral("compareCloseButton"));
    connect(m_closeButton, &QPushButton::clicked, this, &QWidget::close);
    auto *closeKey = new QShortcut(QKeySequence::Close, this);
    connect(closeKey, &QShortcut::activated, this, &QWidget::close);
    scrollTogether(m_left->hexView()->verticalScrollBar(), m_right->hexView()->verticalScrollBar(),
                   this);
    scrollTogether(m_left->textView()->verticalScrollBar(),
                   m_right->textView()->verticalScrollBar(), this);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("compareSplitter"));
    splitter->addWidget(m_left);
    splitter->addWidget(m_right);
    splitter->setChildrenCollapsible(false);
    auto *bottom = new QHBoxLayout;
    bottom->addStretch();
    bottom->addWidget(m_closeButton);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);
    if (!restoreGeometry(QSettings().value(QLatin1String(GeometryKey)).toByteArray()))
        resize(1100, 520);
    retranslate();
}

void CompareView::setPayloads(const QByteArray &a, const QByteArray &b, quint64 seqA, quint64 seqB)
{
    m_a = a;
    m_b = b;
    m_seqA = seqA;
    m_seqB = seqB;
    retranslate();
}

QString CompareView::summary() const
{
    return m_summary->text();
}

void CompareView::retranslate()
{
    setWindowTitle(tr("Compare payloads"));
    m_closeButton->setText(tr("&Close"));
    m_closeButton->setAccessibleName(tr("Close"));
    m_summary->setAccessibleName(tr("Comparison summary"));
    const PayloadDiff::Result diff = PayloadDiff::compare(m_a, m_b);
    const QString lengths = tr("lengths %1 and %2").arg(m_a.size()).arg(m_b.size());
    if (diff.identical())
        m_summary->setText(m_a.size() == 1
                               ? tr("The payloads are identical (1 byte)")
                               : tr("The payloads are identical (%1 bytes)").arg(m_a.size()));
    else
        m_summary->setText((diff.differing.size() == 1
                                ? tr("1 byte differs")
                                : tr("%1 bytes differ").arg(diff.differing.size())) +
                           QLatin1String("; ") + lengths);
    auto heading = [this](quint64 seq, qsizetype size) {
        const QString bytes = size == 1 ? tr("1 byte") : tr("%1 bytes").arg(size);
        return seq != 0 ? tr("Event #%1 · %2").arg(seq).arg(bytes) : bytes;
    };
    m_left->setPayload(m_a, heading(m_seqA, m_a.size()), diff.differing);
    m_right->setPayload(m_b, heading(m_seqB, m_b.size()), diff.differing);
}

void CompareView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CompareView::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(QLatin1String(GeometryKey), saveGeometry());
    QWidget::closeEvent(event);
}
