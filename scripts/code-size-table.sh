#!/bin/sh
# Regenerates docs/code-size.md: Sluice's instruction counts against
# libpcap's optimized programs for every EN10MB accept expression of
# libpcap's filter tests. Needs the shared test data (../shared, or
# SLUICE_SHARED=/path).
set -eu
cd "$(dirname "$0")/.."
SLUICE_WRITE_CODE_SIZE=1 swift test --filter CodeSizeTableTests
