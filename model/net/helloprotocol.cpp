#include "helloprotocol.h"

HelloProtocol::HelloProtocol(const Config &config)
    : m_config(config)
{}

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
    out->replies.append(reply(m_config.replyTemplate, message));
    return true;
}

HelloProtocol::Output HelloProtocol::receive(QByteArrayView bytes)
{
    Output out;
    if (!m_config.lineFraming) {
        handleMessage(bytes, &out);
        return out;
    }
    m_pending.append(bytes);
    qsizetype start = 0;
    while (start < m_pending.size()) {
        const qsizetype newline = m_pending.indexOf('\n', start);
        qsizetype end;
        if (newline >= 0 && newline - start < m_config.maxLineLength) {
            end = newline + 1;
        } else if (m_pending.size() - start >= m_config.maxLineLength) {
            // A line longer than the limit is answered in pieces rather than
            // buffered without bound.
            end = start + m_config.maxLineLength;
        } else {
            break;
        }
        const bool goOn = handleMessage(QByteArrayView(m_pending).sliced(start, end - start), &out);
        start = end;
        if (!goOn) {
            m_pending.clear();
            return out;
        }
    }
    m_pending.remove(0, start);
    return out;
}
