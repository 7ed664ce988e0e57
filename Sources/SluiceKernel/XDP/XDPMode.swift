import CBPF

/// Where in the driver path an XDP program runs (`XDP_FLAGS_*_MODE`).
public enum XDPMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Let the kernel choose: native if the driver can, otherwise generic
    /// (no mode flag; the chosen mode is reported by `XDPStatus`).
    case automatic
    /// `XDP_FLAGS_DRV_MODE`: in the driver, before an skb exists. An
    /// interface whose driver cannot do it is an error, never a fallback.
    case native
    /// `XDP_FLAGS_SKB_MODE`: after the skb is built; works on every interface.
    case generic
    /// `XDP_FLAGS_HW_MODE`: offloaded to the NIC.
    case offload

    /// The mode flag for `bpf_link_create`/`bpf_xdp_attach`.
    var flags: UInt32 {
        switch self {
        case .automatic: 0
        case .native: UInt32(XDP_FLAGS_DRV_MODE)
        case .generic: UInt32(XDP_FLAGS_SKB_MODE)
        case .offload: UInt32(XDP_FLAGS_HW_MODE)
        }
    }

    /// The name `ip link` uses (`xdpdrv`, `xdpgeneric`, `xdpoffload`) without the prefix.
    public var description: String {
        switch self {
        case .automatic: "auto"
        case .native: "native"
        case .generic: "generic"
        case .offload: "offload"
        }
    }
}

/// How an XDP program is attached.
public enum XDPAttachMethod: String, Sendable, Hashable, CaseIterable {
    /// `bpf_link_create(BPF_XDP)`: owned by an fd (or a pin); gone when the
    /// last one closes, so a crashed loader leaves nothing behind.
    case link
    /// `bpf_xdp_attach` (rtnetlink `IFLA_XDP`): stays until detached.
    case netlink
}
