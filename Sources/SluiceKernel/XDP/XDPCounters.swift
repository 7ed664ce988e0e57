/// How many frames a Sluice XDP filter passed and dropped, summed over CPUs
/// (its per-CPU array map `sluice_counts`: key 0 passed, key 1 dropped).
public struct XDPCounters: Sendable, Hashable, CustomStringConvertible {
    /// Frames the filter returned `XDP_PASS` for.
    public var passed: UInt64
    /// Frames the filter returned `XDP_DROP` for.
    public var dropped: UInt64

    /// Makes counters from the two totals.
    public init(passed: UInt64, dropped: UInt64) {
        self.passed = passed
        self.dropped = dropped
    }

    /// The name of the counters map in every program `CountingXDPProgram` loads.
    public static let mapName = "sluice_counts"
    /// Map keys.
    static let passedKey: UInt32 = 0, droppedKey: UInt32 = 1

    /// Reads the totals from a counters map.
    public static func read(from map: BPFMap) throws(KernelError) -> XDPCounters {
        XDPCounters(passed: try total(map, passedKey), dropped: try total(map, droppedKey))
    }

    /// Finds the counters map among a program's maps and reads it; nil when
    /// the program has none (it was not loaded by Sluice).
    static func read(from info: BPFProgramInfo) throws(KernelError) -> XDPCounters? {
        for id in info.mapIDs {
            guard let map = try? BPFMap.withID(id) else { continue }
            if try map.name() == mapName, map.type == .perCPUArray { return try read(from: map) }
        }
        return nil
    }

    private static func total(_ map: BPFMap, _ key: UInt32) throws(KernelError) -> UInt64 {
        let perCPU = try map.lookupPerCPU(key: key.littleEndianBytes) ?? []
        return perCPU.reduce(0) { sum, bytes in
            sum &+ bytes.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
    }

    /// `passed N dropped M`.
    public var description: String { "passed \(passed) dropped \(dropped)" }
}

extension UInt32 {
    /// The four bytes of the value, little-endian (a map key as the kernel reads it).
    var littleEndianBytes: [UInt8] { withUnsafeBytes(of: littleEndian) { Array($0) } }
}
