import SluiceEBPF
import SluiceKernel

/// Loads a generated program as XDP through SluiceKernel (the real kernel
/// verifier) for the differential tests.
func loadXDP(_ program: EBPFProgram, name: String = "sluice_test") throws -> BPFProgram {
    try BPFProgram.load(instructions: program.instructions, type: .xdp, name: name)
}

extension BPFProgram {
    /// The program's return value on one frame (BPF_PROG_TEST_RUN).
    func retval(_ packet: [UInt8]) throws -> UInt32 {
        try testRun(packet: packet).returnValue
    }
}
