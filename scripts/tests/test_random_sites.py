"""Tests for scripts/random_sites.py: deterministic, and every fault it plants fails.

Usage:
    python3 -m pytest scripts/tests -q
"""

import datetime as dt
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

import random_sites  # noqa: E402
import reference_goals as ref  # noqa: E402


def read_tree(root):
    out = {}
    for folder, _, names in os.walk(root):
        for n in names:
            p = os.path.join(folder, n)
            with open(p, 'rb') as f:
                out[os.path.relpath(p, root)] = f.read()
    return out


@pytest.mark.parametrize('v1_only', [True, False])
def test_same_seed_and_index_give_the_same_site(tmp_path, v1_only):
    a = random_sites.generate(str(tmp_path / 'a'), 7, 3, v1_only)
    b = random_sites.generate(str(tmp_path / 'b'), 7, 3, v1_only)
    assert a == b
    assert read_tree(tmp_path / 'a') == read_tree(tmp_path / 'b')


@pytest.mark.parametrize('v1_only', [True, False])
def test_sites_build_in_the_reference_and_faults_fail(tmp_path, v1_only):
    for k in range(80):
        folder = str(tmp_path / ('s%d' % k))
        info = random_sites.generate(folder, 11, k, v1_only, fault_rate=0.5)
        diags = ref.Diagnostics()
        ref.build(folder, dt.date.fromisoformat(info['as_of']), info['drafts'], diags)
        # target = baseline depends on the data and on drafts being built
        if info['fault'] not in (None, 'target_is_baseline', 'relative_zero'):
            assert diags.errors, (folder, info)
