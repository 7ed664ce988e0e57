import SluiceBytecode

/// The run loop. One `switch` on the pre-decoded operation per
/// instruction; A, X and the program counter are locals, the 16 scratch
/// words live in stack storage, and packet loads are unchecked big-endian
/// reads after one bounds check. Generic over the observer so the plain
/// `run` specialises to a loop with no divergence bookkeeping.
extension Interpreter {
    @inline(__always)
    func execute<Observer: DivergenceObserver>(_ packet: UnsafeRawBufferPointer, wireLength: Int,
                                               metadata: PacketMetadata, observer: inout Observer) -> UInt32 {
        code.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { scratch in
                if usesScratch { scratch.initialize(repeating: 0) }
                return PacketBytes.with(packet) { bytes in
                    Interpreter.loop(code, bytes, UInt32(truncatingIfNeeded: wireLength), metadata, scratch, &observer)
                }
            }
        }
    }

    // The switch is long by nature: one case per operation.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private static func loop<Observer: DivergenceObserver>(
        _ code: UnsafeBufferPointer<DecodedInstruction>, _ packet: PacketBytes, _ wireLength: UInt32,
        _ metadata: PacketMetadata, _ scratch: UnsafeMutableBufferPointer<UInt32>, _ observer: inout Observer
    ) -> UInt32 {
        var a: UInt32 = 0
        var x: UInt32 = 0
        var pc = 0
        var random = RandomNumbers(seed: metadata.randomSeed)
        let length = packet.count
        while true {
            let instruction = code[pc]
            let k = instruction.k
            switch instruction.operation {
            case .loadWordAbsolute:
                guard let value = load(packet, at: Int(k), width: 4) else { return 0 }
                a = value
            case .loadHalfAbsolute:
                guard let value = load(packet, at: Int(k), width: 2) else { return 0 }
                a = value
            case .loadByteAbsolute:
                guard Int(k) < length else { return 0 }
                a = UInt32(packet[Int(k)])
            case .loadWordIndirect:
                guard let value = loadIndirect(packet, x: x, k: k, width: 4, metadata, pc, &observer) else { return 0 }
                a = value
            case .loadHalfIndirect:
                guard let value = loadIndirect(packet, x: x, k: k, width: 2, metadata, pc, &observer) else { return 0 }
                a = value
            case .loadByteIndirect:
                guard let value = loadIndirect(packet, x: x, k: k, width: 1, metadata, pc, &observer) else { return 0 }
                a = value
            case .loadNegative:
                guard let value = loadNegative(packet, at: Int32(bitPattern: k), width: Int(instruction.jt), metadata, pc, &observer)
                else { return 0 }
                a = value
            case .loadHeaderLength:
                guard Int(k) < length else { return 0 }
                x = UInt32(packet[Int(k)] & 0xf) &<< 2
            case .loadHeaderLengthNegative:
                guard let value = loadNegative(packet, at: Int32(bitPattern: k), width: 1, metadata, pc, &observer)
                else { return 0 }
                x = (value & 0xf) &<< 2
            case .loadImmediate: a = k
            case .loadScratch: a = scratch[Int(k)]
            case .loadLength: a = wireLength
            case .loadXImmediate: x = k
            case .loadXScratch: x = scratch[Int(k)]
            case .loadXLength: x = wireLength
            case .loadAncillary:
                switch ancillary(k, a: a, x: x, packet.buffer, metadata, &random, pc, &observer) {
                case .value(let value): a = value
                case .exit(let value): return value
                }
            case .store: scratch[Int(k)] = a
            case .storeX: scratch[Int(k)] = x
            case .addK: a &+= k
            case .subK: a &-= k
            case .mulK: a &*= k
            case .divK: a /= k
            case .modK: a %= k
            case .andK: a &= k
            case .orK: a |= k
            case .xorK: a ^= k
            case .lshK: a = a &<< k
            case .rshK: a = a &>> k
            case .addX: a &+= x
            case .subX: a &-= x
            case .mulX: a &*= x
            case .divX:
                guard x != 0 else { return 0 }
                a /= x
            case .modX:
                guard x != 0 else { return 0 }
                a %= x
            case .andX: a &= x
            case .orX: a |= x
            case .xorX: a ^= x
            case .lshX:
                // Linux (JIT and interpreter) shifts by X mod 32.
                a = a &<< x
                if Observer.isActive, x >= 32, a != 0 { observer.record(LibpcapDivergence(instructionIndex: pc, kind: .shiftByLargeX(x: x))) }
            case .rshX:
                a = a &>> x
                if Observer.isActive, x >= 32, a != 0 { observer.record(LibpcapDivergence(instructionIndex: pc, kind: .shiftByLargeX(x: x))) }
            case .negate: a = 0 &- a
            case .jump:
                pc = Int(instruction.jt)
                continue
            case .jeqK:
                pc = Int(a == k ? instruction.jt : instruction.jf)
                continue
            case .jgtK:
                pc = Int(a > k ? instruction.jt : instruction.jf)
                continue
            case .jgeK:
                pc = Int(a >= k ? instruction.jt : instruction.jf)
                continue
            case .jsetK:
                pc = Int(a & k != 0 ? instruction.jt : instruction.jf)
                continue
            case .jeqX:
                pc = Int(a == x ? instruction.jt : instruction.jf)
                continue
            case .jgtX:
                pc = Int(a > x ? instruction.jt : instruction.jf)
                continue
            case .jgeX:
                pc = Int(a >= x ? instruction.jt : instruction.jf)
                continue
            case .jsetX:
                pc = Int(a & x != 0 ? instruction.jt : instruction.jf)
                continue
            case .jeqWordAbsolute:
                guard let value = load(packet, at: Int(k), width: 4) else { return 0 }
                a = value
                pc = Int(a == instruction.value ? instruction.jt : instruction.jf)
                continue
            case .jeqHalfAbsolute:
                guard let value = load(packet, at: Int(k), width: 2) else { return 0 }
                a = value
                pc = Int(a == instruction.value ? instruction.jt : instruction.jf)
                continue
            case .jeqByteAbsolute:
                guard Int(k) < length else { return 0 }
                a = UInt32(packet[Int(k)])
                pc = Int(a == instruction.value ? instruction.jt : instruction.jf)
                continue
            case .jsetHalfAbsolute:
                guard let value = load(packet, at: Int(k), width: 2) else { return 0 }
                a = value
                pc = Int(a & instruction.value != 0 ? instruction.jt : instruction.jf)
                continue
            case .jsetByteAbsolute:
                guard Int(k) < length else { return 0 }
                a = UInt32(packet[Int(k)])
                pc = Int(a & instruction.value != 0 ? instruction.jt : instruction.jf)
                continue
            case .jeqHalfIndirect:
                guard let value = loadIndirect(packet, x: x, k: k, width: 2, metadata, pc, &observer) else { return 0 }
                a = value
                pc = Int(a == instruction.value ? instruction.jt : instruction.jf)
                continue
            case .returnK: return k
            case .returnA: return a
            case .tax: x = a
            case .txa: a = x
            case .fail: return 0
            }
            pc &+= 1
        }
    }

    /// A big-endian load of `width` (1, 2 or 4) bytes at a non-negative
    /// `offset`, or nil when it does not lie inside the captured bytes.
    @inline(__always)
    static func load(_ packet: PacketBytes, at offset: Int, width: Int) -> UInt32? {
        guard offset <= packet.count &- width else { return nil }  // callers pass offset >= 0
        switch width {
        case 4: return UInt32(bigEndian: packet.base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        case 2: return UInt32(UInt16(bigEndian: packet.base.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
        default: return UInt32(packet[offset])
        }
    }

    /// `ld [x + k]` as Linux computes it: the 32-bit sum read as a signed
    /// offset; a negative one goes to the header windows.
    @inline(__always)
    static func loadIndirect<Observer: DivergenceObserver>(
        _ packet: PacketBytes, x: UInt32, k: UInt32, width: Int,
        _ metadata: PacketMetadata, _ index: Int, _ observer: inout Observer
    ) -> UInt32? {
        let (sum, wrapped) = x.addingReportingOverflow(k)
        let offset = Int32(bitPattern: sum)
        guard offset >= 0 else { return loadNegative(packet, at: offset, width: width, metadata, index, &observer, wrapped: wrapped ? (x, k) : nil) }
        let value = load(packet, at: Int(offset), width: width)
        if Observer.isActive, wrapped, value != nil {
            observer.record(LibpcapDivergence(instructionIndex: index, kind: .indirectOffsetWrapped(x: x, k: k)))
        }
        return value
    }
}
