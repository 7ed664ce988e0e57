/// A lexical token of pcap-filter text (libpcap's `scanner.l`).
struct Token: Sendable, Equatable {
    /// What kind of token.
    enum Kind: Sendable, Equatable {
        /// A run of letters, digits and `._-:` (keywords, numbers,
        /// addresses, names); the parser decides which by context.
        case word
        /// `\name`: a protocol name that is not a keyword (`\tcp`).
        case escaped
        /// Punctuation or operator (`(`, `[`, `==`, `&&`, `<<`...).
        case symbol
        /// End of the expression.
        case end
    }

    var kind: Kind
    /// The text (for `escaped`, without the backslash).
    var text: String
    /// Where it is.
    var span: SourceSpan

    /// True when this is the symbol or word `text`.
    func `is`(_ text: String) -> Bool {
        (kind == .symbol || kind == .word) && self.text == text
    }
}
