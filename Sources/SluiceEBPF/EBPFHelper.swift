/// A kernel helper function called with `call` (`enum bpf_func_id` in
/// `linux/bpf.h`). Only the helpers Sluice emits or commonly meets are named;
/// `init(rawValue:)` keeps any other id.
public struct EBPFHelper: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The helper id (`BPF_FUNC_*`).
    public var rawValue: Int32
    /// Makes a helper reference from its id.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `BPF_FUNC_map_lookup_elem`.
    public static let mapLookupElement = EBPFHelper(rawValue: 1)
    /// `BPF_FUNC_map_update_elem`.
    public static let mapUpdateElement = EBPFHelper(rawValue: 2)
    /// `BPF_FUNC_map_delete_elem`.
    public static let mapDeleteElement = EBPFHelper(rawValue: 3)
    /// `BPF_FUNC_ktime_get_ns`.
    public static let ktimeGetNanoseconds = EBPFHelper(rawValue: 5)
    /// `BPF_FUNC_trace_printk`.
    public static let tracePrintk = EBPFHelper(rawValue: 6)
    /// `BPF_FUNC_get_prandom_u32`.
    public static let randomU32 = EBPFHelper(rawValue: 7)
    /// `BPF_FUNC_get_smp_processor_id`.
    public static let processorID = EBPFHelper(rawValue: 8)
    /// `BPF_FUNC_redirect_map`.
    public static let redirectMap = EBPFHelper(rawValue: 51)
    /// `BPF_FUNC_xdp_adjust_head`.
    public static let xdpAdjustHead = EBPFHelper(rawValue: 44)
    /// `BPF_FUNC_ringbuf_output`.
    public static let ringbufOutput = EBPFHelper(rawValue: 130)
    /// `BPF_FUNC_ringbuf_reserve`.
    public static let ringbufReserve = EBPFHelper(rawValue: 131)
    /// `BPF_FUNC_ringbuf_submit`.
    public static let ringbufSubmit = EBPFHelper(rawValue: 132)
    /// `BPF_FUNC_ringbuf_discard`.
    public static let ringbufDiscard = EBPFHelper(rawValue: 133)
    /// `BPF_FUNC_xdp_load_bytes`.
    public static let xdpLoadBytes = EBPFHelper(rawValue: 189)

    private static let names: [Int32: String] = [
        1: "bpf_map_lookup_elem", 2: "bpf_map_update_elem", 3: "bpf_map_delete_elem",
        5: "bpf_ktime_get_ns", 6: "bpf_trace_printk", 7: "bpf_get_prandom_u32",
        8: "bpf_get_smp_processor_id", 44: "bpf_xdp_adjust_head", 51: "bpf_redirect_map",
        130: "bpf_ringbuf_output", 131: "bpf_ringbuf_reserve", 132: "bpf_ringbuf_submit",
        133: "bpf_ringbuf_discard", 189: "bpf_xdp_load_bytes",
    ]

    /// The C name (`bpf_map_lookup_elem`), or `unknown` for an id not listed.
    public var name: String { Self.names[rawValue] ?? "unknown" }

    /// `name#id`, as bpftool prints a call.
    public var description: String { "\(name)#\(rawValue)" }
}
