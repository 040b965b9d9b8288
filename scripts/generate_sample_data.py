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
# support/tickets.csv: first-contact resolution, one row per working day.

def tickets(rng, metrics):
    fcr = trend([
        ("2025-10-01", 67.0), ("2025-12-15", 67.5), ("2026-01-05", 68.0),
        ("2026-02-02", 70.0), ("2026-03-02", 72.3), ("2026-03-06", 72.6),
    ])
    pins = {"2026-01-05": 68.0, "2026-02-27": 71.6, "2026-03-02": 72.4}
    rows = []
    for day in weekdays("2025-10-01", "2026-03-04"):
        n = max(150, round(230 + 25 * (day.weekday() == 0) + rng.gauss(0, 14)))
        pct = fcr(day) + rng.gauss(0, 0.9)
        key = day.isoformat()
        if key in pins:  # 250 tickets make a pinned percentage exact
            n, pct = 250, pins[key]
        resolved = round(n * pct / 100)
        rows.append([key, n, resolved, f"{100 * resolved / n:.1f}"])
    write_csv(os.path.join(metrics, "support", "tickets.csv"),
              ["date", "tickets", "first_contact_resolved", "fcr_pct"], rows)


# --------------------------------------------------------------------------
# surveys/csat.csv: one row per post-call survey answer (1-5), time-stamped.

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
            rows.append((stamp, score))
    rows.sort()
    out = [[s.strftime("%Y-%m-%dT%H:%M:%S") + "+01:00", score] for s, score in rows]
    write_csv(os.path.join(metrics, "surveys", "csat.csv"),
              ["responded_at", "score"], out)
    q4 = [score for s, score in rows if D("2025-10-01") <= s.date() <= D("2025-12-31")]
    print(f"  Q4 2025 mean CSAT: {sum(q4) / len(q4):.3f} ({len(q4)} answers)")


# --------------------------------------------------------------------------
# nps.csv: a single value column, referenced as `metric: nps`.

def nps(rng, metrics):
    level = trend([
        ("2025-10-01", 17.0), ("2025-12-31", 20.0), ("2026-02-01", 22.5),
        ("2026-03-02", 25.5), ("2026-03-06", 26.0),
    ])
    pins = {"2025-12-31": 20, "2026-03-02": 26}
    rows = []
    for day in weekdays("2025-10-01", "2026-03-04"):
        v = round(level(day) + rng.gauss(0, 2.5))
        v = pins.get(day.isoformat(), v)
        rows.append([day.isoformat(), v])
    write_csv(os.path.join(metrics, "nps.csv"), ["date", "nps"], rows)


def main():
    site = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), os.pardir)
    metrics = os.path.join(os.path.normpath(site), "content", "metrics")
    # One generator per file, each with its own seeded stream, so changing one
    # series never shifts the numbers of another.
    for offset, gen in enumerate([calls, tickets, csat, nps]):
        gen(random.Random(SEED + offset), metrics)


if __name__ == "__main__":
    main()
