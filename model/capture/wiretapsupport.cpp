#include "capture/wiretapsupport.h"

#include <wiretap/wtap.h>
#include <wsutil/wslog.h>

#include <mutex>

namespace WiretapSupport {

void init()
{
    static std::once_flag once;
    // No plugins: SocketScope needs only the built-in pcap and pcapng modules.
    std::call_once(once, [] {
        // Unconfigured, wsutil logs everything down to debug on stderr, which
        // would mix with the headless output; our own messages say what went
        // wrong, in the program's words.
        ws_log_set_level(LOG_LEVEL_CRITICAL);
        wtap_init(FALSE);
    });
}

} // namespace WiretapSupport
