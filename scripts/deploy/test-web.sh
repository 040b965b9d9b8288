#!/usr/bin/env bash
# Usage: scripts/deploy/test-web.sh PUBLIC_DIR
#
# Tests the web-server recipes of docs/deploy.md for real: runs nginx (with
# nginx-goals.conf) and, if installed, Apache (with apache-goals.conf) on loopback ports,
# serving PUBLIC_DIR (a built wall) under /goals/, and checks status codes, content types
# and cache headers with curl. Needs nginx (apt-get install nginx); Apache is optional
# (apt-get install apache2), and skipped with a note when missing. Exits non-zero on the
# first failed check. Starts no service: each server runs in the foreground of this
# script, on its own configuration in a temporary folder, and is stopped at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] && [ -f "$1/index.html" ] || { echo "usage: test-web.sh PUBLIC_DIR (a built wall)" >&2; exit 2; }
public=$(cd "$1" && pwd)

work=$(mktemp -d /tmp/goalwall-web.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
# The servers' workers run as an unprivileged user: the wall must be readable by them.
chmod 755 "$work"
cp -r "$public" "$work/public"
chmod -R a+rX "$work/public"
failures=0

# A free loopback port.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for() { # URL: waits (at most 10 s) until something answers there
    for _ in $(seq 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "no server at $1" >&2
    return 1
}

# expect NAME URL STATUS CONTENT_TYPE_PREFIX CACHE_CONTROL [CURL OPTIONS...]
# (CACHE_CONTROL "-": not checked; "": must be absent)
expect() {
    local name=$1 url=$2 status=$3 type=$4 cache=$5
    shift 5
    local headers
    headers=$(curl -s -o /dev/null -D - "$@" "$url" | tr -d '\r')
    local got_status got_type got_cache
    got_status=$(echo "$headers" | awk 'NR==1 {print $2}')
    got_type=$(echo "$headers" | awk -F': ' 'tolower($1)=="content-type" {print $2}')
    got_cache=$(echo "$headers" | awk -F': ' 'tolower($1)=="cache-control" {print $2}')
    if [ "$got_status" != "$status" ] || [[ "$got_type" != "$type"* ]] || { [ "$cache" != "-" ] && [ "$got_cache" != "$cache" ]; }; then
        echo "FAIL $name $url $*: got $got_status '$got_type' '$got_cache'; want $status '$type…' '$cache'" >&2
        failures=$((failures + 1))
    else
        echo "ok   $name $url $*: $got_status $got_type; Cache-Control: $got_cache"
    fi
}

check_server() { # NAME BASE_URL
    local name=$1 base=$2 etag team goal
    team=$(cd "$work/public/teams" && ls | head -1)
    goal=$(cd "$work/public/goals" && ls | head -1)
    expect "$name" "$base/goals" 301 "" ""
    expect "$name" "$base/goals/" 200 "text/html" "no-cache"
    expect "$name" "$base/goals/index.html" 200 "text/html" "no-cache"
    expect "$name" "$base/goals/teams/$team/" 200 "text/html" "no-cache"
    expect "$name" "$base/goals/goals/$goal/" 200 "text/html" "no-cache"
    expect "$name" "$base/goals/goals.json" 200 "application/json" "no-cache"
    expect "$name" "$base/goals/feed.xml" 200 "" "no-cache"
    expect "$name" "$base/goals/calendar.ics" 200 "text/calendar" "no-cache"
    expect "$name" "$base/goals/style.css" 200 "text/css" "public, max-age=300"
    expect "$name" "$base/goals/kiosk/" 200 "text/html" "no-store"
    expect "$name" "$base/goals/kiosk/index.html" 200 "text/html" "no-store"
    expect "$name" "$base/goals/.goalwall-output" "$( [ "$name" = apache ] && echo 403 || echo 404 )" "" "-"
    expect "$name" "$base/goals/no-such-page.html" 404 "" "-"
    # no-cache means "ask again": an unchanged page answers 304 to its ETag.
    etag=$(curl -s -o /dev/null -D - "$base/goals/" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}')
    expect "$name" "$base/goals/" 304 "" "no-cache" -H "If-None-Match: $etag"
    # The wall's links are relative: each page's stylesheet resolves under /goals/. (grep
    # reads the whole page: `grep -q` would stop at the match, and under pipefail curl's
    # SIGPIPE, when the page is still being sent, would fail the check.)
    if ! curl -s "$base/goals/kiosk/" | grep 'href="../style.css"' >/dev/null; then
        echo "FAIL $name: the kiosk does not link ../style.css" >&2
        failures=$((failures + 1))
    fi
}

# nginx, with the recipe's snippet pointed at the copy of the wall.
command -v nginx >/dev/null || { echo "test-web.sh: nginx is not installed (apt-get install nginx)" >&2; exit 2; }
port=$(free_port)
mkdir -p "$work/nginx"
sed "s#/srv/wall/public#$work/public#g" "$here/nginx-goals.conf" > "$work/nginx/goalwall.conf"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server {
        listen 127.0.0.1:$port;
        server_name localhost;
        include $work/nginx/goalwall.conf;
    }
}
CONF
nginx -t -q -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>&1 | grep -v "could not open error log file" >&2 || true
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>/dev/null &
pids+=($!)
wait_for "http://127.0.0.1:$port/goals/"
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') on 127.0.0.1:$port"
check_server nginx "http://127.0.0.1:$port"

# Apache, with the recipe's configuration in a minimal server of its own.
if command -v apache2 >/dev/null; then
    port=$(free_port)
    mkdir -p "$work/apache"
    sed "s#/srv/wall/public#$work/public#g" "$here/apache-goals.conf" > "$work/apache/goalwall.conf"
    modules=/usr/lib/apache2/modules
    cat > "$work/apache/apache2.conf" <<CONF
ServerRoot /etc/apache2
ServerName localhost
Listen 127.0.0.1:$port
PidFile $work/apache/apache2.pid
ErrorLog $work/apache/error.log
Mutex file:$work/apache default
User www-data
Group www-data
LoadModule mpm_event_module $modules/mod_mpm_event.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule alias_module $modules/mod_alias.so
LoadModule dir_module $modules/mod_dir.so
LoadModule mime_module $modules/mod_mime.so
LoadModule headers_module $modules/mod_headers.so
TypesConfig /etc/mime.types
<Directory />
    Require all denied
    AllowOverride None
</Directory>
Include $work/apache/goalwall.conf
CONF
    apache2 -t -f "$work/apache/apache2.conf"
    apache2 -f "$work/apache/apache2.conf" -DFOREGROUND &
    pids+=($!)
    wait_for "http://127.0.0.1:$port/goals/"
    echo "$(apache2 -v | head -1) on 127.0.0.1:$port"
    check_server apache "http://127.0.0.1:$port"
else
    echo "test-web.sh: apache2 is not installed; apache-goals.conf not tested (apt-get install apache2)"
fi

if [ "$failures" -gt 0 ]; then
    echo "test-web.sh: $failures check(s) failed" >&2
    exit 1
fi
echo "test-web.sh: every check passed"
