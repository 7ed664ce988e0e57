/// The passes of `Optimizer`, which can be switched on one at a time (to
/// test them alone, or to see what each one buys).
public struct OptimizerPasses: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32

    /// Makes a set of passes from its bits.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Constant folding and propagation of A and X (`ld #k`, `tax`, ALU on
    /// known values, `op x` with a known X becomes `op #k`, `ld [x + k]`
    /// with a known X becomes `ld [k]`, `ret a` of a known A becomes `ret #k`).
    public static let constantFolding = OptimizerPasses(rawValue: 1 << 0)
    /// Drops a load, store or transfer whose value is already in place on
    /// every path (libpcap's value numbering does the same).
    public static let redundantLoads = OptimizerPasses(rawValue: 1 << 1)
    /// Decides a test whose outcome earlier tests of the same value imply
    /// on every path to it (after `jeq #0x800` is true, another `jeq #0x800`
    /// of the same field is true and `jeq #0x86dd` is false).
    public static let redundantTests = OptimizerPasses(rawValue: 1 << 2)
    /// Sends an edge straight past a block whose outcome is known on that
    /// edge (libpcap's `opt_j` does this with edge dominators).
    public static let jumpThreading = OptimizerPasses(rawValue: 1 << 3)
    /// Removes steps whose results are never read and that cannot end the program.
    public static let deadCode = OptimizerPasses(rawValue: 1 << 4)
    /// Merges identical blocks (so every `ret #0` is one), shortens jumps to
    /// jumps, turns a branch with equal targets into a jump, copies a
    /// return into the jumps to it, and drops unreachable blocks.
    public static let blockMerging = OptimizerPasses(rawValue: 1 << 5)

    /// Folds a test of a packet field and a test of a nearby field made
    /// only when the first held into one masked test of a 32-bit word, where
    /// that changes no result (libpcap folds DECnet address tests this way).
    public static let testFusion = OptimizerPasses(rawValue: 1 << 6)

    /// Every pass.
    public static let all: OptimizerPasses = [
        .constantFolding, .redundantLoads, .redundantTests, .jumpThreading, .deadCode, .blockMerging, .testFusion,
    ]

    /// The passes that run in the forward value-numbering sweep.
    static let forward: OptimizerPasses = [.constantFolding, .redundantLoads, .redundantTests, .jumpThreading]
}
