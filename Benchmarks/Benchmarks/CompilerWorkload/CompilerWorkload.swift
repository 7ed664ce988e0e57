import Sluice

// The rule-list workload of issue 3, shared by CompilerBenchmarks (timed)
// and CompilerCounts (instructions counted under callgrind).

/// The rule-list expression with `count` terms (10.x.y.1, ports from 1024).
public func ruleList(terms count: Int) -> String {
    let terms = (0..<count).map { index in
        "(host 10.\(index / 250 % 250).\(index % 250).1 and port \(1024 + index % 60000))"
    }
    return "not (" + terms.joined(separator: " or ") + ")"
}

/// The pipeline of rule lists too long for cBPF: text, IR, then eBPF for
/// XDP straight from the IR (`XDPCodeGenerator`, no cBPF fallback).
public func compileToXDP(_ expression: String) throws -> EBPFProgram {
    try XDPCodeGenerator.generate(try FilterParser.parse(expression), result: .report)
}

/// Text to cBPF as generated, before the optimizer and the length check.
public func generateBytecode(_ expression: String) throws -> Program {
    try CBPFCodeGenerator.generate(try FilterParser.parse(expression), acceptValue: 262_144).program
}
