import Foundation

/// Writes diagnostics to standard error, unbuffered, so they never mix into
/// piped output.
public enum StandardError {
    /// Writes `text` and a newline to stderr.
    public static func write(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Writes raw results (binary program output) to standard output.
public enum StandardOutput {
    /// Writes `bytes` to stdout after flushing what `print` buffered.
    public static func write(_ bytes: [UInt8]) {
        fflush(nil)
        FileHandle.standardOutput.write(Data(bytes))
    }
}
