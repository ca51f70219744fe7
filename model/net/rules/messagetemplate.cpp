#include "messagetemplate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

namespace {

QString trTemplate(const char *text)
{
    return QCoreApplication::translate("MessageTemplate", text);
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

} // namespace

bool MessageTemplate::parse(QStringView text, PayloadCodec::Encoding encoding, Syntax syntax,
                            QString *error, qsizetype *position)
{
    m_parts.clear();
    // Escaped text not yet turned into bytes. A run is always a contiguous
    // piece of `text` (every macro or capture ends it), starting at literalStart.
    QString literal;
    qsizetype literalStart = 0;

    auto fail = [&](const QString &message, qsizetype at) {
        m_parts.clear();
        if (error)
            *error = message;
        if (position)
            *position = at;
        return false;
    };
    auto flush = [&]() -> bool {
        if (literal.isEmpty())
            return true;
        PayloadCodec::ParseResult r = PayloadCodec::parseEscaped(literal, encoding);
        if (!r.ok()) {
            // Parse again behind as many spaces as precede the run, so the codec's
            // sentence and position count from the start of the whole template.
            r = PayloadCodec::parseEscaped(QString(QString(literalStart, u' ') + literal),
                                           encoding);
            return fail(r.error, r.position);
        }
        if (!m_parts.isEmpty() && m_parts.last().type == Part::Type::Bytes)
            m_parts.last().bytes.append(r.bytes);
        else
            m_parts.append({Part::Type::Bytes, r.bytes, 0, {}});
        literal.clear();
        return true;
    };
    auto addLiteral = [&](qsizetype from, qsizetype count) {
        if (literal.isEmpty())
            literalStart = from;
        literal.append(text.sliced(from, count));
    };
    auto addPart = [&](Part part) -> bool {
        if (!flush())
            return false;
        if (part.type == Part::Type::Bytes && !m_parts.isEmpty() &&
            m_parts.last().type == Part::Type::Bytes)
            m_parts.last().bytes.append(part.bytes);
        else
            m_parts.append(std::move(part));
        return true;
    };

    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 1 < n) {
            const QChar next = text.at(i + 1);
            if (syntax == Syntax::Reply && next.isDigit() && next.unicode() < 128) {
                if (!addPart({Part::Type::Capture, {}, next.digitValue(), {}}))
                    return false;
                i += 2;
                continue;
            }
            if (next == u'{') {
                if (!addPart({Part::Type::Bytes, QByteArrayLiteral("{"), 0, {}}))
                    return false;
                i += 2;
                continue;
            }
            addLiteral(i, 2); // keeps "\\" paired; \x41's digits follow as text
            i += 2;
            continue;
        }
        if (c == u'$' && syntax != Syntax::Message && i + 1 < n) {
            const QChar next = text.at(i + 1);
            if (next == u'$') {
                if (!addPart({Part::Type::Bytes, QByteArrayLiteral("$"), 0, {}}))
                    return false;
                i += 2;
                continue;
            }
            if (syntax == Syntax::Script && next.isDigit() && next.unicode() < 128) {
                if (!addPart({Part::Type::Capture, {}, next.digitValue(), {}}))
                    return false;
                i += 2;
                continue;
            }
            if (next == u'{') {
                const qsizetype close = text.indexOf(u'}', i + 2);
                const QStringView name =
                    close < 0 ? QStringView() : text.sliced(i + 2, close - i - 2);
                if (close < 0 || name.isEmpty() ||
                    !std::all_of(name.begin(), name.end(), isNameChar))
                    return fail(
                        trTemplate("\"${\" at position %1 must be followed by a group name and "
                                   "\"}\"; write $$ for a literal \"$\".")
                            .arg(i),
                        i);
                if (name.front().isDigit() && name.size() == 1) {
                    if (!addPart({Part::Type::Capture, {}, name.front().digitValue(), {}}))
                        return false;
                } else if (!addPart({Part::Type::Named, {}, 0, name.toString()})) {
                    return false;
                }
                i = close + 1;
                continue;
            }
        }
        if (c == u'{' && i + 1 < n && text.at(i + 1) == u'{') {
            const qsizetype close = text.indexOf(u"}}", i + 2);
            if (close < 0)
                return fail(trTemplate("\"{{\" at position %1 is not closed by \"}}\"; write "
                                       "\\{ for a literal \"{\".")
                                .arg(i),
                            i);
            const QStringView macro = text.sliced(i + 2, close - i - 2);
            const qsizetype colon = macro.indexOf(u':');
            const QStringView head = (colon < 0 ? macro : macro.first(colon)).trimmed();
            const QStringView arg = colon < 0 ? QStringView() : macro.sliced(colon + 1);
            Part part;
            if (head == u"counter" && colon < 0) {
                part.type = Part::Type::Counter;
            } else if (head == u"peer" && colon < 0) {
                part.type = Part::Type::Peer;
            } else if (head == u"time") {
                part.type = Part::Type::Time;
                part.text = colon < 0 ? QStringLiteral("hh:mm:ss.zzz") : arg.toString();
                if (part.text.isEmpty())
                    return fail(trTemplate("{{time:}} at position %1 needs a format, e.g. "
                                           "{{time:hh:mm:ss}}.")
                                    .arg(i),
                                i);
            } else if (head == u"random") {
                bool ok = false;
                const int count = arg.trimmed().toInt(&ok);
                if (!ok || count < 1 || count > MaxRandomBytes)
                    return fail(trTemplate("{{random:N}} at position %2 takes a number of bytes "
                                           "from 1 to %1.")
                                    .arg(MaxRandomBytes)
                                    .arg(i),
                                i);
                part.type = Part::Type::Random;
                part.number = count;
            } else if (head == u"file") {
                if (arg.trimmed().isEmpty())
                    return fail(
                        trTemplate("{{file:PATH}} at position %1 needs a file name.").arg(i), i);
                part.type = Part::Type::File;
                part.text = arg.trimmed().toString();
            } else {
                return fail(trTemplate("Unknown macro \"{{%1}}\" at position %2: use counter, "
                                       "time, peer, random:N or file:PATH.")
                                .arg(macro.toString())
                                .arg(i),
                            i);
            }
            if (!addPart(part))
                return false;
            i = close + 2;
            continue;
        }
        addLiteral(i, 1);
        ++i;
    }
    if (!flush())
        return false;
    if (error)
        error->clear();
    if (position)
        *position = -1;
    return true;
}

bool MessageTemplate::render(const Context &context, QByteArray *out, QString *error) const
{
    // One allocation for the usual reply (text and captures, and room for
    // the line ending a rule puts back) rather than one per part.
    qsizetype room = 2;
    for (const Part &part : m_parts) {
        if (part.type == Part::Type::Bytes)
            room += part.bytes.size();
        else if (part.type == Part::Type::Capture && part.number < context.captures.size())
            room += context.captures.at(part.number).size();
    }
    out->clear();
    out->reserve(room);
    for (const Part &part : m_parts) {
        switch (part.type) {
        case Part::Type::Bytes:
            out->append(QByteArrayView(part.bytes));
            break;
        case Part::Type::Capture:
            if (part.number < context.captures.size())
                out->append(QByteArrayView(context.captures.at(part.number)));
            break;
        case Part::Type::Named:
            out->append(context.named.value(part.text));
            break;
        case Part::Type::Counter:
            out->append(QByteArray::number(context.counter));
            break;
        case Part::Type::Time: {
            const QDateTime when = context.timeUs > 0
                                       ? QDateTime::fromMSecsSinceEpoch(context.timeUs / 1000)
                                       : QDateTime::currentDateTime();
            out->append(when.toString(part.text).toUtf8());
            break;
        }
        case Part::Type::Peer:
            out->append(context.peer.toUtf8());
            break;
        case Part::Type::Random: {
            const qsizetype at = out->size();
            out->resize(at + part.number);
            for (int k = 0; k < part.number; ++k)
                (*out)[at + k] = char(QRandomGenerator::global()->bounded(256));
            break;
        }
        case Part::Type::File: {
            // Only regular files: a device such as /dev/zero never ends, and a
            // FIFO or /dev/stdin blocks the thread that answers the network.
            const QFileInfo info(part.text);
            if (info.exists() && !info.isFile()) {
                if (error)
                    *error = trTemplate("%1 is not a regular file: {{file:}} sends the bytes "
                                        "of a file.")
                                 .arg(part.text);
                return false;
            }
            QFile file(part.text);
            if (!file.open(QIODevice::ReadOnly)) {
                if (error)
                    *error = trTemplate("Cannot read %1: %2").arg(part.text, file.errorString());
                return false;
            }
            if (file.size() > MaxFileBytes) {
                if (error)
                    *error = trTemplate("%1 is larger than %2 MiB: send it as a file instead.")
                                 .arg(part.text)
                                 .arg(MaxFileBytes / (1024 * 1024));
                return false;
            }
            // At most one byte more than allowed, in case it grew since size().
            const QByteArray bytes = file.read(MaxFileBytes + 1);
            if (bytes.size() > MaxFileBytes) {
                if (error)
                    *error = trTemplate("%1 is larger than %2 MiB: send it as a file instead.")
                                 .arg(part.text)
                                 .arg(MaxFileBytes / (1024 * 1024));
                return false;
            }
            out->append(bytes);
            break;
        }
        }
    }
    return true;
}

QByteArray MessageTemplate::render(const Context &context) const
{
    QByteArray out;
    render(context, &out, nullptr);
    return out;
}

QByteArray MessageTemplate::render() const
{
    return render(Context());
}

bool MessageTemplate::isConstant() const
{
    return std::all_of(m_parts.begin(), m_parts.end(),
                       [](const Part &p) { return p.type == Part::Type::Bytes; });
}
