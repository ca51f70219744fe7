<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChatView</name>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Me</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1… (%n bytes in all)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message; Enter sends, Shift+Enter adds a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat is for UDP chat and TCP client sessions. Use the send panel to talk on this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a UDP chat or TCP client session to chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session is stopped: start it to chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This UDP session has no peer: set one in the session settings to chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the session again to chat anew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat ended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionModel</name>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Msgs in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Msgs out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionView</name>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatagramSocket</name>
    <message>
        <source>The address is already in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The socket is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An IPv4 socket cannot send to an IPv6 address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed by the peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>client limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the payload bytes are decoded into text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payload as hex dump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex dump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No event selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event was evicted by the memory cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first 1 MiB of %1 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This event carries no payload.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot resolve host &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>The session is not running: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventFormat</name>
    <message>
        <source>in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>state</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <source>Usage:
  socketscope                      open the window
  socketscope tcp-server [ADDRESS:]PORT [--protocol hello|none] [--max-clients N]
              [--idle-timeout SECONDS] [--lines] [--max-line BYTES]
              [--greeting TEXT] [--reply TEMPLATE] [--exit-word WORD] [--json]
  socketscope tcp-client HOST:PORT [--raw] [--json] [--timeout SECONDS]
  socketscope udp [ADDRESS:]PORT [--peer HOST:PORT] [--protocol hello|chat|none]
              [--end-word WORD] [--reply TEMPLATE] [--json]
  socketscope --help | --version

Every event is printed to standard output as it happens (one JSON object per
line with --json). Standard input is sent line by line: to the server (client),
to every client (server) or to the peer (udp). Common options: --name NAME,
--memory-cap MIB (events kept in memory, default 256).

Exit codes: 0 done, 1 the connection failed after it was open (e.g. reset),
2 usage error, 3 the socket could not be opened (busy port, refused, unknown
host, timeout).
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--memory-cap needs a size in MiB from 1 to 1048576, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &quot;socketscope --help&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--raw is for tcp-client only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose one of --json and --raw.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events were evicted by the memory cap before they were printed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostPort</name>
    <message>
        <source>The port is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port &quot;%1&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 is out of range: ports go from 0 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port 0 cannot be used here: give the port to connect to (1 to 65535).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the IPv6 address has no closing bracket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a port must follow the bracketed address, as in [::1]:9999.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv6 address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: put an IPv6 address in brackets, as in [::1]:9999.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the host before the colon is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: give a host and a port, as in 127.0.0.1:9999.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a host name cannot contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <source>Filter payload or peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only events whose payload or peer address contains this text (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show data received from peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show data sent to peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show state changes: listening, connections opened and closed, notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze the view while recording goes on (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every recorded event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: new events are still recorded and appear when you resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scroll to the newest event and follow new events (End)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓ Follow new events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓ 1 new event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↓ %1 new events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>SocketScope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traffic log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PayloadCodec</name>
    <message>
        <source>Character %1 at position %2 cannot be encoded in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefix %1 at position %2 is not followed by hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid hex digit %1 at position %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete byte %1 at position %2: hex bytes need two digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete escape at position %1: a backslash must be followed by an escape character (use \\ for a backslash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete escape %1 at position %2: \x needs two hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incomplete escape %1 at position %2: \u needs four hex digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;\&apos; followed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown escape %1 at position %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendPanel</name>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a session to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text with escapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LF (\n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRLF (\r\n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Line ending:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex bytes, e.g. 48 65 6c 6c 6f</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text with escapes, e.g. Hello\r\n or \x00\xff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected connection (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected peer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection is selected: select one in the Connections view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the address to send to as HOST:PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session is not running: start it to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to send: the input is empty.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionConfig</name>
    <message>
        <source>%1 needs a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP client to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the host to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the address to listen on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port 0 cannot be used here: give the port to connect to (1 to 65535).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hello protocol is for servers; a client sends what you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat mode is for UDP sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A chat needs a peer to talk to, as in --peer 127.0.0.1:8889.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peer needs a port from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max clients must be at least 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The maximum line length must be at least 1 byte.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connect timeout must be at least 1 second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The idle timeout cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing subcommand: use tcp-server, tcp-client or udp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown subcommand &quot;%1&quot;: use tcp-server, tcp-client or udp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown protocol &quot;%1&quot;: use hello or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown protocol &quot;%1&quot;: use hello, chat or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown protocol &quot;%1&quot;: a TCP client only knows none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--peer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown option &quot;%1&quot; for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs HOST:PORT to connect to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs [ADDRESS:]PORT to bind.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionEditor</name>
    <message>
        <source>Stop the session to change its settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Framing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max line length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max clients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to each client as soon as it connects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s is replaced by the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client that sends this word is disconnected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending or receiving this word ends the chat. Empty: the chat never ends by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per read: each chunk received is one message, as in the tutorial. Lines: each line is one message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A longer line is answered in pieces of this size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> bytes</source>
        <extracomment>Unit after a number of bytes in a spin box, with its leading space.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Further clients are turned away while this many are connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes a connection that stays silent this long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <extracomment>Unit after a number of seconds in a spin box, with its leading space.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gives up when the server does not answer within this time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only records the traffic: you send by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greets each client, answers every message with the reply template and disconnects on the exit word.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers every datagram with the reply template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talks with the peer; the end word ends the chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>127.0.0.1, 0.0.0.0 or ::</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 or :: for every network interface.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port 0 picks a free port; the list shows which one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server to connect to: a name such as localhost or an address such as 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOST:PORT, as in 127.0.0.1:8889</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other side of the chat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where sends go by default; replies always go to the sender.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionModel</name>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP hello server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP hello server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bound to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionPanel</name>
    <message>
        <source>TCP hello server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP hello server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain UDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is running. Stop it and remove it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a new session from a template (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected session (%1 in the list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the session with these settings (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the session (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sessions yet. Use New session to open one of the tutorial scenarios.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StreamSocket</name>
    <message>
        <source>Connection reset by the peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed by the peer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TcpClientEndpoint</name>
    <message numerus="yes">
        <source>timed out after %n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A TCP client sends to its server, not to an address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected by the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TcpConnection</name>
    <message>
        <source>Exit word received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TcpServerEndpoint</name>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many clients: the limit is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle for %1 s: closed by the idle timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection #%1 is no longer open: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No client is connected: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A TCP server sends to its clients, not to an address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected by the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session stopped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrafficLogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(evicted by the memory cap)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UdpEndpoint</name>
    <message>
        <source>Peer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot bind %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Datagram of %1 bytes not sent: UDP over %2 carries at most %3 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The socket is not bound: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session has no peer: choose an address to send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown peer #%1: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat ended by the peer (end word &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chat ended here (end word &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chat ended by the peer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chat ended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
