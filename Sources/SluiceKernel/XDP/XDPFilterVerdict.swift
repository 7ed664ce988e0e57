/// How a filter program says "match" in `r0` when it exits.
public enum XDPFilterVerdict: Sendable, Hashable {
    /// An XDP program: `XDP_PASS` means match, anything else no match.
    case xdpPass
    /// A cBPF-style verdict: nonzero means match.
    case nonzero

    /// True when a test run's return value means match.
    public func matches(_ returnValue: UInt32) -> Bool {
        switch self {
        case .xdpPass: returnValue == XDPAction.pass.rawValue
        case .nonzero: returnValue != 0
        }
    }
}
