#!/bin/sh
# The XDP backends against the interpreter in the real kernel, at full size:
# every EN10MB accept expression of the libpcap vectors on every Ethernet
# frame of the shared captures (CI keeps every 4th frame), and COUNT random
# filters (CI runs 2,000). Release build; needs root.
#
#   scripts/xdp-differential.sh [COUNT]
#
# Fails on any mismatch. Test data is read from SLUICE_SHARED (default ../shared).
set -eu
cd "$(dirname "$0")/.."
export SLUICE_FULL_XDP=1
export SLUICE_RANDOM_FILTERS="${1:-20000}"
export SLUICE_REQUIRE_BPF=1 SLUICE_REQUIRE_VECTORS=1
if [ -z "${SLUICE_SHARED:-}" ] && [ ! -d ../shared ] && [ -d /work/shared ]; then
    export SLUICE_SHARED=/work/shared
fi
# The same separate build folder as scripts/verifier-differential.sh.
exec swift test -c release --scratch-path .build-release \
    --filter 'XDPDifferentialTests|XDPRandomFilterTests'
