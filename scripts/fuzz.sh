#!/usr/bin/env bash
# Builds and runs goalwall's libFuzzer targets (the package in Fuzz/; see Fuzz/README.md).
#
#   scripts/fuzz.sh TARGET [SECONDS]   fuzz one target (default 60 s); TARGET is one of
#                                      csv dialects goal settings dates numbers
#                                      durations formula mustache site labels
#   scripts/fuzz.sh all [SECONDS]      every target in turn, SECONDS each
#   scripts/fuzz.sh --ci [SECONDS]     build, then every target for SECONDS (default 25)
#                                      each with a throw-away corpus; fails on any finding
#   scripts/fuzz.sh --build            build only
#   scripts/fuzz.sh --replay TARGET FILE...   run the target once on each file (no fuzzing)
#
# Extra libFuzzer options go after `--`: scripts/fuzz.sh csv 600 -- -jobs=2 -workers=2
# Findings (crash-*, timeout-*, oom-*) are written to Fuzz/crashes/ (git-ignored); inputs
# the fuzzer found interesting go to Fuzz/.work/corpus/TARGET (git-ignored), the seeds in
# Fuzz/corpus/TARGET are only read. FUZZ_CONFIG=debug builds without optimisation (faster
# to build, slower to fuzz); FUZZ_NO_BUILD=1 runs what was built last (for parallel runs).
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(csv dialects goal settings dates numbers durations formula mustache site labels)
config="${FUZZ_CONFIG:-release}"

# Longest input per target, and the dictionaries each one gets (concatenated).
max_len() {
    case "$1" in
    dates | numbers | durations) echo 64 ;;
    formula) echo 1024 ;;
    site) echo 32768 ;;
    goal | mustache) echo 8192 ;;
    labels) echo 16384 ;;
    *) echo 4096 ;;
    esac
}
dicts() {
    case "$1" in
    csv | dialects | dates | numbers | durations) echo csv ;;
    formula) echo formula ;;
    settings | labels) echo yaml ;;
    goal) echo "yaml markdown" ;;
    mustache) echo mustache ;;
    site) echo "yaml markdown csv mustache" ;;
    esac
}

build() {
    [ "${FUZZ_NO_BUILD:-}" = 1 ] && return 0
    local resources
    resources=$(swiftc -print-target-info | python3 -c 'import json, sys; print(json.load(sys.stdin)["paths"]["runtimeResourcePath"])')
    local runtime="$resources/clang/lib/linux"
    if [ ! -f "$runtime/libclang_rt.fuzzer_no_main-x86_64.a" ]; then
        echo "fuzz.sh: no libFuzzer in this toolchain ($runtime/libclang_rt.fuzzer_no_main-x86_64.a)" >&2
        exit 2
    fi
    # Every module, dependencies included, gets AddressSanitizer and libFuzzer's coverage
    # (what -sanitize=fuzzer would add, without its main); C code (libyaml) likewise.
    swift build --package-path Fuzz -c "$config" \
        -Xswiftc -sanitize=address \
        -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
        -Xcc -fsanitize=fuzzer-no-link,address \
        -Xlinker -L"$runtime" \
        2> >(grep -v "Cannot export local symbol" >&2)
}

binary() { echo "Fuzz/.build/$config/fuzz-$1"; }

dict_file() {
    local out="Fuzz/.work/$1.dict"
    mkdir -p Fuzz/.work
    : >"$out"
    for d in $(dicts "$1"); do cat "Fuzz/dict/$d.dict" >>"$out"; done
    echo "$out"
}

# Runs TARGET for SECONDS with CORPUS as the corpus it grows; libFuzzer's status is returned.
run() {
    local target="$1" seconds="$2" corpus="$3"
    shift 3
    mkdir -p "$corpus" Fuzz/crashes
    # Swift keeps metadata caches for the life of the process: leak checks would only see those.
    # Swift's own crash backtracer reads memory in ways ASan reports; libFuzzer prints the stack.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:detect_stack_use_after_return=0:allocator_may_return_null=1}" \
        nice -n "${FUZZ_NICE:-10}" "$(binary "$target")" \
        -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=2048 \
        -dict="$(dict_file "$target")" -artifact_prefix="Fuzz/crashes/$target-" -print_final_stats=1 \
        "$@" "$corpus" "Fuzz/corpus/$target"
}

is_target() { [[ " ${targets[*]} " == *" $1 "* ]]; }

case "${1:-}" in
--build)
    build
    ;;
--replay)
    target="${2:?usage: fuzz.sh --replay TARGET FILE...}"
    is_target "$target" || { echo "fuzz.sh: unknown target '$target'" >&2; exit 2; }
    shift 2
    build
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:detect_stack_use_after_return=0}" "$(binary "$target")" -timeout=10 -rss_limit_mb=2048 "$@"
    ;;
--ci)
    seconds="${2:-25}"
    build
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    failed=()
    for target in "${targets[@]}"; do
        log="$work/$target.log"
        if run "$target" "$seconds" "$work/$target" >"$log" 2>&1; then
            echo "fuzz $target: $(grep -E '^Done [0-9]+ runs' "$log" || echo done), no findings"
        else
            failed+=("$target")
            echo "fuzz $target: FINDING (last lines of its log follow; the input is in Fuzz/crashes/)"
            tail -n 40 "$log"
        fi
    done
    if [ ${#failed[@]} -gt 0 ]; then
        echo "fuzz: findings in ${failed[*]}"
        exit 1
    fi
    echo "fuzz: ${#targets[@]} targets ran ${seconds} s each, no findings"
    ;;
all)
    seconds="${2:-60}"
    build
    for target in "${targets[@]}"; do run "$target" "$seconds" "Fuzz/.work/corpus/$target"; done
    ;;
"" | -h | --help)
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
    ;;
*)
    target="$1"
    is_target "$target" || { echo "fuzz.sh: unknown target '$target' (one of: ${targets[*]}, all)" >&2; exit 2; }
    seconds="${2:-60}"
    shift $(($# >= 2 ? 2 : 1))
    [ "${1:-}" = "--" ] && shift
    build
    run "$target" "$seconds" "Fuzz/.work/corpus/$target" "$@"
    ;;
esac
