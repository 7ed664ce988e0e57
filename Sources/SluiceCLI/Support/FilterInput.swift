import SluiceVerifier

/// The filter a subcommand runs, given as a program file (`--program`), a
/// filter file (`-f`) or expression words. Shared by every command that
/// takes `(--program FILE | -f FILE | EXPRESSION...)`.
public enum FilterInput {
    /// Where the filter came from.
    public enum Source: Sendable {
        /// A classic BPF program file in any format (detected).
        case program(path: String)
        /// pcap-filter text, compiled for Ethernet.
        case expression(String)
    }

    /// Which source the options name; exactly one must be given.
    ///
    /// - Throws: `.badInput` when none or several are given.
    public static func source(program: String?, filterFile: String?, expression: [String]) throws(CLIFailure) -> Source {
        let given = [program != nil, filterFile != nil, !expression.isEmpty].filter { $0 }.count
        guard given == 1 else {
            throw .badInput(given == 0 ? "give a filter: --program FILE, -f FILE or an expression"
                                       : "give only one filter: --program FILE, -f FILE or an expression")
        }
        if let program { return .program(path: program) }
        if let filterFile { return .expression(try FilterFile.expression(at: filterFile)) }
        return .expression(expression.joined(separator: " "))
    }

    /// The verified program for `source`.
    public static func load(_ source: Source) throws(CLIFailure) -> VerifiedProgram {
        switch source {
        case .program(let path): try ProgramInput.loadVerified(path, format: nil)
        case .expression(let text): try ExpressionInput.compile(text).program
        }
    }
}
