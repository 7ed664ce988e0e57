import CPcap
import SluiceBytecode
import Synchronization

/// libpcap as the reference: its compiler (`pcap_compile`), its classic BPF
/// interpreter (`bpf_filter`) and its checker (`bpf_validate`). Tests and
/// benchmarks compare Sluice against these; nothing in the product path
/// depends on them.
public enum LibpcapOracle {
    /// Serialises `pcap_compile`: libpcap documents it as thread-safe only
    /// from 1.11 on, and Swift Testing runs tests in parallel.
    private static let compilerLock = Mutex(())

    /// Compiles a pcap-filter expression with libpcap (`pcap_open_dead` +
    /// `pcap_compile`), exactly as `tcpdump -ddd` would print it.
    ///
    /// - Parameters:
    ///   - expression: the filter text (`tcp port 80`).
    ///   - linkType: the DLT the program is for (1: Ethernet).
    ///   - snaplen: the snapshot length, which `ret` instructions return.
    ///   - optimize: run libpcap's optimizer (tcpdump's default; `-O` turns it off).
    ///   - netmask: the netmask for `ip broadcast` (`PCAP_NETMASK_UNKNOWN` by default).
    /// - Throws: `LibpcapOracleError.compileFailed` with libpcap's message (`pcap_geterr`).
    public static func compile(_ expression: String, linkType: Int32 = 1, snaplen: Int = 262_144,
                               optimize: Bool = true, netmask: UInt32 = 0xffff_ffff) throws(LibpcapOracleError) -> Program {
        let outcome: Result<Program, LibpcapOracleError> = compilerLock.withLock { _ in
            guard let handle = pcap_open_dead(linkType, Int32(clamping: snaplen)) else {
                return .failure(.compileFailed(expression: expression, message: "pcap_open_dead failed for link type \(linkType)"))
            }
            defer { pcap_close(handle) }
            var code = pcap_bpf_program()
            guard pcap_compile(handle, &code, expression, optimize ? 1 : 0, netmask) == 0 else {
                return .failure(.compileFailed(expression: expression, message: String(cString: pcap_geterr(handle))))
            }
            defer { pcap_freecode(&code) }
            let instructions = UnsafeBufferPointer(start: code.bf_insns, count: Int(code.bf_len)).map {
                Instruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k)
            }
            return .success(Program(instructions))
        }
        return try outcome.get()
    }

    /// Runs `program` on one packet with libpcap's `bpf_filter(insns, packet,
    /// wireLength, packet.count)`: the value it returns (0: no match).
    ///
    /// The program must pass `validate` (every program the Linux checker
    /// accepts does); libpcap's interpreter does not check jumps itself, so
    /// this traps rather than let it run off the end. Convert once with
    /// `LibpcapProgram` to run many packets.
    public static func filter(_ program: Program, packet: [UInt8], wireLength: Int) -> UInt32 {
        guard let prepared = try? LibpcapProgram(program) else {
            preconditionFailure("LibpcapOracle.filter: bpf_validate rejects this program")
        }
        return prepared.filter(packet: packet, wireLength: wireLength)
    }

    /// True when libpcap's `bpf_validate` accepts `program`.
    public static func validate(_ program: Program) -> Bool {
        let instructions = LibpcapProgram.convert(program)
        return instructions.withUnsafeBufferPointer { bpf_validate($0.baseAddress, Int32(clamping: $0.count)) != 0 }
    }
}

/// Why libpcap refused an expression or a program.
public enum LibpcapOracleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `pcap_compile` failed; `message` is libpcap's (`pcap_geterr`).
    case compileFailed(expression: String, message: String)
    /// `bpf_validate` rejected the program (libpcap would not run it).
    case rejectedByValidate(instructionCount: Int)

    public var description: String {
        switch self {
        case .compileFailed(let expression, let message):
            "libpcap cannot compile \"\(expression)\": \(message)"
        case .rejectedByValidate(let count):
            "libpcap's bpf_validate rejects this \(count)-instruction program"
        }
    }
}
