#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test.
#
#   scripts/test.sh           the normal build, in build/
#   scripts/test.sh --asan    AddressSanitizer + UndefinedBehaviorSanitizer (and
#                             LeakSanitizer), in build-asan/; the first report fails
#   scripts/test.sh --tsan    ThreadSanitizer, in build-tsan/; races inside Qt and
#                             GLib (not instrumented) are suppressed, see
#                             tests/sanitizers/tsan.supp
#
# With SOCKETSCOPE_BUILD_DIR=DIR the sanitizer builds go to DIR-asan and
# DIR-tsan: never into the normal build, so the three can follow each other
# in one clone (as in CI).
#
# Other arguments go to ctest, e.g. `scripts/test.sh --asan -R tst_engine`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mode=normal
ctest_args=()
for arg in "$@"; do
    case $arg in
    --asan) mode=asan ;;
    --tsan) mode=tsan ;;
    *) ctest_args+=("$arg") ;;
    esac
done

cmake_args=(-DSOCKETSCOPE_WERROR=ON -DSOCKETSCOPE_BUILD_TESTS=ON -DSOCKETSCOPE_TEST_TIMEOUT_SCALE=1)
# Sanitizer builds: -O1 and line tables only. Reports still name file and
# line, and the build takes about half the time of -O2 -g (CI builds both).
sanitizer_opt="-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG"
timeout=600
case $mode in
normal)
    build=${SOCKETSCOPE_BUILD_DIR:-$root/build}
    ;;
asan)
    build=${SOCKETSCOPE_BUILD_DIR:-$root/build}-asan
    flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    # GCC's sanitizer instrumentation brings false -Wmaybe-uninitialized and
    # -Wstringop-overflow warnings; the normal build keeps warnings as errors.
    cmake_args=(-DSOCKETSCOPE_WERROR=OFF -DSOCKETSCOPE_BUILD_TESTS=ON
        "-DCMAKE_CXX_FLAGS=$flags" "-DCMAKE_EXE_LINKER_FLAGS=$flags" "$sanitizer_opt"
        -DSOCKETSCOPE_TEST_TIMEOUT_SCALE=3)
    export QTEST_FUNCTION_TIMEOUT=900000
    export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    export LSAN_OPTIONS=suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0
    timeout=1200
    ;;
tsan)
    build=${SOCKETSCOPE_BUILD_DIR:-$root/build}-tsan
    flags="-fsanitize=thread -fno-omit-frame-pointer"
    cmake_args=(-DSOCKETSCOPE_WERROR=OFF -DSOCKETSCOPE_BUILD_TESTS=ON
        "-DCMAKE_CXX_FLAGS=$flags" "-DCMAKE_EXE_LINKER_FLAGS=$flags" "$sanitizer_opt"
        -DSOCKETSCOPE_TEST_TIMEOUT_SCALE=5)
    export QTEST_FUNCTION_TIMEOUT=1500000
    # die_after_fork=0: tests run tshark, mergecap and the like through
    # QProcess while QtTest's watchdog thread runs; the forked child only
    # execs the tool, and the tool's default would end the whole test there.
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:suppressions=$root/tests/sanitizers/tsan.supp:print_suppressions=0"
    timeout=1800
    ;;
esac

"$root/scripts/deps.sh"
SOCKETSCOPE_BUILD_DIR=$build "$root/scripts/build.sh" "${cmake_args[@]}"
cd "$build"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$(nproc)" --timeout "$timeout" \
    ${ctest_args[@]+"${ctest_args[@]}"}
