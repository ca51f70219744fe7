#!/usr/bin/python3
"""Drives a whole SocketScope session through AT-SPI, as an automation tool
(or a screen reader) does: no mouse, no keys, only the accessibility tree.

Starts its own X server (Xvfb), private D-Bus session bus and AT-SPI bus,
then the built program with a fresh settings directory, and with dogtail:
- creates a UDP hello server from the menu bar and a TCP hello server from
  the session panel's New session button, finds the editor's fields by
  their labels, sets text fields and combo boxes, reads the editor's Type,
  starts both on port 0 and reads the chosen ports;
- reads the status bar; answers a UDP datagram;
- runs the tutorial's Python client against the TCP server and finds
  "Hello, Michael!" in the log, selects that row through the Table interface
  and reads it in the detail pane;
- sends from the send panel to a connected client, which receives the bytes;
- stops the session from the session panel.
Then starts the program in Chinese and finds its controls by their Chinese
names and labels, none of which may carry an access key ("会话(S)").

Usage: atspi_session.py SOCKETSCOPE_BINARY TUTORIAL_DIR
Exit 77 (skipped) only when no accessibility bus can be started here.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

SKIP = 77
TIMEOUT = 20.0  # seconds for any one thing to show up in the window


def skip(why):
    print(f"SKIP: {why}", flush=True)
    sys.exit(SKIP)


def wait_for(what, probe, timeout=TIMEOUT):
    """Polls probe() until it returns something true; fails after timeout."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except Exception as error:  # the tree changes under us: try again
            last_error = error
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}"
                         + (f" (last error: {last_error})" if last_error else ""))


def a11y_bus_address():
    """The AT-SPI bus's address, from the launcher on the session bus."""
    try:
        from gi.repository import Gio, GLib
    except ImportError:
        skip("python3-gi is not installed")
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    reply = bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress", None,
                          GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE, 1000, None)
    return reply.unpack()[0]


class Desktop:
    """Xvfb + D-Bus session bus + AT-SPI bus, each in its own process group."""

    def __init__(self, root):
        self.root = root
        self.groups = []
        self.env = dict(os.environ)

    def spawn(self, args, **kwargs):
        kwargs.setdefault("env", self.env)
        process = subprocess.Popen(args, start_new_session=True, **kwargs)
        self.groups.append(process)
        return process

    def start(self):
        for tool, package in (("Xvfb", "xvfb"), ("dbus-daemon", "dbus-daemon")):
            if not shutil.which(tool):
                skip(f"{tool} is not installed (Debian: {package})")
        launcher = next((p for p in ("/usr/libexec/at-spi-bus-launcher",
                                     "/usr/lib/at-spi2-core/at-spi-bus-launcher")
                         if os.access(p, os.X_OK)), None)
        if not launcher:
            skip("at-spi-bus-launcher is not installed (Debian: at-spi2-core)")

        runtime = os.path.join(self.root, "run")
        os.mkdir(runtime, 0o700)
        self.env.update(XDG_RUNTIME_DIR=runtime,
                        XDG_CONFIG_HOME=os.path.join(self.root, "config"),
                        XDG_DATA_HOME=os.path.join(self.root, "data"),
                        XDG_CACHE_HOME=os.path.join(self.root, "cache"),
                        HOME=self.root, NO_AT_BRIDGE="0")
        for name in ("SESSION_MANAGER", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
            self.env.pop(name, None)

        # -displayfd: Xvfb picks a free display and tells us its number.
        read_end, write_end = os.pipe()
        self.spawn(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
                    "-nolisten", "tcp"], pass_fds=(write_end,),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            display = pipe.readline().strip()
        if not display:
            skip("Xvfb could not start a display")
        self.env["DISPLAY"] = f":{display}"

        bus = self.spawn(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        address = bus.stdout.readline().strip()
        if not address:
            skip("dbus-daemon could not start a session bus")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address

        self.spawn([launcher, "--launch-immediately"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.environ.update(self.env)  # for pyatspi in this process
        try:
            address = wait_for("the accessibility bus", a11y_bus_address, timeout=10)
        except AssertionError as error:
            skip(f"no accessibility bus could be started: {error}")
        print("accessibility bus:", address, flush=True)

    def stop(self):
        for process in reversed(self.groups):
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in reversed(self.groups):
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def import_dogtail(scratch):
    try:
        from dogtail.config import config
    except ImportError:
        skip("dogtail is not installed (Debian: python3-dogtail python3-pyatspi)")
    # The bus is ours: no desktop setting says accessibility is on.
    config.checkForA11y = False
    config.logDebugToFile = False
    config.logDebugToStdOut = False
    config.scratchDir = scratch
    config.dataDir = scratch
    config.logDir = scratch
    # No fixed pauses: every wait below polls with a deadline.
    config.actionDelay = 0
    config.typingDelay = 0
    config.defaultDelay = 0
    config.searchBackoffDuration = 0.1
    config.searchCutoffCount = int(TIMEOUT / 0.1)
    config.childrenLimit = 2000
    from dogtail import predicate, tree
    import pyatspi
    return tree, predicate, pyatspi


class Window:
    """The running program as dogtail sees it."""

    def __init__(self, desktop, binary, lang):
        self.process = desktop.spawn(
            [binary, "--no-restore", "--lang", lang],
            env=dict(desktop.env, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb",
                     QT_ACCESSIBILITY="1"),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.app = wait_for("SocketScope on the accessibility bus",
                            lambda: self._find_app())
        self.frame = wait_for("the main window", lambda: self.app.child(roleName="frame"))

    def _find_app(self):
        if self.process.poll() is not None:
            raise SystemExit(f"socketscope exited with {self.process.returncode}: "
                             f"{self.process.stderr.read()}")
        return next((a for a in TREE.root.applications() if a.name == "SocketScope"), None)

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    # Finding -----------------------------------------------------------------
    def find(self, what, root=None, **kwargs):
        root = root or self.frame
        return wait_for(what, lambda: root.findChild(PREDICATE.GenericPredicate(**kwargs),
                                                     retry=False, requireResult=False))

    def by_label(self, label, root=None):
        return wait_for(f"the field labelled {label!r}", lambda: (root or self.frame).findChild(
            PREDICATE.IsLabelledAs(label), retry=False, requireResult=False))

    def menu_item(self, *path):
        """Opens each menu of the path from the menu bar; returns the last item."""
        node = self.find("the menu bar", roleName="menu bar")
        self.opened = []
        for depth, name in enumerate(path):
            node = wait_for(f"menu item {name!r}", lambda: next(
                c for c in node.children if c.name == name and c.roleName == "menu item"))
            if depth < len(path) - 1:
                node.doActionNamed("ShowMenu")
                menu = node.children[0]
                wait_for(f"menu {name!r} to open", lambda: menu.showing)
                self.opened.append(menu)
                node = menu
        return node

    def press_menu(self, *path):
        """Presses a menu entry; the menus close as after a click."""
        self.menu_item(*path).doActionNamed("Press")
        wait_for("the menus to close", lambda: not any(m.showing for m in self.opened))


def text_of(node):
    return node.queryText().getText(0, -1)


def set_text(node, value):
    node.queryEditableText().setTextContents(value)
    wait_for(f"{node.name!r} to read {value!r}", lambda: text_of(node) == value)


def choose(combo, item_name):
    """Chooses a combo box item through its list (AT-SPI action "Toggle")."""
    item = wait_for(f"item {item_name!r} of {combo.name!r}", lambda: combo.findChild(
        PREDICATE.GenericPredicate(name=item_name, roleName="list item"),
        retry=False, requireResult=False))
    item.doActionNamed("Toggle")
    wait_for(f"combo box to show {item_name!r}", lambda: combo.name == item_name)


def press(node):
    node.doActionNamed("Press")


def running(status):
    match = re.search(r"Sessions running: (\d+)", text_of(status))
    return int(match.group(1)) if match else None


def port_of_session(window, panel, title):
    """The port a session listens on, from its row in the session list."""
    sessions = window.find("the session list", root=panel, name="Sessions", roleName="list")

    def port():
        for item in sessions.children:
            # The list item's description is its state: "listening on 127.0.0.1:41234".
            match = re.search(r"127\.0\.0\.1:(\d+)", item.description or "")
            if item.name == title and match and match.group(1) != "0":
                return int(match.group(1))
        return None
    return wait_for(f"{title!r} to show its port", port)


def log_rows(window):
    table = window.find("the traffic log", name="Traffic log", roleName="table")
    cells = table.queryTable()
    return table, cells


def english_session(desktop, binary, tutorial):
    window = Window(desktop, binary, "en")
    try:
        # UDP hello server, from the menus; its fields found by their labels.
        window.press_menu("Session", "New session", "UDP hello server")
        # The editor's fields are its children: searched there, not in the whole window.
        editor = window.by_label("Name").parent
        set_text(window.by_label("Name", editor), "udp hello")
        set_text(window.by_label("Port", editor), "0")
        set_text(window.by_label("Address", editor), "127.0.0.1")
        type_label = window.by_label("Type", editor)
        protocol = window.by_label("Protocol", editor)
        choose(protocol, "Chat")
        wait_for("the Type to follow the protocol", lambda: text_of(type_label) == "UDP chat")
        choose(protocol, "Hello")
        wait_for("the Type to follow the protocol",
                 lambda: text_of(type_label) == "UDP hello server")
        set_text(window.by_label("Reply template", editor), "Hi, %s!")
        start = window.find("the Start session button", name="Start session",
                            roleName="push button")
        panel = start.parent  # the session panel: its list and buttons
        press(start)
        udp_port = port_of_session(window, panel, "udp hello")

        # TCP hello server, from the session panel's New session button: a
        # press pops its menu up, which is the button's child in the tree.
        # Framing is a combo box too.
        new_button = wait_for("the New session button", lambda: next(
            c for c in panel.children if c.name == "New session"))
        press(new_button)
        templates = new_button.children[0]
        wait_for("the New session button's menu to open", lambda: templates.showing)
        press(wait_for("its TCP hello server", lambda: next(
            c for c in templates.children if c.name == "TCP hello server")))
        wait_for("the menu to close", lambda: not templates.showing)
        wait_for("the new session in the editor",
                 lambda: text_of(window.by_label("Name", editor)) == "")
        set_text(window.by_label("Name", editor), "tcp hello")
        set_text(window.by_label("Port", editor), "0")
        framing = window.by_label("Framing", editor)
        choose(framing, "Lines")
        choose(framing, "Per read")  # the tutorial's client sends no newline
        # Started from the toolbar this time (the session panel has its own).
        press(window.find("the toolbar's Start", name="Start", roleName="push button",
                          root=window.find("the toolbar", roleName="tool bar")))
        tcp_port = port_of_session(window, panel, "tcp hello")

        # Every toolbar control has a name (Qt's hidden "more buttons" one too).
        toolbar = window.find("the toolbar", roleName="tool bar")
        unnamed = [c.roleName for c in toolbar.children
                   if c.roleName in ("push button", "check box") and not c.name]
        assert not unnamed, f"unnamed toolbar controls: {unnamed}"

        status = window.find("the status summary", name="Status", roleName="label")
        wait_for("the status bar to count two running sessions", lambda: running(status) == 2)
        print("status bar:", text_of(status), flush=True)

        # The UDP server answers with the template set above.
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.settimeout(TIMEOUT)
            udp.sendto(b"Ada", ("127.0.0.1", udp_port))
            reply, _ = udp.recvfrom(1024)
            assert reply == b"Hi, Ada!", reply

        # The tutorial's own client against the TCP server.
        client = subprocess.run([sys.executable, os.path.join(tutorial, "tcp_client.py"),
                                 "127.0.0.1", str(tcp_port)],
                                capture_output=True, text=True, timeout=TIMEOUT)
        assert client.returncode == 0, client.stderr
        assert client.stdout.splitlines()[:2] == ["Welcome!", "Hello, Michael!"], client.stdout

        table, cells = log_rows(window)

        def hello_row():
            preview = next(c for c in range(cells.nColumns)
                           if cells.getColumnDescription(c) == "Preview"
                           or cells.getColumnHeader(c).name == "Preview")
            for row in range(cells.nRows):
                if cells.getAccessibleAt(row, preview).name == "Hello, Michael!":
                    return row + 1  # true even for row 0
            return None
        row = wait_for('"Hello, Michael!" in the log', hello_row) - 1
        assert cells.addRowSelection(row), "the log refused the row selection"
        payload = window.find("the detail pane's text", name="Payload as text")
        wait_for("the detail pane to show the selected row",
                 lambda: text_of(payload) == "Hello, Michael!")
        peer = window.by_label("Peer:")
        wait_for("the detail pane's peer", lambda: text_of(peer).startswith("127.0.0.1:"))

        # The send panel sends to a connected client.
        with socket.create_connection(("127.0.0.1", tcp_port), timeout=TIMEOUT) as tcp:
            assert tcp.recv(1024) == b"Welcome!"
            press(window.find("the Send tab", name="Send", roleName="page tab"))
            target = window.by_label("Send to:")
            choose(target, wait_for("a target for every client", lambda: next(
                (i.name for i in target.findChildren(PREDICATE.GenericPredicate(
                    roleName="list item")) if i.name.startswith("All clients")), None)))
            choose(window.by_label("Mode:"), "Text")
            message = window.find("the message field", name="Message to send", roleName="text")
            set_text(message, "sent through AT-SPI")
            send = window.find("the Send button", name="Send", roleName="push button")
            wait_for("Send to be enabled", lambda: send.sensitive)
            press(send)
            received = b""
            while len(received) < len(b"sent through AT-SPI"):
                chunk = tcp.recv(1024)
                assert chunk, "the server closed the connection"
                received += chunk
            assert received == b"sent through AT-SPI", received

        # Stop from the session panel; the status bar follows.
        press(window.find("the Stop session button", root=panel, name="Stop session",
                          roleName="push button"))
        wait_for("the status bar to count one running session", lambda: running(status) == 1)
        print("status bar:", text_of(status), flush=True)
        with socket.socket() as probe:
            probe.settimeout(TIMEOUT)
            assert probe.connect_ex(("127.0.0.1", tcp_port)) != 0, "stopped server still accepts"
    finally:
        window.close()


MNEMONIC = re.compile(r"\(&?[A-Za-z0-9]\)|&")


def names_with_access_keys(node, found, depth=0):
    name = node.name or ""
    if MNEMONIC.search(name):
        found.append(f"{node.roleName}: {name}")
    if depth < 40:
        for child in node.children:
            if child is not None:
                names_with_access_keys(child, found, depth + 1)
    return found


def chinese_session(desktop, binary):
    window = Window(desktop, binary, "zh_CN")
    try:
        bar = window.find("the menu bar", roleName="menu bar")
        assert "会话" in [item.name for item in bar.children], [i.name for i in bar.children]
        new_menu = window.menu_item("会话", "新建会话")
        new_menu.doActionNamed("ShowMenu")
        templates = new_menu.children[0]
        wait_for("the template menu to open", lambda: templates.showing)
        first = templates.children[0]
        template = first.name
        first.doActionNamed("Press")
        wait_for("the menus to close", lambda: not templates.showing)
        set_text(window.by_label("端口"), "0")
        assert window.by_label("协议").name, "protocol combo box without a name"
        type_label = window.by_label("类型")
        wait_for("the Type", lambda: text_of(type_label) == template)
        window.press_menu("会话", "启动")
        status = window.find("the status summary", name="状态", roleName="label")
        wait_for("the status bar", lambda: text_of(status))
        print("状态:", text_of(status), flush=True)
        found = names_with_access_keys(window.app, [])
        assert not found, "names with access keys: " + ", ".join(found)
    finally:
        window.close()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, tutorial = sys.argv[1], sys.argv[2]
    root = tempfile.mkdtemp(prefix="socketscope-atspi-")
    desktop = Desktop(root)
    try:
        desktop.start()
        global TREE, PREDICATE
        TREE, PREDICATE, pyatspi = import_dogtail(os.path.join(root, "dogtail") + "/")
        wait_for("the AT-SPI registry", lambda: pyatspi.Registry.getDesktop(0) is not None)
        english_session(desktop, binary, tutorial)
        chinese_session(desktop, binary)
        print("PASS: a whole session driven through AT-SPI, in English and Chinese", flush=True)
    except Exception:
        # On stdout: dogtail takes over stderr.
        traceback.print_exc(file=sys.stdout)
        sys.stdout.flush()
        sys.exit(1)
    finally:
        desktop.stop()
        shutil.rmtree(root, ignore_errors=True)


TREE = PREDICATE = None

if __name__ == "__main__":
    main()
