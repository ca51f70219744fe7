#include "accessibility.h"

#include <QAbstractItemView>
#include <QAccessible>
#include <QAccessibleWidget>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPoint>
#include <QPointer>
#include <QRegularExpression>
#include <QTextDocument>
#include <QToolButton>
#include <QWindow>

namespace {

const char ChoosesOnSelection[] = "socketscopeChoosesOnSelection";

// A label read as text: Qt 6.4 gives labels a name but no Text interface,
// so a label named by its caption ("Type", "Status") hid its value.
class LabelText : public QAccessibleWidget, public QAccessibleTextInterface
{
public:
    explicit LabelText(QLabel *label)
        : QAccessibleWidget(label, QAccessible::StaticText)
    {}

    void *interface_cast(QAccessible::InterfaceType type) override
    {
        if (type == QAccessible::TextInterface)
            return static_cast<QAccessibleTextInterface *>(this);
        return QAccessibleWidget::interface_cast(type);
    }

    QString text(QAccessible::Text t) const override
    {
        if (t != QAccessible::Name || !widget()->accessibleName().isEmpty())
            return QAccessibleWidget::text(t);
        const QString shown = plainText();
        return label()->buddy() ? Accessibility::withoutMnemonic(shown) : shown;
    }

    QList<QPair<QAccessibleInterface *, QAccessible::Relation>>
    relations(QAccessible::Relation match) const override
    {
        auto rels = QAccessibleWidget::relations(match);
        if (match & QAccessible::Labelled) {
            if (QWidget *buddy = label()->buddy())
                rels.append({QAccessible::queryAccessibleInterface(buddy), QAccessible::Labelled});
        }
        return rels;
    }

    // QAccessibleTextInterface: the label's text as a person reads it.
    void selection(int selectionIndex, int *startOffset, int *endOffset) const override
    {
        *startOffset = *endOffset = 0;
        if (selectionIndex == 0 && label()->hasSelectedText()) {
            *startOffset = label()->selectionStart();
            *endOffset = *startOffset + int(label()->selectedText().size());
        }
    }
    int selectionCount() const override { return label()->hasSelectedText() ? 1 : 0; }
    void addSelection(int startOffset, int endOffset) override
    {
        setSelection(0, startOffset, endOffset);
    }
    void removeSelection(int) override { label()->setSelection(0, 0); }
    void setSelection(int, int startOffset, int endOffset) override
    {
        label()->setSelection(startOffset, endOffset - startOffset);
    }
    int cursorPosition() const override { return 0; }
    void setCursorPosition(int) override {}
    QString text(int startOffset, int endOffset) const override
    {
        const QString all = plainText();
        if (endOffset < 0 || endOffset > all.size())
            endOffset = int(all.size());
        startOffset = qBound(0, startOffset, endOffset);
        return all.mid(startOffset, endOffset - startOffset);
    }
    int characterCount() const override { return int(plainText().size()); }
    QRect characterRect(int) const override { return {}; }
    int offsetAtPoint(const QPoint &) const override { return -1; }
    void scrollToSubstring(int, int) override {}
    QString attributes(int, int *startOffset, int *endOffset) const override
    {
        *startOffset = 0;
        *endOffset = characterCount();
        return {};
    }

private:
    QLabel *label() const { return static_cast<QLabel *>(widget()); }

    QString plainText() const
    {
        const QString text = label()->text();
        const Qt::TextFormat format = label()->textFormat();
        if (format == Qt::PlainText || (format == Qt::AutoText && !Qt::mightBeRichText(text)))
            return text;
        QTextDocument document;
        document.setHtml(text);
        return document.toPlainText();
    }
};

// A menu entry. Replaces Qt's own for two reasons: its name keeps a Chinese
// access key ("会话(S)"), and its Press triggers the action but leaves the
// menus open (a click closes them first).
class MenuItem : public QAccessibleInterface, public QAccessibleActionInterface
{
public:
    explicit MenuItem(QAction *action)
        : m_action(action)
    {}

    // The menu or menu bar that shows the action: the open one if any.
    static QWidget *ownerOf(const QAction *action)
    {
        QWidget *fallback = nullptr;
        for (QObject *object : action->associatedObjects()) {
            auto *widget = qobject_cast<QWidget *>(object);
            if (!qobject_cast<QMenu *>(widget) && !qobject_cast<QMenuBar *>(widget))
                continue;
            if (widget->isVisible())
                return widget;
            if (!fallback)
                fallback = widget;
        }
        return fallback;
    }

    void *interface_cast(QAccessible::InterfaceType type) override
    {
        if (type == QAccessible::ActionInterface)
            return static_cast<QAccessibleActionInterface *>(this);
        return nullptr;
    }

    bool isValid() const override { return m_action && owner(); }
    QObject *object() const override { return m_action; }
    QWindow *window() const override
    {
        QWidget *widget = owner();
        return widget ? widget->window()->windowHandle() : nullptr;
    }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessibleInterface *parent() const override
    {
        return QAccessible::queryAccessibleInterface(owner());
    }
    QAccessibleInterface *child(int index) const override
    {
        QMenu *menu = subMenu();
        return index == 0 && menu ? QAccessible::queryAccessibleInterface(menu) : nullptr;
    }
    int childCount() const override { return subMenu() ? 1 : 0; }
    int indexOfChild(const QAccessibleInterface *child) const override
    {
        return child && subMenu() && child->object() == subMenu() ? 0 : -1;
    }

    QString text(QAccessible::Text t) const override
    {
        switch (t) {
        case QAccessible::Name:
            return Accessibility::withoutMnemonic(m_action->text());
        case QAccessible::Accelerator:
            return m_action->shortcut().toString(QKeySequence::NativeText);
        case QAccessible::Help:
            return m_action->whatsThis();
        default:
            return {};
        }
    }
    void setText(QAccessible::Text, const QString &) override {}

    QRect rect() const override
    {
        QWidget *widget = owner();
        QRect r;
        if (auto *menu = qobject_cast<QMenu *>(widget))
            r = menu->actionGeometry(m_action);
        else if (auto *bar = qobject_cast<QMenuBar *>(widget))
            r = bar->actionGeometry(m_action);
        return widget ? QRect(widget->mapToGlobal(r.topLeft()), r.size()) : QRect();
    }
    QAccessible::Role role() const override
    {
        return m_action->isSeparator() ? QAccessible::Separator : QAccessible::MenuItem;
    }
    QAccessible::State state() const override
    {
        QAccessible::State s;
        QWidget *widget = owner();
        s.invisible = !m_action->isVisible() || !widget;
        s.disabled = !m_action->isEnabled();
        s.checkable = m_action->isCheckable();
        s.checked = m_action->isChecked();
        s.hasPopup = subMenu() != nullptr;
        s.focusable = !m_action->isSeparator();
        QAction *active = nullptr;
        if (auto *menu = qobject_cast<QMenu *>(widget))
            active = menu->activeAction();
        else if (auto *bar = qobject_cast<QMenuBar *>(widget))
            active = bar->activeAction();
        s.focused = s.hotTracked = active == m_action && widget->isVisible();
        return s;
    }

    // QAccessibleActionInterface
    QStringList actionNames() const override
    {
        if (!m_action->isEnabled() || m_action->isSeparator())
            return {};
        return {subMenu() ? showMenuAction() : pressAction()};
    }
    void doAction(const QString &name) override
    {
        if (!m_action->isEnabled())
            return;
        if (QMenu *menu = subMenu()) {
            if (name != showMenuAction() && name != pressAction())
                return;
            QWidget *widget = owner();
            if (menu->isVisible())
                menu->hide();
            else if (auto *bar = qobject_cast<QMenuBar *>(widget))
                bar->setActiveAction(m_action);
            else if (auto *parentMenu = qobject_cast<QMenu *>(widget))
                parentMenu->setActiveAction(m_action);
            return;
        }
        if (name != pressAction())
            return;
        // As a click: the open menus close before the action runs. Queued, so
        // an action that opens a dialog does not hold up the tool's call.
        for (int i = 0; i < 16 && QApplication::activePopupWidget(); ++i)
            QApplication::activePopupWidget()->close();
        QMetaObject::invokeMethod(m_action, &QAction::trigger, Qt::QueuedConnection);
    }
    QStringList keyBindingsForAction(const QString &) const override { return {}; }

private:
    QWidget *owner() const { return m_action ? ownerOf(m_action) : nullptr; }
    QMenu *subMenu() const { return m_action ? m_action->menu() : nullptr; }

    QPointer<QAction> m_action;
};

// A tool button that opens a menu. Qt's own interface opens it with
// QToolButton::showMenu(), which runs the menu in a nested event loop: an
// assistive tool's call did not return until the menu closed, and the menu
// was not in the tree below the button.
class MenuButton : public QAccessibleWidget
{
public:
    explicit MenuButton(QToolButton *button)
        : QAccessibleWidget(button, QAccessible::ButtonMenu)
    {}

    QString text(QAccessible::Text t) const override
    {
        const QString text = QAccessibleWidget::text(t);
        if (t == QAccessible::Name && text.isEmpty())
            return Accessibility::withoutMnemonic(button()->text());
        return text;
    }
    QAccessible::State state() const override
    {
        QAccessible::State s = QAccessibleWidget::state();
        s.hasPopup = true;
        return s;
    }
    int childCount() const override { return menu() ? 1 : 0; }
    QAccessibleInterface *child(int index) const override
    {
        return index == 0 && menu() ? QAccessible::queryAccessibleInterface(menu()) : nullptr;
    }
    int indexOfChild(const QAccessibleInterface *child) const override
    {
        return child && menu() && child->object() == menu() ? 0 : -1;
    }

    QStringList actionNames() const override
    {
        QStringList names = QAccessibleWidget::actionNames();
        if (widget()->isEnabled() && menu())
            names = QStringList{pressAction(), showMenuAction()} + names;
        return names;
    }
    void doAction(const QString &name) override
    {
        if ((name == pressAction() || name == showMenuAction()) && widget()->isEnabled() &&
            menu()) {
            menu()->popup(button()->mapToGlobal(QPoint(0, button()->height())));
            return;
        }
        QAccessibleWidget::doAction(name);
    }

private:
    QToolButton *button() const { return static_cast<QToolButton *>(widget()); }
    QMenu *menu() const { return button()->menu(); }
};

// Qt 6.4 offers a combo box's items to assistive tools only as list cells
// that "Toggle" their selection, which chose nothing. A selection made in
// the closed list is taken as the choice, with the signals a click sends.
void chooseOnSelection(QComboBox *combo)
{
    if (combo->property(ChoosesOnSelection).toBool())
        return;
    combo->setProperty(ChoosesOnSelection, true);
    QAbstractItemView *view = combo->view();
    QObject::connect(
        view->selectionModel(), &QItemSelectionModel::selectionChanged, combo, [combo, view] {
            // Browsing the open list with the keys selects too: that is no
            // choice until Enter, which the combo box handles itself.
            if (view->isVisible() || !combo->isEnabled())
                return;
            const QModelIndexList rows = view->selectionModel()->selectedRows(combo->modelColumn());
            if (rows.size() != 1 || rows.first().row() == combo->currentIndex())
                return;
            combo->setCurrentIndex(rows.first().row());
            Q_EMIT combo->activated(combo->currentIndex());
            Q_EMIT combo->textActivated(combo->currentText());
        });
}

QAccessibleInterface *factory(const QString &key, QObject *object)
{
    if (key == u"QLabel") {
        auto *label = qobject_cast<QLabel *>(object);
        // A picture stays with Qt's own interface: it is an image, not text.
        if (label && label->pixmap().isNull() && !label->movie())
            return new LabelText(label);
    } else if (key == u"QComboBox") {
        if (auto *combo = qobject_cast<QComboBox *>(object))
            chooseOnSelection(combo);
        // Qt's own interface, now that a selection chooses.
    } else if (key == u"QToolButton") {
        auto *button = qobject_cast<QToolButton *>(object);
        // A split button's main part does its own work: Qt's interface serves it.
        if (button && button->menu() && button->popupMode() == QToolButton::InstantPopup)
            return new MenuButton(button);
    } else if (key == u"QAction") {
        auto *action = qobject_cast<QAction *>(object);
        if (action && MenuItem::ownerOf(action))
            return new MenuItem(action);
    }
    return nullptr;
}

} // namespace

namespace Accessibility {

void install()
{
    QAccessible::installFactory(factory); // ignores a second installation
}

QString withoutMnemonic(QString text)
{
    static const QRegularExpression bracketed(QStringLiteral("\\(&[^)]\\)"));
    return text.remove(bracketed).remove(QLatin1Char('&'));
}

} // namespace Accessibility
