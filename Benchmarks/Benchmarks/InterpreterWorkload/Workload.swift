import Foundation
import Sluice

/// One program in both engines.
public struct Row: Sendable {
    public var name: String
    public var sluice: Interpreter
    public var libpcap: LibpcapProgram
}

/// Every packet of the workload in one flat buffer, so neither engine pays
/// for array access the other does not.
public struct PacketSet: Sendable {
    public var bytes: [UInt8] = []
    public var spans: [(start: Int, end: Int, wireLength: Int)] = []

    public var count: Int { spans.count }

    mutating func append(_ packet: CapturedPacket) {
        spans.append((bytes.count, bytes.count + packet.data.count, packet.wireLength))
        bytes += packet.data
    }

    /// Calls `body` on every packet once.
    public func forEachPacket(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        bytes.withUnsafeBytes { all in
            for span in spans {
                body(UnsafeRawBufferPointer(rebasing: all[span.start..<span.end]), span.wireLength)
            }
        }
    }

    /// CPU time of this thread so far, in nanoseconds.
    public static func threadCPUNanoseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return now.tv_sec * 1_000_000_000 + now.tv_nsec
    }
}

/// The packets and programs of the interpreter benchmark (and of
/// `InterpreterCounts`, which counts instructions under callgrind).
public struct Workload: Sendable {
    public var packets = PacketSet()
    public var captureCount = 0
    public var rows: [Row] = []

    static let expressions = ["tcp port 80", "ip host 10.0.0.1 and tcp", "tcp port 80 or tcp port 443 or udp port 53 or icmp"]

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    public static func load() throws -> Workload {
        let shared = sharedFolder()
        var workload = Workload()
        let list = try String(contentsOf: shared.appendingPathComponent("captures/tcpdump/CURATED-REALWORLD.tsv"), encoding: .utf8)
        for line in list.split(separator: "\n").dropFirst() {
            guard let file = line.split(separator: "\t").first else { continue }
            let reader = try CaptureReader(path: shared.appendingPathComponent("captures/tcpdump/ethernet/\(file)").path)
            guard reader.linkType == 1 else { continue }
            for packet in try reader.readAll() { workload.packets.append(packet) }
            workload.captureCount += 1
        }
        for expression in expressions {
            try workload.add(expression, try LibpcapOracle.compile(expression))
        }
        try workload.add("4096 insns: kernel vector 'exec all MSH'", try kernelVector("BPF_MAXINSNS: exec all MSH", in: shared))
        try workload.add("4096 insns: generated load/alu/jump chain", longChain())
        return workload
    }

    mutating func add(_ name: String, _ program: Program) throws {
        rows.append(Row(name: name, sluice: Interpreter(try Verifier.verify(program)), libpcap: try LibpcapProgram(program)))
    }

    /// `SLUICE_SHARED`, or `shared` next to the repository.
    static func sharedFolder() -> URL {
        if let path = ProcessInfo.processInfo.environment["SLUICE_SHARED"] { return URL(fileURLWithPath: path) }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }  // file, target, Benchmarks, Benchmarks, repository
        return url.appendingPathComponent("shared")
    }

    /// A program of the kernel's test_bpf classic vectors, by name.
    static func kernelVector(_ name: String, in shared: URL) throws -> Program {
        let data = try Data(contentsOf: shared.appendingPathComponent("vectors/linux_test_bpf_classic.json"))
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let vectors = root?["vectors"] as? [[String: Any]] ?? []
        guard let vector = vectors.first(where: { $0["name"] as? String == name }),
              let insns = vector["insns"] as? [[Int]] else { throw SetupError(description: "no kernel vector \(name)") }
        return Program(insns.map { Instruction(code: UInt16($0[0]), jt: UInt8($0[1]), jf: UInt8($0[2]), k: UInt32($0[3])) })
    }

    /// 4,096 instructions that all run on packets of 54 bytes or more: a
    /// load, arithmetic, a test and a scratch store per block of four, then
    /// `ret a`.
    static func longChain() -> Program {
        var instructions: [Instruction] = []
        var block = 0
        while instructions.count < Program.maximumLength - 1 {
            let step: [Instruction] = [
                .load(.half, absolute: UInt32(block % 53)),
                .alu(.add, UInt32(block &* 2_654_435_761 & 0xffff)),
                .jump(.jset, UInt32(1) << UInt32(block % 32), true: 0, false: 0),
                .store(UInt32(block % 16)),
            ]
            instructions += step.prefix(Program.maximumLength - 1 - instructions.count)
            block += 1
        }
        instructions.append(.returnA)
        return Program(instructions)
    }
}
