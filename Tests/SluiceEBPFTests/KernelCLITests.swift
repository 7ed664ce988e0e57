import Foundation
import SluiceKernel
import SluiceTestSupport
import Testing

/// `sluice xdp attach/status/detach` as a user runs them, on a veth pair in
/// namespaces (`--netns`), with counters checked against the traffic sent.
@Suite("Kernel sluice xdp commands", .serialized)
struct KernelCLITests {
    @Test("attach counts, status shows the counts, detach removes program and pin")
    func attachStatusDetach() throws {
        guard try KernelAccess.check("sluice xdp attach on a veth") else { return }
        let sluice = try Self.binary()
        let pair = try VethPair.create()
        let netns = pair.receiver.name, device = pair.receiverInterface
        let attach = try Self.run(sluice, ["xdp", "attach", "--netns", netns, "--dev", device, "--mode", "native",
                                           "--on-match", "drop", "udp", "dst", "port", "9999"])
        #expect(attach.status == 0, "\(attach.output)")
        #expect(attach.output.contains("attached to vb in native mode"))
        let pin = "/sys/fs/bpf/sluice/xdp/\(netns)-\(device)/link"
        #expect(FileManager.default.fileExists(atPath: pin))
        defer { _ = try? Self.run(sluice, ["xdp", "detach", "--netns", netns, "--dev", device]) }

        let sender = UDPSender(namespace: pair.sender.name, address: pair.receiverAddress)
        try sender.send(count: 12, toPort: 9999)
        try sender.send(count: 7, toPort: 9998)
        var status = try Self.run(sluice, ["xdp", "status", "--netns", netns, "--dev", device])
        let deadline = ContinuousClock.now + .seconds(2)
        while !status.output.contains("passed 7 dropped 12"), ContinuousClock.now < deadline {
            usleep(20_000)
            status = try Self.run(sluice, ["xdp", "status", "--netns", netns, "--dev", device])
        }
        #expect(status.output.contains("vb (index"), "\(status.output)")
        #expect(status.output.contains("native"))
        #expect(status.output.contains("passed 7 dropped 12"), "\(status.output)")

        let detach = try Self.run(sluice, ["xdp", "detach", "--netns", netns, "--dev", device])
        #expect(detach.status == 0, "\(detach.output)")
        #expect(!FileManager.default.fileExists(atPath: pin))
        let none = try Self.run(sluice, ["xdp", "status", "--netns", netns, "--dev", device])
        #expect(none.output.contains("vb (index 2): none") || none.output.hasSuffix(": none\n"), "\(none.output)")
        let again = try Self.run(sluice, ["xdp", "detach", "--netns", netns, "--dev", device])
        #expect(again.status == 2)
    }

    @Test("native mode on lo exits 2 with the reason; a bad expression exits 1 with a caret")
    func failures() throws {
        guard try KernelAccess.check("sluice xdp attach") else { return }
        let sluice = try Self.binary()
        let namespace = try NetworkNamespace(prefix: "sluice-cli")
        let native = try Self.run(sluice, ["xdp", "attach", "--netns", namespace.name, "--dev", "lo", "--mode", "native", "tcp"])
        #expect(native.status == 2)
        #expect(native.output.contains("native XDP (driver mode) is not supported by the driver of lo"))
        let bad = try Self.run(sluice, ["xdp", "run", "-r", "/dev/null", "tcp", "port"])
        #expect(bad.status == 1)
        #expect(bad.output.contains("^"))
    }

    @Test("xdp compile --counters: ip loads the object, its map is created, and xdp status shows the counters")
    func compileWithCounters() throws {
        guard try KernelAccess.check("sluice xdp compile --counters with ip") else { return }
        let sluice = try Self.binary()
        let object = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-counters-\(getpid()).o")
        defer { try? FileManager.default.removeItem(at: object) }
        let compile = try Self.run(sluice, ["xdp", "compile", "--counters", "--check", "-o", object.path,
                                            "udp", "dst", "port", "9999"])
        #expect(compile.status == 0, "\(compile.output)")
        let namespace = try NetworkNamespace(prefix: "sluice-cnt")
        let attach = try Self.run(URL(fileURLWithPath: "/usr/sbin/ip"),
                                  ["-n", namespace.name, "link", "set", "dev", "lo", "xdpgeneric", "obj", object.path, "sec", "xdp"])
        #expect(attach.status == 0, "\(attach.output)")
        let status = try Self.run(sluice, ["xdp", "status", "--netns", namespace.name, "--dev", "lo"])
        #expect(status.output.contains("name sluice_filter"), "\(status.output)")
        #expect(status.output.contains("passed 0 dropped 0"), "\(status.output)")
        _ = try Self.run(URL(fileURLWithPath: "/usr/sbin/ip"), ["-n", namespace.name, "link", "set", "dev", "lo", "xdpgeneric", "off"])
    }

    /// The `sluice` next to the test runner (same build folder), or `SLUICE_BINARY`.
    static func binary() throws -> URL {
        var candidates = ProcessInfo.processInfo.environment["SLUICE_BINARY"].map { [URL(fileURLWithPath: $0)] } ?? []
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("sluice"))
            folder = folder.deletingLastPathComponent()
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CommandFailure(command: "sluice", status: -1, output: "not built next to the tests; run swift build or set SLUICE_BINARY")
        }
        return found
    }

    /// Runs the binary; stdout and stderr together.
    static func run(_ binary: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
