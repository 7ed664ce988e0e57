import Foundation

/// Reads a filter file (`-f FILE`): pcap-filter text where `#` starts a
/// comment to the end of the line, as tcpdump's `-F` reads it.
public enum FilterFile {
    /// The expression in `path` (`-` for stdin): comments removed, lines
    /// joined with spaces.
    ///
    /// - Throws: `.badInput` when the file cannot be read or is not UTF-8.
    public static func expression(at path: String) throws(CLIFailure) -> String {
        let bytes = try InputFile.read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badInput("\(InputFile.displayName(path)): not a text file (invalid UTF-8)")
        }
        return expression(in: text)
    }

    /// The expression in a filter file's text.
    public static func expression(in text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "" }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
