#!/usr/bin/env python3
"""Writes a company-wide goals wall and its Hugo twin, for the goalwall-vs-Hugo benchmark.

    python3 scripts/bench/generate.py /tmp/wall-10k --goals 10000
    python3 scripts/bench/generate.py /tmp/wall-1k --goals 1000 --seed 7 --as-of 2026-03-02

Writes two sites side by side (deterministic: same arguments => byte-identical files):

    OUT/goalwall/   goalwall.yml, content/goals/goal-NNNNN.md, content/metrics/team-NNNN.csv
    OUT/hugo/       hugo.yaml, layouts/, static/style.css, and the same goal files and CSVs
                    (hard links when the file system allows, else copies) as
                    content/goals/goal-NNNNN.md and assets/metrics/team-NNNN.csv

The shape, from the issue: N goals in N/20 teams of 20; each goal a metric goal on its own
column of its team's CSV (`metric: team-0042.goal_00123`) with owner, team, unit, target,
start, due, 2-4 milestones, a review cadence and, for some, a parent; a body of about 1.5 KB
of Markdown (prose, a bullet list, tasks, 3-5 dated check-ins). One CSV per team with a date
column and 365 daily rows ending on as_of. Standard library only.
"""
import argparse
import datetime as dt
import os
import random
import shutil

FIRST_NAMES = ["Priya", "Mark", "Ana", "Jonas", "Mei", "Omar", "Lena", "Tomás", "Aisha", "Kofi", "Sven", "Yuki",
               "Carla", "Dmitri", "Nora", "Ravi", "Elif", "Hugo", "Ines", "Malik", "Sofia", "Theo", "Zara", "Bao"]
LAST_INITIALS = "ABCDEFGHIJKLMNOPRSTVWZ"
AREAS = ["Support", "Billing", "Onboarding", "Returns", "Field Service", "Claims", "Sales Ops", "Logistics",
         "Service Desk", "Payroll", "Collections", "Partner Care"]
# (verb phrase, what is measured, unit, typical level, direction)
MEASURES = [
    ("Cut", "average call wait time", "min", 8.0, "down"),
    ("Cut", "ticket backlog", "tickets", 400.0, "down"),
    ("Cut", "call transfers per day", "calls", 60.0, "down"),
    ("Cut", "average handling time", "min", 12.0, "down"),
    ("Cut", "time to first response", "h", 6.0, "down"),
    ("Cut", "repeat contacts within seven days", "%", 18.0, "down"),
    ("Raise", "first-contact resolution", "%", 65.0, "up"),
    ("Raise", "customer satisfaction", "pts", 3.6, "up"),
    ("Raise", "net promoter score", "pts", 22.0, "up"),
    ("Raise", "self-service deflection", "%", 30.0, "up"),
    ("Raise", "knowledge-base articles published", "articles", 40.0, "up"),
    ("Raise", "orders shipped on the same day", "%", 70.0, "up"),
]
WORDS = ("customer team call ticket week agent queue answer question process shift report guide refund order "
         "delivery backlog review coaching script channel chat email phone portal survey feedback escalation "
         "schedule forecast staffing training quality policy partner invoice claim return account").split()
VERBS = "improves reduces shows needs changes keeps moves helps brings checks tracks".split()
CADENCES = [("weekly", 7, "Weekly review"), ("biweekly", 14, "Fortnightly review"), ("monthly", 31, "Monthly review")]
TAGS = ["quality", "speed", "cost", "people", "self-service", "training", "tooling", "retention"]


def sentence(rng, words):
    """A plain sentence of about `words` words (prose filler with some variety)."""
    chosen = [rng.choice(WORDS) for _ in range(words)]
    chosen.insert(min(2, len(chosen)), rng.choice(VERBS))
    text = " ".join(chosen)
    if rng.random() < 0.3:
        text += f", about {rng.randint(2, 95)}% of them"
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences, words=(6, 11)):
    return " ".join(sentence(rng, rng.randint(*words)) for _ in range(sentences))


def wrap(text, width=78):
    """Hard-wraps prose like a person writing Markdown in an editor."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def walk(rng, level, days, start_index, drift_per_day):
    """A daily series: a random walk around `level`, drifting by `drift_per_day` from `start_index`."""
    values, value = [], level
    noise = level * 0.015
    for day in range(days):
        if day >= start_index:
            value += drift_per_day
        value += rng.gauss(0, noise)
        value = max(value, level * 0.05)
        values.append(value)
    return values


def make_goal(rng, g, team, column, first_day, as_of, days, objectives):
    verb, what, unit, level, direction = rng.choice(MEASURES)
    level *= rng.uniform(0.7, 1.3)
    start = as_of - dt.timedelta(days=rng.randint(40, 250))
    due = start + dt.timedelta(days=rng.randint(90, 400))
    start_index = (start - first_day).days
    # The drift decides how the goal is doing on as_of: a mix of ahead, behind and achieved.
    change = rng.uniform(0.1, 0.5) * (-1 if direction == "down" else 1)
    duration = (due - start).days
    drift = level * change / duration * rng.uniform(-0.3, 1.6)
    values = walk(rng, level, days, start_index, drift)
    baseline = round(values[start_index], 2)
    target = round(baseline * (1 + change), 2)
    if target == baseline:
        target = round(baseline + (0.01 if direction == "up" else -0.01), 2)
    cadence, cadence_days, checkin_title = rng.choice(CADENCES)
    milestone_days = sorted(rng.sample(range(1, duration), rng.randint(2, 4)))
    milestones = [
        (start + dt.timedelta(days=d), round(baseline + (target - baseline) * d / duration, 2)) for d in milestone_days]
    since_start = (as_of - start).days
    checkin_days = sorted(rng.sample(range(1, since_start + 1), rng.randint(3, 5)))
    checkins = [start + dt.timedelta(days=d) for d in checkin_days]
    parent = None
    if g not in objectives and rng.random() < 0.4:
        parent = rng.choice(objectives)
    owner = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_INITIALS)}."
    title = f"{verb} {what} for {team['area'].lower()} by {abs(round(change * 100))}%"
    tags = rng.sample(TAGS, rng.randint(0, 2))

    front = [
        "---",
        f"title: {title}",
        f"owner: {owner}",
        f"team: {team['name']}",
        f"metric: {team['file']}.{column}",
        f'unit: "{unit}"',
        f"target: {target}",
        f"start: {start}",
        f"due: {due}",
        "milestones:",
        *[f"  - {{ date: {day}, target: {value} }}" for day, value in milestones],
        f"review: {cadence}",
    ]
    if parent is not None:
        front.append(f"parent: goal-{parent:05d}")
    if tags:
        front.append(f"tags: [{', '.join(tags)}]")
    front.append("---")

    body = [wrap(paragraph(rng, 3)), "", wrap("**How.** " + paragraph(rng, 2)), ""]
    body += [f"- {sentence(rng, rng.randint(5, 9))}" for _ in range(rng.randint(3, 4))]
    body += ["", wrap("**Obstacles.** " + paragraph(rng, 1)), ""]
    body += [f"- [{'x' if rng.random() < 0.5 else ' '}] {sentence(rng, rng.randint(4, 7))}"
             for _ in range(rng.randint(3, 5))]
    for day in checkins:
        body += ["", f"## {day} {checkin_title}", wrap(paragraph(rng, 2, (5, 9)))]
    text = "\n".join(front) + "\n" + "\n".join(body) + "\n"
    return text, [f"{v:.2f}" for v in values]


def link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def generate(out, goals, seed, as_of, days=365):
    rng = random.Random(seed)
    first_day = as_of - dt.timedelta(days=days - 1)
    wall = os.path.join(out, "goalwall")
    hugo = os.path.join(out, "hugo")
    for folder in [f"{wall}/content/goals", f"{wall}/content/metrics", f"{hugo}/content/goals",
                   f"{hugo}/assets/metrics"]:
        os.makedirs(folder, exist_ok=True)

    team_count = max(1, goals // 20)
    teams = [{"name": f"{AREAS[t % len(AREAS)]} {t:04d}", "area": AREAS[t % len(AREAS)], "file": f"team-{t:04d}",
              "goals": []} for t in range(team_count)]
    order = list(range(goals))
    rng.shuffle(order)
    for position, g in enumerate(order):
        teams[position % team_count]["goals"].append(g)
    objectives = list(range(max(1, goals // 20)))  # company objectives: the first 5%, never with a parent

    with open(f"{wall}/goalwall.yml", "w") as f:
        f.write(f"title: Company goals\nvision: Every customer gets a fast, friendly answer.\n"
                f"values:\n  - Customers first\n  - Measure honestly\nas_of: {as_of}\n")
    dates = [str(first_day + dt.timedelta(days=d)) for d in range(days)]
    for team in teams:
        team["goals"].sort()
        columns = []
        for g in team["goals"]:
            column = f"goal_{g:05d}"
            text, values = make_goal(rng, g, team, column, first_day, as_of, days, objectives)
            path = f"{wall}/content/goals/goal-{g:05d}.md"
            with open(path, "w") as f:
                f.write(text)
            link_or_copy(path, f"{hugo}/content/goals/goal-{g:05d}.md")
            columns.append((column, values))
        path = f"{wall}/content/metrics/{team['file']}.csv"
        with open(path, "w") as f:
            f.write("date," + ",".join(name for name, _ in columns) + "\n")
            series = [values for _, values in columns]
            f.writelines(dates[d] + "," + ",".join(s[d] for s in series) + "\n" for d in range(days))
        link_or_copy(path, f"{hugo}/assets/metrics/{team['file']}.csv")
    write_hugo_site(hugo, as_of)
    return {"goals": goals, "teams": team_count, "seed": seed, "as_of": str(as_of)}


HUGO_CONFIG = """\
baseURL: https://goals.example.com/
title: Company goals
taxonomies:
  team: team
# The pages goalwall makes (wall, team walls, goal pages, one feed); no sitemap.
disableKinds: [sitemap]
outputs:
  home: [html, rss]
  section: [html]
  taxonomy: [html]
  term: [html]
  page: [html]
# The home page of 100,000 cards takes longer than the default 30 s limit.
timeout: 10m
params:
  asOf: "{as_of}"
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> · as of {{ site.Params.asOf }}</header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<section class="cards">
{{ range where site.RegularPages "Section" "goals" }}
{{ partial "card.html" . }}
{{ end }}
</section>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ len .Pages }} goals</p>
<section class="cards">
{{ range .Pages }}
{{ partial "card.html" . }}
{{ end }}
</section>
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1>Teams</h1>
<ul>
{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} goals)</li>
{{ end }}
</ul>
{{ end }}
""",
    "section.html": """\
{{ define "main" }}
<h1>All goals</h1>
<ul>
{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
{{ end }}
""",
    "page.html": """\
{{ define "main" }}
{{ $latest := partialCached "latest.html" .Params.metric .Params.metric }}
<article class="goal">
<h1>{{ .Title }}</h1>
<dl>
<dt>Owner</dt><dd>{{ .Params.owner }}</dd>
<dt>Team</dt><dd>{{ range .GetTerms "team" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Latest</dt><dd class="latest" data-value="{{ $latest.value }}">{{ $latest.value }} {{ .Params.unit }} on {{ $latest.date }}</dd>
<dt>Target</dt><dd>{{ .Params.target }} {{ .Params.unit }} by {{ .Params.due | time.Format "2 January 2006" }}</dd>
<dt>Started</dt><dd>{{ .Params.start | time.Format "2 January 2006" }}</dd>
<dt>Review</dt><dd>{{ .Params.review }}</dd>
{{ with .Params.parent }}{{ with site.GetPage (printf "/goals/%s" .) }}
<dt>Serves</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>
{{ end }}{{ end }}
</dl>
<h2>Milestones</h2>
<ul class="milestones">
{{ range .Params.milestones }}
<li>{{ .date | time.Format "2 Jan 2006" }}: {{ .target }}</li>
{{ end }}
</ul>
{{ .Content }}
</article>
{{ end }}
""",
    "_partials/card.html": """\
{{ $latest := partialCached "latest.html" .Params.metric .Params.metric }}
<article class="card">
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Params.owner }}{{ range .GetTerms "team" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
<p class="latest" data-value="{{ $latest.value }}">{{ $latest.value }} {{ .Params.unit }} → {{ .Params.target }} by {{ .Params.due | time.Format "2 Jan 2006" }}</p>
</article>
""",
    # The goal's latest value: the last row of its team's CSV (rows end on as_of), in the
    # goal's column. Cached per metric: the card and the goal page ask for the same one.
    "_partials/latest.html": """\
{{ $file := index (split . ".") 0 }}
{{ $column := index (split . ".") 1 }}
{{ $value := "" }}
{{ $date := "" }}
{{ with resources.Get (printf "metrics/%s.csv" $file) }}
  {{ $rows := . | transform.Unmarshal }}
  {{ $last := index $rows (sub (len $rows) 1) }}
  {{ range $i, $name := index $rows 0 }}
    {{ if eq $name $column }}{{ $value = index $last $i }}{{ end }}
  {{ end }}
  {{ $date = index $last 0 }}
{{ end }}
{{ return dict "value" $value "date" $date }}
""",
}

HUGO_STYLE = """\
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
.card { border: 1px solid #ccc; border-radius: .5rem; padding: .75rem; }
.card h2 { font-size: 1rem; margin: 0 0 .5rem; }
.latest { font-weight: bold; }
"""


def write_hugo_site(hugo, as_of):
    with open(f"{hugo}/hugo.yaml", "w") as f:
        f.write(HUGO_CONFIG.format(as_of=as_of))
    for name, text in HUGO_LAYOUTS.items():
        path = f"{hugo}/layouts/{name}"
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    os.makedirs(f"{hugo}/static", exist_ok=True)
    with open(f"{hugo}/static/style.css", "w") as f:
        f.write(HUGO_STYLE)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="folder to write goalwall/ and hugo/ into (must not exist yet, or be empty)")
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20260302)
    parser.add_argument("--as-of", default="2026-03-02", help="the last CSV day and goalwall.yml's as_of")
    args = parser.parse_args()
    if args.goals < 1:
        parser.error("--goals must be at least 1")
    if os.path.exists(args.out) and os.listdir(args.out):
        parser.error(f"{args.out} is not empty")
    info = generate(args.out, args.goals, args.seed, dt.date.fromisoformat(args.as_of))
    print(f"wrote {info['goals']} goals in {info['teams']} teams to {args.out}/goalwall and {args.out}/hugo")


if __name__ == "__main__":
    main()
