#!/usr/bin/env bash
# Quick start, step 1: make sure the one system library goalwall needs (libcmark) is
# there, then build the sample site (goalwall.yml, content/) into public/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pkg-config --exists libcmark 2>/dev/null; then
    echo "Installing libcmark-dev (the CommonMark library goalwall renders Markdown with)"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq libcmark-dev pkg-config
fi

swift run goalwall build "$@"
