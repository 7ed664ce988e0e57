#!/usr/bin/env bash
# Runs every fuzz target briefly (CI): FUZZ_CI_SECONDS each (default 45),
# about four minutes in all with the builds. Fails if any target breaks its
# invariant. FuzzXDP needs root (CAP_BPF); without it every input passes.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_CI_SECONDS:-45}"
failed=()
for target in FuzzCodec FuzzInterpreter FuzzCompiler FuzzXDP; do
    echo "fuzz-ci: $target for ${seconds}s"
    # A fixed seed keeps CI reproducible; the long runs explore (docs/fuzzing.md).
    scripts/fuzz.sh "$target" "$seconds" -seed=1 || failed+=("$target")
done
if [ "${#failed[@]}" -ne 0 ]; then
    echo "fuzz-ci: invariant broken in ${failed[*]} (crashing inputs under .build/fuzz-crashes/)" >&2
    exit 1
fi
echo "fuzz-ci: all targets held their invariants"
