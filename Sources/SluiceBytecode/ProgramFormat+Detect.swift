extension ProgramFormat {
    /// Guesses the format of `bytes`, for `--format auto`.
    ///
    /// Input with a NUL or another control byte (other than tab, CR, LF), or
    /// that is not UTF-8, is binary: a `struct sock_filter` record almost
    /// always has zero bytes. Text is recognised by its first line with
    /// content (assembly comments skipped): `(000) ...` is `-d`, `{ ...` is
    /// `-dd`, a line of numbers is `-ddd`, anything else is assembly. Empty
    /// input is binary (whose decoder then reports it empty).
    public static func detect(_ bytes: [UInt8]) -> ProgramFormat {
        guard !bytes.isEmpty, looksLikeText(bytes) else { return .binary }
        for line in TextLine.lines(bytes, commentStart: Assembler.commentStart) where !line.isBlank(in: bytes) {
            var scanner = TextScanner(bytes: bytes, format: .assembly, line: line)
            scanner.skipBlanks()
            switch scanner.peek {
            case UInt8(ascii: "("): return .tcpdumpD
            case UInt8(ascii: "{"): return .tcpdumpDD
            case let byte? where (0x30...0x39).contains(byte):
                var numbers = scanner
                while (try? numbers.integer("")) != nil {}
                return numbers.atEnd ? .tcpdumpDDD : .assembly
            default: return .assembly
            }
        }
        return .assembly
    }

    /// True when `bytes` has no control bytes but tab, CR and LF, and is valid UTF-8.
    private static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        let hasControlByte = bytes.withUnsafeBufferPointer { buffer in
            buffer.contains { byte in (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F }
        }
        return !hasControlByte && String(validating: bytes, as: UTF8.self) != nil
    }
}
