#!/usr/bin/env bash
# swift test under AddressSanitizer and ThreadSanitizer (docs/fuzzing.md).
#
#   scripts/sanitizers.sh [address|thread|all] [swift test options, e.g. --filter Suite]
#
# ASan runs Swift Testing only (--disable-xctest): XCTest's own allocations
# show up as leaks (PLATFORM.md), and scripts/lsan-suppressions.txt names the
# three leak reports that are not Sluice's (each explained there). Each
# sanitizer builds in its own scratch folder, so normal builds are not
# invalidated, and from scratch: an incremental build once linked a stale
# object whose outlined destroy helper predated two fields of VerifierLog,
# and LeakSanitizer reported those fields as leaked. SANITIZERS_REUSE_BUILD=1
# keeps the folder (quick re-runs of one suite). Exit status 1 if either run
# fails; the logs are .build/sanitizer-logs/{address,thread}.log. Too slow
# for CI (docs/fuzzing.md).
set -uo pipefail
cd "$(dirname "$0")/.."
which="${1:-all}"
[ $# -gt 0 ] && shift
export SWIFT_BACKTRACE=enable=no   # the backtracer trips the sanitizers and hangs
if [ -z "${SLUICE_SHARED:-}" ]; then SLUICE_SHARED="$(cd .. && pwd)/shared"; fi
export SLUICE_SHARED
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
mkdir -p .build/sanitizer-logs
status=0
run() {
    local sanitizer=$1; shift
    local log=".build/sanitizer-logs/$sanitizer.log"
    echo "sanitizers: swift test --sanitize=$sanitizer $*"
    local start=$SECONDS
    [ "${SANITIZERS_REUSE_BUILD:-0}" = 1 ] || rm -rf ".build/sanitize-$sanitizer"
    if swift test --scratch-path ".build/sanitize-$sanitizer" --sanitize="$sanitizer" "$@" >"$log" 2>&1; then
        echo "sanitizers: $sanitizer clean in $((SECONDS - start)) s ($(grep -Eo 'Test run with [0-9]+ tests? in [0-9]+ suites? passed after [0-9.]+ seconds' "$log" | tail -1))"
    else
        status=1
        echo "sanitizers: $sanitizer FAILED after $((SECONDS - start)) s; see $log" >&2
        grep -E "^(==[0-9]+==ERROR|SUMMARY: |WARNING: ThreadSanitizer)|✘ Test .* failed" "$log" | sort | uniq -c | head -20 >&2
    fi
}
case "$which" in
    address) run address --disable-xctest "$@" ;;
    thread) run thread "$@" ;;
    all) run address --disable-xctest "$@"; run thread "$@" ;;
    *) echo "usage: scripts/sanitizers.sh [address|thread|all] [swift test options]" >&2; exit 2 ;;
esac
exit "$status"
