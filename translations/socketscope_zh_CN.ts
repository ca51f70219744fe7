<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CaptureController</name>
    <message>
        <source>Still reading %1; open the next file when it has finished.</source>
        <translation>仍在读取 %1；读取完成后再打开下一个文件。</translation>
    </message>
    <message>
        <source>Opening capture</source>
        <translation>正在打开抓包文件</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Opened %1: %2 events from %3 packets.</source>
        <translation>已打开 %1：来自 %3 个数据包的 %2 个事件。</translation>
    </message>
    <message>
        <source>Stopped reading %1: the %2 events read so far are shown.</source>
        <translation>已停止读取 %1：显示目前已读取的 %2 个事件。</translation>
    </message>
    <message>
        <source>Capture damaged</source>
        <translation>抓包文件已损坏</translation>
    </message>
    <message>
        <source>%1 is damaged or cut short: %2
The %3 events before that point are shown.</source>
        <translation>%1 已损坏或被截断：%2
显示该位置之前的 %3 个事件。</translation>
    </message>
    <message>
        <source>Cannot open capture</source>
        <translation>无法打开抓包文件</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>A capture is still being saved; try again when it has finished.</source>
        <translation>仍在保存抓包文件；请在保存完成后重试。</translation>
    </message>
    <message>
        <source>Saving %1 events to %2…</source>
        <translation>正在将 %1 个事件保存到 %2…</translation>
    </message>
    <message>
        <source>Saved %1 events to %2.</source>
        <translation>已将 %1 个事件保存到 %2。</translation>
    </message>
    <message>
        <source>Capture not saved</source>
        <translation>抓包文件未保存</translation>
    </message>
    <message>
        <source>Cannot record</source>
        <translation>无法记录</translation>
    </message>
    <message>
        <source>Recording incomplete</source>
        <translation>记录不完整</translation>
    </message>
    <message>
        <source>Recorded %1 events to %2.</source>
        <translation>已将 %1 个事件记录到 %2。</translation>
    </message>
    <message>
        <source>Recording stopped</source>
        <translation>记录已停止</translation>
    </message>
    <message>
        <source>%1
The sessions go on; what was recorded stays in the log.</source>
        <translation>%1
会话继续运行；已记录的内容保留在日志中。</translation>
    </message>
    <message>
        <source>Recording to %1 (%2 events)</source>
        <translation>正在记录到 %1（%2 个事件）</translation>
    </message>
</context>
<context>
    <name>CaptureReadRunner</name>
    <message>
        <source>Choose one of --json and --raw.</source>
        <translation>--json 和 --raw 只能选择其一。</translation>
    </message>
    <message>
        <source>read: unknown option &quot;%1&quot;. Try &quot;socketscope --help&quot;.</source>
        <translation>read：未知选项“%1”。请运行“socketscope --help”查看用法。</translation>
    </message>
    <message>
        <source>read takes one file, not &quot;%1&quot; as well.</source>
        <translation>read 只接受一个文件，不能再加上“%1”。</translation>
    </message>
    <message>
        <source>read needs a capture file: socketscope read FILE [--json | --raw]</source>
        <translation>read 需要一个抓包文件：socketscope read FILE [--json | --raw]</translation>
    </message>
    <message>
        <source>%1: the file is damaged or cut short; %2</source>
        <translation>%1：文件已损坏或被截断；%2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>read: %1 needs a value.</source>
        <translation>read：%1 需要一个值。</translation>
    </message>
    <message>
        <source>read: --follow takes a connection number such as 3 or c3 (the c column of &quot;socketscope read FILE&quot;), not &quot;%1&quot;.</source>
        <translation>read：--follow 需要连接编号，例如 3 或 c3（“socketscope read FILE” 输出中的 c 列），而不是“%1”。</translation>
    </message>
    <message>
        <source>read: --as takes text, hex or escapes, not &quot;%1&quot;.</source>
        <translation>read：--as 只能是 text、hex 或 escapes，而不是“%1”。</translation>
    </message>
    <message>
        <source>read: unknown encoding &quot;%1&quot;: use UTF-8, GBK or Latin-1.</source>
        <translation>read：未知编码“%1”：请使用 UTF-8、GBK 或 Latin-1。</translation>
    </message>
    <message>
        <source>read: --as is for the transcript of --follow.</source>
        <translation>read：--as 仅用于 --follow 的对话记录。</translation>
    </message>
    <message>
        <source>%1 has no connection c%2: &quot;socketscope read %1&quot; lists them.</source>
        <translation>%1 中没有连接 c%2：“socketscope read %1” 会列出所有连接。</translation>
    </message>
    <message>
        <source>read: --stats and --rate go with --json only, not with --follow or --raw.</source>
        <translation>read：--stats 和 --rate 只能与 --json 同用，不能与 --follow 或 --raw 同用。</translation>
    </message>
</context>
<context>
    <name>CaptureReader</name>
    <message>
        <source>capture %1</source>
        <translation>抓包文件 %1</translation>
    </message>
    <message>
        <source>stopped at packet %1 (byte %2 of %3): %4</source>
        <translation>停止于数据包 %1（第 %2 字节，共 %3 字节）：%4</translation>
    </message>
    <message>
        <source>%n packet(s) that are neither TCP nor UDP were skipped</source>
        <translation>已跳过 %n 个既非 TCP 也非 UDP 的数据包</translation>
    </message>
    <message>
        <source>%n packet(s) of link type %1 were skipped (not supported)</source>
        <translation>已跳过 %n 个链路类型为 %1 的数据包（不支持）</translation>
    </message>
    <message>
        <source>%n packet(s) could not be decoded and were skipped</source>
        <translation>%n 个数据包无法解码，已跳过</translation>
    </message>
    <message>
        <source>%n SocketScope comment(s) could not be understood</source>
        <translation>%n 条 SocketScope 注释无法识别</translation>
    </message>
    <message>
        <source>The capture file is damaged or cut short: %1</source>
        <translation>抓包文件已损坏或被截断：%1</translation>
    </message>
</context>
<context>
    <name>CaptureRecorder</name>
    <message numerus="yes">
        <source>%n event(s) were evicted by the memory cap before they could be written.</source>
        <translation>
            <numerusform>%n 个事件在写入之前已因内存上限被移除。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 需要一个值。</translation>
    </message>
    <message>
        <source>--rotate-mb and --rotate-files need --write FILE.</source>
        <translation>--rotate-mb 和 --rotate-files 需要配合 --write FILE 使用。</translation>
    </message>
    <message>
        <source>--rotate-files needs --rotate-mb: the size at which a file ends.</source>
        <translation>--rotate-files 需要配合 --rotate-mb：即单个文件结束时的大小。</translation>
    </message>
    <message>
        <source>--rotate-mb needs a size in MiB from 1 to 1048576, not &quot;%1&quot;.</source>
        <translation>--rotate-mb 需要 1 到 1048576 之间的 MiB 数，而不是“%1”。</translation>
    </message>
    <message>
        <source>--rotate-files needs a number from 1 to 100000, not &quot;%1&quot;.</source>
        <translation>--rotate-files 需要 1 到 100000 之间的数字，而不是“%1”。</translation>
    </message>
</context>
<context>
    <name>CaptureWriter</name>
    <message>
        <source>Cannot write the capture file %1: %2.</source>
        <translation>无法写入抓包文件 %1：%2。</translation>
    </message>
</context>
<context>
    <name>ChatMessageModel</name>
    <message>
        <source>Me</source>
        <translation>我</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 于 %2</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 于 %2：%3</translation>
    </message>
    <message numerus="yes">
        <source>%1… (%n bytes in all)</source>
        <translation>
            <numerusform>%1…（共 %n 字节）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at %2, %3 after our message</source>
        <translation>%1，%2，在我方消息后 %3</translation>
    </message>
    <message>
        <source>RTT %1</source>
        <translation>RTT %1</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Chat messages</source>
        <translation>聊天消息</translation>
    </message>
    <message>
        <source>Copy message</source>
        <translation>复制消息</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Type a message; Enter sends, Shift+Enter adds a line</source>
        <translation>输入消息；Enter 发送，Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Send the message (Enter)</source>
        <translation>发送消息（Enter）</translation>
    </message>
    <message>
        <source>Chat is for UDP chat and TCP client sessions. Use the send panel to talk on this session.</source>
        <translation>聊天仅适用于 UDP 聊天会话和 TCP 客户端会话。请使用发送面板在此会话中收发数据。</translation>
    </message>
    <message>
        <source>Select a UDP chat or TCP client session to chat.</source>
        <translation>请选择一个 UDP 聊天会话或 TCP 客户端会话来聊天。</translation>
    </message>
    <message>
        <source>Chat with %1</source>
        <translation>与 %1 聊天</translation>
    </message>
    <message>
        <source>Chat on %1</source>
        <translation>在 %1 中聊天</translation>
    </message>
    <message>
        <source>The session is stopped: start it to chat.</source>
        <translation>会话已停止：启动会话后即可聊天。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>The session failed: %1</source>
        <translation>会话失败：%1</translation>
    </message>
    <message>
        <source>This UDP session has no peer: set one in the session settings to chat.</source>
        <translation>此 UDP 会话没有对端：请先在会话设置中指定对端，再开始聊天。</translation>
    </message>
    <message>
        <source>The connection closed: %1.</source>
        <translation>连接已关闭：%1。</translation>
    </message>
    <message>
        <source>Start the session again to chat anew.</source>
        <translation>重新启动会话即可再次聊天。</translation>
    </message>
    <message>
        <source>Chat ended</source>
        <translation>聊天已结束</translation>
    </message>
    <message>
        <source>Conversation in %1</source>
        <translation>%1 中的对话</translation>
    </message>
    <message>
        <source>Read from a capture file: nothing can be sent from here.</source>
        <translation>读取自抓包文件：无法从此处发送。</translation>
    </message>
    <message>
        <source>Send in chat</source>
        <translation>在聊天中发送</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare payloads</source>
        <translation>比较载荷</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Comparison summary</source>
        <translation>比较摘要</translation>
    </message>
    <message>
        <source>lengths %1 and %2</source>
        <translation>长度分别为 %1 和 %2</translation>
    </message>
    <message>
        <source>The payloads are identical (1 byte)</source>
        <translation>两个载荷相同（1 字节）</translation>
    </message>
    <message>
        <source>The payloads are identical (%1 bytes)</source>
        <translation>两个载荷相同（%1 字节）</translation>
    </message>
    <message>
        <source>1 byte differs</source>
        <translation>1 个字节不同</translation>
    </message>
    <message>
        <source>%1 bytes differ</source>
        <translation>%1 个字节不同</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Event #%1 · %2</source>
        <translation>事件 #%1 · %2</translation>
    </message>
</context>
<context>
    <name>ConnectionModel</name>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>本地</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <source>UDP peer</source>
        <translation>UDP 对端</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Opened at</source>
        <translation>建立时间</translation>
    </message>
    <message>
        <source>Messages received from the peer</source>
        <translation>从对端收到的消息数</translation>
    </message>
    <message>
        <source>Messages sent to the peer</source>
        <translation>发给对端的消息数</translation>
    </message>
    <message>
        <source>Bytes received from the peer</source>
        <translation>从对端收到的字节数</translation>
    </message>
    <message>
        <source>Bytes sent to the peer</source>
        <translation>发给对端的字节数</translation>
    </message>
    <message>
        <source>In</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Fastest round trip: from a message sent to the first reply received</source>
        <translation>最快往返：从发出消息到收到第一个回复</translation>
    </message>
    <message>
        <source>Mean round trip: from a message sent to the first reply received</source>
        <translation>平均往返：从发出消息到收到第一个回复</translation>
    </message>
    <message>
        <source>99th percentile of the round trips: 99 in 100 replies came faster</source>
        <translation>往返时间的第 99 百分位：每 100 个回复中有 99 个更快</translation>
    </message>
    <message>
        <source>RTT min</source>
        <translation>RTT 最小</translation>
    </message>
    <message>
        <source>RTT mean</source>
        <translation>RTT 平均</translation>
    </message>
    <message>
        <source>RTT p99</source>
        <translation>RTT p99</translation>
    </message>
</context>
<context>
    <name>ConnectionView</name>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Send to selected</source>
        <translation>发送到所选</translation>
    </message>
    <message>
        <source>Send to all</source>
        <translation>发送到全部</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开连接</translation>
    </message>
</context>
<context>
    <name>Conversation</name>
    <message>
        <source>connection %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <source>%1 ⇄ %2 (%3)</source>
        <translation>%1 ⇄ %2（%3）</translation>
    </message>
</context>
<context>
    <name>ConversationActions</name>
    <message>
        <source>&amp;Follow conversation</source>
        <translation>跟踪对话(&amp;F)</translation>
    </message>
    <message>
        <source>Show this conversation only, both directions in order (Ctrl+Shift+F)</source>
        <translation>只显示此对话，按顺序显示双向数据（Ctrl+Shift+F）</translation>
    </message>
    <message>
        <source>Show only this &amp;conversation in the log</source>
        <translation>日志中只显示此对话(&amp;C)</translation>
    </message>
    <message>
        <source>Co&amp;mpare the two payloads</source>
        <translation>比较这两个载荷(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Replay payloads…</source>
        <translation>重放载荷(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Replay this conversation…</source>
        <translation>重放此会话(&amp;R)…</translation>
    </message>
    <message>
        <source>Send again the payloads of the side that opened this conversation</source>
        <translation>重新发送发起此会话一方的载荷</translation>
    </message>
    <message>
        <source>Replay this conversation</source>
        <translation>重放此会话</translation>
    </message>
    <message>
        <source>This conversation has no payloads (any more) to replay.</source>
        <translation>此会话没有（或已不再有）可重放的载荷。</translation>
    </message>
    <message>
        <source>The side that opened this conversation sent no payloads; select rows of the other side in the log and choose Replay payloads.</source>
        <translation>发起此会话的一方没有发送载荷；请在日志中选择另一方的行，然后选择“重放载荷”。</translation>
    </message>
</context>
<context>
    <name>ConversationFilterBar</name>
    <message>
        <source>Showing one conversation only: %1</source>
        <translation>只显示一个对话：%1</translation>
    </message>
    <message>
        <source>Conversation filter</source>
        <translation>对话筛选</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>Show all conversations</source>
        <translation>显示所有对话</translation>
    </message>
    <message>
        <source>Show the events of every conversation again</source>
        <translation>重新显示所有对话的事件</translation>
    </message>
</context>
<context>
    <name>DatagramSocket</name>
    <message>
        <source>The address is already in use</source>
        <translation>地址已被占用</translation>
    </message>
    <message>
        <source>The socket is closed</source>
        <translation>套接字已关闭</translation>
    </message>
    <message>
        <source>An IPv4 socket cannot send to an IPv6 address</source>
        <translation>IPv4 套接字无法向 IPv6 地址发送数据</translation>
    </message>
    <message>
        <source>unnamed</source>
        <extracomment>A Unix datagram sender that has no address to answer to.</extracomment>
        <translation>未命名</translation>
    </message>
    <message>
        <source>A UDP socket cannot send to a socket path</source>
        <translation>UDP 套接字不能发送到套接字路径</translation>
    </message>
    <message>
        <source>The sender did not bind its socket to a path: it cannot be answered</source>
        <translation>发送方未将其套接字绑定到路径：无法回复</translation>
    </message>
    <message>
        <source>A Unix socket sends to socket paths only</source>
        <translation>Unix 套接字只能发送到套接字路径</translation>
    </message>
    <message>
        <source>%1: this is a broadcast address, and broadcast is not enabled for this session (use --broadcast, or tick Broadcast in its settings)</source>
        <translation>%1：这是广播地址，而此会话未启用广播（请使用 --broadcast，或在会话设置中勾选“广播”）</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Listening</source>
        <translation>开始监听</translation>
    </message>
    <message>
        <source>Bound</source>
        <translation>已绑定</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>Connection opened</source>
        <translation>连接已建立</translation>
    </message>
    <message>
        <source>Connection closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Session stopped</source>
        <translation>会话已停止</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>closed by the peer</source>
        <translation>对端关闭</translation>
    </message>
    <message>
        <source>closed here</source>
        <translation>本端关闭</translation>
    </message>
    <message>
        <source>idle timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>client limit</source>
        <translation>客户端数已达上限</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>时间：</translation>
    </message>
    <message>
        <source>Session:</source>
        <translation>会话：</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>方向：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <source>Local:</source>
        <translation>本地：</translation>
    </message>
    <message>
        <source>Peer:</source>
        <translation>对端：</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>消息：</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>How the payload bytes are decoded into text</source>
        <translation>将载荷字节解码为文本时所用的编码</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>Payload as text</source>
        <translation>载荷（文本）</translation>
    </message>
    <message>
        <source>Payload as hex dump</source>
        <translation>载荷（十六进制转储）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex dump</source>
        <translation>十六进制转储</translation>
    </message>
    <message>
        <source>No event selected</source>
        <translation>未选择事件</translation>
    </message>
    <message>
        <source>This event was evicted by the memory cap</source>
        <translation>此事件因内存上限被移除</translation>
    </message>
    <message>
        <source>Session %1</source>
        <translation>会话 %1</translation>
    </message>
    <message>
        <source>Showing the first 1 MiB of %1 bytes.</source>
        <translation>仅显示共 %1 字节中的前 1 MiB。</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>详情：</translation>
    </message>
    <message>
        <source>This event carries no payload.</source>
        <translation>此事件不带载荷。</translation>
    </message>
    <message>
        <source>Cause:</source>
        <translation>关闭方式：</translation>
    </message>
    <message>
        <source>Select an event in the log to see its payload here.</source>
        <translation>在日志中选择一个事件，即可在此查看其载荷。</translation>
    </message>
    <message>
        <source>%1, round trip %2</source>
        <translation>%1，往返 %2</translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>正在监听</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>bound</source>
        <translation>已绑定</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Cannot resolve host &quot;%1&quot;: %2</source>
        <translation>无法解析主机“%1”：%2</translation>
    </message>
    <message>
        <source>Closed by the script</source>
        <translation>已由脚本关闭</translation>
    </message>
    <message>
        <source>Script: %1</source>
        <translation>脚本：%1</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>The session is not running: nothing was sent.</source>
        <translation>会话未运行：未发送任何数据。</translation>
    </message>
    <message>
        <source>A session read from a capture file cannot send: nothing was sent.</source>
        <translation>从抓包文件读取的会话无法发送：未发送任何数据。</translation>
    </message>
</context>
<context>
    <name>EventExport</name>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>JSON lines</source>
        <translation>JSON lines</translation>
    </message>
    <message>
        <source>Transcript</source>
        <translation>文字记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>JSON lines (*.jsonl *.ndjson)</source>
        <translation>JSON lines (*.jsonl *.ndjson)</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>1 byte</source>
        <translation>1 字节</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
</context>
<context>
    <name>EventExport::BlockWriter</name>
    <message>
        <source>the device accepted only part of the data</source>
        <translation>设备只接受了部分数据</translation>
    </message>
</context>
<context>
    <name>EventExport::Result</name>
    <message>
        <source>Could not write %1: %2.</source>
        <translation>无法写入 %1：%2。</translation>
    </message>
    <message>
        <source>The file is incomplete: %1 of %2 events were written.</source>
        <translation>文件不完整：已写入 %1 / %2 个事件。</translation>
    </message>
    <message>
        <source>Export to %1 cancelled; the file is incomplete: %2 of %3 events were written.</source>
        <translation>导出到 %1 已取消；文件不完整：已写入 %2 / %3 个事件。</translation>
    </message>
    <message>
        <source>Exported 1 event to %1.</source>
        <translation>已将 1 个事件导出到 %1。</translation>
    </message>
    <message>
        <source>Exported %1 events to %2.</source>
        <translation>已将 %1 个事件导出到 %2。</translation>
    </message>
    <message>
        <source>%1 selected events were evicted by the memory cap before they could be written.</source>
        <translation>%1 个所选事件在写入之前已因内存上限被移除。</translation>
    </message>
</context>
<context>
    <name>EventFormat</name>
    <message>
        <source>in</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>out</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>listening</source>
        <translation>监听</translation>
    </message>
    <message>
        <source>bound</source>
        <translation>已绑定</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>正在连接</translation>
    </message>
    <message>
        <source>connection opened</source>
        <translation>连接已建立</translation>
    </message>
    <message>
        <source>connection closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>EventPrinter</name>
    <message>
        <source>Cannot write to standard output: %1. Stopping.</source>
        <translation>无法写入标准输出：%1。正在停止。</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) were evicted by the memory cap before they were printed.</source>
        <translation>
            <numerusform>有 %n 个事件在打印前因内存上限被移除。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>&amp;Open capture…</source>
        <translation>打开抓包文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a pcap or pcapng file from tcpdump, Wireshark or SocketScope as a read-only session</source>
        <translation>以只读会话方式打开来自 tcpdump、Wireshark 或 SocketScope 的 pcap 或 pcapng 文件</translation>
    </message>
    <message>
        <source>&amp;Save capture…</source>
        <translation>保存抓包文件(&amp;S)…</translation>
    </message>
    <message>
        <source>Save every kept event as a pcapng or pcap file that Wireshark opens</source>
        <translation>将所有保留的事件保存为 Wireshark 可打开的 pcapng 或 pcap 文件</translation>
    </message>
    <message>
        <source>&amp;Record to file…</source>
        <translation>记录到文件(&amp;R)…</translation>
    </message>
    <message>
        <source>Write every event to a capture file as it happens, so nothing is lost to the memory cap</source>
        <translation>实时将每个事件写入抓包文件，不会因内存上限而丢失</translation>
    </message>
    <message>
        <source>&amp;CSV…</source>
        <translation>CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;JSON lines…</source>
        <translation>JSON lines(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Transcript…</source>
        <translation>文字记录(&amp;T)…</translation>
    </message>
    <message>
        <source>Capture &amp;file…</source>
        <translation>抓包文件(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Whole log</source>
        <translation>整个日志(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Filtered log (as shown)</source>
        <translation>筛选后的日志（按显示）(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Selected rows</source>
        <translation>所选行(&amp;S)</translation>
    </message>
    <message>
        <source>Export as %1</source>
        <translation>导出为 %1</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>An export is still running; try again when it has finished.</source>
        <translation>仍有导出在进行；请在完成后重试。</translation>
    </message>
    <message>
        <source>There are no events to export.</source>
        <translation>没有可导出的事件。</translation>
    </message>
    <message>
        <source>Exporting %1 events… %2%</source>
        <translation>正在导出 %1 个事件… %2%</translation>
    </message>
    <message>
        <source>Export incomplete</source>
        <translation>导出不完整</translation>
    </message>
    <message>
        <source>Open capture</source>
        <translation>打开抓包文件</translation>
    </message>
    <message>
        <source>Capture files (*.pcapng *.pcap *.cap)</source>
        <translation>抓包文件 (*.pcapng *.pcap *.cap)</translation>
    </message>
    <message>
        <source>There are no events to save.</source>
        <translation>没有可保存的事件。</translation>
    </message>
    <message>
        <source>Save capture</source>
        <translation>保存抓包文件</translation>
    </message>
    <message>
        <source>pcapng files (*.pcapng)</source>
        <translation>pcapng 文件 (*.pcapng)</translation>
    </message>
    <message>
        <source>pcap files (*.pcap)</source>
        <translation>pcap 文件 (*.pcap)</translation>
    </message>
    <message>
        <source>Record to file</source>
        <translation>记录到文件</translation>
    </message>
</context>
<context>
    <name>FileSendControls</name>
    <message>
        <source>Send a file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation>%1 / %2 字节</translation>
    </message>
    <message>
        <source>Sending: %1</source>
        <translation>正在发送：%1</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>已发送：%1</translation>
    </message>
    <message>
        <source>Send &amp;file…</source>
        <translation>发送文件(&amp;F)…</translation>
    </message>
    <message>
        <source>TCP: the whole file, paced by how fast the peer reads. UDP: one datagram per piece, at the size and pace below.</source>
        <translation>TCP：发送整个文件，速度取决于对端读取的快慢。UDP：每块一个数据报，按下方设置的大小和间隔发送。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel the file send</source>
        <translation>取消文件发送</translation>
    </message>
    <message>
        <source>&amp;Datagram size:</source>
        <translation>数据报大小(&amp;D)：</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 字节</translation>
    </message>
    <message>
        <source>Datagram size in bytes</source>
        <translation>数据报大小（字节）</translation>
    </message>
    <message>
        <source>&amp;Pause:</source>
        <translation>间隔(&amp;P)：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Pause between datagrams in milliseconds</source>
        <translation>数据报之间的间隔（毫秒）</translation>
    </message>
    <message>
        <source>File send progress</source>
        <translation>文件发送进度</translation>
    </message>
    <message>
        <source>File send status</source>
        <translation>文件发送状态</translation>
    </message>
</context>
<context>
    <name>FileSender</name>
    <message>
        <source>The session stopped before the file was sent.</source>
        <translation>文件发送完之前会话已停止。</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>Cancelled after %1 of %2 bytes.</source>
        <translation>已在发送 %1 / %2 字节后取消。</translation>
    </message>
    <message>
        <source>The connection closed before the file was sent.</source>
        <translation>文件发送完之前连接已关闭。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>The file shrank while it was sent.</source>
        <translation>文件在发送过程中变小了。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in the conversation (Ctrl+F)</source>
        <translation>在对话中查找（Ctrl+F）</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配（Shift+F3）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配</translation>
    </message>
    <message>
        <source>Next match (F3, Enter)</source>
        <translation>下一个匹配（F3、Enter）</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>1 of 1 match</source>
        <translation>第 1 个，共 1 个匹配</translation>
    </message>
    <message>
        <source>%1 of %2 matches</source>
        <translation>第 %1 个，共 %2 个匹配</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 个匹配</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 个匹配</translation>
    </message>
</context>
<context>
    <name>FollowView</name>
    <message>
        <source>Follow conversation: %1</source>
        <translation>跟踪对话：%1</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Sent bytes colour</source>
        <translation>已发送字节的颜色</translation>
    </message>
    <message>
        <source>Bytes SocketScope sent are shown in these colours</source>
        <translation>SocketScope 发送的字节以此颜色显示</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Received bytes colour</source>
        <translation>已接收字节的颜色</translation>
    </message>
    <message>
        <source>Bytes received from the peer are shown in these colours</source>
        <translation>从对端接收的字节以此颜色显示</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex dump</source>
        <translation>十六进制转储</translation>
    </message>
    <message>
        <source>Escapes</source>
        <translation>转义</translation>
    </message>
    <message>
        <source>&amp;Show as:</source>
        <translation>显示为(&amp;S)：</translation>
    </message>
    <message>
        <source>Show as</source>
        <translation>显示为</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>How the bytes are decoded into text</source>
        <translation>字节如何解码为文本</translation>
    </message>
    <message>
        <source>Conversation transcript</source>
        <translation>对话记录</translation>
    </message>
    <message>
        <source>Conversation status</source>
        <translation>对话状态</translation>
    </message>
    <message>
        <source>&amp;Transcript as text…</source>
        <translation>对话记录（文本）(&amp;T)…</translation>
    </message>
    <message>
        <source>Raw bytes, &amp;both directions…</source>
        <translation>原始字节，双向(&amp;B)…</translation>
    </message>
    <message>
        <source>Raw bytes &amp;received…</source>
        <translation>已接收的原始字节(&amp;R)…</translation>
    </message>
    <message>
        <source>Raw bytes &amp;sent…</source>
        <translation>已发送的原始字节(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save conversation</source>
        <translation>保存对话</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 sent, %2 received</source>
        <translation>已发送 %1，已接收 %2</translation>
    </message>
    <message>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>earlier events no longer in memory: %1</source>
        <translation>较早的事件已不在内存中：%1</translation>
    </message>
    <message>
        <source>only the first %1 shown</source>
        <translation>只显示前 %1</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Binary files (*.bin);;All files (*)</source>
        <translation>二进制文件 (*.bin);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
</context>
<context>
    <name>ForeignTraffic</name>
    <message numerus="yes">
        <source>%n byte(s) sent by %1 are missing from the capture</source>
        <translation>
            <numerusform>%1 发送的 %n 字节在抓包文件中缺失</numerusform>
        </translation>
    </message>
    <message>
        <source>reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <source>--memory-cap needs a size in MiB from 1 to 1048576, not &quot;%1&quot;.</source>
        <translation>--memory-cap 需要 1 到 1048576 之间的大小（单位 MiB），而不是“%1”。</translation>
    </message>
    <message>
        <source>Try &quot;socketscope --help&quot;.</source>
        <translation>请运行“socketscope --help”查看用法。</translation>
    </message>
    <message>
        <source>Choose one of --json and --raw.</source>
        <translation>--json 和 --raw 只能选择其一。</translation>
    </message>
    <message>
        <source>
Exit codes: 0 done, 1 the connection failed after it was open (e.g. reset)
or standard output could not be written, 2 usage error, 3 the socket could
not be opened (busy port, refused, unknown host, timeout), 4 a --script
step failed (stderr names the line, what was expected and the last bytes
that arrived). read: 0 the whole file was read, 1 it is damaged or cut
short part way, 3 it cannot be opened or is not a capture.
</source>
        <translation>
退出码：0 完成，1 连接建立后失败（例如被重置）或无法写入标准输出，
2 用法错误，3 无法打开套接字（端口被占用、连接被拒绝、未知主机、超时），
4 某个 --script 步骤失败（stderr 会给出行号、期望的内容以及最后收到的
字节）。read：0 已读完整个文件，1 文件已损坏或中途被截断，
3 文件无法打开或不是抓包文件。
</translation>
    </message>
    <message>
        <source>Recording to file stopped; the session keeps running.</source>
        <translation>记录到文件已停止；会话继续运行。</translation>
    </message>
    <message>
        <source>A line of %1 bytes was not sent: a UDP datagram carries at most %2.</source>
        <translation>一行 %1 字节的数据未发送：一个 UDP 数据报最多承载 %2 字节。</translation>
    </message>
    <message>
        <source>Usage:
  socketscope                      open the window
</source>
        <translation>用法：
  socketscope                      打开窗口
</translation>
    </message>
    <message>
        <source>Window options:
  --lang en|zh_CN        the window&apos;s language (default: the one chosen in
                         View &gt; Language, else the system&apos;s)
  --session SPEC         start with this session, e.g. --session
                         &quot;tcp-server 127.0.0.1:9999&quot; (repeatable)
  --no-restore           do not restore the saved sessions and layout
  --screenshot FILE      save a picture of the window to FILE, then quit
  --screenshot-delay MS  milliseconds to wait before the picture (1500)

</source>
        <translation>窗口选项：
  --lang en|zh_CN        窗口语言（默认：在“视图 &gt; 语言”中选择的语言，
                         否则为系统语言）
  --session SPEC         启动时运行此会话，例如 --session
                         &quot;tcp-server 127.0.0.1:9999&quot;（可重复）
  --no-restore           不恢复已保存的会话和布局
  --screenshot FILE      将窗口截图保存到 FILE，然后退出
  --screenshot-delay MS  截图前等待的毫秒数（1500）

</translation>
    </message>
    <message>
        <source>Every event is printed to standard output as it happens (one JSON object per
line with --json). Standard input is sent line by line: to the server
(tcp-client), to every client (tcp-server) or to the peer (udp).
Common options: --name NAME, --memory-cap MIB (events kept in memory,
default 256).
Recording: --write FILE saves every event as it happens to a capture file for
Wireshark (pcapng; pcap when FILE ends in .pcap), flushed every second;
--rotate-mb N [--rotate-files K] starts a new file every N MiB and keeps the
newest K (FILE_00001_YYYYMMDDHHMMSS.pcapng, ...). A write error stops the
recording, not the session.

</source>
        <translation>每个事件发生时都会打印到标准输出（使用 --json 时每行一个 JSON 对象）。
标准输入按行发送：发给服务端（tcp-client）、发给每个客户端（tcp-server）
或发给对端（udp）。
通用选项：--name NAME，--memory-cap MIB（内存中保留的事件，
默认 256）。
记录：--write FILE 将每个事件实时保存到供 Wireshark 使用的抓包文件
（pcapng；FILE 以 .pcap 结尾时为 pcap），每秒刷新一次；
--rotate-mb N [--rotate-files K] 每 N MiB 开始一个新文件，并保留
最新的 K 个（FILE_00001_YYYYMMDDHHMMSS.pcapng, ...）。写入错误只会停止
记录，而不会停止会话。

</translation>
    </message>
    <message>
        <source>--raw is for tcp-client and unix-client only.</source>
        <translation>--raw 仅用于 tcp-client 和 unix-client。</translation>
    </message>
    <message>
        <source>Nothing was started: choose a file that can be written, or leave out --write.</source>
        <translation>未启动任何会话：请选择一个可写入的文件，或去掉 --write。</translation>
    </message>
    <message>
        <source>  Any of them: [--rule &apos;REGEX=&gt;REPLY&apos;]... [--rules FILE.json] [--script FILE]
              [--encoding UTF-8|GBK|Latin-1]
  socketscope read FILE [--json | --raw]   print a pcap/pcapng capture&apos;s events
  socketscope read FILE --follow N [--as text|hex|escapes] [--encoding E]
              only connection N (the cN of each line), as a transcript:
              &quot;&gt; &quot; sent, &quot;&lt; &quot; received
  socketscope --help | --version

</source>
        <translation>  以上任一命令均可加：[--rule &apos;REGEX=&gt;REPLY&apos;]... [--rules FILE.json] [--script FILE]
              [--encoding UTF-8|GBK|Latin-1]
  socketscope read FILE [--json | --raw]   打印 pcap/pcapng 抓包文件中的事件
  socketscope read FILE --follow N [--as text|hex|escapes] [--encoding E]
              只显示连接 N（每行中的 cN），作为对话记录：
              &quot;&gt; &quot; 为发送，&quot;&lt; &quot; 为接收
  socketscope --help | --version

</translation>
    </message>
    <message>
        <source>UDP broadcast and multicast: --broadcast allows sending to a broadcast
address (SO_BROADCAST). --join GROUP joins an IPv4 or IPv6 multicast group
(repeatable; GROUP@SOURCE hears only that sender) while the session runs;
bind 0.0.0.0 or :: to receive it. --interface NAME (e.g. eth0) is where
groups are joined and multicast is sent; --ttl N the TTL or hop limit
(0-255); --multicast-loop on|off whether our own multicast comes back here.

</source>
        <translation>UDP 广播与组播：--broadcast 允许向广播地址发送（SO_BROADCAST）。
--join GROUP 在会话运行期间加入 IPv4 或 IPv6 组播组（可重复；GROUP@SOURCE
只接收该发送方）；绑定 0.0.0.0 或 :: 才能收到。--interface NAME（如 eth0）
指定加入组播组和发送组播的网络接口；--ttl N 为 TTL 或跳数限制（0-255）；
--multicast-loop on|off 决定本机发出的组播是否回送到本机。

</translation>
    </message>
</context>
<context>
    <name>HeadlessSender</name>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 需要一个值。</translation>
    </message>
    <message>
        <source>--interval needs milliseconds from 1 to %1, not &quot;%2&quot;.</source>
        <translation>--interval 需要 1 到 %1 之间的毫秒数，而不是“%2”。</translation>
    </message>
    <message>
        <source>--count needs a number (0 = until stopped), not &quot;%1&quot;.</source>
        <translation>--count 需要一个数字（0 = 直到停止），而不是“%1”。</translation>
    </message>
    <message>
        <source>Unknown checksum &quot;%1&quot;: use none, sum8, xor8, crc16-modbus, crc16-ccitt-false or crc32.</source>
        <translation>未知校验和“%1”：请使用 none、sum8、xor8、crc16-modbus、crc16-ccitt-false 或 crc32。</translation>
    </message>
    <message>
        <source>--send-file: &quot;%1&quot; is not a readable file.</source>
        <translation>--send-file：“%1”不是可读取的文件。</translation>
    </message>
    <message>
        <source>--chunk needs a size in bytes from 1 to %1, not &quot;%2&quot;.</source>
        <translation>--chunk 需要 1 到 %1 之间的字节数，而不是“%2”。</translation>
    </message>
    <message>
        <source>Choose one of --send and --send-file.</source>
        <translation>--send 和 --send-file 只能选择其一。</translation>
    </message>
    <message>
        <source>%1 applies to --send texts: give at least one --send.</source>
        <translation>%1 作用于 --send 文本：请至少给出一个 --send。</translation>
    </message>
    <message>
        <source>--chunk applies to --send-file.</source>
        <translation>--chunk 仅适用于 --send-file。</translation>
    </message>
    <message>
        <source>--count needs --interval: how far apart are the sends?</source>
        <translation>--count 需要配合 --interval：每次发送间隔多久？</translation>
    </message>
    <message>
        <source>--send &quot;%1&quot;: %2</source>
        <translation>--send “%1”：%2</translation>
    </message>
    <message>
        <source>%1 needs --peer HOST:PORT for udp: where should it go?</source>
        <translation>对于 udp，%1 需要 --peer HOST:PORT：要发送到哪里？</translation>
    </message>
    <message>
        <source>--chunk for udp is one datagram: at most %1 bytes.</source>
        <translation>udp 的 --chunk 就是一个数据报：最多 %1 字节。</translation>
    </message>
    <message>
        <source>%1 needs --peer PATH for unix-dgram: where should it go?</source>
        <translation>%1 在 unix-dgram 下需要 --peer PATH：要发往何处？</translation>
    </message>
    <message>
        <source>Sending (every kind):
  --send TEXT      repeatable; sent in order once the socket is open: to the
                   server, to the --peer, or to each client as it connects.
                   Escapes (\r\n, \x00) and macros ({{counter}}, {{time}},
                   {{random:N}}, {{file:PATH}}) apply.
  --hex            the --send texts are hex bytes
  --interval MS    repeat the --send texts every MS ms (until stopped, or
  --count N        N times; 0 = until stopped); {{counter}} counts the rounds
  --checksum KIND  append sum8, xor8, crc16-modbus, crc16-ccitt-false or
                   crc32 to each text
  --send-file PATH [--chunk BYTES] [--interval MS]
                   TCP: the whole file, 64 KiB at a time with back-pressure.
                   UDP: one datagram of --chunk bytes (1024) every --interval
                   ms (1).
  --replay FILE [--conversation N] [--direction in|out] [--keep-spacing]
                   send again the payloads one conversation of a capture file
                   carried (N from the c column of &quot;socketscope read FILE&quot;; by
                   default the only one, and the side that opened it), at once
                   or with their recorded spacing.
With standard input closed (&lt;/dev/null), a client half-closes after its sends.
</source>
        <translation>发送（所有类型）：
  --send TEXT      可重复使用；套接字打开后按顺序发送：发给服务端、
                   发给 --peer，或在每个客户端连接时发给它。
                   支持转义（\r\n、\x00）和宏（{{counter}}、{{time}}、
                   {{random:N}}、{{file:PATH}}）。
  --hex            --send 的文本为十六进制字节
  --interval MS    每 MS 毫秒重复发送 --send 文本（直到停止，或
  --count N        发送 N 次；0 = 直到停止）；{{counter}} 计数轮次
  --checksum KIND  在每段文本后附加 sum8、xor8、crc16-modbus、
                   crc16-ccitt-false 或 crc32 校验和
  --send-file PATH [--chunk BYTES] [--interval MS]
                   TCP：发送整个文件，每次 64 KiB，带背压控制。
                   UDP：每 --interval 毫秒（1）发送一个 --chunk 字节
                   （1024）的数据报。
  --replay FILE [--conversation N] [--direction in|out] [--keep-spacing]
                   重新发送抓包文件中某个会话的载荷（N 取自
                   &quot;socketscope read FILE&quot; 的 c 列；默认为唯一的会话及
                   发起它的一方），立即发送或保持录制时的间隔。
标准输入关闭时（&lt;/dev/null），客户端在发送完后半关闭连接。
</translation>
    </message>
    <message>
        <source>--conversation takes a number such as 3 or c3 (the c column of &quot;socketscope read FILE&quot;), not &quot;%1&quot;.</source>
        <translation>--conversation 需要一个编号，例如 3 或 c3（&quot;socketscope read FILE&quot; 的 c 列），而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>--direction takes in or out, not &quot;%1&quot;.</source>
        <translation>--direction 取 in 或 out，而不是 &quot;%1&quot;。</translation>
    </message>
    <message>
        <source>%1 applies to --replay FILE.</source>
        <translation>%1 用于 --replay FILE。</translation>
    </message>
    <message>
        <source>%1 does not go with --replay, which sends the recorded payloads as they were (--keep-spacing keeps their timing).</source>
        <translation>%1 不能与 --replay 同用：--replay 按录制原样发送载荷（--keep-spacing 保持其时间间隔）。</translation>
    </message>
    <message>
        <source>--replay: %1</source>
        <translation>--replay：%1</translation>
    </message>
    <message>
        <source>replaying what c%1 (%2) in %3 received: payloads %4, bytes %5</source>
        <translation>正在重放 %3 中 c%1（%2）收到的内容：载荷 %4 个，字节 %5</translation>
    </message>
    <message>
        <source>replaying what c%1 (%2) in %3 sent: payloads %4, bytes %5</source>
        <translation>正在重放 %3 中 c%1（%2）发出的内容：载荷 %4 个，字节 %5</translation>
    </message>
</context>
<context>
    <name>HostPort</name>
    <message>
        <source>The port is missing.</source>
        <translation>缺少端口。</translation>
    </message>
    <message>
        <source>Port &quot;%1&quot; is not a number.</source>
        <translation>端口“%1”不是数字。</translation>
    </message>
    <message>
        <source>Port %1 is out of range: ports go from 0 to 65535.</source>
        <translation>端口 %1 超出范围：端口取值为 0 到 65535。</translation>
    </message>
    <message>
        <source>Port 0 cannot be used here: give the port to connect to (1 to 65535).</source>
        <translation>此处不能使用端口 0：请给出要连接的端口（1 到 65535）。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the IPv6 address has no closing bracket.</source>
        <translation>“%1”：IPv6 地址缺少右方括号“]”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a port must follow the bracketed address, as in [::1]:9999.</source>
        <translation>“%1”：方括号括起的地址后面必须跟端口，例如 [::1]:9999。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv6 address.</source>
        <translation>“%1”不是 IPv6 地址。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: put an IPv6 address in brackets, as in [::1]:9999.</source>
        <translation>“%1”：IPv6 地址须放在方括号中，例如 [::1]:9999。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the host before the colon is missing.</source>
        <translation>“%1”：冒号前缺少主机。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: give a host and a port, as in 127.0.0.1:9999.</source>
        <translation>“%1”：请给出主机和端口，例如 127.0.0.1:9999。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a host name cannot contain spaces.</source>
        <translation>“%1”：主机名不能包含空格。</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a host name cannot start with &quot;-&quot;.</source>
        <translation>“%1”：主机名不能以“-”开头。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address: it takes four numbers from 0 to 255, as in 127.0.0.1.</source>
        <translation>“%1”不是 IPv4 地址：它由四个 0 到 255 之间的数字组成，例如 127.0.0.1。</translation>
    </message>
</context>
<context>
    <name>LogContextMenu</name>
    <message>
        <source>Log rows</source>
        <translation>日志行</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy &amp;payload as</source>
        <translation>复制载荷为(&amp;P)</translation>
    </message>
    <message>
        <source>Copy payload as</source>
        <translation>复制载荷为</translation>
    </message>
    <message>
        <source>&amp;Hex</source>
        <translation>十六进制(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;C array</source>
        <translation>C 数组(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Python bytes</source>
        <translation>Python bytes(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Export selected rows</source>
        <translation>导出所选行(&amp;E)</translation>
    </message>
    <message>
        <source>Export selected rows</source>
        <translation>导出所选行</translation>
    </message>
</context>
<context>
    <name>LogToolBar</name>
    <message>
        <source>Traffic log tools</source>
        <translation>流量日志工具</translation>
    </message>
    <message>
        <source>Filter payload or peer</source>
        <translation>过滤载荷或对端</translation>
    </message>
    <message>
        <source>Shows only events whose payload or peer address contains this text (%1)</source>
        <translation>只显示载荷或对端地址包含此文本的事件（%1）</translation>
    </message>
    <message>
        <source>In</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Show data received from peers</source>
        <translation>显示从对端接收的数据</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Show data sent to peers</source>
        <translation>显示发送给对端的数据</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Show state changes: listening, connections opened and closed, notes</source>
        <translation>显示状态变化：监听、连接建立与关闭、提示</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Show errors</source>
        <translation>显示错误</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Freeze the view while recording goes on (%1)</source>
        <translation>冻结视图，记录照常进行（%1）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Remove every recorded event</source>
        <translation>清空所有已记录的事件</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected rows as tab-separated text (%1)</source>
        <translation>将所选行复制为以制表符分隔的文本（%1）</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <source>Paused: new events are still recorded and appear when you resume.</source>
        <translation>已暂停：新事件仍会被记录，恢复后即会显示。</translation>
    </message>
    <message>
        <source>Traffic log</source>
        <translation>通信日志</translation>
    </message>
    <message>
        <source>Filter progress</source>
        <translation>过滤进度</translation>
    </message>
    <message>
        <source>Filtering… %1%</source>
        <translation>正在过滤… %1%</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>SocketScope</source>
        <translation>SocketScope</translation>
    </message>
    <message>
        <source>Send and chat</source>
        <translation>发送与聊天</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>启动(&amp;S)</translation>
    </message>
    <message>
        <source>Start the selected session (F5)</source>
        <translation>启动所选会话（F5）</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>Stop the selected session (Shift+F5)</source>
        <translation>停止所选会话（Shift+F5）</translation>
    </message>
    <message>
        <source>&amp;Clear log</source>
        <translation>清空日志(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Pause log</source>
        <translation>暂停日志(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation>新建会话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Follow newest events</source>
        <translation>跟随最新事件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About SocketScope</source>
        <translation>关于 SocketScope(&amp;A)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>New TCP server</source>
        <translation>新建 TCP 服务端</translation>
    </message>
    <message>
        <source>About SocketScope</source>
        <translation>关于 SocketScope</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SocketScope %1&lt;/h3&gt;&lt;p&gt;Talk over TCP and UDP sockets and see every byte: a live log, connections, chat, hex view and send panel, and the same engine on the command line.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SocketScope %1&lt;/h3&gt;&lt;p&gt;通过 TCP 和 UDP 套接字通信，看清每一个字节：实时日志、连接、聊天、十六进制视图和发送面板，同一引擎也可在命令行中使用。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sessions running: %1 · Connections: %2 · Events: %3 · In: %4 · Out: %5</source>
        <translation>运行中的会话：%1 · 连接：%2 · 事件：%3 · 接收：%4 · 发送：%5</translation>
    </message>
    <message>
        <source> · Evicted by the memory cap: %1</source>
        <translation> · 因内存上限被移除：%1</translation>
    </message>
    <message>
        <source>Selected session &amp;only</source>
        <translation>仅所选会话(&amp;O)</translation>
    </message>
    <message>
        <source>Show only the selected session&apos;s events in the log</source>
        <translation>日志中只显示所选会话的事件</translation>
    </message>
    <message>
        <source>&amp;Memory cap…</source>
        <translation>内存上限(&amp;M)…</translation>
    </message>
    <message>
        <source>How much memory the recorded events may use before the oldest are evicted</source>
        <translation>记录的事件最多可用多少内存，超出后移除最早的事件</translation>
    </message>
    <message>
        <source>Memory cap</source>
        <translation>内存上限</translation>
    </message>
    <message>
        <source>Memory for recorded events, in MiB. When it is full the oldest events are evicted (the status bar counts them); nothing else is lost.</source>
        <translation>用于记录事件的内存，单位 MiB。用满后会移除最早的事件（状态栏会计数）；其他内容不会丢失。</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>脚本</translation>
    </message>
    <message>
        <source>The saved session &quot;%1&quot; could not be restored: %2</source>
        <translation>无法恢复已保存的会话“%1”：%2</translation>
    </message>
    <message>
        <source>More toolbar buttons</source>
        <translation>更多工具栏按钮</translation>
    </message>
</context>
<context>
    <name>MulticastMembership</name>
    <message>
        <source>Cannot enable broadcast: %1</source>
        <translation>无法启用广播：%1</translation>
    </message>
    <message>
        <source>Cannot set the TTL: %1</source>
        <translation>无法设置 TTL：%1</translation>
    </message>
    <message>
        <source>Cannot set multicast loopback: %1</source>
        <translation>无法设置组播回环：%1</translation>
    </message>
</context>
<context>
    <name>MulticastRows</name>
    <message>
        <source>Broadcast</source>
        <translation>广播</translation>
    </message>
    <message>
        <source>Allows sending to broadcast addresses: 255.255.255.255 or a network&apos;s, such as 192.168.1.255.</source>
        <translation>允许向广播地址发送：255.255.255.255 或某个网络的广播地址，例如 192.168.1.255。</translation>
    </message>
    <message>
        <source>Multicast groups</source>
        <translation>组播组</translation>
    </message>
    <message>
        <source>239.1.2.3, ff12::1234 or 232.1.2.3@SOURCE</source>
        <translation>239.1.2.3、ff12::1234 或 232.1.2.3@SOURCE</translation>
    </message>
    <message>
        <source>Groups to join while the session runs, separated by commas; they are left when it stops. GROUP@SOURCE hears only that sender (source-specific). Bind 0.0.0.0 for IPv4 groups, :: for IPv6.</source>
        <translation>会话运行期间要加入的组播组，用逗号分隔；会话停止时退出。GROUP@SOURCE 只接收该发送方（特定源组播）。IPv4 组播请绑定 0.0.0.0，IPv6 请绑定 ::。</translation>
    </message>
    <message>
        <source>Interface</source>
        <translation>网络接口</translation>
    </message>
    <message>
        <source>Chosen by the routes</source>
        <translation>由路由决定</translation>
    </message>
    <message>
        <source>The network interface the groups are joined on and multicast is sent through, by name (eth0, lo, ...).</source>
        <translation>加入组播组和发送组播所用的网络接口名称（eth0、lo 等）。</translation>
    </message>
    <message>
        <source>TTL / hop limit</source>
        <translation>TTL / 跳数限制</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>How many routers a datagram may cross (IPv6: the hop limit). 0 keeps multicast on this host, 1 on the local network.</source>
        <translation>数据报最多可经过多少个路由器（IPv6 为跳数限制）。0 表示组播只留在本机，1 表示只在本地网络。</translation>
    </message>
    <message>
        <source>Multicast loopback</source>
        <translation>组播回环</translation>
    </message>
    <message>
        <source>Default (on)</source>
        <translation>默认（开）</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Whether multicast sent from here is also delivered to this host&apos;s own members of the group.</source>
        <translation>本机发出的组播是否也投递给本机中该组的成员。</translation>
    </message>
</context>
<context>
    <name>PayloadCodec</name>
    <message>
        <source>Character %1 at position %2 cannot be encoded in %3</source>
        <translation>位置 %2 处的字符 %1 无法用 %3 编码</translation>
    </message>
    <message>
        <source>Prefix %1 at position %2 is not followed by hex digits</source>
        <translation>位置 %2 处的前缀 %1 后面没有十六进制数字</translation>
    </message>
    <message>
        <source>Invalid hex digit %1 at position %2</source>
        <translation>位置 %2 处的十六进制数字 %1 无效</translation>
    </message>
    <message>
        <source>Incomplete byte %1 at position %2: hex bytes need two digits</source>
        <translation>位置 %2 处的字节 %1 不完整：十六进制字节需要两位数字</translation>
    </message>
    <message>
        <source>Incomplete escape at position %1: a backslash must be followed by an escape character (use \\ for a backslash)</source>
        <translation>位置 %1 处的转义不完整：反斜杠后面必须跟转义字符（反斜杠本身请写作 \\）</translation>
    </message>
    <message>
        <source>Incomplete escape %1 at position %2: \x needs two hex digits</source>
        <translation>位置 %2 处的转义 %1 不完整：\x 需要两位十六进制数字</translation>
    </message>
    <message>
        <source>Incomplete escape %1 at position %2: \u needs four hex digits</source>
        <translation>位置 %2 处的转义 %1 不完整：\u 需要四位十六进制数字</translation>
    </message>
    <message>
        <source>&apos;\&apos; followed by %1</source>
        <translation>&apos;\&apos; 后跟 %1</translation>
    </message>
    <message>
        <source>Unknown escape %1 at position %2</source>
        <translation>位置 %2 处的转义 %1 无法识别</translation>
    </message>
</context>
<context>
    <name>RateView</name>
    <message>
        <source>Messages per second</source>
        <translation>每秒消息数</translation>
    </message>
    <message>
        <source>Bytes per second</source>
        <translation>每秒字节数</translation>
    </message>
    <message>
        <source>In</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发送</translation>
    </message>
</context>
<context>
    <name>RecordedPayloads</name>
    <message>
        <source>%1 holds more than %2 MiB of payloads: choose one conversation with --conversation N (the c column of &quot;socketscope read %1&quot;).</source>
        <translation>%1 的载荷超过 %2 MiB：请用 --conversation N 选择一个会话（&quot;socketscope read %1&quot; 的 c 列）。</translation>
    </message>
    <message>
        <source>c%1 in %2 holds more than %3 MiB of payloads, too much to replay from memory.</source>
        <translation>%2 中的 c%1 载荷超过 %3 MiB，无法在内存中重放。</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is damaged or cut short (%2); replaying what was read before that.</source>
        <translation>%1 已损坏或被截断（%2）；将重放此前读到的内容。</translation>
    </message>
    <message>
        <source>%1 has no payloads to replay.</source>
        <translation>%1 中没有可重放的载荷。</translation>
    </message>
    <message>
        <source>%1 has no conversation c%2 with payloads: &quot;socketscope read %1&quot; lists them in its c column.</source>
        <translation>%1 中没有带载荷的会话 c%2：&quot;socketscope read %1&quot; 在 c 列中列出了所有会话。</translation>
    </message>
    <message>
        <source>%1 holds %2 conversations with payloads (%3): choose one with --conversation N.</source>
        <translation>%1 中有 %2 个带载荷的会话（%3）：请用 --conversation N 选择一个。</translation>
    </message>
    <message>
        <source>c%1 in %2 received nothing: try --direction out.</source>
        <translation>%2 中的 c%1 没有收到任何内容：请试试 --direction out。</translation>
    </message>
    <message>
        <source>c%1 in %2 sent nothing: try --direction in.</source>
        <translation>%2 中的 c%1 没有发出任何内容：请试试 --direction in。</translation>
    </message>
</context>
<context>
    <name>RelayBase</name>
    <message>
        <source>Target %1: %2</source>
        <translation>目标 %1：%2</translation>
    </message>
    <message>
        <source>A relay forwards what its clients and the target send; it sends nothing of its own.</source>
        <translation>中继只转发客户端和目标发送的内容，自身不发送任何数据。</translation>
    </message>
</context>
<context>
    <name>RelayConnection</name>
    <message>
        <source>Connecting to the target %1</source>
        <extracomment>A relay&apos;s client is being connected on to the relay&apos;s target.</extracomment>
        <translation>正在连接目标 %1</translation>
    </message>
    <message>
        <source>Cannot connect to the target %1: %2</source>
        <translation>无法连接目标 %1：%2</translation>
    </message>
    <message>
        <source>The target could not be reached: the client is reset</source>
        <translation>无法到达目标：已重置客户端连接</translation>
    </message>
    <message>
        <source>Target leg open: %1 -&gt; %2</source>
        <extracomment>The relay&apos;s own connection to the target is open: from its local address to the target.</extracomment>
        <translation>目标侧连接已打开：%1 -&gt; %2</translation>
    </message>
    <message numerus="yes">
        <source>Cannot connect to the target %1: no answer within %n second(s)</source>
        <translation>
            <numerusform>无法连接目标 %1：%n 秒内无应答</numerusform>
        </translation>
    </message>
    <message>
        <source>The client finished sending (half-close): passed on to the target</source>
        <translation>客户端已结束发送（半关闭）：已转达给目标</translation>
    </message>
    <message>
        <source>The target finished sending (half-close): passed on to the client</source>
        <translation>目标已结束发送（半关闭）：已转达给客户端</translation>
    </message>
    <message>
        <source>The client reset the connection: the target leg is reset too</source>
        <translation>客户端重置了连接：目标侧连接也已重置</translation>
    </message>
    <message>
        <source>Target leg closed</source>
        <translation>目标侧连接已关闭</translation>
    </message>
    <message>
        <source>The target reset the connection: the client is reset too</source>
        <translation>目标重置了连接：客户端连接也已重置</translation>
    </message>
    <message>
        <source>The target leg failed: %1</source>
        <translation>目标侧连接失败：%1</translation>
    </message>
    <message>
        <source>The target leg failed: the client is reset</source>
        <translation>目标侧连接失败：已重置客户端连接</translation>
    </message>
</context>
<context>
    <name>RelayEndpoint</name>
    <message>
        <source>Relaying each client to %1</source>
        <extracomment>A relay&apos;s second event: where each client is connected on to.</extracomment>
        <translation>将每个客户端转发到 %1</translation>
    </message>
    <message>
        <source>Too many clients: the limit is %1</source>
        <translation>客户端过多：上限为 %1</translation>
    </message>
    <message>
        <source>Disconnected by the user</source>
        <translation>已由用户断开连接</translation>
    </message>
    <message>
        <source>Session stopped</source>
        <translation>会话已停止</translation>
    </message>
</context>
<context>
    <name>RepeatControls</name>
    <message>
        <source>%1 of %2 sent, %3 late</source>
        <translation>已发送 %1 / %2，%3 次延迟</translation>
    </message>
    <message>
        <source>%1 sent, %2 late (until stopped)</source>
        <translation>已发送 %1，%2 次延迟（直到停止）</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
    <message>
        <source>%1. Stopped.</source>
        <translation>%1。已停止。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Stop repeating</source>
        <translation>停止重复发送</translation>
    </message>
    <message>
        <source>Start repeating</source>
        <translation>开始重复发送</translation>
    </message>
    <message>
        <source>Repeat &amp;every:</source>
        <translation>重复间隔(&amp;E)：</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Repeat interval in milliseconds</source>
        <translation>重复间隔（毫秒）</translation>
    </message>
    <message>
        <source>&amp;Times:</source>
        <translation>次数(&amp;T)：</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>直到停止</translation>
    </message>
    <message>
        <source>How many times (0 = until stopped)</source>
        <translation>发送次数（0 = 直到停止）</translation>
    </message>
    <message>
        <source>0 repeats until you press Stop or the session stops.</source>
        <translation>0 表示一直重复，直到你按下“停止”或会话停止。</translation>
    </message>
    <message>
        <source>Send the message above every interval; each send fills in its macros again ({{counter}} counts 1, 2, 3 …).</source>
        <translation>每隔一个间隔发送上方的消息；每次发送都会重新填充宏（{{counter}} 依次计为 1、2、3 …）。</translation>
    </message>
    <message>
        <source>Repeat progress</source>
        <translation>重复发送进度</translation>
    </message>
</context>
<context>
    <name>RepeatSender</name>
    <message>
        <source>The session stopped.</source>
        <translation>会话已停止。</translation>
    </message>
    <message>
        <source>The connection closed: the repeat stopped.</source>
        <translation>连接已关闭：重复发送已停止。</translation>
    </message>
</context>
<context>
    <name>ReplayDialog</name>
    <message>
        <source>Replay payloads</source>
        <translation>重放载荷</translation>
    </message>
    <message>
        <source>Payloads: %1, bytes: %2</source>
        <translation>载荷：%1 个，字节：%2</translation>
    </message>
    <message>
        <source>recorded over %1 s</source>
        <translation>记录时长 %1 秒</translation>
    </message>
    <message>
        <source>through session %1</source>
        <translation>通过会话 %1</translation>
    </message>
    <message>
        <source>What will be sent</source>
        <translation>将要发送的内容</translation>
    </message>
    <message>
        <source>The same peer: %1</source>
        <translation>同一对端：%1</translation>
    </message>
    <message>
        <source>The session&apos;s usual target</source>
        <translation>会话的默认目标</translation>
    </message>
    <message>
        <source>Another address (UDP)</source>
        <translation>其他地址（UDP）</translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation>发送到(&amp;T)：</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送到</translation>
    </message>
    <message>
        <source>host:port, e.g. 127.0.0.1:9999</source>
        <translation>主机:端口，例如 127.0.0.1:9999</translation>
    </message>
    <message>
        <source>Address to send to</source>
        <translation>发送目标地址</translation>
    </message>
    <message>
        <source>&amp;Keep the recorded time between the payloads</source>
        <translation>保持载荷之间的记录时间间隔(&amp;K)</translation>
    </message>
    <message>
        <source>Keep the recorded time between the payloads</source>
        <translation>保持载荷之间的记录时间间隔</translation>
    </message>
    <message>
        <source>Replay status</source>
        <translation>重放状态</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation>重放(&amp;R)</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>重放</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>The session that recorded these payloads is not running: start it first.</source>
        <translation>记录这些载荷的会话未运行：请先启动它。</translation>
    </message>
    <message>
        <source>Replaying…</source>
        <translation>正在重放…</translation>
    </message>
    <message>
        <source>Sent %1 of %2 payloads…</source>
        <translation>已发送 %1 / %2 个载荷…</translation>
    </message>
    <message>
        <source>Sent the payload.</source>
        <translation>已发送该载荷。</translation>
    </message>
    <message>
        <source>Sent all %1 payloads.</source>
        <translation>已发送全部 %1 个载荷。</translation>
    </message>
    <message>
        <source>Sent %1 of %2 payloads. %3</source>
        <translation>已发送 %1 / %2 个载荷。%3</translation>
    </message>
</context>
<context>
    <name>ReplaySender</name>
    <message>
        <source>The peer is gone or the session stopped: the replay stopped.</source>
        <translation>对端已断开或会话已停止：重放已停止。</translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <source>Exact</source>
        <translation>完全相同</translation>
    </message>
    <message>
        <source>Contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Starts with</source>
        <translation>开头为</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Delay before the reply, in milliseconds</source>
        <translation>回复前的延迟（毫秒）</translation>
    </message>
    <message>
        <source>Rule on or off</source>
        <translation>启用或停用规则</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
</context>
<context>
    <name>RulesPanel</name>
    <message>
        <source>Match kind</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>The first rule that matches a message answers it. Replies take \1, ${name}, {{peer}}, {{counter}}, escapes. Applies at the next start.</source>
        <translation>由第一条匹配的规则回复消息。回复中可使用 \1、${name}、{{peer}}、{{counter}} 和转义。下次启动时生效。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation>移除所选规则</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the selected rule up</source>
        <translation>上移所选规则</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected rule down</source>
        <translation>下移所选规则</translation>
    </message>
    <message>
        <source>Auto-reply rules</source>
        <translation>自动回复规则</translation>
    </message>
    <message>
        <source>Problem with the rules</source>
        <translation>规则有问题</translation>
    </message>
    <message>
        <source>&amp;Try a message (escapes allowed, e.g. PING 42\r\n):</source>
        <translation>试一条消息（可使用转义，例如 PING 42\r\n）(&amp;T)：</translation>
    </message>
    <message>
        <source>Message to try</source>
        <translation>要试的消息</translation>
    </message>
    <message>
        <source>Answer to the tried message</source>
        <translation>对所试消息的回复</translation>
    </message>
    <message>
        <source>%1 The rules are saved once this is fixed.</source>
        <translation>%1 修正后即会保存规则。</translation>
    </message>
    <message>
        <source>Type a message above to see which rule answers it.</source>
        <translation>在上方输入一条消息，查看由哪条规则回复。</translation>
    </message>
    <message>
        <source>Fix the rules first.</source>
        <translation>请先修正规则。</translation>
    </message>
    <message>
        <source>No rule matches: nothing is sent back.</source>
        <translation>没有匹配的规则：不会回复任何内容。</translation>
    </message>
    <message>
        <source>The hello reply answers</source>
        <translation>hello 协议的回复会应答</translation>
    </message>
    <message>
        <source>Rule %1 answers</source>
        <translation>规则 %1 会应答</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; (%3 bytes)</source>
        <translation>%1：“%2”（%3 字节）</translation>
    </message>
</context>
<context>
    <name>SavedMessageDialog</name>
    <message>
        <source>Saved message</source>
        <translation>已保存的消息</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Text with escapes</source>
        <translation>转义文本</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation>换行符</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>LF (\n)</source>
        <translation>LF (\n)</translation>
    </message>
    <message>
        <source>CRLF (\r\n)</source>
        <translation>CRLF (\r\n)</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>校验和</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>empty: the panel&apos;s choice; all; or HOST:PORT</source>
        <translation>留空：使用面板中的选择；all；或 HOST:PORT</translation>
    </message>
    <message>
        <source>Repeat interval in milliseconds (0 = send once)</source>
        <translation>重复间隔（毫秒，0 = 只发送一次）</translation>
    </message>
    <message>
        <source>send once</source>
        <translation>只发送一次</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>Repeat count (0 = until stopped)</source>
        <translation>重复次数（0 = 直到停止）</translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>直到停止</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>消息(&amp;M)：</translation>
    </message>
    <message>
        <source>M&amp;ode:</source>
        <translation>模式(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Line ending:</source>
        <translation>换行符(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Checksum:</source>
        <translation>校验和(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Target:</source>
        <translation>目标(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Repeat every:</source>
        <translation>重复间隔(&amp;R)：</translation>
    </message>
    <message>
        <source>T&amp;imes:</source>
        <translation>次数(&amp;I)：</translation>
    </message>
    <message>
        <source>Give the message a name.</source>
        <translation>请为消息命名。</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>目标：%1</translation>
    </message>
</context>
<context>
    <name>SavedMessagesView</name>
    <message>
        <source>Import saved messages</source>
        <translation>导入已保存的消息</translation>
    </message>
    <message>
        <source>Saved messages (*.json);;All files (*)</source>
        <translation>已保存的消息 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export saved messages</source>
        <translation>导出已保存的消息</translation>
    </message>
    <message>
        <source>Saved messages (*.json)</source>
        <translation>已保存的消息 (*.json)</translation>
    </message>
    <message>
        <source>Search saved messages</source>
        <translation>搜索已保存的消息</translation>
    </message>
    <message>
        <source>Saved messages</source>
        <translation>已保存的消息</translation>
    </message>
    <message>
        <source>Double-click or Alt+1 … Alt+9 sends; right-click for more.</source>
        <translation>双击或按 Alt+1 … Alt+9 发送；右键单击查看更多操作。</translation>
    </message>
    <message>
        <source>Save &amp;current</source>
        <translation>保存当前消息(&amp;C)</translation>
    </message>
    <message>
        <source>Save the current message</source>
        <translation>保存当前消息</translation>
    </message>
    <message>
        <source>Add the message typed above, with its mode, encoding, line ending and checksum, to the saved messages.</source>
        <translation>将上方输入的消息连同其模式、编码、换行符和校验和一起添加到已保存的消息中。</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Saved messages status</source>
        <translation>已保存消息状态</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>创建副本</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Nothing was imported from %1: %2</source>
        <translation>未从 %1 导入任何内容：%2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n message(s).</source>
        <translation>
            <numerusform>已导入 %n 条消息。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n message(s).</source>
        <translation>
            <numerusform>已导出 %n 条消息。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <source>Load a script</source>
        <translation>加载脚本</translation>
    </message>
    <message>
        <source>One step per line: send TEXT, send-hex 48 65, expect TEXT, expect /REGEX/, timeout MS, wait MS, close; # starts a comment. Run starts the session and runs the script on each connection.</source>
        <translation>每行一个步骤：send TEXT、send-hex 48 65、expect TEXT、expect /REGEX/、timeout MS、wait MS、close；# 开头为注释。“运行”会启动会话，并在每个连接上运行脚本。</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>脚本</translation>
    </message>
    <message>
        <source>send hello\n
expect /Hello, (\w+)!/
send bye $1\n</source>
        <translation>send hello\n
expect /Hello, (\w+)!/
send bye $1\n</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>加载…</translation>
    </message>
    <message>
        <source>Load a script from a file</source>
        <translation>从文件加载脚本</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the script</source>
        <translation>运行脚本</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the session and its script</source>
        <translation>停止会话及其脚本</translation>
    </message>
    <message>
        <source>Problem with the script</source>
        <translation>脚本有问题</translation>
    </message>
    <message>
        <source>Script steps and their status</source>
        <translation>脚本步骤及其状态</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Result of the script</source>
        <translation>脚本结果</translation>
    </message>
    <message>
        <source>Waiting for a connection…</source>
        <translation>正在等待连接…</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Running on connection #%1…</source>
        <translation>正在连接 #%1 上运行…</translation>
    </message>
</context>
<context>
    <name>ScriptRunner</name>
    <message numerus="yes">
        <source>Script passed: %n step(s).</source>
        <translation>
            <numerusform>脚本通过：%n 个步骤。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendFormatControls</name>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Text with escapes</source>
        <translation>转义文本</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Line ending</source>
        <translation>换行符</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>LF (\n)</source>
        <translation>LF (\n)</translation>
    </message>
    <message>
        <source>CRLF (\r\n)</source>
        <translation>CRLF (\r\n)</translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Line ending:</source>
        <translation>换行符(&amp;L)：</translation>
    </message>
    <message>
        <source>Check&amp;sum:</source>
        <translation>校验和(&amp;S)：</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>校验和</translation>
    </message>
</context>
<context>
    <name>SendJobs</name>
    <message>
        <source>The session is not running: nothing was sent.</source>
        <translation>会话未运行：未发送任何数据。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>SendPanel</name>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>Start a session to send.</source>
        <translation>启动会话后即可发送。</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送到</translation>
    </message>
    <message>
        <source>HOST:PORT</source>
        <translation>HOST:PORT</translation>
    </message>
    <message>
        <source>Message to send</source>
        <translation>要发送的消息</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the message (Ctrl+Enter)</source>
        <translation>发送消息（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation>发送到(&amp;T)：</translation>
    </message>
    <message>
        <source>Type a message…</source>
        <translation>输入消息…</translation>
    </message>
    <message>
        <source>Hex bytes, e.g. 48 65 6c 6c 6f</source>
        <translation>十六进制字节，例如 48 65 6c 6c 6f</translation>
    </message>
    <message>
        <source>The session is not running: start it to send.</source>
        <translation>会话未运行：请先启动会话再发送。</translation>
    </message>
    <message>
        <source>There is nothing to send: the input is empty.</source>
        <translation>没有可发送的内容：输入为空。</translation>
    </message>
    <message>
        <source>Text with escapes and macros, e.g. Hello\r\n, \x00\xff or #{{counter}} at {{time}}</source>
        <translation>带转义和宏的文本，例如 Hello\r\n、\x00\xff 或 #{{counter}} at {{time}}</translation>
    </message>
    <message>
        <source>Send to address</source>
        <translation>发送到地址</translation>
    </message>
</context>
<context>
    <name>SendPreview</name>
    <message>
        <source>(not valid yet)</source>
        <translation>（尚无效）</translation>
    </message>
    <message>
        <source>0 B</source>
        <translation>0 B</translation>
    </message>
    <message>
        <source>%1 B: %2%3</source>
        <translation>%1 B：%2%3</translation>
    </message>
    <message>
        <source>Bytes to send</source>
        <translation>要发送的字节</translation>
    </message>
    <message>
        <source>The exact bytes Send puts on the wire, in hex: the message, then the line ending, then the checksum.</source>
        <translation>“发送”实际写入线路的字节（十六进制）：依次为消息、换行符、校验和。</translation>
    </message>
    <message>
        <source>Escapes: \r \n \t \\ \xNN \uNNNN, and \{ for a literal &quot;{&quot;.
Macros, filled in on every send:
{{counter}}  1, 2, 3 … in a repeat series
{{time}} or {{time:yyyyMMddhhmmss}}  the local time
{{peer}}  the address sent to
{{random:N}}  N random bytes
{{file:PATH}}  the bytes of a file</source>
        <translation>转义：\r \n \t \\ \xNN \uNNNN，以及用 \{ 表示字面的“{”。
宏，每次发送时填充：
{{counter}}  重复发送序列中的 1、2、3 …
{{time}} 或 {{time:yyyyMMddhhmmss}}  本地时间
{{peer}}  发送目标地址
{{random:N}}  N 个随机字节
{{file:PATH}}  文件的字节内容</translation>
    </message>
    <message>
        <source>Append a checksum to every message sent from here.</source>
        <translation>为从此处发送的每条消息附加校验和。</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n byte(s)) over every byte of the message, line ending included, appended after it as the last bytes.</source>
        <translation>
            <numerusform>%1（%n 字节）覆盖消息的全部字节（包括换行符），附加在消息之后作为最后的字节。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendTargets</name>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>No session</source>
        <translation>无会话</translation>
    </message>
    <message>
        <source>Selected connection (%1)</source>
        <translation>所选连接（%1）</translation>
    </message>
    <message>
        <source>Selected connection</source>
        <translation>所选连接</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>所有客户端</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务端</translation>
    </message>
    <message>
        <source>Server (%1)</source>
        <translation>服务端（%1）</translation>
    </message>
    <message>
        <source>Peer (%1)</source>
        <translation>对端（%1）</translation>
    </message>
    <message>
        <source>Selected peer (%1)</source>
        <translation>所选对端（%1）</translation>
    </message>
    <message>
        <source>Selected peer</source>
        <translation>所选对端</translation>
    </message>
    <message>
        <source>Address…</source>
        <translation>地址…</translation>
    </message>
    <message>
        <source>No session is selected.</source>
        <translation>未选择会话。</translation>
    </message>
    <message>
        <source>No connection is selected: select one in the Connections view.</source>
        <translation>未选择连接：请在“连接”视图中选择一个连接。</translation>
    </message>
    <message>
        <source>Type the address to send to as HOST:PORT.</source>
        <translation>请按 HOST:PORT 格式输入目标地址。</translation>
    </message>
</context>
<context>
    <name>SendTools</name>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Send tools</source>
        <translation>发送工具</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>The session is not running: start it to send.</source>
        <translation>会话未运行：请先启动会话再发送。</translation>
    </message>
    <message>
        <source>Message %1</source>
        <translation>消息 %1</translation>
    </message>
</context>
<context>
    <name>SessionConfig</name>
    <message>
        <source>%1 needs a whole number from %2 to %3, not &quot;%4&quot;.</source>
        <translation>%1 需要 %2 到 %3 之间的整数，而不是“%4”。</translation>
    </message>
    <message>
        <source>Give the host to connect to.</source>
        <translation>请给出要连接的主机。</translation>
    </message>
    <message>
        <source>Give the address to listen on.</source>
        <translation>请给出要监听的地址。</translation>
    </message>
    <message>
        <source>Port 0 cannot be used here: give the port to connect to (1 to 65535).</source>
        <translation>此处不能使用端口 0：请给出要连接的端口（1 到 65535）。</translation>
    </message>
    <message>
        <source>The hello protocol is for servers; a client sends what you type.</source>
        <translation>hello 协议用于服务端；客户端只发送你输入的内容。</translation>
    </message>
    <message>
        <source>A chat needs a peer to talk to, as in --peer 127.0.0.1:8889.</source>
        <translation>聊天需要指定对端，例如 --peer 127.0.0.1:8889。</translation>
    </message>
    <message>
        <source>The peer needs a port from 1 to 65535.</source>
        <translation>对端端口须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>Max clients must be at least 1.</source>
        <translation>最大客户端数至少为 1。</translation>
    </message>
    <message>
        <source>The maximum line length must be at least 1 byte.</source>
        <translation>最大行长度至少为 1 字节。</translation>
    </message>
    <message>
        <source>The connect timeout must be at least 1 second.</source>
        <translation>连接超时至少为 1 秒。</translation>
    </message>
    <message>
        <source>The idle timeout cannot be negative.</source>
        <translation>空闲超时不能为负数。</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 需要一个值。</translation>
    </message>
    <message>
        <source>--peer: %1</source>
        <translation>--peer：%1</translation>
    </message>
    <message>
        <source>Unknown option &quot;%1&quot; for %2.</source>
        <translation>%2 不支持选项“%1”。</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <source>%1 needs HOST:PORT to connect to.</source>
        <translation>%1 需要指定要连接的 HOST:PORT。</translation>
    </message>
    <message>
        <source>%1 needs [ADDRESS:]PORT to bind.</source>
        <translation>%1 需要指定要绑定的 [ADDRESS:]PORT。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Peer: %1</source>
        <translation>对端：%1</translation>
    </message>
    <message>
        <source>Chat mode is for datagram sessions (UDP and Unix datagram).</source>
        <translation>聊天模式仅用于数据报会话（UDP 和 Unix 数据报）。</translation>
    </message>
    <message>
        <source>A %1 has no %2 protocol.</source>
        <translation>%1 没有 %2 协议。</translation>
    </message>
    <message>
        <source>or</source>
        <extracomment>Joins the last two subcommands of a list: &quot;tcp-server, tcp-client or udp&quot;.</extracomment>
        <translation>或</translation>
    </message>
    <message>
        <source>Missing subcommand: use %1.</source>
        <translation>缺少子命令：请使用 %1。</translation>
    </message>
    <message>
        <source>Unknown subcommand &quot;%1&quot;: use %2.</source>
        <translation>未知子命令“%1”：请使用 %2。</translation>
    </message>
    <message>
        <source>Unknown protocol &quot;%1&quot;: a %2 supports only %3.</source>
        <translation>未知协议“%1”：%2 仅支持 %3。</translation>
    </message>
    <message>
        <source>Unknown protocol &quot;%1&quot;: use %2 or %3.</source>
        <translation>未知协议“%1”：请使用 %2 或 %3。</translation>
    </message>
    <message>
        <source>%1 needs the socket&apos;s PATH (or @NAME for an abstract name).</source>
        <translation>%1 需要套接字的 PATH（抽象名称用 @NAME）。</translation>
    </message>
    <message>
        <source>%1 needs seconds from 0 to %2, with at most three decimals (e.g. 0.25), not &quot;%3&quot;.</source>
        <translation>%1 需要 0 到 %2 之间的秒数，最多三位小数（例如 0.25），而不是“%3”。</translation>
    </message>
    <message>
        <source>A relay needs a target to connect each client to, as in 127.0.0.1:8000.</source>
        <translation>中继需要一个目标来连接每个客户端，例如 127.0.0.1:8000。</translation>
    </message>
    <message>
        <source>%1 needs TARGET_HOST:PORT to connect each client to.</source>
        <translation>%1 需要 TARGET_HOST:PORT 来连接每个客户端。</translation>
    </message>
    <message>
        <source>Target: %1</source>
        <translation>目标：%1</translation>
    </message>
</context>
<context>
    <name>SessionContextMenu</name>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
</context>
<context>
    <name>SessionEditor</name>
    <message>
        <source>Stop the session to change its settings.</source>
        <translation>停止会话后才能更改设置。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Greeting</source>
        <translation>欢迎语</translation>
    </message>
    <message>
        <source>Reply template</source>
        <translation>回复模板</translation>
    </message>
    <message>
        <source>Exit word</source>
        <translation>退出词</translation>
    </message>
    <message>
        <source>End word</source>
        <translation>结束词</translation>
    </message>
    <message>
        <source>Framing</source>
        <translation>分帧</translation>
    </message>
    <message>
        <source>Max line length</source>
        <translation>最大行长度</translation>
    </message>
    <message>
        <source>Max clients</source>
        <translation>最大客户端数</translation>
    </message>
    <message>
        <source>Idle timeout</source>
        <translation>空闲超时</translation>
    </message>
    <message>
        <source>Connect timeout</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>Sent to each client as soon as it connects.</source>
        <translation>每个客户端一连上就发送给它。</translation>
    </message>
    <message>
        <source>%s is replaced by the message.</source>
        <translation>%s 会被替换为收到的消息。</translation>
    </message>
    <message>
        <source>A client that sends this word is disconnected.</source>
        <translation>客户端发送此词后将被断开连接。</translation>
    </message>
    <message>
        <source>Sending or receiving this word ends the chat. Empty: the chat never ends by itself.</source>
        <translation>发送或收到此词即结束聊天。留空：聊天不会自行结束。</translation>
    </message>
    <message>
        <source>Per read: each chunk received is one message, as in the tutorial. Lines: each line is one message.</source>
        <translation>按次读取：每次收到的数据块算一条消息，与教程一致。按行：每一行算一条消息。</translation>
    </message>
    <message>
        <source>Per read</source>
        <translation>按次读取</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>按行</translation>
    </message>
    <message>
        <source>A longer line is answered in pieces of this size.</source>
        <translation>超过此长度的行将按此大小分段回复。</translation>
    </message>
    <message>
        <source> bytes</source>
        <extracomment>Unit after a number of bytes in a spin box, with its leading space.</extracomment>
        <translation> 字节</translation>
    </message>
    <message>
        <source>Further clients are turned away while this many are connected.</source>
        <translation>已连接的客户端达到此数量时，拒绝新的客户端。</translation>
    </message>
    <message>
        <source>Closes a connection that stays silent this long.</source>
        <translation>连接无数据往来达到此时长即关闭。</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source> s</source>
        <extracomment>Unit after a number of seconds in a spin box, with its leading space.</extracomment>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Gives up when the server does not answer within this time.</source>
        <translation>服务端在此时间内无响应则放弃连接。</translation>
    </message>
    <message>
        <source>Only records the traffic: you send by hand.</source>
        <translation>只记录通信：由你手动发送。</translation>
    </message>
    <message>
        <source>Hello</source>
        <translation>Hello</translation>
    </message>
    <message>
        <source>Greets each client, answers every message with the reply template and disconnects on the exit word.</source>
        <translation>向每个客户端发送欢迎语，用回复模板应答每条消息，收到退出词时断开连接。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Answers every datagram with the reply template.</source>
        <translation>用回复模板应答每个数据报。</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Talks with the peer; the end word ends the chat.</source>
        <translation>与对端聊天；结束词会结束聊天。</translation>
    </message>
    <message>
        <source>127.0.0.1, 0.0.0.0 or ::</source>
        <translation>127.0.0.1、0.0.0.0 或 ::</translation>
    </message>
    <message>
        <source>The local address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 or :: for every network interface.</source>
        <translation>要监听的本地地址：127.0.0.1 仅限本机，0.0.0.0 或 :: 表示所有网络接口。</translation>
    </message>
    <message>
        <source>0 to 65535</source>
        <translation>0 到 65535</translation>
    </message>
    <message>
        <source>Port 0 picks a free port; the list shows which one.</source>
        <translation>端口 0 表示自动选择空闲端口，列表中会显示实际端口。</translation>
    </message>
    <message>
        <source>Host name or address</source>
        <translation>主机名或地址</translation>
    </message>
    <message>
        <source>The server to connect to: a name such as localhost or an address such as 127.0.0.1.</source>
        <translation>要连接的服务端：可以是 localhost 这样的主机名，也可以是 127.0.0.1 这样的地址。</translation>
    </message>
    <message>
        <source>1 to 65535</source>
        <translation>1 到 65535</translation>
    </message>
    <message>
        <source>The server&apos;s port.</source>
        <translation>服务端的端口。</translation>
    </message>
    <message>
        <source>HOST:PORT, as in 127.0.0.1:8889</source>
        <translation>HOST:PORT，例如 127.0.0.1:8889</translation>
    </message>
    <message>
        <source>The other side of the chat.</source>
        <translation>聊天的另一方。</translation>
    </message>
    <message>
        <source>Optional HOST:PORT</source>
        <translation>可选，HOST:PORT</translation>
    </message>
    <message>
        <source>Where sends go by default; replies always go to the sender.</source>
        <translation>默认的发送目标；回复总是发给发送方。</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Packets</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Each message is read whole, as it was sent, rather than as a byte stream. Both sides must use it.</source>
        <translation>每条消息按发送时的样子整条读取，而不是作为字节流。双方都必须使用此方式。</translation>
    </message>
    <message>
        <source>/run/user/1000/app.sock or @name</source>
        <translation>/run/user/1000/app.sock 或 @name</translation>
    </message>
    <message>
        <source>The server&apos;s socket file, or @NAME for a Linux abstract name.</source>
        <translation>服务端的套接字文件，或 Linux 抽象名称 @NAME。</translation>
    </message>
    <message>
        <source>The socket file to make (one left by a process that has gone is replaced), or @NAME for a Linux abstract name, which leaves no file.</source>
        <translation>要创建的套接字文件（已退出进程遗留的文件会被替换），或 Linux 抽象名称 @NAME（不留下文件）。</translation>
    </message>
    <message>
        <source>The other side&apos;s socket path</source>
        <translation>对端的套接字路径</translation>
    </message>
    <message>
        <source>Optional socket path</source>
        <translation>可选的套接字路径</translation>
    </message>
    <message>
        <source>Where sends go by default; it must be bound to a path (or @NAME) to be reached.</source>
        <translation>默认的发送目标；它必须绑定到路径（或 @NAME）才能送达。</translation>
    </message>
    <message>
        <source>%1, joins %2</source>
        <extracomment>The session&apos;s type and the multicast groups it joins: &quot;UDP, joins 239.1.2.3 on eth0&quot;.</extracomment>
        <translation>%1，加入 %2</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>HOST:PORT of the server, as in 127.0.0.1:8000</source>
        <translation>服务器的 主机:端口，例如 127.0.0.1:8000</translation>
    </message>
    <message>
        <source>Each client is connected on to this server; both directions are forwarded and recorded.</source>
        <translation>每个客户端都会被接续连接到此服务器；双向数据都会被转发并记录。</translation>
    </message>
</context>
<context>
    <name>SessionKind</name>
    <message>
        <source>TCP server</source>
        <translation>TCP 服务端</translation>
    </message>
    <message>
        <source>TCP server %1</source>
        <translation>TCP 服务端 %1</translation>
    </message>
    <message>
        <source>TCP hello server</source>
        <translation>TCP hello 服务端</translation>
    </message>
    <message>
        <source>TCP client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <source>TCP client to %1</source>
        <translation>连接 %1 的 TCP 客户端</translation>
    </message>
    <message>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <source>UDP %1</source>
        <translation>UDP %1</translation>
    </message>
    <message>
        <source>UDP hello server</source>
        <translation>UDP hello 服务端</translation>
    </message>
    <message>
        <source>UDP chat</source>
        <translation>UDP 聊天</translation>
    </message>
    <message>
        <source>Unix server</source>
        <translation>Unix 服务端</translation>
    </message>
    <message>
        <source>Unix server %1</source>
        <translation>Unix 服务端 %1</translation>
    </message>
    <message>
        <source>Unix hello server</source>
        <translation>Unix hello 服务端</translation>
    </message>
    <message>
        <source>Unix client</source>
        <translation>Unix 客户端</translation>
    </message>
    <message>
        <source>Unix client to %1</source>
        <translation>连接 %1 的 Unix 客户端</translation>
    </message>
    <message>
        <source>Unix datagram</source>
        <translation>Unix 数据报</translation>
    </message>
    <message>
        <source>Unix datagram %1</source>
        <translation>Unix 数据报 %1</translation>
    </message>
    <message>
        <source>Unix datagram hello server</source>
        <translation>Unix 数据报 hello 服务端</translation>
    </message>
    <message>
        <source>Unix datagram chat</source>
        <translation>Unix 数据报聊天</translation>
    </message>
    <message>
        <source>Plain UDP</source>
        <translation>普通 UDP</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A session&apos;s title made unique: &quot;TCP client to 127.0.0.1:9999 (2)&quot;.</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>UDP multicast listener</source>
        <translation>UDP 组播监听</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>中继</translation>
    </message>
    <message>
        <source>Relay %1</source>
        <translation>中继 %1</translation>
    </message>
    <message>
        <source>TCP relay</source>
        <translation>TCP 中继</translation>
    </message>
    <message>
        <source>UDP relay</source>
        <translation>UDP 中继</translation>
    </message>
    <message>
        <source>UDP relay %1</source>
        <translation>UDP 中继 %1</translation>
    </message>
</context>
<context>
    <name>SessionModel</name>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>starting</source>
        <translation>正在启动</translation>
    </message>
    <message>
        <source>starting %1</source>
        <translation>正在启动 %1</translation>
    </message>
    <message>
        <source>listening on %1</source>
        <translation>正在监听 %1</translation>
    </message>
    <message>
        <source>connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>bound to %1</source>
        <translation>已绑定到 %1</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>finished: %1</source>
        <translation>已结束：%1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Capture file</source>
        <translation>抓包文件</translation>
    </message>
    <message>
        <source>read from %1</source>
        <translation>读取自 %1</translation>
    </message>
    <message>
        <source>%1, joined %2</source>
        <translation>%1，已加入 %2</translation>
    </message>
</context>
<context>
    <name>SessionPanel</name>
    <message>
        <source>Remove session</source>
        <translation>移除会话</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is running. Stop it and remove it?</source>
        <translation>“%1”正在运行。要停止并移除它吗？</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新建会话</translation>
    </message>
    <message>
        <source>Open a new session from a template (%1)</source>
        <translation>从模板新建会话（%1）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected session (%1 in the list)</source>
        <translation>移除所选会话（在列表中按 %1）</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Start the session with these settings (%1)</source>
        <translation>按当前设置启动会话（%1）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the session (%1)</source>
        <translation>停止会话（%1）</translation>
    </message>
    <message>
        <source>Session error</source>
        <translation>会话错误</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>No sessions yet. Use New session to open one of the tutorial scenarios.</source>
        <translation>还没有会话。点击“新建会话”打开一个教程场景。</translation>
    </message>
    <message>
        <source>Start session</source>
        <translation>启动会话</translation>
    </message>
    <message>
        <source>Stop session</source>
        <translation>停止会话</translation>
    </message>
</context>
<context>
    <name>StatisticsOptions</name>
    <message>
        <source>Statistics: --stats prints messages and bytes each way per session, the
message size distribution, the busiest peers and connections (one JSON
object with --json); --rate prints the recording&apos;s messages and bytes per
time bucket as CSV. Live sessions print them when they exit; read prints
them instead of the events.
</source>
        <translation>统计：--stats 输出每个会话各方向的消息数和字节数、消息大小分布、
最繁忙的对端和连接（与 --json 同用时为一个 JSON 对象）；--rate 以 CSV
输出录制内容每个时间段的消息数和字节数。实时会话在退出时输出；
read 输出它们而不是事件。
</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Connection c%1 (%2): in %3 messages, %4 bytes; out %5 messages, %6 bytes</source>
        <translation>连接 c%1（%2）：收到 %3 条消息、%4 字节；发出 %5 条消息、%6 字节</translation>
    </message>
    <message>
        <source>Select a connection to see its counts.</source>
        <translation>选择一个连接以查看其计数。</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>In</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Message sizes</source>
        <translation>消息大小</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Busiest peers</source>
        <translation>最繁忙的对端</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Bytes in</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <source>Bytes out</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <source>Selected connection</source>
        <translation>所选连接</translation>
    </message>
</context>
<context>
    <name>StreamSocket</name>
    <message>
        <source>Connection reset by the peer</source>
        <translation>连接被对端重置</translation>
    </message>
    <message>
        <source>Closed by the peer</source>
        <translation>对端已关闭连接</translation>
    </message>
    <message>
        <source>The server&apos;s queue of connections is full</source>
        <translation>服务端的连接队列已满</translation>
    </message>
    <message>
        <source>TLS handshake failed: %1</source>
        <translation>TLS 握手失败：%1</translation>
    </message>
    <message>
        <source>Closed by the peer without a TLS close_notify (what it sent last may be cut short)</source>
        <translation>对端关闭时未发送 TLS close_notify（它最后发送的内容可能不完整）</translation>
    </message>
    <message>
        <source>TLS error: %1</source>
        <translation>TLS 错误：%1</translation>
    </message>
    <message>
        <source>Closed by both sides</source>
        <translation>双方均已关闭</translation>
    </message>
</context>
<context>
    <name>TailFollower</name>
    <message>
        <source>Scroll to the newest event and follow new events (End)</source>
        <translation>滚动到最新事件并跟随新事件（End）</translation>
    </message>
    <message>
        <source>↓ Follow new events</source>
        <translation>↓ 跟随新事件</translation>
    </message>
    <message>
        <source>↓ 1 new event</source>
        <translation>↓ 1 个新事件</translation>
    </message>
    <message>
        <source>↓ %1 new events</source>
        <translation>↓ %1 个新事件</translation>
    </message>
</context>
<context>
    <name>TcpClientEndpoint</name>
    <message numerus="yes">
        <source>timed out after %n second(s)</source>
        <translation>
            <numerusform>%n 秒后超时</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>A TCP client sends to its server, not to an address.</source>
        <translation>TCP 客户端只能发送给它连接的服务端，不能发送到指定地址。</translation>
    </message>
    <message>
        <source>Not connected: nothing was sent.</source>
        <translation>未连接：未发送任何数据。</translation>
    </message>
    <message>
        <source>Disconnected by the user</source>
        <translation>已由用户断开连接</translation>
    </message>
    <message>
        <source>Session stopped</source>
        <translation>会话已停止</translation>
    </message>
    <message>
        <source>A Unix client sends to its server, not to an address.</source>
        <translation>Unix 客户端只发送给它的服务端，不能发送到地址。</translation>
    </message>
    <message numerus="yes">
        <source>TLS handshake timed out after %n second(s)</source>
        <translation>
            <numerusform>TLS 握手在 %n 秒后超时</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TcpConnection</name>
    <message>
        <source>Exit word received</source>
        <translation>收到退出词</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>The peer is not reading: %1 bytes still wait to be sent, so these %2 bytes were not sent.</source>
        <translation>对端未在读取：仍有 %1 字节等待发送，因此这 %2 字节未发送。</translation>
    </message>
    <message numerus="yes">
        <source>(reset: the peer did not read the last %n byte(s))</source>
        <translation>
            <numerusform>（重置：对端未读取最后 %n 字节）</numerusform>
        </translation>
    </message>
    <message>
        <source>The peer is not reading: %1 KiB wait to be sent, so reading from it is paused until it catches up.</source>
        <translation>对端未在读取：有 %1 KiB 等待发送，因此暂停从其读取，直到它跟上。</translation>
    </message>
    <message>
        <source>The peer reads again: reading from it resumes.</source>
        <translation>对端恢复读取：继续从其读取。</translation>
    </message>
    <message>
        <source>Peer credentials: pid %1, uid %2, gid %3</source>
        <translation>对端凭据：pid %1，uid %2，gid %3</translation>
    </message>
    <message>
        <source>pid %1, uid %2</source>
        <extracomment>Who is at the other end of a Unix socket: process id and user id.</extracomment>
        <translation>pid %1，uid %2</translation>
    </message>
</context>
<context>
    <name>TcpListener</name>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>无法监听 %1：%2</translation>
    </message>
    <message>
        <source>The address is already in use</source>
        <translation>地址已被占用</translation>
    </message>
    <message>
        <source>Cannot accept new connections: %1; they wait until some close</source>
        <extracomment>%1 is the system&apos;s reason, e.g. &quot;Too many open files&quot;.</extracomment>
        <translation>无法接受新连接：%1；它们将等待，直到有连接关闭</translation>
    </message>
</context>
<context>
    <name>TcpServerEndpoint</name>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>无法监听 %1：%2</translation>
    </message>
    <message>
        <source>Too many clients: the limit is %1</source>
        <translation>客户端过多：上限为 %1</translation>
    </message>
    <message>
        <source>Idle for %1 s: closed by the idle timeout</source>
        <translation>空闲 %1 秒：因空闲超时而关闭</translation>
    </message>
    <message>
        <source>Connection #%1 is no longer open: nothing was sent.</source>
        <translation>连接 #%1 已关闭：未发送任何数据。</translation>
    </message>
    <message>
        <source>No client is connected: nothing was sent.</source>
        <translation>没有已连接的客户端：未发送任何数据。</translation>
    </message>
    <message>
        <source>A TCP server sends to its clients, not to an address.</source>
        <translation>TCP 服务端只能发送给它的客户端，不能发送到指定地址。</translation>
    </message>
    <message>
        <source>Disconnected by the user</source>
        <translation>已由用户断开连接</translation>
    </message>
    <message>
        <source>Session stopped</source>
        <translation>会话已停止</translation>
    </message>
    <message>
        <source>A Unix server sends to its clients, not to an address.</source>
        <translation>Unix 服务端只发送给它的客户端，不能发送到地址。</translation>
    </message>
</context>
<context>
    <name>TlsContext</name>
    <message>
        <source>no key could be made</source>
        <translation>无法生成密钥</translation>
    </message>
    <message>
        <source>the certificate could not be signed</source>
        <translation>无法签署证书</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Using the self-signed certificate kept in %1</source>
        <translation>使用保存在 %1 的自签名证书</translation>
    </message>
    <message>
        <source>Cannot make a self-signed certificate: %1</source>
        <translation>无法生成自签名证书：%1</translation>
    </message>
    <message>
        <source>Made a self-signed certificate for localhost, kept in %1</source>
        <translation>已为 localhost 生成自签名证书，保存在 %1</translation>
    </message>
    <message>
        <source>Using the certificate %1 and the key %2</source>
        <translation>使用证书 %1 和私钥 %2</translation>
    </message>
    <message>
        <source>Certificate SHA-256 fingerprint: %1</source>
        <translation>证书 SHA-256 指纹：%1</translation>
    </message>
    <message>
        <source>Cannot use the client CA file %1: %2</source>
        <translation>无法使用客户端 CA 文件 %1：%2</translation>
    </message>
    <message>
        <source>no certificate in it</source>
        <translation>其中没有证书</translation>
    </message>
    <message>
        <source>Clients must present a certificate issued by a CA in %1.</source>
        <translation>客户端必须出示由 %1 中的 CA 签发的证书。</translation>
    </message>
    <message>
        <source>Cannot use the certificate %1: %2</source>
        <translation>无法使用证书 %1：%2</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Cannot use the key %1: %2</source>
        <translation>无法使用私钥 %1：%2</translation>
    </message>
    <message>
        <source>The key %1 does not belong to the certificate %2.</source>
        <translation>私钥 %1 与证书 %2 不匹配。</translation>
    </message>
    <message>
        <source>Cannot use the CA file %1: %2</source>
        <translation>无法使用 CA 文件 %1：%2</translation>
    </message>
    <message>
        <source>TLS could not be set up</source>
        <translation>无法建立 TLS</translation>
    </message>
</context>
<context>
    <name>TlsRows</name>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation>PEM 文件 (*.pem *.crt *.key);;所有文件 (*)</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Encrypt with TLS</source>
        <translation>使用 TLS 加密</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>CA file</source>
        <translation>CA 文件</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Insecure: do not verify the server</source>
        <translation>不安全：不验证服务端</translation>
    </message>
    <message>
        <source>Server name (SNI)</source>
        <translation>服务器名称（SNI）</translation>
    </message>
    <message>
        <source>ALPN</source>
        <translation>ALPN</translation>
    </message>
    <message>
        <source>Trusted fingerprint</source>
        <translation>信任的指纹</translation>
    </message>
    <message>
        <source>Empty: a self-signed certificate</source>
        <translation>留空：使用自签名证书</translation>
    </message>
    <message>
        <source>A PEM certificate (chain). Without one, SocketScope makes a self-signed certificate once and reuses it; the log shows its SHA-256 fingerprint.</source>
        <translation>PEM 证书（链）。若不提供，SocketScope 会生成一次自签名证书并重复使用；日志中显示其 SHA-256 指纹。</translation>
    </message>
    <message>
        <source>The certificate&apos;s private key, in PEM.</source>
        <translation>证书的私钥，PEM 格式。</translation>
    </message>
    <message>
        <source>Empty: the system&apos;s CAs</source>
        <translation>留空：使用系统的 CA</translation>
    </message>
    <message>
        <source>Verify the server against the CAs in this PEM file.</source>
        <translation>用此 PEM 文件中的 CA 验证服务端。</translation>
    </message>
    <message>
        <source>Talks to any server, whatever its certificate: for tests only.</source>
        <translation>无论证书如何都与服务端通信：仅用于测试。</translation>
    </message>
    <message>
        <source>Empty: the host</source>
        <translation>留空：使用主机名</translation>
    </message>
    <message>
        <source>The name sent to the server and checked in its certificate.</source>
        <translation>发送给服务端并在其证书中核对的名称。</translation>
    </message>
    <message>
        <source>h2,http/1.1</source>
        <translation>h2,http/1.1</translation>
    </message>
    <message>
        <source>Protocols offered to the server, separated by commas.</source>
        <translation>向服务端提供的协议，用逗号分隔。</translation>
    </message>
    <message>
        <source>SHA-256, as in AB:CD:…</source>
        <translation>SHA-256，形如 AB:CD:…</translation>
    </message>
    <message>
        <source>Accept the certificate with this fingerprint even if it does not verify (a self-signed server, for instance).</source>
        <translation>即使验证不通过，也接受具有此指纹的证书（例如自签名的服务端）。</translation>
    </message>
    <message>
        <source>Client CAs</source>
        <translation>客户端 CA</translation>
    </message>
    <message>
        <source>Empty: clients need no certificate</source>
        <translation>留空：客户端无需证书</translation>
    </message>
    <message>
        <source>Mutual TLS: every client must present a certificate issued by a CA in this PEM file, or its handshake fails.</source>
        <translation>双向 TLS：每个客户端都必须出示由此 PEM 文件中的 CA 签发的证书，否则握手失败。</translation>
    </message>
    <message>
        <source>A PEM certificate (chain) to present when the server asks for one (mutual TLS).</source>
        <translation>服务器要求时出示的 PEM 证书（链）（双向 TLS）。</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
</context>
<context>
    <name>TlsSettings</name>
    <message>
        <source>%1 is not an option of a %2.</source>
        <translation>%1 不是 %2 的选项。</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 需要一个值。</translation>
    </message>
    <message>
        <source>--trust needs a SHA-256 fingerprint (64 hex digits, colons allowed), not &quot;%1&quot;.</source>
        <translation>--trust 需要 SHA-256 指纹（64 位十六进制数字，可含冒号），而不是“%1”。</translation>
    </message>
    <message>
        <source>The TLS options need --tls.</source>
        <translation>TLS 选项需要 --tls。</translation>
    </message>
    <message>
        <source>Give both --cert and --key, or neither for a self-signed certificate.</source>
        <translation>请同时给出 --cert 和 --key，或都不给以使用自签名证书。</translation>
    </message>
    <message>
        <source>Give both --cert and --key for a client certificate, or neither.</source>
        <translation>使用客户端证书时请同时给出 --cert 和 --key，或都不给。</translation>
    </message>
    <message>
        <source>The trusted fingerprint needs 64 hex digits (a SHA-256), colons allowed.</source>
        <translation>信任的指纹需要 64 位十六进制数字（SHA-256），可含冒号。</translation>
    </message>
    <message>
        <source>--insecure does not verify: it cannot be used with --ca or --trust.</source>
        <translation>--insecure 不做验证：不能与 --ca 或 --trust 同时使用。</translation>
    </message>
    <message>
        <source>--alpn needs names of 1 to 255 bytes separated by commas, as in h2,http/1.1.</source>
        <translation>--alpn 需要以逗号分隔、每个 1 到 255 字节的名称，例如 h2,http/1.1。</translation>
    </message>
</context>
<context>
    <name>TlsStream</name>
    <message>
        <source>certificate verify failed: %1</source>
        <translation>证书验证失败：%1</translation>
    </message>
    <message>
        <source>(the certificate is not for %1)</source>
        <translation>（该证书不属于 %1）</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>TLS 错误</translation>
    </message>
    <message>
        <source>the peer closed the connection during the TLS handshake</source>
        <translation>对端在 TLS 握手期间关闭了连接</translation>
    </message>
    <message>
        <source>TLS established: %1, cipher %2</source>
        <translation>TLS 已建立：%1，密码套件 %2</translation>
    </message>
    <message>
        <source>ALPN: %1</source>
        <translation>ALPN：%1</translation>
    </message>
    <message>
        <source>Peer certificate: subject %1; issuer %2; valid from %3 to %4; SHA-256 %5</source>
        <translation>对端证书：主体 %1；签发者 %2；有效期 %3 至 %4；SHA-256 %5</translation>
    </message>
    <message>
        <source>The server sent no certificate.</source>
        <translation>服务器未发送证书。</translation>
    </message>
    <message>
        <source>Client certificate verified (--client-ca).</source>
        <translation>客户端证书已验证（--client-ca）。</translation>
    </message>
    <message>
        <source>Client certificate: subject %1; SHA-256 %2</source>
        <translation>客户端证书：主体 %1；SHA-256 %2</translation>
    </message>
    <message>
        <source>Certificate not verified (--insecure).</source>
        <translation>证书未验证（--insecure）。</translation>
    </message>
    <message>
        <source>Certificate accepted by its fingerprint (--trust), although: %1.</source>
        <translation>证书已按指纹接受（--trust），尽管：%1。</translation>
    </message>
    <message>
        <source>Certificate verified for %1.</source>
        <translation>证书已针对 %1 验证。</translation>
    </message>
    <message>
        <source>The decrypted bytes are recorded as received and sent; a capture file shows them as the TCP payload.</source>
        <translation>解密后的字节按收发记录；抓包文件中显示为 TCP 载荷。</translation>
    </message>
</context>
<context>
    <name>TrafficDock</name>
    <message>
        <source>Session %1: %2</source>
        <translation>会话 %1：%2</translation>
    </message>
    <message>
        <source>Traffic Rates and Statistics</source>
        <translation>流量速率与统计</translation>
    </message>
    <message>
        <source>&amp;Traffic Rates and Statistics</source>
        <translation>流量速率与统计(&amp;T)</translation>
    </message>
    <message>
        <source>S&amp;ession:</source>
        <translation>会话(&amp;E)：</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>所有会话</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>范围(&amp;R)：</translation>
    </message>
    <message>
        <source>Last minute</source>
        <translation>最近一分钟</translation>
    </message>
    <message>
        <source>Whole recording</source>
        <translation>整个录制</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Reset &amp;Zoom</source>
        <translation>重置缩放(&amp;Z)</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Drag across a plot to zoom in, use the wheel to zoom, right-click to zoom out</source>
        <translation>在图上拖动以放大，用滚轮缩放，右键缩小</translation>
    </message>
</context>
<context>
    <name>TrafficLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>(evicted by the memory cap)</source>
        <translation>（因内存上限被移除）</translation>
    </message>
    <message>
        <source>Round-trip time: from the first message sent on this connection to the first reply received after it</source>
        <translation>往返时间：从此连接上发出的第一条消息到其后收到的第一个回复</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>RTT</translation>
    </message>
</context>
<context>
    <name>TrafficStatistics</name>
    <message>
        <source>in %1 messages, %2 bytes; out %3 messages, %4 bytes</source>
        <translation>收到 %1 条消息、%2 字节；发出 %3 条消息、%4 字节</translation>
    </message>
    <message>
        <source>≥ %1</source>
        <translation>≥ %1</translation>
    </message>
    <message>
        <source>%1–%2 %3</source>
        <translation>%1–%2 %3</translation>
    </message>
    <message>
        <source>%1–%2 B</source>
        <translation>%1–%2 B</translation>
    </message>
    <message>
        <source>No messages recorded.
</source>
        <translation>没有录制到消息。
</translation>
    </message>
    <message>
        <source>Recording: %1 to %2 (%3 s)
</source>
        <translation>录制：%1 至 %2（%3 秒）
</translation>
    </message>
    <message>
        <source>All sessions: %1
</source>
        <translation>所有会话：%1
</translation>
    </message>
    <message>
        <source>Session %1 &quot;%2&quot;: %3
</source>
        <translation>会话 %1 &quot;%2&quot;：%3
</translation>
    </message>
    <message>
        <source>Message sizes (all sessions): size, messages in, messages out
</source>
        <translation>消息大小（所有会话）：大小、收到的消息、发出的消息
</translation>
    </message>
    <message>
        <source>Busiest peers (by bytes both ways):
</source>
        <translation>最繁忙的对端（按双向字节数）：
</translation>
    </message>
    <message>
        <source>  %1: %2 connections; %3
</source>
        <translation>  %1：%2 个连接；%3
</translation>
    </message>
    <message>
        <source>Busiest connections:
</source>
        <translation>最繁忙的连接：
</translation>
    </message>
    <message>
        <source>  c%1 (session %2, %3): %4
</source>
        <translation>  c%1（会话 %2，%3）：%4
</translation>
    </message>
</context>
<context>
    <name>UdpEndpoint</name>
    <message>
        <source>Peer: %1</source>
        <translation>对端：%1</translation>
    </message>
    <message>
        <source>Cannot bind %1: %2</source>
        <translation>无法绑定 %1：%2</translation>
    </message>
    <message>
        <source>Datagram of %1 bytes not sent: UDP over %2 carries at most %3 bytes.</source>
        <translation>未发送 %1 字节的数据报：基于 %2 的 UDP 最多只能承载 %3 字节。</translation>
    </message>
    <message>
        <source>Sending to %1 failed: %2</source>
        <translation>发送到 %1 失败：%2</translation>
    </message>
    <message>
        <source>The socket is not bound: nothing was sent.</source>
        <translation>套接字未绑定：未发送任何数据。</translation>
    </message>
    <message>
        <source>This session has no peer: choose an address to send to.</source>
        <translation>此会话没有对端：请选择要发送到的地址。</translation>
    </message>
    <message>
        <source>Unknown peer #%1: nothing was sent.</source>
        <translation>未知对端 #%1：未发送任何数据。</translation>
    </message>
    <message>
        <source>Chat ended by the peer (end word &quot;%1&quot;)</source>
        <translation>对端结束了聊天（结束词“%1”）</translation>
    </message>
    <message>
        <source>Chat ended here (end word &quot;%1&quot;)</source>
        <translation>本端结束了聊天（结束词“%1”）</translation>
    </message>
    <message>
        <source>chat ended by the peer</source>
        <translation>对端结束了聊天</translation>
    </message>
    <message>
        <source>chat ended</source>
        <translation>聊天已结束</translation>
    </message>
    <message>
        <source>pid %1, uid %2</source>
        <extracomment>Who sent a Unix datagram: process id and user id.</extracomment>
        <translation>pid %1，uid %2</translation>
    </message>
    <message>
        <source>Peer credentials: pid %1, uid %2, gid %3</source>
        <translation>对端凭据：pid %1，uid %2，gid %3</translation>
    </message>
</context>
<context>
    <name>UdpRelayClient</name>
    <message>
        <source>Cannot open a socket to the target %1: %2</source>
        <translation>无法打开到目标 %1 的套接字：%2</translation>
    </message>
    <message>
        <source>No upstream socket: the client&apos;s datagrams cannot be relayed</source>
        <translation>没有上游套接字：无法中继该客户端的数据报</translation>
    </message>
    <message>
        <source>Upstream socket %1 -&gt; %2</source>
        <extracomment>A UDP relay&apos;s own socket for one client, from its local address to the target.</extracomment>
        <translation>上游套接字 %1 -&gt; %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n more in the second before, not recorded one by one)</source>
        <translation>
            <numerusform>（前一秒内另有 %n 个，未逐一记录）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A datagram of %n byte(s) was not sent on to the target: %1</source>
        <translation>
            <numerusform>一个 %n 字节的数据报未转发给目标：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A datagram of %n byte(s) from the target was not sent to the client: %1</source>
        <translation>
            <numerusform>来自目标的一个 %n 字节的数据报未发给客户端：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>The target %1 refused a datagram (ICMP port unreachable): nothing is listening there</source>
        <extracomment>ICMP &quot;port unreachable&quot; came back for a datagram the relay sent on.</extracomment>
        <translation>目标 %1 拒绝了数据报（ICMP 端口不可达）：那里没有程序在监听</translation>
    </message>
    <message>
        <source>The upstream socket to %1 failed: %2</source>
        <translation>到 %1 的上游套接字出错：%2</translation>
    </message>
    <message>
        <source>Dropped: %1 datagram(s) from the client, %2 from the target (the kernel would not take them)</source>
        <translation>已丢弃：来自客户端的数据报 %1 个，来自目标的 %2 个（内核不接收）</translation>
    </message>
    <message>
        <source>Upstream socket %1 closed</source>
        <translation>上游套接字 %1 已关闭</translation>
    </message>
</context>
<context>
    <name>UdpRelayEndpoint</name>
    <message>
        <source>Cannot bind %1: %2</source>
        <translation>无法绑定 %1：%2</translation>
    </message>
    <message>
        <source>closed after %1 s without a datagram</source>
        <translation>%1 秒内没有数据报则关闭</translation>
    </message>
    <message>
        <source>kept until the session stops</source>
        <translation>保留到会话停止</translation>
    </message>
    <message>
        <source>Relaying each client&apos;s datagrams to %1 from a socket of its own, %2</source>
        <extracomment>A UDP relay&apos;s second event: where each client&apos;s datagrams go, and when its socket closes.</extracomment>
        <translation>每个客户端的数据报都从其专用套接字中继到 %1，%2</translation>
    </message>
    <message>
        <source>A datagram from %1 was dropped: too many clients (the limit is %2)</source>
        <translation>来自 %1 的数据报被丢弃：客户端过多（上限为 %2）</translation>
    </message>
    <message numerus="yes">
        <source>(%n more in the second before, not recorded one by one)</source>
        <translation>
            <numerusform>（前一秒内另有 %n 个，未逐一记录）</numerusform>
        </translation>
    </message>
    <message>
        <source>No datagram either way for %1 s: idle timeout</source>
        <extracomment>Why a UDP relay closed one client&apos;s upstream socket.</extracomment>
        <translation>双向 %1 秒没有数据报：空闲超时</translation>
    </message>
    <message>
        <source>Disconnected by the user</source>
        <translation>已由用户断开连接</translation>
    </message>
    <message>
        <source>Session stopped</source>
        <translation>会话已停止</translation>
    </message>
</context>
<context>
    <name>UnixAddress</name>
    <message>
        <source>Give the socket&apos;s path, or @NAME for an abstract name.</source>
        <translation>请给出套接字的路径，抽象名称用 @NAME。</translation>
    </message>
    <message>
        <source>A socket path cannot contain a NUL character.</source>
        <translation>套接字路径不能包含 NUL 字符。</translation>
    </message>
    <message>
        <source>Give a name after the @.</source>
        <translation>请在 @ 后面给出名称。</translation>
    </message>
    <message>
        <source>The path is %1 bytes long; a Unix socket&apos;s path holds at most %2.</source>
        <translation>路径长 %1 字节；Unix 套接字路径最多 %2 字节。</translation>
    </message>
    <message>
        <source>%1 is in use: another process has a socket bound to it.</source>
        <translation>%1 正在使用中：另一个进程的套接字已绑定到它。</translation>
    </message>
    <message>
        <source>%1 exists and is not a socket: it is left as it is.</source>
        <translation>%1 已存在且不是套接字：保持原样，不做改动。</translation>
    </message>
    <message>
        <source>%1 was left by a process that has gone, and cannot be removed: %2</source>
        <translation>%1 是已退出进程遗留的，且无法删除：%2</translation>
    </message>
</context>
<context>
    <name>WiretapFile</name>
    <message>
        <source>the file is empty, not a capture</source>
        <translation>文件为空，不是抓包文件</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>it is a directory, not a capture file</source>
        <translation>这是一个目录，不是抓包文件</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限被拒绝</translation>
    </message>
    <message>
        <source>not a capture file that Wireshark&apos;s formats know</source>
        <translation>不是 Wireshark 支持的任何抓包文件格式</translation>
    </message>
    <message>
        <source>the file changed while it was read</source>
        <translation>文件在读取过程中被修改</translation>
    </message>
</context>
</TS>
