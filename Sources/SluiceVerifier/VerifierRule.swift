/// The rules a classic BPF program must keep, one case per reason Linux's
/// classic checker (`bpf_check_classic` and `check_load_and_stores` in
/// `net/core/filter.c`) or its conversion to eBPF (`bpf_convert_filter`)
/// turns a program away with `EINVAL`, plus the engine's own ancillary limit.
public enum VerifierRule: String, Sendable, CaseIterable, Hashable {
    /// The program has no instruction (`bpf_check_basics_ok`: `flen == 0`).
    case emptyProgram = "empty-program"
    /// More than 4096 instructions (`BPF_MAXINSNS`).
    case programTooLong = "program-too-long"
    /// The opcode is not one of those `chk_code_allowed` lists.
    case invalidOpcode = "invalid-opcode"
    /// `div #0` or `mod #0`: division by the constant zero.
    case divisionByZero = "division-by-zero"
    /// `lsh #k` or `rsh #k` with `k >= 32`.
    case shiftOutOfRange = "shift-out-of-range"
    /// `ld M[k]`, `ldx M[k]`, `st M[k]` or `stx M[k]` with `k >= 16` (`BPF_MEMWORDS`).
    case scratchIndexOutOfRange = "scratch-index-out-of-range"
    /// A jump whose target lies at or past the end of the program.
    case jumpOutOfRange = "jump-out-of-range"
    /// An absolute load at `SKF_AD_OFF` or above that is not one of Linux's
    /// ancillary loads (`bpf_anc_helper`).
    case unknownAncillary = "unknown-ancillary"
    /// An ancillary load Linux knows but this engine cannot supply
    /// (`VerifierOptions.supportedAncillary`).
    case unsupportedAncillary = "unsupported-ancillary"
    /// The last instruction is not `ret #k` or `ret a`.
    case missingReturn = "missing-return"
    /// A scratch word may be read before it was written on some path
    /// (`check_load_and_stores`).
    case scratchReadBeforeWrite = "scratch-read-before-write"
    /// A jump that Linux cannot express once it rewrites the program to eBPF:
    /// the eBPF jump offset, a signed 16-bit number, would overflow
    /// (`bpf_convert_filter`, `BPF_EMIT_JMP`).
    case jumpTooFarAfterTranslation = "jump-too-far-after-translation"

    /// A short human name for the rule.
    public var summary: String {
        switch self {
        case .emptyProgram: "the program is empty"
        case .programTooLong: "the program is longer than 4096 instructions"
        case .invalidOpcode: "the opcode is not a classic BPF instruction Linux accepts"
        case .divisionByZero: "division by the constant zero"
        case .shiftOutOfRange: "shift by a constant of 32 or more"
        case .scratchIndexOutOfRange: "scratch index out of range (M[0]...M[15])"
        case .jumpOutOfRange: "jump target out of range"
        case .unknownAncillary: "unknown ancillary load"
        case .unsupportedAncillary: "ancillary load not supported by this engine"
        case .missingReturn: "the last instruction is not a return"
        case .scratchReadBeforeWrite: "scratch word read before it is written"
        case .jumpTooFarAfterTranslation: "jump too far once Linux translates the program to eBPF"
        }
    }
}
