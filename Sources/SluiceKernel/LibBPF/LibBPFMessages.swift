import CBPF
import Foundation
import Glibc

/// libbpf's own messages (`libbpf_set_print`), kept per thread instead of
/// printed: a failed call's error then carries what the kernel said
/// (netlink extack, e.g. "Underlying driver does not support XDP in native
/// mode"). `SLUICE_LIBBPF_DEBUG=1` prints everything to stderr as well.
enum LibBPFMessages {
    /// Installs the hook once (thread-safe lazy global).
    static let installed: Void = {
        _ = libbpf_set_print { level, format, arguments in
            guard let format, let arguments else { return 0 }
            var buffer = [CChar](repeating: 0, count: 1024)
            let written = vsnprintf(&buffer, buffer.count, format, arguments)
            guard written >= 0 else { return 0 }
            let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            LibBPFMessages.record(text.trimmingCharacters(in: .whitespacesAndNewlines))
            if LibBPFMessages.debug { FileHandle.standardError.write(Data(text.utf8)) }
            return written
        }
    }()

    private static let debug = ProcessInfo.processInfo.environment["SLUICE_LIBBPF_DEBUG"] == "1"
    private static let lock = NSLock()
    nonisolated(unsafe) private static var byThread: [UInt: [String]] = [:]

    static func record(_ line: String) {
        let thread = UInt(pthread_self())
        lock.withLock { byThread[thread, default: []].append(line) }
    }

    /// Forgets this thread's messages (before a call).
    static func clear() {
        let thread = UInt(pthread_self())
        _ = lock.withLock { byThread.removeValue(forKey: thread) }
    }

    /// What the kernel said about this thread's last failed call, if anything.
    static func kernelMessage() -> String? {
        let thread = UInt(pthread_self())
        let lines = lock.withLock { byThread.removeValue(forKey: thread) ?? [] }
        let marker = "Kernel error message: "
        return lines.last { $0.contains(marker) }.map { line in
            String(line[line.range(of: marker)!.upperBound...])
        }
    }
}
