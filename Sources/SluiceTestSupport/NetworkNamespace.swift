import Foundation
import Glibc
import SluiceKernel

/// A network namespace a test owns (`ip netns add`), deleted — with every
/// interface inside it — when the object goes away, also when the test fails.
///
/// Names end in the pid and a counter, so parallel tests and other users of
/// the machine never collide; nothing outside the namespace is touched.
public final class NetworkNamespace: Sendable {
    /// The name under `/run/netns`.
    public let name: String

    private static let counter = Counter()

    /// Creates `PREFIX-PID-N`.
    public init(prefix: String) throws {
        name = "\(prefix)-\(getpid())-\(NetworkNamespace.counter.next())"
        try NetworkNamespace.command("/usr/sbin/ip", ["netns", "add", name])
    }

    deinit {
        _ = try? NetworkNamespace.command("/usr/sbin/ip", ["netns", "del", name])
    }

    /// `ip -n NAME ARGUMENTS...`; returns its standard output.
    @discardableResult
    public func ip(_ arguments: String...) throws -> String {
        try NetworkNamespace.command("/usr/sbin/ip", ["-n", name] + arguments)
    }

    /// `ip netns exec NAME sysctl -qw KEY=VALUE` (sysctls under net are per namespace).
    public func sysctl(_ key: String, _ value: String) throws {
        try NetworkNamespace.command("/usr/sbin/ip", ["netns", "exec", name, "/usr/sbin/sysctl", "-qw", "\(key)=\(value)"])
    }

    /// Runs `body` on a thread inside this namespace (see `NetworkNamespaceThread`).
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        try NetworkNamespaceThread.run(inNamespace: name, body)
    }

    /// The MAC address of `interface` in this namespace.
    public func macAddress(of interface: String) throws -> String {
        let text = try ip("-o", "link", "show", "dev", interface)
        let words = text.split(separator: " ")
        guard let at = words.firstIndex(of: "link/ether"), words.indices.contains(at + 1) else {
            throw CommandFailure(command: "ip -n \(name) link show \(interface)", status: 0, output: "no MAC address in: \(text)")
        }
        return String(words[at + 1])
    }

    /// Runs a program to completion (bounded: `ip` and `sysctl` do not block).
    @discardableResult
    static func command(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(command: ([path] + arguments).joined(separator: " "), status: process.terminationStatus,
                                 output: String(decoding: err, as: UTF8.self))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}

/// Two namespaces joined by a veth pair (`ip -n A link add va type veth peer
/// name vb netns B`), with IPv4 addresses and static neighbour entries, and
/// IPv6 off, so the only frames on the wire are the ones a test sends.
public struct VethPair: Sendable {
    /// The sending side, holding `senderInterface`.
    public let sender: NetworkNamespace
    /// The receiving side, holding `receiverInterface`.
    public let receiver: NetworkNamespace
    /// `va`, in `sender`.
    public let senderInterface = "va"
    /// `vb`, in `receiver`.
    public let receiverInterface = "vb"
    /// The sender's address.
    public let senderAddress = "192.168.77.1"
    /// The receiver's address.
    public let receiverAddress = "192.168.77.2"

    /// Creates both namespaces and the pair; on any failure, whatever was
    /// made is deleted (the namespaces' deinit removes the veth with them).
    public static func create() throws -> VethPair {
        let pair = VethPair(sender: try NetworkNamespace(prefix: "sluice-a"),
                            receiver: try NetworkNamespace(prefix: "sluice-b"))
        for namespace in [pair.sender, pair.receiver] {
            // No IPv6: router solicitations and MLD would reach the filter too.
            try namespace.sysctl("net.ipv6.conf.all.disable_ipv6", "1")
            try namespace.sysctl("net.ipv6.conf.default.disable_ipv6", "1")
            try namespace.ip("link", "set", "lo", "up")
        }
        try pair.sender.ip("link", "add", pair.senderInterface, "type", "veth", "peer", "name",
                           pair.receiverInterface, "netns", pair.receiver.name)
        try pair.sender.ip("addr", "add", pair.senderAddress + "/24", "dev", pair.senderInterface)
        try pair.receiver.ip("addr", "add", pair.receiverAddress + "/24", "dev", pair.receiverInterface)
        try pair.sender.ip("link", "set", pair.senderInterface, "up")
        try pair.receiver.ip("link", "set", pair.receiverInterface, "up")
        // Static neighbours: no ARP frames to disturb the counts.
        try pair.sender.ip("neigh", "replace", pair.receiverAddress, "lladdr",
                           pair.receiver.macAddress(of: pair.receiverInterface), "dev", pair.senderInterface, "nud", "permanent")
        try pair.receiver.ip("neigh", "replace", pair.senderAddress, "lladdr",
                             pair.sender.macAddress(of: pair.senderInterface), "dev", pair.receiverInterface, "nud", "permanent")
        return pair
    }
}

/// A helper program exited with a failure status.
public struct CommandFailure: Error, CustomStringConvertible {
    /// The command line.
    public var command: String
    /// Its exit status.
    public var status: Int32
    /// What it wrote to stderr.
    public var output: String

    /// Makes a failure record.
    public init(command: String, status: Int32, output: String) {
        self.command = command
        self.status = status
        self.output = output
    }

    public var description: String { "\(command) exited with \(status): \(output)" }
}
