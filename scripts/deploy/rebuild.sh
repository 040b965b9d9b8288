#!/usr/bin/env bash
# Usage: rebuild.sh [--check-only] REPO_DIR [GOALWALL BUILD OPTIONS...]
#
# Brings the goals wall in REPO_DIR up to date: `git pull --ff-only`, then `goalwall build`
# (the site is REPO_DIR, or REPO_DIR/$GOALWALL_SITE). Options after REPO_DIR go to
# `goalwall build`, e.g. `--output /var/www/goals`.
#
# A build with errors leaves the last good wall exactly as it was (goalwall guarantees
# it); this script then prints why on standard error — every error as PATH:LINE:COLUMN —
# and exits non-zero, so `journalctl -u goalwall-rebuild` and the pusher's terminal show it.
#
# --check-only: pull, then `goalwall check` instead of `goalwall build`. For a site that
# `goalwall serve` is serving: serve rebuilds by itself when the pulled files change (and
# at midnight), and one writer per public/ is enough.
#
# Environment: GOALWALL (the goalwall command, default: goalwall), GOALWALL_SITE (the
# site folder inside the repository, default: .).
# Exit status: 0 up to date; 1 the build (or check) found errors; 3 the pull failed.
set -uo pipefail

check_only=false
if [ "${1:-}" = "--check-only" ]; then
    check_only=true
    shift
fi
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: rebuild.sh [--check-only] REPO_DIR [goalwall build options...]" >&2
    exit 2
fi
repo=$1
shift
goalwall=${GOALWALL:-goalwall}
site="$repo/${GOALWALL_SITE:-.}"

# A git hook runs with GIT_DIR set to the bare repository; the pull below is about REPO_DIR.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_QUARANTINE_PATH

if ! pull_log=$(git -C "$repo" pull --ff-only --quiet 2>&1); then
    echo "rebuild.sh: git pull --ff-only in $repo failed; the wall was not rebuilt:" >&2
    echo "$pull_log" >&2
    exit 3
fi
[ -z "$pull_log" ] || echo "$pull_log" >&2
commit=$(git -C "$repo" log -1 --format='%h %s' 2>/dev/null || echo "?")

if $check_only; then
    if ! "$goalwall" check --site "$site" >/dev/null; then
        echo "rebuild.sh: goalwall check found errors at $commit; goalwall serve keeps the last good wall" >&2
        exit 1
    fi
    echo "rebuild.sh: $commit checked"
    exit 0
fi

if ! "$goalwall" build --site "$site" "$@"; then
    echo "rebuild.sh: goalwall build failed at $commit; the last good wall is still in place" >&2
    exit 1
fi
echo "rebuild.sh: wall rebuilt at $commit"
