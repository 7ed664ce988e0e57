#!/bin/sh
# Instructions executed by each compile pipeline on the rule-list workload of
# issue 3 (`not ((host A1 and port P1) or …)`), counted by valgrind's
# callgrind inside the pipeline's entry point. Counts do not move with the
# machine's load, so they back the CompilerBenchmarks times
# (docs/benchmarks-compiler.md).
#
#   scripts/compiler-instruction-counts.sh [TERMS...]     default: 100 1000 10000
#
# Release build without debug info (valgrind 3.19 cannot read Swift's), in
# its own scratch folder.
set -eu
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind (apt install valgrind)" >&2; exit 2; }
scratch=.build-counts
swift build -c release --package-path Benchmarks --scratch-path "$scratch" --product CompilerCounts \
    -Xswiftc -gnone >/dev/null
binary="$scratch/release/CompilerCounts"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {  # PIPELINE TERMS ENTRY-PATTERN -> instructions
    valgrind --tool=callgrind --callgrind-out-file="$out/cg" --toggle-collect="$3" "$binary" "$1" "$2" >/dev/null 2>&1
    callgrind_annotate "$out/cg" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }'
}
[ $# -gt 0 ] || set -- 100 1000 10000
printf '| terms | text to IR | text to cBPF, unoptimized | FilterCompiler.compile | text to IR to eBPF (XDP) |\n|---:|---:|---:|---:|---:|\n'
for terms in "$@"; do
    parse=$(count parse "$terms" '*countParse*')
    cbpf=$(count cbpf "$terms" '*countCBPF*')
    compile=$(count compile "$terms" '*countCompile*')
    xdp=$(count xdp "$terms" '*countXDP*')
    awk -v t="$terms" -v p="$parse" -v c="$cbpf" -v f="$compile" -v x="$xdp" \
        'BEGIN { printf "| %d | %.1f M | %.1f M | %.1f M | %.1f M |\n", t, p / 1e6, c / 1e6, f / 1e6, x / 1e6 }'
done
