import SluiceBytecode
import SluiceVerifier

/// Runs a verified classic BPF program on packets with Linux's semantics
/// (`bpf_prog_run` on a socket filter; see docs/interpreter.md): loads past
/// the captured bytes and division by X == 0 end the program with 0, `ld
/// #len` reads the wire length, `[x + k]` uses Linux's signed 32-bit sum
/// with the `SKF_LL_OFF`/`SKF_NET_OFF` windows, ancillary loads read
/// `PacketMetadata`.
///
/// The program is decoded once, here; `run` allocates nothing and keeps
/// A, X and the scratch words in locals and stack storage.
public struct Interpreter: Sendable {
    /// The program being run.
    public let program: VerifiedProgram
    /// The pre-decoded instructions plus a final `fail` sentinel.
    let code: [DecodedInstruction]
    /// Whether `run` must zero the scratch words first.
    let usesScratch: Bool

    /// The ancillary loads this interpreter can supply: all of Linux's but
    /// `SKF_AD_PAY_OFFSET`, which needs the kernel's flow dissector (a load
    /// of it yields 0, as when the dissector fails). Pass this set as the
    /// verifier's `supportedAncillary` to reject programs that use it.
    public static let supportedAncillary: Set<Ancillary> = Set(Ancillary.allCases).subtracting([.payloadOffset])

    /// Decodes `program` once for fast repeated runs.
    public init(_ program: VerifiedProgram) {
        self.program = program
        code = Interpreter.decode(program.program)
        usesScratch = Interpreter.usesScratch(code)
    }

    /// Runs the program on one packet with the default `PacketMetadata()`
    /// (an Ethernet frame, nothing else known): the return value (0: no
    /// match; in capture use, the number of bytes to keep). The fast path:
    /// no metadata is built or copied per packet.
    ///
    /// - Parameters:
    ///   - packet: the captured bytes, starting at the link-layer header.
    ///   - wireLength: the packet's length on the wire (what `ld #len` reads).
    public func run(packet: UnsafeRawBufferPointer, wireLength: Int) -> UInt32 {
        var observer = NoObserver()
        return execute(packet, wireLength: wireLength, metadata: nil, observer: &observer)
    }

    /// Runs the program on one packet whose ancillary and negative-offset
    /// loads read `metadata` (Linux: the `sk_buff`'s fields).
    public func run(packet: UnsafeRawBufferPointer, wireLength: Int, metadata: PacketMetadata) -> UInt32 {
        var observer = NoObserver()
        return withUnsafePointer(to: metadata) { execute(packet, wireLength: wireLength, metadata: $0, observer: &observer) }
    }

    /// Runs the program on packet bytes; the wire length defaults to their count.
    public func run(packet: [UInt8], wireLength: Int? = nil, metadata: PacketMetadata = PacketMetadata()) -> UInt32 {
        packet.withUnsafeBytes { run(packet: $0, wireLength: wireLength ?? $0.count, metadata: metadata) }
    }
}
