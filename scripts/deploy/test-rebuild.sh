#!/usr/bin/env bash
# Usage: scripts/deploy/test-rebuild.sh [GOALWALL]
#
# Tests rebuild.sh and the post-receive hook against a local bare repository, as
# docs/deploy.md sets them up: a teammate's clone pushes to goals.git, whose post-receive
# hook pulls into the wall's checkout and rebuilds it.
#   - a good push rebuilds the wall (the new title is on the page);
#   - a broken push keeps the last good public/ byte for byte, the pusher sees the
#     error as PATH:LINE:COLUMN, and rebuild.sh exits 1 with the reason on stderr;
#   - --check-only reports the same error without touching public/;
#   - a checkout that cannot fast-forward makes rebuild.sh exit 3;
#   - a fixing push rebuilds again.
# GOALWALL: the goalwall binary (default: the one on PATH). Uses only temporary folders.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
goalwall=$(readlink -f "$(command -v "${1:-goalwall}")") || { echo "test-rebuild.sh: no goalwall binary" >&2; exit 2; }
export GOALWALL=$goalwall

work=$(mktemp -d /tmp/goalwall-rebuild.XXXXXX)
trap 'rm -rf "$work"' EXIT
export HOME=$work GIT_CONFIG_NOSYSTEM=1
git config --global user.name "Test" && git config --global user.email "test@localhost"
git config --global init.defaultBranch main && git config --global advice.detachedHead false
failures=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*" >&2; failures=$((failures + 1)); }
digest() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }

# The team's repository (a site at its root), a teammate's clone, the wall's checkout.
git init -q --bare "$work/goals.git"
"$goalwall" init "$work/team" >/dev/null
echo "public/" >"$work/team/.gitignore"
git -C "$work/team" init -q && git -C "$work/team" add -A && git -C "$work/team" commit -qm "A new wall"
git -C "$work/team" push -q "$work/goals.git" main
git clone -q "$work/goals.git" "$work/wall"
cat >"$work/goals.git/hooks/post-receive" <<EOF
#!/bin/sh
export WALL_DIR="$work/wall" REBUILD="$here/rebuild.sh" GOALWALL="$goalwall"
exec "$here/post-receive"
EOF
chmod +x "$work/goals.git/hooks/post-receive"
git -C "$work/team" remote add origin "$work/goals.git"

push() { # MESSAGE: commit everything in the teammate's clone and push; the push's output
    git -C "$work/team" add -A && git -C "$work/team" commit -qm "$1"
    git -C "$work/team" push origin main 2>&1
}

# The first build, as the timer would run it.
if "$here/rebuild.sh" "$work/wall" >"$work/out" 2>&1 && [ -f "$work/wall/public/index.html" ]; then
    ok "rebuild.sh builds the wall: $(tail -1 "$work/out")"
else
    bad "the first rebuild failed: $(cat "$work/out")"
fi

# A good push: the hook rebuilds, the page shows the change.
goal=$(ls "$work/team/content/goals" | head -1)
sed -i 's/^title: .*/title: Answer every call within two minutes/' "$work/team/content/goals/$goal"
output=$(push "A sharper title")
if grep -q "Answer every call within two minutes" "$work/wall/public/index.html" &&
    [ "$(git -C "$work/wall" rev-parse HEAD)" = "$(git -C "$work/team" rev-parse HEAD)" ]; then
    ok "a good push rebuilds the wall (remote: $(echo "$output" | grep -o "rebuild.sh: wall rebuilt.*" | head -1 | sed "s/ *$//"))"
else
    bad "a good push did not rebuild the wall: $output"
fi

# A broken push: the last good wall stays, the pusher and rebuild.sh say why.
before=$(digest "$work/wall/public")
printf -- '---\ntitle: [unclosed\n---\n' >"$work/team/content/goals/broken.md"
output=$(push "A broken goal")
if [ "$(digest "$work/wall/public")" = "$before" ]; then
    ok "a broken push keeps public/ as it was"
else
    bad "a broken push changed public/"
fi
if echo "$output" | grep -Eq 'remote: content/goals/broken\.md:[0-9]+:[0-9]+: error:' &&
    echo "$output" | grep -q "remote: rebuild.sh: goalwall build failed"; then
    ok "the pusher sees: $(echo "$output" | grep -E 'broken\.md:[0-9]+' | head -1 | sed 's/^remote: //; s/ *$//')"
else
    bad "the push output does not show the error: $output"
fi
status=0
"$here/rebuild.sh" "$work/wall" >/dev/null 2>"$work/err" || status=$?
if [ "$status" -eq 1 ] && grep -q "broken.md:" "$work/err" && grep -q "last good wall is still in place" "$work/err"; then
    ok "rebuild.sh exits 1 and says why on stderr"
else
    bad "rebuild.sh on a broken site: exit $status, stderr: $(cat "$work/err")"
fi
status=0
"$here/rebuild.sh" --check-only "$work/wall" >/dev/null 2>"$work/err" || status=$?
if [ "$status" -eq 1 ] && grep -q "broken.md:" "$work/err" && [ "$(digest "$work/wall/public")" = "$before" ]; then
    ok "rebuild.sh --check-only exits 1, says why and writes nothing"
else
    bad "rebuild.sh --check-only on a broken site: exit $status, stderr: $(cat "$work/err")"
fi

# A checkout that has its own commit cannot fast-forward: exit 3, nothing rebuilt.
git -C "$work/wall" commit -q --allow-empty -m "A local change"
git -C "$work/team" rm -q content/goals/broken.md
output=$(push "Fix the broken goal")
status=0
"$here/rebuild.sh" "$work/wall" >/dev/null 2>"$work/err" || status=$?
if [ "$status" -eq 3 ] && grep -q "git pull --ff-only" "$work/err" && [ "$(digest "$work/wall/public")" = "$before" ]; then
    ok "a checkout that cannot fast-forward: exit 3, public/ untouched"
else
    bad "diverged checkout: exit $status, stderr: $(cat "$work/err")"
fi
git -C "$work/wall" reset -q --hard HEAD~1

# The fixing push rebuilds again.
sed -i 's/^title: .*/title: Answer every call within ninety seconds/' "$work/team/content/goals/$goal"
output=$(push "Tighter")
if grep -q "Answer every call within ninety seconds" "$work/wall/public/index.html" && ! echo "$output" | grep -q "error:"; then
    ok "a fixing push rebuilds the wall"
else
    bad "the fixing push did not rebuild: $output"
fi

if [ "$failures" -gt 0 ]; then
    echo "test-rebuild.sh: $failures check(s) failed" >&2
    exit 1
fi
echo "test-rebuild.sh: every check passed"
