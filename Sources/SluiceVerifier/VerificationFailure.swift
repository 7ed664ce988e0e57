/// The verifier's refusal: every diagnostic it found, in instruction order.
///
/// Linux answers `EINVAL` and nothing more; this says where and why.
public struct VerificationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every problem found, sorted by instruction index (program-wide first).
    /// Never empty.
    public var diagnostics: [Diagnostic]

    /// Makes a failure from its diagnostics.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The rules broken, without repetition, in order of first appearance.
    public var rules: [VerifierRule] {
        var seen: Set<VerifierRule> = []
        return diagnostics.map(\.rule).filter { seen.insert($0).inserted }
    }

    /// How many diagnostics `description` prints before summarising the rest.
    public static let printedLimit = 20

    /// One diagnostic per paragraph; past `printedLimit`, a count of the rest.
    public var description: String {
        var lines = diagnostics.prefix(Self.printedLimit).map(\.description)
        if diagnostics.count > Self.printedLimit {
            lines.append("… and \(diagnostics.count - Self.printedLimit) more")
        }
        return lines.joined(separator: "\n")
    }
}
