import Foundation
import Glibc
import SluiceKernel

/// The project's own traffic source for namespace tests: a UDP socket
/// opened inside a network namespace (so its packets leave through that
/// namespace's interfaces), sending a bounded number of datagrams within a
/// bounded time.
public struct UDPSender: Sendable {
    /// The namespace the socket lives in.
    public var namespace: String
    /// The destination IPv4 address.
    public var address: String

    /// Makes a sender from `namespace` to `address`.
    public init(namespace: String, address: String) {
        self.namespace = namespace
        self.address = address
    }

    /// Sends `count` datagrams of `payloadSize` bytes to `port`; stops early
    /// when `timeLimit` has passed. Returns how many were sent.
    @discardableResult
    public func send(count: Int, toPort port: UInt16, payloadSize: Int = 32,
                     timeLimit: Duration = .seconds(5)) throws -> Int {
        let fd = try NetworkNamespaceThread.run(inNamespace: namespace) { () throws -> Int32 in
            try UDPSender.socket()
        }
        defer { close(fd) }
        var destination = try UDPSender.socketAddress(address, port: port)
        let payload = [UInt8](repeating: 0x5a, count: payloadSize)
        let clock = ContinuousClock(), deadline = clock.now + timeLimit
        var sent = 0
        while sent < count, clock.now < deadline {
            let result = payload.withUnsafeBytes { bytes in
                withUnsafePointer(to: &destination) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            if result < 0 {
                if errno == ENOBUFS || errno == EAGAIN { usleep(1000); continue }
                throw SocketFailure(call: "sendto", errno: errno)
            }
            sent += 1
        }
        return sent
    }

    /// A UDP socket bound to `port` inside `namespace`, counting what arrives.
    public final class Listener: Sendable {
        let fd: Int32

        /// Binds to `port` on every address of `namespace`.
        public init(namespace: String, port: UInt16) throws {
            fd = try NetworkNamespaceThread.run(inNamespace: namespace) { () throws -> Int32 in
                let fd = try UDPSender.socket()
                var local = try UDPSender.socketAddress("0.0.0.0", port: port)
                let bound = withUnsafePointer(to: &local) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                guard bound == 0 else { close(fd); throw SocketFailure(call: "bind", errno: errno) }
                return fd
            }
        }

        deinit { close(fd) }

        /// Counts datagrams until `expected` arrived or nothing came for `quiet`.
        public func receive(upTo expected: Int, quiet: Duration = .milliseconds(300)) -> Int {
            var buffer = [UInt8](repeating: 0, count: 2048)
            var received = 0
            while received < expected {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(quiet.components.seconds * 1000 + quiet.components.attoseconds / 1_000_000_000_000_000))
                guard ready > 0 else { break }
                if recv(fd, &buffer, buffer.count, 0) >= 0 { received += 1 }
            }
            return received
        }
    }

    static func socket() throws -> Int32 {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketFailure(call: "socket", errno: errno) }
        return fd
    }

    static func socketAddress(_ address: String, port: UInt16) throws -> sockaddr_in {
        var result = sockaddr_in()
        result.sin_family = sa_family_t(AF_INET)
        result.sin_port = port.bigEndian
        guard inet_pton(AF_INET, address, &result.sin_addr) == 1 else {
            throw SocketFailure(call: "inet_pton", errno: EINVAL)
        }
        return result
    }
}

/// A socket call failed.
public struct SocketFailure: Error, CustomStringConvertible {
    /// The call, e.g. `sendto`.
    public var call: String
    /// Its errno.
    public var errno: Int32
    public var description: String { "\(call) failed: \(String(cString: strerror(errno)))" }
}
