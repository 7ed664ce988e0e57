/// The addressing plan of the synthetic capture: one LAN (10.0.0.0/24,
/// 2001:db8:1::/64) behind a gateway, servers on documentation prefixes
/// (RFC 5737, RFC 3849) outside it.
struct SyntheticNetwork {
    /// The LAN's router.
    let gateway = NetworkHost(mac: .local(1), ipv4: IPv4Address(10, 0, 0, 1),
                              ipv6: IPv6Address(prefix: [0x2001, 0xdb8, 1], suffix: [1]))

    /// LAN host `10.0.0.n` (also `2001:db8:1::n`), MAC `02:00:0a:00:00:nn`.
    func lan(_ n: UInt8) -> NetworkHost {
        NetworkHost(mac: .local(0x0a00_0000 | UInt32(n)), ipv4: IPv4Address(10, 0, 0, n),
                    ipv6: IPv6Address(prefix: [0x2001, 0xdb8, 1], suffix: [UInt16(n)]))
    }

    /// The link-local (fe80::n) identity of LAN host `n`, for neighbour discovery.
    func linkLocal(_ n: UInt8) -> NetworkHost {
        var host = lan(n)
        host.ipv6 = IPv6Address(prefix: [0xfe80], suffix: [UInt16(n)])
        return host
    }

    /// A host beyond the gateway: frames to it go to the gateway's MAC.
    func remote(_ ipv4: IPv4Address, v6Suffix: UInt16) -> NetworkHost {
        NetworkHost(mac: gateway.mac, ipv4: ipv4, ipv6: IPv6Address(prefix: [0x2001, 0xdb8, 0xffff], suffix: [v6Suffix]))
    }

    /// A multicast or broadcast destination for IPv6 `group`.
    func multicast(_ group: IPv6Address) -> NetworkHost {
        NetworkHost(mac: .multicast(for: group), ipv4: IPv4Address(0), ipv6: group)
    }

    /// The Ethernet broadcast pseudo-host.
    var broadcast: NetworkHost {
        NetworkHost(mac: .broadcast, ipv4: IPv4Address(255, 255, 255, 255), ipv6: .allNodes)
    }

    /// The LAN's services.
    var sshServer: NetworkHost { lan(22) }
    var resolver: NetworkHost { lan(53) }
    var webServer: NetworkHost { lan(80) }
    var timeServer: NetworkHost { lan(123) }
    /// The VXLAN/Geneve tunnel endpoints.
    var tunnelEndpoints: (NetworkHost, NetworkHost) { (lan(201), lan(202)) }
    /// The range clients are drawn from.
    static let clients: ClosedRange<Int> = 100...160
}
