import Foundation
import Glibc
import SluiceBytecode

/// The real kernel's classic-BPF checker, asked through `SO_ATTACH_FILTER`:
/// the program is attached to a fresh UDP socket, which Linux only allows
/// after `bpf_check_classic`, `check_load_and_stores` and the translation to
/// eBPF (`bpf_convert_filter`) all succeed. The socket is closed at once.
///
/// Attaching a classic filter to one's own socket needs no privilege, but
/// the project's kernel tests gate on `KernelAccess.check` all the same.
public enum KernelClassicChecker {
    /// What the kernel said.
    public enum Verdict: Hashable, Sendable, CustomStringConvertible {
        /// `setsockopt` returned 0.
        case accepted
        /// `EINVAL`: the checker (or the translation) refused the program.
        case rejected
        /// `ENOMEM` after the checks: the program is valid, but its eBPF
        /// translation is larger than the socket's option-memory budget
        /// (`net.core.optmem_max`, charged by `__sk_filter_charge`).
        case acceptedButTooLarge
        /// Any other errno: not a verdict on the program.
        case failed(errno: Int32)

        public var description: String {
            switch self {
            case .accepted: "accepted"
            case .rejected: "rejected (EINVAL)"
            case .acceptedButTooLarge: "valid but over net.core.optmem_max (ENOMEM)"
            case .failed(let errno): "failed: \(String(cString: strerror(errno)))"
            }
        }
    }

    /// A socket could not be made.
    public struct SocketError: Error, CustomStringConvertible {
        /// The errno of `socket(2)`.
        public var errno: Int32
        public var description: String { "socket(AF_INET, SOCK_DGRAM): \(String(cString: strerror(errno)))" }
    }

    /// `SO_ATTACH_FILTER` from `asm-generic/socket.h`.
    static let attachFilter: Int32 = 26

    /// Attaches `program` to a new UDP socket and reports the kernel's answer.
    /// Programs of any length (0 or more than 4096 too) are passed as they are.
    public static func verdict(for program: Program) throws(SocketError) -> Verdict {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(errno: errno) }
        defer { close(fd) }
        var records = [UInt8]()
        records.reserveCapacity(program.count * 8)
        for instruction in program {
            withUnsafeBytes(of: instruction.code.littleEndian) { records.append(contentsOf: $0) }
            records.append(instruction.jt)
            records.append(instruction.jf)
            withUnsafeBytes(of: instruction.k.littleEndian) { records.append(contentsOf: $0) }
        }
        // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
        let result: Int32 = records.withUnsafeMutableBytes { bytes in
            var fprog = SocketFilterProgram(length: UInt16(truncatingIfNeeded: program.count),
                                            filter: bytes.baseAddress)
            return setsockopt(fd, SOL_SOCKET, attachFilter, &fprog,
                              socklen_t(MemoryLayout<SocketFilterProgram>.size))
        }
        if result == 0 { return .accepted }
        switch errno {
        case EINVAL: return .rejected
        case ENOMEM: return .acceptedButTooLarge
        case let other: return .failed(errno: other)
        }
    }
}

/// The layout of Linux `struct sock_fprog` (16 bytes on 64-bit machines).
struct SocketFilterProgram {
    var length: UInt16
    var filter: UnsafeMutableRawPointer?
}
