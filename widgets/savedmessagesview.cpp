#include "savedmessagesview.h"

#include "icons.h"
#include "savedmessagemodel.h"

#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>

namespace {

const QString DirKey = QStringLiteral("sendPanel/savedMessagesDirectory");

// Shows each row's shortcut before its name: "Alt+1  Modbus read".
class ShortcutProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DisplayRole) {
            const QString shortcut = index.data(SavedMessageModel::ShortcutRole).toString();
            const QString name = QSortFilterProxyModel::data(index, role).toString();
            return shortcut.isEmpty() ? name : QString(shortcut + u"   " + name);
        }
        return QSortFilterProxyModel::data(index, role);
    }
};

} // namespace

SavedMessagesView::SavedMessagesView(SavedMessageModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new ShortcutProxy(this))
    , m_search(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_save(new QPushButton(Icons::icon(QStringLiteral("add")), QString(), this))
    , m_import(new QPushButton(this))
    , m_export(new QPushButton(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("savedMessages"));
    m_proxy->setSourceModel(model);
    m_proxy->setFilterRole(SavedMessageModel::SearchRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setObjectName(QStringLiteral("savedSearch"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("savedList"));
    m_list->setModel(m_proxy);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->installEventFilter(this);
    m_save->setObjectName(QStringLiteral("savedAdd"));
    m_import->setObjectName(QStringLiteral("savedImport"));
    m_export->setObjectName(QStringLiteral("savedExport"));
    for (QPushButton *b : {m_save, m_import, m_export})
        b->setAutoDefault(false);
    m_status->setObjectName(QStringLiteral("savedStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_search, 0, 0, 1, 4);
    grid->addWidget(m_list, 1, 0, 1, 4);
    grid->addWidget(m_save, 2, 0);
    grid->addWidget(m_import, 2, 1);
    grid->addWidget(m_export, 2, 2);
    grid->addWidget(m_status, 3, 0, 1, 4);
    grid->setColumnStretch(3, 1);
    grid->setRowStretch(1, 1);

    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT sendRequested(m_proxy->mapToSource(index).row());
    });
    connect(m_list, &QListView::customContextMenuRequested, this, &SavedMessagesView::showMenu);
    connect(m_save, &QPushButton::clicked, this, &SavedMessagesView::saveCurrentRequested);
    connect(m_import, &QPushButton::clicked, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import saved messages"), settings.value(DirKey).toString(),
            tr("Saved messages (*.json);;All files (*)"));
        if (!path.isEmpty()) {
            settings.setValue(DirKey, QFileInfo(path).absolutePath());
            importFile(path);
        }
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        QSettings settings;
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export saved messages"),
            settings.value(DirKey).toString() + QStringLiteral("/saved-messages.json"),
            tr("Saved messages (*.json)"));
        if (!path.isEmpty()) {
            settings.setValue(DirKey, QFileInfo(path).absolutePath());
            exportFile(path);
        }
    });
    connect(m_model, &SavedMessageModel::storageFailed, this, &SavedMessagesView::showStatus);
    retranslate();
}

void SavedMessagesView::retranslate()
{
    m_search->setPlaceholderText(tr("Search saved messages"));
    m_search->setAccessibleName(tr("Search saved messages"));
    m_list->setAccessibleName(tr("Saved messages"));
    m_list->setToolTip(tr("Double-click or Alt+1 … Alt+9 sends; right-click for more."));
    m_save->setText(tr("Save &current"));
    m_save->setAccessibleName(tr("Save the current message"));
    m_save->setToolTip(tr("Add the message typed above, with its mode, encoding, line ending and "
                          "checksum, to the saved messages."));
    m_import->setText(tr("Import…"));
    m_import->setAccessibleName(tr("Import saved messages"));
    m_export->setText(tr("Export…"));
    m_export->setAccessibleName(tr("Export saved messages"));
    m_status->setAccessibleName(tr("Saved messages status"));
}

int SavedMessagesView::currentRow() const
{
    const QModelIndex index = m_list->currentIndex();
    return index.isValid() ? m_proxy->mapToSource(index).row() : -1;
}

void SavedMessagesView::setCurrentRow(int row)
{
    m_list->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row)));
}

void SavedMessagesView::showMenu(const QPoint &pos)
{
    const QModelIndex index = m_list->indexAt(pos);
    if (!index.isValid())
        return;
    const int row = m_proxy->mapToSource(index).row();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("savedMenu"));
    menu.addAction(Icons::icon(QStringLiteral("send")), tr("Send"), this,
                   [this, row] { Q_EMIT sendRequested(row); });
    menu.addAction(tr("Edit…"), this, [this, row] { Q_EMIT editRequested(row); });
    menu.addAction(tr("Rename"), this, [this, index] { m_list->edit(index); });
    menu.addAction(Icons::icon(QStringLiteral("copy")), tr("Duplicate"), this,
                   [this, row] { setCurrentRow(m_model->duplicate(row)); });
    menu.addSeparator();
    QAction *up = menu.addAction(tr("Move up"), this, [this, row] {
        if (m_model->moveBy(row, -1))
            setCurrentRow(row - 1);
    });
    up->setEnabled(row > 0);
    QAction *down = menu.addAction(tr("Move down"), this, [this, row] {
        if (m_model->moveBy(row, 1))
            setCurrentRow(row + 1);
    });
    down->setEnabled(row + 1 < m_model->rowCount());
    menu.addSeparator();
    menu.addAction(Icons::icon(QStringLiteral("remove")), tr("Delete"), this,
                   [this, row] { m_model->remove(row); });
    menu.exec(m_list->viewport()->mapToGlobal(pos));
}

bool SavedMessagesView::eventFilter(QObject *watched, QEvent *event)
{
    // While a name is edited, the keys go to the editor, not to the list.
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const int row = currentRow();
        if (row >= 0 && key->key() == Qt::Key_Delete) {
            m_model->remove(row);
            return true;
        }
        if (row >= 0 && key->modifiers() == Qt::ControlModifier &&
            (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            const int step = key->key() == Qt::Key_Up ? -1 : 1;
            if (m_model->moveBy(row, step))
                setCurrentRow(row + step);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool SavedMessagesView::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showStatus(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    QString error;
    const int count = m_model->importJson(file.readAll(), &error);
    if (count < 0) {
        showStatus(tr("Nothing was imported from %1: %2").arg(path, error));
        return false;
    }
    showStatus(tr("Imported %n message(s).", nullptr, count));
    return true;
}

bool SavedMessagesView::exportFile(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_model->toJson()) < 0 || !file.commit()) {
        showStatus(tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    showStatus(tr("Exported %n message(s).", nullptr, m_model->rowCount()));
    return true;
}

void SavedMessagesView::showStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}
