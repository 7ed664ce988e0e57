/// One reason the verifier rejected a program.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The index of the offending instruction, or nil when the problem is
    /// the program as a whole (its length).
    public var instructionIndex: Int?
    /// The rule that was broken.
    public var rule: VerifierRule
    /// What is wrong, naming the instruction and its operands.
    public var message: String
    /// One line on how to fix it ("did you mean …", "insert a ret …").
    public var hint: String

    /// Makes a diagnostic.
    public init(instructionIndex: Int?, rule: VerifierRule, message: String, hint: String) {
        self.instructionIndex = instructionIndex
        self.rule = rule
        self.message = message
        self.hint = hint
    }

    /// `instruction 3: division-by-zero: div #0 divides by zero (hint: …)`.
    public var description: String {
        let place = instructionIndex.map { "instruction \($0)" } ?? "program"
        return "\(place): \(rule.rawValue): \(message)\n    hint: \(hint)"
    }
}
