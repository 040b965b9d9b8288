"""Unit tests for scripts/reference_goals.py: contract version 2 (§10, §11) and the
version-1 figures it must keep.

Usage:
    python3 -m pytest scripts/tests -q

Each test writes a small site to a temporary folder and builds it with the
reference, then reads goals.json figures or error positions.
"""

import datetime as dt
import os
import sys
import textwrap

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

import reference_goals as ref  # noqa: E402

AS_OF = dt.date(2026, 3, 2)


# --------------------------------------------------------------------------
# helpers


def write_site(root, files):
    """files: {relative path: text}; text is dedented, a leading newline dropped."""
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if isinstance(text, bytes):
            data = text
        else:
            data = textwrap.dedent(text).lstrip('\n').encode('utf-8')
        with open(full, 'wb') as f:
            f.write(data)
    return str(root)


def build(root, files, as_of=AS_OF, drafts=False):
    """(goals.json document, error positions {PATH:LINE:COL}, diagnostics)."""
    site = write_site(root, files)
    diags = ref.Diagnostics()
    doc = ref.build(site, as_of, drafts, diags)
    positions = {'%s:%d:%d' % (p, l, c) for (p, l, c, _) in diags.errors}
    return doc, positions, diags


def goal(doc, slug):
    for g in doc['goals']:
        if g['slug'] == slug:
            return g
    raise KeyError(slug)


def ok(root, files, slug='g', **kw):
    doc, errors, diags = build(root, files, **kw)
    assert not errors, diags.error_lines()
    return goal(doc, slug)


def fm(**keys):
    """Front matter from keyword arguments (values written as given)."""
    lines = ['---']
    for k, v in keys.items():
        lines.append('%s: %s' % (k, v))
    lines.append('---')
    return '\n'.join(lines) + '\n'


def daily_csv(values, start=dt.date(2026, 1, 1), header='date,v'):
    """A CSV with one row per day from start (None: an empty cell)."""
    rows = [header]
    for k, v in enumerate(values):
        rows.append('%s,%s' % (start + dt.timedelta(days=k), '' if v is None else v))
    return '\n'.join(rows) + '\n'


# --------------------------------------------------------------------------
# §10 values: durations, relative targets


@pytest.mark.parametrize('text, seconds', [
    ('6:30', 390.0), ('1:02:03', 3723.0), ('-6:30', -390.0), ('+0:05', 5.0),
    ('90:00', 5400.0), ('0:00:01.5', 1.5), ('12:34.25', 754.25), (' 6:30 ', 390.0),
])
def test_durations_are_seconds(text, seconds):
    assert ref.parse_duration(text) == seconds


@pytest.mark.parametrize('text', ['6:75', '1:2:03', '6:5', '1:60:00', ':30', '6:30:', '6:30.',
                                  '6.5:30', '1:00:00:00', '6:30 h', ''])
def test_malformed_durations_are_not_seconds(text):
    assert ref.parse_duration(text) is None


def test_relative_target_minus_50_percent_of_baseline_8_is_4(tmp_path):
    g = ok(tmp_path, {
        'content/metrics/wait.csv': daily_csv([8, 7, 6]),
        'content/goals/g.md': fm(title='T', metric='wait', target='-50%', start='2026-01-01',
                                 due='2026-04-01'),
    })
    assert g['baseline'] == 8.0
    assert g['target'] == 4.0
    assert g['direction'] == 'down'
    assert g['kind'] == 'reach' and g['record'] is None


def test_relative_target_quoted_and_relative_milestones(tmp_path):
    g = ok(tmp_path, {
        'content/metrics/m.csv': daily_csv([10, 11]),
        'content/goals/g.md': textwrap.dedent('''\
            ---
            title: T
            metric: m
            target: "+20%"
            start: 2026-01-01
            due: 2026-03-01
            milestones:
              - { date: 2026-01-20, target: +10% }
            ---
            '''),
    })
    assert g['target'] == pytest.approx(12.0)
    assert g['milestones'] == [{'date': '2026-01-20', 'target': pytest.approx(11.0), 'met': True}]


def test_duration_target_is_seconds(tmp_path):
    g = ok(tmp_path, {
        'content/metrics/m.csv': 'date,handle\n2026-01-01,8:00\n2026-01-02,7:30\n',
        'content/goals/g.md': fm(title='T', metric='m', target='"6:30"', start='2026-01-01',
                                 due='2026-03-01', format='duration'),
    })
    assert g['target'] == 390.0
    assert g['baseline'] == 480.0
    assert g['current'] == 450.0


def test_unsigned_percent_target_is_an_error_at_the_target_value(tmp_path):
    _, errors, diags = build(tmp_path, {
        'content/metrics/m.csv': daily_csv([1, 2]),
        'content/goals/g.md': fm(title='T', metric='m', target='80%', start='2026-01-01',
                                 due='2026-03-01'),
    })
    assert errors == {'content/goals/g.md:4:9'}
    assert '80' in diags.errors[0][3] and '+80%' in diags.errors[0][3]


def test_relative_target_equal_to_baseline_without_direction_is_an_error_at_target(tmp_path):
    _, errors, _ = build(tmp_path, {
        'content/metrics/m.csv': daily_csv([0, 1, 2]),
        'content/goals/g.md': fm(title='T', metric='m', target='+25%', start='2026-01-01',
                                 due='2026-03-01'),
    })
    assert errors == {'content/goals/g.md:4:1'}          # baseline 0: target 0


def test_relative_target_equal_to_baseline_with_direction_is_off_track(tmp_path):
    g = ok(tmp_path, {
        'content/metrics/m.csv': daily_csv([5, 4]),
        'content/goals/g.md': fm(title='T', metric='m', target='+0%', direction='up',
                                 start='2026-01-01', due='2026-04-01'),
    })
    assert (g['target'], g['progress'], g['status']) == (5.0, None, 'off-track')


def test_relative_target_without_data_is_null_and_no_data(tmp_path):
    g = ok(tmp_path, {
        'content/metrics/m.csv': 'date,v\n',
        'content/goals/g.md': fm(title='T', metric='m', target='-10%', start='2026-01-01',
                                 due='2026-04-01'),
    })
    assert (g['target'], g['baseline'], g['status']) == (None, None, 'no-data')


# --------------------------------------------------------------------------
# §10 window baselines


def test_window_baseline_is_the_mean_of_points_in_the_window(tmp_path):
    g = ok(tmp_path, {
        'content/metrics/m.csv': daily_csv([10, 20, 30, 40, 50]),
        'content/goals/g.md': fm(title='T', metric='m', target='-50%',
                                 baseline='{ from: 2026-01-02, to: 2026-01-04 }',
                                 start='2026-01-05', due='2026-04-01'),
    })
    assert g['baseline'] == 30.0
    assert g['target'] == 15.0


def test_window_baseline_uses_period_points(tmp_path):
    # week of 2025-12-29 (Mon): rows 2026-01-01..04 → sum 10; week of 2026-01-05: 26
    g = ok(tmp_path, {
        'content/metrics/m.csv': daily_csv([1, 2, 3, 4, 5, 6, 7, 8]),
        'content/goals/g.md': fm(title='T', metric='m', target=100, period='week', rollup='sum',
                                 baseline='{ from: 2025-12-29, to: 2026-01-05 }',
                                 start='2026-01-12', due='2026-04-01'),
    })
    assert g['baseline'] == 18.0      # mean of 10 and 26 (week of Jan 5 sums 5..8 = 26)


def test_empty_window_gives_no_data_with_null_plan_figures(tmp_path):
    g = ok(tmp_path, {
        'content/metrics/m.csv': daily_csv([1, 2, 3, 4, 5, 6]),
        'content/goals/g.md': fm(title='T', metric='m', target=10,
                                 baseline='{ from: 2025-06-01, to: 2025-06-30 }',
                                 start='2026-01-01', due='2026-04-01'),
    })
    assert g['status'] == 'no-data'
    assert g['current'] == 6.0
    for key in ('baseline', 'expected', 'progress', 'forecast', 'forecast_date'):
        assert g[key] is None, key
    assert g['target'] == 10.0


def test_window_from_after_to_is_an_error(tmp_path):
    _, errors, _ = build(tmp_path, {
        'content/metrics/m.csv': daily_csv([1, 2]),
        'content/goals/g.md': fm(title='T', metric='m', target=10,
                                 baseline='{ from: 2026-02-01, to: 2026-01-01 }',
                                 start='2026-01-01', due='2026-04-01'),
    })
    assert errors == {'content/goals/g.md:5:35'}       # at the `to` date


# --------------------------------------------------------------------------
# §10 maintain goals


def maintain_site(values, start='2026-01-01', due=None, extra='', as_csv=None, **keys):
    front = {'title': 'Keep it', 'kind': 'maintain', 'metric': 'm', 'start': start}
    if due:
        front['due'] = due
    front.update(keys)
    return {
        'content/metrics/m.csv': as_csv if as_csv is not None else daily_csv(values),
        'content/goals/g.md': fm(**front) + extra,
    }


def test_maintain_daily_record_progress_current(tmp_path):
    g = ok(tmp_path, maintain_site([50, 70, None, 40, 65], target=60, direction='down'),
           as_of=dt.date(2026, 1, 10))
    assert g['record'] == {'met': 2, 'judged': 4}     # the empty day is not judged
    assert g['progress'] == 0.5
    assert (g['current'], g['current_date']) == (65.0, '2026-01-05')
    for key in ('baseline', 'expected', 'forecast', 'forecast_date'):
        assert g[key] is None
    assert g['milestones'] == []
    assert g['kind'] == 'maintain' and g['due'] is None


def test_weekly_count_quota_counts_missing_weeks_as_zero(tmp_path):
    csv = ('date,article\n'
           '2026-01-05,a\n'.replace('a', '1') +        # week of Jan 5: 1 article
           '2026-01-06,1\n'
           '2026-01-20,1\n')                           # week of Jan 12: none; Jan 19: 1
    g = ok(tmp_path, maintain_site(None, as_csv=csv, start='2026-01-05', target=1,
                                   direction='up', period='week', rollup='count'),
           as_of=dt.date(2026, 1, 25))
    assert g['record'] == {'met': 2, 'judged': 3}
    assert (g['current'], g['current_date']) == (1.0, '2026-01-19')
    assert g['status'] == 'at-risk'                    # latest met, 2/3 < hold 1


def test_maintain_week_candidates_start_on_or_after_start(tmp_path):
    # start on a Wednesday: the week holding it is not judged; the running week neither
    csv = daily_csv([1] * 30, start=dt.date(2026, 1, 1))
    g = ok(tmp_path, maintain_site(None, as_csv=csv, start='2026-01-07', target=1,
                                   direction='up', period='week', rollup='sum'),
           as_of=dt.date(2026, 1, 28))
    # candidates: weeks of Jan 12, Jan 19 (Jan 26 still running)
    assert g['record'] == {'met': 2, 'judged': 2}
    assert g['current_date'] == '2026-01-19'


def test_maintain_with_mean_leaves_empty_periods_unjudged(tmp_path):
    g = ok(tmp_path, maintain_site([5, None, 5], target=4, direction='up', rollup='mean'),
           as_of=dt.date(2026, 1, 5))
    assert g['record'] == {'met': 2, 'judged': 2}


def test_maintain_sum_counts_days_without_rows_as_zero(tmp_path):
    g = ok(tmp_path, maintain_site([5, None, 5], target=4, direction='up', rollup='sum'),
           as_of=dt.date(2026, 1, 5))
    assert g['record'] == {'met': 2, 'judged': 5}      # Jan 1..5, three of them 0


@pytest.mark.parametrize('as_of, due, hold, values, status', [
    # A < start
    ('2025-12-31', None, '1', [5, 5], 'not-started'),
    # no judged period
    ('2026-01-02', None, '1', [None, None], 'no-data'),
    # after due: share ≥ hold → achieved, else missed
    ('2026-01-10', '2026-01-04', '0.75', [5, 5, 5, 1], 'achieved'),
    ('2026-01-10', '2026-01-04', '0.8', [5, 5, 5, 1], 'missed'),
    # latest met: share ≥ hold → on-track, else at-risk
    ('2026-01-04', None, '0.5', [1, 5, 1, 5], 'on-track'),
    ('2026-01-04', None, '1', [1, 5, 1, 5], 'at-risk'),
    # latest missed within tolerance × |target| (0.1 × 4 = 0.4) → at-risk
    ('2026-01-02', None, '1', [5, 3.6], 'at-risk'),
    ('2026-01-02', None, '1', [5, 3.5], 'off-track'),
])
def test_maintain_status_rules_in_order(tmp_path, as_of, due, hold, values, status):
    g = ok(tmp_path, maintain_site(values, due=due, target=4, direction='up', hold=hold),
           as_of=dt.date.fromisoformat(as_of))
    assert g['status'] == status


def test_maintain_tolerance_of_the_goal(tmp_path):
    g = ok(tmp_path, maintain_site([5, 3.5], target=4, direction='up', tolerance='0.2'),
           as_of=dt.date(2026, 1, 2))
    assert g['status'] == 'at-risk'


def test_dropped_maintain_goal_is_dropped_but_computed(tmp_path):
    g = ok(tmp_path, maintain_site([5, 3.5], target=4, direction='up', state='dropped'),
           as_of=dt.date(2026, 1, 2))
    assert g['status'] == 'dropped' and g['record'] == {'met': 1, 'judged': 2}


@pytest.mark.parametrize('extra_keys, position', [
    ({'baseline': '3'}, 'content/goals/g.md:8:1'),
    ({'target': '-10%'}, 'content/goals/g.md:6:1'),
    ({'milestones': '[{date: 2026-01-03, target: 1}]'}, 'content/goals/g.md:8:1'),
])
def test_maintain_rejects_baseline_relative_target_and_milestones(tmp_path, extra_keys, position):
    keys = {'title': 'T', 'kind': 'maintain', 'metric': 'm', 'direction': 'up', 'target': '4',
            'start': '2026-01-01'}
    keys.update(extra_keys)
    _, errors, _ = build(tmp_path, {'content/metrics/m.csv': daily_csv([1]),
                                    'content/goals/g.md': fm(**keys)})
    assert errors == {position}


def test_maintain_missing_keys(tmp_path):
    _, errors, _ = build(tmp_path, {
        'content/metrics/m.csv': daily_csv([1]),
        'content/goals/a.md': fm(title='T', kind='maintain', metric='m', target=1, start='2026-01-01'),
        'content/goals/b.md': fm(title='T', kind='maintain', metric='m', direction='up',
                                 start='2026-01-01'),
        'content/goals/c.md': fm(title='T', kind='maintain', target=1, direction='up',
                                 start='2026-01-01'),
    })
    assert errors == {'content/goals/a.md:1:1',      # direction
                      'content/goals/b.md:4:1',      # target: at the metric line
                      'content/goals/c.md:1:1'}      # metric


def test_hold_on_a_reach_goal_is_a_warning(tmp_path):
    doc, errors, diags = build(tmp_path, {
        'content/metrics/m.csv': daily_csv([1, 2]),
        'content/goals/g.md': fm(title='T', metric='m', target=5, hold='0.5', start='2026-01-01',
                                 due='2026-04-01'),
    })
    assert not errors
    assert [w[1:3] for w in diags.warnings if 'hold' in w[3]] == [(5, 1)]


@pytest.mark.parametrize('key, value', [('hold', '0'), ('hold', '1.5'), ('tolerance', '2'),
                                        ('format', 'seconds'), ('kind', 'keep')])
def test_bad_v2_goal_keys_are_errors_at_the_value(tmp_path, key, value):
    keys = {'title': 'T', 'kind': 'maintain', 'metric': 'm', 'direction': 'up', 'target': '4',
            'start': '2026-01-01'}
    keys[key] = value
    _, errors, _ = build(tmp_path, {'content/metrics/m.csv': daily_csv([1]),
                                    'content/goals/g.md': fm(**keys)})
    line = list(keys).index(key) + 2
    at = 'content/goals/g.md:%d:%d' % (line, len(key) + 3)
    if key == 'kind':
        assert errors == {at, 'content/goals/g.md:1:1'}   # read as reach: due is missing
    else:
        assert errors == {at}


# --------------------------------------------------------------------------
# §10 computed metrics


@pytest.mark.parametrize('expr, value', [
    ('1 + 2 * 3', 7.0), ('(1 + 2) * 3', 9.0), ('-2 * 3', -6.0), ('2 * -3', -6.0),
    ('10 - 4 - 3', 3.0), ('24 / 4 / 3', 2.0), ('--2', 2.0), ('2 - -3', 5.0),
    ('-(2 + 3) * 2', -10.0), ('1e2 / .5', 200.0), ('3.', 3.0),
])
def test_formula_precedence(expr, value):
    assert ref.evaluate_formula(ref.parse_formula(expr), {}) == value


@pytest.mark.parametrize('expr', ['', '   ', '1 +', '(1', '1)', '1 2', '+1', '2 ** 3', 'a % b',
                                  '`x', '``', '1.2.3', '2a', '1e999', '()'])
def test_malformed_formulas(expr):
    with pytest.raises(ref.FormulaError):
        ref.parse_formula(expr)


def test_formula_column_names_plain_and_backquoted():
    tree = ref.parse_formula('100 * `first contact` / resolved_2')
    assert ref.formula_columns(tree) == ['first contact', 'resolved_2']


def test_formula_is_a_ratio_of_sums_not_a_sum_of_ratios(tmp_path):
    csv = ('date,resolved_first,resolved\n'
           '2026-01-05,1,1\n'       # 100 %
           '2026-01-06,1,3\n')      # 33 %: ratio of sums 2/4 = 50 %
    g = ok(tmp_path, {
        'content/metrics/fcr.csv': csv,
        'content/goals/g.md': fm(title='T', metric='{ file: fcr, formula: "100 * resolved_first / resolved" }',
                                 target=80, start='2026-01-05', due='2026-04-01', period='week',
                                 rollup='sum'),
    }, as_of=dt.date(2026, 1, 12))
    assert g['current'] == 50.0
    assert g['metric'] == 'fcr: 100 * resolved_first / resolved'


def test_formula_nps(tmp_path):
    csv = 'date,promoters,detractors,responses\n2026-01-01,50,10,80\n'
    g = ok(tmp_path, {
        'content/metrics/nps.csv': csv,
        'content/goals/g.md': fm(title='T',
                                 metric='{ file: nps, formula: "100 * (promoters - detractors) / responses" }',
                                 target=60, start='2026-01-01', due='2026-04-01'),
    })
    assert g['current'] == 50.0


def test_formula_division_by_zero_and_missing_column_give_no_point(tmp_path):
    csv = 'date,a,b\n2026-01-01,1,2\n2026-01-02,1,0\n2026-01-03,,4\n'
    g = ok(tmp_path, {
        'content/metrics/m.csv': csv,
        'content/goals/g.md': fm(title='T', metric='{ file: m, formula: "a / b" }', target=1,
                                 start='2026-01-01', due='2026-04-01'),
    })
    assert (g['current'], g['current_date']) == (0.5, '2026-01-01')


def test_formula_overflow_gives_no_point(tmp_path):
    csv = 'date,a\n2026-01-01,1e300\n2026-01-02,2\n'
    g = ok(tmp_path, {
        'content/metrics/m.csv': csv,
        'content/goals/g.md': fm(title='T', metric='{ file: m, formula: "a * a" }', target=100,
                                 start='2026-01-01', due='2026-04-01'),
    })
    assert (g['current'], g['current_date'], g['baseline']) == (4.0, '2026-01-02', 4.0)


def test_maintain_formula_with_sum_evaluates_missing_columns_as_zero(tmp_path):
    csv = 'date,done,asked\n2026-01-01,1,2\n2026-01-02,,2\n'
    g = ok(tmp_path, maintain_site(None, as_csv=csv, metric='{ file: m, formula: "done / asked" }',
                                   target=0.5, direction='up', rollup='sum'),
           as_of=dt.date(2026, 1, 3))
    # Jan 1: 0.5 met; Jan 2: 0/2 = 0 missed; Jan 3: 0/0 no value
    assert g['record'] == {'met': 1, 'judged': 2}


@pytest.mark.parametrize('metric', [
    '{ file: m, formula: "100 * nope / a" }',       # unknown column
    '{ file: m, formula: "a +* 2" }',               # malformed
    '{ file: m, formula: "" }',                     # empty
    '{ file: m, column: a, formula: "a" }',         # formula with column
])
def test_formula_errors_are_at_the_metric_line(tmp_path, metric):
    _, errors, _ = build(tmp_path, {
        'content/metrics/m.csv': 'date,a\n2026-01-01,1\n',
        'content/goals/g.md': fm(title='T', metric=metric, target=1, start='2026-01-01',
                                 due='2026-04-01'),
    })
    assert errors == {'content/goals/g.md:3:1'}


def test_formula_error_in_block_style_is_at_the_metric_key(tmp_path):
    _, errors, _ = build(tmp_path, {
        'content/metrics/m.csv': 'date,a\n2026-01-01,1\n',
        'content/goals/g.md': '---\ntitle: T\nmetric:\n  file: m\n  formula: "a +"\ntarget: 1\n'
                              'start: 2026-01-01\ndue: 2026-04-01\n---\n',
    })
    assert errors == {'content/goals/g.md:3:1'}


def test_unknown_formula_column_suggests_a_name(tmp_path):
    _, _, diags = build(tmp_path, {
        'content/metrics/m.csv': 'date,resolved\n2026-01-01,1\n',
        'content/goals/g.md': fm(title='T', metric='{ file: m, formula: "resolve * 2" }', target=1,
                                 start='2026-01-01', due='2026-04-01'),
    })
    assert 'did you mean "resolved"' in diags.errors[0][3]


# --------------------------------------------------------------------------
# §11 CSV dialects


@pytest.mark.parametrize('cell, decimal, value', [
    ('85%', '.', 85.0), ('85 %', ',', 85.0), ('1,234,567.5', '.', 1234567.5),
    ('1.234.567,5', ',', 1234567.5), ('1 234 567,5', ',', 1234567.5),
    ('1\u00a0234,5', ',', 1234.5), ('1\u202f234', ',', 1234.0), ('-1,234', '.', -1234.0),
    ('3,5', ',', 3.5), (',5', ',', 0.5), ('1,5e3', ',', 1500.0), ('1.500', ',', 1500.0),
    ('6:30', ',', 390.0), ('1:02:03', '.', 3723.0), ('  12 ', '.', 12.0),
])
def test_dialect_cells(cell, decimal, value):
    assert ref.parse_value_cell(cell, ref.Dialect(decimal=decimal)) == value


@pytest.mark.parametrize('cell, decimal', [
    ('1.5', ','), ('1,5', '.'), ('12,34', '.'), ('1234,567.5', '.'), ('1.2345,5', ','),
    ('%', '.'), ('85%%', '.'), ('1,234e3', '.'), ('6:75', '.'), ('abc', '.'),
])
def test_bad_dialect_cells(cell, decimal):
    assert ref.parse_value_cell(cell, ref.Dialect(decimal=decimal)) is None


def test_default_missing_list_and_a_replacement():
    d = ref.Dialect()
    for cell in ref.DEFAULT_MISSING + ['', '   ']:
        assert ref.parse_value_cell(cell, d) is ref.MISSING
    d = ref.Dialect(missing=['?'])
    assert ref.parse_value_cell('?', d) is ref.MISSING
    assert ref.parse_value_cell('N/A', d) is None


def test_without_csv_key_only_section_4_and_durations():
    assert ref.parse_value_cell('85%', None) is None
    assert ref.parse_value_cell('-', None) is None
    assert ref.parse_value_cell('1,234', None) is None
    assert ref.parse_value_cell('6:30', None) == 390.0


@pytest.mark.parametrize('header, delim', [
    ('date,a,b', ','), ('date;a;b', ';'), ('date\ta\tb', '\t'), ('date;a,b', ','),
    ('date', ','), ('"d;x";a;b', ';'), ('"a,b,c";d', ';'), ('date;a\tb', ','),
])
def test_delimiter_auto(header, delim):
    assert ref.detect_delimiter(header + '\n2026-01-01;1;2\n') == delim


@pytest.mark.parametrize('cell, order, date', [
    ('02.03.2026', 'dmy', dt.date(2026, 3, 2)), ('02.03.2026', 'mdy', dt.date(2026, 2, 3)),
    ('2/3/2026', 'dmy', dt.date(2026, 3, 2)), ('2-3-2026 7:05', 'dmy', dt.date(2026, 3, 2)),
    ('2-3-2026 23:59:59', 'mdy', dt.date(2026, 2, 3)), ('2026-03-02', 'dmy', dt.date(2026, 3, 2)),
    ('2026-03-02T10:00+05:00', 'mdy', dt.date(2026, 3, 2)),
])
def test_day_month_dates(cell, order, date):
    assert ref.parse_date_cell(cell, ref.Dialect(dates=order))[0] == date


@pytest.mark.parametrize('cell, order', [
    ('31/02/2026', 'dmy'), ('02/31/2026', 'mdy'), ('1/2/26', 'dmy'), ('1/2.2026', 'dmy'),
    ('1/2/2026 24:00', 'dmy'), ('1/2/2026  7:00', 'dmy'), ('1/2/2026T07:00', 'dmy'),
    ('02.03.2026', 'iso'),
])
def test_bad_day_month_dates(cell, order):
    assert ref.parse_date_cell(cell, ref.Dialect(dates=order)) is None


def test_day_month_time_sorts_like_utc():
    a = ref.parse_date_cell('2/3/2026 10:00', ref.Dialect(dates='dmy'))
    b = ref.parse_date_cell('2026-03-02T10:00Z', ref.Dialect(dates='dmy'))
    assert a == b


@pytest.mark.parametrize('pattern, path, matches', [
    ('exports/*.csv', 'exports/calls.csv', True),
    ('exports/*.csv', 'exports/2026/calls.csv', False),
    ('**/calls.csv', 'calls.csv', True),
    ('**/calls.csv', 'a/b/calls.csv', True),
    ('exports/**/*.csv', 'exports/x.csv', True),
    ('exports/**/*.csv', 'exports/a/b/x.csv', True),
    ('*.csv', 'exports/x.csv', False),
    ('m?.csv', 'm1.csv', True),
    ('m?.csv', 'm10.csv', False),
    ('a?b.csv', 'a/b.csv', False),
    ('exports/*', 'exports/x.csv', True),
    ('[ab].csv', 'a.csv', False),
    ('[ab].csv', '[ab].csv', True),
])
def test_glob_matching(pattern, path, matches):
    assert ref.glob_matches(pattern, path) is matches


def test_dialect_site_end_to_end(tmp_path):
    g = ok(tmp_path, {
        'goalwall.yml': '''
            csv:
              decimal: ","
              dates: dmy
              missing: ["k.A."]
              files:
                - { match: "exports/*.csv", delimiter: ";" }
                - match: "**/raw.csv"
                  decimal: "."
            ''',
        'content/metrics/exports/rate.csv': 'Datum;Quote\n01.01.2026;85 %\n02.01.2026;k.A.\n'
                                            '03.01.2026;"1.234,5"\n',
        'content/metrics/raw.csv': 'date,v\n1/1/2026,"1,234.5"\n',
        'content/goals/g.md': fm(title='T', metric='exports/rate', target=2000,
                                 start='2026-01-01', due='2026-04-01'),
        'content/goals/h.md': fm(title='T', metric='raw', target=2000, start='2026-01-01',
                                 due='2026-04-01'),
    })
    assert (g['baseline'], g['current'], g['current_date']) == (85.0, 1234.5, '2026-01-03')


def test_bad_cell_error_at_its_line_and_first_character(tmp_path):
    _, errors, _ = build(tmp_path, {
        'goalwall.yml': 'csv: { decimal: "," }\n',
        'content/metrics/m.csv': 'date;a;b\n2026-01-01;1,5;  7.5\n2026-01-02;é;"x"\n',
    })
    assert errors == {'content/metrics/m.csv:2:16', 'content/metrics/m.csv:3:12',
                      'content/metrics/m.csv:3:14'}


@pytest.mark.parametrize('yml, position', [
    ('csv:\n  delimter: ";"\n', 'goalwall.yml:2:3'),
    ('csv:\n  decimal: ";"\n', 'goalwall.yml:2:12'),
    ('csv:\n  dates: ymd\n', 'goalwall.yml:2:10'),
    ('csv:\n  files:\n    - { decimal: "," }\n', 'goalwall.yml:3:7'),
    ('csv:\n  files:\n    - match: "*.csv"\n      delimiter: "|"\n', 'goalwall.yml:4:18'),
    ('csv:\n  files:\n    - match: "*.csv"\n      unknown: 1\n', 'goalwall.yml:4:7'),
    ('csv: [a]\n', 'goalwall.yml:1:6'),
    ('csv:\n  missing: N/A\n', 'goalwall.yml:2:12'),
])
def test_csv_key_errors_at_their_line(tmp_path, yml, position):
    _, errors, _ = build(tmp_path, {'goalwall.yml': yml})
    assert errors == {position}


def test_bad_dmy_date_is_an_error(tmp_path):
    _, errors, _ = build(tmp_path, {
        'goalwall.yml': 'csv: { dates: dmy }\n',
        'content/metrics/m.csv': 'date,v\n31/01/2026,1\n 31/02/2026,2\n',
    })
    assert errors == {'content/metrics/m.csv:3:1'}


def test_bad_duration_cell_is_an_error_in_every_csv(tmp_path):
    _, errors, _ = build(tmp_path, {'content/metrics/m.csv': 'date,v\n2026-01-01,6:75\n'})
    assert errors == {'content/metrics/m.csv:2:12'}


def test_tab_delimiter_and_blanks_around_quotes(tmp_path):
    g = ok(tmp_path, {
        'goalwall.yml': 'csv:\n  delimiter: "\\t"\n',
        'content/metrics/m.csv': 'date\tv\n2026-01-01\t "4" \n2026-01-02\t\n',
        'content/goals/g.md': fm(title='T', metric='m', target=10, start='2026-01-01',
                                 due='2026-04-01'),
    })
    assert (g['current'], g['current_date']) == (4.0, '2026-01-01')


# --------------------------------------------------------------------------
# version 1 stays the same


def test_version_1_goal_gains_only_kind_and_record(tmp_path):
    g = ok(tmp_path, {
        'content/metrics/m.csv': daily_csv([8, 7.5, 7, 6.5, 6]),
        'content/goals/g.md': fm(title='T', metric='m', target=4, start='2026-01-01',
                                 due='2026-01-11'),
    }, as_of=dt.date(2026, 1, 5))
    assert list(g)[:3] == ['slug', 'title', 'kind']
    assert list(g).index('record') == list(g).index('progress') + 1
    assert g['kind'] == 'reach' and g['record'] is None
    assert g['expected'] == pytest.approx(8 - 4 * 4 / 10)
    assert g['forecast'] == pytest.approx(8 - 0.5 * 10)
    assert g['forecast_date'] == '2026-01-09'


def test_task_goal_ignores_any_target(tmp_path):
    g = ok(tmp_path, {
        'content/goals/g.md': fm(title='T', target='80%', start='2026-01-01', due='2026-03-01')
        + '- [x] a\n- [ ] b\n',
    })
    assert (g['current'], g['target'], g['record'], g['kind']) == (0.5, 1.0, None, 'reach')


def test_without_csv_key_percent_and_dash_are_errors(tmp_path):
    _, errors, _ = build(tmp_path, {'content/metrics/m.csv': 'date,a,b\n2026-01-01,85%,-\n'})
    assert errors == {'content/metrics/m.csv:2:12', 'content/metrics/m.csv:2:16'}
