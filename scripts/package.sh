#!/usr/bin/env bash
# Usage: scripts/package.sh [--no-build]
#
# Builds goalwall for machines without a Swift toolchain and packs it into dist/:
#   dist/goalwall-VERSION-linux-ARCH.tar.gz   bin/goalwall, the man page, bash/zsh/fish
#                                             completions, README, docs, deploy recipes
#   dist/goalwall_VERSION_DEBARCH.deb         the same, installed under /usr
# VERSION is read from Sources/GoalwallKit/Support/Version.swift (the one place it is written).
#
# The binary is a release build with the Swift runtime and Foundation linked in
# (--static-swift-stdlib) and libcmark linked in from Debian's libcmark.a, so it needs
# only Debian's libc6, libstdc++6 and libgcc-s1 (see "Depends" below). The script
# stops if the binary still needs anything from /opt/swift.
#
# Needs (installed with apt-get when missing and running as root): libcmark-dev (its
# libcmark.a), libcurl4-openssl-dev (the static Foundation links -lcurl), dpkg-dev
# (dpkg-shlibdeps), pkg-config. --no-build packs the binary already in .build-dist.
# Timestamps come from the last commit (SOURCE_DATE_EPOCH), so packing the same binary
# twice gives byte-identical files.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

build=true
[ "${1:-}" = "--no-build" ] && build=false

version=$(sed -n 's/^ *public static let number = "\(.*\)"$/\1/p' Sources/GoalwallKit/Support/Version.swift)
[ -n "$version" ] || { echo "package.sh: no version in Sources/GoalwallKit/Support/Version.swift" >&2; exit 1; }
arch=$(uname -m)
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

# Build prerequisites.
need=()
command -v pkg-config >/dev/null || need+=(pkg-config)
command -v dpkg-shlibdeps >/dev/null || need+=(dpkg-dev)
[ -e /usr/include/cmark.h ] || need+=(libcmark-dev)
[ -e "/usr/lib/$(gcc -print-multiarch)/libcurl.so" ] || need+=(libcurl4-openssl-dev)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "package.sh: install ${need[*]} first (sudo apt-get install ${need[*]})" >&2
        exit 1
    fi
    echo "Installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
fi
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
debarch=$(dpkg-architecture -qDEB_HOST_ARCH)

scratch=.build-dist
# libcmark: linked statically. Debian ships libcmark.a in libcmark-dev; CCmark finds the
# library through pkg-config, so a libcmark.pc whose libdir holds only libcmark.a makes
# the linker's -lcmark pick the archive. No change to Package.swift, and `swift build`
# keeps using the shared library. This spares the server one more package to install
# and pins the Markdown renderer the tests ran against (goalwall --version names it).
static=$root/$scratch/cmark-static
mkdir -p "$static/pkgconfig"
ln -sf "/usr/lib/$multiarch/libcmark.a" "$static/libcmark.a"
cat >"$static/pkgconfig/libcmark.pc" <<EOF
libdir=$static
includedir=/usr/include

Name: libcmark
Description: libcmark.a only, for goalwall's release build (scripts/package.sh)
Version: $(pkg-config --modversion libcmark)
Libs: -L\${libdir} -lcmark
Cflags: -I\${includedir}
EOF

swift_build() {
    PKG_CONFIG_PATH="$static/pkgconfig" swift build -c release --static-swift-stdlib --scratch-path "$scratch" "$@"
}
if $build; then
    echo "Building goalwall $version (release, static Swift runtime and libcmark)"
    swift_build --product goalwall
    # swift-argument-parser's generate-manual: the tool behind its GenerateManual plugin.
    swift_build --product generate-manual
fi
binary=$scratch/release/goalwall

# The binary must need nothing from the toolchain.
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
if echo "$needed" | grep -Eq '^lib(swift|Foundation|_Foundation|dispatch|BlocksRuntime|cmark)'; then
    echo "package.sh: $binary still links Swift or cmark libraries dynamically:" >&2
    echo "$needed" >&2
    exit 1
fi
if readelf -d "$binary" | grep -E 'RPATH|RUNPATH' | grep -q /opt/swift || ldd "$binary" | grep -q /opt/swift; then
    echo "package.sh: $binary looks in /opt/swift for libraries" >&2
    exit 1
fi

# Depends: computed from the binary's NEEDED libraries by dpkg-shlibdeps, then checked
# against the packages owning those libraries (dpkg -S): exactly those, no more.
# (libcurl4 was among them while serve's HTTP server imported FoundationNetworking.)
shlibs=$(mktemp -d)
mkdir -p "$shlibs/debian"
printf 'Source: goalwall\n\nPackage: goalwall\nArchitecture: any\n' >"$shlibs/debian/control"
cp "$binary" "$shlibs/goalwall"
depends=$(cd "$shlibs" && dpkg-shlibdeps -O goalwall 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
rm -rf "$shlibs"
owner() { # a library's path as ldd prints it: the package that installed it
    local real
    real=$(readlink -f "$1")
    for candidate in "$1" "$real" "${real#/usr}"; do
        dpkg-query -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1 && return 0
    done
    echo "package.sh: no package owns $1" >&2
    return 1
}
owners=$(for lib in $needed; do
    owner "$(ldd "$binary" | awk -v lib="$lib" '$1 == lib && $3 ~ /^\// {print $3} $1 ~ "/" lib "$" {print $1}' | head -1)"
done | sort -u)
listed=$(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | sort -u)
if [ "$owners" != "$listed" ]; then
    echo "package.sh: Depends ($depends) does not match the packages of the needed libraries:" >&2
    echo "$owners" >&2
    exit 1
fi
echo "NEEDED: $(echo "$needed" | tr "\n" " ")"
echo "Depends: $depends"

# The tree shared by the tarball and the package: a prefix (bin/, share/).
name=goalwall-$version-linux-$arch
rm -rf dist/"$name" dist/deb
mkdir -p dist/"$name"/{bin,share/man/man1,share/doc/goalwall/licenses,share/goalwall}
tree=dist/$name
install -m 755 "$binary" "$tree/bin/goalwall"
strip --strip-debug "$tree/bin/goalwall" # keeps the symbols that name functions in a crash report

"$scratch/release/generate-manual" "$tree/bin/goalwall" --section 1 \
    --date "$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)" --output-directory "$tree/share/man/man1" >/dev/null
python3 scripts/fix_manual.py "$tree/share/man/man1/goalwall.1"
if command -v man >/dev/null && man -l "$tree/share/man/man1/goalwall.1" 2>&1 >/dev/null | grep .; then
    echo "package.sh: the man page has warnings (above)" >&2
    exit 1
fi

mkdir -p "$tree/share/bash-completion/completions" "$tree/share/zsh/site-functions" \
    "$tree/share/fish/vendor_completions.d"
"$tree/bin/goalwall" --generate-completion-script bash >"$tree/share/bash-completion/completions/goalwall"
"$tree/bin/goalwall" --generate-completion-script zsh >"$tree/share/zsh/site-functions/_goalwall"
"$tree/bin/goalwall" --generate-completion-script fish >"$tree/share/fish/vendor_completions.d/goalwall.fish"

cp README.md "$tree/share/doc/goalwall/"
cp -r docs "$tree/share/doc/goalwall/docs"
cp -r scripts/deploy "$tree/share/goalwall/deploy"
rm -f "$tree/share/goalwall/deploy/"test[-_]*
# What is linked into the binary, and under which terms.
licenses=$tree/share/doc/goalwall/licenses
cp /opt/swift/usr/share/swift/LICENSE.txt "$licenses/swift-runtime-and-foundation.txt" 2>/dev/null ||
    cp "$(dirname "$(readlink -f "$(command -v swift)")")/../share/swift/LICENSE.txt" "$licenses/swift-runtime-and-foundation.txt"
cp /usr/share/doc/libcmark-dev/copyright "$licenses/cmark.txt"
for checkout in "$scratch"/checkouts/*; do
    for file in "$checkout"/LICENSE "$checkout"/LICENSE.txt; do
        [ -f "$file" ] && cp "$file" "$licenses/$(basename "$checkout").txt"
    done
done
cat >"$tree/share/doc/goalwall/copyright" <<EOF
goalwall $version

The goalwall binary contains, linked statically:
- the Swift runtime, standard library and Foundation (with ICU data): Apache License 2.0
  with Runtime Library Exception, licenses/swift-runtime-and-foundation.txt
- libcmark $(pkg-config --modversion libcmark), from Debian's libcmark-dev: BSD-2-Clause, licenses/cmark.txt
- swift-argument-parser, swift-mustache: Apache License 2.0; Yams (with libyaml), FlyingFox:
  MIT; licenses/NAME.txt
EOF

# Compression levels chosen for CI time on 2 cores (the 78 MB binary): gzip -6 takes 17 s
# for 26.5 MB (-9: 37 s, 26.4 MB); xz -1 28 s for 20.4 MB (xz -6: 3 minutes, 17.4 MB).
echo "Packing dist/$name.tar.gz"
chmod -R u+rwX,go+rX,go-w "$tree"
find "$tree" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C dist -cf - "$name" | gzip -6n >"dist/$name.tar.gz"

# The Debian package: the same files under /usr, in Debian's places.
deb=dist/deb/goalwall_${version}_$debarch
mkdir -p "$deb/DEBIAN" "$deb/usr/share/man/man1" "$deb/usr/share/zsh" "$deb/usr/share/doc"
cp -r "$tree/bin" "$deb/usr/bin"
gzip -9nc "$tree/share/man/man1/goalwall.1" >"$deb/usr/share/man/man1/goalwall.1.gz"
cp -r "$tree/share/bash-completion" "$tree/share/fish" "$tree/share/goalwall" "$deb/usr/share/"
cp -r "$tree/share/zsh/site-functions" "$deb/usr/share/zsh/vendor-completions"
cp -r "$tree/share/doc/goalwall" "$deb/usr/share/doc/goalwall"
cat >"$deb/DEBIAN/control" <<EOF
Package: goalwall
Version: $version
Architecture: $debarch
Maintainer: ${GOALWALL_MAINTAINER:-goalwall maintainers <goalwall@localhost>}
Installed-Size: $(du -sk --exclude=DEBIAN "$deb" | cut -f1)
Depends: $depends
Suggests: git, nginx | apache2
Section: web
Priority: optional
Description: static goals wall from Markdown goal pages and metric CSV files
 goalwall turns a folder of Markdown goal pages and metric CSV files into a
 static "goals wall" website: every goal with its owner, numbers, status
 against plan, milestones and check-ins, as plain HTML with inline SVG charts,
 goals.json, calendar.ics, feed.xml and a kiosk view for an office TV.
 .
 goalwall serve previews the wall and rebuilds it on every change; the deploy
 recipes (systemd units, nginx and Apache snippets, a rebuild script) are in
 /usr/share/goalwall/deploy, documented in /usr/share/doc/goalwall/docs/deploy.md.
EOF
(cd "$deb" && find usr -type f -exec md5sum {} + | sort -k2) >"$deb/DEBIAN/md5sums"
find "$deb" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --build --root-owner-group -Zxz -z1 "$deb" "dist/goalwall_${version}_$debarch.deb" >/dev/null
rm -rf dist/deb

ls -l "dist/$name.tar.gz" "dist/goalwall_${version}_$debarch.deb"
