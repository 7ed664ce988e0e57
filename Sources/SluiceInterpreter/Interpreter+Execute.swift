import SluiceBytecode

/// The run loop. One `switch` on the pre-decoded operation per
/// instruction; A, X and the program counter are locals, the 16 scratch
/// words live in stack storage, and packet loads are unchecked big-endian
/// reads after one bounds check. Generic over the observer so the plain
/// `run` specialises to a loop with no divergence bookkeeping.
extension Interpreter {
    @inline(__always)
    func execute<Observer: DivergenceObserver>(_ packet: UnsafeRawBufferPointer, wireLength: Int,
                                               metadata: UnsafePointer<PacketMetadata>?, observer: inout Observer) -> UInt32 {
        code.withUnsafeBufferPointer { code in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { scratch in
                if usesScratch { scratch.initialize(repeating: 0) }
                return PacketBytes.with(packet) { bytes in
                    Interpreter.loop(code, bytes, UInt32(truncatingIfNeeded: wireLength), MetadataReference(pointer: metadata), scratch, &observer)
                }
            }
        }
    }

    // The switch is long by nature: one case per operation.
    // Kept out of line: inlined into `run` it saved ~15 instructions per
    // packet but ran the 4,096-instruction load/add/jset/store chain 1.6x
    // slower (timed, same instruction count), so the call stays.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    @inline(never)
    private static func loop<Observer: DivergenceObserver>(
        _ code: UnsafeBufferPointer<DecodedInstruction>, _ packet: PacketBytes, _ wireLength: UInt32,
        _ metadata: MetadataReference, _ scratch: UnsafeMutableBufferPointer<UInt32>, _ observer: inout Observer
    ) -> UInt32 {
        // Never nil: the decoder always appends the `fail` sentinel.
        let base = code.baseAddress.unsafelyUnwrapped
        let memory = scratch.baseAddress.unsafelyUnwrapped
        var a: UInt32 = 0
        var x: UInt32 = 0
        var ip = base
        var random = RandomNumbers()
        // Fields are read inside each case, not all up front: loading the
        // whole instruction before the switch ties up five registers and
        // makes the compiler spill the packet pointer.
        while true {
            switch ip.pointee.operation {
            case .loadWordAbsolute:
                guard let value = packet.word(endingAt: ip.pointee.k) else { return 0 }
                a = value
            case .loadHalfAbsolute:
                guard let value = packet.half(endingAt: ip.pointee.k) else { return 0 }
                a = value
            case .loadByteAbsolute:
                guard let value = packet.byte(endingAt: ip.pointee.k) else { return 0 }
                a = value
            case .loadWordIndirect:
                guard let value = loadIndirect(packet, x: x, k: ip.pointee.k, width: 4, metadata, ip - base, &observer) else { return 0 }
                a = value
            case .loadHalfIndirect:
                guard let value = loadIndirect(packet, x: x, k: ip.pointee.k, width: 2, metadata, ip - base, &observer) else { return 0 }
                a = value
            case .loadByteIndirect:
                guard let value = loadIndirect(packet, x: x, k: ip.pointee.k, width: 1, metadata, ip - base, &observer) else { return 0 }
                a = value
            case .loadNegative:
                guard let value = loadNegative(packet, at: Int32(bitPattern: ip.pointee.k), width: Int(ip.pointee.jt), metadata, ip - base, &observer)
                else { return 0 }
                a = value
            case .loadHeaderLength:
                guard let value = packet.byte(endingAt: ip.pointee.k) else { return 0 }
                x = (value & 0xf) &<< 2
            case .loadHeaderLengthNegative:
                guard let value = headerLengthNegative(packet, at: Int32(bitPattern: ip.pointee.k), metadata, ip - base, &observer)
                else { return 0 }
                x = value
            case .loadImmediate: a = ip.pointee.k
            case .loadScratch: a = memory[Int(ip.pointee.k)]
            case .loadLength: a = wireLength
            case .loadXImmediate: x = ip.pointee.k
            case .loadXScratch: x = memory[Int(ip.pointee.k)]
            case .loadXLength: x = wireLength
            case .loadAncillary:
                switch ancillary(ip.pointee.k, a: a, x: x, packet.buffer, metadata, &random, ip - base, &observer) {
                case .value(let value): a = value
                case .exit(let value): return value
                }
            case .store: memory[Int(ip.pointee.k)] = a
            case .storeX: memory[Int(ip.pointee.k)] = x
            case .addK: a &+= ip.pointee.k
            case .subK: a &-= ip.pointee.k
            case .mulK: a &*= ip.pointee.k
            case .divK: a /= ip.pointee.k
            case .modK: a %= ip.pointee.k
            case .andK: a &= ip.pointee.k
            case .orK: a |= ip.pointee.k
            case .xorK: a ^= ip.pointee.k
            case .lshK: a = a &<< ip.pointee.k
            case .rshK: a = a &>> ip.pointee.k
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
                if Observer.isActive, x >= 32, a != 0 { observer.record(LibpcapDivergence(instructionIndex: ip - base, kind: .shiftByLargeX(x: x))) }
            case .rshX:
                a = a &>> x
                if Observer.isActive, x >= 32, a != 0 { observer.record(LibpcapDivergence(instructionIndex: ip - base, kind: .shiftByLargeX(x: x))) }
            case .negate: a = 0 &- a
            case .jump:
                ip = base + Int(ip.pointee.jt)
                continue
            case .jeqK:
                ip = branch(a == ip.pointee.k, ip, base)
                continue
            case .jgtK:
                ip = branch(a > ip.pointee.k, ip, base)
                continue
            case .jgeK:
                ip = branch(a >= ip.pointee.k, ip, base)
                continue
            case .jsetK:
                ip = branch(a & ip.pointee.k != 0, ip, base)
                continue
            case .jeqX:
                ip = branch(a == x, ip, base)
                continue
            case .jgtX:
                ip = branch(a > x, ip, base)
                continue
            case .jgeX:
                ip = branch(a >= x, ip, base)
                continue
            case .jsetX:
                ip = branch(a & x != 0, ip, base)
                continue
            case .jeqWordAbsolute:
                guard let value = packet.word(endingAt: ip.pointee.k) else { return 0 }
                a = value
                ip = branch(a == ip.pointee.value, ip, base)
                continue
            case .jeqHalfAbsolute:
                guard let value = packet.half(endingAt: ip.pointee.k) else { return 0 }
                a = value
                ip = branch(a == ip.pointee.value, ip, base)
                continue
            case .jeqByteAbsolute:
                guard let value = packet.byte(endingAt: ip.pointee.k) else { return 0 }
                a = value
                ip = branch(a == ip.pointee.value, ip, base)
                continue
            case .jsetHalfAbsolute:
                guard let value = packet.half(endingAt: ip.pointee.k) else { return 0 }
                a = value
                ip = branch(a & ip.pointee.value != 0, ip, base)
                continue
            case .jsetByteAbsolute:
                guard let value = packet.byte(endingAt: ip.pointee.k) else { return 0 }
                a = value
                ip = branch(a & ip.pointee.value != 0, ip, base)
                continue
            case .jeqHalfIndirect:
                guard let value = loadIndirect(packet, x: x, k: ip.pointee.k, width: 2, metadata, ip - base, &observer) else { return 0 }
                a = value
                ip = branch(a == ip.pointee.value, ip, base)
                continue
            case .jeqHalfAfterHeaderLength:
                guard let header = packet.byte(endingAt: ip.pointee.k) else { return 0 }
                x = (header & 0xf) &<< 2
                guard let value = load(packet, at: Int(x) &+ Int(ip.pointee.offset), width: 2) else { return 0 }
                a = value
                ip = branch(a == ip.pointee.value, ip, base)
                continue
            case .returnK: return ip.pointee.k
            case .returnA: return a
            case .tax: x = a
            case .txa: a = x
            case .fail: return 0
            }
            ip += 1
        }
    }

    /// The instruction a conditional jump goes to.
    @inline(__always)
    private static func branch(_ taken: Bool, _ ip: UnsafePointer<DecodedInstruction>,
                               _ base: UnsafePointer<DecodedInstruction>) -> UnsafePointer<DecodedInstruction> {
        if _fastPath(taken) { return base + Int(ip.pointee.jt) }
        return base + Int(ip.pointee.jf)
    }

    /// A big-endian load of `width` (1, 2 or 4) bytes at a non-negative
    /// `offset`, or nil when it does not lie inside the captured bytes.
    @inline(__always)
    static func load(_ packet: PacketBytes, at offset: Int, width: Int) -> UInt32? {
        // Callers pass 0 <= offset < 2^31, so the sum cannot overflow; written
        // this way (not offset <= count - width) the compiler keeps no
        // count - width per width alive across the loop.
        guard offset &+ width <= packet.count else { return nil }
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
        _ metadata: MetadataReference, _ index: Int, _ observer: inout Observer
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
