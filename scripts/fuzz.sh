#!/usr/bin/env bash
# Build one fuzz target with libFuzzer and run it (docs/fuzzing.md).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   TARGET: FuzzCodec | FuzzInterpreter | FuzzCompiler | FuzzXDP (or Codec, ...)
#
# Release build with -sanitize=fuzzer (FUZZ_SANITIZE=address for a debug
# build under ASan as well). The corpus grows in .build/fuzz-corpus/TARGET,
# seeded from Fuzz/corpus/TARGET; crashes are written to .build/fuzz-crashes/TARGET
# (replay them, fix, then keep them as regression tests in
# Tests/SluiceFuzzRegressionTests). The libFuzzer log goes to
# .build/fuzz-logs/TARGET.log and its last lines to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]}"
seconds="${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]}"
shift 2
case "$target" in Fuzz*) ;; *) target="Fuzz$target" ;; esac

export SWIFT_BACKTRACE=enable=no   # the backtracer would trip the sanitizers and hang
scratch=.build/fuzzing
if [ "${FUZZ_SANITIZE:-}" = address ]; then
    config=(-c debug -Xswiftc -sanitize=fuzzer,address)
    scratch=.build/fuzzing-asan
else
    config=(-c release -Xswiftc -sanitize=fuzzer)
fi
swift build --scratch-path "$scratch" "${config[@]}" --product "$target" \
    -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -enable-testing -Xswiftc -use-ld=lld >&2
binary="$(swift build --scratch-path "$scratch" "${config[@]}" -Xswiftc -enable-testing -Xswiftc -use-ld=lld --show-bin-path)/$target"

corpus=".build/fuzz-corpus/$target"
crashes=".build/fuzz-crashes/$target"
logs=.build/fuzz-logs
mkdir -p "$corpus" "$crashes" "$logs"
log="$logs/$target.log"
status=0
started="$logs/$target.started"
touch "$started"
"$binary" "$corpus" "Fuzz/corpus/$target" -max_total_time="$seconds" -max_len=1024 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/" "$@" >"$log" 2>&1 || status=$?
grep -E "^(INFO: seed corpus|#[0-9]+ *(INITED|DONE))|stat::|==ERROR|invariant broken|Fatal error|artifact" "$log" | tail -20 || true
# With -fork=N the parent prints "#runs: cov: ... ft: ... corp: ..." lines instead.
grep -E "^#[0-9]+: cov: " "$log" | tail -1 || true
# With -ignore_crashes=1 (fork mode) libFuzzer exits 0 even after findings: count them.
found=$(find "$crashes" -type f -newer "$started" | wc -l)
if [ "$found" -ne 0 ]; then
    echo "fuzz: $target wrote $found new crash/timeout input(s) to $crashes" >&2
fi
if [ "$status" -ne 0 ]; then
    echo "fuzz: $target found a failure (exit $status); see $log and $crashes" >&2
fi
exit "$status"
