import CBPF

/// The kind of map (`enum bpf_map_type`).
public enum BPFMapType: Sendable, Hashable {
    /// `BPF_MAP_TYPE_ARRAY`.
    case array
    /// `BPF_MAP_TYPE_PERCPU_ARRAY`: one value per CPU, no atomics needed.
    case perCPUArray
    /// `BPF_MAP_TYPE_HASH`.
    case hash
    /// `BPF_MAP_TYPE_RINGBUF`: a ring buffer read through mmap.
    case ringBuffer
    /// Any other `bpf_map_type`.
    case other(UInt32)

    var cValue: bpf_map_type {
        switch self {
        case .array: BPF_MAP_TYPE_ARRAY
        case .perCPUArray: BPF_MAP_TYPE_PERCPU_ARRAY
        case .hash: BPF_MAP_TYPE_HASH
        case .ringBuffer: BPF_MAP_TYPE_RINGBUF
        case .other(let raw): bpf_map_type(rawValue: raw)
        }
    }

    init(cValue raw: UInt32) {
        switch raw {
        case BPF_MAP_TYPE_ARRAY.rawValue: self = .array
        case BPF_MAP_TYPE_PERCPU_ARRAY.rawValue: self = .perCPUArray
        case BPF_MAP_TYPE_HASH.rawValue: self = .hash
        case BPF_MAP_TYPE_RINGBUF.rawValue: self = .ringBuffer
        default: self = .other(raw)
        }
    }

    /// True for maps that keep one value per possible CPU.
    public var isPerCPU: Bool { self == .perCPUArray }
}
