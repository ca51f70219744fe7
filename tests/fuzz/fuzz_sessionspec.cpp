// Session specs: the command-line form shared by the headless subcommands,
// the window's --session option and the saved sessions.
//
// Properties: nothing crashes; a spec that is accepted survives being saved
// and read back: fromArguments(toArguments(x)) == x, compared by the
// arguments each prints; a refused spec says why.

#include "fuzzsupport.h"
#include "sessionconfig.h"

#include <QProcess>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // As typed after --session, split the way the window splits it.
    const QStringList args = QProcess::splitCommand(Fuzz::text(data, size));
    SessionConfig config;
    QString error;
    QStringList rest;
    if (!SessionConfig::fromArguments(args, &config, &error, &rest)) {
        FUZZ_CHECK(!error.isEmpty(), args.join(u'|'));
        return 0;
    }
    FUZZ_CHECK(config.validate().isEmpty(), args.join(u'|') + u": " + config.validate());
    const QStringList saved = config.toArguments();
    SessionConfig restored;
    FUZZ_CHECK(SessionConfig::fromArguments(saved, &restored, &error),
               args.join(u'|') + u" saved as " + saved.join(u'|') + u": " + error);
    FUZZ_CHECK(restored.toArguments() == saved,
               saved.join(u'|') + u" read back as " + restored.toArguments().join(u'|'));
    FUZZ_CHECK(restored.displayName() == config.displayName(), saved.join(u'|'));
    return 0;
}
