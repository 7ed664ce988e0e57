import SluiceBytecode
import SluiceInterpreter

/// A slow, obviously correct classic BPF interpreter with Linux's semantics
/// (DESIGN.md, "Semantics of the bytecode"; `net/core/filter.c`): one
/// `switch` on the raw 16-bit opcode per step, every packet read bounds
/// checked, nothing pre-decoded. It is the oracle the fuzzer compares
/// `Interpreter` with, so it favours plainness over speed.
///
/// It runs any `Program`, verified or not, and says so when a program does
/// something a verified one never may (an unknown opcode, a jump past the
/// end, a backward step, an unwritten scratch read is allowed: Linux zeroes
/// them). `SKF_AD_RANDOM` is not modelled (its sequence is the engine's
/// choice): a load of it is reported as `.unsupported`.
public enum ReferenceInterpreter {
    /// How a run ended.
    public enum Outcome: Hashable, Sendable, CustomStringConvertible {
        /// A `ret` (or a failed load, division by X == 0: 0) after `steps` instructions.
        case returned(UInt32, steps: Int)
        /// The program did something no verified program does, at `index`.
        case invalid(index: Int, reason: String)
        /// The program read something this reference does not model.
        case unsupported(index: Int, reason: String)

        public var description: String {
            switch self {
            case .returned(let value, let steps): "returned \(value) after \(steps) steps"
            case .invalid(let index, let reason): "invalid at instruction \(index): \(reason)"
            case .unsupported(let index, let reason): "unsupported at instruction \(index): \(reason)"
            }
        }
    }

    /// Runs `program` on `packet` (captured bytes), with `wireLength` for `len`.
    // One case per opcode, on purpose: this is the readable reference.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    public static func run(_ program: Program, packet: [UInt8], wireLength: Int,
                           metadata: PacketMetadata = PacketMetadata()) -> Outcome {
        var a: UInt32 = 0
        var x: UInt32 = 0
        var memory = [UInt32](repeating: 0, count: 16)
        var pc = 0
        var steps = 0
        let count = program.count
        let reader = PacketReader(packet: packet, metadata: metadata)
        while true {
            guard pc < count else { return .invalid(index: pc, reason: "ran off the end of the program") }
            steps += 1
            guard steps <= count else { return .invalid(index: pc, reason: "more steps than instructions") }
            let instruction = program[pc]
            let k = instruction.k
            var next = pc + 1
            func jump(_ condition: Bool) { next = pc + 1 + Int(condition ? instruction.jt : instruction.jf) }
            switch instruction.code {
            // BPF_LD
            case 0x20, 0x28, 0x30:  // ld/ldh/ldb [k]
                let width = [0x20: 4, 0x28: 2, 0x30: 1][Int(instruction.code)] ?? 0
                if k >= Ancillary.base {
                    switch ancillary(k &- Ancillary.base, a: a, x: x, reader: reader, metadata: metadata) {
                    case .value(let value): a = value
                    case .exit(let value): return .returned(value, steps: steps)
                    case .unsupported(let what): return .unsupported(index: pc, reason: what)
                    case .unknown: return .invalid(index: pc, reason: "unknown ancillary offset")
                    }
                } else {
                    guard let value = reader.load(offset: Int64(Int32(bitPattern: k)), width: width) else {
                        return .returned(0, steps: steps)
                    }
                    a = value
                }
            case 0x40, 0x48, 0x50:  // ld/ldh/ldb [x + k]
                let width = [0x40: 4, 0x48: 2, 0x50: 1][Int(instruction.code)] ?? 0
                // Linux adds in 32 bits and reads the sum as signed.
                guard let value = reader.load(offset: Int64(Int32(bitPattern: x &+ k)), width: width) else {
                    return .returned(0, steps: steps)
                }
                a = value
            case 0x00: a = k                                     // ld #k
            case 0x60:                                           // ld M[k]
                guard k < 16 else { return .invalid(index: pc, reason: "scratch index \(k)") }
                a = memory[Int(k)]
            case 0x80: a = UInt32(truncatingIfNeeded: wireLength)  // ld #len
            // BPF_LDX
            case 0x01: x = k
            case 0x61:
                guard k < 16 else { return .invalid(index: pc, reason: "scratch index \(k)") }
                x = memory[Int(k)]
            case 0x81: x = UInt32(truncatingIfNeeded: wireLength)
            case 0xb1:                                           // ldxb 4*([k]&0xf)
                guard let byte = reader.load(offset: Int64(Int32(bitPattern: k)), width: 1) else {
                    return .returned(0, steps: steps)
                }
                x = (byte & 0xf) * 4
            // BPF_ST, BPF_STX
            case 0x02, 0x03:
                guard k < 16 else { return .invalid(index: pc, reason: "scratch index \(k)") }
                memory[Int(k)] = instruction.code == 0x02 ? a : x
            // BPF_ALU
            case 0x04: a = a &+ k
            case 0x0c: a = a &+ x
            case 0x14: a = a &- k
            case 0x1c: a = a &- x
            case 0x24: a = a &* k
            case 0x2c: a = a &* x
            case 0x34:
                guard k != 0 else { return .invalid(index: pc, reason: "division by constant 0") }
                a = a / k
            case 0x3c:
                if x == 0 { return .returned(0, steps: steps) }
                a = a / x
            case 0x94:
                guard k != 0 else { return .invalid(index: pc, reason: "modulo by constant 0") }
                a = a % k
            case 0x9c:
                if x == 0 { return .returned(0, steps: steps) }
                a = a % x
            case 0x44: a = a | k
            case 0x4c: a = a | x
            case 0x54: a = a & k
            case 0x5c: a = a & x
            case 0xa4: a = a ^ k
            case 0xac: a = a ^ x
            case 0x64:
                guard k < 32 else { return .invalid(index: pc, reason: "constant shift \(k)") }
                a = a << k
            case 0x6c: a = a << (x % 32)  // Linux's 32-bit shift uses the low 5 bits
            case 0x74:
                guard k < 32 else { return .invalid(index: pc, reason: "constant shift \(k)") }
                a = a >> k
            case 0x7c: a = a >> (x % 32)
            case 0x84: a = 0 &- a
            // BPF_JMP
            case 0x05: next = pc + 1 + Int(k)
            case 0x15: jump(a == k)
            case 0x1d: jump(a == x)
            case 0x25: jump(a > k)
            case 0x2d: jump(a > x)
            case 0x35: jump(a >= k)
            case 0x3d: jump(a >= x)
            case 0x45: jump(a & k != 0)
            case 0x4d: jump(a & x != 0)
            // BPF_RET
            case 0x06: return .returned(k, steps: steps)
            case 0x16: return .returned(a, steps: steps)
            // BPF_MISC
            case 0x07: x = a
            case 0x87: a = x
            default:
                return .invalid(index: pc, reason: "opcode 0x\(String(instruction.code, radix: 16)) is not one Linux accepts")
            }
            guard next > pc else { return .invalid(index: pc, reason: "backward jump") }
            pc = next
        }
    }

    /// What an ancillary load does.
    enum AncillaryResult {
        case value(UInt32)
        case exit(UInt32)
        case unsupported(String)
        case unknown
    }

    /// `SKF_AD_*` at `offset` past `SKF_AD_OFF`.
    static func ancillary(_ offset: UInt32, a: UInt32, x: UInt32, reader: PacketReader,
                          metadata: PacketMetadata) -> AncillaryResult {
        switch offset {
        case 0: return .value(UInt32(metadata.networkProtocol))
        case 4: return .value(UInt32(metadata.packetType & 0x7))  // pkt_type is a 3-bit field
        case 8, 28:
            // No device: Linux's conversion ends the program returning A.
            guard let device = metadata.device else { return .exit(a) }
            return .value(offset == 8 ? device.index : UInt32(device.hardwareType))
        case 12, 16: return .value(reader.netlinkAttribute(start: a, type: x, nested: offset == 16))
        case 20: return .value(metadata.mark)
        case 24: return .value(UInt32(metadata.queue))
        case 32: return .value(metadata.receiveHash)
        case 36: return .value(metadata.cpu)
        case 40: return .value(a ^ x)
        case 44: return .value(UInt32(metadata.vlanTag))
        case 48: return .value(metadata.vlanTagPresent ? 1 : 0)
        case 52: return .unsupported("SKF_AD_PAY_OFFSET needs the kernel's flow dissector")
        case 56: return .unsupported("SKF_AD_RANDOM")
        case 60: return .value(UInt32(metadata.vlanTPID))
        default: return .unknown
        }
    }
}

/// Bounds-checked packet reads for `ReferenceInterpreter`.
struct PacketReader {
    let packet: [UInt8]
    let metadata: PacketMetadata

    /// `width` bytes big-endian at a signed Linux offset: non-negative is the
    /// packet; `SKF_NET_OFF + n` and `SKF_LL_OFF + n` are relative to the
    /// network and link-layer headers; anything else fails (nil).
    func load(offset: Int64, width: Int) -> UInt32? {
        let start: Int64
        if offset >= 0 {
            start = offset
        } else if offset >= -0x10_0000 {
            guard let header = metadata.networkHeaderOffset else { return nil }
            start = Int64(header) + offset + 0x10_0000
        } else if offset >= -0x20_0000 {
            guard let header = metadata.linkLayerHeaderOffset else { return nil }
            start = Int64(header) + offset + 0x20_0000
        } else {
            return nil
        }
        guard start >= 0, start + Int64(width) <= Int64(packet.count) else { return nil }
        var value: UInt32 = 0
        for index in Int(start)..<Int(start) + width { value = value << 8 | UInt32(packet[index]) }
        return value
    }

    /// A little-endian 16-bit field (netlink headers are in host order).
    func hostOrder16(_ index: Int) -> Int {
        Int(packet[index]) | Int(packet[index + 1]) << 8
    }

    /// `nla_find` over the packet from byte `start` (inside the attribute at
    /// `start` for `nested`): the offset of the first attribute of `type`, or 0.
    func netlinkAttribute(start: UInt32, type: UInt32, nested: Bool) -> UInt32 {
        let count = packet.count
        guard Int(start) + 4 <= count else { return 0 }
        var position = Int(start)
        var remaining = count - position
        if nested {
            let length = hostOrder16(position)
            guard length <= remaining else { return 0 }
            remaining = length - 4
            position += 4
        }
        while remaining >= 4 {
            let length = hostOrder16(position)
            guard length >= 4, length <= remaining else { return 0 }
            if UInt32(hostOrder16(position + 2) & 0x3fff) == type { return UInt32(position) }
            let padded = (length + 3) / 4 * 4
            remaining -= padded
            position += padded
        }
        return 0
    }
}
