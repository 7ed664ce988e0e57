import SluiceBytecode

/// A classic BPF program that the verifier accepted.
///
/// Only `Verifier` makes one (the initializer is internal to this module),
/// so holding a `VerifiedProgram` proves the checks ran: every engine
/// (interpreter, demux, control plane, eBPF translation) takes this type.
public struct VerifiedProgram: Hashable, Sendable {
    /// The accepted instructions.
    public let program: Program

    init(checked program: Program) {
        self.program = program
    }
}
