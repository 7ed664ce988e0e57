import Foundation
import Glibc
import SluiceEBPF
import SluiceKernel
import SluiceTestSupport
import Testing

/// Loading, test runs, rejections and pins against the real kernel.
@Suite("Kernel programs")
struct KernelProgramTests {
    @Test("an XDP_PASS program loads, runs and reports its info")
    func loadsAndRuns() throws {
        guard try KernelAccess.check("loading an XDP program") else { return }
        let program = try BPFProgram.load(instructions: KernelTestPrograms.pass, type: .xdp, name: "sluice_pass")
        let result = try program.testRun(packet: KernelTestPrograms.udpFrame(destinationPort: 53), repeat: 1000)
        #expect(result.action == .pass)
        #expect(result.duration < .milliseconds(1))
        let info = try program.info()
        #expect(info.name == "sluice_pass")
        #expect(info.type == .xdp)
        #expect(info.verifiedInstructions == 2)
        #expect(program.loadLog?.processedInstructions == 2)
    }

    @Test("a hand-built UDP port filter gives the verdicts its bytes say")
    func filterVerdicts() throws {
        guard try KernelAccess.check("loading an XDP program") else { return }
        let program = try BPFProgram.load(instructions: KernelTestPrograms.udpDestinationPort(7777),
                                          type: .xdp, name: "udp_7777")
        #expect(try program.testRun(packet: KernelTestPrograms.udpFrame(destinationPort: 7777)).action == .pass)
        #expect(try program.testRun(packet: KernelTestPrograms.udpFrame(destinationPort: 7778)).action == .drop)
        #expect(try program.testRun(packet: KernelTestPrograms.tcpFrame(destinationPort: 7777)).action == .drop)
        // 34 bytes: shorter than the 38 the filter checks for, so the bounds check drops it.
        let short = Array(KernelTestPrograms.udpFrame(destinationPort: 7777).prefix(34))
        #expect(try program.testRun(packet: short).action == .drop)
    }

    @Test("a rejection keeps the verifier log and names our instruction and its source")
    func rejectionKeepsLog() throws {
        guard try KernelAccess.check("loading an XDP program") else { return }
        let error = #expect(throws: KernelError.self) {
            _ = try BPFProgram.load(instructions: KernelTestPrograms.unchecked,
                                    annotations: KernelTestPrograms.uncheckedAnnotations,
                                    type: .xdp, name: "unchecked")
        }
        guard let error else { return }
        #expect(error.call == "bpf_prog_load")
        #expect(error.errno == EACCES)
        let log = try #require(error.verifierLog)
        #expect(log.failingInstruction == 1)
        #expect(log.failingSource == "ether[0]")
        #expect(log.errorLines.contains { $0.contains("invalid access to packet") || $0.contains("R2") })
        #expect(error.description.contains("instruction 1"))
        #expect(error.description.contains("generated from: ether[0]"))
        #expect(error.description.split(separator: "\n").count <= 8)
        #expect(error.fullDescription.contains(log.text))
    }

    @Test("a malformed program (no exit) is an error, not a crash")
    func malformedProgram() throws {
        guard try KernelAccess.check("loading an XDP program") else { return }
        #expect(throws: KernelError.self) {
            _ = try BPFProgram.load(instructions: [EBPFInstruction(code: 0xb7, dst: 0, imm: 2)], type: .xdp, name: "noexit")
        }
        #expect(throws: KernelError.self) {
            _ = try BPFProgram.load(instructions: [], type: .xdp, name: "empty")
        }
    }

    @Test("the counting wrapper counts passed and dropped frames in its per-CPU map")
    func countingWrapper() throws {
        guard try KernelAccess.check("loading an XDP program with a map") else { return }
        for onMatch in [XDPAction.pass, .drop] {
            let counting = try CountingXDPProgram.load(filter: KernelTestPrograms.udpDestinationPort(7777),
                                                       verdict: .report, onMatch: onMatch)
            let match = KernelTestPrograms.udpFrame(destinationPort: 7777)
            let other = KernelTestPrograms.udpFrame(destinationPort: 9)
            #expect(try counting.program.testRun(packet: match, repeat: 5).action == onMatch)
            #expect(try counting.program.testRun(packet: other, repeat: 3).action == (onMatch == .pass ? .drop : .pass))
            let counts = try counting.read()
            #expect(counts == (onMatch == .pass ? XDPCounters(passed: 5, dropped: 3) : XDPCounters(passed: 3, dropped: 5)))
        }
    }

    @Test("a pinned program reopens with the same id, and unpinning removes the file")
    func pinning() throws {
        guard try KernelAccess.check("pinning in bpffs") else { return }
        let program = try BPFProgram.load(instructions: KernelTestPrograms.pass, type: .xdp, name: "pinned")
        let path = "/sys/fs/bpf/sluice-test-\(getpid())/pass"
        try program.pin(at: path)
        defer {
            try? BPFFileSystem.unpin(path)
            rmdir(BPFFileSystem.defaultRoot + "/sluice-test-\(getpid())")
        }
        let reopened = try BPFProgram.pinned(at: path)
        #expect(try reopened.info().id == program.info().id)
        try BPFFileSystem.unpin(path)
        #expect(throws: KernelError.self) { _ = try BPFProgram.pinned(at: path) }
    }
}
