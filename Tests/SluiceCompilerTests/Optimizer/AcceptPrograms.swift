import Foundation
import SluiceBytecode
import SluiceTestSupport

/// libpcap's expected programs for the EN10MB accept blocks, read with a
/// minimal decoder of our own: `LibpcapFilterVectors` in SluiceTestSupport
/// fails on the `null` entries of `verified_by_build` (reported to its owner).
struct AcceptPrograms: Decodable {
    /// One accept block: its name, expressions and libpcap's two programs.
    struct Block: Decodable {
        var name: String
        var DLT: String
        var aliases: [String]
        var snaplen: Int
        var expected: [String: Expected]
    }

    /// One libpcap program, as numeric `[code, jt, jf, k]` rows.
    struct Expected: Decodable {
        var numeric: [[UInt32]]?

        var program: Program? {
            numeric.map { Program($0.map { Instruction(code: UInt16($0[0]), jt: UInt8($0[1]), jf: UInt8($0[2]), k: $0[3]) }) }
        }
    }

    var accept: [Block]

    /// The EN10MB blocks for which the build verified both programs.
    static func ethernet() throws -> [(name: String, aliases: [String], snapLength: Int,
                                       unoptimized: Program, optimized: Program)] {
        guard let url = try SharedData.file("vectors/libpcap_testrun_filter_vectors.json") else { return [] }
        let all = try JSONDecoder().decode(AcceptPrograms.self, from: Data(contentsOf: url))
        return all.accept.compactMap { block in
            guard block.DLT == "EN10MB", let unoptimized = block.expected["unopt"]?.program,
                  let optimized = block.expected["opt"]?.program else { return nil }
            return (block.name, block.aliases, block.snaplen, unoptimized, optimized)
        }
    }
}
