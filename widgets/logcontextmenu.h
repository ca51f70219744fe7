#pragma once

#include <QByteArray>
#include <QObject>

class FileActions;
class LogView;
class QAction;
class QMenu;
class QPoint;

// The traffic log's right-click menu: Copy (the rows as the table shows
// them, as Ctrl+C), Copy payload as hex, a C array or a Python bytes literal
// (the clicked event's exact bytes), and Export selected rows in every format
// FileActions offers.
class LogContextMenu : public QObject
{
    Q_OBJECT

public:
    enum class PayloadForm { Hex, CArray, PythonBytes };

    LogContextMenu(LogView *view, FileActions *fileActions);

    QMenu *menu() const { return m_menu; }
    // Opens the menu for the row at `pos` (table viewport coordinates),
    // selecting it first when it is not part of the selection.
    void popupAt(const QPoint &pos);
    // Puts the clicked event's payload on the clipboard in that form.
    void copyPayload(PayloadForm form);

private:
    void retranslate();

    LogView *m_view;
    FileActions *m_fileActions;
    QMenu *m_menu;
    QMenu *m_copyAsMenu;
    QMenu *m_exportMenu;
    QAction *m_copyAction;
    QAction *m_hexAction;
    QAction *m_cArrayAction;
    QAction *m_pythonAction;
    QByteArray m_payload; // of the row the menu was opened on
};
