import CBPF
import Foundation
import Glibc

/// Runs code inside another network namespace, the way `ip -n NAME` does,
/// without moving the whole process: a fresh thread calls `setns(2)`
/// (`CLONE_NEWNET`) and runs the body there.
///
/// Interface names and indexes, `bpf_link_create`/`bpf_xdp_attach` targets
/// and new sockets all belong to the namespace of the calling thread, so
/// attaching XDP or opening a socket inside the body does so in that
/// namespace; the fds stay usable from any thread afterwards.
public enum NetworkNamespaceThread {
    /// Runs `body` on a thread inside the namespace `name` (a file under
    /// `/run/netns`, as `ip netns add` makes) or at an absolute `path`.
    public static func run<T: Sendable>(inNamespace name: String,
                                        _ body: @escaping @Sendable () throws -> T) throws -> T {
        let path = name.hasPrefix("/") ? name : "/run/netns/\(name)"
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            defer { done.signal() }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                box.set(.failure(KernelError(call: "open", errno: errno, message: "network namespace \(path)")))
                return
            }
            defer { close(fd) }
            guard sluice_setns_net(fd) == 0 else {
                box.set(.failure(KernelError(call: "setns", errno: errno, message: "entering network namespace \(path)")))
                return
            }
            box.set(Result { try body() })
        }
        thread.start()
        done.wait()
        return try box.get()
    }
}

/// A result handed from the namespace thread back to the caller.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ value: Result<T, any Error>) { lock.withLock { result = value } }

    func get() throws -> T {
        guard let result = lock.withLock({ result }) else {
            throw KernelError(call: "setns", errno: EINVAL, message: "the namespace thread ended without a result")
        }
        return try result.get()
    }
}
