#include "scriptrunner.h"

#include <QCoreApplication>
#include <QTimer>

namespace {

QString trRunner(const char *text)
{
    return QCoreApplication::translate("ScriptRunner", text);
}

} // namespace

ScriptRunner::ScriptRunner(const Script &script, const QString &peer, Io io, QObject *parent)
    : QObject(parent)
    , m_script(script)
    , m_peer(peer)
    , m_io(std::move(io))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ScriptRunner::onTimer);
}

void ScriptRunner::start()
{
    if (m_started)
        return;
    m_started = true;
    advance();
}

QString ScriptRunner::describeStep(const Script::Step &step)
{
    switch (step.type) {
    case Script::Step::Type::ExpectText:
        return QStringLiteral("\"%1\"").arg(PayloadCodec::toEscaped(step.bytes));
    case Script::Step::Type::ExpectRegex:
        return QStringLiteral("/%1/").arg(step.regex.pattern());
    default:
        return step.source;
    }
}

void ScriptRunner::setStatus(int index, Status status, const QString &detail)
{
    Q_EMIT stepChanged(index, int(status), detail);
}

void ScriptRunner::receive(const QByteArray &bytes)
{
    if (m_finished)
        return;
    m_buffer.append(bytes);
    if (m_buffer.size() > MaxBuffered)
        m_buffer.remove(0, m_buffer.size() - MaxBuffered);
    if (m_waiting != Waiting::Expect)
        return;
    if (tryExpect(m_script.steps().at(m_index))) {
        m_timer->stop();
        m_waiting = Waiting::Nothing;
        setStatus(m_index, Status::Ok);
        ++m_index;
        advance();
    }
}

void ScriptRunner::connectionClosed()
{
    if (m_closed)
        return;
    m_closed = true;
    if (m_finished || !m_started)
        return;
    if (m_waiting == Waiting::Expect) {
        m_timer->stop();
        fail(trRunner("the connection closed first"));
    }
}

bool ScriptRunner::tryExpect(const Script::Step &step)
{
    qsizetype end = -1;
    if (step.type == Script::Step::Type::ExpectText) {
        const qsizetype at = m_buffer.indexOf(step.bytes);
        if (at < 0)
            return false;
        end = at + step.bytes.size();
    } else {
        // Offsets in the decoded text map back to bytes only when the bytes
        // decode cleanly; otherwise (a character cut by the read, a stray byte)
        // the expression sees them as Latin-1, one character per byte.
        const PayloadCodec::Encoding encoding = m_script.encoding();
        QString text = PayloadCodec::decode(m_buffer, encoding);
        const bool exact = PayloadCodec::encode(text, encoding) == m_buffer;
        if (!exact)
            text = PayloadCodec::decode(m_buffer, PayloadCodec::Encoding::Latin1);
        const QRegularExpressionMatch m = step.regex.match(text);
        if (!m.hasMatch())
            return false;
        m_captures.captures.clear();
        m_captures.named.clear();
        for (int g = 0; g <= step.regex.captureCount(); ++g)
            m_captures.captures.append(PayloadCodec::encode(m.capturedView(g), encoding));
        const QStringList names = step.regex.namedCaptureGroups();
        for (int g = 1; g < names.size(); ++g) {
            if (!names.at(g).isEmpty())
                m_captures.named.insert(names.at(g), m_captures.captures.value(g));
        }
        end = exact
                  ? PayloadCodec::encode(QStringView(text).first(m.capturedEnd()), encoding).size()
                  : m.capturedEnd();
    }
    m_buffer.remove(0, end);
    return true;
}

void ScriptRunner::advance()
{
    // A send may close the connection under us (a write error), which calls
    // back into connectionClosed(); the loop below then sees m_closed.
    if (m_advancing)
        return;
    m_advancing = true;
    const QList<Script::Step> &steps = m_script.steps();
    while (!m_finished && m_index < steps.size()) {
        const Script::Step &step = steps.at(m_index);
        setStatus(m_index, Status::Running);
        switch (step.type) {
        case Script::Step::Type::Send:
        case Script::Step::Type::SendHex: {
            if (m_closed) {
                fail(trRunner("the connection is closed"));
                break;
            }
            QByteArray bytes = step.bytes;
            if (step.type == Script::Step::Type::Send) {
                MessageTemplate::Context context = m_captures;
                context.peer = m_peer;
                context.counter = ++m_sends;
                QString error;
                if (!step.message.render(context, &bytes, &error)) {
                    fail(error);
                    break;
                }
            }
            m_io.send(bytes);
            break;
        }
        case Script::Step::Type::Timeout:
            break;
        case Script::Step::Type::Close:
            m_closed = true;
            m_io.close();
            break;
        case Script::Step::Type::Wait:
            m_waiting = Waiting::Wait;
            m_timer->start(step.ms);
            m_advancing = false;
            return;
        case Script::Step::Type::ExpectText:
        case Script::Step::Type::ExpectRegex:
            if (tryExpect(step))
                break;
            if (m_closed) {
                fail(trRunner("the connection closed first"));
                break;
            }
            m_waiting = Waiting::Expect;
            m_timer->start(step.ms);
            m_advancing = false;
            return;
        }
        if (m_finished)
            break;
        setStatus(m_index, Status::Ok);
        ++m_index;
    }
    m_advancing = false;
    if (!m_finished) {
        m_finished = true;
        Q_EMIT finished(true,
                        QCoreApplication::translate("ScriptRunner", "Script passed: %n step(s).",
                                                    nullptr, int(steps.size())));
    }
}

void ScriptRunner::onTimer()
{
    const Waiting waiting = std::exchange(m_waiting, Waiting::Nothing);
    if (waiting == Waiting::Wait) {
        setStatus(m_index, Status::Ok);
        ++m_index;
        advance();
    } else if (waiting == Waiting::Expect) {
        fail(trRunner("timed out after %1 ms").arg(m_script.steps().at(m_index).ms));
    }
}

void ScriptRunner::fail(const QString &reason)
{
    m_waiting = Waiting::Nothing;
    m_finished = true;
    const Script::Step &step = m_script.steps().at(m_index);
    const bool expect =
        step.type == Script::Step::Type::ExpectText || step.type == Script::Step::Type::ExpectRegex;
    QString detail = reason;
    if (expect) {
        const QByteArray tail = m_buffer.right(ShownBytes);
        const QString last =
            m_buffer.isEmpty()
                ? trRunner("nothing unmatched had arrived")
                : trRunner("the last bytes that arrived: \"%1%2\"")
                      .arg(m_buffer.size() > ShownBytes ? QStringLiteral("...") : QString(),
                           PayloadCodec::toEscaped(tail));
        detail = trRunner("expected %1, %2; %3").arg(describeStep(step), reason, last);
    }
    m_failure = trRunner("Script failed at line %1: %2").arg(step.line).arg(detail);
    setStatus(m_index, Status::Failed, detail);
    Q_EMIT finished(false, m_failure);
}
