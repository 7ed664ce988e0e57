/// Reads structured choices from a fuzz input, front to back; zeros once
/// it runs out, so every input, however short, means something.
public struct FuzzBytes {
    private let data: [UInt8]
    private(set) var position = 0

    /// A reader over `data`.
    public init(_ data: [UInt8]) { self.data = data }

    /// True when every byte has been read.
    public var isExhausted: Bool { position >= data.count }

    /// The bytes not read yet.
    public var rest: [UInt8] { position < data.count ? Array(data[position...]) : [] }

    /// The next byte.
    public mutating func byte() -> UInt8 {
        guard position < data.count else { return 0 }
        defer { position += 1 }
        return data[position]
    }

    /// The next `count` bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in byte() }
    }

    /// The next 4 bytes, little-endian.
    public mutating func word() -> UInt32 {
        bytes(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// A number below `bound` (which must be positive).
    public mutating func below(_ bound: Int) -> Int {
        Int(byte()) % bound
    }

    /// One of `choices`, which must not be empty.
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[below(choices.count)]
    }
}
