#include "fieldform.h"

#include <QColor>
#include <QFormLayout>
#include <QLabel>
#include <QPalette>
#include <QVBoxLayout>
#include <QWidget>

namespace {

const char ErrorProperty[] = "error";
const char InvalidProperty[] = "invalid";

} // namespace

FieldForm::FieldForm(QWidget *owner, QFormLayout *layout)
    : m_owner(owner)
    , m_layout(layout)
{}

FieldForm::Row FieldForm::addRow(QWidget *editor, const QString &errorName)
{
    Row row;
    row.label = new QLabel(m_owner);
    row.label->setBuddy(editor);
    row.field = editor;
    if (errorName.isEmpty()) {
        m_layout->addRow(row.label, editor);
        return row;
    }
    // The editor and its error line stay siblings of the label (a box layout,
    // no box widget): assistive tools look for a field's label among its
    // siblings only, and find the field by that label.
    auto *box = new QVBoxLayout;
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(2);
    box->addWidget(editor);
    row.error = new QLabel(m_owner);
    row.error->setObjectName(errorName);
    markAsError(row.error);
    row.error->setWordWrap(true);
    row.error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row.error->hide();
    box->addWidget(row.error);
    m_layout->addRow(row.label, box);
    return row;
}

void FieldForm::setRowVisible(QFormLayout *layout, const Row &row, bool visible)
{
    layout->setRowVisible(row.label, visible);
    // A box layout in the row does not hide its widgets by itself.
    row.field->setVisible(visible);
    if (row.error)
        row.error->setVisible(visible && !row.error->text().isEmpty());
}

void FieldForm::setLabel(const Row &row, QWidget *editor, const QString &text)
{
    row.label->setText(text);
    editor->setAccessibleName(text);
}

void FieldForm::showError(const Row &row, QWidget *editor, const QString &error)
{
    row.error->setText(error);
    row.error->setVisible(!error.isEmpty() && !row.label->isHidden());
    editor->setAccessibleDescription(error);
    const bool invalid = !error.isEmpty();
    if (isInvalid(editor) == invalid)
        return;
    editor->setProperty(InvalidProperty, invalid);
    // Through the palette: a style sheet would re-style every child of the
    // form and cost its start-up and painting.
    QPalette look; // nothing set: follows the window's palette
    if (invalid) {
        const QColor base = look.color(QPalette::Base);
        const QColor red = errorColor(look);
        QColor tint;
        tint.setRgbF(base.redF() * 0.82 + red.redF() * 0.18,
                     base.greenF() * 0.82 + red.greenF() * 0.18,
                     base.blueF() * 0.82 + red.blueF() * 0.18);
        look.setColor(QPalette::Base, tint);
        look.setColor(QPalette::Highlight, red);
    }
    editor->setPalette(look);
}

bool FieldForm::isInvalid(const QWidget *editor)
{
    return editor->property(InvalidProperty).toBool();
}

void FieldForm::markAsError(QLabel *label)
{
    label->setProperty(ErrorProperty, true);
}

void FieldForm::applyErrorColor(QWidget *owner)
{
    const QColor color = errorColor(owner->palette());
    for (QLabel *label : owner->findChildren<QLabel *>()) {
        if (!label->property(ErrorProperty).toBool())
            continue;
        QPalette look = label->palette();
        look.setColor(QPalette::WindowText, color);
        label->setPalette(look);
    }
}

QColor FieldForm::errorColor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5 ? QColor(0xff, 0x7b, 0x72)
                                                              : QColor(0xc6, 0x28, 0x28);
}
