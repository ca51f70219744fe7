#include "script.h"

#include <QCoreApplication>
#include <QFile>

// The script grammar. One step per line; blank lines are ignored; "#" at the
// start of a line, or after a space or tab, starts a comment that runs to the
// end of the line (write \x23 for a "#" after a space in a send).
//
//   send TEXT        send TEXT: escapes \r \n \t \x00 \\ (and the other
//                    escapes of the send panel), macros {{counter}} {{time}}
//                    {{peer}} {{random:N}} {{file:PATH}}, and the captures of
//                    earlier expects as $1..$9, $0 (the whole match), ${name};
//                    $$ is a "$". Spaces inside TEXT are kept; spaces at its
//                    end are not (write \x20).
//   send-hex HEX     send bytes given in hex: "48 65 6c", "48656c", "0x48,0x65"
//   expect TEXT      wait until the received bytes contain TEXT (escapes as in
//                    send), then consume them up to the end of TEXT
//   expect /REGEX/   wait until the received bytes, decoded in the session's
//                    encoding, match REGEX (a QRegularExpression); consume up
//                    to the end of the match; its groups become $1..$9 and
//                    ${name} for the sends that follow
//   timeout MS       the time each following expect waits (default 5000 ms)
//   wait MS          pause MS milliseconds
//   close            close the connection (TCP); the script goes on
//
// Received bytes accumulate per connection from the moment it opens, so an
// answer that arrives before its expect is not lost. An expect fails when its
// timeout passes or the connection closes before the bytes arrived; the run
// then stops and says which line expected what and which bytes it had.
// MS is a whole number from 0 (wait) or 1 (timeout) to 3600000.

namespace {

QString trScript(const char *text)
{
    return QCoreApplication::translate("Script", text);
}

// Cuts a comment: "#" at the start or after a space or tab.
QString withoutComment(const QString &line)
{
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line.at(i) == u'#' && (i == 0 || line.at(i - 1) == u' ' || line.at(i - 1) == u'\t'))
            return line.first(i);
    }
    return line;
}

} // namespace

bool Script::parse(const QString &text, PayloadCodec::Encoding encoding, QString *error, int *line)
{
    m_steps.clear();
    m_encoding = encoding;
    QList<Step> steps;
    int timeoutMs = DefaultTimeoutMs;
    const QStringList lines = text.split(u'\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QString source = withoutComment(lines.at(n));
        if (source.endsWith(u'\r'))
            source.chop(1);
        source = source.trimmed();
        if (source.isEmpty())
            continue;
        const int lineNumber = int(n + 1);
        auto fail = [&](const QString &what) {
            if (error)
                *error = trScript("Line %1: %2").arg(lineNumber).arg(what);
            if (line)
                *line = lineNumber;
            return false;
        };
        const qsizetype space = source.indexOf(u' ');
        const QString keyword = space < 0 ? source : source.first(space);
        const QString argument = space < 0 ? QString() : source.sliced(space + 1).trimmed();
        Step step;
        step.line = lineNumber;
        step.source = source;
        auto parseMs = [&](int min) {
            bool ok = false;
            const int ms = argument.toInt(&ok);
            if (!ok || ms < min || ms > MaxMs)
                return fail(trScript("%1 needs milliseconds from %2 to %3, not \"%4\".")
                                .arg(keyword)
                                .arg(min)
                                .arg(MaxMs)
                                .arg(argument));
            step.ms = ms;
            return true;
        };
        if (keyword == u"send") {
            if (argument.isEmpty())
                return fail(trScript("send needs the text to send."));
            QString why;
            qsizetype at = -1;
            if (!step.message.parse(argument, encoding, MessageTemplate::Syntax::Script, &why, &at))
                return fail(why);
            step.type = Step::Type::Send;
        } else if (keyword == u"send-hex") {
            const PayloadCodec::ParseResult r = PayloadCodec::parseHex(argument);
            if (!r.ok())
                return fail(r.error);
            if (r.bytes.isEmpty())
                return fail(trScript("send-hex needs the bytes to send, e.g. send-hex 48 65 6c."));
            step.type = Step::Type::SendHex;
            step.bytes = r.bytes;
        } else if (keyword == u"expect") {
            if (argument.isEmpty())
                return fail(trScript("expect needs the text to wait for, or /REGEX/."));
            step.ms = timeoutMs;
            if (argument.size() >= 2 && argument.startsWith(u'/') && argument.endsWith(u'/')) {
                step.type = Step::Type::ExpectRegex;
                step.regex.setPattern(argument.sliced(1, argument.size() - 2));
                if (step.regex.pattern().isEmpty())
                    return fail(trScript("expect // has an empty regular expression."));
                if (!step.regex.isValid())
                    return fail(trScript("%1 at position %2 of the regular expression.")
                                    .arg(step.regex.errorString())
                                    .arg(step.regex.patternErrorOffset()));
            } else {
                const PayloadCodec::ParseResult r = PayloadCodec::parseEscaped(argument, encoding);
                if (!r.ok())
                    return fail(r.error);
                step.type = Step::Type::ExpectText;
                step.bytes = r.bytes;
            }
        } else if (keyword == u"timeout") {
            if (!parseMs(1))
                return false;
            step.type = Step::Type::Timeout;
            timeoutMs = step.ms;
        } else if (keyword == u"wait") {
            if (!parseMs(0))
                return false;
            step.type = Step::Type::Wait;
        } else if (keyword == u"close") {
            if (!argument.isEmpty())
                return fail(trScript("close takes nothing after it."));
            step.type = Step::Type::Close;
        } else {
            return fail(trScript("unknown step \"%1\": use send, send-hex, expect, timeout, wait "
                                 "or close.")
                            .arg(keyword));
        }
        steps.append(std::move(step));
    }
    if (steps.isEmpty()) {
        if (error)
            *error = trScript("The script has no steps.");
        if (line)
            *line = 0;
        return false;
    }
    m_steps = std::move(steps);
    if (error)
        error->clear();
    return true;
}

bool Script::load(const QString &path, QString *text, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = trScript("Cannot read the script %1: %2").arg(path, file.errorString());
        return false;
    }
    *text = QString::fromUtf8(file.read(4 * 1024 * 1024));
    return true;
}
