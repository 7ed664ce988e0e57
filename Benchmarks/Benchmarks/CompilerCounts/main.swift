import CompilerWorkload
import Foundation
import Sluice

// Runs one compile pipeline once on the rule list, for valgrind's callgrind:
// instruction counts do not move with the machine's load (the benchmark's
// times spread 44-90 ms within one run on the shared machine).
// scripts/compiler-instruction-counts.sh collects inside the entry points.
//
//   CompilerCounts (parse|xdp|cbpf|compile) TERMS

@inline(never) func countParse(_ text: String) throws -> Filter { try FilterParser.parse(text) }
@inline(never) func countXDP(_ text: String) throws -> EBPFProgram { try compileToXDP(text) }
@inline(never) func countCBPF(_ text: String) throws -> Program { try generateBytecode(text) }
@inline(never) func countCompile(_ text: String) -> CompiledFilter? { try? FilterCompiler.compile(text) }

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2, let terms = Int(arguments[1]), terms > 0 else {
    FileHandle.standardError.write(Data("usage: CompilerCounts (parse|xdp|cbpf|compile) TERMS\n".utf8))
    exit(2)
}
let text = ruleList(terms: terms)
do {
    switch arguments[0] {
    case "parse": print("IR of \(try countParse(text).primitives.count) primitives")
    case "xdp": print("\(try countXDP(text).instructions.count) eBPF slots")
    case "cbpf": print("\(try countCBPF(text).count) cBPF instructions")
    case "compile": print(countCompile(text).map { "\($0.program.program.count) instructions" } ?? "error (too long for cBPF)")
    default:
        FileHandle.standardError.write(Data("unknown pipeline \(arguments[0])\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
