#!/usr/bin/env python3
"""Generate the sample metric CSVs under content/metrics/.

The sample site is a customer-service team whose wall is pinned to
as_of 2026-03-02 (goalwall.yml). The series are plausible daily figures
(weekdays only, a few public holidays off) built from a piecewise-linear
trend, a weekday pattern and noise from a fixed seed, plus a handful of
pinned values on the dates that decide each goal's status (baselines,
milestones, the latest point), so that every goal lands clearly in the
status the sample is meant to show.

Standard library only; rerunning it rewrites the same bytes.

    python3 scripts/generate_sample_data.py [SITE_DIR]
"""

import csv
import datetime as dt
import io
import math
import os
import random
import sys

SEED = 20260302
D = dt.date.fromisoformat

# Public holidays the call centre is closed (no rows at all).
HOLIDAYS = {D("2025-01-01"), D("2025-12-25"), D("2025-12-26"), D("2026-01-01")}


def weekdays(first, last):
    day = D(first)
    end = D(last)
    while day <= end:
        if day.weekday() < 5 and day not in HOLIDAYS:
            yield day
        day += dt.timedelta(days=1)


def trend(anchors):
    """Piecewise-linear function of a date through (date, value) anchors."""
    points = [(D(d), v) for d, v in anchors]

    def at(day):
        if day <= points[0][0]:
            return points[0][1]
        for (d0, v0), (d1, v1) in zip(points, points[1:]):
            if day <= d1:
                return v0 + (v1 - v0) * (day - d0).days / (d1 - d0).days
        return points[-1][1]

    return at


def write_csv(path, header, rows):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    print(f"wrote {path} ({len(rows)} rows)")


def fmt(value, decimals):
    return "" if value is None else f"{value:.{decimals}f}"


# --------------------------------------------------------------------------
# calls.csv: one row per working day, several value columns.
#   volume        inbound calls answered or abandoned that day
#   wait_minutes  average time in the queue before an agent picks up
#   transfers     calls handed on to another agent or team
#   return_hours  average hours until a voicemail / callback request is
#                 returned; measured the next morning, so the latest day is
#                 still empty, and one day was lost to an outage.

def calls(rng, metrics):
    volume = trend([
        ("2025-01-02", 470), ("2025-03-01", 450), ("2025-06-01", 415),
        ("2025-08-15", 395), ("2025-10-01", 440), ("2025-12-01", 450),
        ("2025-12-22", 380), ("2026-01-05", 545), ("2026-01-31", 520),
        ("2026-02-28", 500), ("2026-03-06", 490),
    ])
    weekday_factor = [1.16, 1.03, 0.98, 0.97, 0.86]
    wait = trend([
        ("2025-01-02", 6.6), ("2025-06-01", 6.2), ("2025-10-01", 7.0),
        ("2026-01-05", 7.9), ("2026-01-26", 8.0), ("2026-02-02", 7.2),
        ("2026-02-09", 6.6), ("2026-02-16", 6.1), ("2026-02-23", 5.5),
        ("2026-03-02", 4.9), ("2026-03-06", 4.5),
    ])
    transfers_rate = trend([  # share of calls transferred
        ("2025-01-02", 0.125), ("2025-12-01", 0.118), ("2026-01-12", 0.112),
        ("2026-01-26", 0.098), ("2026-02-09", 0.089), ("2026-02-23", 0.080),
        ("2026-03-06", 0.076),
    ])
    return_h = trend([
        ("2025-01-02", 21.0), ("2025-09-01", 20.0), ("2025-11-15", 19.0),
        ("2025-12-15", 19.2), ("2026-01-15", 19.4), ("2026-03-06", 19.3),
    ])

    pins = {
        # wait time: baseline on the goal's start, then the weekly milestones
        ("2026-01-26", "wait_minutes"): 8.0,
        ("2026-02-02", "wait_minutes"): 7.1,
        ("2026-02-09", "wait_minutes"): 6.5,
        ("2026-02-16", "wait_minutes"): 6.1,
        ("2026-02-23", "wait_minutes"): 5.4,
        ("2026-02-27", "wait_minutes"): 5.0,
        ("2026-03-02", "wait_minutes"): 4.9,
        ("2026-03-03", "wait_minutes"): 4.6,  # after as_of: ignored
        ("2026-03-04", "wait_minutes"): 4.4,  # after as_of: ignored
        # transfers: baseline, milestones, latest
        ("2026-01-12", "transfers"): 60,
        ("2026-01-26", "transfers"): 52,
        ("2026-02-09", "transfers"): 46,
        ("2026-02-23", "transfers"): 41,
        ("2026-02-27", "transfers"): 37,
        ("2026-03-02", "transfers"): 38,
        # return time: baseline, milestones, latest measured day
        ("2025-09-01", "return_hours"): 20.0,
        ("2025-12-01", "return_hours"): 19.1,
        ("2026-02-27", "return_hours"): 19.3,
        ("2026-02-18", "return_hours"): None,  # callback system outage
        ("2026-03-02", "return_hours"): None,  # not measured yet
        ("2026-03-03", "return_hours"): None,
        ("2026-03-04", "return_hours"): None,
    }

    rows = []
    for day in weekdays("2025-01-02", "2026-03-04"):
        vol = round(volume(day) * weekday_factor[day.weekday()] + rng.gauss(0, 18))
        w = wait(day) * (1.12 if day.weekday() == 0 else 1.0) + rng.gauss(0, 0.22)
        t = round(vol * transfers_rate(day) + rng.gauss(0, 3))
        r = return_h(day) + rng.gauss(0, 0.5)
        values = {"volume": vol, "wait_minutes": round(w, 1),
                  "transfers": t, "return_hours": round(r, 1)}
        for (d, col), v in pins.items():
            if D(d) == day:
                values[col] = v
        rows.append([day.isoformat(), values["volume"],
                     fmt(values["wait_minutes"], 1), values["transfers"],
                     fmt(values["return_hours"], 1)])
    write_csv(os.path.join(metrics, "calls.csv"),
              ["date", "volume", "wait_minutes", "transfers", "return_hours"], rows)

    months = {}
    for r in rows:
        if r[0].startswith("2025-"):
            months[r[0][:7]] = months.get(r[0][:7], 0) + r[1]
    print(f"  2025 average monthly call volume: {sum(months.values()) / 12:.1f}")


# --------------------------------------------------------------------------
# support/tickets.csv: the help desk's daily report, one row per working day.
#   tickets                 tickets closed that day
#   first_contact_resolved  of those, closed on the first contact and not reopened
#                           within seven days (first-contact resolution is a formula
#                           over these two: a ratio of weekly sums)
#   first_response          mean time to the first answer, as H:MM:SS

def week_of(day):
    return day - dt.timedelta(days=day.weekday())


def hms(seconds):
    seconds = round(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def tickets(rng, metrics):
    fcr = trend([
        ("2025-10-01", 67.0), ("2025-12-15", 67.5), ("2026-01-05", 68.0),
        ("2026-02-02", 70.0), ("2026-03-02", 72.3), ("2026-03-06", 72.6),
    ])
    response = trend([  # minutes to the first answer
        ("2025-10-01", 68.0), ("2025-12-15", 66.0), ("2026-01-05", 55.0),
        ("2026-02-02", 49.0), ("2026-03-02", 45.0), ("2026-03-06", 44.0),
    ])
    # Weeks whose first-contact resolution decides the goal: the baseline week
    # (the goal starts on its Monday) and the latest complete week.
    week_pins = {D("2026-01-05"): 68.0, D("2026-02-23"): 72.0}
    # Days that decide the first-response goal (seconds): the two days it was
    # missed, and as_of itself.
    response_pins = {D("2026-01-12"): 4360, D("2026-02-16"): 3845, D("2026-03-02"): 2658}
    days = list(weekdays("2025-10-01", "2026-03-04"))
    counts = {}
    for day in days:
        n = max(150, round(230 + 25 * (day.weekday() == 0) + rng.gauss(0, 14)))
        counts[day] = [n, round(n * (fcr(day) + rng.gauss(0, 0.9)) / 100)]
    for monday, pct in week_pins.items():
        week = [d for d in days if week_of(d) == monday]
        total = sum(counts[d][0] for d in week)
        counts[week[-1]][0] += -total % 25      # a total that the percentage divides
        total = sum(counts[d][0] for d in week)
        short = round(total * pct / 100) - sum(counts[d][1] for d in week)
        for k in range(abs(short)):             # spread the correction over the week
            counts[week[k % len(week)]][1] += 1 if short > 0 else -1
    rows = []
    for day in days:
        seconds = 60 * (response(day) + rng.gauss(0, 3.5))
        if D("2026-01-05") <= day:              # the goal's days: under the hour but for the pins
            seconds = min(seconds, 3540 - rng.randint(0, 300))
        seconds = response_pins.get(day, seconds)
        n, resolved = counts[day]
        rows.append([day.isoformat(), n, resolved, hms(seconds)])
    write_csv(os.path.join(metrics, "support", "tickets.csv"),
              ["date", "tickets", "first_contact_resolved", "first_response"], rows)
    weekly = {}
    for day, (n, resolved) in counts.items():
        if D("2026-01-05") <= day <= D("2026-03-01"):
            w = weekly.setdefault(week_of(day), [0, 0])
            w[0] += n
            w[1] += resolved
    print("  first-contact resolution by week: " + ", ".join(
        f"{m:%d %b} {100 * r / n:.1f}" for m, (n, r) in sorted(weekly.items())))


# --------------------------------------------------------------------------
# surveys/csat.csv: one row per post-call survey answer (1-5), time-stamped.
# The goal's baseline is the mean of the weekly means of Q4 2025 (the weeks whose
# Monday lies in 1 Oct-31 Dec); a few answers are nudged so that it is 3.40.

def csat(rng, metrics):
    mean = trend([
        ("2025-10-01", 3.45), ("2025-12-31", 3.4), ("2026-01-05", 3.4),
        ("2026-02-01", 3.7), ("2026-02-28", 4.0), ("2026-03-06", 4.05),
    ])
    rows = []
    for day in weekdays("2025-10-01", "2026-03-03"):
        m = mean(day)
        if day == D("2026-03-02"):
            m = 3.3  # phone outage on the Monday morning; the week is not over
        for _ in range(rng.randint(7, 14)):
            secs = rng.randint(8 * 3600, 18 * 3600)
            stamp = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=secs)
            score = min(5, max(1, round(rng.gauss(m, 0.85))))
            rows.append([stamp, score])
    rows.sort()

    def q4_weeks():
        weeks = {}
        for stamp, score in rows:
            monday = week_of(stamp.date())
            if D("2025-10-01") <= monday <= D("2025-12-31"):
                weeks.setdefault(monday, []).append(score)
        return weeks

    def q4_mean():
        weeks = q4_weeks()
        return sum(sum(s) / len(s) for s in weeks.values()) / len(weeks)

    # Nudge single answers by one point, the latest first, until the mean of the
    # weekly means is 3.40 to two decimals.
    for row in reversed(rows):
        gap = 3.4 - q4_mean()
        if abs(gap) < 0.002:
            break
        if D("2025-10-01") <= week_of(row[0].date()) <= D("2025-12-31"):
            step = 1 if gap > 0 else -1
            if 1 <= row[1] + step <= 5:
                row[1] += step
    out = [[s.strftime("%Y-%m-%dT%H:%M:%S") + "+01:00", score] for s, score in rows]
    write_csv(os.path.join(metrics, "surveys", "csat.csv"),
              ["responded_at", "score"], out)
    print(f"  Q4 2025 mean of weekly CSAT means: {q4_mean():.4f} ({len(q4_weeks())} weeks)")
    weekly = {}
    for stamp, score in rows:
        if D("2026-01-05") <= stamp.date() <= D("2026-03-01"):
            weekly.setdefault(week_of(stamp.date()), []).append(score)
    print("  weekly CSAT: " + ", ".join(
        f"{m:%d %b} {sum(s) / len(s):.2f}" for m, s in sorted(weekly.items())))


# --------------------------------------------------------------------------
# nps.csv: the post-call "would you recommend us?" survey, counted per day.
# The Net Promoter Score is a formula over a month's sums:
# 100 * (promoters - detractors) / responses. January 2026 (the baseline: the
# month the goal starts in) is pinned to 20 and February (the latest complete
# month) to 24.

def nps(rng, metrics):
    level = trend([
        ("2025-10-01", 17.0), ("2025-12-31", 19.5), ("2026-01-31", 20.5),
        ("2026-02-28", 24.0), ("2026-03-06", 24.5),
    ])
    month_pins = {"2026-01": 20, "2026-02": 24}
    days = list(weekdays("2025-10-01", "2026-03-04"))
    counts = {}
    for day in days:
        n = rng.randint(28, 46)
        score = level(day) + rng.gauss(0, 6)
        detractors = round(n * (0.27 - score / 200 + 0.1) * 0.8)
        promoters = round(n * score / 100) + detractors
        counts[day] = [promoters, n - promoters - detractors, detractors]
    for month, score in month_pins.items():
        span = [d for d in days if d.isoformat().startswith(month)]
        total = sum(sum(counts[d]) for d in span)
        for k in range(-total % (100 // math.gcd(score, 100))):
            counts[span[k]][1] += 1             # a few more passives: a total the score divides
        total = sum(sum(counts[d]) for d in span)
        gap = score * total // 100 - sum(counts[d][0] - counts[d][2] for d in span)
        for k in range(abs(gap)):               # turn passives into promoters, or back
            p = counts[span[k % len(span)]]
            if gap > 0:
                p[0], p[1] = p[0] + 1, p[1] - 1
            else:
                p[0], p[1] = p[0] - 1, p[1] + 1
    rows = [[d.isoformat(), p, pa, de, p + pa + de] for d, (p, pa, de) in counts.items()]
    assert all(min(r[1:]) >= 0 for r in rows)
    write_csv(os.path.join(metrics, "nps.csv"),
              ["date", "promoters", "passives", "detractors", "responses"], rows)
    monthly = {}
    for d, (p, pa, de) in counts.items():
        m = monthly.setdefault(d.isoformat()[:7], [0, 0])
        m[0] += p - de
        m[1] += p + pa + de
    print("  NPS by month: " + ", ".join(f"{k} {100 * a / b:.2f}" for k, (a, b) in sorted(monthly.items())))


# --------------------------------------------------------------------------
# kb/articles.csv: one row per knowledge-base article published, as the
# knowledge base exports it (its columns must be numbers, so the author and
# title stay in the knowledge base). The goal counts article_id per week.

ARTICLES_PER_WEEK = {
    "2026-01-05": 2, "2026-01-12": 3, "2026-01-19": 1, "2026-01-26": 2,  # before the goal
    "2026-02-02": 6, "2026-02-09": 6, "2026-02-16": 5, "2026-02-23": 6,  # Dev out sick on 16 Feb
}


def kb_articles(rng, metrics):
    rows = []
    article = 1187
    for monday, count in ARTICLES_PER_WEEK.items():
        days = [D(monday) + dt.timedelta(days=k) for k in range(5)]
        for _ in range(count):
            day = rng.choice(days[-3:])             # mostly Wednesday to Friday
            stamp = dt.datetime.combine(day, dt.time()) + dt.timedelta(
                seconds=rng.randint(9 * 3600, 17 * 3600))
            rows.append([stamp, rng.randint(380, 1200)])
    rows.sort()
    out = []
    for stamp, words in rows:
        article += 1
        out.append([stamp.strftime("%Y-%m-%dT%H:%M") + "+01:00", article, words])
    write_csv(os.path.join(metrics, "kb", "articles.csv"),
              ["published_at", "article_id", "words"], out)


# --------------------------------------------------------------------------
# exports/telefonie.csv: the phone system's daily report of the business-customer
# line, saved by German Excel: UTF-8 with a byte-order mark, CRLF, ';' between
# cells, '1.234,5' numbers, '02.03.2026' dates, 'N/A' where the report had no
# figure, handle times as M:SS. goalwall.yml's `csv` key reads it.
#   offered      calls that reached the line
#   answered     calls an agent picked up
#   within_20s   of those, picked up within 20 seconds (the service level)
#   abandoned    callers who hung up in the queue
#   talk_minutes total talk and wrap-up time
#   aht          average handle time, M:SS

def telefonie(rng, metrics):
    volume = trend([("2025-12-01", 150), ("2026-01-05", 185), ("2026-02-02", 165),
                    ("2026-02-27", 158)])
    weekday_factor = [1.15, 1.04, 0.98, 0.96, 0.87]
    # The share answered within 20 s, by week (the goal's weeks from 5 Jan).
    service = {
        "2025-12-01": 77.0, "2025-12-08": 75.5, "2025-12-15": 74.0, "2025-12-22": 78.0,
        "2025-12-29": 76.5, "2026-01-05": 75.0, "2026-01-12": 78.5, "2026-01-19": 81.5,
        "2026-01-26": 83.0, "2026-02-02": 84.0, "2026-02-09": 82.5, "2026-02-16": 80.8,
        "2026-02-23": 69.5,
    }
    aht = trend([("2025-12-01", 432), ("2026-01-05", 425), ("2026-02-02", 408),
                 ("2026-02-23", 391), ("2026-02-27", 390)])
    # Weeks whose mean handle time decides the goal: the baseline (7:05) and the
    # latest complete week (6:31).
    aht_pins = {D("2026-01-05"): 425, D("2026-02-23"): 391}
    missing = {D("2026-02-18"): ("talk_minutes", "aht")}    # the report failed that day
    days = list(weekdays("2025-12-01", "2026-02-27"))
    handle = {d: aht(d) + rng.gauss(0, 9) for d in days}
    for monday, seconds in aht_pins.items():
        week = [d for d in days if week_of(d) == monday]
        values = [round(handle[d]) for d in week]
        values[-1] += seconds * len(week) - sum(values)
        handle.update(zip(week, values))
    rows = []
    for day in days:
        offered = round(volume(day) * weekday_factor[day.weekday()] + rng.gauss(0, 8))
        abandoned = max(1, round(offered * (0.035 + rng.gauss(0, 0.01))))
        answered = offered - abandoned
        share = service[week_of(day).isoformat()] + rng.gauss(0, 1.2)
        if day in (D("2026-02-24"), D("2026-02-25")):
            share -= 4                          # the line's SIP trunk failed twice
        within = round(answered * share / 100)
        seconds = round(handle[day])
        values = {"talk_minutes": german(answered * seconds / 60),
                  "aht": f"{seconds // 60}:{seconds % 60:02d}"}
        for column in missing.get(day, ()):
            values[column] = "N/A"
        rows.append([day.strftime("%d.%m.%Y"), offered, answered, within, abandoned,
                     values["talk_minutes"], values["aht"]])
    lines = [";".join(["date", "offered", "answered", "within_20s", "abandoned",
                       "talk_minutes", "aht"])]
    lines += [";".join(str(c) for c in row) for row in rows]
    path = os.path.join(metrics, "exports", "telefonie.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")
    print(f"wrote {path} ({len(rows)} rows)")
    weekly = {}
    for row, day in zip(rows, days):
        w = weekly.setdefault(week_of(day), [0, 0, []])
        w[0] += row[2]
        w[1] += row[3]
        if row[6] != "N/A":
            w[2].append(round(handle[day]))
    print("  service level by week: " + ", ".join(
        f"{m:%d %b} {100 * b / a:.1f}" for m, (a, b, _) in sorted(weekly.items())))
    print("  handle time by week: " + ", ".join(
        f"{m:%d %b} {sum(h) / len(h):.1f}" for m, (_, _, h) in sorted(weekly.items())))


def german(value):
    """1234.5 as German Excel writes it: 1.234,5"""
    whole, fraction = f"{value:.1f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return ".".join([whole] + groups) + "," + fraction


def main():
    site = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), os.pardir)
    metrics = os.path.join(os.path.normpath(site), "content", "metrics")
    # One generator per file, each with its own seeded stream, so changing one
    # series never shifts the numbers of another.
    for offset, gen in enumerate([calls, tickets, csat, nps, kb_articles, telefonie]):
        gen(random.Random(SEED + offset), metrics)


if __name__ == "__main__":
    main()
