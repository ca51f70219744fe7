#include "logtoolbar.h"

#include "directiondelegate.h"
#include "icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QKeySequence>
#include <QLineEdit>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>

namespace {

// Typing pauses this long before the log is filtered again. Filtering never
// blocks the window (LogFilterModel scans off the GUI thread), so the pause
// only gathers a burst of keystrokes into one scan.
constexpr int FilterDelayMs = 60;
// The buttons match the direction icons of the table below.
constexpr int IconSize = DirectionDelegate::IconSize;
constexpr QKeyCombination PauseKey = Qt::CTRL | Qt::Key_P;

QString nativeText(const QKeySequence &keys)
{
    return keys.toString(QKeySequence::NativeText);
}

} // namespace

LogToolBar::LogToolBar(QWidget *parent)
    : QWidget(parent)
    , m_filterTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("logToolBar"));

    // Created in visual order: that is the tab order.
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMinimumWidth(m_filterEdit->fontMetrics().averageCharWidth() * 14);

    m_inButton = addToolButton(QStringLiteral("directionInButton"), QStringLiteral("dir-in"));
    m_outButton = addToolButton(QStringLiteral("directionOutButton"), QStringLiteral("dir-out"));
    m_stateButton =
        addToolButton(QStringLiteral("directionStateButton"), QStringLiteral("dir-state"));
    m_errorButton =
        addToolButton(QStringLiteral("directionErrorButton"), QStringLiteral("dir-error"));
    for (QToolButton *button : {m_inButton, m_outButton, m_stateButton, m_errorButton}) {
        button->setCheckable(true);
        button->setChecked(true);
        connect(button, &QToolButton::toggled, this, &LogToolBar::reportFilter);
    }

    m_pauseButton = addToolButton(QStringLiteral("pauseButton"), QStringLiteral("pause"));
    m_pauseButton->setCheckable(true);
    connect(m_pauseButton, &QToolButton::toggled, this, &LogToolBar::pauseToggled);
    m_clearButton = addToolButton(QStringLiteral("clearButton"), QStringLiteral("clear"));
    connect(m_clearButton, &QToolButton::clicked, this, &LogToolBar::clearClicked);
    m_copyButton = addToolButton(QStringLiteral("copyButton"), QStringLiteral("copy"));
    connect(m_copyButton, &QToolButton::clicked, this, &LogToolBar::copyClicked);

    // Actions as icons (text in tooltips and accessible names) so the log fits
    // the middle of a 1024-pixel window; the direction toggles keep their words.
    for (QToolButton *button : {m_pauseButton, m_clearButton, m_copyButton})
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);

    auto *bar = new QHBoxLayout(this);
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(4);
    bar->addWidget(m_filterEdit, 1);
    bar->addSpacing(6);
    for (QToolButton *button : {m_inButton, m_outButton, m_stateButton, m_errorButton})
        bar->addWidget(button);
    bar->addSpacing(12);
    for (QToolButton *button : {m_pauseButton, m_clearButton, m_copyButton})
        bar->addWidget(button);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &LogToolBar::reportFilter);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterEdit, &QLineEdit::returnPressed, this, &LogToolBar::reportFilter);

    retranslate();
}

QToolButton *LogToolBar::addToolButton(const QString &objectName, const QString &iconName)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setIcon(Icons::icon(iconName));
    button->setIconSize(QSize(IconSize, IconSize));
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    // Reachable with Tab, but a click or shortcut leaves the focus where it was.
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

QString LogToolBar::filterText() const
{
    return m_filterEdit->text();
}

LogFilterModel::Directions LogToolBar::directions() const
{
    LogFilterModel::Directions directions;
    directions.setFlag(LogFilterModel::In, m_inButton->isChecked());
    directions.setFlag(LogFilterModel::Out, m_outButton->isChecked());
    directions.setFlag(LogFilterModel::State, m_stateButton->isChecked());
    directions.setFlag(LogFilterModel::Error, m_errorButton->isChecked());
    return directions;
}

bool LogToolBar::isPauseChecked() const
{
    return m_pauseButton->isChecked();
}

void LogToolBar::setPauseChecked(bool paused)
{
    m_pauseButton->setChecked(paused);
}

void LogToolBar::reportFilter()
{
    m_filterTimer->stop();
    Q_EMIT filterChanged();
}

void LogToolBar::retranslate()
{
    setAccessibleName(tr("Traffic log tools"));
    m_filterEdit->setPlaceholderText(tr("Filter payload or peer"));
    m_filterEdit->setAccessibleName(tr("Filter payload or peer"));
    m_filterEdit->setToolTip(
        tr("Shows only events whose payload or peer address contains this text (%1)")
            .arg(nativeText(QKeySequence(QKeySequence::Find))));

    const auto setWords = [](QToolButton *button, const QString &text, const QString &toolTip) {
        button->setText(text);
        button->setAccessibleName(text);
        button->setToolTip(toolTip);
    };
    setWords(m_inButton, tr("In"), tr("Show data received from peers"));
    setWords(m_outButton, tr("Out"), tr("Show data sent to peers"));
    setWords(m_stateButton, tr("State"),
             tr("Show state changes: listening, connections opened and closed, notes"));
    setWords(m_errorButton, tr("Error"), tr("Show errors"));
    setWords(
        m_pauseButton, tr("Pause"),
        tr("Freeze the view while recording goes on (%1)").arg(nativeText(QKeySequence(PauseKey))));
    // setText() replaces a button's shortcut by the text's mnemonic: set the key after it.
    m_pauseButton->setShortcut(QKeySequence(PauseKey));
    setWords(m_clearButton, tr("Clear"), tr("Remove every recorded event"));
    setWords(m_copyButton, tr("Copy"),
             tr("Copy the selected rows as tab-separated text (%1)")
                 .arg(nativeText(QKeySequence(QKeySequence::Copy))));
}

void LogToolBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}
