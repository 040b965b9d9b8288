#!/usr/bin/env bash
# Usage: scripts/deploy/test-sandbox.sh GOALWALL
#
# Runs goalwall in the file-system sandbox of goalwall.service, rebuilt by hand since CI
# has no running systemd: in a private mount namespace, / read-only (ProtectSystem=strict)
# but for the site folder (ReadWritePaths=), an empty /tmp (PrivateTmp=), no /home and
# /root (ProtectHome=), as an unprivileged user (User=; here nobody) with no new
# privileges. There `goalwall build` must replace SITE/public, and `goalwall serve` must
# serve the wall and rebuild it after an edit; writing anywhere else must fail.
# (ProtectSystem= and friends are not run by systemd here: this is a stand-in for them.)
# Needs root (unshare -m, setpriv); skipped with a note without it.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: test-sandbox.sh GOALWALL" >&2; exit 2; }
goalwall=$(readlink -f "$1")
if [ "$(id -u)" -ne 0 ] || ! unshare -m true 2>/dev/null; then
    echo "(test-sandbox.sh: needs root and unshare -m; the sandbox is not tested)"
    exit 0
fi

# The site lives under /var/tmp (on /, so it is read-only in the sandbox but for the
# ReadWritePaths= bind mount), owned by nobody as /srv/wall is owned by goalwall.
work=$(mktemp -d /var/tmp/goalwall-sandbox.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
"$goalwall" init "$work/wall" >/dev/null
chown -R 65534:65534 "$work/wall"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

unshare -m env GOALWALL="$goalwall" WALL="$work/wall" WORK="$work" PORT="$port" sh -euc '
    mount --make-rprivate /
    mount --bind "$WALL" "$WALL"              # ReadWritePaths=/srv/wall
    mount -o remount,bind,ro /                # ProtectSystem=strict
    mount -t tmpfs tmpfs /tmp                 # PrivateTmp=yes
    for home in /home /root; do               # ProtectHome=yes
        [ -d "$home" ] && mount -t tmpfs -o ro,mode=000 tmpfs "$home"
    done
    as_service() { setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs "$@"; }

    as_service touch "$WORK/elsewhere" 2>/dev/null && { echo "FAIL the sandbox lets it write outside the site" >&2; exit 1; }
    as_service "$GOALWALL" build --site "$WALL" --quiet
    test -f "$WALL/public/index.html"
    echo "ok   in the sandbox, goalwall build replaces SITE/public"

    # setpriv itself in the background (not the function, whose subshell would get the
    # signal while goalwall lived on), so $! is goalwall once setpriv has exec-ed it.
    setpriv --reuid=65534 --regid=65534 --clear-groups --no-new-privs \
        "$GOALWALL" serve --site "$WALL" --port "$PORT" 2>"$WALL/serve.log" &
    serve=$!
    trap "kill $serve 2>/dev/null || true" EXIT
    i=0
    until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/kiosk/"; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "FAIL goalwall serve does not answer in the sandbox" >&2; cat "$WALL/serve.log" >&2; exit 1; }
        sleep 0.1
    done
    goal=$(ls "$WALL/content/goals" | head -1)
    as_service sed -i "s/^title: .*/title: Sandboxed and still rebuilding/" "$WALL/content/goals/$goal"
    i=0
    until grep -q "Sandboxed and still rebuilding" "$WALL/public/index.html" &&
        curl -fsS "http://127.0.0.1:$PORT/" 2>/dev/null | grep -q "Sandboxed and still rebuilding"; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "FAIL goalwall serve did not rebuild in the sandbox" >&2; cat "$WALL/serve.log" >&2; exit 1; }
        sleep 0.1
    done
    kill -TERM $serve                         # how systemctl stop ends it
    status=0
    wait $serve || status=$?
    echo "ok   in the sandbox, goalwall serve serves, rebuilds SITE/public after an edit (stopped by SIGTERM: exit $status)"
'
