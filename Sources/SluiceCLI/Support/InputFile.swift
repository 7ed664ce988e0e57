import Foundation

/// Reads the files the subcommands are given; `-` means standard input.
public enum InputFile {
    /// The whole content of `path` (or stdin for `-`).
    ///
    /// - Throws: `CLIFailure.badInput` naming the file and the reason.
    public static func read(_ path: String) throws(CLIFailure) -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .badInput("\(path): no such file")
        }
        if isDirectory.boolValue { throw .badInput("\(path): is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .badInput("\(path): cannot read (permission denied?)")
        }
        return Array(data)
    }

    /// The name to show in messages for `path`.
    public static func displayName(_ path: String) -> String {
        path == "-" ? "<stdin>" : path
    }

    /// Writes `bytes` to `path`, or to stdout when `path` is nil or `-`.
    ///
    /// - Throws: `CLIFailure.badInput` when the file cannot be written.
    public static func write(_ bytes: [UInt8], to path: String?) throws(CLIFailure) {
        guard let path, path != "-" else {
            StandardOutput.write(bytes)
            return
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .badInput("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}
