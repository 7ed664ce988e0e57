/// What `BPFProgram.load` may be told besides the instructions (the Swift
/// side of `struct bpf_prog_load_opts`); every field has a default.
public struct LoadOptions: Sendable {
    /// The license string; `GPL` unlocks every helper.
    public var license: String = "GPL"
    /// The largest verifier log kept when a load is rejected (bytes).
    /// The kernel keeps the end of a longer log.
    public var rejectionLogSize: Int = 16 << 20
    /// Ask for the per-instruction log (`log_level` 2) on rejection instead of
    /// the branch log (level 1).
    public var verboseRejectionLog: Bool = false
    /// `BPF_F_XDP_HAS_FRAGS`: the program handles multi-buffer frames (lets
    /// test runs use packets longer than one page).
    public var xdpFragments: Bool = false

    /// The defaults.
    public init() {}
}
