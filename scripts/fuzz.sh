#!/usr/bin/env bash
# Builds every libFuzzer target (tests/fuzz/, clang with AddressSanitizer and
# UBSan) into build-fuzz/ and runs each for N seconds (default 60), starting
# from its committed seed corpus in tests/fuzz/corpus/TARGET/. New inputs go to
# build-fuzz/corpus/, never into the repository. Exits non-zero on the first
# finding; the input that caused it is saved as build-fuzz/artifacts/TARGET-*.
#
#   scripts/fuzz.sh [--seconds N] [TARGET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SOCKETSCOPE_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=60
only=()
while [ $# -gt 0 ]; do
    case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --seconds=*) seconds=${1#*=}; shift ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) only+=("$1"); shift ;;
    esac
done

"$root/scripts/deps.sh"
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOCKETSCOPE_FUZZ=ON >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target socketscope_fuzz

mapfile -t targets <"$build/fuzz-targets.txt"
[ ${#only[@]} -gt 0 ] && targets=("${only[@]}")
# Full stacks for leaks: Debian's libraries have no frame pointers, and a
# suppression can only match a library that appears in the stack.
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:fast_unwind_on_malloc=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Leaks inside libraries SocketScope does not build (see the file's comments).
export LSAN_OPTIONS=suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0
summary=()
for target in "${targets[@]}"; do
    corpus=$build/corpus/$target
    mkdir -p "$corpus" "$build/artifacts"
    log=$build/$target.log
    echo "== $target: $seconds s"
    if ! "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
        "$corpus" "$root/tests/fuzz/corpus/$target" >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz.sh: $target found a problem; the input is in $build/artifacts/" >&2
        exit 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    summary+=("$(printf '%-20s %12s executions clean' "$target" "$runs")")
done
printf '%s\n' "${summary[@]}"
