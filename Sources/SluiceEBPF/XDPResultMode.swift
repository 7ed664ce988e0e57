/// How a generated XDP program turns the filter's 32-bit result (0: no
/// match) into its return value.
public enum XDPResultMode: Hashable, Sendable {
    /// What an XDP program tells the driver to do with a packet
    /// (`enum xdp_action` in `linux/bpf.h`). Nested so it does not clash
    /// with `SluiceKernel.Action`, which has the same raw values.
    public enum Action: UInt32, Sendable, CaseIterable, CustomStringConvertible {
        /// `XDP_ABORTED` (0), `XDP_DROP` (1), `XDP_PASS` (2), `XDP_TX` (3), `XDP_REDIRECT` (4).
        case aborted = 0, drop = 1, pass = 2, tx = 3, redirect = 4

        /// The kernel's name (`XDP_PASS`).
        public var description: String {
            switch self {
            case .aborted: "XDP_ABORTED"
            case .drop: "XDP_DROP"
            case .pass: "XDP_PASS"
            case .tx: "XDP_TX"
            case .redirect: "XDP_REDIRECT"
            }
        }
    }

    /// A match returns `onMatch`, a miss returns `onMiss` (for attaching).
    case verdict(onMatch: Action, onMiss: Action)
    /// The filter's result itself (cBPF `ret` value). The kernel loads it,
    /// but a driver treats values above `XDP_REDIRECT` as `XDP_ABORTED`:
    /// only for `BPF_PROG_TEST_RUN`, where the retval is compared exactly.
    case raw

    /// `sluice xdp run`'s mode: a match returns `XDP_PASS` (2), a miss
    /// `XDP_DROP` (1), so a test run's retval is the verdict.
    public static let report = XDPResultMode.verdict(onMatch: .pass, onMiss: .drop)

    /// Whether a program in this mode that returned `returnValue` matched.
    public func matched(returnValue: UInt32) -> Bool {
        switch self {
        case .verdict(let onMatch, _): returnValue == onMatch.rawValue
        case .raw: returnValue != 0
        }
    }

    /// The return value for the filter result `result`.
    public func returnValue(forResult result: UInt32) -> UInt32 {
        switch self {
        case .verdict(let onMatch, let onMiss): (result != 0 ? onMatch : onMiss).rawValue
        case .raw: result
        }
    }
}
