/// A primitive the cBPF generator cannot express (libpcap's code
/// generation errors, e.g. "unsupported protocol over mpls"), with the
/// primitive's span; `FilterCompiler` turns it into a `CompileError`.
struct GenerationError: Error, Sendable {
    var message: String
    var span: SourceSpan?
}
