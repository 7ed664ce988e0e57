/// The names text formats give ancillary loads.
extension Ancillary {
    /// The symbol libpcap's `bpf_image` prints for an absolute load at this
    /// offset (`ld [proto]`, `ldh [vlan_tci]`, `ldb [vlanp]`).
    public var imageName: String {
        switch self {
        case .networkProtocol: "proto"
        case .packetType: "type"
        case .interfaceIndex: "ifidx"
        case .netlinkAttribute: "nla"
        case .netlinkAttributeNested: "nlan"
        case .mark: "mark"
        case .queue: "queue"
        case .hardwareType: "hatype"
        case .receiveHash: "rxhash"
        case .cpu: "cpu"
        case .aluXorX: "xor_x"
        case .vlanTag: "vlan_tci"
        case .vlanTagPresent: "vlanp"
        case .payloadOffset: "poff"
        case .random: "random"
        case .vlanTPID: "vlan_tpid"
        }
    }

    /// Other spellings the assembler accepts (those of the kernel's `bpf_asm`).
    static let aliases: [String: Ancillary] = [
        "protocol": .networkProtocol, "pkttype": .packetType, "ifindex": .interfaceIndex,
        "vlan_avail": .vlanTagPresent, "vlan_present": .vlanTagPresent, "rand": .random,
    ]

    private static let byImageName: [String: Ancillary] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0.imageName, $0) })

    /// The ancillary value named `name` (its `imageName` or a `bpf_asm` alias), case-insensitively.
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let found = Ancillary.byImageName[lowered] ?? Ancillary.aliases[lowered] else { return nil }
        self = found
    }
}
