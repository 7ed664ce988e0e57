import SluiceBytecode

/// A point in one run where Linux's semantics (which the interpreter
/// follows) and libpcap's `bpf_filter` part ways on this packet: up to the
/// first such point both compute the same A, X and scratch; at it, libpcap
/// would have done what `kind` says instead. Found by
/// `Interpreter.runRecordingDivergences`.
public struct LibpcapDivergence: Hashable, Sendable, CustomStringConvertible {
    /// What Linux did that libpcap does not.
    public enum Kind: Hashable, Sendable {
        /// `ld [x + k]` whose 32-bit sum `x + k` wrapped past 2^32 and still
        /// addressed a captured byte (as a signed offset, Linux's way);
        /// libpcap treats the wrap as out of bounds and returns 0.
        case indirectOffsetWrapped(x: UInt32, k: UInt32)
        /// A load at a negative offset (`SKF_LL_OFF + n`, `SKF_NET_OFF + n`)
        /// that Linux served from the link-layer or network header; libpcap
        /// knows no such windows and returns 0.
        case negativeOffset(Int32)
        /// An `SKF_AD_*` ancillary load: Linux reads packet metadata;
        /// libpcap's `bpf_filter` has none and returns 0.
        case ancillaryLoad(Ancillary)
        /// `lsh x` / `rsh x` with X ≥ 32 and a nonzero result: Linux shifts
        /// by X mod 32, libpcap sets A to 0 and goes on.
        case shiftByLargeX(x: UInt32)
    }

    /// The index of the instruction where the runs part.
    public var instructionIndex: Int
    /// What happened there.
    public var kind: Kind

    /// Whether libpcap's `bpf_filter` stops with 0 at this point (every
    /// kind but a shift, after which it goes on with A = 0).
    public var libpcapReturnsZero: Bool {
        if case .shiftByLargeX = kind { return false }
        return true
    }

    public var description: String {
        switch kind {
        case .indirectOffsetWrapped(let x, let k):
            "instruction \(instructionIndex): x + k wraps (x = \(x), k = \(k)); libpcap returns 0, Linux loads at offset \(Int32(bitPattern: x &+ k))"
        case .negativeOffset(let offset):
            "instruction \(instructionIndex): negative offset \(offset) served from a header window; libpcap returns 0"
        case .ancillaryLoad(let ancillary):
            "instruction \(instructionIndex): ancillary load \(ancillary); libpcap returns 0"
        case .shiftByLargeX(let x):
            "instruction \(instructionIndex): shift by x = \(x); libpcap sets A = 0, Linux shifts by \(x & 31)"
        }
    }
}

/// Receives divergences from the run loop. The loop is generic over it so
/// the plain `run` (with `NoObserver`) compiles to code without the checks.
protocol DivergenceObserver {
    /// False for the observer that ignores everything: lets the specialised
    /// loop drop the checks entirely.
    static var isActive: Bool { get }
    mutating func record(_ divergence: LibpcapDivergence)
}

/// The observer of plain runs: records nothing, costs nothing.
struct NoObserver: DivergenceObserver {
    static var isActive: Bool { false }
    #if DEBUG
    /// Never read; debug builds only. It makes the type non-empty: Swift
    /// gives a local of an empty type no storage (its address is LLVM
    /// `undef`), and under `-sanitize=thread` each `&observer` in the
    /// unspecialised generic run loop passes that garbage address to
    /// `__tsan_external_write`, which then faults in `__tsan::MemoryAccess`.
    /// Release builds specialise the loop, emit no such call, and keep the
    /// type empty so `run` passes no observer at all.
    private var unused: UInt8 = 0
    #endif
    func record(_ divergence: LibpcapDivergence) {}
}

/// Collects every divergence of a run, in execution order.
struct DivergenceRecorder: DivergenceObserver {
    static var isActive: Bool { true }
    var divergences: [LibpcapDivergence] = []
    mutating func record(_ divergence: LibpcapDivergence) { divergences.append(divergence) }
}

extension Interpreter {
    /// Runs the program like `run` and also reports every point where
    /// libpcap's `bpf_filter` would have behaved differently, in execution
    /// order. An empty list means libpcap returns the same value; otherwise
    /// the first entry is where the two part. Slower than `run`: for
    /// differential tests and explanations, not for traffic.
    public func runRecordingDivergences(packet: [UInt8], wireLength: Int? = nil,
                                        metadata: PacketMetadata = PacketMetadata())
        -> (result: UInt32, divergences: [LibpcapDivergence]) {
        var recorder = DivergenceRecorder()
        let result = packet.withUnsafeBytes { bytes in
            withUnsafePointer(to: metadata) { execute(bytes, wireLength: wireLength ?? bytes.count, metadata: $0, observer: &recorder) }
        }
        return (result, recorder.divergences)
    }
}
