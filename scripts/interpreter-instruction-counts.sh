#!/bin/sh
# Instructions per packet of Sluice's interpreter and libpcap's bpf_filter on
# the interpreter benchmark's rows, counted by valgrind's callgrind (inclusive
# of everything each engine calls). Counts do not move with machine load, so
# their ratio backs the benchmark's ns/packet (docs/benchmarks-interpreter.md).
#
#   scripts/interpreter-instruction-counts.sh
#
# Release build without debug info (valgrind 3.19 cannot read Swift's), in its
# own scratch folder. Test data is read from SLUICE_SHARED (default ../shared).
set -eu
cd "$(dirname "$0")/.."
if [ -z "${SLUICE_SHARED:-}" ]; then
    SLUICE_SHARED="$(cd .. && pwd)/shared"
    if [ ! -d "$SLUICE_SHARED" ] && [ -d /work/shared ]; then SLUICE_SHARED=/work/shared; fi
fi
export SLUICE_SHARED
command -v valgrind >/dev/null || { echo "needs valgrind (apt install valgrind)" >&2; exit 2; }
scratch=.build-counts
swift build -c release --package-path Benchmarks --scratch-path "$scratch" --product InterpreterCounts \
    -Xswiftc -gnone >/dev/null
binary="$scratch/release/InterpreterCounts"
packets=$("$binary" --list | awk -F'\t' '$1 == "packets" { print $2 }')
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {  # ROW ENGINE FUNCTION-PATTERN -> instructions
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" --toggle-collect="$3" "$binary" "$1" "$2" >/dev/null 2>&1
    callgrind_annotate "$out/cg" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }'
}
printf '| row | Sluice instructions/packet | bpf_filter instructions/packet | ratio |\n|---|---:|---:|---:|\n'
"$binary" --list | awk -F'\t' '$1 != "packets"' | while IFS="$(printf '\t')" read -r index name; do
    sluice=$(count "$index" sluice '*runSluice*')
    pcap=$(count "$index" bpf_filter '*runBpfFilter*')
    awk -v n="$name" -v s="$sluice" -v p="$pcap" -v k="$packets" \
        'BEGIN { printf "| %s | %.1f | %.1f | %.2f |\n", n, s / k, p / k, s / p }'
done
echo "($packets packets per run)"
