#include "logview.h"

#include "directiondelegate.h"
#include "eventformat.h"
#include "icons.h"
#include "logfiltermodel.h"
#include "trafficlogmodel.h"

#include <QAbstractItemModel>
#include <QClipboard>
#include <QEvent>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QShortcut>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Typing pauses this long before a big log is filtered again.
constexpr int FilterDelayMs = 150;
// The table and its buttons are sized for the direction icons.
constexpr int IconSize = DirectionDelegate::IconSize;

} // namespace

LogView::LogView(TrafficLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new LogFilterModel(this))
    , m_table(new QTableView(this))
    , m_filterTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("logView"));

    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setPlaceholderText(tr("Filter payload or peer"));
    m_filterEdit->setAccessibleName(tr("Filter payload or peer"));
    m_filterEdit->setToolTip(
        tr("Shows only events whose payload or peer address contains this text (%1)")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterEdit->setMinimumWidth(m_filterEdit->fontMetrics().averageCharWidth() * 14);

    m_inButton = addToolButton(QStringLiteral("directionInButton"), QStringLiteral("dir-in"),
                               tr("In"), tr("Show data received from peers"));
    m_outButton = addToolButton(QStringLiteral("directionOutButton"), QStringLiteral("dir-out"),
                                tr("Out"), tr("Show data sent to peers"));
    m_stateButton = addToolButton(QStringLiteral("directionStateButton"),
                                  QStringLiteral("dir-state"), tr("State"),
                                  tr("Show state changes: listening, connections opened and "
                                     "closed, notes"));
    m_errorButton = addToolButton(QStringLiteral("directionErrorButton"),
                                  QStringLiteral("dir-error"), tr("Error"), tr("Show errors"));
    for (QToolButton *button : {m_inButton, m_outButton, m_stateButton, m_errorButton}) {
        button->setCheckable(true);
        button->setChecked(true);
        connect(button, &QToolButton::toggled, this, &LogView::applyFilter);
    }

    const QKeySequence pauseKey(Qt::CTRL | Qt::Key_P);
    m_pauseButton =
        addToolButton(QStringLiteral("pauseButton"), QStringLiteral("pause"), tr("Pause"),
                      tr("Freeze the view while recording goes on (%1)")
                          .arg(pauseKey.toString(QKeySequence::NativeText)));
    m_pauseButton->setCheckable(true);
    m_pauseButton->setShortcut(pauseKey);
    connect(m_pauseButton, &QToolButton::toggled, this, &LogView::setPaused);

    QToolButton *clearButton = addToolButton(QStringLiteral("clearButton"), QStringLiteral("clear"),
                                             tr("Clear"), tr("Remove every recorded event"));
    connect(clearButton, &QToolButton::clicked, this, &LogView::clearRequested);

    QToolButton *copyButton = addToolButton(
        QStringLiteral("copyButton"), QStringLiteral("copy"), tr("Copy"),
        tr("Copy the selected rows as tab-separated text (%1)")
            .arg(QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText)));
    connect(copyButton, &QToolButton::clicked, this, &LogView::copySelection);

    // Actions as icons (text in tooltips and accessible names) so the log fits
    // the middle of a 1024-pixel window; the direction toggles keep their words.
    for (QToolButton *button : {m_pauseButton, clearButton, copyButton})
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);

    auto *bar = new QHBoxLayout;
    bar->setSpacing(4);
    bar->addWidget(m_filterEdit, 1);
    bar->addSpacing(6);
    for (QToolButton *button : {m_inButton, m_outButton, m_stateButton, m_errorButton})
        bar->addWidget(button);
    bar->addSpacing(12);
    bar->addWidget(m_pauseButton);
    bar->addWidget(clearButton);
    bar->addWidget(copyButton);

    m_pausedLabel =
        new QLabel(tr("Paused: new events are still recorded and appear when you resume."), this);
    m_pausedLabel->setObjectName(QStringLiteral("pausedLabel"));
    // Palette, not a style sheet: sheets re-style the widget tree and slow start-up.
    m_pausedLabel->setAutoFillBackground(true);
    m_pausedLabel->setBackgroundRole(QPalette::Highlight);
    m_pausedLabel->setForegroundRole(QPalette::HighlightedText);
    m_pausedLabel->setContentsMargins(8, 3, 8, 3);
    QFont bold = m_pausedLabel->font();
    bold.setBold(true);
    m_pausedLabel->setFont(bold);
    m_pausedLabel->setVisible(false);

    m_table->setObjectName(QStringLiteral("logTable"));
    m_table->setAccessibleName(tr("Traffic log"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setCornerButtonEnabled(false);
    // Tab leaves the table (rows are walked with the arrow keys).
    m_table->setTabKeyNavigation(false);
    m_table->setIconSize(QSize(IconSize, IconSize));
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setItemDelegateForColumn(TrafficLogModel::DirectionColumn,
                                      new DirectionDelegate(m_table));
    m_table->verticalHeader()->hide();
    // Fixed, equal row heights: the view never measures a million rows.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    applyRowMetrics();
    applyColumnWidths();
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this);

    m_newEventsButton = new QPushButton(m_table);
    m_newEventsButton->setObjectName(QStringLiteral("newEventsButton"));
    m_newEventsButton->setCursor(Qt::PointingHandCursor);
    m_newEventsButton->setFocusPolicy(Qt::TabFocus);
    m_newEventsButton->setToolTip(tr("Scroll to the newest event and follow new events (End)"));
    {
        QPalette look = m_newEventsButton->palette();
        look.setColor(QPalette::Button, look.color(QPalette::Highlight));
        look.setColor(QPalette::ButtonText, look.color(QPalette::HighlightedText));
        m_newEventsButton->setPalette(look);
        m_newEventsButton->setFont(bold);
    }
    m_newEventsButton->setVisible(false);
    connect(m_newEventsButton, &QPushButton::clicked, this, &LogView::jumpToTail);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_pausedLabel);
    layout->addWidget(m_table, 1);

    auto *find = new QShortcut(QKeySequence::Find, this);
    connect(find, &QShortcut::activated, this, [this] {
        m_filterEdit->setFocus(Qt::ShortcutFocusReason);
        m_filterEdit->selectAll();
    });

    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &LogView::applyFilter);
    connect(m_filterEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_filterEdit, &QLineEdit::returnPressed, this, &LogView::applyFilter);

    connect(
        m_model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { onRowsInserted(m_model, first, last); });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                onRowsInserted(m_filter, first, last);
            });
    // The window may delete the model before this view.
    connect(m_model, &QObject::destroyed, this, [this] { m_model = nullptr; });
    // A cleared log starts over at the tail.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_newEvents = 0;
        setFollowing(true);
    });
    QScrollBar *vbar = m_table->verticalScrollBar();
    connect(vbar, &QScrollBar::valueChanged, this, &LogView::onScrollValueChanged);
    connect(vbar, &QScrollBar::rangeChanged, this, &LogView::onScrollRangeChanged);
    connectSelection();

    setTabOrder(m_filterEdit, m_inButton);
    setTabOrder(m_inButton, m_outButton);
    setTabOrder(m_outButton, m_stateButton);
    setTabOrder(m_stateButton, m_errorButton);
    setTabOrder(m_errorButton, m_pauseButton);
    setTabOrder(m_pauseButton, clearButton);
    setTabOrder(clearButton, copyButton);
    setTabOrder(copyButton, m_table);
    setTabOrder(m_table, m_newEventsButton);
    updateNewEventsButton();
}

LogView::~LogView()
{
    // Tearing down the table still moves its scroll bar and selection; those
    // signals must not reach a LogView that is already half destroyed.
    m_table->verticalScrollBar()->disconnect(this);
    m_table->selectionModel()->disconnect(this);
    m_filter->disconnect(this);
    if (m_model)
        m_model->disconnect(this);
}

QToolButton *LogView::addToolButton(const QString &objectName, const QString &iconName,
                                    const QString &text, const QString &toolTip)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setIcon(Icons::icon(iconName));
    button->setIconSize(QSize(IconSize, IconSize));
    button->setText(text);
    button->setAccessibleName(text);
    button->setToolTip(toolTip);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    // Reachable with Tab, but a click or shortcut leaves the focus where it was.
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

void LogView::setSessionFilter(SessionId session)
{
    if (m_session == session)
        return;
    m_session = session;
    applyFilter();
}

bool LogView::isPaused() const
{
    return m_model && m_model->isPaused();
}

void LogView::setPaused(bool paused)
{
    if (m_pauseButton->isChecked() != paused)
        m_pauseButton->setChecked(paused); // comes back here through toggled
    if (!m_model || m_model->isPaused() == paused)
        return;
    m_model->setPaused(paused);
    m_pausedLabel->setVisible(paused);
    Q_EMIT pausedChanged(paused);
}

void LogView::applyFilter()
{
    m_filterTimer->stop();
    LogFilterModel::Directions directions;
    directions.setFlag(LogFilterModel::In, m_inButton->isChecked());
    directions.setFlag(LogFilterModel::Out, m_outButton->isChecked());
    directions.setFlag(LogFilterModel::State, m_stateButton->isChecked());
    directions.setFlag(LogFilterModel::Error, m_errorButton->isChecked());
    m_filter->setCriteria(m_filterEdit->text(), directions, m_session);

    // The proxy is attached only while it hides something: an idle proxy would
    // still map every inserted row.
    if (m_filter->isActive()) {
        if (m_filter->sourceModel() != m_model)
            m_filter->setSourceModel(m_model);
        showModel(m_filter);
    } else {
        showModel(m_model);
        m_filter->setSourceModel(nullptr);
    }
}

void LogView::showModel(QAbstractItemModel *model)
{
    if (m_table->model() == model)
        return;
    QHeaderView *header = m_table->horizontalHeader();
    QList<int> widths;
    for (int column = 0; column < header->count(); ++column)
        widths.append(header->sectionSize(column));
    const quint64 seq = m_currentSeq;

    {
        QScopedValueRollback<bool> guard(m_autoScrolling, true);
        QItemSelectionModel *oldSelection = m_table->selectionModel();
        m_table->setModel(model);
        delete oldSelection;
        // A new model resets the header's section sizes; keep the user's.
        for (int column = 0; column < widths.size() && column < header->count(); ++column)
            header->resizeSection(column, widths.at(column));
        connectSelection();

        const int sourceRow = seq ? m_model->rowForSeq(seq) : -1;
        QModelIndex index = sourceRow >= 0 ? m_model->index(sourceRow, 0) : QModelIndex();
        if (index.isValid() && model == m_filter)
            index = m_filter->mapFromSource(index);
        if (index.isValid()) {
            m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                  QItemSelectionModel::Rows);
            if (!m_following)
                m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
        }
    }
    updateSelectedEvent();
    m_newEvents = 0;
    updateNewEventsButton();
    if (m_following)
        scheduleTailScroll();
}

void LogView::connectSelection()
{
    QItemSelectionModel *selection = m_table->selectionModel();
    connect(selection, &QItemSelectionModel::currentChanged, this, &LogView::updateSelectedEvent);
    connect(selection, &QItemSelectionModel::selectionChanged, this, &LogView::updateSelectedEvent);
}

void LogView::applyRowMetrics()
{
    const int height = qMax(fontMetrics().height(), IconSize) + 6;
    QHeaderView *rows = m_table->verticalHeader();
    rows->setMinimumSectionSize(qMin(rows->minimumSectionSize(), height));
    rows->setDefaultSectionSize(height);
}

void LogView::applyColumnWidths()
{
    const QFontMetrics fm = m_table->fontMetrics();
    const QFontMetrics headerFm = m_table->horizontalHeader()->fontMetrics();
    const int padding = 2 * fm.averageCharWidth() + 8;
    auto fit = [&](int column, const QStringList &samples) {
        int width =
            headerFm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) +
            headerFm.averageCharWidth() * 2;
        for (const QString &sample : samples)
            width = qMax(width, fm.horizontalAdvance(sample));
        m_table->setColumnWidth(column, width + padding);
    };
    fit(TrafficLogModel::TimeColumn, {QStringLiteral("23:59:59.999")});
    // Narrow session and peer columns (long names elide; the tooltip and the
    // details have them whole) so the preview keeps most of the width.
    fit(TrafficLogModel::SessionColumn, {QStringLiteral("TCP server 99")});
    // The direction cell holds an icon before the word.
    QStringList directions;
    for (EventKind kind : {EventKind::Received, EventKind::Sent, EventKind::Error, EventKind::Note})
        directions.append(EventFormat::directionText(kind) + QStringLiteral("MMM"));
    fit(TrafficLogModel::DirectionColumn, directions);
    fit(TrafficLogModel::PeerColumn, {QStringLiteral("127.0.0.1:65535")});
    fit(TrafficLogModel::SizeColumn, {QLocale().toString(65507)});
}

void LogView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        applyRowMetrics();
}

bool LogView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table) {
        switch (event->type()) {
        case QEvent::ShortcutOverride:
        case QEvent::KeyPress: {
            auto *key = static_cast<QKeyEvent *>(event);
            const bool copy = key->matches(QKeySequence::Copy);
            const bool end = key->key() == Qt::Key_End &&
                             !(key->modifiers() & ~(Qt::ControlModifier | Qt::KeypadModifier));
            if (!copy && !end) {
                // Arrow keys while following start from the tail, not from row 0.
                if (event->type() == QEvent::KeyPress && m_following && m_currentSeq == 0)
                    parkCurrent();
                break;
            }
            // Claim the keys from window-wide shortcuts, then act on the press.
            event->accept();
            if (event->type() == QEvent::KeyPress) {
                if (copy)
                    copySelection();
                else
                    jumpToTail();
            }
            return true;
        }
        case QEvent::FocusIn:
            // Without a current row the table would make the first row current
            // and scroll up to it; start from where the user is looking instead.
            if (!m_table->currentIndex().isValid())
                parkCurrent();
            break;
        default:
            break;
        }
    }
    // The viewport is resized after the table, so place the button from its resize.
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        placeNewEventsButton();
    return QWidget::eventFilter(watched, event);
}

void LogView::parkCurrent()
{
    QAbstractItemModel *model = m_table->model();
    if (model->rowCount() == 0)
        return;
    QModelIndex index =
        m_following ? model->index(model->rowCount() - 1, 0) : m_table->indexAt(QPoint(1, 1));
    if (!index.isValid())
        index = model->index(0, 0);
    QScopedValueRollback<bool> guard(m_autoScrolling, true);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
}

void LogView::onRowsInserted(QAbstractItemModel *model, int first, int last)
{
    if (m_table->model() != model)
        return;
    if (m_following) {
        scheduleTailScroll();
    } else {
        m_newEvents += last - first + 1;
        updateNewEventsButton();
    }
}

void LogView::scheduleTailScroll()
{
    // One scroll per batch of rows, after the view has laid them out.
    if (m_tailScrollPending)
        return;
    m_tailScrollPending = true;
    QTimer::singleShot(0, this, [this] {
        m_tailScrollPending = false;
        if (m_following)
            scrollToTailNow();
    });
}

void LogView::scrollToTailNow()
{
    QScopedValueRollback<bool> guard(m_autoScrolling, true);
    m_table->scrollToBottom();
}

void LogView::onScrollValueChanged(int value)
{
    if (m_autoScrolling)
        return;
    const QScrollBar *bar = m_table->verticalScrollBar();
    if (value < bar->maximum()) {
        if (m_following)
            setFollowing(false);
    } else if (!m_following && m_currentSeq == 0) {
        // Scrolled back down to the tail with nothing selected: follow again.
        // With a selected row only the explicit jump resumes, so clicking a row
        // near the bottom (which may scroll to it) never resumes following.
        setFollowing(true);
    }
}

void LogView::onScrollRangeChanged(int, int maximum)
{
    // Rows arriving, a resize or a font change: stay glued to the tail.
    if (!m_following)
        return;
    QScopedValueRollback<bool> guard(m_autoScrolling, true);
    m_table->verticalScrollBar()->setValue(maximum);
}

void LogView::updateSelectedEvent()
{
    const QItemSelectionModel *selection = m_table->selectionModel();
    const QModelIndex current = selection ? selection->currentIndex() : QModelIndex();
    const quint64 seq =
        current.isValid() && selection->isSelected(current) ? seqForIndex(current) : 0;
    if (seq != 0 && m_following && !m_autoScrolling)
        setFollowing(false);
    if (seq == m_currentSeq)
        return;
    m_currentSeq = seq;
    Q_EMIT eventSelected(seq);
}

quint64 LogView::seqForIndex(const QModelIndex &index) const
{
    if (!index.isValid())
        return 0;
    const QModelIndex source = index.model() == m_filter ? m_filter->mapToSource(index) : index;
    return source.isValid() && m_model ? m_model->seqAt(source.row()) : 0;
}

void LogView::setFollowing(bool following)
{
    m_following = following;
    if (following) {
        m_newEvents = 0;
        scheduleTailScroll();
    }
    updateNewEventsButton();
}

void LogView::updateNewEventsButton()
{
    if (m_following) {
        // Hand the focus to the table first: hiding a focused button would
        // pass it on as a Tab does, which selects a row and stops following.
        if (m_newEventsButton->hasFocus())
            m_table->setFocus(Qt::OtherFocusReason);
        m_newEventsButton->setVisible(false);
        return;
    }
    QString text;
    if (m_newEvents == 0)
        text = tr("↓ Follow new events");
    else if (m_newEvents == 1)
        text = tr("↓ 1 new event");
    else
        text = tr("↓ %1 new events").arg(QLocale().toString(m_newEvents));
    m_newEventsButton->setText(text);
    m_newEventsButton->setAccessibleName(text);
    placeNewEventsButton();
    m_newEventsButton->setVisible(true);
    m_newEventsButton->raise();
}

void LogView::placeNewEventsButton()
{
    // Floats over the bottom of the rows, so showing it never shifts the table.
    const QRect area = m_table->viewport()->geometry();
    const QSize size = m_newEventsButton->sizeHint();
    m_newEventsButton->setGeometry(area.center().x() - size.width() / 2,
                                   area.bottom() - size.height() - 8, size.width(), size.height());
}

void LogView::jumpToTail()
{
    {
        QScopedValueRollback<bool> guard(m_autoScrolling, true);
        m_table->selectionModel()->clear();
    }
    updateSelectedEvent();
    setFollowing(true);
    scrollToTailNow();
}

QList<quint64> LogView::selectedSeqs() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<quint64> seqs;
    seqs.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        seqs.append(seqForIndex(index));
    return seqs;
}

void LogView::copySelection()
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    // What the cells show, one line per row, columns separated by tabs: pastes
    // into a spreadsheet or an issue as it looks here.
    QString text;
    for (const QModelIndex &row : std::as_const(rows)) {
        for (int column = 0; column < TrafficLogModel::ColumnCount; ++column) {
            if (column > 0)
                text += QLatin1Char('\t');
            text += row.siblingAtColumn(column).data(Qt::DisplayRole).toString();
        }
        text += QLatin1Char('\n');
    }
    QGuiApplication::clipboard()->setText(text);
}
