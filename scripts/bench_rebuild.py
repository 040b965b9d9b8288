#!/usr/bin/env python3
"""Benchmarks incremental rebuilds under `goalwall serve` (a benchmark, not a test).

Generates a large site (scripts/generate_large_site.py), starts `goalwall serve` on it,
listens on the live-reload stream like an open page, then edits one goal at a time and
reports, per edit, the server's own rebuild time ("built in N ms") and the time from the
save to the page's "reload" event (which includes the watcher and the debounce wait).

    swift build -c release --scratch-path .build-release
    python3 scripts/bench_rebuild.py --binary .build-release/release/goalwall --goals 1000
"""
import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import queue

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build-release/release/goalwall")
parser.add_argument("--goals", type=int, default=1000)
parser.add_argument("--metrics", type=int, default=50)
parser.add_argument("--edits", type=int, default=15)
parser.add_argument("--site", help="use this site instead of generating one")
args = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
site = args.site
if site is None:
    site = tempfile.mkdtemp(prefix="goalwall-bench-")
    subprocess.run(
        [sys.executable, f"{here}/generate_large_site.py", site, "--goals", str(args.goals),
         "--metrics", str(args.metrics)], check=True)

server = subprocess.Popen(
    [args.binary, "serve", "--site", site, "--port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    text=True, bufsize=1)
log = []
lines = queue.Queue()
threading.Thread(target=lambda: [lines.put(line) for line in server.stderr], daemon=True).start()


def read_until(pattern, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.time()))
        except queue.Empty:
            break
        log.append(line.rstrip())
        found = re.search(pattern, line)
        if found:
            return found
    raise SystemExit(f"timed out waiting for {pattern!r}; log:\n" + "\n".join(log[-20:]))


first = read_until(r"built the wall in (\d+) ms", 300)
url = read_until(r"serving (http://[\d.]+:(\d+)/)", 30)
port = int(url.group(2))
print(f"first build: {first.group(1)} ms ({args.goals} goals)")

events = socket.create_connection(("127.0.0.1", port))
events.sendall(b"GET /_goalwall/live HTTP/1.1\r\nHost: bench\r\n\r\n")
events.settimeout(10)
received = b""


def wait_event(name):
    global received
    deadline = time.time() + 10
    while time.time() < deadline:
        marker = f"event: {name}\n".encode()
        if marker in received:
            received = received[received.index(marker) + len(marker):]
            return time.time()
        received += events.recv(65536)
    raise SystemExit(f"no {name} event")


wait_event("hello")
goals = sorted(name for name in os.listdir(f"{site}/content/goals")
               if re.search(r"^target: ", open(f"{site}/content/goals/{name}").read(), re.M))
run = int(time.time()) % 1000  # new values on every run, so every edit changes something
server_ms, page_ms = [], []
for i in range(args.edits):
    path = f"{site}/content/goals/{goals[(i * 37) % len(goals)]}"
    text = open(path).read()
    text = re.sub(r"^target: .*$", f"target: {run}.{i + 1}", text, count=1, flags=re.M)
    time.sleep(0.3)
    start = time.time()
    with open(path, "w") as f:
        f.write(text)
    reloaded = wait_event("reload")
    built = read_until(r"built in (\d+) ms: (\d+) files? changed", 10)
    server_ms.append(int(built.group(1)))
    page_ms.append((reloaded - start) * 1000)
    print(f"edit {i + 1}: rebuilt in {built.group(1)} ms, {built.group(2)} files changed; "
          f"save → reload event {page_ms[-1]:.0f} ms")

server.send_signal(signal.SIGINT)
status = server.wait(timeout=10)
print(f"rebuild: median {statistics.median(server_ms):.0f} ms, max {max(server_ms)} ms; "
      f"save → reload: median {statistics.median(page_ms):.0f} ms, max {max(page_ms):.0f} ms; "
      f"exit status after Ctrl-C: {status}")
if args.site is None:
    shutil.rmtree(site)
