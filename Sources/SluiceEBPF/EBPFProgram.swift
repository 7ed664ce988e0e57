/// An eBPF program: instruction slots ready for `bpf_prog_load`
/// (`struct bpf_insn[]`), jumps already resolved to offsets.
public struct EBPFProgram: Hashable, Sendable {
    /// The slots, in order (a `lddw` takes two).
    public var instructions: [EBPFInstruction]

    /// Makes a program from its slots.
    public init(_ instructions: [EBPFInstruction]) {
        self.instructions = instructions
    }

    /// Makes a program from `instructions:` (the agreed spelling).
    public init(instructions: [EBPFInstruction]) {
        self.instructions = instructions
    }

    /// Linux's `BPF_COMPLEXITY_LIMIT_INSNS` for privileged loaders: the most
    /// slots a program may have.
    public static let maximumLength = 1_000_000

    /// The bytes `bpf_prog_load` and an ELF section hold: 8 per slot, little-endian.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(instructions.count * 8)
        for instruction in instructions { bytes += instruction.encoded }
        return bytes
    }

    /// Decodes `struct bpf_insn` records (as in an ELF program section).
    public init(decoding bytes: [UInt8]) throws(EBPFDecodingError) {
        guard bytes.count % 8 == 0 else { throw EBPFDecodingError(byteCount: bytes.count) }
        var instructions: [EBPFInstruction] = []
        instructions.reserveCapacity(bytes.count / 8)
        var i = 0
        while i < bytes.count {
            let off = UInt16(bytes[i + 2]) | UInt16(bytes[i + 3]) << 8
            let imm = UInt32(bytes[i + 4]) | UInt32(bytes[i + 5]) << 8 | UInt32(bytes[i + 6]) << 16
                | UInt32(bytes[i + 7]) << 24
            instructions.append(EBPFInstruction(code: bytes[i], dst: bytes[i + 1] & 0x0f, src: bytes[i + 1] >> 4,
                                                offset: Int16(bitPattern: off), imm: Int32(bitPattern: imm)))
            i += 8
        }
        self.init(instructions)
    }
}

/// Bytes that are not a whole number of 8-byte instructions.
public struct EBPFDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The length that was given.
    public var byteCount: Int
    public var description: String {
        "eBPF code of \(byteCount) bytes is not a whole number of 8-byte instructions (byte \(byteCount - byteCount % 8) starts a partial one)"
    }
}
