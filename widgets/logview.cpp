#include "logview.h"

#include "directiondelegate.h"
#include "eventformat.h"
#include "follow/conversationfilterbar.h"
#include "logfiltermodel.h"
#include "logtoolbar.h"
#include "tailfollower.h"
#include "trafficlogmodel.h"

#include <QAbstractItemModel>
#include <QClipboard>
#include <QEvent>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// The table is sized for the direction icons.
constexpr int IconSize = DirectionDelegate::IconSize;

} // namespace

LogView::LogView(TrafficLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new LogFilterModel(this))
    , m_bar(new LogToolBar(this)) // before the table: creation order is the tab order
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("logView"));
    connect(m_bar, &LogToolBar::filterChanged, this, &LogView::applyFilter);
    connect(m_bar, &LogToolBar::pauseToggled, this, &LogView::setPaused);
    connect(m_bar, &LogToolBar::clearClicked, this, &LogView::clearRequested);
    connect(m_bar, &LogToolBar::copyClicked, this, &LogView::copySelection);

    m_pausedLabel = new QLabel(this);
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
    // "Filtering… 40%" while a filter scans a large log on the worker thread.
    m_filterProgress = new QLabel(this);
    m_filterProgress->setObjectName(QStringLiteral("filterProgressLabel"));
    m_filterProgress->setContentsMargins(8, 0, 8, 0);
    m_filterProgress->setVisible(false);
    connect(m_filter, &LogFilterModel::scanProgress, this, &LogView::showFilterProgress);
    m_conversationBar = new ConversationFilterBar(this);
    connect(m_conversationBar, &ConversationFilterBar::clearClicked, this,
            [this] { setConversationFilter(0); });

    m_table->setObjectName(QStringLiteral("logTable"));
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
    applyColumnWidths(ColumnFit::Exact);
    m_table->installEventFilter(this);

    m_follower = new TailFollower(m_table, this);
    connect(m_follower, &TailFollower::jumpRequested, this, &LogView::jumpToTail);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_bar);
    layout->addWidget(m_pausedLabel);
    layout->addWidget(m_filterProgress);
    layout->addWidget(m_conversationBar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_follower->button());
    setTabOrder(m_table, m_follower->button());

    connect(
        m_model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { onRowsInserted(m_model, first, last); });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                onRowsInserted(m_filter, first, last);
                if (m_pendingSeq != 0 && restoreCurrent(m_pendingSeq))
                    m_pendingSeq = 0;
            });
    // The window may delete the model before this view.
    connect(m_model, &QObject::destroyed, this, [this] { m_model = nullptr; });
    // A cleared log starts over at the tail.
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { m_follower->setFollowing(true); });
    connectSelection();
    retranslate();
}

LogView::~LogView()
{
    // Tearing down the table still moves its scroll bar and selection; those
    // signals must reach neither the follower nor a LogView that is already
    // half destroyed.
    delete m_follower;
    m_table->selectionModel()->disconnect(this);
    m_filter->disconnect(this);
    if (m_model)
        m_model->disconnect(this);
}

void LogView::retranslate()
{
    m_pausedLabel->setText(tr("Paused: new events are still recorded and appear when you resume."));
    m_table->setAccessibleName(tr("Traffic log"));
    m_filterProgress->setAccessibleName(tr("Filter progress"));
}

void LogView::setSessionFilter(SessionId session)
{
    if (m_session == session)
        return;
    m_session = session;
    applyFilter();
}

void LogView::setConversationFilter(ConnectionId connection, const QString &description)
{
    m_conversationBar->setConversation(connection != 0 ? description : QString());
    if (m_connection == connection)
        return;
    m_connection = connection;
    applyFilter();
}

bool LogView::isFollowing() const
{
    return m_follower->isFollowing();
}

bool LogView::isPaused() const
{
    return m_model && m_model->isPaused();
}

void LogView::setPaused(bool paused)
{
    if (m_bar->isPauseChecked() != paused)
        m_bar->setPauseChecked(paused); // comes back here through pauseToggled
    if (!m_model || m_model->isPaused() == paused)
        return;
    m_model->setPaused(paused);
    m_pausedLabel->setVisible(paused);
    Q_EMIT pausedChanged(paused);
}

void LogView::applyFilter()
{
    const bool wasFiltered = m_table->model() == m_filter;
    const quint64 seq = m_currentSeq;
    m_filter->setConnection(m_connection);
    m_filter->setCriteria(m_bar->filterText(), m_bar->directions(), m_session);
    // New criteria rebuild the filtered rows: select the same event again once
    // it is among them.
    if (wasFiltered && m_filter->isActive() && seq != 0) {
        m_pendingSeq = restoreCurrent(seq) ? 0 : seq;
        if (m_pendingSeq == 0)
            updateSelectedEvent();
    }

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
        const auto guard = m_follower->autoScrollGuard();
        QItemSelectionModel *oldSelection = m_table->selectionModel();
        m_table->setModel(model);
        delete oldSelection;
        // A new model resets the header's section sizes; keep the user's.
        for (int column = 0; column < widths.size() && column < header->count(); ++column)
            header->resizeSection(column, widths.at(column));
        connectSelection();

        m_pendingSeq = seq != 0 && model == m_filter && !restoreCurrent(seq) ? seq : 0;
        if (model != m_filter && seq != 0)
            restoreCurrent(seq);
    }
    updateSelectedEvent();
    m_follower->restartCount();
}

bool LogView::restoreCurrent(quint64 seq)
{
    if (!m_model)
        return false;
    const int sourceRow = m_model->rowForSeq(seq);
    QModelIndex index = sourceRow >= 0 ? m_model->index(sourceRow, 0) : QModelIndex();
    if (index.isValid() && m_table->model() == m_filter)
        index = m_filter->mapFromSource(index);
    if (!index.isValid())
        return false;
    const auto guard = m_follower->autoScrollGuard();
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    if (!m_follower->isFollowing())
        m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

void LogView::showFilterProgress(bool scanning, int percent)
{
    m_filterProgress->setText(tr("Filtering… %1%").arg(percent));
    m_filterProgress->setVisible(scanning);
    if (!scanning)
        m_pendingSeq = 0; // the selected event is not among the filtered rows
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

void LogView::applyColumnWidths(ColumnFit columnFit)
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
        width += padding;
        if (columnFit == ColumnFit::GrowOnly)
            width = qMax(width, m_table->columnWidth(column));
        m_table->setColumnWidth(column, width);
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
    fit(TrafficLogModel::RoundTripColumn, {QStringLiteral("999 µs"), QStringLiteral("99.9 ms")});
}

void LogView::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
        applyRowMetrics();
        break;
    case QEvent::LanguageChange:
        retranslate();
        m_follower->retranslate();
        // The headers and the direction words were measured in the old language.
        if (m_model)
            applyColumnWidths(ColumnFit::GrowOnly);
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
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
                if (event->type() == QEvent::KeyPress && m_follower->isFollowing() &&
                    m_currentSeq == 0)
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
    return QWidget::eventFilter(watched, event);
}

void LogView::parkCurrent()
{
    QAbstractItemModel *model = m_table->model();
    if (model->rowCount() == 0)
        return;
    QModelIndex index = m_follower->isFollowing() ? model->index(model->rowCount() - 1, 0)
                                                  : m_table->indexAt(QPoint(1, 1));
    if (!index.isValid())
        index = model->index(0, 0);
    const auto guard = m_follower->autoScrollGuard();
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
}

void LogView::onRowsInserted(QAbstractItemModel *model, int first, int last)
{
    if (m_table->model() == model)
        m_follower->rowsAppended(last - first + 1);
}

void LogView::updateSelectedEvent()
{
    const QItemSelectionModel *selection = m_table->selectionModel();
    QModelIndex current = selection ? selection->currentIndex() : QModelIndex();
    if (selection && !(current.isValid() && selection->isSelected(current))) {
        // An assistive tool selects a row without making it current: one
        // selected row is the event to show.
        const QItemSelection ranges = selection->selection();
        current = ranges.size() == 1 && ranges.first().height() == 1
                      ? QModelIndex(ranges.first().topLeft())
                      : QModelIndex();
    }
    const quint64 seq = current.isValid() ? seqForIndex(current) : 0;
    if (seq != 0)
        m_pendingSeq = 0; // the user chose another row meanwhile
    if (seq != 0 && m_follower->isFollowing() && !m_follower->isAutoScrolling())
        m_follower->setFollowing(false);
    if (seq == m_currentSeq)
        return;
    m_currentSeq = seq;
    m_follower->setRowSelected(seq != 0);
    Q_EMIT eventSelected(seq);
}

quint64 LogView::seqForIndex(const QModelIndex &index) const
{
    if (!index.isValid())
        return 0;
    const QModelIndex source = index.model() == m_filter ? m_filter->mapToSource(index) : index;
    return source.isValid() && m_model ? m_model->seqAt(source.row()) : 0;
}

void LogView::jumpToTail()
{
    {
        const auto guard = m_follower->autoScrollGuard();
        m_table->selectionModel()->clear();
    }
    updateSelectedEvent();
    m_follower->setFollowing(true);
    m_follower->scrollToTailNow();
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

QList<quint64> LogView::shownSeqs() const
{
    const QAbstractItemModel *shown = m_table->model();
    QList<quint64> seqs;
    seqs.reserve(shown->rowCount());
    for (int row = 0; row < shown->rowCount(); ++row)
        seqs.append(seqForIndex(shown->index(row, 0)));
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
