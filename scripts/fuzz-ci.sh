#!/usr/bin/env bash
# Runs every fuzz target briefly (CI): FUZZ_CI_SECONDS each (default 45),
# about four minutes in all with the builds, with a fixed seed so a run is
# reproducible. Fails if any target breaks its invariant, except the targets
# named in FUZZ_CI_REPORT_ONLY (space-separated, empty by default): their
# findings are printed but do not fail the run; name a target there only
# while a finding of it is open and kept as a known issue (docs/fuzzing.md).
# FuzzXDP needs root (CAP_BPF); without it every input passes.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_CI_SECONDS:-45}"
report_only=" ${FUZZ_CI_REPORT_ONLY:-} "
failed=()
for target in FuzzCodec FuzzInterpreter FuzzCompiler FuzzXDP; do
    echo "fuzz-ci: $target for ${seconds}s"
    if ! scripts/fuzz.sh "$target" "$seconds" -seed=1; then
        if [[ "$report_only" == *" $target "* ]]; then
            echo "fuzz-ci: $target broke its invariant (open findings, docs/fuzzing.md); reported, not failing CI" >&2
        else
            failed+=("$target")
        fi
    fi
done
if [ "${#failed[@]}" -ne 0 ]; then
    echo "fuzz-ci: invariant broken in ${failed[*]} (crashing inputs under .build/fuzz-crashes/)" >&2
    exit 1
fi
echo "fuzz-ci: targets held their invariants${FUZZ_CI_REPORT_ONLY:+ (report-only: $FUZZ_CI_REPORT_ONLY)}"
