import SluiceBytecode
import SluiceVerifier

/// The result of compiling a filter expression: its IR, the verified cBPF
/// program, and for each instruction the part of the expression it came from.
public struct CompiledFilter: Sendable {
    /// The Filter IR the program was generated from.
    public let ir: Filter
    /// The program, accepted by the verifier.
    public let program: VerifiedProgram
    /// Per instruction, the span of the primitive it tests (nil for the returns).
    public let sources: [SourceSpan?]
    /// The expression text the spans refer to.
    public let expression: String
}
