#!/usr/bin/env python3
"""Compare two goals.json files field by field.

Usage:
    python3 scripts/compare_goals.py A.json B.json [--rel-tol 1e-9] [--abs-tol 0]

Goals are matched by slug.  Numbers (not booleans) are equal when
math.isclose(a, b, rel_tol=1e-9, abs_tol=ABS) holds (ABS defaults to 0, so
only relative tolerance applies, as agreed; pass --abs-tol to absorb
rounding noise around zero).  Every difference is printed as
``slug.field: A != B`` (values as JSON; top-level fields use the field name
alone).  Exit status: 0 equal, 1 differences, 2 unreadable input.
"""

import argparse
import json
import math
import sys


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def show(v):
    return json.dumps(v, ensure_ascii=False)


def compare(a, b, path, out, rel_tol, abs_tol):
    if is_number(a) and is_number(b):
        if not math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=abs_tol):
            out.append("%s: %s != %s" % (path, show(a), show(b)))
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a.keys()) + [k for k in b.keys() if k not in a]:
            sub = "%s.%s" % (path, k) if path else k
            if k not in a:
                out.append("%s: <absent> != %s" % (sub, show(b[k])))
            elif k not in b:
                out.append("%s: %s != <absent>" % (sub, show(a[k])))
            else:
                compare(a[k], b[k], sub, out, rel_tol, abs_tol)
        return
    if isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            sub = "%s[%d]" % (path, i)
            if i >= len(a):
                out.append("%s: <absent> != %s" % (sub, show(b[i])))
            elif i >= len(b):
                out.append("%s: %s != <absent>" % (sub, show(a[i])))
            else:
                compare(a[i], b[i], sub, out, rel_tol, abs_tol)
        return
    if type(a) is not type(b) or a != b:
        out.append("%s: %s != %s" % (path, show(a), show(b)))


def goals_by_slug(doc, label, out):
    goals = doc.get('goals') if isinstance(doc, dict) else None
    if not isinstance(goals, list):
        out.append("goals: not a list in %s" % label)
        return {}, []
    res, order = {}, []
    for i, g in enumerate(goals):
        slug = g.get('slug') if isinstance(g, dict) else None
        if not isinstance(slug, str):
            slug = "#%d" % i
        if slug in res:
            out.append("%s: duplicate slug in %s" % (slug, label))
            continue
        res[slug] = g
        order.append(slug)
    return res, order


def compare_docs(a, b, rel_tol=1e-9, abs_tol=0.0):
    """Every difference between two goals.json documents, as printed lines."""
    out = []
    if not isinstance(a, dict) or not isinstance(b, dict):
        out.append("top level: %s != %s" % (type(a).__name__, type(b).__name__))
        return out
    for k in list(a.keys()) + [k for k in b.keys() if k not in a]:
        if k == 'goals':
            continue
        if k not in a:
            out.append("%s: <absent> != %s" % (k, show(b[k])))
        elif k not in b:
            out.append("%s: %s != <absent>" % (k, show(a[k])))
        else:
            compare(a[k], b[k], k, out, rel_tol, abs_tol)
    ga, oa = goals_by_slug(a, 'A', out)
    gb, ob = goals_by_slug(b, 'B', out)
    if oa != ob and set(oa) == set(ob):
        out.append("goals order: %s != %s" % (show(oa), show(ob)))
    for slug in oa + [s for s in ob if s not in ga]:
        if slug not in gb:
            out.append("%s: present != <absent>" % slug)
        elif slug not in ga:
            out.append("%s: <absent> != present" % slug)
        else:
            ka, kb = list(ga[slug].keys()), list(gb[slug].keys())
            compare(ga[slug], gb[slug], slug, out, rel_tol, abs_tol)
            if ka != kb and set(ka) == set(kb):
                out.append("%s.<key order>: %s != %s" % (slug, show(ka), show(kb)))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="Compare two goals.json files")
    ap.add_argument('a')
    ap.add_argument('b')
    ap.add_argument('--rel-tol', type=float, default=1e-9)
    ap.add_argument('--abs-tol', type=float, default=0.0)
    args = ap.parse_args(argv)
    docs = []
    for p in (args.a, args.b):
        try:
            with open(p, encoding='utf-8') as f:
                docs.append(json.load(f))
        except (OSError, ValueError) as e:
            print("cannot read %s: %s" % (p, e), file=sys.stderr)
            return 2
    out = compare_docs(docs[0], docs[1], args.rel_tol, args.abs_tol)
    for line in out:
        print(line)
    return 1 if out else 0


if __name__ == '__main__':
    sys.exit(main())
