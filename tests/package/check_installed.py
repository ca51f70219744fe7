#!/usr/bin/env python3
"""Checks an installed SocketScope package: the binary on PATH answers
--version, its man page and bash completion are in place, and one headless
TCP hello exchange works (the tutorial's Welcome!/Hello, Michael!/exit)."""
import gzip
import json
import os
import shutil
import signal
import socket
import subprocess
import sys


def fail(message):
    print(f"check_installed: {message}", file=sys.stderr)
    sys.exit(1)


binary = shutil.which("socketscope")
if binary != "/usr/bin/socketscope":
    fail(f"socketscope on PATH is {binary!r}, not the packaged /usr/bin/socketscope")
version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10)
if version.returncode != 0 or not version.stdout.startswith("socketscope "):
    fail(f"--version printed {version.stdout!r} (exit {version.returncode})")
for path in ("/usr/share/man/man1/socketscope.1.gz", "/usr/share/man/man1/socketscope.1"):
    if os.path.exists(path):
        break
else:
    fail("the man page is not installed")
# The man page documents the window's options as well as the subcommands.
page = None
if shutil.which("man"):
    page = subprocess.run(["man", "-P", "cat", path], capture_output=True, text=True,
                          timeout=30, env={**os.environ, "MANWIDTH": "100", "LC_ALL": "C"})
if page is not None and page.returncode == 0:
    # man justifies its lines, so words may be two or more spaces apart.
    text = " ".join(page.stdout.split())
    for word in ("tcp-server", "Window options", "--no-restore", "Exit codes"):
        if word not in text:
            fail(f"the man page does not mention {word!r}")
else:
    with gzip.open(path, "rt") if path.endswith(".gz") else open(path) as source:
        text = source.read().replace("\\-", "-")
    for word in ("tcp-server", "Window options", "--no-restore"):
        if word not in text:
            fail(f"the man page source does not mention {word!r}")
if not os.path.exists("/usr/share/bash-completion/completions/socketscope"):
    fail("bash completion is not installed")
if not os.path.exists("/usr/share/applications/socketscope.desktop"):
    fail("the .desktop file is not installed")

server = subprocess.Popen([binary, "tcp-server", "127.0.0.1:0", "--json"],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
try:
    first = json.loads(server.stdout.readline())
    if first.get("event") != "listening":
        fail(f"first event is {first!r}, not listening")
    port = int(first["local"].rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        received = b""
        while received != b"Welcome!":
            chunk = client.recv(1024)
            if not chunk:
                fail(f"closed after {received!r}")
            received += chunk
        client.sendall(b"Michael")
        reply = client.recv(1024)
        if reply != b"Hello, Michael!":
            fail(f"reply was {reply!r}")
        client.sendall(b"exit")
        if client.recv(1024) != b"":
            fail("the server did not close the connection on exit")
finally:
    server.send_signal(signal.SIGTERM)
    code = server.wait(timeout=10)
if code != 0:
    fail(f"the server exited {code} after SIGTERM")
print(f"check_installed: {version.stdout.strip()} installed and answering")
