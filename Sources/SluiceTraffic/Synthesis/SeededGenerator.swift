/// SplitMix64 (Steele, Lea, Flood 2014): a tiny generator whose output
/// depends only on the seed, so a seed names one capture on every machine
/// and Swift version (the standard library's `random(in:)` algorithms are
/// not promised to stay the same, so the helpers below avoid them).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Makes a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A number in `range` (the modulo bias is irrelevant for traffic shapes).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    /// One element of a non-empty array.
    mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }

    /// `count` random bytes (ciphertext stand-in).
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }

    /// A random 32-bit value.
    mutating func word() -> UInt32 { UInt32(truncatingIfNeeded: next()) }

    /// An ephemeral port in Linux's default range (32768...60999).
    mutating func ephemeralPort() -> UInt16 { UInt16(int(32768...60999)) }
}
