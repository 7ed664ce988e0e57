/// A pcap-filter expression that cannot be compiled: where, and what was
/// expected (libpcap's `pcap_compile` errors, with a position).
public struct CompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in libpcap's words where libpcap has words for it.
    public var message: String
    /// The part of the expression at fault (nil for whole-program errors
    /// such as a program too long for cBPF).
    public var span: SourceSpan?
    /// The expression, to draw the caret under.
    public var expression: String

    /// An error at `span` of `expression`.
    public init(_ message: String, at span: SourceSpan?, in expression: String) {
        self.message = message
        self.span = span
        self.expression = expression
    }

    /// The 1-based column of the fault, if it has one.
    public var column: Int? { span?.column }

    /// "column 7: expected ...", then the expression and a caret line.
    public var description: String {
        guard let span else { return message }
        let line = expression.replacingNewlines()
        let caretCount = max(1, min(span.end, line.utf8.count + 1) - span.start)
        let caret = String(repeating: " ", count: span.start) + String(repeating: "^", count: caretCount)
        return "column \(span.column): \(message)\n  \(line)\n  \(caret)"
    }
}

extension String {
    /// The text with tabs and newlines as spaces, so a caret line stays aligned.
    func replacingNewlines() -> String {
        String(decoding: utf8.map { $0 == 10 || $0 == 13 || $0 == 9 ? 32 : $0 }, as: UTF8.self)
    }
}
