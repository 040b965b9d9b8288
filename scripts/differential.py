#!/usr/bin/env python3
"""Differential test: goalwall's goals.json and errors against the Python reference.

Usage:
    python3 scripts/differential.py --binary .build/release/goalwall --sites . Tests/Fixtures/chart-edges
    python3 scripts/differential.py --binary B --random 200 --seed 1 [--v1-only]
    python3 scripts/differential.py --binary B --random 500 --seed 7 --v1-only --sites . Tests/Fixtures/chart-edges

For every site: `B build --site S --output TMP --as-of D --quiet [--drafts]`,
and scripts/reference_goals.py on the same site (in this process), then
  (a) when both build: goals.json field by field (compare_goals.compare_docs),
  (b) when either fails: whether both failed, and the set of error positions
      PATH:LINE:COLUMN (messages may differ).
Given sites (--sites) are built for their pinned as_of (or --as-of), once
without and once with --drafts.  Random sites come from scripts/random_sites.py
(--v1-only: version-1 features only, for today's binary); each carries its own
as_of and --drafts choice.

When the binary writes no `kind` at all (a version-1 build), the reference's
`kind`/`record` are checked to be "reach"/null and left out of the comparison.

Every disagreement is printed with the site folder, which is kept (under
--keep, default /tmp/goalwall-differential) for inspection; then a summary.
Exit status: 0 all agree, 1 any disagreement, 2 wrong usage.
"""

import argparse
import concurrent.futures
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import compare_goals       # noqa: E402
import random_sites        # noqa: E402
import reference_goals     # noqa: E402

ERROR_RE = re.compile(r'^(.+?):(\d+):(\d+): error: ')


class Outcome:
    """One side's result: failed?, error positions, goals.json (or None), raw messages."""

    def __init__(self, failed, positions, doc, messages, crash=None):
        self.failed = failed
        self.positions = positions
        self.doc = doc
        self.messages = messages
        self.crash = crash


def run_binary(binary, site, as_of, drafts, out_dir):
    cmd = [binary, 'build', '--site', site, '--output', out_dir, '--as-of', as_of, '--quiet']
    if drafts:
        cmd.append('--drafts')
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return Outcome(True, set(), None, [], crash='timed out')
    lines = [l for l in p.stderr.splitlines() if ERROR_RE.match(l)]
    positions = set()
    for l in lines:
        m = ERROR_RE.match(l)
        positions.add('%s:%s:%s' % (m.group(1), m.group(2), m.group(3)))
    crash = None
    if p.returncode not in (0, 1):
        crash = 'exit status %d: %s' % (p.returncode, p.stderr.strip()[-500:])
    doc = None
    if p.returncode == 0:
        try:
            with open(os.path.join(out_dir, 'goals.json'), encoding='utf-8') as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            crash = 'no readable goals.json: %s' % e
    return Outcome(p.returncode != 0, positions, doc, lines, crash)


def run_reference(site, as_of, drafts):
    diags = reference_goals.Diagnostics()
    try:
        doc = reference_goals.build(site, dt.date.fromisoformat(as_of), drafts, diags)
    except Exception as e:                              # a reference bug: report it
        import traceback
        return Outcome(True, set(), None, [], crash='reference raised: ' + ''.join(
            traceback.format_exception(type(e), e, e.__traceback__))[-1500:])
    lines = diags.error_lines()
    positions = {'%s:%d:%d' % (p, l, c) for (p, l, c, _) in diags.errors}
    failed = bool(diags.errors)
    return Outcome(failed, positions, None if failed else json.loads(json.dumps(doc)), lines)


def strip_v2_fields(ref_doc, out):
    """For a version-1 binary: the reference's kind/record must be reach/null; drop them."""
    for g in ref_doc.get('goals', []):
        if g.get('kind') != 'reach' or g.get('record') is not None:
            out.append('%s: reference gives kind %r, record %r on a version-1 build'
                       % (g.get('slug'), g.get('kind'), g.get('record')))
        g.pop('kind', None)
        g.pop('record', None)


def compare(binary_out, ref_out):
    """Lines describing every disagreement (empty when they agree)."""
    out = []
    if binary_out.crash:
        out.append('goalwall: %s' % binary_out.crash)
    if ref_out.crash:
        out.append(ref_out.crash)
    if out:
        return out
    if binary_out.failed != ref_out.failed:
        out.append('build %s in goalwall but %s in the reference'
                   % ('failed' if binary_out.failed else 'succeeded',
                      'failed' if ref_out.failed else 'succeeded'))
        for l in binary_out.messages:
            out.append('  goalwall:  ' + l)
        for l in ref_out.messages:
            out.append('  reference: ' + l)
        return out
    if binary_out.failed:
        only_b = sorted(binary_out.positions - ref_out.positions)
        only_r = sorted(ref_out.positions - binary_out.positions)
        if only_b or only_r:
            out.append('error positions differ')
            for l in binary_out.messages:
                mark = '*' if ERROR_RE.match(l) and ':'.join(ERROR_RE.match(l).groups()) in only_b else ' '
                out.append('  goalwall: %s %s' % (mark, l))
            for l in ref_out.messages:
                mark = '*' if ERROR_RE.match(l) and ':'.join(ERROR_RE.match(l).groups()) in only_r else ' '
                out.append('  reference:%s %s' % (mark, l))
        return out
    ref_doc = ref_out.doc
    goals = binary_out.doc.get('goals', [])
    if goals and not any('kind' in g for g in goals):
        strip_v2_fields(ref_doc, out)
    out += compare_goals.compare_docs(binary_out.doc, ref_doc)
    return out


def site_as_of(site, given):
    if given:
        return given
    path = os.path.join(site, 'goalwall.yml')
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            m = re.search(r'^as_of:\s*["\']?(\d{4}-\d{2}-\d{2})', f.read(), re.M)
            if m:
                return m.group(1)
    return dt.date.today().isoformat()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--binary', required=True, help='the goalwall executable')
    ap.add_argument('--sites', nargs='*', default=[], help='site folders to test as they are')
    ap.add_argument('--as-of', help='as-of date for --sites (default: their pinned as_of)')
    ap.add_argument('--random', type=int, default=0, metavar='N', help='N generated sites')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--first', type=int, default=0, help='index of the first generated site')
    ap.add_argument('--v1-only', action='store_true', help='generate version-1 features only')
    ap.add_argument('--keep', default=os.path.join(tempfile.gettempdir(), 'goalwall-differential'),
                    help='where sites with disagreements are kept')
    ap.add_argument('--jobs', type=int, default=max(1, min(4, os.cpu_count() or 1)))
    ap.add_argument('--max-report', type=int, default=30, help='disagreements printed in full')
    args = ap.parse_args(argv)
    if not os.access(args.binary, os.X_OK):
        print('error: %s is not an executable' % args.binary, file=sys.stderr)
        return 2
    binary = os.path.abspath(args.binary)
    if not args.sites and not args.random:
        print('error: give --sites and/or --random N', file=sys.stderr)
        return 2

    started = time.time()
    work = tempfile.mkdtemp(prefix='goalwall-diff-')
    cases = []          # (label, site folder, as_of, drafts, generated?)
    for s in args.sites:
        if not os.path.isdir(s):
            print('error: %s is not a folder' % s, file=sys.stderr)
            return 2
        a = site_as_of(s, args.as_of)
        cases.append(('%s (as of %s)' % (s, a), os.path.abspath(s), a, False, False))
        cases.append(('%s (as of %s, --drafts)' % (s, a), os.path.abspath(s), a, True, False))
    for k in range(args.first, args.first + args.random):
        folder = os.path.join(work, 'site-%05d' % k)
        info = random_sites.generate(folder, args.seed, k, args.v1_only)
        cases.append(('random site %d (seed %d%s, fault %s)'
                      % (k, args.seed, ', v1' if args.v1_only else '', info['fault']),
                      folder, info['as_of'], info['drafts'], True))

    def build(i_case):
        i, (_, folder, as_of, drafts, _) = i_case
        return run_binary(binary, folder, as_of, drafts, os.path.join(work, 'out-%05d' % i))

    disagreements = 0
    failed_builds = 0
    os.makedirs(args.keep, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = pool.map(build, enumerate(cases))
        for i, ((label, folder, as_of, drafts, generated), b_out) in enumerate(zip(cases, futures)):
            r_out = run_reference(folder, as_of, drafts)
            shutil.rmtree(os.path.join(work, 'out-%05d' % i), ignore_errors=True)
            diff = compare(b_out, r_out)
            if b_out.failed and r_out.failed:
                failed_builds += 1
            if diff:
                disagreements += 1
                kept = folder
                if generated:
                    kept = os.path.join(args.keep, os.path.basename(folder) + '-seed%d%s'
                                        % (args.seed, '-v1' if args.v1_only else ''))
                    shutil.rmtree(kept, ignore_errors=True)
                    shutil.copytree(folder, kept)
                if disagreements <= args.max_report:
                    print('DISAGREE %s\n  site: %s\n  build: %s build --site %s --as-of %s%s'
                          % (label, kept, binary, kept, as_of, ' --drafts' if drafts else ''))
                    for l in diff[:40]:
                        print('  ' + l)
                    if len(diff) > 40:
                        print('  … %d more' % (len(diff) - 40))
                else:
                    print('DISAGREE %s: %s' % (label, kept))
            if generated:
                shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    print('%d sites (%d given, %d random%s), %d builds failed on both sides as expected, '
          '%d disagreements, %.1f s'
          % (len(cases), 2 * len(args.sites), args.random, ' v1-only' if args.v1_only else '',
             failed_builds, disagreements, time.time() - started))
    return 1 if disagreements else 0


if __name__ == '__main__':
    sys.exit(main())
