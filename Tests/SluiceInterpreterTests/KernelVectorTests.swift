import Foundation
import SluiceBytecode
import SluiceInterpreter
import SluicePcap
import SluiceTestSupport
import Testing

/// The kernel's own classic-BPF tests (lib/test_bpf.c): every sub-test
/// whose needs the interpreter meets must give the kernel's value.
@Suite struct KernelVectorTests {
    @Test func everySupportedSubtestReturnsTheKernelsValue() throws {
        guard let vectors = try LinuxClassicVectors.load(), let skb = try FakeSocketBuffer.load() else { return }
        var ran = 0
        var leftOut: [String] = []
        for vector in vectors.vectors where vector.expect == "run" {
            let engine = Interpreter(try verified(vector.program))
            for (number, subtest) in (vector.subtests ?? []).enumerated() {
                if let missing = subtest.requires.first(where: { !FakeSocketBuffer.isSupported($0) }) {
                    leftOut.append("\(vector.name) #\(number): needs \(missing)")
                    continue
                }
                let packet = subtest.packet
                let result = engine.run(packet: packet, wireLength: subtest.packet_len, metadata: skb.metadata(dataSize: packet.count))
                #expect(result == subtest.expected, "\(vector.name) sub-test \(number): got \(result), kernel \(subtest.expected)")
                ran += 1
            }
        }
        print("kernel vectors: ran \(ran) sub-tests, left out \(leftOut.count)")
        for reason in leftOut { print("  left out: \(reason)") }
        // Only SKF_AD_PAY_OFFSET (the kernel flow dissector) is beyond us.
        #expect(leftOut.count == 2)
        #expect(ran == 170)
    }

    /// On the sub-tests that need nothing but packet bytes (a fragmented
    /// skb is one flat buffer for both engines), libpcap's
    /// `bpf_filter` differs from the kernel exactly where an `[x + k]`
    /// offset wraps: the recorded divergences must explain every
    /// difference, and name no other cause.
    @Test func libpcapDiffersOnlyWhereXPlusKWraps() throws {
        guard let vectors = try LinuxClassicVectors.load(), let skb = try FakeSocketBuffer.load() else { return }
        var agree = 0
        var wrapped = 0
        for vector in vectors.vectors where vector.expect == "run" {
            let engine = Interpreter(try verified(vector.program))
            let libpcap = try LibpcapProgram(vector.program)
            for (number, subtest) in (vector.subtests ?? []).enumerated()
                where subtest.requires.allSatisfy({ $0 == "nonlinear_skb(frag)" }) {
                let packet = subtest.packet
                let metadata = skb.metadata(dataSize: packet.count)
                let theirs = libpcap.filter(packet: packet, wireLength: subtest.packet_len)
                let (ours, divergences) = engine.runRecordingDivergences(packet: packet, wireLength: subtest.packet_len, metadata: metadata)
                #expect(ours == subtest.expected)
                if ours == theirs {
                    agree += 1
                    continue
                }
                guard case .indirectOffsetWrapped? = divergences.first?.kind, theirs == 0 else {
                    Issue.record("\(vector.name) #\(number): ours \(ours), libpcap \(theirs), divergences \(divergences)")
                    continue
                }
                wrapped += 1
            }
        }
        print("kernel vectors vs bpf_filter (packet-only sub-tests): \(agree) agree, \(wrapped) differ by an x + k wrap")
        #expect(agree == 102)
        #expect(wrapped == 13)
    }
}

/// The `linux_fake_skb` block of the vectors file: the sk_buff fields the
/// kernel's test harness sets, turned into `PacketMetadata`.
struct FakeSocketBuffer {
    var fields: [String: Any]

    static func load() throws -> FakeSocketBuffer? {
        guard let url = try SharedData.file("vectors/linux_test_bpf_classic.json") else { return nil }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        guard let fields = object?["linux_fake_skb"] as? [String: Any] else { return nil }
        return FakeSocketBuffer(fields: fields)
    }

    /// The kernel names of the ancillary loads, as the vectors spell them.
    static let ancillaryNames: [String: Ancillary] = [
        "SKF_AD_PROTOCOL": .networkProtocol, "SKF_AD_PKTTYPE": .packetType, "SKF_AD_IFINDEX": .interfaceIndex,
        "SKF_AD_NLATTR": .netlinkAttribute, "SKF_AD_NLATTR_NEST": .netlinkAttributeNested, "SKF_AD_MARK": .mark,
        "SKF_AD_QUEUE": .queue, "SKF_AD_HATYPE": .hardwareType, "SKF_AD_RXHASH": .receiveHash, "SKF_AD_CPU": .cpu,
        "SKF_AD_ALU_XOR_X": .aluXorX, "SKF_AD_VLAN_TAG": .vlanTag, "SKF_AD_VLAN_TAG_PRESENT": .vlanTagPresent,
        "SKF_AD_PAY_OFFSET": .payloadOffset, "SKF_AD_RANDOM": .random, "SKF_AD_VLAN_TPID": .vlanTPID,
    ]

    /// Whether the interpreter meets a sub-test requirement.
    static func isSupported(_ requirement: String) -> Bool {
        if let ancillary = ancillaryNames[requirement] { return Interpreter.supportedAncillary.contains(ancillary) }
        // One flat buffer serves head + fragment; the windows come from metadata.
        return ["SKF_LL_OFF", "SKF_NET_OFF", "nonlinear_skb(frag)"].contains(requirement)
    }

    /// A field's number: JSON numbers as they are, strings by their leading
    /// token ("0x0800 (ETH_P_IP, ...)" is 0x800, "min(data_size, 14)" is 14).
    func number(_ key: String) -> Int {
        if let value = fields[key] as? Int { return value }
        guard let text = fields[key] as? String else { return 0 }
        let token = text.split(whereSeparator: { !$0.isHexDigit && $0 != "x" }).first { Int(parsing: $0) != nil }
        return token.flatMap { Int(parsing: $0) } ?? 0
    }

    func metadata(dataSize: Int) -> PacketMetadata {
        PacketMetadata(
            networkProtocol: UInt16(number("protocol")), packetType: UInt8(number("pkt_type")),
            device: .init(index: UInt32(number("ifindex")), hardwareType: UInt16(number("dev_type(hatype)"))),
            mark: UInt32(number("mark")), queue: UInt16(number("queue_mapping")), receiveHash: UInt32(number("hash")),
            cpu: 3, vlanTag: UInt16(number("vlan_tci")), vlanTagPresent: number("vlan_present") != 0,
            vlanTPID: UInt16(number("vlan_proto")),
            linkLayerHeaderOffset: number("mac_header_offset"),
            networkHeaderOffset: min(dataSize, number("network_header_offset")))
    }
}

extension Int {
    /// Parses "0x1f" (hex) or "31" (decimal).
    init?(parsing token: Substring) {
        if token.hasPrefix("0x") { self.init(token.dropFirst(2), radix: 16) } else { self.init(token) }
    }
}
