import Foundation

/// Runs a command-line tool (ip, bpftool, xdp-loader, readelf) for tests
/// and returns its exit status and combined output.
struct ExternalTool {
    /// Exit status and everything printed.
    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs `arguments[0]` found on PATH with the rest as arguments.
    @discardableResult
    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// True when `name` is on PATH.
    static func exists(_ name: String) -> Bool {
        (try? run(["which", name]).status) == 0
    }
}

/// A network namespace with a veth pair inside it, made for one test and
/// deleted (with everything attached in it) when the test ends.
final class TestNamespace {
    let name: String
    /// The two veth ends, both inside the namespace.
    let devices = ("va", "vb")

    init(tag: String) throws {
        name = "sluice_\(tag)_\(getpid())"
        try ExternalTool.run(["ip", "netns", "add", name])
        let add = try ExternalTool.run(["ip", "-n", name, "link", "add", devices.0, "type", "veth", "peer", "name", devices.1])
        guard add.status == 0 else {
            try? ExternalTool.run(["ip", "netns", "del", name])
            throw NamespaceError(output: add.output)
        }
        for device in [devices.0, devices.1] { try ExternalTool.run(["ip", "-n", name, "link", "set", device, "up"]) }
    }

    /// Runs a command inside the namespace.
    @discardableResult
    func run(_ arguments: [String]) throws -> ExternalTool.Result {
        try ExternalTool.run(["ip", "netns", "exec", name] + arguments)
    }

    deinit { _ = try? ExternalTool.run(["ip", "netns", "del", name]) }
}

/// The veth pair for a test namespace could not be made.
struct NamespaceError: Error, CustomStringConvertible {
    var output: String
    var description: String { "creating a veth pair failed: \(output)" }
}
