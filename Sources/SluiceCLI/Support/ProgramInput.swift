import SluiceBytecode

/// Reads a classic BPF program file in any `ProgramFormat` for the
/// subcommands, turning every failure into a located `CLIFailure`.
public enum ProgramInput {
    /// Reads `path` (`-` for stdin) and decodes it in `format`, or in the
    /// format `ProgramFormat.detect` finds when `format` is nil.
    ///
    /// - Throws: `.badInput` when the file cannot be read; `.rejected` when
    ///   it is not a well-formed program (with the byte offset, or the line
    ///   and column and the line itself under a caret).
    public static func load(_ path: String, format: ProgramFormat?) throws(CLIFailure) -> Program {
        let bytes = try InputFile.read(path)
        let chosen = format ?? ProgramFormat.detect(bytes)
        do {
            return try ProgramCodec.decode(bytes, format: chosen)
        } catch {
            var message = "\(InputFile.displayName(path)): \(error.description)"
            if let line = error.line, let column = error.column {
                message += "\n" + SourceExcerpt.caret(in: bytes, line: line, column: column)
            }
            throw .rejected(message)
        }
    }
}

/// A line of text input with a caret under one column, like a compiler shows.
enum SourceExcerpt {
    /// Line `line` (1-based) of `bytes`, then a caret under byte column `column` (1-based).
    static func caret(in bytes: [UInt8], line: Int, column: Int) -> String {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return "" }
        var text = String(decoding: lines[line - 1], as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        let shown = text.replacingTabsWithSpaces()
        let indent = String(repeating: " ", count: max(0, min(column - 1, shown.count)))
        return "    \(shown)\n    \(indent)^"
    }
}

extension String {
    /// Tabs become single spaces so a caret computed from byte columns lines up.
    fileprivate func replacingTabsWithSpaces() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}
