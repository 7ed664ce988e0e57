import Foundation
import SluiceBytecode

/// `vectors/linux_test_bpf_classic.json`: the kernel's classic-BPF tests.
public struct LinuxClassicVectors: Decodable, Sendable {
    /// One entry of the kernel's `tests[]`.
    public struct Vector: Decodable, Sendable {
        public var name: String
        public var source_index: Int
        public var flags: [String]
        public var insns: [[UInt32]]
        /// "run" or "load_rejected".
        public var expect: String
        public var subtests: [Subtest]?
        public var requires: [String]?

        /// The program as Sluice bytecode.
        public var program: Program {
            Program(insns.map { Instruction(code: UInt16($0[0]), jt: UInt8($0[1]), jf: UInt8($0[2]), k: $0[3]) })
        }
    }
    /// One packet and the return value the kernel expects for it.
    public struct Subtest: Decodable, Sendable {
        public var packet_hex: String
        public var packet_len: Int
        public var expected: UInt32
        public var requires: [String]
        /// The packet bytes.
        public var packet: [UInt8] { hexBytes(packet_hex) }
    }
    public var vectors: [Vector]

    /// Loads the file, or nil when it is absent and not required.
    public static func load() throws -> LinuxClassicVectors? {
        guard let url = try SharedData.file("vectors/linux_test_bpf_classic.json") else { return nil }
        return try JSONDecoder().decode(LinuxClassicVectors.self, from: Data(contentsOf: url))
    }
}

/// `vectors/libpcap_testrun_filter_vectors.json`: libpcap's compiler tests.
public struct LibpcapFilterVectors: Decodable, Sendable {
    /// An expression block that must compile (to `expected`).
    public struct Accept: Decodable, Sendable {
        public var name: String
        public var DLT: String
        public var dlt_value: Int
        public var aliases: [String]
        public var snaplen: Int
        public var netmask: String?
        public var linux_bpf_extensions: Bool
        public var skip_reason_in_TESTrun: String?
        public var expected: [String: Expected]
    }
    /// libpcap's program for one optimization setting ("opt" or "unopt").
    public struct Expected: Decodable, Sendable {
        public var bpf_image: [String]?
        public var insn_count: Int?
        public var numeric: [[UInt32]]?
        public var verified_by_build: [Bool?]?
        public var rejected_by_optimizer: Bool?

        /// The numeric program, when libpcap's build verified it.
        public var program: Program? {
            numeric.map { Program($0.map { Instruction(code: UInt16($0[0]), jt: UInt8($0[1]), jf: UInt8($0[2]), k: $0[3]) }) }
        }
    }
    /// An expression applied to a savefile, with per-packet results.
    public struct Apply: Decodable, Sendable {
        public var name: String
        public var savefile: String
        public var expr: String
        public var netmask: String?
        public var results: [UInt32]
        public var skip_reason_in_TESTrun: String?
    }
    /// An expression that must fail to compile, with libpcap's message.
    /// Six entries test savefiles instead and have no DLT or expression.
    public struct Reject: Decodable, Sendable {
        public var name: String
        public var errstr: String
        public var DLT: String?
        public var expr: String?
        public var dlt_value: Int?
        public var savefile: String?
    }
    public var accept: [Accept]
    public var apply: [Apply]
    public var reject: [Reject]

    /// Loads the file, or nil when it is absent and not required.
    public static func load() throws -> LibpcapFilterVectors? {
        guard let url = try SharedData.file("vectors/libpcap_testrun_filter_vectors.json") else { return nil }
        return try JSONDecoder().decode(LibpcapFilterVectors.self, from: Data(contentsOf: url))
    }
}

/// Bytes from a hex string ("0a14" -> [0x0a, 0x14]).
public func hexBytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(hex.utf8.count / 2)
    var high: UInt8?
    for c in hex.utf8 {
        let v: UInt8
        switch c {
        case 48...57: v = c - 48
        case 97...102: v = c - 87
        case 65...70: v = c - 55
        default: continue
        }
        if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
    }
    return bytes
}
