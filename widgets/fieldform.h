#pragma once

#include <QString>

class QColor;
class QFormLayout;
class QLabel;
class QPalette;
class QWidget;

// A form whose fields show their problem directly under them. The error line
// sits in the field's own form row, so it is read together with the field and
// hides with it; an invalid field also gets a red tint and frame.
class FieldForm
{
public:
    struct Row
    {
        QLabel *label = nullptr;
        QWidget *field = nullptr; // the editor
        QLabel *error = nullptr;  // null for fields that cannot be invalid
    };

    // The rows go into `layout`; their widgets belong to `owner`.
    FieldForm(QWidget *owner, QFormLayout *layout);

    // Adds `editor` as a row; with an errorName it gets an error line of that
    // object name under it.
    Row addRow(QWidget *editor, const QString &errorName = {});
    template <typename Editor>
    Editor *add(const QString &objectName, Row *row, const QString &errorName = {})
    {
        auto *editor = new Editor(m_owner);
        editor->setObjectName(objectName);
        *row = addRow(editor, errorName);
        return editor;
    }

    // Shows or hides the whole row: label, editor and (when it has text) error line.
    static void setRowVisible(QFormLayout *layout, const Row &row, bool visible);
    // The label is also the editor's name for assistive tools.
    static void setLabel(const Row &row, QWidget *editor, const QString &text);
    // Shows `error` under the field, or hides the line when it is empty.
    static void showError(const Row &row, QWidget *editor, const QString &error);
    static bool isInvalid(const QWidget *editor);
    // Marks a label as an error line, coloured by applyErrorColor().
    static void markAsError(QLabel *label);
    // Recolours every error line under `owner` for its palette (light or dark).
    static void applyErrorColor(QWidget *owner);
    // Reads on light and dark windows alike: a deep red on light, a soft red on dark.
    static QColor errorColor(const QPalette &palette);

private:
    QWidget *m_owner;
    QFormLayout *m_layout;
};
