#!/usr/bin/env bash
# Usage: scripts/deploy/test-units.sh DEPLOY_DIR GOALWALL
#
# Checks the systemd units of docs/deploy.md with systemd's own tools, as installed:
# DEPLOY_DIR is where the package put them (/usr/share/goalwall/deploy), GOALWALL the
# installed binary. The units name /usr/bin/goalwall and /usr/share/goalwall/deploy/
# rebuild.sh; copies pointing at the installed ones are checked (for a tarball install).
#   - systemd-analyze verify: syntax, known options, ExecStart binaries exist, man page;
#   - systemd-analyze security --offline: the serve unit's exposure stays "OK" (< 2.0);
#   - systemd-analyze calendar: the timer fires at 06:00.
# Runs no service (systemd need not be running).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: test-units.sh DEPLOY_DIR GOALWALL" >&2; exit 2; }
deploy=$(cd "$1" && pwd)
goalwall=$(readlink -f "$2")
prefix=$(dirname "$(dirname "$goalwall")")
work=$(mktemp -d /tmp/goalwall-units.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$deploy"/*.service "$deploy"/*.timer "$work/"
sed -i "s#/usr/bin/goalwall#$goalwall#; s#/usr/share/goalwall/deploy/rebuild.sh#$deploy/rebuild.sh#" "$work"/*.service
export MANPATH=$prefix/share/man:

systemd-analyze verify "$work"/goalwall.service "$work"/goalwall-rebuild.service "$work"/goalwall-rebuild.timer
echo "ok   systemd-analyze verify: goalwall.service goalwall-rebuild.service goalwall-rebuild.timer"

exposure=$(systemd-analyze security --offline=true "$work/goalwall.service" 2>/dev/null |
    sed -n 's/.*Overall exposure level for goalwall.service: \([0-9.]*\).*/\1/p')
if [ -z "$exposure" ] || ! awk -v e="$exposure" 'BEGIN { exit !(e < 2.0) }'; then
    echo "FAIL systemd-analyze security: goalwall.service exposure '$exposure' (want < 2.0)" >&2
    exit 1
fi
echo "ok   systemd-analyze security --offline: goalwall.service exposure $exposure"

calendar=$(sed -n 's/^OnCalendar=//p' "$work/goalwall-rebuild.timer")
systemd-analyze calendar "$calendar" | grep -q "Normalized form: \*-\*-\* 06:00:00" ||
    { echo "FAIL the timer's OnCalendar=$calendar is not every day at 06:00" >&2; exit 1; }
echo "ok   goalwall-rebuild.timer: OnCalendar=$calendar"
