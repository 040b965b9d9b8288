#!/bin/sh
# Usage: goalwall-kiosk.sh [URL]
#
# The office TV: Chromium full screen on the goals wall's kiosk, for a Raspberry Pi
# (Raspberry Pi OS, Wayland/labwc or X11) or any small Linux box with a desktop session.
# Started by the desktop's autostart (goalwall-kiosk.desktop, or a line in
# ~/.config/labwc/autostart); see docs/deploy.md, "The office TV".
#   URL: the kiosk, default http://goals.example:8080/kiosk/ (goalwall serve) or e.g.
#        http://intranet.example/goals/kiosk/ (nginx/Apache). Or set GOALWALL_KIOSK_URL.
# Waits (up to 2 minutes) for the wall to answer, keeps the screen on (X11: xset), and
# starts Chromium again if it ever exits.
URL=${1:-${GOALWALL_KIOSK_URL:-http://goals.example:8080/kiosk/}}

# Screen blanking and DPMS off. X11: here. Wayland (labwc): swayidle blanks the screen;
# turn it off once with `sudo raspi-config nonint do_blanking 1` (or raspi-config >
# Display Options > Screen Blanking), then log in again.
if [ -n "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && command -v xset >/dev/null; then
    xset s off
    xset s noblank
    xset -dpms 2>/dev/null || true # a server without DPMS (Xvfb) has nothing to turn off
fi

# Raspberry Pi OS names the browser chromium-browser (older) or chromium (newer).
browser=$(command -v chromium-browser || command -v chromium || command -v google-chrome) || {
    echo "goalwall-kiosk.sh: no Chromium (sudo apt install chromium)" >&2
    exit 1
}

# After a power cut the TV may come up before the network or the server.
i=0
while [ $i -lt 60 ] && ! curl -fsS -o /dev/null --max-time 5 "$URL" 2>/dev/null; do
    i=$((i + 1))
    sleep 2
done

# A throw-away profile: no "restore pages?" bar after a power cut, nothing piling up.
profile=$(mktemp -d "${TMPDIR:-/tmp}/goalwall-kiosk.XXXXXX")
trap 'rm -rf "$profile"' EXIT
trap 'exit 0' INT TERM
while :; do
    # shellcheck disable=SC2086 # GOALWALL_KIOSK_FLAGS is a list of flags
    "$browser" \
        --kiosk "$URL" \
        --noerrdialogs \
        --disable-infobars \
        --incognito \
        --no-first-run \
        --disable-session-crashed-bubble \
        --disable-features=Translate,TranslateUI \
        --disable-pinch \
        --overscroll-history-navigation=0 \
        --check-for-update-interval=31536000 \
        --password-store=basic \
        --user-data-dir="$profile" \
        ${GOALWALL_KIOSK_FLAGS:-}
    sleep 5
done
