/// Linux's special load offsets: `SKF_AD_OFF + n` reads packet metadata
/// instead of packet bytes, and `SKF_NET_OFF` / `SKF_LL_OFF` address the
/// network and link-layer headers.
public enum Ancillary: UInt32, Sendable, CaseIterable {
    /// `SKF_AD_PROTOCOL`: skb->protocol (the EtherType, host order).
    case networkProtocol = 0
    /// `SKF_AD_PKTTYPE`: skb->pkt_type.
    case packetType = 4
    /// `SKF_AD_IFINDEX`: the receiving interface's index.
    case interfaceIndex = 8
    /// `SKF_AD_NLATTR`: find a netlink attribute.
    case netlinkAttribute = 12
    /// `SKF_AD_NLATTR_NEST`: find a nested netlink attribute.
    case netlinkAttributeNested = 16
    /// `SKF_AD_MARK`: skb->mark.
    case mark = 20
    /// `SKF_AD_QUEUE`: skb->queue_mapping.
    case queue = 24
    /// `SKF_AD_HATYPE`: the device's hardware address type (ARPHRD_*).
    case hardwareType = 28
    /// `SKF_AD_RXHASH`: skb->hash.
    case receiveHash = 32
    /// `SKF_AD_CPU`: the current CPU.
    case cpu = 36
    /// `SKF_AD_ALU_XOR_X`: A ^= X.
    case aluXorX = 40
    /// `SKF_AD_VLAN_TAG`: the offloaded VLAN TCI.
    case vlanTag = 44
    /// `SKF_AD_VLAN_TAG_PRESENT`: 1 when a VLAN tag was offloaded.
    case vlanTagPresent = 48
    /// `SKF_AD_PAY_OFFSET`: payload offset from the flow dissector.
    case payloadOffset = 52
    /// `SKF_AD_RANDOM`: a random 32-bit number.
    case random = 56
    /// `SKF_AD_VLAN_TPID`: the offloaded VLAN's TPID.
    case vlanTPID = 60

    /// `SKF_AD_OFF`: the base of ancillary offsets, -0x1000 as a `u32`.
    public static let base: UInt32 = 0xFFFF_F000
    /// `SKF_AD_MAX`: the first ancillary offset Linux does not know.
    public static let limit: UInt32 = 64
    /// `SKF_NET_OFF`: -0x100000 as a `u32`.
    public static let networkBase: UInt32 = 0xFFF0_0000
    /// `SKF_LL_OFF`: -0x200000 as a `u32`.
    public static let linkLayerBase: UInt32 = 0xFFE0_0000

    /// The `k` of an absolute load of this value.
    public var offset: UInt32 { Ancillary.base &+ rawValue }

    /// The ancillary value that an absolute load at `k` reads, if any.
    public init?(loadOffset k: UInt32) {
        guard k >= Ancillary.base else { return nil }
        self.init(rawValue: k &- Ancillary.base)
    }
}
