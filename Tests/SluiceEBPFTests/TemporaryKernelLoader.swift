// TEMPORARY, test-only: loads and test-runs eBPF through libbpf directly
// until SluiceKernel's BPFProgram.load/testRun land on main. Delete this
// file then and use BPFProgram instead.
import CBPF
import Glibc
import SluiceEBPF

/// A loaded XDP program (test-only stand-in for SluiceKernel's `BPFProgram`).
final class TemporaryLoadedProgram {
    let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }

    /// Runs the program once on `packet` with BPF_PROG_TEST_RUN; returns its retval.
    /// The kernel refuses frames shorter than ETH_HLEN (14 bytes).
    func testRun(packet: [UInt8]) throws -> UInt32 {
        var opts = bpf_test_run_opts()
        opts.sz = MemoryLayout<bpf_test_run_opts>.stride
        opts.data_size_in = UInt32(packet.count)
        opts.`repeat` = 1
        let rc = packet.withUnsafeBytes { bytes in
            opts.data_in = bytes.baseAddress
            return bpf_prog_test_run_opts(fd, &opts)
        }
        if rc != 0 { throw TemporaryKernelError(message: "test run failed: errno \(errno) (\(String(cString: strerror(errno))))") }
        return opts.retval
    }
}

/// Why a test-only load failed: errno and the verifier log.
struct TemporaryKernelError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Loads `program` as an XDP program; on failure loads again with the
/// verifier log and puts its tail in the error.
func temporaryLoadXDP(_ program: EBPFProgram, name: String = "sluice_test") throws -> TemporaryLoadedProgram {
    let bytes = program.encoded
    func load(logging: Bool, log: inout [CChar]) -> Int32 {
        var opts = bpf_prog_load_opts()
        opts.sz = MemoryLayout<bpf_prog_load_opts>.stride
        return bytes.withUnsafeBytes { raw in
            log.withUnsafeMutableBufferPointer { logBuffer in
                if logging {
                    opts.log_buf = logBuffer.baseAddress
                    opts.log_size = UInt32(logBuffer.count)
                    opts.log_level = 1
                }
                return bpf_prog_load(BPF_PROG_TYPE_XDP, name, "GPL",
                                     raw.baseAddress?.assumingMemoryBound(to: bpf_insn.self),
                                     bytes.count / 8, &opts)
            }
        }
    }
    var log = [CChar](repeating: 0, count: 1)
    let fd = load(logging: false, log: &log)
    if fd >= 0 { return TemporaryLoadedProgram(fd: fd) }
    let error = errno
    log = [CChar](repeating: 0, count: 16 << 20)
    _ = load(logging: true, log: &log)
    let text = log.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    let tail = text.split(separator: "\n").suffix(25).joined(separator: "\n")
    throw TemporaryKernelError(message: "bpf_prog_load: errno \(error)\n\(tail)\n--- program ---\n\(program.listing.prefix(200).joined(separator: "\n"))")
}
