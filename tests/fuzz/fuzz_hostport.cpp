// Addresses as people type them: "9999", "127.0.0.1:9999", "[::1]:9999".
//
// Properties: nothing crashes; whatever parses prints (format) as text that
// parses back to the same host and port: parse(format(x)) == x.

#include "fuzzsupport.h"
#include "hostport.h"

using namespace HostPort;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString typed = Fuzz::text(data, size);
    for (const HostRule hostRule : {HostRule::Optional, HostRule::Required}) {
        for (const PortRule portRule : {PortRule::AllowZero, PortRule::NonZero}) {
            Parsed parsed;
            QString error;
            if (!parse(typed, hostRule, portRule, &parsed, &error)) {
                FUZZ_CHECK(!error.isEmpty(), typed);
                continue;
            }
            FUZZ_CHECK(error.isEmpty(), typed);
            if (parsed.host.isEmpty())
                continue; // "9999": no host to print
            const QString printed = format(parsed.host, parsed.port);
            Parsed again;
            FUZZ_CHECK(parse(printed, hostRule, portRule, &again, &error),
                       typed + u" -> " + printed + u": " + error);
            FUZZ_CHECK(again.host == parsed.host && again.port == parsed.port,
                       typed + u" -> " + printed + u" -> " + again.host);
        }
    }
    quint16 port = 0;
    QString error;
    if (parsePort(typed, PortRule::AllowZero, &port, &error))
        FUZZ_CHECK(QString::number(port) == typed.trimmed() || typed.trimmed().startsWith(u'0') ||
                       typed.trimmed().startsWith(u'+'),
                   typed);
    return 0;
}
