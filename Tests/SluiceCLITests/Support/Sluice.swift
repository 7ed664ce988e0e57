import Foundation
import SluiceTestSupport

/// The built `sluice` executable, run as a user runs it.
enum Sluice {
    struct NotBuilt: Error, CustomStringConvertible {
        var description: String
    }

    /// `SLUICE_BINARY` if set; else `sluice` next to the test bundle (both
    /// are in the build products folder); else `.build/debug/sluice`.
    static func binary() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [URL] = []
        if let path = environment["SLUICE_BINARY"] { candidates.append(URL(fileURLWithPath: path)) }
        if let runner = CommandLine.arguments.first {
            var folder = URL(fileURLWithPath: runner).deletingLastPathComponent()
            for _ in 0..<4 {  // the runner may sit inside a bundle (…xctest/Contents/MacOS)
                candidates.append(folder.appendingPathComponent("sluice"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(SharedData.packageRoot.appendingPathComponent(".build/debug/sluice"))
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw NotBuilt(description: "sluice executable not found (looked at \(candidates.map(\.path))); run `swift build` or set SLUICE_BINARY")
    }

    /// Runs `sluice arguments…`.
    static func run(_ arguments: String..., stdin: [UInt8] = []) throws -> ProcessResult {
        try run(arguments, stdin: stdin)
    }

    /// Runs `sluice` with an argument array.
    static func run(_ arguments: [String], stdin: [UInt8] = []) throws -> ProcessResult {
        try ProcessRunner.run(try binary(), arguments, stdin: stdin)
    }
}
