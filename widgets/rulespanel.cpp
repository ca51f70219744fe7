#include "rulespanel.h"

#include "engine.h"
#include "ruleset.h"
#include "rulesmodel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// The match kind is chosen from a list, not typed.
class MatchDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &,
                          const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("ruleMatchCombo"));
        combo->setAccessibleName(RulesPanel::tr("Match kind"));
        for (Rule::Match m : {Rule::Match::Exact, Rule::Match::Contains, Rule::Match::StartsWith,
                              Rule::Match::Regex, Rule::Match::Hex})
            combo->addItem(RulesModel::matchName(m), int(m));
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        combo->setCurrentIndex(combo->findData(index.data(Qt::EditRole)));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentData(), Qt::EditRole);
    }
};

QToolButton *makeButton(const QString &objectName, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(objectName);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

RulesPanel::RulesPanel(Engine *engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_model(new RulesModel(this))
    , m_intro(new QLabel(this))
    , m_add(makeButton(QStringLiteral("rulesAdd"), this))
    , m_remove(makeButton(QStringLiteral("rulesRemove"), this))
    , m_up(makeButton(QStringLiteral("rulesUp"), this))
    , m_down(makeButton(QStringLiteral("rulesDown"), this))
    , m_table(new QTableView(this))
    , m_error(new QLabel(this))
    , m_tryLabel(new QLabel(this))
    , m_try(new QLineEdit(this))
    , m_tryResult(new QLabel(this))
{
    setObjectName(QStringLiteral("rulesPanel"));
    m_intro->setObjectName(QStringLiteral("rulesIntro"));
    m_intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(RulesModel::MatchColumn, new MatchDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(RulesModel::EnabledColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RulesModel::MatchColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RulesModel::PatternColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RulesModel::ReplyColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RulesModel::DelayColumn, QHeaderView::ResizeToContents);
    m_error->setObjectName(QStringLiteral("rulesError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    m_try->setObjectName(QStringLiteral("rulesTryInput"));
    m_try->setClearButtonEnabled(true);
    m_tryLabel->setBuddy(m_try);
    m_tryResult->setObjectName(QStringLiteral("rulesTryResult"));
    m_tryResult->setWordWrap(true);
    m_tryResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_tryLabel);
    layout->addWidget(m_try);
    layout->addWidget(m_tryResult);

    connect(m_add, &QToolButton::clicked, this, &RulesPanel::addRule);
    connect(m_remove, &QToolButton::clicked, this, [this] {
        m_model->removeRule(m_table->currentIndex().row());
        updateButtons();
    });
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(1); });
    connect(m_model, &RulesModel::rulesEdited, this, &RulesPanel::onRulesEdited);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RulesPanel::updateButtons);
    connect(m_try, &QLineEdit::textChanged, this, &RulesPanel::updateTry);
    connect(m_engine, &Engine::sessionChanged, this, [this](SessionId id) {
        // Reloaded only when the saved rules changed elsewhere: edits made
        // here are already what the engine has.
        if (id == m_session && m_engine->session(id).config.rules != m_model->rules() &&
            m_error->isHidden())
            load();
        else if (id == m_session)
            updateTry(); // the protocol (hello or not) decides the fallback
    });
    retranslate();
    setSession(0);
}

void RulesPanel::retranslate()
{
    m_intro->setText(
        tr("The first rule that matches a message answers it. Replies take "
           "\\1, ${name}, {{peer}}, {{counter}}, escapes. Applies at the next start."));
    m_add->setText(tr("Add"));
    m_add->setAccessibleName(tr("Add a rule"));
    m_remove->setText(tr("Remove"));
    m_remove->setAccessibleName(tr("Remove the selected rule"));
    m_up->setText(tr("Up"));
    m_up->setAccessibleName(tr("Move the selected rule up"));
    m_down->setText(tr("Down"));
    m_down->setAccessibleName(tr("Move the selected rule down"));
    m_table->setAccessibleName(tr("Auto-reply rules"));
    m_error->setAccessibleName(tr("Problem with the rules"));
    m_tryLabel->setText(tr("&Try a message (escapes allowed, e.g. PING 42\\r\\n):"));
    m_try->setAccessibleName(tr("Message to try"));
    m_tryResult->setAccessibleName(tr("Answer to the tried message"));
    m_model->retranslate();
    updateTry();
}

void RulesPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RulesPanel::setSession(SessionId session)
{
    m_session = session;
    load();
    setEnabled(session != 0);
}

void RulesPanel::load()
{
    m_loading = true;
    m_model->setRules(m_session ? m_engine->session(m_session).config.rules : QList<Rule>());
    m_loading = false;
    m_error->hide();
    updateButtons();
    updateTry();
}

void RulesPanel::onRulesEdited()
{
    if (m_loading || m_session == 0)
        return;
    SessionConfig config = m_engine->session(m_session).config;
    RuleSet check;
    QString error;
    if (!check.compile(m_model->rules(), config.encoding, &error)) {
        m_error->setText(tr("%1 The rules are saved once this is fixed.").arg(error));
        m_error->show();
    } else {
        m_error->hide();
        config.rules = m_model->rules();
        m_engine->updateSession(m_session, config);
    }
    updateTry();
}

void RulesPanel::updateTry()
{
    const QString text = m_try->text();
    if (text.isEmpty() || m_session == 0) {
        m_tryResult->setText(tr("Type a message above to see which rule answers it."));
        return;
    }
    const SessionConfig config = m_engine->session(m_session).config;
    const PayloadCodec::ParseResult message = PayloadCodec::parseEscaped(text, config.encoding);
    if (!message.ok()) {
        m_tryResult->setText(message.error);
        return;
    }
    RuleSet rules;
    QString error;
    if (!rules.compile(m_model->rules(), config.encoding, &error)) {
        m_tryResult->setText(tr("Fix the rules first."));
        return;
    }
    const bool hello = config.protocol == SessionConfig::Protocol::Hello;
    if (hello)
        rules.appendHello(config.replyTemplate);
    const auto answer = rules.tryAnswer(message.bytes, QStringLiteral("127.0.0.1:50000"));
    if (!answer) {
        m_tryResult->setText(tr("No rule matches: nothing is sent back."));
        return;
    }
    if (!answer->error.isEmpty()) {
        m_tryResult->setText(answer->error);
        return;
    }
    const QString who = hello && answer->rule == m_model->rules().size()
                            ? tr("The hello reply answers")
                            : tr("Rule %1 answers").arg(answer->rule + 1);
    m_tryResult->setText(tr("%1: \"%2\" (%3 bytes)")
                             .arg(who, PayloadCodec::toEscaped(answer->bytes))
                             .arg(answer->bytes.size()));
}

void RulesPanel::updateButtons()
{
    const int row = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_model->rowCount());
}

void RulesPanel::addRule()
{
    const Rule rule; // a regular expression, as with --rule
    const int current = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
    const int row = m_model->insertRule(current < 0 ? -1 : current + 1, rule);
    const QModelIndex pattern = m_model->index(row, RulesModel::PatternColumn);
    m_table->setCurrentIndex(pattern);
    m_table->edit(pattern);
    updateButtons();
}

void RulesPanel::moveCurrent(int by)
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int row = m_model->moveRule(current.row(), by);
    m_table->setCurrentIndex(m_model->index(row, current.column()));
    updateButtons();
}
