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
        // The call, the failing instruction, its source, up to 3 reasons, a
        // heading and up to 5 lines of context, the omitted count.
        #expect(error.description.split(separator: "\n").count <= 14)
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

/// BPF ring buffers read through `RingBufferReader`.
@Suite("Kernel ring buffer")
struct KernelRingBufferTests {
    @Test("records written by bpf_ringbuf_output arrive in order, copied out")
    func recordsArrive() throws {
        guard try KernelAccess.check("creating a ring buffer map") else { return }
        let map = try BPFMap.create(.ringBuffer, name: "sluice_ring", keySize: 0, valueSize: 0, maxEntries: 4096)
        let reader = try RingBufferReader(map: map)
        // *(u64 *)(fp - 8) = 0x1122334455667788 (two halves); bpf_ringbuf_output(map, fp - 8, 8, 0); return XDP_PASS.
        let program: [EBPFInstruction] = [
            EBPFInstruction(code: 0x62, dst: 10, offset: -8, imm: 0x5566_7788),
            EBPFInstruction(code: 0x62, dst: 10, offset: -4, imm: 0x1122_3344),
            EBPFInstruction(code: 0x18, dst: 1, src: 1, imm: map.fd), EBPFInstruction(code: 0),
            EBPFInstruction(code: 0xbf, dst: 2, src: 10),
            EBPFInstruction(code: 0x07, dst: 2, imm: -8),
            EBPFInstruction(code: 0xb7, dst: 3, imm: 8),
            EBPFInstruction(code: 0xb7, dst: 4, imm: 0),
            EBPFInstruction(code: 0x85, imm: 130),  // bpf_ringbuf_output
            EBPFInstruction(code: 0xb7, dst: 0, imm: 2),
            EBPFInstruction(code: 0x95),
        ]
        let loaded = try BPFProgram.load(instructions: program, type: .xdp, name: "ring_writer")
        #expect(try reader.poll().isEmpty)
        _ = try loaded.testRun(packet: KernelTestPrograms.udpFrame(destinationPort: 1), repeat: 3)
        let records = try reader.poll(timeout: .milliseconds(100))
        #expect(records == Array(repeating: [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11], count: 3))
        #expect(try reader.poll().isEmpty)
        #expect(throws: KernelError.self) {
            _ = try RingBufferReader(map: BPFMap.create(.array, name: "not_ring", keySize: 4, valueSize: 4, maxEntries: 1))
        }
    }
}
