/// Little-endian Linux `struct sock_filter` records: `u16 code, u8 jt,
/// u8 jf, u32 k`, 8 bytes each, no header. Every bit pattern round-trips.
enum BinaryCodec {
    /// The size of one record (`sizeof(struct sock_filter)`).
    static let recordSize = 8

    static func encode(_ program: Program) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(program.count * recordSize)
        for instruction in program {
            bytes.append(UInt8(truncatingIfNeeded: instruction.code))
            bytes.append(UInt8(truncatingIfNeeded: instruction.code >> 8))
            bytes.append(instruction.jt)
            bytes.append(instruction.jf)
            for shift in stride(from: 0, to: 32, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: instruction.k >> UInt32(shift)))
            }
        }
        return bytes
    }

    /// Reads records. Errors: no bytes, more than `ProgramCodec.maximumInstructions`
    /// records (a guard, far above `BPF_MAXINSNS`, which is the verifier's rule),
    /// or a trailing partial record (reported at its byte offset).
    static func decode(_ bytes: [UInt8]) throws(DecodingError) -> Program {
        guard !bytes.isEmpty else {
            throw DecodingError(format: .binary, location: .byteOffset(0), reason: .empty)
        }
        let limit = ProgramCodec.maximumInstructions
        guard bytes.count <= limit * recordSize else {
            throw DecodingError(format: .binary, location: .byteOffset(limit * recordSize),
                                reason: .tooManyInstructions(limit: limit))
        }
        let whole = bytes.count / recordSize * recordSize
        guard whole == bytes.count else {
            throw DecodingError(format: .binary, location: .byteOffset(whole),
                                reason: .truncatedRecord(length: bytes.count - whole))
        }
        var instructions: [Instruction] = []
        instructions.reserveCapacity(whole / recordSize)
        for start in stride(from: 0, to: whole, by: recordSize) {
            let code = UInt16(bytes[start]) | UInt16(bytes[start + 1]) << 8
            var k: UInt32 = 0
            for byte in 0..<4 { k |= UInt32(bytes[start + 4 + byte]) << UInt32(8 * byte) }
            instructions.append(Instruction(code: code, jt: bytes[start + 2], jf: bytes[start + 3], k: k))
        }
        return Program(instructions)
    }
}
