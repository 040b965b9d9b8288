#!/usr/bin/env bash
# Usage: scripts/test-install.sh [--no-build] [--deb | --tarball]
#
# CI's install test: packs goalwall (scripts/package.sh), installs it the way a server
# without Swift would, and uses it from a folder outside the checkout with a PATH that
# does not contain /opt/swift:
#   --deb (the default when running as root): dpkg -i dist/goalwall_*.deb, then
#     apt-get install -f -y for its Depends;
#   --tarball: unpacks dist/goalwall-*.tar.gz into a new prefix under /tmp.
# Then: goalwall --version, init site, build --site site, check --site site (each must
# exit 0, and site/public/index.html must exist); the same again with /opt/swift hidden
# behind an empty folder (a private mount namespace, where unshare is allowed); the
# man page and completions are where the package put them; and the deploy recipes are
# tested: scripts/deploy/test-rebuild.sh (a bare repository, good and broken pushes) and
# scripts/deploy/test-web.sh (nginx and Apache on loopback ports; both are installed
# with apt-get when missing and running as root), scripts/deploy/test-units.sh
# (systemd-analyze on the units), scripts/deploy/test-sandbox.sh (build and serve in a
# stand-in for the service's file-system sandbox), scripts/deploy/test_syscalls.py (goalwall's system
# calls under strace against goalwall.service's sandbox), scripts/deploy/test_ci_recipes.py (the CI files' shell
# steps against the tarball) and scripts/deploy/test_deploy_doc.py.
# --no-build: pack what .build-dist already holds.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

package_options=()
mode=
for argument in "$@"; do
    case $argument in
    --no-build) package_options+=(--no-build) ;;
    --deb) mode=deb ;;
    --tarball) mode=tarball ;;
    *) echo "usage: test-install.sh [--no-build] [--deb | --tarball]" >&2; exit 2 ;;
    esac
done
[ -n "$mode" ] || { [ "$(id -u)" -eq 0 ] && mode=deb || mode=tarball; }

step() { echo "== $*"; }
fail() { echo "test-install.sh: $*" >&2; exit 1; }

step "package ($(date -u +%H:%M:%S))"
scripts/package.sh "${package_options[@]}"
version=$(sed -n 's/^ *public static let number = "\(.*\)"$/\1/p' Sources/GoalwallKit/Support/Version.swift)
packed=$(date +%s)

work=$(mktemp -d /tmp/goalwall-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
clean_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

if [ "$mode" = deb ]; then
    step "install dist/goalwall_${version}_*.deb"
    export DEBIAN_FRONTEND=noninteractive
    dpkg -i dist/goalwall_"${version}"_*.deb || true # fails when a Depends is missing; -f fixes it
    apt-get install -f -y -qq >/dev/null
    dpkg -s goalwall | grep -q '^Status: install ok installed' || fail "the package did not install"
    bin_dir=/usr/bin
    man_page=/usr/share/man/man1/goalwall.1.gz
    completions=(/usr/share/bash-completion/completions/goalwall /usr/share/zsh/vendor-completions/_goalwall
        /usr/share/fish/vendor_completions.d/goalwall.fish)
    deploy=/usr/share/goalwall/deploy
else
    step "unpack dist/goalwall-${version}-linux-$(uname -m).tar.gz into a new prefix"
    prefix=$work/prefix
    mkdir -p "$prefix"
    tar -xzf dist/goalwall-"$version"-linux-"$(uname -m)".tar.gz -C "$prefix" --strip-components=1
    bin_dir=$prefix/bin
    clean_path=$bin_dir:$clean_path
    man_page=$prefix/share/man/man1/goalwall.1
    completions=("$prefix"/share/bash-completion/completions/goalwall "$prefix"/share/zsh/site-functions/_goalwall
        "$prefix"/share/fish/vendor_completions.d/goalwall.fish)
    deploy=$prefix/share/goalwall/deploy
fi
installed=$(date +%s)

# Runs a command from $work with a clean environment: PATH without /opt/swift.
run() { (cd "$work" && env -i HOME="$work" PATH="$clean_path" LANG=C.UTF-8 "$@"); }

step "from $work, PATH=$clean_path"
[ "$(run sh -c 'command -v goalwall')" = "$bin_dir/goalwall" ] || fail "goalwall is not $bin_dir/goalwall on PATH"
run sh -c 'command -v swift' && fail "swift is on the clean PATH"
if ldd "$bin_dir/goalwall" | grep /opt/swift; then fail "goalwall loads libraries from /opt/swift"; fi
out=$(run goalwall --version) || fail "goalwall --version exited $?"
echo "$out"
[ "$(echo "$out" | head -1)" = "goalwall $version" ] || fail "--version: first line is not 'goalwall $version'"
echo "$out" | grep -Eq '^libcmark [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version: no libcmark version"
run goalwall init site || fail "goalwall init site exited $?"
run goalwall build --site site || fail "goalwall build --site site exited $?"
run goalwall check --site site >/dev/null || fail "goalwall check --site site exited $?"
[ -f "$work/site/public/index.html" ] || fail "site/public/index.html was not written"
echo "site/public/index.html: $(wc -c <"$work/site/public/index.html") bytes"

# The same with /opt/swift hidden: an empty folder mounted over it, in a mount namespace
# of this command only (needs unshare's permission; skipped with a note without it).
if [ -d /opt/swift ] && unshare -m true 2>/dev/null; then
    step "again with /opt/swift hidden (unshare -m, tmpfs over /opt/swift)"
    rm -rf "$work/hidden"
    run unshare -m sh -euc '
        mount -t tmpfs none /opt/swift
        [ -z "$(ls -A /opt/swift)" ]
        goalwall --version
        goalwall init hidden >/dev/null
        goalwall build --site hidden --quiet
        goalwall check --site hidden >/dev/null
        test -f hidden/public/index.html
        echo "built hidden/public with /opt/swift empty"' || fail "goalwall failed with /opt/swift hidden"
else
    echo "(unshare -m not allowed here: the /opt/swift-hidden run is skipped; ldd shows nothing from /opt/swift)"
fi

step "man page and completions"
[ -f "$man_page" ] || fail "no man page at $man_page"
if command -v man >/dev/null; then
    MANWIDTH=80 man -l "$man_page" 2>/dev/null | grep -q "EXIT STATUS" || fail "the man page does not render"
fi
for file in "${completions[@]}"; do [ -s "$file" ] || fail "no completion script at $file"; done
bash -n "${completions[0]}" || fail "the bash completion script does not parse"
bash -c "source '${completions[0]}' && complete -p goalwall" >/dev/null || fail "the bash completion does not register"
echo "man page: $man_page; completions: ${completions[*]}"
tested=$(date +%s)

step "deploy recipes"
PATH="$clean_path" scripts/deploy/test-rebuild.sh "$bin_dir/goalwall"
if command -v systemd-analyze >/dev/null; then
    scripts/deploy/test-units.sh "$deploy" "$bin_dir/goalwall"
else
    echo "(systemd-analyze not installed: the unit files are not verified)"
fi
web=()
command -v nginx >/dev/null || web+=(nginx)
command -v apache2 >/dev/null || web+=(apache2)
command -v strace >/dev/null || web+=(strace)
if [ ${#web[@]} -gt 0 ] && [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${web[*]} (to test the recipes; no service is started)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${web[@]}" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "${web[@]}" >/dev/null; }
fi
scripts/deploy/test-web.sh "$work/site/public"
scripts/deploy/test-sandbox.sh "$bin_dir/goalwall"
if command -v strace >/dev/null && command -v systemd-analyze >/dev/null; then
    python3 scripts/deploy/test_syscalls.py "$bin_dir/goalwall" "$deploy/goalwall.service"
else
    echo "(strace or systemd-analyze missing: goalwall's system calls are not checked against goalwall.service)"
fi
python3 scripts/deploy/test_ci_recipes.py dist/goalwall-"$version"-linux-"$(uname -m)".tar.gz
python3 scripts/deploy/test_deploy_doc.py

end=$(date +%s)
echo "test-install.sh: passed in $((end - start)) s (package $((packed - start)) s, install $((installed - packed)) s," \
    "commands $((tested - installed)) s, deploy recipes $((end - tested)) s)"
