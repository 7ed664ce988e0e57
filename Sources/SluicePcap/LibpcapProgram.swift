import CPcap
import SluiceBytecode

/// A program converted once to libpcap's `struct bpf_insn` array and
/// checked by `bpf_validate`, ready for `bpf_filter` on many packets (the
/// oracle side of differential tests and benchmarks).
public struct LibpcapProgram: Sendable {
    /// The instructions as libpcap sees them.
    let instructions: [pcap_bpf_insn]

    /// Converts `program` and checks it with `bpf_validate`.
    ///
    /// - Throws: `LibpcapOracleError.rejectedByValidate` when libpcap would
    ///   not run it.
    public init(_ program: Program) throws(LibpcapOracleError) {
        let instructions = LibpcapProgram.convert(program)
        let valid = instructions.withUnsafeBufferPointer { bpf_validate($0.baseAddress, Int32(clamping: $0.count)) != 0 }
        guard valid else { throw .rejectedByValidate(instructionCount: program.count) }
        self.instructions = instructions
    }

    /// `bpf_filter` on a packet held in memory: `captured` is what was
    /// captured, `wireLength` the length on the wire (what `ld #len` reads).
    public func filter(packet captured: UnsafeRawBufferPointer, wireLength: Int) -> UInt32 {
        instructions.withUnsafeBufferPointer { code in
            bpf_filter(code.baseAddress, captured.baseAddress?.assumingMemoryBound(to: UInt8.self),
                       UInt32(truncatingIfNeeded: wireLength), UInt32(truncatingIfNeeded: captured.count))
        }
    }

    /// `bpf_filter` on a packet given as bytes.
    public func filter(packet: [UInt8], wireLength: Int) -> UInt32 {
        packet.withUnsafeBytes { filter(packet: $0, wireLength: wireLength) }
    }

    /// The program as libpcap's `struct bpf_insn` records.
    static func convert(_ program: Program) -> [pcap_bpf_insn] {
        program.map { pcap_bpf_insn(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }
    }
}
