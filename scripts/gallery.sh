#!/usr/bin/env bash
# Renders the gallery (charts and screens): the edge-case fixture site and the sample, as PNG screenshots
# at TV (1920×1080) and phone (390×844) size, into docs/gallery/. Needs Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q
out=docs/gallery
tmp=$(mktemp -d)
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1772409600
.build/debug/goalwall build --site Tests/Fixtures/chart-edges --output "$tmp/edges" --quiet
.build/debug/goalwall build --site . --output "$tmp/sample" --quiet
# The sample as a German team reads it (language: de).
mkdir -p "$tmp/german-site"
cp -r content "$tmp/german-site/"
{ grep -v '^language:' goalwall.yml; echo "language: de"; } > "$tmp/german-site/goalwall.yml"
.build/debug/goalwall build --site "$tmp/german-site" --output "$tmp/german" --quiet

shot() { # NAME URL WIDTH HEIGHT
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
        --screenshot="$out/$1.png" --window-size="$3,$4" "file://$2" >/dev/null 2>&1
}
for goal in one-point flat all-missing negative huge one-day ten-years target-edge weekly-partial tasks; do
    shot "edge-$goal-tv" "$tmp/edges/goals/$goal/index.html" 1920 1080
    shot "edge-$goal-phone" "$tmp/edges/goals/$goal/index.html" 390 844
done
shot edge-wall-tv "$tmp/edges/index.html" 1920 1080
shot edge-wall-phone "$tmp/edges/index.html" 390 844
shot sample-wall-tv "$tmp/sample/index.html" 1920 1080
shot sample-wall-phone "$tmp/sample/index.html" 390 844
shot sample-goal-tv "$tmp/sample/goals/cut-call-wait-time/index.html" 1920 1080
shot sample-goal-phone "$tmp/sample/goals/cut-call-wait-time/index.html" 390 844
shot sample-maintain-tv "$tmp/sample/goals/business-line-service-level/index.html" 1920 1080
shot sample-kiosk-tv "$tmp/sample/kiosk/index.html" 1920 1080
shot sample-kiosk-4k "$tmp/sample/kiosk/index.html" 3840 2160
shot sample-kiosk-page2-tv "$tmp/sample/kiosk/2/index.html" 1920 1080
shot sample-wall-laptop "$tmp/sample/index.html" 1366 768
shot sample-tree-laptop "$tmp/sample/tree/index.html" 1366 768
shot sample-v2mom-laptop "$tmp/sample/v2mom/index.html" 1366 900
shot german-kiosk-tv "$tmp/german/kiosk/index.html" 1920 1080
shot german-goal-tv "$tmp/german/goals/cut-call-wait-time/index.html" 1920 1080
shot german-wall-phone "$tmp/german/index.html" 390 844
rm -rf "$tmp"
echo "Wrote $(ls "$out" | wc -l) pictures to $out/"
