import CBPF

/// The kind of program to load (`enum bpf_prog_type`).
public enum BPFProgramType: Sendable, Hashable, CustomStringConvertible {
    /// `BPF_PROG_TYPE_XDP`: runs on each received frame, returns an XDP action.
    case xdp
    /// `BPF_PROG_TYPE_SOCKET_FILTER`: eBPF on a socket (`SO_ATTACH_BPF`).
    case socketFilter
    /// Any other `bpf_prog_type` value.
    case other(UInt32)

    /// The C enum value.
    var cValue: bpf_prog_type {
        switch self {
        case .xdp: BPF_PROG_TYPE_XDP
        case .socketFilter: BPF_PROG_TYPE_SOCKET_FILTER
        case .other(let raw): bpf_prog_type(rawValue: raw)
        }
    }

    /// The type for a kernel value (from `bpf_prog_info.type`).
    init(cValue raw: UInt32) {
        switch raw {
        case BPF_PROG_TYPE_XDP.rawValue: self = .xdp
        case BPF_PROG_TYPE_SOCKET_FILTER.rawValue: self = .socketFilter
        default: self = .other(raw)
        }
    }

    /// The name bpftool prints (`xdp`, `socket_filter`).
    public var description: String {
        switch self {
        case .xdp: "xdp"
        case .socketFilter: "socket_filter"
        case .other(let raw): "type \(raw)"
        }
    }
}

/// The XDP actions a program returns (`enum xdp_action`).
public enum XDPAction: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    /// `XDP_ABORTED`: drop and trace an error.
    case aborted = 0
    /// `XDP_DROP`: drop the frame.
    case drop = 1
    /// `XDP_PASS`: hand the frame to the network stack.
    case pass = 2
    /// `XDP_TX`: bounce it out of the same interface.
    case tx = 3
    /// `XDP_REDIRECT`: send it elsewhere (map-directed).
    case redirect = 4

    /// The C name, e.g. `XDP_PASS`.
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
