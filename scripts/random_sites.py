#!/usr/bin/env python3
"""Deterministic generator of small random goalwall sites, for differential testing.

Usage:
    python3 scripts/random_sites.py OUT_DIR [--count N] [--seed S] [--first K] [--v1-only]

Writes OUT_DIR/site-KKKKK for K = first .. first+N-1.  Site K depends only on
(seed, K, --v1-only), so one site can be regenerated alone.  Each site folder
holds a goalwall site plus `differential.json` ({"as_of": "YYYY-MM-DD",
"drafts": bool, "fault": NAME or null}): the flags to build it with (`--as-of`
is always passed; goalwall.yml may pin another as_of, which `--as-of`
overrides).

The sites mix version-1 features (sparse and unsorted data, date-times with
offsets, empty cells, quoting, CRLF, weekly/monthly periods, rollups,
milestones, task goals, drafts, dropped goals, parents, check-ins, reviews)
and, without --v1-only, version-2 ones (contract §10/§11: maintain goals, hold,
per-goal tolerance, format, relative and duration targets, window baselines,
formulas, CSV dialects with `;`, `,` decimals, dmy/mdy dates, `%`, grouped
thousands, missing markers).  At a lower rate a site carries one fault that
must make the build fail (bad cells, bad formulas, unknown columns,
`31/02/2026`, `6:75`, an unsigned `80%`, ...).

Also importable: `generate(folder, seed, index, v1_only)` returns the
differential.json dictionary.  Standard library only.
"""

import argparse
import datetime as dt
import json
import os
import random
import re

D = dt.timedelta

# --------------------------------------------------------------------------
# a tiny model of a metric file, kept to choose sensible targets


class MetricFile:
    def __init__(self, name):
        self.name = name            # path under content/metrics without .csv
        self.columns = []           # [(header, kind)]  kind: level, count, duration, pct
        self.rows = []              # [(date, time_text or None, [value or None])]
        self.dialect = None         # effective §11 dialect, None without a csv key
        self.crlf = False
        self.bom = False

    def values(self, k):
        return [r[2][k] for r in self.rows if r[2][k] is not None]

    def typical(self, k, rng):
        vals = [v for v in self.values(k) if abs(v) < 1e300]
        if not vals:
            return float(rng.randint(1, 50))
        return rng.choice(vals)


COLUMN_POOL = ['a', 'b', 'wait', 'volume', 'resolved', 'resolved_first', 'responses',
               'promoters', 'detractors', 'x_1', 'Total', 'first contact', 'handle time']


def gen_metric_file(rng, name, as_of, v1_only):
    m = MetricFile(name)
    ncols = rng.choice([1, 1, 2, 2, 3, 3, 4])
    pool = COLUMN_POOL[:10] if v1_only else COLUMN_POOL
    headers = rng.sample(pool, ncols)
    for h in headers:
        kinds = ['level', 'level', 'count', 'count']
        if rng.random() < 0.03:
            kinds = ['huge']
        if not v1_only:
            kinds += ['duration', 'pct']
        m.columns.append((h, rng.choice(kinds)))
    data_start = as_of - D(days=rng.randint(5, 240))
    data_end = as_of + D(days=rng.choice([0, 0, 3, 10, 40]))
    density = rng.choice([1.0, 0.8, 0.4, 0.15, 0.05])
    step = rng.choice([1, 1, 1, 7, 30])
    empty = rng.choice([0.0, 0.0, 0.05, 0.3])
    times = rng.random() < 0.25
    walks = []
    for _, kind in m.columns:
        if kind == 'count':
            walks.append([float(rng.randint(0, 20)), rng.uniform(-0.3, 0.3)])
        elif kind == 'duration':
            walks.append([float(rng.randint(60, 2000)), rng.uniform(-5, 5)])
        elif kind == 'pct':
            walks.append([rng.uniform(40, 95), rng.uniform(-0.3, 0.3)])
        elif kind == 'huge':
            walks.append([rng.choice([1.5e308, -1.7e308, 1e-320, 9e307]), 0.0])
        else:
            walks.append([rng.uniform(-5, 200) * rng.choice([1, 1, 1, 100]), rng.uniform(-1, 1)])
    d = data_start
    while d <= data_end:
        if rng.random() < density:
            for _ in range(rng.choice([1, 1, 1, 1, 2, 3])):
                vals = []
                for k, (_, kind) in enumerate(m.columns):
                    w = walks[k]
                    if kind != 'huge':
                        w[0] += w[1] + rng.gauss(0, 1 + abs(w[0]) * 0.03)
                    if rng.random() < empty:
                        vals.append(None)
                    elif kind == 'huge':
                        vals.append(w[0])
                    elif kind == 'count':
                        vals.append(float(max(0, round(w[0]))))
                    elif kind == 'duration':
                        vals.append(float(max(0, round(w[0]))))
                    else:
                        vals.append(round(w[0], rng.choice([0, 1, 2, 3])))
                t = None
                if times:
                    t = '%02d:%02d' % (rng.randint(0, 23), rng.randint(0, 59))
                    if rng.random() < 0.5:
                        t += ':%02d' % rng.randint(0, 59)
                m.rows.append((d, t, vals))
        d += D(days=step)
    if rng.random() < 0.3:
        rng.shuffle(m.rows)
    m.crlf = rng.random() < 0.1
    m.bom = rng.random() < 0.05
    return m


# --------------------------------------------------------------------------
# rendering cells and dates (§4, §10 durations, §11 dialects)

DEFAULT_MISSING = ['N/A', 'n/a', 'NA', '#N/A', '-', '\u2013', '\u2014', 'null', 'NULL']


def plain_number(rng, v, allow_odd=True):
    """A §4 number for v, in one of its spellings."""
    if v == int(v) and abs(v) < 1e15:
        s = str(int(v))
        if allow_odd:
            r = rng.random()
            if r < 0.05:
                s += '.'
            elif r < 0.08:
                s = s + '.0'
            elif r < 0.1 and v != 0:
                s = '%se0' % s
            elif r < 0.12 and v > 0:
                s = '+' + s
    else:
        s = repr(v)
        if allow_odd and 0 < abs(v) < 1 and rng.random() < 0.3:
            s = s.replace('0.', '.', 1)
    return s


def duration_text(rng, v):
    sign = '-' if v < 0 else ''
    v = abs(v)
    whole = int(v)
    frac = v - whole
    h, rest = divmod(whole, 3600)
    mi, s = divmod(rest, 60)
    ftxt = ''
    if frac:
        ftxt = ('%.3f' % frac)[1:].rstrip('0')
        if ftxt == '.':
            ftxt = ''
    if h or rng.random() < 0.1:
        return '%s%d:%02d:%02d%s' % (sign, h, mi, s, ftxt)
    return '%s%d:%02d%s' % (sign, mi, s, ftxt)


def group_digits(intpart, sep):
    out = []
    while len(intpart) > 3:
        out.insert(0, intpart[-3:])
        intpart = intpart[:-3]
    out.insert(0, intpart)
    return sep.join(out)


def dialect_number(rng, v, kind, dialect):
    """A §11 cell for v under dialect."""
    dec = dialect['decimal']
    if v == int(v) and abs(v) < 1e15:
        text = str(int(abs(v)))
        frac = ''
    else:
        text, _, frac = ('%.4f' % abs(v)).rstrip('0').partition('.')
    if abs(v) >= 1000 and rng.random() < 0.5:
        seps = [','] if dec == '.' else ['.', ' ', '\u00a0', '\u202f']
        text = group_digits(text, rng.choice(seps))
    s = ('-' if v < 0 else '') + text
    if frac:
        s += dec + frac
    if kind == 'pct' and rng.random() < 0.7:
        s += rng.choice(['%', '%', ' %'])
    return s


def render_value(rng, v, kind, dialect, v1_only):
    if v is None:
        if dialect is not None and dialect['missing'] and rng.random() < 0.5:
            return rng.choice(dialect['missing'])
        return rng.choice(['', '', '', ' '])
    if kind == 'duration' and not v1_only and rng.random() < 0.8:
        s = duration_text(rng, v)
    elif dialect is None:
        s = plain_number(rng, v)
    else:
        s = dialect_number(rng, v, kind, dialect)
    if rng.random() < 0.05:
        s = ' ' + s + ' '
    return s


def render_date(rng, d, t, dialect):
    order = dialect['dates'] if dialect is not None else 'iso'
    if order != 'iso' and rng.random() < 0.85:
        sep = rng.choice(['/', '.', '-'])
        day = str(d.day) if rng.random() < 0.5 else '%02d' % d.day
        mon = str(d.month) if rng.random() < 0.5 else '%02d' % d.month
        s = sep.join([day, mon] if order == 'dmy' else [mon, day]) + sep + '%04d' % d.year
        if t is not None:
            hh, rest = t.split(':', 1)
            s += ' ' + (str(int(hh)) if rng.random() < 0.5 else hh) + ':' + rest
        return s
    s = d.isoformat()
    if t is not None:
        s += 'T' + t
        if t.count(':') == 2 and rng.random() < 0.2:
            s += '.' + str(rng.randint(0, 999999)).rjust(rng.choice([1, 3, 6]), '0')[:9]
        r = rng.random()
        if r < 0.3:
            s += 'Z'
        elif r < 0.7:
            s += rng.choice(['+05:30', '-08:00', '+01:00', '+14:00', '-12:00'])
    return s


def quote_cell(s, delim):
    if delim in s or '"' in s or '\n' in s or s != s.strip(' ') and s.strip(' ') == '':
        return '"' + s.replace('"', '""') + '"'
    return s


def csv_text(rng, m, v1_only):
    """The file's rows as lists of cell texts (header first)."""
    rows = [['date'] + [h for h, _ in m.columns]]
    if rng.random() < 0.1:
        rows[0][0] = rng.choice(['Date', 'day', ' date '])
    for (d, t, vals) in m.rows:
        cells = [render_date(rng, d, t, m.dialect)]
        for k, v in enumerate(vals):
            cells.append(render_value(rng, v, m.columns[k][1], m.dialect, v1_only))
        rows.append(cells)
    return rows


def join_csv(rows, delim, crlf, bom, rng):
    nl = '\r\n' if crlf else '\n'
    lines = []
    for r in rows:
        cells = []
        for c in r:
            q = quote_cell(c, delim)
            if q == c and rng.random() < 0.03:
                q = '"' + c.replace('"', '""') + '"'
            cells.append(q)
        lines.append(delim.join(cells))
        if rng.random() < 0.02:
            lines.append('')
    text = nl.join(lines) + (nl if rng.random() < 0.9 else '')
    return ('\ufeff' if bom else '') + text


# --------------------------------------------------------------------------
# §11 dialect choice (the generator's own glob, independent of the reference)


def glob_regex(pattern):
    out = ''
    i = 0
    while i < len(pattern):
        if pattern.startswith('**/', i):
            out += '(?:[^/]*/)*'
            i += 3
        elif pattern[i] == '*':
            out += '[^/]*'
            i += 1
        elif pattern[i] == '?':
            out += '[^/]'
            i += 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out + r'\Z')


def random_dialect_settings(rng, names):
    """(csv settings as YAML lines, {name: effective dialect})."""
    top = {}
    lines = ['csv:']
    if rng.random() < 0.5:
        top['delimiter'] = rng.choice(['auto', ',', ';', '\t'])
    if rng.random() < 0.5:
        top['decimal'] = rng.choice(['.', ','])
    if rng.random() < 0.4:
        top['dates'] = rng.choice(['iso', 'dmy', 'mdy'])
    if rng.random() < 0.3:
        top['missing'] = rng.sample(['N/A', '-', '?', 'none', 'k.A.', '#N/A', ''], rng.randint(0, 3))
    entries = []
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        e = {}
        target = rng.choice(names)
        base = target.rsplit('/', 1)[-1]
        e['match'] = rng.choice([target + '.csv', '**/' + base + '.csv', '*.csv',
                                 (target.split('/')[0] + '/*.csv') if '/' in target else '*.csv',
                                 '**/*.csv', target[:-1] + '?.csv', 'nothing/*.csv'])
        for key in ('delimiter', 'decimal', 'dates'):
            if rng.random() < 0.5:
                e[key] = rng.choice({'delimiter': [',', ';', '\t', 'auto'],
                                     'decimal': ['.', ','], 'dates': ['iso', 'dmy', 'mdy']}[key])
        if rng.random() < 0.15:
            e['missing'] = rng.sample(['N/A', '-', 'x'], rng.randint(0, 2))
        entries.append(e)

    def yq(v):
        if v == '\t':
            return '"\\t"'
        if v in (',', ';', '.', '-', '', '#N/A') or v.startswith('*') or any(c in v for c in ':#?{}[],'):
            return json.dumps(v, ensure_ascii=False)
        return v if rng.random() < 0.5 else json.dumps(v, ensure_ascii=False)

    for k, v in top.items():
        if k == 'missing':
            lines.append('  missing: [%s]' % ', '.join(yq(x) for x in v))
        else:
            lines.append('  %s: %s' % (k, yq(v)))
    if entries:
        lines.append('  files:')
        for e in entries:
            parts = []
            for k, v in e.items():
                if k == 'missing':
                    parts.append('missing: [%s]' % ', '.join(yq(x) for x in v))
                else:
                    parts.append('%s: %s' % (k, yq(v)))
            if rng.random() < 0.5:
                lines.append('    - { %s }' % ', '.join(parts))
            else:
                lines.append('    - ' + parts[0])
                for p in parts[1:]:
                    lines.append('      ' + p)
    if len(lines) == 1:
        lines = ['csv: {}']
    effective = {}
    for n in names:
        eff = {'delimiter': 'auto', 'decimal': '.', 'dates': 'iso', 'missing': list(DEFAULT_MISSING)}
        for k, v in top.items():
            eff[k] = v
        for e in entries:
            if glob_regex(e['match']).match(n + '.csv'):
                for k, v in e.items():
                    if k != 'match':
                        eff[k] = v
        effective[n] = eff
    return lines, effective


# --------------------------------------------------------------------------
# goals


class GoalFile:
    def __init__(self, path):
        self.path = path            # under content/goals
        self.keys = []              # [(key, yaml text after "key:" or list of lines)]
        self.body = []
        self.slug = None
        self.crlf = False

    def set(self, key, value):
        self.keys = [(k, v) for (k, v) in self.keys if k != key]
        self.keys.append((key, value))

    def get(self, key):
        for k, v in self.keys:
            if k == key:
                return v
        return None

    def drop(self, key):
        self.keys = [(k, v) for (k, v) in self.keys if k != key]

    def text(self):
        lines = ['---']
        for k, v in self.keys:
            if isinstance(v, list):
                lines.append(k + ':')
                lines.extend(v)
            else:
                lines.append('%s: %s' % (k, v))
        lines.append('---')
        lines.extend(self.body)
        nl = '\r\n' if self.crlf else '\n'
        return nl.join(lines) + nl


def slugify(name):
    s = re.sub(r'[^a-z0-9]+', '-', name.lower())
    return s.strip('-')


def yaml_number(rng, v):
    if v == int(v) and abs(v) < 1e12:
        return str(int(v))
    return repr(round(v, 4))


def body_lines(rng, start, as_of):
    lines = ['Why this matters.', '']
    for _ in range(rng.choice([0, 0, 1, 2, 3, 4])):
        d = start + D(days=rng.randint(-10, max(0, (as_of - start).days) + 15))
        form = rng.random()
        title = rng.choice(['Weekly review', '', 'Staffing', 'Numbers *up* again', 'Plan: B'])
        if form < 0.6:
            lines.append('## %s %s' % (d.isoformat(), title))
        elif form < 0.75:
            lines.append('## %s \u2014 %s' % (d.isoformat(), title))
        elif form < 0.85:
            lines.append('%s: %s' % (d.isoformat(), title))
            lines.append('---')
        elif form < 0.9:
            lines.append('## 2026-02-30 Not a date')
        else:
            lines.append('### %s deeper heading' % d.isoformat())
        lines.append('Notes on the week.')
        lines.append('')
    if rng.random() < 0.2:
        d = start + D(days=rng.randint(0, 30))
        lines += rng.choice([
            ['```', '## %s inside a code fence' % d, '- [x] not a task', '```', ''],
            ['## %s: Colon title' % d, ''],
            ['## %s\u2013dash' % d, ''],
            ['## %s *emphasis* and `code`' % d, ''],
            ['%s' % d, '-----', ''],
            ['    ## %s indented code' % d, ''],
            ['## %sx not a check-in' % d, ''],
            ['- [x]', '- [ ]not a task', '1) [X] ordered', '3. [ ] starts at three', ''],
            ['> ## %s quoted heading' % d, '> - [ ] quoted', ''],
        ])
    ntasks = rng.choice([0, 0, 0, 1, 3, 5])
    for k in range(ntasks):
        mark = rng.choice(['[ ]', '[x]', '[X]'])
        indent = rng.choice(['', '', '  ']) if k else ''
        bullet = rng.choice(['-', '*', '1.'])
        if indent and bullet == '1.':
            bullet = '-'
        lines.append('%s%s %s task %d' % (indent, bullet, mark, k))
    if ntasks and rng.random() < 0.2:
        lines.append('')
        lines.append('> - [x] quoted task')
    return lines


def date_key(d):
    return d.isoformat()


class Builder:
    def __init__(self, rng, v1_only):
        self.rng = rng
        self.v1 = v1_only

    def pick_column(self, metrics, kinds=None):
        rng = self.rng
        choices = [(m, k) for m in metrics for k, (_, kind) in enumerate(m.columns)
                   if kinds is None or kind in kinds]
        return rng.choice(choices) if choices else None

    def metric_ref(self, g, m, k):
        rng = self.rng
        header = m.columns[k][0]
        r = rng.random()
        if len(m.columns) == 1 and r < 0.3:
            g.set('metric', m.name)
        elif r < 0.8:
            g.set('metric', json.dumps(m.name + '.' + header) if ' ' in header or rng.random() < 0.1
                  else m.name + '.' + header)
        elif r < 0.9:
            g.set('metric', '{ file: %s, column: %s }' % (m.name, json.dumps(header)))
        else:
            g.set('metric', ['  file: %s' % m.name, '  column: %s' % json.dumps(header)])

    def common(self, g, start, due, as_of, slugs):
        rng = self.rng
        g.set('title', rng.choice(['Cut wait time', 'Raise CSAT', '"Answer: fast"', 'NO',
                                   'Keep first response under an hour']))
        if rng.random() < 0.8:
            g.set('owner', rng.choice(['Mark', 'Aisha', 'NO', '"Ben"']))
        if rng.random() < 0.6:
            g.set('team', rng.choice(['Support', 'Service Desk', 'Self-Service', 'support']))
        g.set('start', date_key(start))
        if due is not None:
            g.set('due', date_key(due))
        if slugs and rng.random() < 0.3:
            g.set('parent', rng.choice(slugs))
        r = rng.random()
        if r < 0.08:
            g.set('state', 'draft')
        elif r < 0.15:
            g.set('state', 'dropped')
        elif r < 0.2:
            g.set('state', 'active')
        if rng.random() < 0.4:
            g.set('review', rng.choice(['weekly', 'biweekly', 'monthly', 'quarterly', '10d', '3d',
                                        'Weekly', '1d']))
        if rng.random() < 0.2:
            g.set('tags', '[a, b]')
        if not self.v1 and rng.random() < 0.15:
            g.set('tolerance', rng.choice(['0', '0.05', '0.25', '1', '0.5']))
        g.body = body_lines(rng, start, as_of)

    def period_rollup(self, g, quota=False):
        rng = self.rng
        if quota:
            g.set('period', rng.choice(['week', 'week', 'month', 'day']))
            g.set('rollup', rng.choice(['count', 'sum']))
            return
        r = rng.random()
        if r < 0.25:
            g.set('period', 'week')
        elif r < 0.4:
            g.set('period', 'month')
        elif r < 0.45:
            g.set('period', 'day')
        if rng.random() < 0.5:
            g.set('rollup', rng.choice(['last', 'sum', 'mean', 'min', 'max', 'count']))

    def target_text(self, m, k, value, allow_relative, is_duration):
        rng = self.rng
        if not self.v1 and allow_relative and rng.random() < 0.25:
            n = rng.choice(['-50', '+20', '-10.5', '+100', '-5', '+0.5', '-.5', '+7.'])
            return ('"%s%%"' if rng.random() < 0.5 else '%s%%') % n
        if not self.v1 and is_duration and rng.random() < 0.6:
            t = duration_text(rng, round(value))
            return '"%s"' % t if rng.random() < 0.8 else t
        return yaml_number(rng, value)

    def milestones(self, g, start, due, base, tgt, allow_relative, is_duration, task=False):
        rng = self.rng
        n = rng.choice([0, 0, 1, 2, 3])
        if n == 0 or due is None:
            return
        lines = []
        span = (due - start).days
        used = set()
        for i in range(n):
            off = rng.randint(-5, span + 5) if rng.random() < 0.2 else rng.randint(1, max(1, span - 1))
            d = start + D(days=off)
            if d in used:
                continue                       # two on one date is the 'duplicate_milestone' fault
            used.add(d)
            frac = off / span if span else 0.5
            v = base + (tgt - base) * frac
            if task and rng.random() < 0.3:
                tv = None
            else:
                tv = self.target_text(None, None, round(v, 2), allow_relative, is_duration)
            if rng.random() < 0.6:
                parts = ['date: %s' % date_key(d)]
                if tv is not None:
                    parts.append('target: %s' % tv)
                if rng.random() < 0.3:
                    parts.append('note: "step %d"' % i)
                lines.append('  - { %s }' % ', '.join(parts))
            else:
                lines.append('  - date: %s' % date_key(d))
                if tv is not None:
                    lines.append('    target: %s' % tv)
        g.set('milestones', lines)

    def reach_goal(self, g, metrics, as_of, slugs, formula=None):
        rng = self.rng
        pick = self.pick_column(metrics)
        if pick is None:
            return self.task_goal(g, as_of, slugs)
        m, k = pick
        if formula is not None:
            m, text, approx = formula
            g.set('metric', self.formula_yaml(m, text))
            typical = approx
            is_dur = False
        else:
            self.metric_ref(g, m, k)
            typical = m.typical(k, rng)
            is_dur = m.columns[k][1] == 'duration'
        dates = sorted(r[0] for r in m.rows) or [as_of]
        start = rng.choice(dates) + D(days=rng.randint(-15, 15))
        due = start + D(days=rng.choice([1, 7, 20, 45, 90, 150]))
        if rng.random() < 0.4 and due <= as_of:
            due = as_of + D(days=rng.randint(1, 60))
        self.common(g, start, due, as_of, slugs)
        factor = rng.choice([0.5, 0.8, 0.9, 1.1, 1.25, 2.0, -1.0])
        tgt = round(typical * factor, 2) if typical else rng.choice([5.0, -5.0])
        if tgt == typical:
            tgt += 1
        g.set('target', self.target_text(m, k, tgt, True, is_dur))
        r = rng.random()
        if r < 0.15:
            g.set('baseline', yaml_number(rng, round(typical, 2)))
        elif not self.v1 and r < 0.35:
            lo = start - D(days=rng.randint(0, 40))
            hi = lo + D(days=rng.randint(0, 30))
            if rng.random() < 0.5:
                g.set('baseline', '{ from: %s, to: %s }' % (lo, hi))
            else:
                g.set('baseline', ['  from: %s' % lo, '  to: %s' % hi])
        if rng.random() < 0.25:
            g.set('direction', rng.choice(['up', 'down']))
        if rng.random() < 0.03 and g.get('target') == yaml_number(rng, tgt):
            g.set('baseline', g.get('target'))
            g.set('direction', rng.choice(['up', 'down']))
        self.period_rollup(g)
        self.milestones(g, start, due, typical, tgt, True, is_dur)
        if not self.v1 and rng.random() < 0.1:
            g.set('format', 'duration' if is_dur else rng.choice(['number', 'duration']))
        if not self.v1 and rng.random() < 0.08:
            g.set('kind', 'reach')
        if not self.v1 and rng.random() < 0.04:
            g.set('hold', '0.8')                  # a warning on a reach goal

    def maintain_goal(self, g, metrics, as_of, slugs, formula=None):
        rng = self.rng
        pick = self.pick_column(metrics)
        if pick is None:
            return self.task_goal(g, as_of, slugs)
        m, k = pick
        quota = rng.random() < 0.35
        if formula is not None:
            m, text, approx = formula
            g.set('metric', self.formula_yaml(m, text))
            typical = approx
            is_dur = False
        else:
            self.metric_ref(g, m, k)
            typical = m.typical(k, rng)
            is_dur = m.columns[k][1] == 'duration'
        g.set('kind', 'maintain')
        dates = sorted(r[0] for r in m.rows) or [as_of]
        start = rng.choice(dates) + D(days=rng.randint(-20, 10))
        due = start + D(days=rng.choice([7, 30, 60, 120])) if rng.random() < 0.6 else None
        self.common(g, start, due, as_of, slugs)
        if quota:
            tgt = float(rng.choice([1, 2, 3, 5]))
            g.set('direction', 'up')
        else:
            tgt = round(typical * rng.choice([0.8, 0.95, 1.0, 1.05, 1.3]), 1)
            g.set('direction', rng.choice(['up', 'down']))
        g.set('target', self.target_text(m, k, tgt, False, is_dur))
        if rng.random() < 0.5:
            g.set('hold', rng.choice(['1', '0.9', '0.75', '0.5', '.8']))
        self.period_rollup(g, quota)
        if rng.random() < 0.1:
            g.set('format', 'duration' if is_dur else 'number')

    def task_goal(self, g, as_of, slugs):
        rng = self.rng
        start = as_of - D(days=rng.randint(-20, 120))
        due = start + D(days=rng.choice([1, 14, 60, 120]))
        self.common(g, start, due, as_of, slugs)
        if not any(l.lstrip().startswith(('- [', '* [', '1. [', '> - [')) for l in g.body):
            if rng.random() < 0.8:
                g.body += ['', '- [x] first', '- [ ] second', '  - [X] nested']
        if rng.random() < 0.1:
            g.set('target', rng.choice(['3', '"abc"', '+10%', '80%']))   # a warning, ignored
        self.milestones(g, start, due, 0.0, 1.0, False, False, task=True)

    # -- §10 formulas
    def random_expr(self, names, depth=0):
        rng = self.rng

        def col(n):
            if re.match(r'^[A-Za-z_][A-Za-z0-9_]*$', n) and rng.random() < 0.85:
                return n
            return '`%s`' % n

        r = rng.random()
        if depth >= 2 or r < 0.3:
            if rng.random() < 0.8:
                return col(rng.choice(names))
            return rng.choice(['100', '2', '0.5', '1e2', '.5', '3.'])
        if r < 0.4:
            return '-' + self.random_expr(names, depth + 1)
        if r < 0.5:
            return '(' + self.random_expr(names, depth + 1) + ')'
        op = rng.choice(['+', '-', '*', '/', '/', '*'])
        sp = rng.choice([' ', '', '  '])
        return self.random_expr(names, depth + 1) + sp + op + sp + self.random_expr(names, depth + 1)

    def random_formula(self, metrics):
        rng = self.rng
        multi = [m for m in metrics if len(m.columns) >= 2]
        if not multi:
            return None
        m = rng.choice(multi)
        names = [h for h, _ in m.columns]
        if rng.random() < 0.5:
            a, b = rng.sample(names, 2)
            wrap = lambda n: n if re.match(r'^[A-Za-z_]\w*$', n) else '`%s`' % n
            text = rng.choice(['100 * %s / %s', '%s / %s', '(%s - %s)', '-%s * 2 + %s',
                               '100 * (%s - %s) / %s']) 
            if text.count('%s') == 3:
                text = text % (wrap(a), wrap(b), wrap(a))
            else:
                text = text % (wrap(a), wrap(b))
        else:
            text = self.random_expr(names)
        return m, text, float(rng.choice([1, 10, 50, 100]))

    def formula_yaml(self, m, text):
        rng = self.rng
        q = json.dumps(text) if (rng.random() < 0.7 or text.startswith(('-', '`', '('))
                                or ': ' in text or '#' in text) else text
        if rng.random() < 0.6:
            return '{ file: %s, formula: %s }' % (m.name, q)
        return ['  file: %s' % m.name, '  formula: %s' % q]


# --------------------------------------------------------------------------
# faults: each makes the build fail


V1_FAULTS = ['bad_cell', 'bad_date', 'impossible_date', 'empty_date', 'nan_cell', 'extra_cell',
             'missing_cell', 'unterminated_quote', 'duplicate_header', 'empty_header', 'empty_csv',
             'missing_title', 'missing_start', 'due_before_start', 'unknown_column',
             'missing_target', 'quoted_target', 'bad_review', 'duplicate_milestone',
             'unknown_parent', 'bad_slug', 'bad_direction', 'bad_rollup', 'target_is_baseline',
             'yaml_syntax', 'text_after_quote', 'unclosed_front_matter', 'bad_tolerance',
             'duplicate_slug', 'parent_cycle', 'empty_title', 'bad_team']
V2_FAULTS = ['bad_formula', 'unknown_formula_column', 'empty_formula', 'formula_with_column',
             'unsigned_percent', 'dmy_impossible', 'bad_duration_cell', 'dash_without_csv',
             'percent_without_csv', 'csv_unknown_key', 'csv_bad_value', 'csv_entry_without_match',
             'maintain_baseline', 'maintain_milestones', 'maintain_relative', 'maintain_no_direction',
             'bad_hold', 'bad_kind', 'window_reversed', 'relative_zero', 'bad_format',
             'bad_goal_tolerance', 'bad_duration_target', 'comma_decimal_dot_cell',
             'maintain_no_target', 'bad_group']


def apply_fault(rng, fault, site):
    """Mutate the site model; returns False when the fault does not apply."""
    metrics, goals, settings = site['metrics'], site['goals'], site['settings']
    csvs = site['csv_rows']          # name -> rows of cell texts

    def any_rows():
        names = [n for n in csvs if len(csvs[n]) > 1]
        return rng.choice(names) if names else None

    def a_cell():
        n = any_rows()
        if n is None or len(csvs[n][0]) < 2:
            return None
        r = rng.randint(1, len(csvs[n]) - 1)
        c = rng.randint(1, len(csvs[n][r]) - 1)
        return n, r, c

    metric_goals = [g for g in goals if g.get('metric') is not None]
    if fault in ('bad_cell', 'nan_cell', 'bad_duration_cell', 'dash_without_csv',
                 'percent_without_csv', 'comma_decimal_dot_cell', 'bad_group'):
        if fault in ('dash_without_csv', 'percent_without_csv') and settings.get('csv'):
            return False
        pc = a_cell()
        if pc is None:
            return False
        n, r, c = pc
        dial = next(m for m in metrics if m.name == n).dialect
        if fault == 'comma_decimal_dot_cell' and (dial is None or dial['decimal'] != ','):
            return False
        if fault == 'bad_group' and dial is None:
            return False
        if fault == 'bad_cell':
            cell = rng.choice(['abc', '1.2.3', '0x10', '12a', '--3', '1e', '..'])
        elif fault == 'nan_cell':
            cell = rng.choice(['NaN', 'inf', '-Infinity', '1e400'])
        elif fault == 'bad_duration_cell':
            cell = rng.choice(['6:75', '1:2:03', '6:5', '1:60:00', ':30', '6:30:', '6:30.'])
        elif fault == 'dash_without_csv':
            cell = '-'
        elif fault == 'percent_without_csv':
            cell = '85%'
        elif fault == 'comma_decimal_dot_cell':
            cell = '1.5'
        elif dial['decimal'] == '.':
            cell = rng.choice(['1,23', '12,3456', '1234,567.5', '1.23,5'])
        else:
            cell = rng.choice(['1.23', '1234.567', '1.2345,5'])
        csvs[n][r][c] = cell
        return True
    if fault in ('bad_date', 'impossible_date', 'empty_date', 'dmy_impossible'):
        n = any_rows()
        if n is None:
            return False
        dial = next(m for m in metrics if m.name == n).dialect
        if fault == 'dmy_impossible' and (dial is None or dial['dates'] == 'iso'):
            return False
        r = rng.randint(1, len(csvs[n]) - 1)
        csvs[n][r][0] = {'bad_date': rng.choice(['2026/01/05', '05.01.2026x', 'yesterday',
                                                 '2026-1-5', '2026-01-05T25:00']),
                         'impossible_date': '2026-02-30',
                         'empty_date': rng.choice(['', '  ']),
                         'dmy_impossible': '31/02/2026' if dial and dial['dates'] == 'dmy'
                         else '02/31/2026'}[fault]
        return True
    if fault in ('extra_cell', 'missing_cell', 'unterminated_quote', 'text_after_quote'):
        n = any_rows()
        if n is None:
            return False
        r = rng.randint(1, len(csvs[n]) - 1)
        row = csvs[n][r]
        if fault == 'extra_cell':
            row.append('1')
        elif fault == 'missing_cell':
            if len(row) < 2:
                return False
            row.pop()
        elif fault == 'unterminated_quote':
            site['raw_tail'][n] = '2026-01-01,"12\n'
        else:
            site['raw_tail'][n] = '2026-01-01,"12"x\n'
        return True
    if fault in ('duplicate_header', 'empty_header'):
        n = rng.choice(list(csvs))
        hdr = csvs[n][0]
        if len(hdr) < 2:
            return False
        hdr[-1] = hdr[0] if fault == 'duplicate_header' and rng.random() < 0.3 else (
            hdr[1] if fault == 'duplicate_header' and len(hdr) > 2 else ('' if fault == 'empty_header'
                                                                          else hdr[0]))
        return True
    if fault == 'empty_csv':
        site['extra_files']['content/metrics/empty.csv'] = rng.choice(['', '\n\n'])
        return True
    if fault == 'csv_unknown_key':
        settings['csv'] = (settings.get('csv') or ['csv:']) + ['  delimter: ";"']
        if settings['csv'][0] == 'csv: {}':
            settings['csv'] = ['csv:', '  delimter: ";"']
        return True
    if fault == 'csv_bad_value':
        settings['csv'] = ['csv:', '  ' + rng.choice(['decimal: ";"', 'dates: ymd', 'delimiter: "|"',
                                                      'delimiter: tab', 'missing: N/A',
                                                      'files: { match: "*.csv" }'])]
        return True
    if fault == 'csv_entry_without_match':
        settings['csv'] = ['csv:', '  files:', '    - { decimal: "," }']
        return True
    if fault == 'bad_tolerance':
        settings['extra'].append('tolerance: %s' % rng.choice(['1.5', '-0.1', 'high']))
        return True
    if not goals:
        return False
    g = rng.choice(goals)
    mg = rng.choice(metric_goals) if metric_goals else None
    maint = [x for x in goals if x.get('kind') == 'maintain']
    reach = [x for x in metric_goals if x.get('kind') != 'maintain']
    formula_goals = [x for x in metric_goals if 'formula' in str(x.get('metric'))]
    if fault == 'missing_title':
        g.drop('title')
    elif fault == 'missing_start':
        g.set('start', rng.choice(['~', '']))
    elif fault == 'due_before_start':
        if g.get('due') is None:
            return False
        g.set('due', g.get('start'))
    elif fault == 'unknown_column':
        if mg is None:
            return False
        m = metrics[0]
        mg.set('metric', m.name + '.' + rng.choice(['nope', 'Wait', 'date']))
    elif fault == 'missing_target':
        if mg is None:
            return False
        mg.drop('target')
    elif fault == 'quoted_target':
        if mg is None:
            return False
        mg.set('target', '"4"')
    elif fault == 'bad_review':
        g.set('review', rng.choice(['fortnightly', '0d', '7D', '-3d', 'd']))
    elif fault == 'duplicate_milestone':
        if not reach:
            return False
        x = rng.choice(reach)
        s = dt.date.fromisoformat(x.get('start'))
        d = s + D(days=1)
        x.set('milestones', ['  - { date: %s, target: 1 }' % d, '  - { date: %s, target: 2 }' % d])
    elif fault == 'duplicate_slug':
        if len(goals) < 2:
            return False
        a, b = rng.sample(goals, 2)
        a.set('slug', 'same')
        b.set('slug', 'same')
    elif fault == 'parent_cycle':
        if len(goals) < 2:
            return False
        a, b = rng.sample(goals, 2)
        a.set('slug', 'cycle-a')
        b.set('slug', 'cycle-b')
        a.set('parent', 'cycle-b')
        b.set('parent', 'cycle-a')
    elif fault == 'empty_title':
        g.set('title', '"  "')
    elif fault == 'bad_team':
        g.set('team', '"!!"')
    elif fault == 'unknown_parent':
        g.set('parent', 'no-such-goal')
    elif fault == 'bad_slug':
        g.set('slug', rng.choice(['Bad Slug', 'a--b', '-a', '"x_y"']))
    elif fault == 'bad_direction':
        g.set('direction', rng.choice(['upward', 'Up', '1']))
    elif fault == 'bad_rollup':
        g.set(rng.choice(['rollup', 'period', 'state']), 'sometimes')
    elif fault == 'target_is_baseline':
        if not reach:
            return False
        x = rng.choice(reach)
        x.drop('direction')
        x.set('baseline', '5')
        x.set('target', '5')
    elif fault == 'yaml_syntax':
        g.set('tags', '[a, b')
    elif fault == 'unclosed_front_matter':
        site['broken_goal'] = g
    elif fault == 'bad_formula':
        if not formula_goals:
            return False
        x = rng.choice(formula_goals)
        m = x.get('metric')
        col = site['formula_file'][x.path]
        bad = rng.choice(['a +* b', '(a', 'a b', '2 ** a', '+a', 'a / ', '`x', '()', '1e999',
                          'a % b', 'a) + (b', '1.2.3'])
        x.set('metric', '{ file: %s, formula: "%s" }' % (col, bad))
    elif fault == 'unknown_formula_column':
        if not formula_goals:
            return False
        x = rng.choice(formula_goals)
        x.set('metric', '{ file: %s, formula: "100 * nope / 2" }' % site['formula_file'][x.path])
    elif fault == 'empty_formula':
        if not formula_goals:
            return False
        x = rng.choice(formula_goals)
        x.set('metric', '{ file: %s, formula: "%s" }' % (site['formula_file'][x.path],
                                                         rng.choice(['', '  '])))
    elif fault == 'formula_with_column':
        if not formula_goals:
            return False
        x = rng.choice(formula_goals)
        m = next(mm for mm in metrics if mm.name == site['formula_file'][x.path])
        x.set('metric', '{ file: %s, column: %s, formula: "1" }' % (m.name, json.dumps(m.columns[0][0])))
    elif fault == 'unsigned_percent':
        if not reach:
            return False
        rng.choice(reach).set('target', rng.choice(['80%', '"80%"', '12.5%']))
    elif fault == 'maintain_baseline':
        if not maint:
            return False
        rng.choice(maint).set('baseline', rng.choice(['3', '{ from: 2026-01-01, to: 2026-01-31 }']))
    elif fault == 'maintain_milestones':
        if not maint:
            return False
        x = rng.choice(maint)
        s = dt.date.fromisoformat(x.get('start'))
        x.set('milestones', ['  - { date: %s, target: 1 }' % (s + D(days=3))])
    elif fault == 'maintain_relative':
        if not maint:
            return False
        rng.choice(maint).set('target', '-10%')
    elif fault == 'maintain_no_direction':
        if not maint:
            return False
        rng.choice(maint).drop('direction')
    elif fault == 'maintain_no_target':
        if not maint:
            return False
        rng.choice(maint).drop('target')
    elif fault == 'bad_hold':
        if not maint:
            return False
        rng.choice(maint).set('hold', rng.choice(['0', '1.5', '-0.5', 'most']))
    elif fault == 'bad_kind':
        g.set('kind', rng.choice(['keep', 'Maintain', 'reached']))
    elif fault == 'window_reversed':
        if not reach:
            return False
        rng.choice(reach).set('baseline', '{ from: 2026-02-01, to: 2026-01-01 }')
    elif fault == 'relative_zero':
        if not reach:
            return False
        x = rng.choice(reach)
        x.drop('direction')
        x.set('target', rng.choice(['+0%', '-0%', '"+0.0%"']))
    elif fault == 'bad_format':
        g.set('format', rng.choice(['seconds', 'Duration', 'time']))
    elif fault == 'bad_goal_tolerance':
        g.set('tolerance', rng.choice(['1.1', '-0.2', 'loose']))
    elif fault == 'bad_duration_target':
        if not metric_goals:
            return False
        rng.choice(metric_goals).set('target', rng.choice(['"6:75"', '"1:2:03"', '"6:30:"']))
    else:
        return False
    return True


# --------------------------------------------------------------------------
# one site


def generate(folder, seed, index, v1_only, fault_rate=0.15):
    rng = random.Random('%s/%s/%s' % (seed, index, 'v1' if v1_only else 'v2'))
    b = Builder(rng, v1_only)
    as_of = dt.date(2025, 9, 1) + D(days=rng.randint(0, 300))

    names = []
    for i in range(rng.choice([1, 1, 2, 2, 3])):
        names.append(rng.choice(['m%d' % i, 'm%d' % i, 'team/m%d' % i, 'exports/m%d' % i,
                                 'exports/2026/m%d' % i, 'calls.v%d' % i]))
    names = sorted(set(names))
    metrics = [gen_metric_file(rng, n, as_of, v1_only) for n in names]

    settings = {'csv': None, 'extra': []}
    dialects = {}
    if not v1_only and rng.random() < 0.45:
        settings['csv'], dialects = random_dialect_settings(rng, names)
        for m in metrics:
            m.dialect = dialects[m.name]

    csv_rows = {}
    delims = {}
    for m in metrics:
        csv_rows[m.name] = csv_text(rng, m, v1_only)
        if m.dialect is None:
            delims[m.name] = ','
        else:
            dl = m.dialect['delimiter']
            if dl == 'auto':
                dl = rng.choice([',', ';', '\t'])
            delims[m.name] = dl

    goals = []
    slugs = []
    formula_file = {}
    for i in range(rng.choice([1, 2, 3, 3, 4, 5])):
        path = rng.choice(['g%d.md' % i, 'Goal %d!.md' % i, 'team/g%d.md' % i, 'x/y/G_%d.md' % i,
                           'Cafe\u0301 %d.md' % i])
        g = GoalFile(path)
        kind = rng.random()
        formula = None
        if not v1_only and rng.random() < 0.25:
            formula = b.random_formula(metrics)
        if kind < 0.15:
            b.task_goal(g, as_of, slugs)
        elif not v1_only and kind < 0.45:
            b.maintain_goal(g, metrics, as_of, slugs, formula)
        else:
            b.reach_goal(g, metrics, as_of, slugs, formula)
        if formula is not None and 'formula' in str(g.get('metric')):
            formula_file[path] = formula[0].name
        if rng.random() < 0.1:
            g.set('slug', 'goal-%d' % i)
        g.slug = g.get('slug') or slugify(os.path.basename(path)[:-3])
        if rng.random() < 0.15:
            g.keys.reverse()
        g.crlf = rng.random() < 0.05
        goals.append(g)
        slugs.append(g.slug)

    site = {'metrics': metrics, 'goals': goals, 'settings': settings, 'csv_rows': csv_rows,
            'raw_tail': {}, 'extra_files': {}, 'broken_goal': None, 'formula_file': formula_file}
    if rng.random() < 0.05:                         # skipped: names starting with '.'
        site['extra_files']['content/metrics/.hidden.csv'] = 'not,a\nvalid,csv,file\n'
        site['extra_files']['content/goals/.backup.md'] = 'no front matter\n'
    fault = None
    if rng.random() < fault_rate:
        pool = V1_FAULTS + ([] if v1_only else V2_FAULTS * 2)
        for _ in range(10):
            f = rng.choice(pool)
            if apply_fault(rng, f, site):
                fault = f
                break

    # write
    os.makedirs(os.path.join(folder, 'content', 'goals'), exist_ok=True)
    os.makedirs(os.path.join(folder, 'content', 'metrics'), exist_ok=True)
    yml = ['title: Random site %d' % index]
    if rng.random() < 0.6:
        pinned = as_of if rng.random() < 0.8 else as_of - D(days=rng.randint(1, 30))
        yml.append('as_of: %s' % pinned)
    if rng.random() < 0.3:
        yml.append('tolerance: %s' % rng.choice(['0', '0.05', '0.2', '1']))
    yml += settings['extra']
    if settings['csv']:
        yml += settings['csv']
    with open(os.path.join(folder, 'goalwall.yml'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(yml) + '\n')
    for m in metrics:
        p = os.path.join(folder, 'content', 'metrics', m.name + '.csv')
        os.makedirs(os.path.dirname(p), exist_ok=True)
        text = join_csv(csv_rows[m.name], delims[m.name], m.crlf, m.bom, rng)
        if m.name in site['raw_tail']:
            tail = site['raw_tail'][m.name]
            if not text.endswith(('\n',)):
                text += '\n'
            text += tail.replace(',', delims[m.name])
        with open(p, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
    for rel_path, text in site['extra_files'].items():
        with open(os.path.join(folder, rel_path), 'w', encoding='utf-8') as f:
            f.write(text)
    for g in goals:
        p = os.path.join(folder, 'content', 'goals', g.path)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        text = g.text()
        if g is site['broken_goal']:
            lines = text.split('\n')
            fences = [k for k, l in enumerate(lines) if l.rstrip('\r') == '---']
            del lines[fences[1]]
            text = '\n'.join(lines)
        with open(p, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
    info = {'as_of': as_of.isoformat(), 'drafts': rng.random() < 0.3, 'fault': fault}
    with open(os.path.join(folder, 'differential.json'), 'w') as f:
        json.dump(info, f)
    return info


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write random goalwall sites")
    ap.add_argument('out')
    ap.add_argument('--count', type=int, default=10)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--first', type=int, default=0)
    ap.add_argument('--v1-only', action='store_true')
    args = ap.parse_args(argv)
    for k in range(args.first, args.first + args.count):
        folder = os.path.join(args.out, 'site-%05d' % k)
        info = generate(folder, args.seed, k, args.v1_only)
        print(folder, json.dumps(info))
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
