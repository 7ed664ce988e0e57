/// How `FilterCompiler.compile` builds a program (pcap_compile's arguments).
public struct CompileOptions: Sendable, Hashable {
    /// Run the cBPF optimizer (`-O0` turns it off, like tcpdump's `-O`).
    public var optimize: Bool
    /// The value returned on a match: the number of bytes to keep (libpcap's
    /// snaplen, 262144 by default).
    public var snapLength: UInt32
    /// The network mask for `ip broadcast` (nil: unknown, and `ip broadcast`
    /// is an error, as with PCAP_NETMASK_UNKNOWN).
    public var netmask: UInt32?

    /// Options with libpcap's defaults.
    public init(optimize: Bool = true, snapLength: UInt32 = 262_144, netmask: UInt32? = nil) {
        self.optimize = optimize
        self.snapLength = snapLength
        self.netmask = netmask
    }
}
