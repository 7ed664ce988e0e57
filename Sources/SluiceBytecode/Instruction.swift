/// One classic BPF instruction, laid out like Linux `struct sock_filter`
/// (`u16 code, u8 jt, u8 jf, u32 k`).
///
/// An instruction is a plain value: any bit pattern can be represented, so
/// decoders never lose information. Whether it *means* anything is the
/// verifier's business (`SluiceVerifier`).
public struct Instruction: Hashable, Sendable {
    /// The opcode (`code`): class, size/op, mode/source bits.
    public var code: UInt16
    /// Jump offset when the condition holds (`jt`), relative to the next instruction.
    public var jt: UInt8
    /// Jump offset when the condition fails (`jf`), relative to the next instruction.
    public var jf: UInt8
    /// The immediate operand (`k`).
    public var k: UInt32

    /// Makes an instruction from its four raw fields.
    public init(code: UInt16, jt: UInt8 = 0, jf: UInt8 = 0, k: UInt32 = 0) {
        self.code = code
        self.jt = jt
        self.jf = jf
        self.k = k
    }
}

/// A classic BPF program: a sequence of instructions, not yet verified.
///
/// Only `SluiceVerifier` turns a `Program` into a `VerifiedProgram`, the
/// type every engine accepts.
public struct Program: Hashable, Sendable {
    /// The instructions, in order.
    public var instructions: [Instruction]

    /// Makes a program from its instructions.
    public init(_ instructions: [Instruction]) {
        self.instructions = instructions
    }

    /// Linux's `BPF_MAXINSNS`: the largest program the kernel accepts.
    public static let maximumLength = 4096
}

extension Program: RandomAccessCollection {
    public var startIndex: Int { instructions.startIndex }
    public var endIndex: Int { instructions.endIndex }
    public subscript(position: Int) -> Instruction { instructions[position] }
}

extension Program: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Instruction...) {
        self.init(elements)
    }
}
