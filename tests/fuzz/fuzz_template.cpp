// Message templates: the send panel's escapes plus macros and captures, in the
// three syntaxes (message, auto-reply, script).
//
// Properties: nothing crashes; a refused template points at a character of
// the text; an accepted one renders, and the same bytes each time when it is
// constant. Round trips: any bytes written as a template (their escaped form,
// with "{" and "$" escaped) render to exactly those bytes in every syntax, and
// the hello protocol's reply template turned into a rule's reply gives back
// its bytes with the message where "%s" was.

#include "fuzzsupport.h"
#include "messagetemplate.h"
#include "payloadcodec.h"
#include "ruleset.h"

namespace {

using Syntax = MessageTemplate::Syntax;

MessageTemplate::Context fixedContext()
{
    MessageTemplate::Context context;
    context.counter = 7;
    context.timeUs = 1700000000123456;
    context.peer = QStringLiteral("127.0.0.1:50012");
    context.captures = {QByteArrayLiteral("whole"), QByteArrayLiteral("one"), QByteArray(1, '\0')};
    context.named.insert(QStringLiteral("name"), QByteArrayLiteral("Bob"));
    return context;
}

// The bytes as template text that means exactly them: their escaped form,
// with "{" and "$" escaped, and a NUL as \x00 where \0 is a capture.
QString asTemplate(const QByteArray &bytes, Syntax syntax)
{
    const QString escaped = PayloadCodec::toEscaped(bytes);
    QString text;
    for (qsizetype i = 0; i < escaped.size(); ++i) {
        const QChar c = escaped.at(i);
        if (c == u'\\') {
            const QChar next = escaped.at(i + 1); // toEscaped never ends on a lone "\"
            if (syntax == Syntax::Reply && next == u'0') {
                text += u"\\x00";
            } else {
                text += c;
                text += next;
            }
            ++i;
        } else if (c == u'{') {
            text += u"\\{";
        } else if (c == u'$' && syntax != Syntax::Message) {
            text += u"$$";
        } else {
            text += c;
        }
    }
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const auto encoding = PayloadCodec::Encoding(data[0] % 3);
    const QByteArray bytes = Fuzz::bytes(data + 1, size - 1);
    const QString text = QString::fromUtf8(bytes);
    // {{file:PATH}} reads a file of this machine when rendered; its limits
    // have their own unit tests.
    const bool readsFile = text.contains(u"file");

    for (const Syntax syntax : {Syntax::Message, Syntax::Reply, Syntax::Script}) {
        MessageTemplate t;
        QString error;
        qsizetype position = -2;
        if (!t.parse(text, encoding, syntax, &error, &position)) {
            FUZZ_CHECK(!error.isEmpty() && t.isEmpty(), text);
            FUZZ_CHECK(position >= 0 && position <= text.size(),
                       text + u" at " + QString::number(position));
            continue;
        }
        FUZZ_CHECK(error.isEmpty() && position == -1, text);
        if (!readsFile) {
            QByteArray first, second;
            FUZZ_CHECK(t.render(fixedContext(), &first, &error), text + u": " + error);
            FUZZ_CHECK(t.render(fixedContext(), &second, &error), text + u": " + error);
            if (t.isConstant())
                FUZZ_CHECK(first == second, text);
        }
    }

    for (const Syntax syntax : {Syntax::Message, Syntax::Reply, Syntax::Script}) {
        const QString written = asTemplate(bytes, syntax);
        MessageTemplate t;
        QString error;
        FUZZ_CHECK(t.parse(written, PayloadCodec::Encoding::Utf8, syntax, &error),
                   written + u": " + error);
        FUZZ_CHECK(t.isConstant(), written);
        const QByteArray rendered = t.render(fixedContext());
        FUZZ_CHECK(rendered == bytes, written + u" gave " + Fuzz::show(rendered));
    }

    const QString reply = RuleSet::helloReply(bytes);
    MessageTemplate hello;
    QString error;
    FUZZ_CHECK(hello.parse(reply, PayloadCodec::Encoding::Latin1, Syntax::Reply, &error),
               reply + u": " + error);
    MessageTemplate::Context context;
    context.captures = {QByteArrayLiteral("MSG")};
    QByteArray expected = bytes;
    const qsizetype slot = bytes.indexOf("%s");
    if (slot >= 0)
        expected.replace(slot, 2, "MSG");
    const QByteArray rendered = hello.render(context);
    FUZZ_CHECK(rendered == expected, reply + u" gave " + Fuzz::show(rendered));
    return 0;
}
