#include "helloprotocol.h"

HelloProtocol::HelloProtocol(const Config &config)
    : m_config(config)
{
    if (!m_config.rules) {
        m_config.rules = std::make_shared<RuleSet>();
        m_config.rules->appendHello(m_config.replyTemplate);
    }
}

QByteArrayView HelloProtocol::splitLineEnding(QByteArrayView message, QByteArrayView *ending)
{
    qsizetype cut = 0;
    if (message.endsWith("\r\n"))
        cut = 2;
    else if (message.endsWith('\n'))
        cut = 1;
    if (ending)
        *ending = message.last(cut);
    return message.first(message.size() - cut);
}

QByteArray HelloProtocol::reply(QByteArrayView replyTemplate, QByteArrayView message)
{
    QByteArrayView ending;
    const QByteArrayView text = splitLineEnding(message, &ending);
    QByteArray out;
    const qsizetype slot = replyTemplate.indexOf("%s");
    out.reserve(replyTemplate.size() + text.size() + ending.size());
    if (slot < 0) {
        out.append(replyTemplate);
    } else {
        out.append(replyTemplate.first(slot));
        out.append(text);
        out.append(replyTemplate.sliced(slot + 2));
    }
    out.append(ending);
    return out;
}

bool HelloProtocol::handleMessage(QByteArrayView message, Output *out) const
{
    if (splitLineEnding(message, nullptr) == m_config.exitWord && !m_config.exitWord.isEmpty()) {
        out->close = true;
        return false;
    }
    if (const std::optional<RuleSet::Answer> answer = m_config.rules->answer(message, m_peer)) {
        // A reply whose {{file:}} cannot be read is not sent: the rule's
        // author sees nothing went out rather than half a message.
        if (answer->error.isEmpty()) {
            out->replies.append(answer->bytes);
            out->delaysMs.append(answer->delayMs);
        } else {
            out->errors.append(answer->error);
        }
    }
    return true;
}

HelloProtocol::Output HelloProtocol::receive(QByteArrayView bytes)
{
    Output out;
    receive(bytes, &out);
    return out;
}

void HelloProtocol::receive(QByteArrayView bytes, Output *out)
{
    out->replies.clear();
    out->delaysMs.clear();
    out->close = false;
    out->errors.clear();
    if (!m_config.lineFraming) {
        handleMessage(bytes, out);
        return;
    }
    // Lines are answered straight from what arrived; only an unfinished
    // line is kept, to be joined with what comes next.
    const bool joined = !m_pending.isEmpty();
    if (joined)
        m_pending.append(bytes);
    const QByteArrayView data = joined ? QByteArrayView(m_pending) : bytes;
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype newline = data.indexOf('\n', start);
        qsizetype end;
        if (newline >= 0 && newline - start < m_config.maxLineLength) {
            end = newline + 1;
        } else if (data.size() - start >= m_config.maxLineLength) {
            // A line longer than the limit is answered in pieces rather than
            // buffered without bound.
            end = start + m_config.maxLineLength;
        } else {
            break;
        }
        const bool goOn = handleMessage(data.sliced(start, end - start), out);
        start = end;
        if (!goOn) {
            m_pending.clear();
            return;
        }
    }
    if (joined)
        m_pending.remove(0, start);
    else if (start < data.size())
        m_pending = data.sliced(start).toByteArray();
}
