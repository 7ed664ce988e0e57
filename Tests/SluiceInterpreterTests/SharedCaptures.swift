import Foundation
import SluiceBytecode
import SluicePcap
import SluiceTestSupport

/// One capture file from the shared data, read once.
struct LoadedCapture: Sendable {
    var name: String
    var linkType: Int32
    var packets: [CapturedPacket]
    /// Why reading stopped early, if it did (the packets before it are kept).
    var failure: CaptureError?
}

/// Every capture under the shared `captures/` folder, read once per test
/// process (the differential tests share them).
enum SharedCaptures {
    private static let loaded: Result<[LoadedCapture]?, Error> = Result { try read() }

    /// All captures, or nil when the shared data is absent (and not required).
    static func all() throws -> [LoadedCapture]? { try loaded.get() }

    /// The Ethernet ones (link type 1, DLT_EN10MB).
    static func ethernet() throws -> [LoadedCapture]? { try all()?.filter { $0.linkType == 1 } }

    private static func read() throws -> [LoadedCapture]? {
        guard try SharedData.file("captures") != nil else { return nil }
        var captures: [LoadedCapture] = []
        for url in try SharedData.allCaptures() {
            let reader = try CaptureReader(path: url.path)
            let packets = Array(reader)
            let name = url.pathComponents.suffix(2).joined(separator: "/")
            captures.append(LoadedCapture(name: name, linkType: reader.linkType, packets: packets, failure: reader.failure))
        }
        return captures
    }
}

/// Every `numeric` program libpcap's tests give for Ethernet, opt and unopt.
struct NamedProgram: Sendable {
    var name: String
    var program: SluiceBytecode.Program
}

/// Reads the `accept` blocks of `vectors/libpcap_testrun_filter_vectors.json`
/// itself, only the fields needed here: `LibpcapFilterVectors` (in
/// SluiceTestSupport) cannot decode the file yet (`verified_by_build` holds
/// nulls where it expects Bool).
enum LibpcapEthernetPrograms {
    private struct File: Decodable {
        var accept: [Block]
    }
    private struct Block: Decodable {
        var name: String
        var dlt_value: Int
        var expected: [String: Expected]
    }
    private struct Expected: Decodable {
        var numeric: [[UInt32]]?
    }

    static func all() throws -> [NamedProgram]? {
        guard let url = try SharedData.file("vectors/libpcap_testrun_filter_vectors.json") else { return nil }
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        var programs: [NamedProgram] = []
        for block in file.accept where block.dlt_value == 1 {
            for setting in ["opt", "unopt"] {
                guard let numeric = block.expected[setting]?.numeric else { continue }
                let instructions = numeric.map { Instruction(code: UInt16($0[0]), jt: UInt8($0[1]), jf: UInt8($0[2]), k: $0[3]) }
                programs.append(NamedProgram(name: "\(block.name) (\(setting))", program: Program(instructions)))
            }
        }
        return programs
    }
}
