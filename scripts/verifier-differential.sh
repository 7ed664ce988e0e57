#!/bin/sh
# The verifier against the running kernel's classic checker (SO_ATTACH_FILTER)
# on random, almost-valid programs: release build, a million programs by
# default. Needs root (the project's kernel tests gate on it).
#
#   scripts/verifier-differential.sh [COUNT] [SEED]
#
# Prints the counts (accepted, rejected by rule, mismatches) and fails on any
# mismatch. Test data is read from SLUICE_SHARED (default ../shared).
set -eu
cd "$(dirname "$0")/.."
export SLUICE_DIFF_COUNT="${1:-1000000}"
export SLUICE_DIFF_SEED="${2:-20261127}"
export SLUICE_REQUIRE_BPF=1
# A separate build folder, so a debug build can go on beside it.
exec swift test -c release --scratch-path .build-release --filter 'KernelDifferentialTests'
