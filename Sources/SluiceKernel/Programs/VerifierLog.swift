/// The kernel verifier's log for one load, with the failing instruction
/// mapped back to our instructions and their source annotations.
///
/// Like cilium/ebpf's `VerifierError`, the whole text is kept but only a
/// summary is shown: the rejected instruction (the kernel's disassembly and
/// ours), where it came from, the error lines, and how much was left out.
public struct VerifierLog: Sendable, CustomStringConvertible {
    /// The complete log as the kernel wrote it.
    public var text: String
    /// The instruction (slot index) the verifier was at when it gave up:
    /// the last `N: (code) ...` line of the log.
    public var failingInstruction: Int?
    /// The lines after the last instruction line: the verifier's reason.
    public var errorLines: [String]
    /// `processed N insns` from the statistics line, when present.
    public var processedInstructions: Int?
    /// The source annotation of `failingInstruction` (for instance the part of
    /// the filter expression it was generated from), when the program had one.
    public var failingSource: String?

    /// Parses `text`; `annotations[i]` is the source note of slot `i`, if any.
    public init(_ text: String, annotations: [String?] = []) {
        self.text = text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        var lastInstructionLine: Int?
        for (position, line) in lines.enumerated() where VerifierLog.instructionNumber(line) != nil {
            lastInstructionLine = position
        }
        failingInstruction = lastInstructionLine.flatMap { VerifierLog.instructionNumber(lines[$0]) }
        let tail = lines[(lastInstructionLine.map { $0 + 1 } ?? 0)...]
        errorLines = tail.filter { !VerifierLog.isStatistics($0) }
        processedInstructions = lines.lazy.compactMap(VerifierLog.processedCount).first
        if let index = failingInstruction, annotations.indices.contains(index) {
            failingSource = annotations[index]
        }
        instructionText = lastInstructionLine.map { lines[$0] }
    }

    /// The kernel's own disassembly of the failing instruction line.
    public var instructionText: String?

    /// A few lines: the failing instruction, its source, the reason.
    public var summary: String {
        var out: [String] = []
        if let failingInstruction {
            out.append("verifier rejected instruction \(failingInstruction): \(instructionText ?? "")")
        }
        if let failingSource { out.append("  generated from: \(failingSource)") }
        let shown = errorLines.suffix(3)
        out += shown.map { "  " + $0 }
        let omitted = text.split(separator: "\n").count - shown.count - (failingInstruction == nil ? 0 : 1)
        if omitted > 0 { out.append("  (\(omitted) more log lines; see the full log)") }
        return out.joined(separator: "\n")
    }

    /// The summary.
    public var description: String { summary }

    /// `N` for a line `N: (hex) ...` (an instruction the verifier walked).
    static func instructionNumber(_ line: String) -> Int? {
        guard let colon = line.firstIndex(of: ":"), let number = Int(line[..<colon]) else { return nil }
        let rest = line[line.index(after: colon)...].drop { $0 == " " }
        return rest.first == "(" ? number : nil
    }

    /// True for the verifier's statistics lines (`processed ...`, `verification time ...`).
    static func isStatistics(_ line: String) -> Bool {
        line.hasPrefix("processed ") || line.hasPrefix("verification time") || line.hasPrefix("stack depth")
    }

    /// `N` in `processed N insns (limit ...)`.
    static func processedCount(_ line: String) -> Int? {
        guard line.hasPrefix("processed ") else { return nil }
        return line.dropFirst("processed ".count).split(separator: " ").first.flatMap { Int($0) }
    }
}
