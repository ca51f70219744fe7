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
        // Without ws_log_init() the library logs every packet at debug level
        // to stderr, which would mix with the headless output.
        ws_log_set_level(LOG_LEVEL_WARNING);
        wtap_init(FALSE);
    });
}

} // namespace WiretapSupport
