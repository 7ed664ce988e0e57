/// The interpreter's own opcode: one case per behaviour, chosen once at
/// load time so the run loop switches on a dense tag instead of decoding
/// `code` bit fields for every packet. Offsets and targets are resolved
/// into `DecodedInstruction`'s fields (see there).
enum Operation: UInt8 {
    // A = packet[k], k a non-negative offset (0 ..< 2^31); stored as k + width.
    case loadWordAbsolute, loadHalfAbsolute, loadByteAbsolute
    // A = packet[X + k] (Linux: a signed 32-bit sum).
    case loadWordIndirect, loadHalfIndirect, loadByteIndirect
    // A = load of `width` bytes at a negative k (SKF_LL_OFF / SKF_NET_OFF windows).
    case loadNegative
    // X = 4 * (packet[k] & 0xf); k non-negative (stored as k + 1), or negative (a window).
    case loadHeaderLength, loadHeaderLengthNegative
    case loadImmediate, loadScratch, loadLength
    case loadXImmediate, loadXScratch, loadXLength
    // A = metadata; k holds the `Ancillary` raw value.
    case loadAncillary
    case store, storeX
    case addK, subK, mulK, divK, modK, andK, orK, xorK, lshK, rshK
    case addX, subX, mulX, divX, modX, andX, orX, xorX, lshX, rshX
    case negate
    // Jumps: targets are absolute instruction indices.
    case jump, jeqK, jgtK, jgeK, jsetK, jeqX, jgtX, jgeX, jsetX
    case returnK, returnA
    case tax, txa
    // Superinstructions: a load and the conditional jump after it, fused at
    // decode time (see Interpreter+Fusion.swift); `k` is the load's (for an
    // absolute load, its end offset k + width), `value` the jump's constant. A still receives the loaded value.
    case jeqWordAbsolute, jeqHalfAbsolute, jeqByteAbsolute, jsetHalfAbsolute, jsetByteAbsolute, jeqHalfIndirect
    // `ldxb 4*([k]&0xf); ldh [x + k2]; jeq #value` (a TCP/UDP port after a
    // variable-length IPv4 header): `k` as for `loadHeaderLength`, `k2` in
    // `offset`. Sets X and A as the three instructions would.
    case jeqHalfAfterHeaderLength
    // End with 0: what an instruction Linux would reject or a fall off the end does.
    case fail
}

/// One pre-decoded instruction (16 bytes).
///
/// - `k`: the operand; for an absolute load (and `loadHeaderLength`) the
///   offset just past the bytes it reads, `k + width`, so that its bounds
///   check is one comparison with the captured length; for `loadAncillary`
///   the `Ancillary` raw value.
/// - `value`: a fused jump's constant.
/// - `offset`: the second load's `k` in a three-instruction fusion.
/// - `jt`, `jf`: absolute jump targets (`jump` uses `jt`); for
///   `loadNegative` `jt` is the load width in bytes.
struct DecodedInstruction {
    var operation: Operation
    var jt: UInt16
    var jf: UInt16
    var offset: UInt16 = 0
    var k: UInt32
    var value: UInt32 = 0

    init(_ operation: Operation, k: UInt32 = 0, jt: UInt16 = 0, jf: UInt16 = 0) {
        self.operation = operation
        self.jt = jt
        self.jf = jf
        self.k = k
    }
}
