import SluiceEBPF
/// The result of one `BPF_PROG_TEST_RUN`.
public struct TestRunResult: Sendable, Hashable {
    /// What the program returned (for XDP, an `XDPAction` raw value).
    public var returnValue: UInt32
    /// The kernel's mean time per repetition.
    public var duration: Duration
    /// The returned value as an XDP action, if it is one.
    public var action: XDPAction? { XDPAction(rawValue: returnValue) }
}

extension BPFProgram {
    /// Runs the program in the kernel on `packet`, `repeat` times
    /// (`bpf_prog_test_run_opts`); XDP needs at least an Ethernet header (14 bytes).
    public func testRun(packet: [UInt8], repeat count: Int = 1) throws(KernelError) -> TestRunResult {
        let output = try LibBPF.progTestRun(fd: fd, packet: packet, repeat: max(1, count))
        return TestRunResult(returnValue: output.returnValue,
                             duration: .nanoseconds(Int64(output.durationNanoseconds)))
    }
}
