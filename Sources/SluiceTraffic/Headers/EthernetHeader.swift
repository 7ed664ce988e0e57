/// An Ethernet II header with optional 802.1Q / 802.1ad tags (Linux
/// `struct ethhdr` and `struct vlan_hdr`). The EtherType comes from the
/// payload it carries.
public struct EthernetHeader: Hashable, Sendable {
    /// Where the frame goes.
    public var destination: MACAddress
    /// Who sent it.
    public var source: MACAddress
    /// VLAN tags, outermost first (`ETH_P_8021AD` then `ETH_P_8021Q` for QinQ).
    public var vlanTags: [VLANTag]

    /// Makes a header; no VLAN tags unless given.
    public init(destination: MACAddress, source: MACAddress, vlanTags: [VLANTag] = []) {
        self.destination = destination
        self.source = source
        self.vlanTags = vlanTags
    }

    /// The header bytes ending with `etherType`.
    public func encoded(etherType: UInt16) -> [UInt8] {
        var bytes = destination.bytes + source.bytes
        for tag in vlanTags {
            bytes.appendBigEndian(tag.protocolIdentifier)
            bytes.appendBigEndian(tag.controlInformation)
        }
        bytes.appendBigEndian(etherType)
        return bytes
    }
}

/// One 802.1Q tag: TPID and TCI (priority, drop eligibility, VLAN id).
public struct VLANTag: Hashable, Sendable {
    /// `ETH_P_8021Q` (0x8100), the usual customer tag.
    public static let customerTPID: UInt16 = 0x8100
    /// `ETH_P_8021AD` (0x88a8), the outer service tag of QinQ.
    public static let serviceTPID: UInt16 = 0x88a8

    /// The tag protocol identifier.
    public var protocolIdentifier: UInt16
    /// Priority code point (0...7).
    public var priority: UInt8
    /// Drop eligible indicator.
    public var dropEligible: Bool
    /// VLAN identifier (0...4095; 12 bits are kept).
    public var id: UInt16

    /// Makes a tag; a customer (0x8100) tag with priority 0 unless told.
    public init(id: UInt16, priority: UInt8 = 0, dropEligible: Bool = false,
                protocolIdentifier: UInt16 = VLANTag.customerTPID) {
        self.id = id
        self.priority = priority
        self.dropEligible = dropEligible
        self.protocolIdentifier = protocolIdentifier
    }

    /// The 16-bit TCI as sent on the wire.
    public var controlInformation: UInt16 {
        UInt16(priority & 7) << 13 | (dropEligible ? 0x1000 : 0) | (id & 0x0fff)
    }
}

/// EtherTypes used by the builders (Linux `ETH_P_*`).
public enum EtherType {
    /// `ETH_P_IP`.
    public static let ipv4: UInt16 = 0x0800
    /// `ETH_P_ARP`.
    public static let arp: UInt16 = 0x0806
    /// `ETH_P_IPV6`.
    public static let ipv6: UInt16 = 0x86dd
    /// `ETH_P_TEB`: transparent Ethernet bridging (Geneve's inner frames).
    public static let transparentEthernet: UInt16 = 0x6558
}
