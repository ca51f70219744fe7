#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class SavedMessageModel;

// The saved-messages list of the send panel: a search box, the list (each
// row shows its Alt+N shortcut), a right-click menu (Send, Edit, Duplicate,
// Delete, Move up, Move down) and Save / Import / Export. Sending and editing
// are asked of the owner through signals; rows are the model's.
class SavedMessagesView : public QWidget
{
    Q_OBJECT

public:
    explicit SavedMessagesView(SavedMessageModel *model, QWidget *parent = nullptr);

    // Import appends the file's messages; both report problems in the view's
    // status line and return false.
    bool importFile(const QString &path);
    bool exportFile(const QString &path);
    // The model row of the current list row, or -1.
    int currentRow() const;
    void setCurrentRow(int row);
    void retranslate();

Q_SIGNALS:
    void sendRequested(int row);
    void editRequested(int row);
    void saveCurrentRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showMenu(const QPoint &pos);
    void showStatus(const QString &text);

    SavedMessageModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_search;
    QListView *m_list;
    QPushButton *m_save;
    QPushButton *m_import;
    QPushButton *m_export;
    QLabel *m_status;
};
