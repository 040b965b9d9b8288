#!/usr/bin/env python3
"""Independent reference implementation of goalwall's goals.json (contract §1–§11).

Usage:
    python3 scripts/reference_goals.py SITE_DIR [--as-of YYYY-MM-DD] [--drafts] [--warnings]

Prints goals.json (the shape of §6 of /work/shared/spec/site-format.md, with
§10's `kind` and `record` on every goal) on stdout.  When the site has errors
it prints them on stderr as ``PATH:LINE:COLUMN: error: MESSAGE`` and exits 1
(2 for wrong usage).  Warnings are only printed with --warnings.

Written for differential testing against the Swift build, from the contract
alone (scripts/differential.py drives both).  Standard library plus PyYAML
(``yaml.compose`` only, so every scalar is taken as written).  Markdown is NOT
parsed with a library: a small CommonMark-like block parser below finds
level-2 headings (ATX and setext) and task list items (also nested and inside
block quotes); it is good enough for ordinary files, not a full CommonMark
implementation.

Where the contract is silent the choice made is marked ``DECISION:``; where a
version-1 choice follows goalwall's documented behaviour (docs/site-format.md,
"Decisions where the contract is silent") it is marked ``DECISION (v1 docs):``.
Importable: ``build(site, as_of, with_drafts, diags)`` returns the goals.json
document, ``Diagnostics`` collects errors and warnings.
"""

import argparse
import datetime as dt
import difflib
import html
import json
import math
import os
import re
import sys
import unicodedata
from fractions import Fraction

import yaml

# --------------------------------------------------------------------------
# diagnostics (§7)


class Diagnostics:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, path, line, col, msg):
        self.errors.append((path, line, col, msg))

    def warning(self, path, line, col, msg):
        self.warnings.append((path, line, col, msg))

    @staticmethod
    def _fmt(items, kind):
        return ["%s:%d:%d: %s: %s" % (p, l, c, kind, m)
                for (p, l, c, m) in sorted(items, key=lambda t: (t[0], t[1], t[2]))]

    def error_lines(self):
        return self._fmt(self.errors, "error")

    def warning_lines(self):
        return self._fmt(self.warnings, "warning")


# --------------------------------------------------------------------------
# numbers, dates, durations (§4, §9, §10)

NUMBER_RE = re.compile(r'^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$')
DATE_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})$')
DATETIME_RE = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})'
    r'(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$')
SLUG_RE = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*$')
# §10 durations: H:MM:SS or M:SS, an optional sign, MM and SS 00-59, SS may have a
# fraction with '.'.  DECISION: the fraction has one or more digits ("6:30." is not one).
DURATION_HMS_RE = re.compile(r'^([+-]?)(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)$')
DURATION_MS_RE = re.compile(r'^([+-]?)(\d+):([0-5]\d(?:\.\d+)?)$')
# §10 relative targets: a sign, a decimal N, '%'.  DECISION: N is a §9 decimal without
# exponent (`.5` and `5.` allowed), nothing between the parts.
RELATIVE_RE = re.compile(r'^([+-])(\d+\.?\d*|\.\d+)%$')
UNSIGNED_PERCENT_RE = re.compile(r'^(\d+\.?\d*|\.\d+)%$')


def trim_blanks(text):
    """§4 "surrounding spaces ignored": spaces and tabs (as goalwall does for every cell)."""
    return text.strip(' \t')


def parse_number(text):
    """§4/§9 number: sign, `.5` and `5.`, exponent; NaN, inf, hex and overflow are not."""
    t = trim_blanks(text)
    if not NUMBER_RE.match(t):
        return None
    try:
        v = float(t)
    except (ValueError, OverflowError):
        return None
    return v if math.isfinite(v) else None


def parse_duration(text):
    """§10: `H:MM:SS` or `M:SS` as a number of seconds, None when it is not one."""
    t = trim_blanks(text)
    m = DURATION_HMS_RE.match(t)
    if m:
        sign, h, mm, ss = m.groups()
        v = float(h) * 3600.0 + int(mm) * 60 + float(ss)
    else:
        m = DURATION_MS_RE.match(t)
        if not m:
            return None
        sign, mi, ss = m.groups()
        v = float(mi) * 60.0 + float(ss)
    if not math.isfinite(v):
        return None                   # DECISION: beyond Double's range, like a number
    return -v if sign == '-' else v


def parse_date(text):
    """A date key (§9: `YYYY-MM-DD` only)."""
    m = DATE_RE.match(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def instant_ns(date, h=0, mi=0, s=0, ns=0, offset_s=0):
    """§9: a date-time orders by its instant; no offset is UTC."""
    secs = date.toordinal() * 86400 + h * 3600 + mi * 60 + s - offset_s
    return secs * 1_000_000_000 + ns


def parse_iso_date_cell(text):
    """§4 date cell: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.F]][Z|±HH:MM]` → (date, instant)."""
    m = DATETIME_RE.match(text)
    if not m:
        return None
    y, mo, d, hh, mi, ss, frac, off = m.groups()
    try:
        date = dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None
    h = int(hh) if hh is not None else 0
    mn = int(mi) if mi is not None else 0
    s = int(ss) if ss is not None else 0
    if h > 23 or mn > 59 or s > 59:
        return None
    ns = int(frac.ljust(9, '0')) if frac else 0
    off_s = 0
    if off and off != 'Z':
        oh, om = int(off[1:3]), int(off[4:6])
        if oh > 23 or om > 59:
            return None
        off_s = (oh * 3600 + om * 60) * (1 if off[0] == '+' else -1)
    return date, instant_ns(date, h, mn, s, ns, off_s)


# §11: D/M/YYYY, D.M.YYYY, D-M-YYYY (day and month in the order named, one or two
# digits), optionally a space and H:MM or H:MM:SS.  DECISION: one separator used in
# both places, exactly one space before the time, the time without fraction or offset.
DAY_MONTH_RE = re.compile(r'^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$')


def parse_day_month_cell(text, order):
    """§11 `dates: dmy|mdy` forms → (date, instant) or None."""
    m = DAY_MONTH_RE.match(text)
    if not m:
        return None
    a, _, b, y, hh, mi, ss = m.groups()
    day, month = (a, b) if order == 'dmy' else (b, a)
    try:
        date = dt.date(int(y), int(month), int(day))
    except ValueError:
        return None                   # 31/02/2026
    h = int(hh) if hh is not None else 0
    mn = int(mi) if mi is not None else 0
    s = int(ss) if ss is not None else 0
    if h > 23 or mn > 59 or s > 59:
        return None
    return date, instant_ns(date, h, mn, s)    # sorts like a time without offset (§9)


def parse_date_cell(text, dialect):
    """A row's date: ISO in every mode (§11), plus the day-month forms with dmy/mdy."""
    parsed = parse_iso_date_cell(text)
    if parsed is None and dialect is not None and dialect.dates in ('dmy', 'mdy'):
        parsed = parse_day_month_cell(text, dialect.dates)
    return parsed


def make_slug(name):
    """§9 slug: NFC, lower-cased, runs of non [a-z0-9] → '-', ends trimmed."""
    s = unicodedata.normalize('NFC', name).lower()
    s = re.sub(r'[^a-z0-9]+', '-', s)
    return s.strip('-')


def fnum(v):
    """A number for goals.json: always a float, None stays None."""
    if v is None:
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def iso(d):
    return d.isoformat() if d is not None else None


def rel(site, path):
    return os.path.relpath(path, site).replace(os.sep, '/')


def suggest(word, known):
    m = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return (" (did you mean \"%s\"?)" % m[0]) if m else ""


# --------------------------------------------------------------------------
# §11 CSV dialects: value cells


DEFAULT_MISSING = ['N/A', 'n/a', 'NA', '#N/A', '-', '\u2013', '\u2014', 'null', 'NULL']
GROUPED_POINT_RE = re.compile(r'^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$')
# DECISION: with decimal ',' each separator may be any of '.', space, U+00A0, U+202F
# (mixing them in one number is allowed).
GROUPED_COMMA_RE = re.compile('^[+-]?\\d{1,3}(?:[. \u00a0\u202f]\\d{3})+(?:,\\d*)?$')


class Dialect:
    """A CSV file's §11 settings (None stands for "no `csv` key": §4 exactly)."""

    def __init__(self, delimiter='auto', decimal='.', dates='iso', missing=None):
        self.delimiter = delimiter
        self.decimal = decimal
        self.dates = dates
        self.missing = list(DEFAULT_MISSING) if missing is None else missing

    def with_entry(self, entry):
        """§11 `files`: later entries override earlier ones, key by key.  DECISION: an
        entry may set delimiter, decimal, dates and missing (not files)."""
        return Dialect(entry.get('delimiter', self.delimiter), entry.get('decimal', self.decimal),
                       entry.get('dates', self.dates), entry.get('missing', self.missing))


def strip_percent(t):
    """§11: a trailing '%' (spaces allowed before it) is dropped.  DECISION: "spaces"
    are spaces and tabs, as everywhere in §4; U+00A0 before '%' is not."""
    if t.endswith('%'):
        return trim_blanks(t[:-1])
    return t


def parse_grouped(t, decimal):
    """§11 grouped thousands: `1,234,567.5` (decimal '.') or `1.234.567,5` (decimal ',').
    DECISION: no exponent on a grouped number; the fraction may be empty (`1,234.`)."""
    if decimal == '.':
        if not GROUPED_POINT_RE.match(t):
            return None
        plain = t.replace(',', '')
    else:
        if not GROUPED_COMMA_RE.match(t):
            return None
        plain = re.sub('[. \u00a0\u202f]', '', t).replace(',', '.')
    return parse_number(plain)


def parse_dialect_number(t, decimal):
    """§11: "anything else is a number as in §4, with the decimal mark replaced"."""
    if decimal == ',':
        if '.' in t:
            return None
        t = t.replace(',', '.')
    return parse_number(t)


MISSING = object()


def parse_value_cell(text, dialect):
    """A value cell → float, MISSING, or None when it is bad (§4, §9, §10, §11)."""
    t = trim_blanks(text)
    if t == '':
        return MISSING                                   # §4: empty, §9: only spaces
    if dialect is None:                                  # §11: without `csv`, §4 + durations
        v = parse_number(t)
        return v if v is not None else parse_duration(t)
    if t in dialect.missing:                             # DECISION: compared before '%' is dropped
        return MISSING
    # DECISION: '%' is dropped from any cell before the rest is read, so `6:30%` is 390.
    t = strip_percent(t)
    if t == '':
        return None
    for parse in (lambda: parse_grouped(t, dialect.decimal), lambda: parse_duration(t),
                  lambda: parse_dialect_number(t, dialect.decimal)):
        v = parse()
        if v is not None:
            return v
    return None


# --------------------------------------------------------------------------
# §11 `files` globs


def glob_regex(pattern):
    """§11: `*` within one folder name, `**/` zero or more whole folders, `?` one
    character other than '/'.  DECISION: nothing else is special (`[` is literal), `**`
    not followed by '/' is two `*`, and matching is case-sensitive on the whole path."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith('**/', i):
            out.append('(?:[^/]+/)*')
            i += 3
        elif pattern[i] == '*':
            out.append('[^/]*')
            i += 1
        elif pattern[i] == '?':
            out.append('[^/]')
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile(''.join(out) + r'\Z', re.S)


def glob_matches(pattern, path):
    return glob_regex(pattern).match(path) is not None


def dialect_for(csv_settings, path_under_metrics):
    """§11: the `csv` defaults, then every matching `files` entry in order (None: no `csv`)."""
    if csv_settings is None:
        return None
    d = csv_settings['defaults']
    for entry in csv_settings['files']:
        if glob_matches(entry['match'], path_under_metrics):
            d = d.with_entry(entry)
    return d


# --------------------------------------------------------------------------
# file discovery (symbolic links followed, loops are errors)


def walk_files(site, top, ext, diags):
    """All files under site/top ending in ext, as (abs_path, rel_to_top), sorted by name.
    DECISION (v1 docs): names starting with '.' are skipped everywhere."""
    out = []
    root = os.path.join(site, top)
    if not os.path.isdir(root):
        return out

    def visit(d, reld, ancestors):
        try:
            names = sorted(os.listdir(d))
        except OSError as e:
            diags.error(rel(site, d), 1, 1, "cannot read folder: %s" % e.strerror)
            return
        for name in names:
            if name.startswith('.'):
                continue
            p = os.path.join(d, name)
            r = (reld + '/' + name) if reld else name
            if not os.path.exists(p):
                diags.error(rel(site, p), 1, 1, "symbolic link that loops or points nowhere")
                continue
            if os.path.isdir(p):
                real = os.path.realpath(p)
                if real in ancestors:
                    diags.error(rel(site, p), 1, 1, "symbolic link loop")
                    continue
                visit(p, r, ancestors | {real})
            elif name.endswith(ext):
                out.append((p, r))

    visit(root, '', {os.path.realpath(root)})
    return out


def utf8_error_position(data, offset):
    """Line and column (Unicode scalars) of the byte at offset."""
    before = data[:offset]
    line = before.count(b'\n') + 1
    start = before.rfind(b'\n') + 1
    col = sum(1 for b in data[start:offset] if b & 0xC0 != 0x80) + 1
    return line, col


def read_text(site, path, diags):
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        diags.error(rel(site, path), 1, 1, "cannot read: %s" % e.strerror)
        return None
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        line, col = utf8_error_position(data, e.start)
        diags.error(rel(site, path), line, col, "not valid UTF-8")
        return None
    if text.startswith('\ufeff'):
        text = text[1:]
    return text


# --------------------------------------------------------------------------
# CSV records (§4 RFC 4180, §9, §11 delimiters), positions in Unicode scalars


def detect_delimiter(text):
    """§11 `delimiter: auto`: the one of ',' ';' and tab found most often in the header
    line outside quotes; ',' on a tie or when none occurs.  DECISION: the header line is
    the first line with characters (§9 skips empty lines); a quoted field may run on."""
    i = 0
    n = len(text)
    while i < n and (text[i] == '\n' or text.startswith('\r\n', i)):
        i += 1 if text[i] == '\n' else 2
    counts = {',': 0, ';': 0, '\t': 0}
    quoted = False
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch == '\n' or text.startswith('\r\n', i):
            break
        elif ch in counts:
            counts[ch] += 1
        i += 1
    # DECISION: "a tie" is any tie for the most (`;` and tab once each gives ',').
    best = max(counts.values())
    winners = [c for c, k in counts.items() if k == best]
    if best == 0 or len(winners) > 1:
        return ','
    return winners[0]


class CSVError(Exception):
    def __init__(self, line, col, msg):
        super().__init__(msg)
        self.line, self.col, self.msg = line, col, msg


def csv_records(text, delim):
    """Records as (line, [(cell_text, line, col)], end_line, end_col).

    §4/§9 with goalwall's documented choices (DECISION (v1 docs)): blanks (spaces, tabs
    that are not the delimiter) may surround a quoted field; any other character after
    a closing quote is an error there; an unterminated quote is an error where it
    opens; a line with no characters at all is skipped."""
    blanks = ' \t'.replace(delim, '')
    n = len(text)
    i = 0
    line, col = 1, 1
    records = []

    def at_line_end(k):
        return text[k] == '\n' or text.startswith('\r\n', k)

    while i < n:
        if at_line_end(i):
            i += 1 if text[i] == '\n' else 2
            line, col = line + 1, 1
            continue
        rec_line = line
        cells = []
        while True:
            c_line, c_col = line, col
            j = i
            while j < n and text[j] in blanks:
                j += 1
            if j < n and text[j] == '"':
                col += j - i
                i = j
                q_line, q_col = line, col
                i += 1
                col += 1
                buf = []
                closed = False
                while i < n:
                    ch = text[i]
                    if ch == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            buf.append('"')
                            i += 2
                            col += 2
                            continue
                        i += 1
                        col += 1
                        closed = True
                        break
                    buf.append(ch)
                    i += 1
                    if ch == '\n':
                        line, col = line + 1, 1
                    else:
                        col += 1
                if not closed:
                    raise CSVError(q_line, q_col, "unterminated quoted field")
                while i < n and text[i] in blanks:
                    i += 1
                    col += 1
                if i < n and text[i] != delim and not at_line_end(i):
                    raise CSVError(line, col, "unexpected character after a closing quote")
                cells.append((''.join(buf), c_line, c_col))
            else:
                j = i
                while j < n and text[j] != delim and not at_line_end(j):
                    j += 1
                cells.append((text[i:j], c_line, c_col))
                col += j - i
                i = j
            if i < n and text[i] == delim:
                i += 1
                col += 1
                continue
            records.append((rec_line, cells, line, col))
            if i < n:
                i += 1 if text[i] == '\n' else 2
                line, col = line + 1, 1
            break
    return records


class Series:
    """A metric CSV as loaded: value columns over dated rows (§4)."""

    def __init__(self, name, relpath):
        self.name = name          # FILE (path under content/metrics, no .csv)
        self.relpath = relpath    # path relative to the site
        self.headers = []         # value column names (trimmed), header order
        self.rows = []            # (date, instant_ns, file_index, [value or None]) sorted
        self.unreadable = False   # could not be read as a CSV at all (its error says why)

    def column(self, name):
        return self.headers.index(name) if name in self.headers else None


def check_header(s, header_cells, diags):
    """§4/§9: names trimmed; an empty value-column name and a repeated name (the date
    column's included, DECISION (v1 docs)) are errors at the cell."""
    names = [trim_blanks(c[0]) for c in header_cells]
    seen = {names[0]}
    for name, cell in zip(names[1:], header_cells[1:]):
        if name == '':
            diags.error(s.relpath, cell[1], cell[2], "empty column name in the header")
        elif name in seen:
            diags.error(s.relpath, cell[1], cell[2], "duplicate column name \"%s\"" % name)
        seen.add(name)
    s.headers = names[1:]
    if not s.headers:
        diags.warning(s.relpath, 1, 1, "no value columns")


def read_row(s, rec, ncols, dialect, index, diags):
    """One data row → (date, instant, index, values) or None; errors at the cell (§4, §11)."""
    row_line, cells, end_line, end_col = rec
    if len(cells) != ncols:
        # DECISION (v1 docs): too many cells: where the first extra one starts; too few:
        # the end of the row, where the missing cell would go.
        if len(cells) > ncols:
            l, c = cells[ncols][1], cells[ncols][2]
        else:
            l, c = end_line, end_col
        diags.error(s.relpath, l, c, "row has %d cells, the header has %d" % (len(cells), ncols))
        return None
    dtext, dl, dc = cells[0]
    dtext = trim_blanks(dtext)
    if dtext == '':
        diags.error(s.relpath, dl, dc, "empty date cell")
        return None
    parsed = parse_date_cell(dtext, dialect)
    if parsed is None:
        diags.error(s.relpath, dl, dc, "bad date \"%s\"" % dtext)
        return None
    values = []
    for text, l, c in cells[1:]:
        v = parse_value_cell(text, dialect)
        if v is MISSING:
            values.append(None)
        elif v is None:
            # §11: a bad cell is an error at its line and the column of its first character
            diags.error(s.relpath, l, c, "bad number \"%s\"" % trim_blanks(text))
            values.append(None)                # DECISION (v1): the row is kept, cell missing
        else:
            values.append(v)
    return (parsed[0], parsed[1], index, values)


def load_series(site, path, reltop, dialect, diags):
    """§4/§9/§11: read one CSV.  A file that cannot be split into records has no columns
    and is unreadable (DECISION (goalwall): goals naming it add no error of their own;
    the file's error says what is wrong)."""
    s = Series(reltop[:-4], rel(site, path))
    s.unreadable = True
    text = read_text(site, path, diags)
    if text is None:
        return s
    if text == '':
        diags.error(s.relpath, 1, 1, "empty file: a metric CSV needs a header row")
        return s
    delim = ','
    if dialect is not None:
        delim = detect_delimiter(text) if dialect.delimiter == 'auto' else dialect.delimiter
    try:
        records = csv_records(text, delim)
    except CSVError as e:
        diags.error(s.relpath, e.line, e.col, e.msg)
        return s
    if not records:
        diags.error(s.relpath, 1, 1, "no header row")
        return s
    s.unreadable = False
    check_header(s, records[0][1], diags)
    ncols = len(records[0][1])
    rows = []
    # DECISION (goalwall, "8 million bad cells print 8 million lines"): a file's first
    # 1,000 row and cell errors are listed, then one error counts the rest, at the first
    # unlisted one.
    row_diags = Diagnostics()
    for rec in records[1:]:
        row = read_row(s, rec, ncols, dialect, len(rows), row_diags)
        if row is not None:
            rows.append(row)
    diags.errors.extend(row_diags.errors[:1000])
    diags.warnings.extend(row_diags.warnings)
    if len(row_diags.errors) > 1000:
        path_, line, col, _ = row_diags.errors[1000]
        more = len(row_diags.errors) - 1000
        diags.error(path_, line, col, "%d more errors in this file" % more)
    rows.sort(key=lambda r: (r[1], r[2]))       # §9: by instant, ties in file order
    s.rows = rows
    return s


# --------------------------------------------------------------------------
# periods and rollups (§3, §9)


def period_bounds(d, period):
    """First and last day of the period holding d (§3: ISO week from Monday, month)."""
    if period == 'week':
        first = d - dt.timedelta(days=d.weekday())
        try:
            return first, first + dt.timedelta(days=6)
        except OverflowError:
            return first, dt.date.max
    if period == 'month':
        first = d.replace(day=1)
        if d.month == 12:
            nxt = dt.date(d.year + 1, 1, 1) if d.year < 9999 else None
        else:
            nxt = dt.date(d.year, d.month + 1, 1)
        last = (nxt - dt.timedelta(days=1)) if nxt else dt.date(9999, 12, 31)
        return first, last
    return d, d


def complete_periods(series, period, as_of):
    """§9: rows after A dropped first; only periods whose last day is ≤ A count.
    Returns {first day: [row values lists in sorted order]}."""
    groups = {}
    for (d, _inst, _idx, values) in series.rows:
        if d > as_of:
            continue
        first, last = period_bounds(d, period)
        if last > as_of:
            continue
        groups.setdefault(first, []).append(values)
    return groups


def exact_sum(vals):
    try:
        return math.fsum(vals)
    except OverflowError:
        return None


def roll_up(vals, how):
    """§3 rollup over a period's non-empty cells (in sorted order); None when there is
    none.  DECISION (v1 docs): an all-empty period has no value, also with `count`; a sum
    beyond Double's range has none; a mean is computed so that it stays in range."""
    if not vals:
        return None
    if how == 'last':
        return vals[-1]
    if how == 'min':
        return min(vals)
    if how == 'max':
        return max(vals)
    if how == 'count':
        return float(len(vals))
    total = exact_sum(vals)
    if how == 'sum':
        if total is None or not math.isfinite(total):
            return None
        return total
    # mean
    if total is None or not math.isfinite(total):
        return float(sum(Fraction(v) for v in vals) / len(vals))
    return total / len(vals)


# --------------------------------------------------------------------------
# §10 computed metrics: formulas


IDENT_RE = re.compile(r'[A-Za-z_][A-Za-z0-9_]*')
FORMULA_NUMBER_RE = re.compile(r'(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?')
# DECISION: spaces, tabs and line breaks (a folded YAML block) separate tokens.
FORMULA_SPACE = ' \t\r\n'
DIGITS = '0123456789'


class FormulaError(Exception):
    pass


def tokenize_formula(text):
    """§10 EXPR tokens: decimal numbers, column names (`[A-Za-z_][A-Za-z0-9_]*` as is,
    else in backquotes), + - * / ( ).  DECISION: a number is a §4 decimal without sign
    (exponent allowed) that must not run into a letter, digit, '_' or '.'; a number
    beyond Double's range is malformed; backquoted names are taken as written (not
    trimmed) and may not be empty or hold a backquote."""
    tokens = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in FORMULA_SPACE:
            i += 1
        elif ch in '+-*/()':
            tokens.append(('op', ch))
            i += 1
        elif ch == '`':
            j = text.find('`', i + 1)
            if j < 0:
                raise FormulaError("a backquoted column name is not closed")
            name = text[i + 1:j]
            if name == '':
                raise FormulaError("an empty column name ``")
            tokens.append(('col', name))
            i = j + 1
        elif ch in DIGITS or (ch == '.' and i + 1 < n and text[i + 1] in DIGITS):
            m = FORMULA_NUMBER_RE.match(text, i)
            end = m.end()
            if end < n and (text[end].isalnum() or text[end] in '_.'):
                raise FormulaError("malformed number \"%s\"" % text[i:end + 1])
            v = float(m.group(0))
            if not math.isfinite(v):
                raise FormulaError("number %s is beyond the range of numbers" % m.group(0))
            tokens.append(('num', v))
            i = end
        elif IDENT_RE.match(text, i):
            m = IDENT_RE.match(text, i)
            tokens.append(('col', m.group(0)))
            i = m.end()
        else:
            raise FormulaError("unexpected character \"%s\"" % ch)
    return tokens


def parse_formula(text):
    """§10 precedence: unary minus binds tighter than * /, which bind tighter than + -,
    each left to right.  Returns a tree: ('num', v) | ('col', name) | ('neg', t) |
    (op, left, right).  DECISION: unary '+' is not part of EXPR (malformed); repeated
    unary minus (`--a`) and a minus after an operator (`a * -b`) are allowed."""
    tokens = tokenize_formula(text)
    if not tokens:
        raise FormulaError("the formula is empty")
    pos_ = [0]

    def peek():
        return tokens[pos_[0]] if pos_[0] < len(tokens) else None

    def take():
        t = tokens[pos_[0]]
        pos_[0] += 1
        return t

    def expr():
        left = term()
        while peek() in (('op', '+'), ('op', '-')):
            op = take()[1]
            left = (op, left, term())
        return left

    def term():
        left = unary()
        while peek() in (('op', '*'), ('op', '/')):
            op = take()[1]
            left = (op, left, unary())
        return left

    def unary():
        if peek() == ('op', '-'):
            take()
            return ('neg', unary())
        return primary()

    def primary():
        t = peek()
        if t is None:
            raise FormulaError("the formula ends where a value is expected")
        if t[0] in ('num', 'col'):
            return take()
        if t == ('op', '('):
            take()
            inner = expr()
            if peek() != ('op', ')'):
                raise FormulaError("a '(' is not closed")
            take()
            return inner
        raise FormulaError("\"%s\" where a value is expected" % t[1])

    tree = expr()
    if peek() is not None:
        raise FormulaError("\"%s\" after a complete expression" % str(peek()[1]))
    return tree


def formula_columns(tree, out=None):
    """The column names a formula uses, in first-use order."""
    if out is None:
        out = []
    if tree[0] == 'col':
        if tree[1] not in out:
            out.append(tree[1])
    elif tree[0] == 'neg':
        formula_columns(tree[1], out)
    elif tree[0] in '+-*/':
        formula_columns(tree[1], out)
        formula_columns(tree[2], out)
    return out


def evaluate_formula(tree, values):
    """§10: EXPR on a period's rolled-up values; None for division by zero or any result
    beyond Double's range."""
    kind = tree[0]
    if kind == 'num':
        return tree[1]
    if kind == 'col':
        return values[tree[1]]
    if kind == 'neg':
        v = evaluate_formula(tree[1], values)
        return None if v is None else -v
    a = evaluate_formula(tree[1], values)
    if a is None:
        return None
    b = evaluate_formula(tree[2], values)
    if b is None:
        return None
    if kind == '+':
        r = a + b
    elif kind == '-':
        r = a - b
    elif kind == '*':
        r = a * b
    else:
        if b == 0:
            return None
        try:
            r = a / b
        except OverflowError:
            return None
    return r if math.isfinite(r) else None


# --------------------------------------------------------------------------
# a goal's points (§3, §9, §10)


class MetricSource:
    """What a goal measures: one column of a series, or a formula over its columns."""

    def __init__(self, series, column=None, formula=None):
        self.series = series
        self.column = column          # column name (plain metric)
        self.formula = formula        # parsed tree (computed metric)

    def columns(self):
        return [self.column] if self.formula is None else formula_columns(self.formula)

    def value(self, rows, rollup, zero_when_empty=False):
        """The period's value from its rows; §10: each named column rolled up over the
        period's rows (empty cells skipped), then EXPR evaluated (a ratio of sums).
        zero_when_empty: §10 maintain with sum/count, a column with no value counts 0.
        A period without rows has no point (§10: "with the other rollups a period without
        a point has no value"), also for a formula that names no column."""
        if not rows and not zero_when_empty:
            return None
        rolled = {}
        for name in self.columns():
            k = self.series.column(name)
            v = roll_up([r[k] for r in rows if r[k] is not None], rollup)
            if v is None:
                if not zero_when_empty:
                    return None
                v = 0.0
            rolled[name] = v
        if self.formula is None:
            return rolled[self.column]
        return evaluate_formula(self.formula, rolled)


def goal_points(source, period, rollup, as_of):
    """Complete, rolled-up points [(first day, value)] sorted by date (§9).
    DECISION: a period with rows gets a point when its value exists; a formula naming no
    column gets a point for every period that has a row."""
    groups = complete_periods(source.series, period, as_of)
    points = []
    for first in sorted(groups):
        v = source.value(groups[first], rollup)
        if v is not None:
            points.append((first, v))
    return points


# --------------------------------------------------------------------------
# Markdown: a small CommonMark-like block parser


QUOTE_RE = re.compile(r'^ {0,3}> ?')
LIST_RE = re.compile(r'^( {0,3})([-+*]|(\d{1,9})[.)])(?= |$)')
ATX_RE = re.compile(r'^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$')
FENCE_RE = re.compile(r'^( {0,3})(`{3,}|~{3,})(.*)$')
SETEXT_RE = re.compile(r'^ {0,3}(=+|-+)[ \t]*$')
THEMATIC_RE = re.compile(r'^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$')
TASK_RE = re.compile(r'^\[([ xX])\](?:$|[ \t\n])')


def expand_leading_tabs(line):
    m = re.match(r'^[ \t>]*', line)
    lead = m.group(0)
    if '\t' not in lead:
        return line
    out = []
    colno = 0
    for ch in lead:
        if ch == '\t':
            w = 4 - (colno % 4)
            out.append(' ' * w)
            colno += w
        else:
            out.append(ch)
            colno += 1
    return ''.join(out) + line[len(lead):]


def indent_of(s):
    return len(s) - len(s.lstrip(' '))


def is_blank(s):
    return s.strip(' \t') == ''


class _Para:
    def __init__(self, line, item):
        self.lines = []
        self.start = line
        self.item = item    # the list item whose first block this paragraph is


class MarkdownScan:
    """Finds headings (level, text, line) and tasks (done flag) in a body."""

    def __init__(self):
        self.stack = []       # containers: {'kind': 'quote'} / {'kind': 'item', 'indent': n, 'first': None}
        self.leaf = None      # None, _Para, ('fence', ch, n), ('icode',)
        self.headings = []
        self.tasks = []

    # -- helpers
    def _close_para(self):
        p = self.leaf
        if isinstance(p, _Para):
            if p.item is not None:
                text = '\n'.join(p.lines).strip()
                m = TASK_RE.match(text)
                if m:
                    self.tasks.append(m.group(1) in 'xX')
        self.leaf = None

    def _mark_first(self, kind):
        if self.stack and self.stack[-1]['kind'] == 'item' and self.stack[-1]['first'] is None:
            self.stack[-1]['first'] = kind
            return self.stack[-1]
        return None

    def _starts_block(self, rest):
        if ATX_RE.match(rest) or FENCE_RE.match(rest) or THEMATIC_RE.match(rest):
            return True
        if indent_of(rest) < 4 and QUOTE_RE.match(rest):
            return True
        m = LIST_RE.match(rest)
        if m:
            after = rest[m.end():]
            if is_blank(after):
                return False
            if m.group(3) is not None and int(m.group(3)) != 1:
                return False
            return True
        return False

    # -- main
    def feed(self, raw, lineno):
        line = expand_leading_tabs(raw)
        rest = line
        matched = 0
        for c in self.stack:
            if c['kind'] == 'quote':
                m = QUOTE_RE.match(rest)
                if not m:
                    break
                rest = rest[m.end():]
            else:
                if is_blank(rest):
                    rest = ''
                elif indent_of(rest) >= c['indent']:
                    rest = rest[c['indent']:]
                else:
                    break
            matched += 1
        all_matched = matched == len(self.stack)

        leaf = self.leaf
        if isinstance(leaf, tuple) and leaf[0] == 'fence':
            if all_matched:
                m = re.match(r'^ {0,3}(`+|~+)[ \t]*$', rest)
                if m and m.group(1)[0] == leaf[1] and len(m.group(1)) >= leaf[2]:
                    self.leaf = None
                return
            self.leaf = None
        elif isinstance(leaf, tuple) and leaf[0] == 'icode':
            if all_matched and (is_blank(rest) or indent_of(rest) >= 4):
                return
            self.leaf = None

        opened = False

        def close_unmatched():
            nonlocal all_matched
            if not all_matched:
                self._close_para()
                del self.stack[matched:]
                all_matched = True

        while True:
            if indent_of(rest) >= 4:
                break
            para_open = isinstance(self.leaf, _Para)
            if para_open and all_matched and not opened and SETEXT_RE.match(rest):
                break
            if THEMATIC_RE.match(rest):
                break
            m = QUOTE_RE.match(rest)
            if m:
                close_unmatched()
                self._close_para()
                self._mark_first('container')
                self.stack.append({'kind': 'quote'})
                matched = len(self.stack)
                rest = rest[m.end():]
                opened = True
                continue
            m = LIST_RE.match(rest)
            if m:
                marker_end = m.end()
                after = rest[marker_end:]
                blank_content = is_blank(after)
                ordered = m.group(3) is not None
                interrupting = para_open and all_matched and not opened
                if interrupting and (blank_content or (ordered and int(m.group(3)) != 1)):
                    break
                close_unmatched()
                self._close_para()
                spaces = indent_of(after)
                if blank_content:
                    ind = marker_end + 1
                    rest = ''
                elif spaces >= 5:
                    ind = marker_end + 1
                    rest = rest[ind:]
                else:
                    ind = marker_end + spaces
                    rest = rest[ind:]
                self._mark_first('container')
                self.stack.append({'kind': 'item', 'indent': ind, 'first': None})
                matched = len(self.stack)
                opened = True
                continue
            break

        if not all_matched and not opened:
            if isinstance(self.leaf, _Para) and not is_blank(rest) and not self._starts_block(rest):
                self.leaf.lines.append(rest.strip())      # lazy continuation
                return
            close_unmatched()

        # leaf blocks
        if is_blank(rest):
            self._close_para()
            return
        ind = indent_of(rest)
        if isinstance(self.leaf, _Para) and ind >= 4:
            self.leaf.lines.append(rest.strip())
            return
        if ind >= 4:
            self._close_para()
            self._mark_first('code')
            self.leaf = ('icode',)
            return
        m = FENCE_RE.match(rest)
        if m and not (m.group(2)[0] == '`' and '`' in m.group(3)):
            self._close_para()
            self._mark_first('code')
            self.leaf = ('fence', m.group(2)[0], len(m.group(2)))
            return
        m = ATX_RE.match(rest)
        if m:
            self._close_para()
            self._mark_first('heading')
            content = m.group(2)
            content = re.sub(r'(?:^|[ \t]+)#+[ \t]*$', '', content.strip(' \t'))
            self.headings.append((len(m.group(1)), content.strip(' \t'), lineno))
            return
        if isinstance(self.leaf, _Para) and SETEXT_RE.match(rest):
            p = self.leaf
            level = 1 if rest.strip()[0] == '=' else 2
            self.headings.append((level, '\n'.join(p.lines).strip(), p.start))
            self.leaf = None          # a heading, not a paragraph: no task
            return
        if THEMATIC_RE.match(rest):
            self._close_para()
            self._mark_first('break')
            return
        if isinstance(self.leaf, _Para):
            self.leaf.lines.append(rest.strip())
            return
        item = self._mark_first('para')
        self.leaf = _Para(lineno, item)
        self.leaf.lines.append(rest.strip())

    def finish(self):
        self._close_para()


_CODE_SPAN_RE = re.compile(r'(`+)(.+?)(?<!`)\1(?!`)', re.S)
_ENTITY_RE = re.compile(r'&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});')


def inline_plain(s):
    """Rough plain text of inline Markdown (escapes, code, links, emphasis, entities)."""
    protected = []

    def protect(text):
        protected.append(text)
        return '\x00%d\x00' % (len(protected) - 1)

    def code(m):
        c = m.group(2).replace('\n', ' ')
        if len(c) >= 2 and c[0] == ' ' and c[-1] == ' ' and c.strip(' '):
            c = c[1:-1]
        return protect(c)

    s = _CODE_SPAN_RE.sub(code, s)
    s = re.sub(r'\\([!-/:-@\[-`{-~])', lambda m: protect(m.group(1)), s)
    s = re.sub(r'<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>', lambda m: protect(m.group(1)), s)
    s = re.sub(r'<([A-Za-z0-9.!#$%&\'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+)>', lambda m: protect(m.group(1)), s)
    s = re.sub(r'</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>', '', s)
    s = re.sub(r'<!--.*?-->', '', s, flags=re.S)
    for _ in range(5):
        s2 = re.sub(r'!\[([^\[\]]*)\]\([^()\s]*(?:\s+"[^"]*")?\)', r'\1', s)
        s2 = re.sub(r'\[([^\[\]]*)\]\([^()\s]*(?:\s+"[^"]*")?\)', r'\1', s2)
        if s2 == s:
            break
        s = s2
    for _ in range(5):
        s2 = re.sub(r'(\*\*|\*)(?=\S)(.+?)(?<=\S)\1', r'\2', s, flags=re.S)
        s2 = re.sub(r'(?<![A-Za-z0-9])(__|_)(?=\S)(.+?)(?<=\S)\1(?![A-Za-z0-9])', r'\2', s2,
                    flags=re.S)
        if s2 == s:
            break
        s = s2
    s = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), s)
    s = re.sub(r'(?: {2,}|\\)\n', '\n', s)
    s = re.sub(r'[ \t]*\n[ \t]*', ' ', s)      # softbreak rendered as a space
    s = re.sub(r'\x00(\d+)\x00', lambda m: protected[int(m.group(1))], s)
    return s


CHECKIN_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})(?=$|[ \-\u2013\u2014:])')


def scan_body(body_lines, first_lineno, relpath, diags):
    """Return (checkins [(date, title, order)], tasks_done, tasks_total)."""
    sc = MarkdownScan()
    for k, raw in enumerate(body_lines):
        sc.feed(raw, first_lineno + k)
    sc.finish()
    checkins = []
    for order, (level, text, lineno) in enumerate(sc.headings):
        if level != 2:
            continue
        plain = inline_plain(text)
        m = CHECKIN_RE.match(plain)
        if not m:
            continue
        try:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            diags.warning(relpath, lineno, 1,
                          "\"%s\" is not a date: the heading is not a check-in" % m.group(0))
            continue
        title = plain[m.end():].lstrip(' ')
        if title and title[0] in '-\u2013\u2014:':
            title = title[1:]
        title = title.strip()
        checkins.append((d, title, order))
    done = sum(1 for t in sc.tasks if t)
    return checkins, done, len(sc.tasks)



# --------------------------------------------------------------------------
# YAML helpers (raw scalars via yaml.compose)


def compose_yaml(text, relpath, line_offset, diags):
    # A front matter ends with a line break, so an error at its end is placed, as libyaml
    # places it, at the start of the next line.
    if not text.endswith('\n'):
        text += '\n'
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), True
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
        col = (mark.column + 1) if mark else 1
        diags.error(relpath, line, col, "YAML: %s" % (e.problem or e.context or "syntax error"))
        return None, False
    except yaml.YAMLError as e:
        diags.error(relpath, 1 + line_offset, 1, "YAML: %s" % e)
        return None, False


def pos(node, line_offset):
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


def is_null_scalar(node):
    """§9 (v1 docs): an empty plain value, `~` or `null` means "not given"."""
    return (isinstance(node, yaml.ScalarNode) and node.style is None
            and node.value in ('', '~', 'null', 'Null', 'NULL'))


def mapping_items(node, relpath, off, diags, what):
    """Ordered list of (key, key_node, value_node); a repeated key is an error at it."""
    out = []
    seen = set()
    if not isinstance(node, yaml.MappingNode):
        l, c = pos(node, off)
        diags.error(relpath, l, c, "%s must be a mapping" % what)
        return None
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            l, c = pos(k, off)
            diags.error(relpath, l, c, "keys must be plain strings")
            continue
        if k.value in seen:
            l, c = pos(k, off)
            diags.error(relpath, l, c, "duplicate key \"%s\"" % k.value)
            continue
        seen.add(k.value)
        out.append((k.value, k, v))
    return out


class Reader:
    """Typed access to YAML values; a problem with a value is reported at the value."""

    def __init__(self, relpath, off, diags):
        self.relpath, self.off, self.diags = relpath, off, diags

    def err(self, node, msg):
        l, c = pos(node, self.off)
        self.diags.error(self.relpath, l, c, msg)

    def warn(self, node, msg):
        l, c = pos(node, self.off)
        self.diags.warning(self.relpath, l, c, msg)

    def string(self, node, key):
        if not isinstance(node, yaml.ScalarNode):
            self.err(node, "%s must be a string" % key)
            return None
        return node.value

    def number(self, node, key):
        """DECISION (v1 docs): front-matter numbers are plain (unquoted) decimals."""
        if isinstance(node, yaml.ScalarNode) and node.style is None:
            v = parse_number(node.value)
            if v is not None:
                return v
        self.err(node, "%s must be a number" % key)
        return None

    def date(self, node, key):
        if isinstance(node, yaml.ScalarNode):
            d = parse_date(node.value)
            if d is not None:
                return d
        self.err(node, "%s must be a date YYYY-MM-DD" % key)
        return None

    def integer(self, node, key):
        if isinstance(node, yaml.ScalarNode) and node.style is None and re.match(r'^\+?\d+$', node.value):
            return int(node.value)
        self.err(node, "%s must be a whole number >= 0" % key)
        return None

    def choice(self, node, key, allowed):
        """DECISION (v1 docs): keywords are exact lower-case words."""
        s = self.string(node, key)
        if s is None:
            return None
        if s not in allowed:
            self.err(node, "%s must be one of %s%s" % (key, ", ".join(allowed), suggest(s.lower(), allowed)))
            return None
        return s

    def string_list(self, node, key):
        if not isinstance(node, yaml.SequenceNode):
            self.err(node, "%s must be a list of strings" % key)
            return None
        out = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                self.err(item, "each item of %s must be a single value" % key)
                continue
            out.append(item.value)
        return out


# --------------------------------------------------------------------------
# goalwall.yml (§2, §11)

SETTINGS_KEYS = ['title', 'vision', 'values', 'as_of', 'base_url', 'refresh_seconds',
                 'rotate_seconds', 'tolerance', 'theme', 'csv']
CSV_KEYS = ['delimiter', 'decimal', 'dates', 'missing', 'files']
CSV_ENTRY_KEYS = ['match', 'delimiter', 'decimal', 'dates', 'missing']
CSV_CHOICES = {'delimiter': ['auto', ',', ';', '\t'], 'decimal': ['.', ','],
               'dates': ['iso', 'dmy', 'mdy']}


def read_tolerance(r, node, key='tolerance'):
    """§2/§10: a number in [0, 1]."""
    t = r.number(node, key)
    if t is None:
        return None
    if not 0 <= t <= 1:
        r.err(node, "%s must be between 0 and 1" % key)
        return None
    return t


def read_csv_choice(r, key, node):
    """§11 delimiter/decimal/dates: an unknown value is an error at the value.
    DECISION: delimiter `\\t` written without YAML's double quotes (two characters: a
    backslash and t) also means tab; keywords are exact lower-case words."""
    if not isinstance(node, yaml.ScalarNode):
        r.err(node, "csv %s must be one of %s" % (key, ", ".join(repr(c) for c in CSV_CHOICES[key])))
        return None
    v = node.value
    if key == 'delimiter' and v == '\\t':
        v = '\t'
    if v not in CSV_CHOICES[key]:
        r.err(node, "csv %s must be one of %s" % (key, ", ".join(repr(c) for c in CSV_CHOICES[key])))
        return None
    return v


def read_csv_mapping(r, node, known, what):
    """The keys of `csv` or of one `files` entry: §11, an unknown key or value is an error
    at its line (stricter than §2's warnings).  DECISION: a null value (`~`, empty) is a
    key left out; `missing` items are taken as written."""
    items = mapping_items(node, r.relpath, r.off, r.diags, what)
    if items is None:
        return None
    out = {}
    for key, knode, v in items:
        if key not in known:
            r.err(knode, "unknown key \"%s\" in %s%s" % (key, what, suggest(key, known)))
            continue
        if is_null_scalar(v):
            continue
        if key in CSV_CHOICES:
            c = read_csv_choice(r, key, v)
            if c is not None:
                out[key] = c
        elif key == 'missing':
            if not isinstance(v, yaml.SequenceNode):
                r.err(v, "csv missing must be a list of cell texts")
                continue
            texts = []
            for item in v.value:
                if isinstance(item, yaml.ScalarNode):
                    texts.append(item.value)
                else:
                    r.err(item, "each item of csv missing must be a single value")
            out['missing'] = texts
        elif key == 'match':
            if isinstance(v, yaml.ScalarNode):
                out['match'] = v.value
            else:
                r.err(v, "match must be a glob like \"exports/*.csv\"")
        elif key == 'files':
            out['files'] = read_csv_files(r, v)
    return out


def read_csv_files(r, node):
    """§11 `files`: a list of entries, each with `match`; one without is an error at it."""
    if not isinstance(node, yaml.SequenceNode):
        r.err(node, "csv files must be a list of { match: GLOB, ... }")
        return []
    entries = []
    for item in node.value:
        entry = read_csv_mapping(r, item, CSV_ENTRY_KEYS, "a csv files entry")
        if entry is None:
            continue
        has_match = isinstance(item, yaml.MappingNode) and any(
            isinstance(k, yaml.ScalarNode) and k.value == 'match' and not is_null_scalar(v)
            for k, v in item.value)
        if not has_match:
            r.err(item, "a csv files entry needs match")
            continue
        if 'match' in entry:
            entries.append(entry)
    return entries


def read_csv_settings(r, node):
    """§11 `csv`: None without it (§4 holds exactly), else defaults and `files`."""
    if is_null_scalar(node):
        return None                                  # DECISION: `csv: ~` is no csv key
    m = read_csv_mapping(r, node, CSV_KEYS, "csv")
    if m is None:
        return None
    defaults = Dialect(m.get('delimiter', 'auto'), m.get('decimal', '.'), m.get('dates', 'iso'),
                       m.get('missing'))
    return {'defaults': defaults, 'files': m.get('files', [])}


def load_settings(site, diags):
    settings = {'title': 'Goals', 'as_of': None, 'tolerance': 0.10, 'csv': None}
    path = os.path.join(site, 'goalwall.yml')
    if not os.path.exists(path):
        return settings
    text = read_text(site, path, diags)
    if text is None:
        return settings
    relpath = 'goalwall.yml'
    root, ok = compose_yaml(text, relpath, 0, diags)
    if not ok or root is None or is_null_scalar(root):
        return settings
    items = mapping_items(root, relpath, 0, diags, "goalwall.yml")
    if items is None:
        return settings
    r = Reader(relpath, 0, diags)
    for key, knode, v in items:
        if key not in SETTINGS_KEYS:
            r.warn(knode, "unknown key \"%s\"%s" % (key, suggest(key, SETTINGS_KEYS)))
            continue
        if key == 'csv':
            settings['csv'] = read_csv_settings(r, v)
            continue
        if is_null_scalar(v):
            continue
        if key in ('title', 'vision', 'base_url'):
            s = r.string(v, key)
            if s is not None and key == 'title':
                settings['title'] = s
        elif key == 'values':
            r.string_list(v, key)
        elif key == 'as_of':
            settings['as_of'] = r.date(v, key)
        elif key in ('refresh_seconds', 'rotate_seconds'):
            r.integer(v, key)
        elif key == 'tolerance':
            t = read_tolerance(r, v)
            if t is not None:
                settings['tolerance'] = t
        elif key == 'theme':
            r.choice(v, key, ['auto', 'dark', 'light'])
    return settings


# --------------------------------------------------------------------------
# goals (§3, §9, §10)

GOAL_KEYS = ['title', 'slug', 'owner', 'team', 'metric', 'unit', 'baseline', 'target',
             'direction', 'start', 'due', 'milestones', 'parent', 'review', 'rollup',
             'period', 'state', 'tags', 'kind', 'hold', 'tolerance', 'format']
CADENCES = {'weekly': 7, 'biweekly': 14, 'monthly': 31, 'quarterly': 92}


class Goal:
    """A goal as read from its file; `usable` goals take part in the wall."""
    pass


class Target:
    """A target as written: a number (a duration already in seconds) or ±N% (§10)."""

    def __init__(self, number=None, percent=None):
        self.number = number
        self.percent = percent

    def resolve(self, baseline):
        """§10: ±N% is baseline × (1 + N/100), known once the baseline is."""
        if self.percent is None:
            return self.number
        if baseline is None:
            return None
        return baseline * (1 + self.percent / 100)


def split_front_matter(text):
    """Return (fm_text, fm_first_line_index0, body_lines, body_first_lineno), None when
    the file has no front matter, 'unclosed' when it is never closed."""
    lines = text.split('\n')
    lines = [l[:-1] if l.endswith('\r') else l for l in lines]
    if not lines or lines[0].rstrip(' \t') != '---':
        return None
    for k in range(1, len(lines)):
        if lines[k].rstrip(' \t') == '---' and lines[k].startswith('---'):
            fm = '\n'.join(lines[1:k])
            return fm, 1, lines[k + 1:], k + 2
    return 'unclosed'


def read_target(r, node, what):
    """§3/§10 target: a plain number, `±N%`, or a duration `H:MM:SS`/`M:SS` (seconds).
    An unsigned `80%` is an error suggesting `80` or `+80%`.  DECISION: the relative
    and duration forms may be quoted or not (YAML 1.1's sexagesimal `6:30` is the same
    390); a quoted plain number stays an error (v1 docs)."""
    if not isinstance(node, yaml.ScalarNode):
        r.err(node, "%s must be a number, +N%%/-N%% or a duration like \"6:30\"" % what)
        return None
    if node.style is None:
        v = parse_number(node.value)
        if v is not None:
            return Target(number=v)
    t = trim_blanks(node.value)
    m = RELATIVE_RE.match(t)
    if m:
        n = float(m.group(2))
        return Target(percent=-n if m.group(1) == '-' else n)
    d = parse_duration(t)
    if d is not None:
        return Target(number=d)
    m = UNSIGNED_PERCENT_RE.match(t)
    if m:
        r.err(node, "%s %s has no sign: write %s for the value or +%s for a change from the baseline"
              % (what, t, m.group(1), t))
        return None
    r.err(node, "%s must be a number, +N%%/-N%% or a duration like \"6:30\"" % what)
    return None


def read_window(r, node):
    """§10 `baseline: {from: DATE, to: DATE}`; from > to is an error.  DECISION: at the
    `to` date (as due ≤ start is reported at due); a missing from/to is an error at the
    mapping; unknown keys are warnings; a window with an error is as if not given."""
    items = mapping_items(node, r.relpath, r.off, r.diags, "baseline")
    if items is None:
        return None
    given = {}
    for key, knode, v in items:
        if key not in ('from', 'to'):
            r.warn(knode, "unknown key \"%s\" in baseline%s" % (key, suggest(key, ['from', 'to'])))
            continue
        if not is_null_scalar(v):
            given[key] = v
    ok = True
    for key in ('from', 'to'):
        if key not in given:
            r.err(node, "a baseline window needs %s" % key)
            ok = False
    if not ok:
        return None
    lo = r.date(given['from'], 'baseline from')
    hi = r.date(given['to'], 'baseline to')
    if lo is None or hi is None:
        return None
    if lo > hi:
        r.err(given['to'], "the baseline window ends (%s) before it starts (%s)" % (hi, lo))
        return None
    return (lo, hi)


def read_metric(g, r, node, key_pos, series_by_name):
    """§3/§9 `metric:` (string or {file, column}) and §10 {file, formula}.  Sets
    g.metric_text and returns a MetricSource, or None (errors reported).  Resolution
    errors of the v1 forms are at the metric's value (v1); §10's formula errors "at the
    metric line": DECISION: at the `metric:` key, the one place on that line in both
    YAML styles."""
    def err_at_key(msg):
        r.diags.error(r.relpath, key_pos[0], key_pos[1], msg)

    if isinstance(node, yaml.ScalarNode):
        g.metric_text = node.value
        return resolve_metric_string(r, node, series_by_name)
    if not isinstance(node, yaml.MappingNode):
        r.err(node, "metric must be FILE.COLUMN, {file, column} or {file, formula}")
        return None
    items = mapping_items(node, r.relpath, r.off, r.diags, "metric") or []
    f = col = formula = None
    formula_node = None
    for key, knode, v in items:
        if key == 'file':
            f = None if is_null_scalar(v) else r.string(v, 'metric file')
        elif key == 'column':
            col = None if is_null_scalar(v) else r.string(v, 'metric column')
        elif key == 'formula':
            formula_node = None if is_null_scalar(v) else v   # DECISION: null = not given
        else:
            r.warn(knode, "unknown key \"%s\" in metric%s"
                   % (key, suggest(key, ['file', 'column', 'formula'])))
    if f is None:
        r.err(node, "the mapping form of metric needs file")
        return None
    if formula_node is not None:
        if not isinstance(formula_node, yaml.ScalarNode):
            err_at_key("formula must be a string like \"100 * resolved_first / resolved\"")
            return None
        formula = formula_node.value
        g.metric_text = "%s: %s" % (f, formula)           # §10: `F: EXPR`, EXPR as written
        if col is not None:
            err_at_key("metric has both column and formula: give one")
            return None
    else:
        g.metric_text = f if col is None else f + '.' + col
    s = series_by_name.get(f)
    if s is None:
        r.err(node, "no metric file content/metrics/%s.csv" % f)
        return None
    if formula is not None:
        return resolve_formula(s, formula, err_at_key)
    return resolve_column(r, node, s, col)


def resolve_formula(s, formula, err_at_key):
    """§10: an empty or malformed EXPR, an unknown column (with a suggestion): errors.
    DECISION: the date column is not a value column, so naming it is an unknown column."""
    try:
        tree = parse_formula(formula)
    except FormulaError as e:
        err_at_key("formula: %s" % e)
        return None
    for name in formula_columns(tree):
        if s.column(name) is None and not s.unreadable:
            err_at_key("formula: %s has no column \"%s\"%s" % (s.relpath, name, suggest(name, s.headers)))
            return None
    return MetricSource(s, formula=tree)


def resolve_column(r, node, s, col):
    if s.unreadable:
        return MetricSource(s, column=col)
    if col is None:
        if len(s.headers) != 1:
            r.err(node, "%s has %d value columns: name one" % (s.relpath, len(s.headers)))
            return None
        return MetricSource(s, column=s.headers[0])
    if s.column(col) is None:
        r.err(node, "%s has no column \"%s\"" % (s.relpath, col))
        return None
    return MetricSource(s, column=col)


def resolve_metric_string(r, node, series_by_name):
    """§9: the whole string as FILE first; else split at the first dot that gives an
    existing FILE with an existing COLUMN, trying dots from the left."""
    text = node.value
    if text in series_by_name:
        return resolve_column(r, node, series_by_name[text], None)
    for k, ch in enumerate(text):
        if ch != '.':
            continue
        s = series_by_name.get(text[:k])
        if s is not None and (s.unreadable or s.column(text[k + 1:]) is not None):
            return MetricSource(s, column=text[k + 1:])
    r.err(node, "no metric \"%s\"" % text)
    return None


def read_goal_kind(g, r, raw, keypos):
    """§10: kind, hold (maintain only; a warning on a reach goal), tolerance, format."""
    g.kind = 'reach'
    if 'kind' in raw:
        g.kind = r.choice(raw['kind'], 'kind', ['reach', 'maintain']) or 'reach'
    g.hold = 1.0
    if 'hold' in raw:
        if g.kind != 'maintain':
            # DECISION: a reach goal's hold is only warned about, whatever it says
            r.diags.warning(r.relpath, *keypos('hold'), "hold applies to maintain goals only: ignored")
        else:
            h = r.number(raw['hold'], 'hold')
            if h is not None:
                if 0 < h <= 1:
                    g.hold = h
                else:
                    r.err(raw['hold'], "hold must be in (0, 1]: the share of periods that must meet target")
    g.tolerance = read_tolerance(r, raw['tolerance']) if 'tolerance' in raw else None
    if 'format' in raw:
        r.choice(raw['format'], 'format', ['number', 'duration'])


def read_milestones(g, r, raw, is_task):
    """§3/§9 milestones: {date, target, note?}; targets as §10 allows; two on one date
    are an error (at the later one's date, v1 docs); outside (start, due) a warning.
    DECISION (v1 docs): on a task goal a milestone's target may be left out."""
    g.milestones = []
    mnode = raw.get('milestones')
    if mnode is None:
        return
    if not isinstance(mnode, yaml.SequenceNode):
        r.err(mnode, "milestones must be a list of {date, target, note?}")
        return
    found = []
    for order, item in enumerate(mnode.value):
        mi = mapping_items(item, r.relpath, r.off, r.diags, "a milestone")
        if mi is None:
            continue
        given = {}
        for key, knode, v in mi:
            if key not in ('date', 'target', 'note'):
                r.warn(knode, "unknown milestone key \"%s\"%s" % (key, suggest(key, ['date', 'target', 'note'])))
            elif not is_null_scalar(v):
                given[key] = v
        if 'date' not in given:
            r.err(item, "a milestone needs a date")
            continue
        md = r.date(given['date'], 'milestone date')
        if md is None:
            continue
        target = None
        if 'target' in given:
            target = read_target(r, given['target'], 'milestone target')
            if target is None:
                continue
        elif not is_task:
            r.err(item, "a milestone needs a target")
            continue
        if 'note' in given:
            r.string(given['note'], 'milestone note')
        if g.start and g.due and not (g.start < md < g.due):
            r.warn(given['date'], "milestone %s is outside start..due and is left out of expected" % md)
        found.append((md, order, target, pos(given['date'], r.off)))
    found.sort(key=lambda t: (t[0], t[1]))
    for prev, nxt in zip(found, found[1:]):
        if prev[0] == nxt[0]:
            r.diags.error(r.relpath, nxt[3][0], nxt[3][1], "two milestones on %s" % nxt[0])
    g.milestones = [(d, t) for (d, _, t, _) in found]


def read_review(r, node):
    """§3 review: keywords case-insensitive (§9); `Nd` with N ≥ 1 and (v1 docs) a
    lower-case d."""
    s = r.string(node, 'review')
    if s is None:
        return None
    if s.lower() in CADENCES:
        return CADENCES[s.lower()]
    m = re.match(r'^([0-9]+)d$', s)
    if m and int(m.group(1)) >= 1:
        return int(m.group(1))
    r.err(node, "review must be weekly, biweekly, monthly, quarterly or Nd")
    return None


def read_front_matter(site, path, diags):
    relpath = rel(site, path)
    text = read_text(site, path, diags)
    if text is None:
        return None
    split = split_front_matter(text)
    if split == 'unclosed':
        diags.error(relpath, 1, 1, "front matter is not closed by a --- line")
        return None
    if split is None:
        diags.error(relpath, 1, 1, "missing front matter (title, start and due are required)")
        return None
    fm, off, body_lines, body_first = split
    root, ok = compose_yaml(fm, relpath, off, diags)
    if not ok:
        return None
    items = []
    if root is not None and not is_null_scalar(root):
        items = mapping_items(root, relpath, off, diags, "front matter")
        if items is None:
            return None
    return relpath, off, items, body_lines, body_first


def load_goal(site, path, series_by_name, diags):
    """One goal file → Goal (None when it cannot be read at all)."""
    fm = read_front_matter(site, path, diags)
    if fm is None:
        return None
    relpath, off, items, body_lines, body_first = fm
    r = Reader(relpath, off, diags)
    n_err = len(diags.errors)
    g = Goal()
    g.relpath = relpath
    raw, keynodes = {}, {}
    for key, knode, v in items:
        if key not in GOAL_KEYS:
            r.warn(knode, "unknown key \"%s\"%s" % (key, suggest(key, GOAL_KEYS)))
            continue
        keynodes[key] = knode
        if not is_null_scalar(v):
            raw[key] = v

    def keypos(key):
        return pos(keynodes[key], off)

    def err_at_key(key, msg):
        diags.error(relpath, *keypos(key), msg)

    read_goal_kind(g, r, raw, keypos)                  # DECISION: a bad kind reads as reach
    maintain = g.kind == 'maintain'
    # DECISION (v1 behaviour, extended to §10): a goal that lacks what it needs to be
    # computed (title, start, due for reach, a valid slug, a metric that resolves, a
    # readable target, a direction for maintain) is left out of the wall, so a goal naming
    # it as parent also gets "unknown parent"; other errors leave it in.
    usable = True

    # §9/§10 required keys, reported at 1:1 (a missing target at the metric line)
    required = ['title', 'start'] + (['metric', 'direction'] if maintain else ['due'])
    for key in required:
        if key not in raw:
            diags.error(relpath, 1, 1, "missing required key \"%s\"" % key)
            usable = False
    if 'target' not in raw and ('metric' in raw or maintain):
        # DECISION: a maintain goal with neither metric nor target: target also at 1:1
        l, c = keypos('metric') if 'metric' in raw else (1, 1)
        diags.error(relpath, l, c, "missing target: a goal with a metric needs the value to reach")
        usable = False

    g.title = r.string(raw['title'], 'title') if 'title' in raw else None
    if g.title is not None and trim_blanks(g.title) == '':
        err_at_key('title', "title must not be empty")
        usable = False
    g.owner = r.string(raw['owner'], 'owner') if 'owner' in raw else None
    g.unit = r.string(raw['unit'], 'unit') if 'unit' in raw else None
    g.team = r.string(raw['team'], 'team') if 'team' in raw else None
    if g.team is not None and make_slug(g.team) == '':
        r.err(raw['team'], "team \"%s\" gives an empty team slug" % g.team)
    g.start = r.date(raw['start'], 'start') if 'start' in raw else None
    g.due = r.date(raw['due'], 'due') if 'due' in raw else None
    if ('start' in raw and g.start is None) or ('due' in raw and g.due is None):
        usable = False
    if g.start and g.due and g.due <= g.start:
        r.err(raw['due'], "due must be after start")
        usable = False

    # §9 slugs
    fname = os.path.basename(path)
    g.slug = make_slug(fname[:-3])
    g.slug_pos = (1, 1)
    if 'slug' in raw:
        s = r.string(raw['slug'], 'slug')
        g.slug_pos = keypos('slug')
        if s is None or not SLUG_RE.match(s):
            if s is not None:
                r.err(raw['slug'], "slug \"%s\" must match [a-z0-9]+(-[a-z0-9]+)*" % s)
            usable = False
        g.slug = s
    elif g.slug == '':
        diags.error(relpath, 1, 1, "the file name gives an empty slug")
        usable = False

    g.parent = r.string(raw['parent'], 'parent') if 'parent' in raw else None
    g.parent_pos = keypos('parent') if 'parent' in raw else (1, 1)
    if g.parent is not None and not SLUG_RE.match(g.parent):
        r.err(raw['parent'], "parent must be a goal's slug")
        g.parent = None

    # metric and target (§3, §9, §10)
    g.metric_text = None
    g.source = None
    g.is_task = 'metric' not in raw and not maintain
    g.target = None
    if 'metric' in raw:
        g.source = read_metric(g, r, raw['metric'], keypos('metric'), series_by_name)
        if g.source is None:
            usable = False
        if 'target' in raw:
            g.target = read_target(r, raw['target'], 'target')
            if g.target is None:
                usable = False
            elif maintain and g.target.percent is not None:
                # DECISION: the §10 "not on a maintain goal" errors are at the key
                err_at_key('target', "a relative target needs a baseline: a maintain goal has none")
                usable = False
    elif 'target' in raw and not maintain:
        # §9 (v1 docs): a task goal's target is a warning and ignored, whatever it says
        r.warn(raw['target'], "target on a goal with no metric is ignored")
    g.target_pos = keypos('target') if 'target' in raw else (keypos('metric') if 'metric' in raw else (1, 1))

    g.baseline = None         # None, ('number', v) or ('window', from, to)
    if 'baseline' in raw:
        if maintain:
            err_at_key('baseline', "baseline is not used by a maintain goal: remove it")
        elif g.is_task:
            r.warn(raw['baseline'], "baseline on a goal with no metric is ignored")
        elif isinstance(raw['baseline'], yaml.MappingNode):
            w = read_window(r, raw['baseline'])
            if w is not None:
                g.baseline = ('window', w[0], w[1])
        else:
            v = r.number(raw['baseline'], 'baseline')
            if v is not None:
                g.baseline = ('number', v)

    g.direction = r.choice(raw['direction'], 'direction', ['up', 'down']) if 'direction' in raw else None
    if maintain and 'direction' in raw and g.direction is None:
        usable = False
    g.cadence = read_review(r, raw['review']) if 'review' in raw else None
    g.rollup = (r.choice(raw['rollup'], 'rollup', ['last', 'sum', 'mean', 'min', 'max', 'count'])
                if 'rollup' in raw else None) or 'last'
    g.period = (r.choice(raw['period'], 'period', ['day', 'week', 'month'])
                if 'period' in raw else None) or 'day'
    g.state = (r.choice(raw['state'], 'state', ['active', 'draft', 'dropped'])
               if 'state' in raw else None) or 'active'
    if 'tags' in raw:
        r.string_list(raw['tags'], 'tags')

    if maintain and 'milestones' in raw:
        err_at_key('milestones', "milestones are not used by a maintain goal: remove them")
        g.milestones = []
    else:
        read_milestones(g, r, raw, g.is_task)

    checkins, done, total = scan_body(body_lines, body_first, relpath, diags)
    g.checkins = checkins
    g.tasks_done, g.tasks_total = done, total
    g.usable = usable
    g.valid = len(diags.errors) == n_err
    return g


# --------------------------------------------------------------------------
# computation: reach goals (§5, §9, §10)


def interpolate(knots, a):
    """§5 expected: piecewise linear by days through knots [(date, value)], flat outside."""
    if a <= knots[0][0]:
        return knots[0][1]
    if a >= knots[-1][0]:
        return knots[-1][1]
    for (d0, v0), (d1, v1) in zip(knots, knots[1:]):
        if d0 <= a <= d1:
            return v0 + (v1 - v0) * ((a - d0).days / (d1 - d0).days)
    return knots[-1][1]


def meets(value, target, direction):
    """§5 rule 3 / §10: at or above target (up), at or below (down)."""
    if direction == 'up':
        return value >= target
    if direction == 'down':
        return value <= target
    return None


def default_baseline(points, start):
    """§9: the latest point dated ≤ start, else the first point after start."""
    before = [v for (d, v) in points if d <= start]
    if before:
        return before[-1]
    return points[0][1] if points else None


def window_baseline(points, lo, hi):
    """§10: the mean of the points dated in [from, to]; None when there is none."""
    vals = [v for (d, v) in points if lo <= d <= hi]
    if not vals:
        return None
    return roll_up(vals, 'mean')


def reach_baseline(g, points):
    """(baseline, window_empty) for a reach goal with a metric."""
    if g.baseline is None:
        return default_baseline(points, g.start), False
    if g.baseline[0] == 'number':
        return g.baseline[1], False
    b = window_baseline(points, g.baseline[1], g.baseline[2])
    return b, b is None


def reach_direction(g, baseline, target, diags):
    """§3/§9: given, else up/down from target vs baseline; target = baseline without a
    direction is an error at the target (§10: also for a relative target)."""
    if g.direction is not None:
        derived = 'up' if target > baseline else ('down' if target < baseline else None)
        if derived is not None and derived != g.direction:
            diags.warning(g.relpath, g.target_pos[0], g.target_pos[1],
                          "direction %s contradicts target and baseline" % g.direction)
        return g.direction
    if target > baseline:
        return 'up'
    if target < baseline:
        return 'down'
    diags.error(g.relpath, g.target_pos[0], g.target_pos[1],
                "target %r equals the baseline: give a direction" % target)
    return None


def least_squares(points, start):
    """(slope, intercept) in x = days since start, None when flat in x."""
    xs = [(d - start).days for d, _ in points]
    ys = [v for _, v in points]
    n = len(xs)
    mx = sum(xs) / n
    my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    slope = sxy / sxx
    return slope, my - slope * mx


def forecast(points, g, as_of, target, direction):
    """§5/§9: the least-squares line through the points in [start, A] at due (null with
    fewer than 3); forecast_date the first whole day the line meets target when it
    heads that way.  DECISION (v1 docs): crossing day ceil(x − 1e-9), null outside
    years 1–9999."""
    pts = [(d, v) for (d, v) in points if g.start <= d <= as_of]
    if len(pts) < 3:
        return None, None
    line = least_squares(pts, g.start)
    if line is None:
        return None, None
    slope, intercept = line
    value = intercept + slope * (g.due - g.start).days
    when = None
    if (target is not None and slope != 0 and
            ((direction == 'up' and slope > 0) or (direction == 'down' and slope < 0))):
        xstar = (target - intercept) / slope
        if math.isfinite(xstar):
            o = g.start.toordinal() + math.ceil(xstar - 1e-9)
            if dt.date(1, 1, 1).toordinal() <= o <= dt.date(9999, 12, 31).toordinal():
                when = dt.date.fromordinal(o)
    return value, when


def reach_status(g, as_of, current, target, direction, behind, tolerance, no_data):
    """§5 status, first rule that applies (§9: target = baseline with a direction has no
    `behind` and is off-track unless achieved; §10: an empty baseline window is no-data)."""
    if g.state == 'dropped':
        return 'dropped'
    if g.state == 'draft':
        return 'draft'
    if current is None or no_data:           # DECISION: an empty window after dropped/draft
        return 'no-data'
    if target is not None and meets(current, target, direction):
        return 'achieved'
    if as_of > g.due:
        return 'missed'
    if as_of < g.start:
        return 'not-started'
    if behind is None:
        return 'off-track'        # DECISION (v1 docs): target = baseline with a direction
    if behind <= 0:
        return 'on-track'
    if behind <= tolerance:
        return 'at-risk'
    return 'off-track'


def milestone_figures(g, points, as_of, baseline, direction, computed):
    """§5/§9 milestones in date order: met when its date ≤ A and the latest point on or
    before it meets its target; null in the future, with no point by then, on a task
    goal, or (§10, DECISION) when a relative target has no baseline to scale.
    DECISION: a relative milestone target on a task goal is null (a task goal's
    baseline 0 would scale to 0)."""
    out = []
    for (d, t) in g.milestones:
        target = None
        if t is not None:
            target = None if (g.is_task and t.percent is not None) else t.resolve(
                0.0 if g.is_task else baseline)
        met = None
        if computed and target is not None and d <= as_of and direction is not None:
            before = [v for (pd, v) in points if pd <= d]
            if before:
                met = bool(meets(before[-1], target, direction))
        out.append({'date': d.isoformat(), 'target': fnum(target), 'met': met})
    return out


def reach_figures(g, points, as_of, tolerance, diags):
    """§5/§9/§10 figures of a reach goal measured by a metric."""
    baseline, window_empty = reach_baseline(g, points)
    target = g.target.resolve(baseline)
    current = current_date = None
    if points:
        current_date, current = points[-1]
    direction = g.direction
    if baseline is not None and target is not None:
        direction = reach_direction(g, baseline, target, diags)
    expected = progress = behind = fc = fc_date = None
    if baseline is not None and target is not None:
        knots = [(g.start, baseline)]
        for (d, t) in g.milestones:
            if g.start < d < g.due:
                knots.append((d, t.resolve(baseline)))
        knots.append((g.due, target))
        expected = interpolate(knots, as_of)
        if current is not None and target != baseline:
            progress = (current - baseline) / (target - baseline)
            span = abs(target - baseline)
            if direction == 'up':
                behind = (expected - current) / span
            elif direction == 'down':
                behind = (current - expected) / span
    if not window_empty:
        fc, fc_date = forecast(points, g, as_of, target, direction)
    status = reach_status(g, as_of, current, target, direction, behind, tolerance, window_empty)
    return {
        'direction': direction, 'baseline': baseline, 'target': target,
        'current': current, 'current_date': current_date, 'expected': expected,
        'progress': progress, 'record': None, 'status': status,
        'forecast': fc, 'forecast_date': fc_date,
        'milestones': milestone_figures(g, points, as_of, baseline, direction, True),
    }


def task_figures(g, as_of, tolerance):
    """§5/§9: a task goal: baseline 0, target 1, direction up, current = done/total,
    expected the elapsed fraction of start..due clamped to [0, 1]."""
    current = g.tasks_done / g.tasks_total if g.tasks_total > 0 else None
    expected = min(1.0, max(0.0, (as_of - g.start).days / (g.due - g.start).days))
    behind = (expected - current) if current is not None else None
    status = reach_status(g, as_of, current, 1.0, 'up', behind, tolerance, False)
    return {
        'direction': 'up', 'baseline': 0.0, 'target': 1.0,
        'current': current, 'current_date': None, 'expected': expected,
        'progress': current, 'record': None, 'status': status,
        'forecast': None, 'forecast_date': None,
        'milestones': milestone_figures(g, [], as_of, 0.0, 'up', False),
    }


# --------------------------------------------------------------------------
# computation: maintain goals (§10)


def first_candidate(start, period):
    """The first period whose first day is on or after start."""
    if period == 'week':
        return start + dt.timedelta(days=(7 - start.weekday()) % 7)
    if period == 'month' and start.day != 1:
        return period_bounds(start, 'month')[1] + dt.timedelta(days=1)
    return start


def candidate_periods(g, as_of):
    """§10 judged-period candidates: complete periods (§9) whose first day is on or after
    start and, when due is given, on or before due; with `period: day` every day in
    [start, min(due, A)]."""
    out = []
    d = first_candidate(g.start, g.period)
    while g.due is None or d <= g.due:
        _, last = period_bounds(d, g.period)
        if last > as_of:
            break
        out.append(d)
        d = last + dt.timedelta(days=1)
    return out


def maintain_periods(g, source, as_of):
    """[(first day, value)] of the judged periods: a period's point; with `sum`/`count`
    a column with no value counts 0 (a computed metric is evaluated with those zeros);
    a candidate without a value is not judged."""
    groups = complete_periods(source.series, g.period, as_of)
    zero = g.rollup in ('sum', 'count')
    out = []
    for first in candidate_periods(g, as_of):
        v = source.value(groups.get(first, []), g.rollup, zero_when_empty=zero)
        if v is not None:
            out.append((first, v))
    return out


def maintain_status(g, as_of, judged, met, latest_value, latest_met, tolerance):
    """§10 maintain status, first rule that applies."""
    if g.state == 'dropped':
        return 'dropped'
    if g.state == 'draft':
        return 'draft'
    if as_of < g.start:
        return 'not-started'
    if judged == 0:
        return 'no-data'
    share = met / judged
    if g.due is not None and as_of > g.due:
        return 'achieved' if share >= g.hold else 'missed'
    if latest_met:
        return 'on-track' if share >= g.hold else 'at-risk'
    target = g.target.number
    # DECISION: the miss is |value − target| of the latest judged period, compared in
    # floating point as written (target 0 leaves no room: any miss is off-track)
    miss = (target - latest_value) if g.direction == 'up' else (latest_value - target)
    if miss <= tolerance * abs(target):
        return 'at-risk'
    return 'off-track'


def maintain_figures(g, source, as_of, tolerance):
    """§10: record {met, judged}, progress met/judged, current the latest judged period;
    baseline, expected, forecast, forecast_date null; milestones []."""
    periods = maintain_periods(g, source, as_of)
    target = g.target.number
    flags = [bool(meets(v, target, g.direction)) for (_, v) in periods]
    judged, met = len(periods), sum(flags)
    current_date, current = periods[-1] if periods else (None, None)
    status = maintain_status(g, as_of, judged, met, current, flags[-1] if flags else False, tolerance)
    return {
        'direction': g.direction, 'baseline': None, 'target': target,
        'current': current, 'current_date': current_date, 'expected': None,
        'progress': (met / judged) if judged else None,
        'record': {'met': met, 'judged': judged}, 'status': status,
        'forecast': None, 'forecast_date': None, 'milestones': [],
    }


# --------------------------------------------------------------------------
# one goal's goals.json entry


def checkin_figures(g, as_of):
    """§3/§9: check-ins dated ≤ A by date (ties in document order), last_checkin, and
    stale: as_of − (latest check-in, else start) more than the cadence."""
    cis = sorted([c for c in g.checkins if c[0] <= as_of], key=lambda c: (c[0], c[2]))
    last = cis[-1][0] if cis else None
    stale = False
    if g.cadence is not None:
        stale = (as_of - (last if last is not None else g.start)).days > g.cadence
    return [{'date': c[0].isoformat(), 'title': c[1]} for c in cis], last, stale


def goal_entry(g, as_of, site_tolerance, included_slugs, diags):
    """§6 goals.json fields, with §10's kind (after title) and record (after progress)."""
    tolerance = g.tolerance if g.tolerance is not None else site_tolerance
    if g.kind == 'maintain':
        f = maintain_figures(g, g.source, as_of, tolerance)
    elif g.is_task:
        f = task_figures(g, as_of, tolerance)
    else:
        points = goal_points(g.source, g.period, g.rollup, as_of)
        f = reach_figures(g, points, as_of, tolerance, diags)
    checkins, last, stale = checkin_figures(g, as_of)
    parent = g.parent if g.parent in included_slugs else None   # a left-out draft (§9)
    return {
        'slug': g.slug,
        'title': g.title,
        'kind': g.kind,
        'owner': g.owner,
        'team': g.team,
        'parent': parent,
        'metric': g.metric_text,
        'unit': g.unit,
        'direction': f['direction'],
        'baseline': fnum(f['baseline']),
        'target': fnum(f['target']),
        'current': fnum(f['current']),
        'current_date': iso(f['current_date']),
        'expected': fnum(f['expected']),
        'progress': fnum(f['progress']),
        'record': f['record'],
        'status': f['status'],
        'start': iso(g.start),
        'due': iso(g.due),
        'forecast': fnum(f['forecast']),
        'forecast_date': iso(f['forecast_date']),
        'milestones': f['milestones'],
        'checkins': checkins,
        'last_checkin': iso(last),
        'stale': stale,
        'tasks': {'done': g.tasks_done, 'total': g.tasks_total},
        'url': 'goals/%s/' % g.slug,
    }


# --------------------------------------------------------------------------
# the site


def check_slugs(goals, diags):
    """§9: two goals with one slug are an error (at the later one's slug key, else 1:1,
    in (slug, path) order)."""
    by_slug = {}
    for g in sorted(goals, key=lambda g: (g.slug, g.relpath)):
        if g.slug in by_slug:
            diags.error(g.relpath, g.slug_pos[0], g.slug_pos[1],
                        "slug \"%s\" is also used by %s" % (g.slug, by_slug[g.slug].relpath))
            continue
        by_slug[g.slug] = g
    return by_slug


def check_parents(goals, by_slug, diags):
    """§3: unknown parents and cycles are errors, at the parent key of every goal whose
    parents lead back to it."""
    for g in goals:
        if g.parent is None:
            continue
        if g.parent not in by_slug:
            diags.error(g.relpath, g.parent_pos[0], g.parent_pos[1],
                        "unknown parent \"%s\"%s" % (g.parent, suggest(g.parent, list(by_slug))))
            continue
        seen = {g.slug}
        nxt = g.parent
        while nxt is not None:
            if nxt == g.slug:
                diags.error(g.relpath, g.parent_pos[0], g.parent_pos[1],
                            "parent cycle: following parents from %s comes back to it" % g.slug)
                break
            if nxt in seen:
                break
            seen.add(nxt)
            nxt = by_slug[nxt].parent if nxt in by_slug else None


def load_metrics(site, csv_settings, diags):
    series_by_name = {}
    for path, reltop in walk_files(site, os.path.join('content', 'metrics'), '.csv', diags):
        s = load_series(site, path, reltop, dialect_for(csv_settings, reltop), diags)
        series_by_name[s.name] = s
    return series_by_name


def build(site, as_of_arg, with_drafts, diags):
    """The goals.json document of a site (errors and warnings into diags)."""
    settings = load_settings(site, diags)
    as_of = as_of_arg or settings['as_of'] or dt.date.today()
    series_by_name = load_metrics(site, settings['csv'], diags)

    goals = []
    for path, _ in walk_files(site, os.path.join('content', 'goals'), '.md', diags):
        g = load_goal(site, path, series_by_name, diags)
        if g is not None and g.usable:
            goals.append(g)
    by_slug = check_slugs(goals, diags)
    check_parents(goals, by_slug, diags)

    included = [g for g in goals if with_drafts or g.state != 'draft']
    included_slugs = {g.slug for g in included}
    for g in included:
        if g.parent is not None and g.parent in by_slug and g.parent not in included_slugs:
            diags.warning(g.relpath, g.parent_pos[0], g.parent_pos[1],
                          "parent \"%s\" is a draft left out: parent set to none" % g.parent)
    results = [goal_entry(g, as_of, settings['tolerance'], included_slugs, diags)
               for g in sorted(included, key=lambda g: (g.slug, g.relpath))]
    return {'title': settings['title'], 'as_of': as_of.isoformat(), 'goals': results}


def main(argv=None):
    ap = argparse.ArgumentParser(description="Reference goals.json for a goalwall site")
    ap.add_argument('site')
    ap.add_argument('--as-of', dest='as_of')
    ap.add_argument('--drafts', action='store_true')
    ap.add_argument('--warnings', action='store_true', help='also print warnings on stderr')
    args = ap.parse_args(argv)
    as_of = None
    if args.as_of is not None:
        as_of = parse_date(args.as_of)
        if as_of is None:
            print("error: --as-of needs a date YYYY-MM-DD", file=sys.stderr)
            return 2
    if not os.path.isdir(args.site):
        print("error: %s is not a folder" % args.site, file=sys.stderr)
        return 2
    diags = Diagnostics()
    result = build(args.site, as_of, args.drafts, diags)
    if args.warnings:
        for line in diags.warning_lines():
            print(line, file=sys.stderr)
    if diags.errors:
        for line in diags.error_lines():
            print(line, file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == '__main__':
    sys.exit(main())
