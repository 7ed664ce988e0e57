import Foundation

/// What a finished process left behind.
struct ProcessResult: CustomStringConvertible {
    var status: Int32
    var stdoutBytes: [UInt8]
    var stderr: String
    var timedOut: Bool

    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

    var description: String { "exit \(status)\(timedOut ? " (timed out)" : "")\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(2000))" }
}

/// Runs programs the way a user would: stdout and stderr go to files (no
/// pipe can fill up and block), stdin comes from a file, and a deadline
/// turns a hang into a test failure.
enum ProcessRunner {
    struct LaunchFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ executable: URL, _ arguments: [String], stdin: [UInt8] = [],
                    timeout: TimeInterval = 120) throws -> ProcessResult {
        let scratch = try TemporaryDirectory()
        let input = scratch.url.appendingPathComponent("stdin")
        let output = scratch.url.appendingPathComponent("stdout")
        let errors = scratch.url.appendingPathComponent("stderr")
        try Data(stdin).write(to: input)
        try Data().write(to: output)
        try Data().write(to: errors)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        do {
            try process.run()
        } catch {
            throw LaunchFailure(description: "cannot run \(executable.path): \(error)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                process.terminate()
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus,
                             stdoutBytes: Array((try? Data(contentsOf: output)) ?? Data()),
                             stderr: String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self),
                             timedOut: timedOut)
    }

    /// The first executable called `name` on PATH or in the usual system folders.
    static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        return folders.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// A folder under /tmp removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sluice-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to a file in the folder and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes `text` to a file in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
