/// Splits pcap-filter text into tokens, as libpcap's scanner does: words
/// may contain `-` (`tcp-syn`, `25-53`) and `.`; a `:` stays inside a word
/// only when the word is an Ethernet or IPv6 address (`ether[12:2]` is
/// three tokens).
struct Lexer {
    private let bytes: [UInt8]
    private let text: String

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// All tokens, ending with `.end`.
    func tokens() throws(CompileError) -> [Token] {
        var result: [Token] = []
        var index = 0
        while true {
            while index < bytes.count, Lexer.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else {
                result.append(Token(kind: .end, text: "", span: SourceSpan(start: index, end: index + 1)))
                return result
            }
            let token = try next(at: index)
            result.append(token)
            index = max(token.span.end, index + 1)
        }
    }

    /// `==`, `!=`, `<=`, `>=`, `<<`, `>>`, `&&`, `||`.
    private static func isTwoCharacterSymbol(_ first: UInt8, _ second: UInt8) -> Bool {
        switch (first, second) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")), (UInt8(ascii: "!"), UInt8(ascii: "=")),
             (UInt8(ascii: "<"), UInt8(ascii: "=")), (UInt8(ascii: ">"), UInt8(ascii: "=")),
             (UInt8(ascii: "<"), UInt8(ascii: "<")), (UInt8(ascii: ">"), UInt8(ascii: ">")),
             (UInt8(ascii: "&"), UInt8(ascii: "&")), (UInt8(ascii: "|"), UInt8(ascii: "|")): true
        default: false
        }
    }

    /// One of `()[]:!=<>+-*/%&|^`.
    private static func isOneCharacterSymbol(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ":"),
             UInt8(ascii: "!"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "+"),
             UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "|"), UInt8(ascii: "^"): true
        default: false
        }
    }

    private func next(at start: Int) throws(CompileError) -> Token {
        let byte = bytes[start]
        if byte == UInt8(ascii: "\\") {
            var end = start + 1
            while end < bytes.count, !Lexer.isSpace(bytes[end]), !"!()".utf8.contains(bytes[end]) { end += 1 }
            guard end > start + 1 else {
                throw CompileError("expected a protocol name after '\\'", at: SourceSpan(start: start, end: start + 1), in: text)
            }
            return Token(kind: .escaped, text: slice(start + 1, end), span: SourceSpan(start: start, end: end))
        }
        if Lexer.isWordStart(byte) || (byte == UInt8(ascii: ":") && start + 1 < bytes.count && bytes[start + 1] == UInt8(ascii: ":")) {
            return word(at: start)
        }
        if start + 1 < bytes.count, Lexer.isTwoCharacterSymbol(byte, bytes[start + 1]) {
            return Token(kind: .symbol, text: slice(start, start + 2), span: SourceSpan(start: start, end: start + 2))
        }
        if Lexer.isOneCharacterSymbol(byte) {
            return Token(kind: .symbol, text: slice(start, start + 1), span: SourceSpan(start: start, end: start + 1))
        }
        let shown = byte >= 0x20 && byte < 0x7f ? "'\(slice(start, start + 1))'" : "byte 0x\(hex(byte, width: 2))"
        throw CompileError("unexpected character \(shown)", at: SourceSpan(start: start, end: start + 1), in: text)
    }

    /// A word; a colon is kept only if the whole run is a MAC or IPv6 address.
    private func word(at start: Int) -> Token {
        let colon = UInt8(ascii: ":")
        var end = start, hasColon = false
        while end < bytes.count, Lexer.isWordByte(bytes[end]) || bytes[end] == colon {
            hasColon = hasColon || bytes[end] == colon
            end += 1
        }
        if hasColon {
            let candidate = slice(start, end)
            if AddressParser.mac(candidate) == nil, AddressParser.ipv6(candidate) == nil {
                end = start
                while end < bytes.count, Lexer.isWordByte(bytes[end]) { end += 1 }
                if end == start {
                    // "::x" that is no address: a lone ':' symbol, so the lexer always advances.
                    return Token(kind: .symbol, text: ":", span: SourceSpan(start: start, end: start + 1))
                }
            }
        }
        // libpcap's names end with a letter, digit or '.': a trailing '-' is an operator.
        while end - start > 1, bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        return Token(kind: .word, text: slice(start, end), span: SourceSpan(start: start, end: end))
    }

    private func slice(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 11 || byte == 12
    }

    static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        isWordStart(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }
}
