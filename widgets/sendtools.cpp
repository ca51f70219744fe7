#include "sendtools.h"

#include "filesendcontrols.h"
#include "hostport.h"
#include "repeatcontrols.h"
#include "savedmessagedialog.h"
#include "savedmessagesview.h"
#include "sessionkind.h"

#include <QKeySequence>
#include <QShortcut>

SendTools::SendTools(Engine *engine, SavedMessageModel *model, Hooks hooks, QWidget *parent)
    : QTabWidget(parent)
    , m_engine(engine)
    , m_model(model)
    , m_hooks(std::move(hooks))
    , m_jobs(new SendJobs(engine, this))
    , m_saved(new SavedMessagesView(model, this))
    , m_repeat(new RepeatControls(this))
    , m_file(new FileSendControls(this))
{
    setObjectName(QStringLiteral("sendTools"));
    setDocumentMode(true);
    addTab(m_saved, QString());
    addTab(m_repeat, QString());
    addTab(m_file, QString());

    connect(m_saved, &SavedMessagesView::sendRequested, this, &SendTools::sendSaved);
    connect(m_saved, &SavedMessagesView::editRequested, this, &SendTools::edit);
    connect(m_saved, &SavedMessagesView::saveCurrentRequested, this, &SendTools::saveCurrent);
    connect(m_repeat, &RepeatControls::startRequested, this, &SendTools::startRepeat);
    connect(m_repeat, &RepeatControls::stopRequested, this, [this] { m_jobs->stop(m_repeatJob); });
    connect(m_file, &FileSendControls::fileChosen, this, &SendTools::sendFile);
    connect(m_file, &FileSendControls::cancelRequested, this, [this] { m_jobs->stop(m_fileJob); });
    connect(m_jobs, &SendJobs::repeatProgress, this,
            [this](SendJobs::JobId job, const RepeatProgress &progress) {
                if (job == m_repeatJob)
                    m_repeat->setProgress(progress);
            });
    connect(m_jobs, &SendJobs::fileProgress, this,
            [this](SendJobs::JobId job, const FileSendProgress &progress) {
                if (job == m_fileJob)
                    m_file->setProgress(progress);
            });

    // Alt+1 … Alt+9 anywhere in the window send the first nine saved messages,
    // also while another side tab is showing.
    QWidget *scope = parent ? parent->window() : this;
    for (int i = 0; i < 9; ++i) {
        auto *shortcut = new QShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)), scope);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, i] {
            if (i < m_model->rowCount())
                sendSaved(i);
        });
    }
    retranslate();
}

void SendTools::retranslate()
{
    setTabText(indexOf(m_saved), tr("Saved"));
    setTabText(indexOf(m_repeat), tr("Repeat"));
    setTabText(indexOf(m_file), tr("File"));
    setAccessibleName(tr("Send tools"));
    m_saved->retranslate();
    m_repeat->retranslate();
    m_file->retranslate();
}

void SendTools::setSession(SessionId session, const Engine::SessionInfo &info, bool sendable)
{
    m_session = session;
    m_datagrams = SessionKind::isDatagram(info.config.kind);
    m_repeat->setSendable(sendable);
    m_file->setSendable(sendable, m_datagrams);
}

bool SendTools::targetFor(const SavedMessage &message, SendTarget *target)
{
    QString error;
    if (message.target.isEmpty()) {
        if (!m_hooks.target(target, &error)) {
            m_hooks.showError(error);
            return false;
        }
    } else if (message.target == u"all") {
        *target = SendTarget::toAll();
    } else {
        HostPort::Parsed parsed;
        if (!HostPort::parse(message.target, HostPort::HostRule::Required,
                             HostPort::PortRule::NonZero, &parsed, &error)) {
            m_hooks.showError(tr("\"%1\": %2").arg(message.name, error));
            return false;
        }
        *target = SendTarget::toAddress(parsed.host, parsed.port);
    }
    return true;
}

bool SendTools::sendSaved(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return false;
    const SavedMessage message = m_model->message(row);
    if (!m_session || !isSessionOpen(m_engine->session(m_session).state)) {
        m_hooks.showError(tr("The session is not running: start it to send."));
        return false;
    }
    SendTarget target;
    if (!targetFor(message, &target))
        return false;
    if (message.repeats())
        return startRepeatOf(message, target, message.repeatIntervalMs, message.repeatCount);
    SendMessage compiled;
    PayloadCodec::ParseResult failure;
    QByteArray bytes;
    QString error;
    if (!message.format.compile(message.text, &compiled, &failure) ||
        !compiled.render({}, &bytes, &error)) {
        m_hooks.showError(tr("\"%1\": %2").arg(message.name, failure.ok() ? error : failure.error));
        return false;
    }
    m_engine->send(m_session, target, bytes);
    return true;
}

bool SendTools::startRepeat()
{
    SavedMessage current;
    SendTarget target;
    QString error;
    if (!m_hooks.current(&current))
        return false;
    if (!m_hooks.target(&target, &error)) {
        m_hooks.showError(error);
        return false;
    }
    return startRepeatOf(current, target, m_repeat->intervalMs(), quint64(m_repeat->count()));
}

bool SendTools::startRepeatOf(const SavedMessage &message, const SendTarget &target,
                              qint64 intervalMs, quint64 count)
{
    SendMessage compiled;
    PayloadCodec::ParseResult failure;
    if (!message.format.compile(message.text, &compiled, &failure)) {
        m_hooks.showError(failure.error);
        return false;
    }
    if (m_repeat->isRunning())
        m_jobs->stop(m_repeatJob);
    SendJobs::Repeat repeat;
    repeat.target = target;
    repeat.messages = {compiled};
    repeat.intervalMs = intervalMs;
    repeat.count = count;
    m_repeat->setValues(intervalMs, count);
    m_repeatJob = m_jobs->startRepeat(m_session, repeat);
    RepeatProgress starting;
    starting.total = count;
    starting.running = true;
    m_repeat->setProgress(starting);
    return true;
}

bool SendTools::sendFile(const QString &path)
{
    SendTarget target;
    QString error;
    if (!m_hooks.target(&target, &error)) {
        m_hooks.showError(error);
        return false;
    }
    SendJobs::File file;
    file.target = target;
    file.path = path;
    if (m_datagrams) {
        file.chunkBytes = m_file->datagramSize();
        file.intervalMs = m_file->datagramIntervalMs();
    }
    m_fileJob = m_jobs->startFile(m_session, file);
    FileSendProgress starting;
    starting.running = true;
    m_file->setProgress(starting);
    return true;
}

void SendTools::saveCurrent()
{
    SavedMessage current;
    if (!m_hooks.current(&current))
        return;
    current.name = current.text.section(u'\n', 0, 0).left(40);
    if (current.name.trimmed().isEmpty())
        current.name = tr("Message %1").arg(m_model->rowCount() + 1);
    const int row = m_model->append(current);
    m_saved->setCurrentRow(row);
}

void SendTools::edit(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    SavedMessageDialog dialog(m_model->message(row), this);
    if (dialog.exec() == QDialog::Accepted)
        m_model->replace(row, dialog.message());
}
