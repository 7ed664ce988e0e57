#!/usr/bin/env bash
# Install what is missing, build, and run the whole test suite.
#
# Test data shared with other projects (captures, vectors) is read from
# $SLUICE_SHARED, by default ../shared next to this checkout. CI also sets
# SLUICE_REQUIRE_VECTORS=1 and SLUICE_REQUIRE_BPF=1 so that missing data or
# privileges fail the run instead of skipping tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --install-only

if [ -z "${SLUICE_SHARED:-}" ]; then
    # ../shared next to the checkout; a clone elsewhere on a machine of this
    # kind finds the shared data at /work/shared.
    SLUICE_SHARED="$(cd .. && pwd)/shared"
    if [ ! -d "$SLUICE_SHARED" ] && [ -d /work/shared ]; then SLUICE_SHARED=/work/shared; fi
fi
export SLUICE_SHARED
echo "test: SLUICE_SHARED=$SLUICE_SHARED SLUICE_REQUIRE_VECTORS=${SLUICE_REQUIRE_VECTORS:-0} SLUICE_REQUIRE_BPF=${SLUICE_REQUIRE_BPF:-0}"

swift build --build-tests
swift test --skip-build "$@"
scripts/fuzz-ci.sh   # each fuzz target briefly (docs/fuzzing.md)
