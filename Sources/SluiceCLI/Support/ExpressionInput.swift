import SluiceCompiler
import SluiceVerifier

/// Compiles pcap-filter expressions for the subcommands.
public enum ExpressionInput {
    /// `FilterCompiler.compile` (libpcap's `pcap_compile` for Ethernet,
    /// optimized), with a compile error turned into a rejection (exit 1)
    /// that shows the expression with a caret under the fault.
    public static func compile(_ expression: String, options: CompileOptions = CompileOptions()) throws(CLIFailure) -> CompiledFilter {
        do {
            return try FilterCompiler.compile(expression, options: options)
        } catch {
            throw .rejected("filter expression rejected: \(error.description)")
        }
    }
}
