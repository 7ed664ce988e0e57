import CBPF

/// What the kernel reports about a loaded program (`struct bpf_prog_info`,
/// as `bpftool prog show` prints it).
public struct BPFProgramInfo: Sendable, Hashable {
    /// The kernel's id for it (global, stable while loaded).
    public var id: UInt32
    /// Its type.
    public var type: BPFProgramType
    /// The name given at load.
    public var name: String
    /// The 8-byte tag (hash of the instructions), as bpftool prints it, in hex.
    public var tag: String
    /// `verified_insns`: how many instructions the verifier processed.
    public var verifiedInstructions: UInt32
    /// Size of the kernel's rewritten program, in bytes.
    public var translatedBytes: UInt32
    /// Size of the JIT-compiled machine code, in bytes.
    public var jitedBytes: UInt32
    /// The ids of the maps it uses.
    public var mapIDs: [UInt32]
    /// Cumulative run time and count (only with `kernel.bpf_stats_enabled`).
    public var runTimeNanoseconds: UInt64
    /// How many times it ran (only with `kernel.bpf_stats_enabled`).
    public var runCount: UInt64

    init(_ info: bpf_prog_info, mapIDs: [UInt32]) {
        id = info.id
        type = BPFProgramType(cValue: info.type)
        name = cString(info.name)
        tag = withUnsafeBytes(of: info.tag) { $0.map { String($0, radix: 16).leftPadded(to: 2) }.joined() }
        verifiedInstructions = info.verified_insns
        translatedBytes = info.xlated_prog_len
        jitedBytes = info.jited_prog_len
        self.mapIDs = mapIDs
        runTimeNanoseconds = info.run_time_ns
        runCount = info.run_cnt
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
