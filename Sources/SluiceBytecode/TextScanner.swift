/// A cursor over one line of text input, shared by the text decoders. It
/// works on UTF-8 bytes, so columns count bytes, and it knows its line so
/// every error it makes says where.
struct TextScanner {
    /// The whole input.
    let bytes: [UInt8]
    /// The format being read, for errors.
    let format: ProgramFormat
    /// The 1-based line number.
    let line: Int
    /// Where the line starts in `bytes`.
    let lineStart: Int
    /// Where the line's content ends (before any comment and line break).
    let end: Int
    /// The next byte to read.
    var position: Int

    init(bytes: [UInt8], format: ProgramFormat, line: TextLine) {
        self.bytes = bytes
        self.format = format
        self.line = line.number
        self.lineStart = line.start
        self.end = line.end
        self.position = line.start
    }

    /// The 1-based column of `position`.
    var column: Int { position - lineStart + 1 }

    /// True when only blanks remain.
    var atEnd: Bool {
        var scan = self
        scan.skipBlanks()
        return scan.position >= end
    }

    /// The next byte, if any.
    var peek: UInt8? { position < end ? bytes[position] : nil }

    /// Skips spaces and tabs.
    mutating func skipBlanks() {
        while let byte = peek, byte == 0x20 || byte == 0x09 { position += 1 }
    }

    /// An error at the current position (or at `column`).
    func error(_ reason: DecodingError.Reason, column: Int? = nil) -> DecodingError {
        DecodingError(format: format, location: .text(line: line, column: column ?? self.column), reason: reason)
    }

    /// What is at the current position, for "expected X, found Y" messages.
    var foundDescription: String {
        var scan = self
        scan.skipBlanks()
        guard scan.position < scan.end else { return "end of line" }
        // A word or number shows whole (up to 20 bytes), punctuation one byte at a time.
        var stop = scan.position
        while stop < scan.end, stop - scan.position < 20, TextScanner.isIdentifierByte(bytes[stop], first: false) {
            stop += 1
        }
        if stop == scan.position { stop += 1 }
        return "'" + String(decoding: bytes[scan.position..<stop], as: UTF8.self) + "'"
    }

    /// An "expected X" error at the next non-blank byte.
    func expected(_ what: String) -> DecodingError {
        var scan = self
        scan.skipBlanks()
        return scan.error(.expected(what, found: foundDescription))
    }

    /// Skips blanks, then consumes `literal` if it comes next (ASCII, case-insensitive).
    mutating func consume(_ literal: String) -> Bool {
        var scan = self
        scan.skipBlanks()
        for expectedByte in literal.utf8 {
            guard let byte = scan.peek, TextScanner.lowercased(byte) == expectedByte else { return false }
            scan.position += 1
        }
        self = scan
        return true
    }

    /// Consumes `literal` or throws "expected `literal`".
    mutating func expect(_ literal: String) throws(DecodingError) {
        guard consume(literal) else { throw expected("'\(literal)'") }
    }

    /// Throws unless only blanks remain.
    func expectEnd() throws(DecodingError) {
        guard atEnd else { throw expected("end of line") }
    }

    /// Skips blanks and reads an identifier (`[A-Za-z_.][A-Za-z0-9_.]*`), if one comes next.
    mutating func identifier() -> String? {
        skipBlanks()
        let start = position
        while let byte = peek, TextScanner.isIdentifierByte(byte, first: position == start) { position += 1 }
        guard position > start else { return nil }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// True when an identifier starts at the next non-blank byte.
    var identifierFollows: Bool {
        var scan = self
        scan.skipBlanks()
        guard let byte = scan.peek else { return false }
        return TextScanner.isIdentifierByte(byte, first: true)
    }

    /// True when a number starts at the next non-blank byte.
    var numberFollows: Bool {
        var scan = self
        scan.skipBlanks()
        guard let byte = scan.peek else { return false }
        return (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
    }

    /// Skips blanks and reads an integer: optional sign, then decimal or `0x` hex.
    /// Returns the value and the column where it started.
    mutating func integer(_ what: String) throws(DecodingError) -> (value: Int64, text: String, column: Int) {
        skipBlanks()
        let start = position
        var negative = false
        if let sign = peek, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            position += 1
        }
        var radix: Int64 = 10
        if peek == UInt8(ascii: "0"), position + 1 < end, TextScanner.lowercased(bytes[position + 1]) == UInt8(ascii: "x") {
            radix = 16
            position += 2
        }
        let digitsStart = position
        var value: Int64 = 0
        var overflow = false
        while let byte = peek, let digit = TextScanner.digit(byte, radix: radix) {
            value = value * radix + digit
            if value > 0x1_0000_0000 { overflow = true; value = 0x1_0000_0000 }
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        let column = start - lineStart + 1
        guard position > digitsStart else {
            position = start
            throw expected(what)
        }
        if let byte = peek, TextScanner.isIdentifierByte(byte, first: false) {
            position = start
            throw expected(what)
        }
        if overflow { throw error(.numberOutOfRange(text, field: what), column: column) }
        return (negative ? -value : value, text, column)
    }

    /// Reads a 32-bit `k`: -2^31 through 2^32-1, negative numbers as two's complement
    /// (bpf_image prints `k` with `%d`).
    mutating func word(_ what: String) throws(DecodingError) -> UInt32 {
        let (value, text, column) = try integer(what)
        guard value >= -0x8000_0000, value <= 0xFFFF_FFFF else {
            throw error(.numberOutOfRange(text, field: "32 bits"), column: column)
        }
        return UInt32(truncatingIfNeeded: value)
    }

    /// Reads a non-negative integer no larger than `maximum`.
    mutating func unsigned(_ what: String, maximum: Int64) throws(DecodingError) -> Int64 {
        let (value, text, column) = try integer(what)
        guard value >= 0, value <= maximum else {
            throw error(.numberOutOfRange(text, field: what), column: column)
        }
        return value
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    static func isIdentifierByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "_"), UInt8(ascii: "."): true
        case 0x30...0x39: !first
        default: false
        }
    }

    static func digit(_ byte: UInt8, radix: Int64) -> Int64? {
        let value: Int64
        switch byte {
        case 0x30...0x39: value = Int64(byte - 0x30)
        case 0x61...0x66: value = Int64(byte - 0x61 + 10)
        case 0x41...0x46: value = Int64(byte - 0x41 + 10)
        default: return nil
        }
        return value < radix ? value : nil
    }
}

/// One line of text input: its 1-based number and its byte range, without
/// the line break (`\n` or `\r\n`) and without any comment.
struct TextLine {
    var number: Int
    var start: Int
    var end: Int

    /// Splits `bytes` into lines. `commentStart` says where a comment begins in a
    /// line (the content ends there), or nil for no comment.
    static func split(_ bytes: [UInt8], commentStart: @escaping (ArraySlice<UInt8>) -> Int? = { _ in nil }) -> [TextLine] {
        Array(lines(bytes, commentStart: commentStart))
    }

    /// The lines of `bytes`, produced one at a time (detection reads only the first few).
    static func lines(_ bytes: [UInt8], commentStart: @escaping (ArraySlice<UInt8>) -> Int? = { _ in nil })
        -> some Sequence<TextLine>
    {
        var start = 0
        var number = 1
        return AnyIterator<TextLine> {
            guard start < bytes.count else { return nil }
            var stop = start
            while stop < bytes.count, bytes[stop] != 0x0A { stop += 1 }
            var contentEnd = stop
            if contentEnd > start, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if let comment = commentStart(bytes[start..<contentEnd]) { contentEnd = comment }
            defer { number += 1; start = stop + 1 }
            return TextLine(number: number, start: start, end: contentEnd)
        }
    }

    /// True when the line holds only blanks.
    func isBlank(in bytes: [UInt8]) -> Bool {
        bytes[start..<end].allSatisfy(TextScanner.isBlank)
    }
}
