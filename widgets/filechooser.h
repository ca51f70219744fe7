#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

// What the window asks when it needs a file name, and the dialog that asks it.
// The question is plain data so that tests and automation can answer it with
// a function instead of a modal dialog (FileActions::setFileDialog).
struct FileRequest
{
    bool save = true;
    QString caption;
    QString directory;
    QString fileName; // suggested (save only)
    QStringList nameFilters;
    QString defaultSuffix;
    QString objectName; // of the dialog
};

// Returns the chosen file, or an empty string when the user cancels.
using FileDialog = std::function<QString(QWidget *parent, const FileRequest &request)>;

namespace FileChooser {

// A QFileDialog set up from the request (a save dialog asks before replacing
// a file and adds the default suffix).
QString showDialog(QWidget *parent, const FileRequest &request);
// The folder remembered under `settingsKey`, or the home folder.
QString startDirectory(const QString &settingsKey);
void rememberDirectory(const QString &settingsKey, const QString &chosenFile);
// "socketscope-20261129-193800.csv" in `directory`.
QString suggestedFile(const QString &directory, const QString &suffix);

} // namespace FileChooser
