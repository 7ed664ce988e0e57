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
