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

    /// "column 7: expected ...", then the expression and a caret line. An
    /// expression longer than `maximumLineLength` bytes is shown as a window
    /// around the fault, cut ends marked "...": a rule list is tens of
    /// kilobytes on one line.
    public var description: String {
        guard let span else { return message }
        let window = CaretWindow(span, in: expression, width: Self.maximumLineLength)
        return "column \(span.column): \(message)\n  \(window.line)\n  \(window.caret)"
    }

    /// The longest expression line shown whole.
    public static let maximumLineLength = 120
}

/// The line and caret line under a span: the expression with tabs and
/// newlines as spaces (so the caret stays aligned), cut to a window around
/// the span when it is longer than `width`.
struct CaretWindow {
    var line: String
    var caret: String

    /// Bytes shown before the span when the line is cut.
    static let leadingContext = 40

    init(_ span: SourceSpan, in expression: String, width: Int) {
        let bytes = expression.utf8.map { $0 == 10 || $0 == 13 || $0 == 9 ? 32 : $0 }
        var first = 0, last = bytes.count
        if bytes.count > width {
            first = max(0, min(span.start, bytes.count) - Self.leadingContext)
            last = min(bytes.count, first + width)
            // Whole characters only.
            while first > 0 && bytes[first] & 0xC0 == 0x80 { first -= 1 }
            while last < bytes.count && bytes[last] & 0xC0 == 0x80 { last += 1 }
        }
        let lead = first > 0 ? "..." : "", trail = last < bytes.count ? "..." : ""
        line = lead + String(decoding: bytes[first..<last], as: UTF8.self) + trail
        // Up to one past the shown text, so a fault at the end still gets a caret.
        let caretCount = max(1, min(span.end, last + 1) - span.start)
        caret = String(repeating: " ", count: lead.utf8.count + span.start - first) + String(repeating: "^", count: caretCount)
    }
}
