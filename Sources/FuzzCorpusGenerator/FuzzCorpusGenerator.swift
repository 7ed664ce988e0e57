import Foundation
import FuzzSupport
import SluiceBytecode
import SluiceCompiler

/// Writes the seed corpora under `Fuzz/corpus/<target>/` (or the folder
/// given as the first argument): real programs and expressions in each
/// target's input layout, plus seeded pseudo-random inputs. Deterministic:
/// rerunning it rewrites the same files.
@main
enum FuzzCorpusGenerator {
    static let expressions = [
        "tcp port 80", "ip host 10.0.0.1 and tcp", "vlan 10 and udp", "ip6 and icmp6", "tcp[13] & 2 != 0",
        "udp dst port 53 or tcp src portrange 1-1024", "ether broadcast or ether multicast", "not arp",
        "ip6 net 2001:db8::/32", "icmp[icmptype] = icmp-echo", "ip[6:2] & 0x1fff = 0 and len > 100",
        "src net 10.0.0.0/8 and dst host 192.168.1.1", "ether host 00:11:22:33:44:55", "ip proto 17",
        "mpls 100 and ip", "pppoes and ip", "vxlan and tcp", "ip6 protochain 6", "llc", "greater 64",
    ]

    static func main() throws {
        let root = CommandLine.arguments.dropFirst().first ?? "Fuzz/corpus"
        var generator = SplitMix(seed: 0x51_1ce)
        var corpora: [String: [[UInt8]]] = [:]
        let programs = expressions.compactMap { try? FilterCompiler.compile($0).program.program }
        for (index, program) in programs.enumerated() {
            let format = CodecFormats.all[index % CodecFormats.all.count]
            corpora["FuzzCodec", default: []].append([UInt8(index % CodecFormats.all.count)] + ProgramCodec.encode(program, format: format))
            let records = Array(ProgramCodec.encode(Program(Array(program.prefix(32))), format: .binary))
            corpora["FuzzInterpreter", default: []].append([0, UInt8(max(0, min(program.count, 32) - 1))] + records + generator.bytes(64))
        }
        for expression in expressions {
            corpora["FuzzCompiler", default: []].append([0, UInt8(expression.utf8.count)] + Array(expression.utf8) + generator.bytes(96))
        }
        for target in ["FuzzCodec", "FuzzInterpreter", "FuzzCompiler", "FuzzXDP"] {
            for _ in 0..<24 { corpora[target, default: []].append(generator.bytes(16 + Int(generator.next() % 200))) }
        }
        for (target, inputs) in corpora {
            let folder = "\(root)/\(target)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (index, input) in inputs.enumerated() {
                let name = String(format: "seed-%03d", index)
                try Data(input).write(to: URL(fileURLWithPath: "\(folder)/\(name)"))
            }
            print("\(folder): \(inputs.count) seeds")
        }
    }
}

/// The format order `CodecRoundTrip` reads from its first byte.
enum CodecFormats {
    static let all: [ProgramFormat] = [.binary, .tcpdumpD, .tcpdumpDD, .tcpdumpDDD, .assembly]
}

/// SplitMix64: a tiny seeded generator, so the corpus is reproducible.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
