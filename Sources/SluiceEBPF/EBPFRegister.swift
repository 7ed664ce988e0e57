/// An eBPF register, `BPF_REG_0` … `BPF_REG_10`.
///
/// r0 holds return values, r1–r5 helper arguments (clobbered by calls),
/// r6–r9 are callee-saved, r10 is the read-only frame pointer.
public enum EBPFRegister: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case r0 = 0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10

    /// The frame pointer (`BPF_REG_FP`).
    public static let frame = EBPFRegister.r10

    /// `r<n>`, as bpftool prints a 64-bit operand.
    public var description: String { "r\(rawValue)" }

    /// `w<n>`, as bpftool prints a 32-bit operand.
    public var word: String { "w\(rawValue)" }
}
