import SluiceBytecode

/// What the engine that will run the program can do, and which of Linux's
/// limits to enforce.
public struct VerifierOptions: Hashable, Sendable {
    /// The ancillary loads (`SKF_AD_*`) the engine can supply. A load of one
    /// Linux knows but that is not in this set is rejected with
    /// `VerifierRule.unsupportedAncillary`. Default: every one Linux accepts.
    public var supportedAncillary: Set<Ancillary>

    /// Reject jumps that overflow when Linux rewrites the program to eBPF
    /// (`VerifierRule.jumpTooFarAfterTranslation`). Default true, so that the
    /// verdict is the kernel's; an engine that never hands the program to the
    /// kernel may turn it off.
    public var enforcesKernelTranslationLimits: Bool

    /// Makes options; the defaults accept exactly what Linux 6.18 accepts.
    public init(supportedAncillary: Set<Ancillary> = Set(Ancillary.allCases),
                enforcesKernelTranslationLimits: Bool = true) {
        self.supportedAncillary = supportedAncillary
        self.enforcesKernelTranslationLimits = enforcesKernelTranslationLimits
    }
}
