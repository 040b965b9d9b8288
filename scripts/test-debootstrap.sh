#!/usr/bin/env bash
# Usage: scripts/test-debootstrap.sh [DEB]
#
# The strictest install test: a brand-new minimal Debian 12 (debootstrap --variant=minbase
# bookworm, in a folder under /tmp, about 3 minutes and 200 MB from Debian's mirror) that
# has never seen Swift, nor libcurl4. In a chroot there: dpkg -i DEB (default: the one in
# dist/), apt-get install -f -y for its Depends, then goalwall --version, init site,
# build --site site, check --site site, and goalwall serve answering /kiosk/ on a loopback
# port. Needs root and network access to the Debian mirror; not part of CI (test-install.sh
# runs on the CI machine itself, with /opt/swift hidden instead).
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(readlink -f "${1:-$(ls dist/goalwall_*.deb | head -1)}")
[ -f "$deb" ] || { echo "test-debootstrap.sh: no .deb (run scripts/package.sh)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "test-debootstrap.sh: needs root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

root=$(mktemp -d /tmp/goalwall-debian12.XXXXXX)
cleanup() {
    pid=$(cat "$root/tmp/serve.pid" 2>/dev/null || true)
    [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
    umount "$root/proc" 2>/dev/null || true
    rm -rf "$root"
}
trap cleanup EXIT
echo "== debootstrap --variant=minbase bookworm $root"
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
cp "$deb" "$root/tmp/goalwall.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

echo "== in the chroot: Debian $(cat "$root/etc/debian_version"), /opt: [$(ls -A "$root/opt")]"
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive PORT="$port" sh -euc '
    apt-get update -qq
    dpkg -i /tmp/goalwall.deb >/dev/null 2>&1 || echo "dpkg -i: Depends missing, as expected on a new system"
    apt-get install -f -y -qq >/dev/null
    dpkg -s goalwall | grep -E "^(Status|Depends):"
    cd /tmp
    goalwall --version
    goalwall init site >/dev/null
    goalwall build --site site
    goalwall check --site site | tail -1
    test -f site/public/index.html
    goalwall serve --site site --port "$PORT" >/tmp/serve.log 2>&1 &
    echo $! >/tmp/serve.pid
'
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/kiosk/" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null -w "goalwall serve in the chroot: GET /kiosk/ %{http_code}\n" "http://127.0.0.1:$port/kiosk/"
echo "test-debootstrap.sh: passed"
