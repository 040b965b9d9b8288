#!/usr/bin/env python3
"""Independent reference implementation of goalwall's goals.json.

Usage:
    python3 scripts/reference_goals.py SITE_DIR --as-of YYYY-MM-DD [--drafts] [--warnings]

Prints goals.json (the shape of section 6 of /work/shared/spec/site-format.md)
on stdout.  When the site has errors it prints them on stderr as
``PATH:LINE:COLUMN: error: MESSAGE`` and exits 1 (2 for wrong usage).
Warnings are only printed with --warnings.

Written for differential testing against the Swift build, from the contract
alone.  Standard library plus PyYAML (``yaml.compose`` only, so every scalar
is taken as written).  Markdown is NOT parsed with a library: a small
CommonMark-like block parser below finds level-2 headings (ATX and setext)
and task list items (also nested and inside block quotes); it is good enough
for ordinary files, not a full CommonMark implementation.

Team decisions used where the contract is silent are marked "DECISION".
"""

import argparse
import datetime as dt
import html
import json
import math
import os
import re
import sys
import unicodedata

import yaml

# --------------------------------------------------------------------------
# diagnostics


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
# small helpers

NUMBER_RE = re.compile(r'^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$')
DATE_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})$')
DATETIME_RE = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})'
    r'(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$')
SLUG_RE = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*$')


def parse_number(text):
    """Number cell / key: trimmed of spaces and tabs; None if invalid."""
    t = text.strip(' \t')
    if not NUMBER_RE.match(t):
        return None
    try:
        v = float(t)
    except (ValueError, OverflowError):
        return None
    if not math.isfinite(v):
        return None
    return v


def parse_date(text):
    m = DATE_RE.match(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_datetime_cell(text):
    """Return (calendar_date, instant_ns) or None."""
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
    ns = int((frac or '').ljust(9, '0')) if frac else 0
    off_s = 0
    if off and off != 'Z':
        oh, om = int(off[1:3]), int(off[4:6])
        if oh > 23 or om > 59:
            return None
        off_s = (oh * 3600 + om * 60) * (1 if off[0] == '+' else -1)
    secs = date.toordinal() * 86400 + h * 3600 + mn * 60 + s - off_s
    return date, secs * 1_000_000_000 + ns


def make_slug(name):
    s = unicodedata.normalize('NFC', name).lower()
    s = re.sub(r'[^a-z0-9]+', '-', s)
    return s.strip('-')


def fnum(v):
    """A number for goals.json: always a float, None stays None."""
    if v is None:
        return None
    v = float(v)
    if not math.isfinite(v):
        return None
    return v


def iso(d):
    return d.isoformat() if d is not None else None


def rel(site, path):
    return os.path.relpath(path, site).replace(os.sep, '/')


# --------------------------------------------------------------------------
# file discovery (symbolic links followed, loops are errors)


def walk_files(site, top, ext, diags):
    """All files under site/top ending in ext, as (abs_path, rel_to_top)."""
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
            p = os.path.join(d, name)
            r = (reld + '/' + name) if reld else name
            try:
                st_isdir = os.path.isdir(p)
                os.stat(p)
            except OSError as e:
                if e.errno == 40:  # ELOOP
                    diags.error(rel(site, p), 1, 1, "symbolic link loop")
                else:
                    if name.endswith(ext) or os.path.islink(p):
                        diags.error(rel(site, p), 1, 1,
                                    "cannot read: %s" % (e.strerror or e))
                continue
            if st_isdir:
                real = os.path.realpath(p)
                if real in ancestors:
                    diags.error(rel(site, p), 1, 1, "symbolic link loop")
                    continue
                visit(p, r, ancestors | {real})
            elif name.endswith(ext):
                out.append((p, r))

    visit(root, '', {os.path.realpath(root)})
    return out


def read_text(site, path, diags):
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError as e:
        diags.error(rel(site, path), 1, 1, "cannot read: %s" % e.strerror)
        return None
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        diags.error(rel(site, path), 1, 1, "not valid UTF-8")
        return None
    if text.startswith('\ufeff'):
        text = text[1:]
    return text


# --------------------------------------------------------------------------
# CSV (RFC 4180 quoting, positions tracked)


class Series:
    def __init__(self, name, relpath):
        self.name = name          # FILE (path under content/metrics, no .csv)
        self.relpath = relpath    # path relative to the site
        self.headers = []         # value column names (header trimmed)
        self.rows = []            # (date, instant_ns, file_index, [values or None])
        self.ok = True


def csv_records(text):
    """Yield ('row', line, [(cell_text, line, col, quoted)]) or ('error', line, col, msg)."""
    n = len(text)
    i = 0
    line = 1
    col = 1
    while i < n:
        # a line with no characters at all is skipped
        if text[i] == '\n':
            i += 1
            line += 1
            col = 1
            continue
        if text.startswith('\r\n', i):
            i += 2
            line += 1
            col = 1
            continue
        row_line = line
        cells = []
        while True:
            c_line, c_col = line, col
            if i < n and text[i] == '"':
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
                        line += 1
                        col = 1
                    else:
                        col += 1
                if not closed:
                    yield ('error', c_line, c_col, "unterminated quote")
                    return
                # lenient: characters after the closing quote are kept
                while i < n and text[i] != ',' and text[i] != '\n' and not text.startswith('\r\n', i):
                    buf.append(text[i])
                    i += 1
                    col += 1
                cells.append((''.join(buf), c_line, c_col, True))
            else:
                j = i
                while j < n and text[j] != ',' and text[j] != '\n' and not text.startswith('\r\n', j):
                    j += 1
                cells.append((text[i:j], c_line, c_col, False))
                col += j - i
                i = j
            if i < n and text[i] == ',':
                i += 1
                col += 1
                continue
            # end of row
            if i < n:
                if text[i] == '\n':
                    i += 1
                else:
                    i += 2
                line += 1
                col = 1
            yield ('row', row_line, cells)
            break


def load_series(site, path, reltop, diags):
    relpath = rel(site, path)
    name = reltop[:-4]
    s = Series(name, relpath)
    text = read_text(site, path, diags)
    if text is None:
        s.ok = False
        return s
    if text == '':
        diags.error(relpath, 1, 1, "empty CSV file: a header row is needed")
        s.ok = False
        return s
    header = None
    ncols = 0
    index = 0
    for rec in csv_records(text):
        if rec[0] == 'error':
            diags.error(relpath, rec[1], rec[2], rec[3])
            s.ok = False
            break
        _, row_line, cells = rec
        if header is None:
            header = [c[0].strip(' \t') for c in cells]
            ncols = len(cells)
            seen = {}
            for k, (c, cell) in enumerate(zip(header, cells)):
                if k > 0 and c == '':
                    diags.error(relpath, cell[1], cell[2], "empty column header")
                    s.ok = False
                if c in seen and not (c == '' and k > 0):
                    diags.error(relpath, cell[1], cell[2],
                                "duplicate column header \"%s\"" % c)
                    s.ok = False
                seen.setdefault(c, k)
            s.headers = header[1:]
            continue
        if len(cells) != ncols:
            if len(cells) > ncols:
                c = cells[ncols]
                diags.error(relpath, c[1], c[2],
                            "row has %d cells, the header has %d" % (len(cells), ncols))
            else:
                last = cells[-1]
                diags.error(relpath, row_line, last[2] + len(last[0]) + (2 if last[3] else 0),
                            "row has %d cells, the header has %d" % (len(cells), ncols))
            s.ok = False
            continue
        dcell = cells[0]
        dtext = dcell[0].strip(' \t')
        if dtext == '':
            diags.error(relpath, dcell[1], dcell[2], "empty date")
            s.ok = False
            continue
        parsed = parse_datetime_cell(dtext)
        if parsed is None:
            diags.error(relpath, dcell[1], dcell[2], "bad date \"%s\"" % dtext)
            s.ok = False
            continue
        values = []
        bad = False
        for c in cells[1:]:
            t = c[0].strip(' \t')
            if t == '':
                values.append(None)
                continue
            v = parse_number(t)
            if v is None:
                diags.error(relpath, c[1], c[2], "bad number \"%s\"" % t)
                s.ok = False
                bad = True
                values.append(None)
            else:
                values.append(v)
        if not bad:
            s.rows.append((parsed[0], parsed[1], index, values))
            index += 1
    if header is None and s.ok:
        diags.error(relpath, 1, 1, "empty CSV file: a header row is needed")
        s.ok = False
    return s


# --------------------------------------------------------------------------
# periods and rollup


def period_bounds(d, period):
    if period == 'week':
        first = d - dt.timedelta(days=d.weekday())
        return first, first + dt.timedelta(days=6)
    if period == 'month':
        first = d.replace(day=1)
        if d.month == 12:
            nxt = dt.date(d.year + 1, 1, 1) if d.year < 9999 else None
        else:
            nxt = dt.date(d.year, d.month + 1, 1)
        last = (nxt - dt.timedelta(days=1)) if nxt else dt.date(9999, 12, 31)
        return first, last
    return d, d


def series_points(series, col_index, period, rollup, as_of):
    """Complete, rolled-up points [(date, value)] sorted by date."""
    groups = {}
    for (d, inst, idx, values) in series.rows:
        if d > as_of:
            continue                      # rows after A are dropped first
        first, last = period_bounds(d, period)
        if last > as_of:
            continue                      # only complete periods count
        groups.setdefault(first, []).append((inst, idx, values[col_index]))
    points = []
    for first in sorted(groups):
        rows = sorted(groups[first], key=lambda r: (r[0], r[1]))
        vals = [r[2] for r in rows if r[2] is not None]
        if not vals:
            continue                      # DECISION: all-empty period: no point
        if rollup == 'last':
            v = vals[-1]
        elif rollup == 'sum':
            v = math.fsum(vals)
        elif rollup == 'mean':
            v = math.fsum(vals) / len(vals)
        elif rollup == 'min':
            v = min(vals)
        elif rollup == 'max':
            v = max(vals)
        elif rollup == 'count':
            v = float(len(vals))
        else:
            v = vals[-1]
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
    # DECISION: an empty plain scalar, `~` or `null` means "absent".
    return (isinstance(node, yaml.ScalarNode) and node.style is None
            and node.value in ('', '~', 'null', 'Null', 'NULL'))


def mapping_items(node, relpath, off, diags, what):
    """Ordered list of (key, key_node, value_node); duplicates are errors."""
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


def suggest(key, known):
    import difflib
    m = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return (" (did you mean \"%s\"?)" % m[0]) if m else ""


class Reader:
    """Typed access to YAML values with error reporting."""

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

    def string_list(self, node, key):
        if not isinstance(node, yaml.SequenceNode):
            self.err(node, "%s must be a list of strings" % key)
            return None
        out = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                self.err(item, "%s must be a list of strings" % key)
                return None
            out.append(item.value)
        return out


# --------------------------------------------------------------------------
# goalwall.yml

SETTINGS_KEYS = ['title', 'vision', 'values', 'as_of', 'base_url', 'refresh_seconds',
                 'rotate_seconds', 'tolerance', 'theme']


def load_settings(site, diags):
    settings = {'title': 'Goals', 'as_of': None, 'tolerance': 0.10}
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
            t = r.number(v, key)
            if t is not None:
                if 0 <= t <= 1:
                    settings['tolerance'] = t
                else:
                    r.err(v, "tolerance must be in [0, 1]")
        elif key == 'theme':
            s = r.string(v, key)
            if s is not None and s not in ('auto', 'dark', 'light'):
                r.err(v, "theme must be auto, dark or light")
    return settings


# --------------------------------------------------------------------------
# goals

GOAL_KEYS = ['title', 'slug', 'owner', 'team', 'metric', 'unit', 'baseline', 'target',
             'direction', 'start', 'due', 'milestones', 'parent', 'review', 'rollup',
             'period', 'state', 'tags']
CADENCES = {'weekly': 7, 'biweekly': 14, 'monthly': 31, 'quarterly': 92}


class Goal:
    pass


def split_front_matter(text):
    """Return (fm_text, fm_first_line_index0, body_lines, body_first_lineno) or None."""
    lines = text.split('\n')
    lines = [l[:-1] if l.endswith('\r') else l for l in lines]
    if not lines or lines[0].rstrip(' \t') != '---':
        return None
    for k in range(1, len(lines)):
        if lines[k].rstrip(' \t') in ('---', '...'):
            fm = '\n'.join(lines[1:k])
            return fm, 1, lines[k + 1:], k + 2
    return 'unclosed'


def load_goal(site, path, diags):
    relpath = rel(site, path)
    text = read_text(site, path, diags)
    if text is None:
        return None
    g = Goal()
    g.relpath = relpath
    fname = os.path.basename(path)
    g.file_slug = make_slug(fname[:-3])
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
    r = Reader(relpath, off, diags)
    raw = {}
    nodes = {}
    for key, knode, v in items:
        if key not in GOAL_KEYS:
            r.warn(knode, "unknown key \"%s\"%s" % (key, suggest(key, GOAL_KEYS)))
            continue
        nodes[key] = (knode, v)
        if not is_null_scalar(v):
            raw[key] = v
    g.nodes = nodes
    n_err = len(diags.errors)

    def opt_string(key):
        return r.string(raw[key], key) if key in raw else None

    g.title = opt_string('title')
    g.owner = opt_string('owner')
    g.team = opt_string('team')
    g.unit = opt_string('unit')
    g.parent = opt_string('parent')
    for key in ('title', 'start', 'due'):
        if key not in raw:
            diags.error(relpath, 1, 1, "missing required key \"%s\"" % key)
    g.start = r.date(raw['start'], 'start') if 'start' in raw else None
    g.due = r.date(raw['due'], 'due') if 'due' in raw else None
    if g.start and g.due and g.due <= g.start:
        r.err(raw['due'], "due must be after start")

    slug_node = raw.get('slug')
    if slug_node is not None:
        s = r.string(slug_node, 'slug')
        if s is not None and not SLUG_RE.match(s):
            r.err(slug_node, "slug \"%s\" must match [a-z0-9]+(-[a-z0-9]+)*" % s)
        g.slug = s
    else:
        g.slug = g.file_slug
        if g.slug == '':
            diags.error(relpath, 1, 1, "the file name gives an empty slug")
    g.slug_line = pos(slug_node, off) if slug_node is not None else (1, 1)
    if g.team is not None and make_slug(g.team) == '':
        r.err(raw['team'], "team \"%s\" gives an empty team slug" % g.team)

    # metric
    g.metric = None          # ('str', text, node) or ('map', file, column, node)
    g.metric_text = None
    if 'metric' in raw:
        mnode = raw['metric']
        if isinstance(mnode, yaml.ScalarNode):
            g.metric = ('str', mnode.value, None, mnode)
            g.metric_text = mnode.value
        elif isinstance(mnode, yaml.MappingNode):
            mi = mapping_items(mnode, relpath, off, diags, "metric")
            f = c = None
            for key, knode, v in (mi or []):
                if key == 'file':
                    f = r.string(v, 'metric file')
                elif key == 'column':
                    c = None if is_null_scalar(v) else r.string(v, 'metric column')
                else:
                    r.warn(knode, "unknown key \"%s\" in metric%s" % (key, suggest(key, ['file', 'column'])))
            if f is None:
                r.err(mnode, "metric needs a file")
            else:
                g.metric = ('map', f, c, mnode)
                g.metric_text = f if c is None else f + '.' + c
        else:
            r.err(mnode, "metric must be FILE.COLUMN or {file, column}")

    g.baseline = r.number(raw['baseline'], 'baseline') if 'baseline' in raw else None
    g.target = r.number(raw['target'], 'target') if 'target' in raw else None
    g.direction = None
    if 'direction' in raw:
        s = r.string(raw['direction'], 'direction')
        if s is not None:
            if s in ('up', 'down'):
                g.direction = s
            else:
                r.err(raw['direction'], "direction must be up or down")
    if 'metric' in raw and 'target' not in raw:
        r.err(raw['metric'], "a goal with a metric needs a target")
    if 'metric' not in raw and 'target' in raw:
        r.warn(raw['target'], "target on a goal with no metric is ignored")

    g.cadence = None
    if 'review' in raw:
        s = r.string(raw['review'], 'review')
        if s is not None:
            low = s.lower()
            if low in CADENCES:
                g.cadence = CADENCES[low]
            else:
                m = re.match(r'^(\d+)d$', low)
                if m and int(m.group(1)) >= 1:
                    g.cadence = int(m.group(1))
                else:
                    r.err(raw['review'], "review must be weekly, biweekly, monthly, quarterly or Nd")

    g.rollup = 'last'
    if 'rollup' in raw:
        s = r.string(raw['rollup'], 'rollup')
        if s is not None:
            if s in ('last', 'sum', 'mean', 'min', 'max', 'count'):
                g.rollup = s
            else:
                r.err(raw['rollup'], "rollup must be last, sum, mean, min, max or count")
    g.period = 'day'
    if 'period' in raw:
        s = r.string(raw['period'], 'period')
        if s is not None:
            if s in ('day', 'week', 'month'):
                g.period = s
            else:
                r.err(raw['period'], "period must be day, week or month")
    g.state = 'active'
    if 'state' in raw:
        s = r.string(raw['state'], 'state')
        if s is not None:
            if s in ('active', 'draft', 'dropped'):
                g.state = s
            else:
                r.err(raw['state'], "state must be active, draft or dropped")
    if 'tags' in raw:
        r.string_list(raw['tags'], 'tags')

    # milestones
    g.milestones = []     # (date, target, node)
    if 'milestones' in raw:
        mnode = raw['milestones']
        if not isinstance(mnode, yaml.SequenceNode):
            r.err(mnode, "milestones must be a list of {date, target, note?}")
        else:
            seen = {}
            for item in mnode.value:
                mi = mapping_items(item, relpath, off, diags, "a milestone")
                if mi is None:
                    continue
                md = mt = None
                has_date = has_target = False
                for key, knode, v in mi:
                    if key == 'date':
                        has_date = True
                        md = r.date(v, 'milestone date')
                    elif key == 'target':
                        has_target = True
                        mt = r.number(v, 'milestone target')
                    elif key == 'note':
                        if not is_null_scalar(v):
                            r.string(v, 'milestone note')
                    else:
                        r.warn(knode, "unknown milestone key \"%s\"%s"
                               % (key, suggest(key, ['date', 'target', 'note'])))
                if not has_date:
                    r.err(item, "milestone needs a date")
                if not has_target:
                    r.err(item, "milestone needs a target")
                if md is None or mt is None:
                    continue
                if md in seen:
                    r.err(item, "two milestones on %s" % md.isoformat())
                    continue
                seen[md] = True
                if g.start and g.due and not (g.start < md < g.due):
                    r.warn(item, "milestone %s is outside start..due and is left out of expected"
                           % md.isoformat())
                g.milestones.append((md, mt, item))
            g.milestones.sort(key=lambda t: t[0])

    checkins, done, total = scan_body(body_lines, body_first, relpath, diags)
    g.checkins = checkins
    g.tasks_done, g.tasks_total = done, total
    g.valid = len(diags.errors) == n_err
    return g


# --------------------------------------------------------------------------
# metric resolution


def resolve_metric(g, series_by_name, diags):
    """Return (Series, column index) or None (errors reported)."""
    kind, a, b, node = g.metric
    l, c = pos(node, 1)

    def single(s):
        if len(s.headers) != 1:
            diags.error(g.relpath, l, c,
                        "metric \"%s\" names a CSV with %d value columns: say which column"
                        % (s.name, len(s.headers)))
            return None
        return s, 0

    if kind == 'map':
        s = series_by_name.get(a)
        if s is None:
            diags.error(g.relpath, l, c, "unknown metric file \"%s\"" % a)
            return None
        if b is None:
            return single(s)
        if b not in s.headers:
            diags.error(g.relpath, l, c, "metric file \"%s\" has no column \"%s\"" % (a, b))
            return None
        return s, s.headers.index(b)
    text = a
    if text in series_by_name:
        return single(series_by_name[text])
    for k, ch in enumerate(text):
        if ch != '.':
            continue
        f, col = text[:k], text[k + 1:]
        s = series_by_name.get(f)
        if s is not None and col in s.headers:
            return s, s.headers.index(col)
    diags.error(g.relpath, l, c, "unknown metric \"%s\"" % text)
    return None


# --------------------------------------------------------------------------
# computation


def interpolate(knots, a):
    """Piecewise linear through knots [(date, value)] (sorted), clamped at both ends."""
    if a <= knots[0][0]:
        return knots[0][1]
    if a >= knots[-1][0]:
        return knots[-1][1]
    for (d0, v0), (d1, v1) in zip(knots, knots[1:]):
        if d0 <= a <= d1:
            return v0 + (v1 - v0) * ((a - d0).days / (d1 - d0).days)
    return knots[-1][1]


def meets(value, target, direction):
    if direction == 'up':
        return value >= target
    if direction == 'down':
        return value <= target
    return None


def compute(g, points, as_of, tolerance, with_drafts, included_slugs, all_goals, diags):
    task_goal = g.metric is None
    out = {}
    current = current_date = None
    baseline = target = direction = None
    expected = forecast = forecast_date = None
    if task_goal:
        baseline, target, direction = 0.0, 1.0, 'up'
        if g.tasks_total > 0:
            current = g.tasks_done / g.tasks_total
        frac = (as_of - g.start).days / (g.due - g.start).days
        expected = min(1.0, max(0.0, frac))
    else:
        target = g.target
        baseline = g.baseline
        if baseline is None and points:
            before = [p for p in points if p[0] <= g.start]
            baseline = before[-1][1] if before else points[0][1]
        if points:
            current_date, current = points[-1]
        direction = g.direction
        if direction is None and baseline is not None and target is not None:
            if target > baseline:
                direction = 'up'
            elif target < baseline:
                direction = 'down'
            else:
                _, tnode = g.nodes['target']
                l, c = pos(tnode, 1)
                diags.error(g.relpath, l, c,
                            "target equals baseline (%r): give a direction" % target)
        elif g.direction is not None and baseline is not None and target is not None:
            derived = 'up' if target > baseline else ('down' if target < baseline else None)
            if derived is not None and derived != g.direction:
                kn, dn = g.nodes['direction']
                l, c = pos(dn, 1)
                diags.warning(g.relpath, l, c,
                              "direction %s contradicts target and baseline" % g.direction)
        if baseline is not None and target is not None:
            knots = [(g.start, baseline)]
            knots += [(d, t) for (d, t, _) in g.milestones if g.start < d < g.due]
            knots.append((g.due, target))
            expected = interpolate(knots, as_of)
        # forecast
        fpts = [(d, v) for (d, v) in points if g.start <= d <= as_of]
        if len(fpts) >= 3:
            xs = [(d - g.start).days for d, _ in fpts]
            ys = [v for _, v in fpts]
            n = len(xs)
            mx = sum(xs) / n
            my = sum(ys) / n
            sxx = sum((x - mx) ** 2 for x in xs)
            sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
            if sxx > 0:
                slope = sxy / sxx
                intercept = my - slope * mx
                forecast = intercept + slope * (g.due - g.start).days
                if (target is not None and slope != 0 and
                        ((direction == 'up' and slope > 0) or (direction == 'down' and slope < 0))):
                    xstar = (target - intercept) / slope
                    if math.isfinite(xstar):
                        days = math.ceil(xstar - 1e-9)
                        lo = dt.date(1, 1, 1).toordinal()
                        hi = dt.date(9999, 12, 31).toordinal()
                        o = g.start.toordinal() + days
                        if lo <= o <= hi:
                            forecast_date = dt.date.fromordinal(o)

    progress = behind = None
    if current is not None and baseline is not None and target is not None and target != baseline:
        progress = (current - baseline) / (target - baseline)
        span = abs(target - baseline)
        if expected is not None:
            if direction == 'up':
                behind = (expected - current) / span
            elif direction == 'down':
                behind = (current - expected) / span

    # status
    if g.state == 'dropped':
        status = 'dropped'
    elif g.state == 'draft':
        status = 'draft'
    elif current is None:
        status = 'no-data'
    elif target is not None and meets(current, target, direction):
        status = 'achieved'
    elif as_of > g.due:
        status = 'missed'
    elif as_of < g.start:
        status = 'not-started'
    elif behind is None:
        status = 'off-track'          # DECISION: target = baseline with a direction
    elif behind <= 0:
        status = 'on-track'
    elif behind <= tolerance:
        status = 'at-risk'
    else:
        status = 'off-track'

    # milestones
    ms = []
    for (d, t, _) in g.milestones:
        met = None
        if not task_goal and d <= as_of and direction is not None:
            before = [p for p in points if p[0] <= d]
            if before:
                met = bool(meets(before[-1][1], t, direction))
        ms.append({'date': d.isoformat(), 'target': fnum(t), 'met': met})

    # check-ins
    cis = sorted([c for c in g.checkins if c[0] <= as_of], key=lambda c: (c[0], c[2]))
    last_checkin = cis[-1][0] if cis else None
    stale = False
    if g.cadence is not None:
        last = last_checkin if last_checkin is not None else g.start
        stale = (as_of - last).days > g.cadence

    parent = g.parent
    if parent is not None and parent not in included_slugs:
        parent = None                 # the parent is a left-out draft

    out = {
        'slug': g.slug,
        'title': g.title,
        'owner': g.owner,
        'team': g.team,
        'parent': parent,
        'metric': g.metric_text,
        'unit': g.unit,
        'direction': direction,
        'baseline': fnum(baseline),
        'target': fnum(target),
        'current': fnum(current),
        'current_date': iso(current_date),
        'expected': fnum(expected),
        'progress': fnum(progress),
        'status': status,
        'start': iso(g.start),
        'due': iso(g.due),
        'forecast': fnum(forecast),
        'forecast_date': iso(forecast_date),
        'milestones': ms,
        'checkins': [{'date': c[0].isoformat(), 'title': c[1]} for c in cis],
        'last_checkin': iso(last_checkin),
        'stale': stale,
        'tasks': {'done': g.tasks_done, 'total': g.tasks_total},
        'url': 'goals/%s/' % g.slug,
    }
    return out


# --------------------------------------------------------------------------
# main


def build(site, as_of_arg, with_drafts, diags):
    settings = load_settings(site, diags)
    as_of = as_of_arg or settings['as_of'] or dt.date.today()

    series_by_name = {}
    for path, reltop in walk_files(site, os.path.join('content', 'metrics'), '.csv', diags):
        s = load_series(site, path, reltop, diags)
        series_by_name[s.name] = s

    goals = []
    for path, _ in walk_files(site, os.path.join('content', 'goals'), '.md', diags):
        g = load_goal(site, path, diags)
        if g is not None:
            goals.append(g)

    # slugs
    by_slug = {}
    for g in goals:
        if not g.slug or not SLUG_RE.match(g.slug):
            continue
        if g.slug in by_slug:
            other = by_slug[g.slug]
            diags.error(g.relpath, g.slug_line[0], g.slug_line[1],
                        "slug \"%s\" is also used by %s" % (g.slug, other.relpath))
            continue
        by_slug[g.slug] = g

    # parents: unknown and cycles
    for g in goals:
        if g.parent is None:
            continue
        if g.parent not in by_slug:
            _, pn = g.nodes['parent']
            l, c = pos(pn, 1)
            diags.error(g.relpath, l, c, "unknown parent \"%s\"" % g.parent)
    reported = set()
    for g in goals:
        seen = []
        cur = g
        while cur is not None and cur.parent is not None and cur.parent in by_slug:
            if cur.slug in seen:
                cyc = seen[seen.index(cur.slug):]
                key = frozenset(cyc)
                if key not in reported:
                    reported.add(key)
                    first = by_slug[min(cyc)]
                    _, pn = first.nodes['parent']
                    l, c = pos(pn, 1)
                    diags.error(first.relpath, l, c,
                                "parent cycle: %s" % " -> ".join(cyc + [cyc[0]]))
                break
            seen.append(cur.slug)
            cur = by_slug[cur.parent]

    included = [g for g in goals if g.valid and (with_drafts or g.state != 'draft')]
    included_slugs = {g.slug for g in included}
    for g in included:
        if g.parent is not None and g.parent in by_slug and g.parent not in included_slugs:
            _, pn = g.nodes['parent']
            l, c = pos(pn, 1)
            diags.warning(g.relpath, l, c,
                          "parent \"%s\" is a draft left out: parent set to none" % g.parent)

    results = []
    for g in sorted(goals, key=lambda g: g.slug or ''):
        res = None
        if g.metric is not None:
            res = resolve_metric(g, series_by_name, diags)
        if not g.valid:
            continue
        points = []
        if g.metric is not None:
            if res is None:
                continue
            s, ci = res
            if not s.ok:
                continue
            points = series_points(s, ci, g.period, g.rollup, as_of)
        out = compute(g, points, as_of, settings['tolerance'], with_drafts,
                      included_slugs, goals, diags)
        if with_drafts or g.state != 'draft':
            results.append(out)
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
    if args.warnings or diags.errors:
        for line in (diags.warning_lines() if args.warnings else []):
            print(line, file=sys.stderr)
    if diags.errors:
        for line in diags.error_lines():
            print(line, file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2, sort_keys=False))
    return 0


if __name__ == '__main__':
    sys.exit(main())
