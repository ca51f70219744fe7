#include "filechooser.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace FileChooser {

QString showDialog(QWidget *parent, const FileRequest &request)
{
    QFileDialog dialog(parent, request.caption, request.directory);
    dialog.setObjectName(request.objectName);
    dialog.setAcceptMode(request.save ? QFileDialog::AcceptSave : QFileDialog::AcceptOpen);
    dialog.setFileMode(request.save ? QFileDialog::AnyFile : QFileDialog::ExistingFile);
    dialog.setNameFilters(request.nameFilters);
    dialog.setDefaultSuffix(request.defaultSuffix);
    if (!request.fileName.isEmpty())
        dialog.selectFile(request.fileName);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return {};
    return dialog.selectedFiles().constFirst();
}

QString startDirectory(const QString &settingsKey)
{
    const QString saved = QSettings().value(settingsKey).toString();
    return !saved.isEmpty() && QFileInfo(saved).isDir() ? saved : QDir::homePath();
}

void rememberDirectory(const QString &settingsKey, const QString &chosenFile)
{
    QSettings().setValue(settingsKey, QFileInfo(chosenFile).absolutePath());
}

QString suggestedFile(const QString &directory, const QString &suffix)
{
    return QDir(directory).filePath(
        QStringLiteral("socketscope-") +
        QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss.")) + suffix);
}

} // namespace FileChooser
