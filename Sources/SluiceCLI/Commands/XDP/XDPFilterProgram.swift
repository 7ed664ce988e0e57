import SluiceEBPF

/// An XDP program made from the user's filter, with a source note per
/// slot (the part of the filter expression, or the classic instruction, it
/// came from) so that a kernel verifier rejection can say where it is.
struct XDPFilterProgram: Sendable {
    /// The program.
    var program: EBPFProgram
    /// `annotations[i]` explains slot `i` (`BPFProgram.load(annotations:)`).
    var annotations: SlotNotes
    /// Generated from the expression's IR, or translated from classic BPF (and why).
    var path: XDPGenerationPath

    /// The test hook behind the hidden `--debug-corrupt-load N`: moves the
    /// N-th load at a constant offset from the frame start (`r6`, the
    /// generators' `data` register) 4096 bytes further, past every bounds
    /// check, so the kernel verifier rejects exactly that slot and the
    /// report's source note can be checked. Slots keep their numbers.
    mutating func corruptLoad(_ ordinal: Int) throws(CLIFailure) {
        let loads = program.instructions.indices.filter { slot in
            let instruction = program.instructions[slot]
            return instruction.instructionClass == .ldx && instruction.mode == .mem && instruction.src == 6
        }
        guard loads.indices.contains(ordinal) else {
            throw .badInput("--debug-corrupt-load \(ordinal): the program has \(loads.count) loads from the frame")
        }
        program.instructions[loads[ordinal]].offset &+= 4096
    }
}
