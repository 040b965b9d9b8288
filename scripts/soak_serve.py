#!/usr/bin/env python3
"""Soak test for `goalwall serve`: minutes of mixed, partly hostile traffic on loopback.

Usage:
    swift build && python3 scripts/soak_serve.py                 # .build/debug/goalwall, ~3 min
    python3 scripts/soak_serve.py --binary .build/release/goalwall --seconds 600

It serves a copy of the repository's sample site on a free 127.0.0.1 port and runs, all
at once, for --seconds (default 150):

- --clients page readers (default 200), each fetching a page, a JSON file or the style
  sheet over keep-alive connections with a short pause between requests;
- --kiosks kiosk-like pages (default 20) that keep the live-reload event stream open and
  reload (close the stream, fetch the kiosk, open it again) on every "reload" event and at
  least every few seconds;
- --slowloris connections (default 40) that send a request head one byte every 2 s and
  are expected to be closed by the server 10 s after they opened (then open again);
- one client sending a 1 MB request line and one a 100 KB header every 2 s (414, 431);
- an editor changing a goal every 3 s, so rebuilds and reload events keep happening.

Every second it samples the server's open descriptors (/proc/PID/fd) and resident memory
(VmRSS). It fails (exit 1) unless:

- every normal GET got a 200 within --deadline seconds (default 5);
- every long line got 414 and every long header 431;
- no slowloris connection lived longer than 20 s;
- descriptors and memory are flat: the median of the last 10 s of load is at most the
  median of 10 s at the start of the steady state (--warmup seconds in) plus a margin
  (--fd-margin descriptors, default 25; --rss-margin MB, default 24, plus 10 %), and
  once the load stops the descriptors fall back to within 8 of the idle server's.

Standard library only; Linux (reads /proc).
"""
import argparse
import asyncio
import json
import os
import pathlib
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
GOAL = "content/goals/support/cut-call-wait-time.md"
PAGES = [
    "/", "/kiosk/", "/goals.json", "/style.css", "/feed.xml", "/calendar.ics", "/tree/", "/v2mom/",
    "/goals/cut-call-wait-time/", "/teams/support/", "/teams/support", "/nothing-here/",
]


class Stats:
    def __init__(self):
        self.latencies = []
        self.failures = []
        self.requests = 0
        self.reloads = 0
        self.events = 0
        self.long_lines = {"414": 0, "431": 0, "other": []}
        self.slowloris_closed = []
        self.slowloris_open_too_long = 0


async def read_response(reader, method="GET"):
    """One HTTP/1.1 response: (status, headers, body)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    body = b""
    if method != "HEAD" and status not in (204, 304):
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while True:
                size = int((await reader.readuntil(b"\r\n")).strip(), 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
    return status, headers, body


async def page_reader(port, stats, stop, deadline):
    rng = random.Random()
    while not stop.is_set():
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), deadline)
        except Exception as error:  # noqa: BLE001 - any failure to connect is a failure
            stats.failures.append(f"connect: {error!r}")
            await asyncio.sleep(1)
            continue
        try:
            for _ in range(rng.randint(1, 8)):
                if stop.is_set():
                    break
                path = rng.choice(PAGES)
                start = time.monotonic()
                writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                await writer.drain()
                status, _, _ = await asyncio.wait_for(read_response(reader), deadline)
                elapsed = time.monotonic() - start
                stats.requests += 1
                stats.latencies.append(elapsed)
                expected = 404 if path == "/nothing-here/" else 301 if path == "/teams/support" else 200
                if status != expected:
                    stats.failures.append(f"GET {path}: {status}")
                await asyncio.sleep(rng.uniform(0.2, 1.0))
        except asyncio.TimeoutError:
            stats.failures.append(f"GET took longer than {deadline} s")
        except Exception as error:  # noqa: BLE001
            if not stop.is_set():
                stats.failures.append(f"GET: {error!r}")
        finally:
            writer.close()


async def kiosk(port, stats, stop, deadline):
    rng = random.Random()
    last_id = None
    while not stop.is_set():
        try:
            start = time.monotonic()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"GET /kiosk/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            status, _, _ = await asyncio.wait_for(read_response(reader), deadline)
            stats.latencies.append(time.monotonic() - start)
            stats.requests += 1
            stats.reloads += 1
            if status != 200:
                stats.failures.append(f"kiosk: {status}")
            request = "GET /_goalwall/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
            if last_id:
                request += f"Last-Event-ID: {last_id}\r\n"
            writer.write((request + "\r\n").encode())
            await reader.readuntil(b"\r\n\r\n")
            until = time.monotonic() + rng.uniform(3, 6)
            while time.monotonic() < until and not stop.is_set():
                try:
                    line = await asyncio.wait_for(reader.readline(), until - time.monotonic())
                except asyncio.TimeoutError:
                    break
                text = line.decode(errors="replace").strip()
                if text.startswith("id: "):
                    last_id = text[4:]
                if text.startswith("event: "):
                    stats.events += 1
                    if text == "event: reload":
                        break
            writer.close()
        except Exception as error:  # noqa: BLE001
            if not stop.is_set():
                stats.failures.append(f"kiosk: {error!r}")
                await asyncio.sleep(1)


async def slowloris(port, stats, stop):
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except Exception:  # noqa: BLE001 - the server may be at its connection limit
            await asyncio.sleep(1)
            continue
        opened = time.monotonic()
        head = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 100
        try:
            for byte in head:
                writer.write(bytes([byte]))
                await writer.drain()
                try:
                    data = await asyncio.wait_for(reader.read(1), 2)
                    if data == b"":
                        break
                except asyncio.TimeoutError:
                    pass
                if stop.is_set():
                    break
                if time.monotonic() - opened > 20:
                    stats.slowloris_open_too_long += 1
                    break
        except (ConnectionError, OSError):
            pass
        if not stop.is_set():
            stats.slowloris_closed.append(time.monotonic() - opened)
        writer.close()


async def long_lines(port, stats, stop):
    big_line = b"GET /" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    big_header = b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 100_000 + b"\r\n\r\n"
    while not stop.is_set():
        for request, expected in ((big_line, "414"), (big_header, "431")):
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                start = time.monotonic()
                writer.write(request)
                try:
                    await asyncio.wait_for(writer.drain(), 5)
                except (ConnectionError, OSError):
                    pass
                line = await asyncio.wait_for(reader.readline(), 5)
                status = line.split(b" ")[1].decode() if line.count(b" ") >= 2 else repr(line)
                if status == expected and time.monotonic() - start < 3:
                    stats.long_lines[expected] += 1
                else:
                    stats.long_lines["other"].append(f"{expected}: {status}")
                writer.close()
            except Exception as error:  # noqa: BLE001
                if not stop.is_set():
                    stats.long_lines["other"].append(f"{expected}: {error!r}")
        await asyncio.sleep(2)


async def editor(folder, stop, every):
    goal = folder / GOAL
    original = goal.read_text()
    edits = 0
    while not stop.is_set() and every > 0:
        await asyncio.sleep(every)
        edits += 1
        target = "3.25" if edits % 2 else "3.5"
        goal.write_text(re.sub(r"^target: .*$", f"target: {target}", original, count=1, flags=re.M))
    goal.write_text(original)
    return edits


def sample(pid):
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    rss = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) // 1024
    return fds, rss


async def sampler(pid, samples, stop):
    start = time.monotonic()
    while not stop.is_set():
        fds, rss = sample(pid)
        samples.append((time.monotonic() - start, fds, rss))
        await asyncio.sleep(1)


def median_between(samples, start, end, index):
    values = [s[index] for s in samples if start <= s[0] < end]
    return statistics.median(values) if values else float("nan")


async def soak(args, port, pid, folder):
    stats = Stats()
    stop = asyncio.Event()
    samples = []
    tasks = [asyncio.create_task(sampler(pid, samples, stop))]
    tasks += [asyncio.create_task(page_reader(port, stats, stop, args.deadline)) for _ in range(args.clients)]
    tasks += [asyncio.create_task(kiosk(port, stats, stop, args.deadline)) for _ in range(args.kiosks)]
    tasks += [asyncio.create_task(slowloris(port, stats, stop)) for _ in range(args.slowloris)]
    if args.long_lines:
        tasks.append(asyncio.create_task(long_lines(port, stats, stop)))
    edits = asyncio.create_task(editor(folder, stop, args.edit_every))
    await asyncio.sleep(args.seconds)
    stop.set()
    await asyncio.wait(tasks, timeout=15)
    for task in tasks:
        task.cancel()
    return stats, samples, await edits


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=None)
    parser.add_argument("--seconds", type=float, default=150)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--slowloris", type=int, default=40)
    parser.add_argument("--edit-every", type=float, default=3.0, help="seconds between edits (0: none)")
    parser.add_argument("--no-long-lines", dest="long_lines", action="store_false")
    parser.add_argument("--deadline", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=20.0)
    parser.add_argument("--fd-margin", type=int, default=25)
    parser.add_argument("--rss-margin", type=float, default=24.0)
    args = parser.parse_args()

    binary = args.binary
    if binary is None:
        for candidate in (ROOT / ".build/debug/goalwall", ROOT / ".build/release/goalwall"):
            if candidate.exists():
                binary = str(candidate)
                break
    if binary is None:
        sys.exit("build goalwall first: swift build")

    folder = pathlib.Path(tempfile.mkdtemp(prefix="goalwall-soak-"))
    shutil.copy(ROOT / "goalwall.yml", folder / "goalwall.yml")
    shutil.copytree(ROOT / "content", folder / "content")
    server = subprocess.Popen(
        [binary, "serve", "--site", str(folder), "--port", "0", "--log-format", "json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, bufsize=1)
    log = {"builds": 0, "failed": 0, "lines": 0, "port": None}
    ready = threading.Event()

    def read_log():
        for line in server.stderr:
            log["lines"] += 1
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if entry.get("event") == "build":
                log["builds"] += 1
                log["failed"] += 0 if entry.get("ok") else 1
            found = re.search(r"serving http://127\.0\.0\.1:(\d+)/", entry.get("message", ""))
            if found:
                log["port"] = int(found.group(1))
                ready.set()

    threading.Thread(target=read_log, daemon=True).start()
    problems = []
    try:
        if not ready.wait(120):
            sys.exit("goalwall serve did not start")
        port, pid = log["port"], server.pid
        time.sleep(1)
        idle_fds, idle_rss = sample(pid)
        print(f"soak: {binary} on port {port}, pid {pid}; idle: {idle_fds} fds, {idle_rss} MB; "
              f"{args.seconds:.0f} s of load", flush=True)
        started = time.monotonic()
        stats, samples, edits = asyncio.run(soak(args, port, pid, folder))
        load_seconds = time.monotonic() - started
        # Everything closed: the descriptors go back to where they were.
        after_fds = None
        for _ in range(30):
            time.sleep(1)
            after_fds, after_rss = sample(pid)
            if after_fds <= idle_fds + 8:
                break
        if server.poll() is not None:
            problems.append(f"the server exited ({server.returncode})")

        steady = (args.warmup, args.warmup + 10)
        end = (args.seconds - 10, args.seconds)
        fd_start, fd_end = median_between(samples, *steady, 1), median_between(samples, *end, 1)
        rss_start, rss_end = median_between(samples, *steady, 2), median_between(samples, *end, 2)
        peak_fds = max(s[1] for s in samples)
        peak_rss = max(s[2] for s in samples)
        latencies = sorted(stats.latencies)

        def pct(p):
            return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")

        print(f"load: {load_seconds:.0f} s, {stats.requests} GETs ({stats.requests / args.seconds:.0f}/s), "
              f"{stats.reloads} kiosk reloads, {stats.events} events, {edits} edits, "
              f"{log['builds']} builds ({log['failed']} failed)")
        print(f"latency ms: p50 {pct(0.5):.1f}, p95 {pct(0.95):.1f}, p99 {pct(0.99):.1f}, max {pct(1.0):.1f}")
        print(f"descriptors: idle {idle_fds}, steady start {fd_start:.0f}, end {fd_end:.0f}, peak {peak_fds}, "
              f"after {after_fds}")
        print(f"RSS MB: idle {idle_rss}, steady start {rss_start:.0f}, end {rss_end:.0f}, peak {peak_rss}, "
              f"after {after_rss}")
        minutes = [f"{t / 60:.0f} min: {fds} fds {rss} MB" for t, fds, rss in samples if int(t) % 60 == 0 and t >= 1]
        if minutes:
            print("per minute: " + "; ".join(minutes))
        closed = stats.slowloris_closed
        if closed:
            print(f"slowloris: {len(closed)} closed by the server, after {min(closed):.1f}–{max(closed):.1f} s")
        print(f"long lines: {stats.long_lines['414']} × 414, {stats.long_lines['431']} × 431, "
              f"{len(stats.long_lines['other'])} other")

        if stats.failures:
            problems.append(f"{len(stats.failures)} failed GETs, e.g. {stats.failures[:5]}")
        if stats.long_lines["other"]:
            problems.append(f"long lines not refused: {stats.long_lines['other'][:5]}")
        if args.long_lines and (stats.long_lines["414"] == 0 or stats.long_lines["431"] == 0):
            problems.append("no long line was answered")
        if stats.slowloris_open_too_long:
            problems.append(f"{stats.slowloris_open_too_long} slowloris connections lived longer than 20 s")
        if args.slowloris and not closed:
            problems.append("no slowloris connection was closed")
        if args.edit_every > 0 and log["builds"] < 2:
            problems.append("the edits caused no rebuild")
        if not fd_end <= fd_start + args.fd_margin:
            problems.append(f"descriptors grew: {fd_start:.0f} → {fd_end:.0f}")
        if not rss_end <= rss_start * 1.1 + args.rss_margin:
            problems.append(f"memory grew: {rss_start:.0f} MB → {rss_end:.0f} MB")
        if after_fds is None or after_fds > idle_fds + 8:
            problems.append(f"descriptors left after the load: {after_fds} (idle: {idle_fds})")
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=20)
            if code != 0:
                problems.append(f"goalwall serve exited {code} on SIGTERM")
        except subprocess.TimeoutExpired:
            server.kill()
            problems.append("goalwall serve did not stop on SIGTERM")
        shutil.rmtree(folder, ignore_errors=True)

    if problems:
        print("soak: FAILED\n  " + "\n  ".join(problems))
        sys.exit(1)
    print("soak: passed")


if __name__ == "__main__":
    main()
