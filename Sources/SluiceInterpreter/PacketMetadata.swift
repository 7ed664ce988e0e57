/// What Linux's ancillary loads (`SKF_AD_*`) and negative offsets
/// (`SKF_LL_OFF`, `SKF_NET_OFF`) read besides the packet bytes: the fields
/// of the `struct sk_buff` the packet arrived in, as the packet source
/// supplies them.
///
/// The defaults describe an Ethernet frame read from a capture with no
/// other knowledge: link-layer header at byte 0, network header at byte 14,
/// everything else zero, no device and no offloaded VLAN tag.
public struct PacketMetadata: Hashable, Sendable {
    /// `SKF_AD_PROTOCOL`: `skb->protocol` in host order (0x0800 for IPv4).
    public var networkProtocol: UInt16
    /// `SKF_AD_PKTTYPE`: `skb->pkt_type` (`PACKET_HOST` 0, `PACKET_BROADCAST` 1,
    /// `PACKET_MULTICAST` 2, `PACKET_OTHERHOST` 3, `PACKET_OUTGOING` 4).
    public var packetType: UInt8
    /// `SKF_AD_IFINDEX` and `SKF_AD_HATYPE` read `skb->dev`. Without a device
    /// Linux ends the program at such a load, returning A.
    public var device: Device?
    /// `SKF_AD_MARK`: `skb->mark`.
    public var mark: UInt32
    /// `SKF_AD_QUEUE`: `skb->queue_mapping`.
    public var queue: UInt16
    /// `SKF_AD_RXHASH`: `skb->hash`.
    public var receiveHash: UInt32
    /// `SKF_AD_CPU`: the CPU the filter runs on.
    public var cpu: UInt32
    /// `SKF_AD_VLAN_TAG`: `skb->vlan_tci`, the offloaded 802.1Q TCI.
    public var vlanTag: UInt16
    /// `SKF_AD_VLAN_TAG_PRESENT`: whether a VLAN tag was offloaded.
    public var vlanTagPresent: Bool
    /// `SKF_AD_VLAN_TPID`: the offloaded tag's protocol (0x8100, 0x88a8).
    public var vlanTPID: UInt16
    /// Seeds the generator behind `SKF_AD_RANDOM` (Linux: `prandom_u32`);
    /// each such load in a run yields the next number, so runs repeat.
    public var randomSeed: UInt64
    /// Where the link-layer header starts in the packet buffer
    /// (`skb_mac_header`), read by `SKF_LL_OFF + n` loads; nil when unset
    /// (`skb_mac_header_was_set` false), which makes such loads fail.
    public var linkLayerHeaderOffset: Int?
    /// Where the network header starts in the packet buffer
    /// (`skb_network_header`), read by `SKF_NET_OFF + n` loads; nil makes
    /// such loads fail.
    public var networkHeaderOffset: Int?

    /// The network device a packet arrived on (`skb->dev`).
    public struct Device: Hashable, Sendable {
        /// `SKF_AD_IFINDEX`: `dev->ifindex`.
        public var index: UInt32
        /// `SKF_AD_HATYPE`: `dev->type`, an `ARPHRD_*` value (1: Ethernet).
        public var hardwareType: UInt16

        /// Makes a device description.
        @inlinable
        public init(index: UInt32, hardwareType: UInt16 = 1) {
            self.index = index
            self.hardwareType = hardwareType
        }
    }

    /// Makes metadata; every field defaults as described on the type.
    /// (Inlinable: `run`'s default argument is built at every call.)
    @inlinable
    public init(networkProtocol: UInt16 = 0, packetType: UInt8 = 0, device: Device? = nil, mark: UInt32 = 0,
                queue: UInt16 = 0, receiveHash: UInt32 = 0, cpu: UInt32 = 0, vlanTag: UInt16 = 0,
                vlanTagPresent: Bool = false, vlanTPID: UInt16 = 0, randomSeed: UInt64 = 0,
                linkLayerHeaderOffset: Int? = 0, networkHeaderOffset: Int? = 14) {
        self.networkProtocol = networkProtocol
        self.packetType = packetType
        self.device = device
        self.mark = mark
        self.queue = queue
        self.receiveHash = receiveHash
        self.cpu = cpu
        self.vlanTag = vlanTag
        self.vlanTagPresent = vlanTagPresent
        self.vlanTPID = vlanTPID
        self.randomSeed = randomSeed
        self.linkLayerHeaderOffset = linkLayerHeaderOffset
        self.networkHeaderOffset = networkHeaderOffset
    }
}
