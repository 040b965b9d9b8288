#!/usr/bin/env python3
"""Writes a large synthetic goalwall site for benchmarks (fixed seed, standard library).

    python3 scripts/generate_large_site.py /tmp/large-site --goals 10000
    swift build -c release && time .build/release/goalwall build --site /tmp/large-site --quiet
"""
import argparse
import datetime as dt
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("folder")
parser.add_argument("--goals", type=int, default=10000)
parser.add_argument("--metrics", type=int, default=200, help="CSV files, 4 columns each")
parser.add_argument("--days", type=int, default=400, help="daily rows per CSV")
args = parser.parse_args()

rng = random.Random(20260302)
as_of = dt.date(2026, 3, 2)
first = as_of - dt.timedelta(days=args.days - 1)
os.makedirs(f"{args.folder}/content/goals", exist_ok=True)
os.makedirs(f"{args.folder}/content/metrics", exist_ok=True)
with open(f"{args.folder}/goalwall.yml", "w") as f:
    f.write(f"title: Large site\nas_of: {as_of}\nvision: A benchmark wall.\nvalues: [Speed, Honesty]\n")

columns = ["a", "b", "c", "d"]
for m in range(args.metrics):
    with open(f"{args.folder}/content/metrics/m{m:04d}.csv", "w") as f:
        f.write("date," + ",".join(columns) + "\n")
        levels = [rng.uniform(10, 100) for _ in columns]
        for d in range(args.days):
            day = first + dt.timedelta(days=d)
            levels = [v * (1 + rng.uniform(-0.03, 0.03)) for v in levels]
            f.write(f"{day}," + ",".join(f"{v:.2f}" for v in levels) + "\n")

teams = [f"Team {t}" for t in range(50)]
for g in range(args.goals):
    start = as_of - dt.timedelta(days=rng.randint(10, 200))
    due = start + dt.timedelta(days=rng.randint(30, 365))
    parent = f"\nparent: goal-{rng.randint(0, g - 1):05d}" if g > 0 and rng.random() < 0.5 else ""
    team = rng.choice(teams)
    if g % 10 == 9:
        body = "\n".join(f"- [{'x' if rng.random() < 0.5 else ' '}] Task {t}" for t in range(8))
        front = ""
    else:
        metric = f"m{rng.randrange(args.metrics):04d}.{rng.choice(columns)}"
        target = rng.uniform(10, 120)
        mid = start + (due - start) / 2
        front = f"metric: {metric}\nunit: pts\ndirection: {rng.choice(['up', 'down'])}\ntarget: {target:.1f}\nmilestones:\n  - {{ date: {mid}, target: {target * 0.9:.1f} }}\n"
        body = "Why this goal matters.\n"
    checkins = "\n".join(
        f"## {start + dt.timedelta(days=7 * k)} Weekly review\nNotes for week {k}.\n" for k in range(1, 5))
    with open(f"{args.folder}/content/goals/goal-{g:05d}.md", "w") as f:
        f.write(f"---\ntitle: Goal number {g} for the team\nowner: Owner {g % 97}\nteam: {team}\n"
                f"start: {start}\ndue: {due}\nreview: weekly{parent}\n{front}---\n{body}\n{checkins}")
