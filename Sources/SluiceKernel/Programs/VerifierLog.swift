import SluiceEBPF

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

    /// Our own disassembly of `failingInstruction` (`EBPFProgram.listing`'s
    /// text for that slot), when the instructions were given.
    public var failingDisassembly: String?
    /// The log lines just before the failing instruction's line (the
    /// register states that led there), at most `contextLineCount`.
    public var contextLines: [String]

    /// How many lines of context the summary shows.
    public static let contextLineCount = 4
    /// Longer log lines are cut in the summary (register dumps can be long).
    static let maximumLineLength = 160

    /// Parses `text`; `annotations[i]` is the source note of slot `i`, if
    /// any, and `disassembly[i]` our text for slot `i`.
    public init(_ text: String, annotations: SlotNotes = [], disassembly: [String?] = []) {
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
        if let index = failingInstruction, disassembly.indices.contains(index) {
            failingDisassembly = disassembly[index]
        }
        instructionText = lastInstructionLine.map { lines[$0] }
        contextLines = lastInstructionLine.map { Array(lines[max(0, $0 - Self.contextLineCount)..<$0]) } ?? []
    }

    /// The kernel's own disassembly of the failing instruction line.
    public var instructionText: String?

    /// A short report: the failing instruction (ours, else the kernel's),
    /// where it came from (indented), the kernel's reason, the last lines of
    /// context, and how many log lines were left out.
    public var summary: String {
        var out: [String] = []
        if let failingInstruction {
            let shown = failingDisassembly ?? instructionText.map(Self.droppingNumber) ?? ""
            out.append("verifier rejected instruction \(failingInstruction): \(shown)")
        }
        if let failingSource {
            let lines = failingSource.split(separator: "\n", omittingEmptySubsequences: false)
            out.append("  generated from: " + (lines.first.map(String.init) ?? ""))
            out += lines.dropFirst().map { "    " + $0 }
        }
        let reasons = errorLines.suffix(3)
        out += reasons.map { "  kernel: " + Self.shortened($0) }
        let context = contextLines + (instructionText.map { [$0] } ?? [])
        if !context.isEmpty {
            out.append("  log before the rejection:")
            out += context.map { "    " + Self.shortened($0) }
        }
        let omitted = text.split(separator: "\n").count - reasons.count - context.count
        if omitted > 0 { out.append("  (\(omitted) more log lines not shown)") }
        return out.joined(separator: "\n")
    }

    /// The summary.
    public var description: String { summary }

    /// `(71) r0 = ...` for `1: (71) r0 = ...`.
    static func droppingNumber(_ line: String) -> String {
        guard let colon = line.firstIndex(of: ":") else { return line }
        return String(line[line.index(after: colon)...].drop { $0 == " " })
    }

    /// The line, cut to `maximumLineLength` characters.
    static func shortened(_ line: String) -> String {
        line.count <= maximumLineLength ? line : String(line.prefix(maximumLineLength)) + " …"
    }

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
