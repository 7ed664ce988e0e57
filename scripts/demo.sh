#!/usr/bin/env bash
# The Sluice demo: synthesize a capture into out/, then for every filter in
# Filters/ compile it, verify it, run it over the capture (interpreter, and
# XDP when available), and compare the match count with libpcap's (tcpdump).
#
# It uses whatever the built `sluice` offers: without `sluice compile` the
# filters are compiled by libpcap (tcpdump -ddd) instead; without
# `sluice xdp` the XDP column is skipped. Columns: the program's length,
# the verifier's verdict, its match count in the interpreter, the count of
# `sluice run -f` (Sluice's own compiler), through XDP, and tcpdump's.
#
#   scripts/demo.sh [--count N] [--seed S]      (SLUICE=path/to/sluice to override)
set -euo pipefail
cd "$(dirname "$0")/.."

count=2000
seed=1
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        *) echo "usage: scripts/demo.sh [--count N] [--seed S]" >&2; exit 2 ;;
    esac
done

SLUICE="${SLUICE:-.build/debug/sluice}"
if [ ! -x "$SLUICE" ]; then
    echo "demo: $SLUICE not found; run: swift build --product sluice" >&2
    exit 2
fi
# True when `sluice WORDS... --help` documents that subcommand (an unknown
# one makes argument-parser print the root help instead).
has() { "$SLUICE" "$@" --help 2>/dev/null | grep -q "^USAGE: sluice $*\b"; }
tcpdump_bin="$(command -v tcpdump || true)"

mkdir -p out/filters
capture=out/demo.pcap
echo "== synthesizing $count packets (seed $seed)"
"$SLUICE" synth -o "$capture" --count "$count" --seed "$seed" --summary

compiler="libpcap"; has compile && compiler="sluice"
xdp=""
if has xdp run && [ "$(id -u)" -eq 0 ]; then xdp="yes"; fi
echo
echo "== filters (compiled by $compiler$( [ -n "$xdp" ] && echo ", run by the interpreter and XDP" || echo ", run by the interpreter"))"
printf '%-26s %6s  %-8s %8s %8s %8s %8s  %s\n' filter insns verify program "run -f" xdp libpcap agree
failures=0
for filter in Filters/*.filter; do
    name="$(basename "$filter" .filter)"
    program="out/filters/$name.ddd"
    if [ "$compiler" = sluice ]; then
        if ! "$SLUICE" compile --format ddd -o "$program" -f "$filter" 2>"out/filters/$name.err"; then
            printf '%-26s compile failed: %s\n' "$name" "$(head -1 "out/filters/$name.err")"
            failures=$((failures + 1)); continue
        fi
    elif [ -n "$tcpdump_bin" ]; then
        "$tcpdump_bin" -ddd -r "$capture" -F "$filter" >"$program" 2>/dev/null
    else
        echo "demo: neither 'sluice compile' nor tcpdump is available to compile filters" >&2
        exit 2
    fi
    instructions="$(head -1 "$program")"

    verdict="-"
    if has verify; then
        if "$SLUICE" verify "$program" >/dev/null 2>"out/filters/$name.err"; then verdict="ok"
        else verdict="REJECTED"; failures=$((failures + 1)); fi
    fi
    ours="-"
    if has run && [ "$verdict" != REJECTED ]; then
        ours="$("$SLUICE" run -r "$capture" --count --program "$program" 2>>"out/filters/$name.err" || echo error)"
    fi
    expression="-"
    if has run; then
        expression="$("$SLUICE" run -r "$capture" --count -f "$filter" 2>>"out/filters/$name.err" || echo error)"
    fi
    kernel="-"
    if [ -n "$xdp" ] && [ "$verdict" != REJECTED ]; then
        kernel="$("$SLUICE" xdp run -r "$capture" --count --program "$program" 2>>"out/filters/$name.err" || echo error)"
    fi
    reference="-"
    if [ -n "$tcpdump_bin" ]; then
        reference="$("$tcpdump_bin" -nn -r "$capture" -F "$filter" 2>/dev/null | grep -c '^[0-9]' || true)"
    fi
    agree="-"
    if [ "$reference" != "-" ] && [ "$ours" != "-" ]; then
        agree="yes"
        if [ "$ours" != "$reference" ] || { [ "$kernel" != "-" ] && [ "$kernel" != "$reference" ]; } \
            || { [ "$expression" != "-" ] && [ "$expression" != "$reference" ]; }; then
            agree="NO"; failures=$((failures + 1))
        fi
    fi
    printf '%-26s %6s  %-8s %8s %8s %8s %8s  %s\n' "$name" "$instructions" "$verdict" "$ours" "$expression" "$kernel" "$reference" "$agree"
done
echo
total=$(ls Filters/*.filter | wc -l)
if [ "$failures" -eq 0 ]; then
    echo "demo: $total filters, no failure (capture: $capture, programs: out/filters/)"
else
    echo "demo: $total filters, $failures failure(s); details in out/filters/*.err" >&2
    exit 1
fi
