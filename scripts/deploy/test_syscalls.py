"""Check goalwall's system calls against the sandbox of goalwall.service.

Usage: python3 scripts/deploy/test_syscalls.py GOALWALL [UNIT]

Runs `goalwall build` and `goalwall serve` (on a free loopback port: a page, the kiosk,
an edit that triggers a rebuild, then Ctrl-C) under strace -f, on a site made by
`goalwall init`, and checks what they did against UNIT (default: goalwall.service beside
this script):
- every system call is allowed by its SystemCallFilter= lines (sets expanded with
  `systemd-analyze syscall-filter`);
- no memory is mapped writable and executable at once (MemoryDenyWriteExecute=yes);
- every socket is of a family in RestrictAddressFamilies=.
Without a live systemd this is the closest check of the hardening. Needs strace and
systemd-analyze; exits 1 listing what the unit would forbid.
"""

import pathlib
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def syscall_sets() -> dict:
    text = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True).stdout
    sets, current = {}, None
    for line in text.splitlines():
        if line.startswith("@"):
            current = line.split()[0]
            sets[current] = []
        elif current and line.startswith("    ") and not line.strip().startswith("#"):
            sets[current].append(line.strip())
    return sets


def expand(names: list, sets: dict) -> set:
    out, pending, seen = set(), list(names), set()
    while pending:
        name = pending.pop()
        if not name.startswith("@"):
            out.add(name)
        elif name not in seen:
            seen.add(name)
            pending += sets[name]
    return out


def allowed_calls(unit: str, sets: dict) -> set:
    allowed, denied = None, set()
    for value in re.findall(r"^SystemCallFilter=(.*)$", unit, re.M):
        if value.startswith("~"):
            denied |= expand(value[1:].split(), sets)
        else:
            allowed = (allowed or set()) | expand(value.split(), sets)
    return (allowed if allowed is not None else set()) - denied


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def trace(goalwall: str, folder: pathlib.Path) -> str:
    site = folder / "site"
    subprocess.run([goalwall, "init", str(site)], check=True, stdout=subprocess.DEVNULL)
    build = folder / "build.trace"
    subprocess.run(["strace", "-f", "-qq", "-o", str(build), goalwall, "build", "--site", str(site)],
                   check=True, stdout=subprocess.DEVNULL)
    serve = folder / "serve.trace"
    port = free_port()
    process = subprocess.Popen(["strace", "-f", "-qq", "-o", str(serve), goalwall, "serve", "--site", str(site),
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("FAIL goalwall serve did not answer under strace")
        urllib.request.urlopen(base + "/kiosk/", timeout=5).read()
        with open(site / "content/pages/about.md", "a", encoding="utf-8") as f:
            f.write("\nOne more line.\n")
        time.sleep(2)
        urllib.request.urlopen(base + "/", timeout=5).read()
    finally:
        first = serve.read_text().split(maxsplit=1)[0]  # the traced goalwall's pid
        subprocess.run(["kill", "-INT", first])
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            subprocess.run(["kill", "-KILL", first])
            process.kill()
            process.wait()
    return build.read_text() + serve.read_text()


def main() -> int:
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    goalwall = sys.argv[1]
    unit_path = pathlib.Path(sys.argv[2]) if len(sys.argv) == 3 else pathlib.Path(__file__).with_name("goalwall.service")
    unit = unit_path.read_text()
    with tempfile.TemporaryDirectory() as folder:
        log = trace(goalwall, pathlib.Path(folder))
    calls = set(re.findall(r"^\d+\s+([a-z0-9_]+)\(", log, re.M))
    problems = []
    forbidden = calls - allowed_calls(unit, syscall_sets())
    if forbidden:
        problems.append(f"system calls outside SystemCallFilter=: {' '.join(sorted(forbidden))}")
    if re.search(r"^MemoryDenyWriteExecute=yes", unit, re.M):
        wx = [line for line in log.splitlines()
              if re.search(r"(mmap|mprotect|pkey_mprotect)\(.*PROT_(WRITE\|PROT_EXEC|EXEC\|PROT_WRITE)", line)]
        if wx:
            problems.append(f"writable and executable memory: {wx[0]}")
    families = set(re.findall(r"socket\((AF_[A-Z0-9]+)", log))
    allowed_families = set(" ".join(re.findall(r"^RestrictAddressFamilies=(.*)$", unit, re.M)).split())
    if allowed_families and families - allowed_families:
        problems.append(f"socket families outside RestrictAddressFamilies=: {families - allowed_families}")
    for problem in problems:
        print(f"FAIL {unit_path.name}: {problem}", file=sys.stderr)
    if not problems:
        print(f"ok   {unit_path.name}: goalwall build and serve made {len(calls)} kinds of system call, all allowed;"
              f" no W+X memory; sockets {' '.join(sorted(families))}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
