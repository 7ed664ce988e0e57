import Foundation
import SluiceBytecode
import SluiceTestSupport

/// The parts of `libpcap_testrun_filter_vectors.json` the compiler tests
/// read, decoded leniently (some `verified_by_build` entries are null,
/// which `LibpcapFilterVectors` does not accept).
struct CompilerVectors: Decodable {
    struct Accept: Decodable {
        var name: String
        var DLT: String
        var aliases: [String]
        var snaplen: Int
        var netmask: String?
        var linux_bpf_extensions: Bool
        var skip_reason_in_TESTrun: String?
        var expected: [String: Expected]
    }
    struct Expected: Decodable {
        var numeric: [[UInt32]]?
        var insn_count: Int?
        var rejected_by_optimizer: Bool?

        var program: Program? {
            numeric.map { Program($0.map { Instruction(code: UInt16($0[0]), jt: UInt8($0[1]), jf: UInt8($0[2]), k: $0[3]) }) }
        }
    }
    struct Apply: Decodable {
        var name: String
        var savefile: String
        var expr: String
        var netmask: String?
        var results: [UInt32]
        var skip_reason_in_TESTrun: String?
    }
    struct Reject: Decodable {
        var DLT: String?
        var expr: String?
        var errstr: String
        var skip_reason_in_TESTrun: String?
    }
    var accept: [Accept]
    var apply: [Apply]
    var reject: [Reject]

    /// The vectors, or nil when the shared data is absent and not required.
    static func load() throws -> CompilerVectors? {
        guard let url = try SharedData.file("vectors/libpcap_testrun_filter_vectors.json") else { return nil }
        return try JSONDecoder().decode(CompilerVectors.self, from: Data(contentsOf: url))
    }

    /// Loaded once per run.
    static let shared: CompilerVectors? = try? load()
}
