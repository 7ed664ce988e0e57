import SluiceBytecode

/// How Linux rewrites an accepted classic program to eBPF
/// (`bpf_convert_filter` in `net/core/filter.c`, Linux 6.18 on a 64-bit
/// little-endian machine with efficient unaligned access, such as x86-64):
/// how many eBPF instructions each classic one becomes, and where the jumps
/// land. Only the counts are modelled, which is what decides whether an eBPF
/// jump offset (a signed 16-bit number) fits.
enum LinuxTranslation {
    /// The largest eBPF jump offset (`S16_MAX`).
    static let maximumOffset = 32767

    /// eBPF instructions Linux emits before the first classic one: clear A
    /// and X, save the context, and, when the program reads the packet,
    /// cache the data pointer and head length.
    static func prologueLength(of program: Program) -> Int {
        program.contains(where: readsPacket) ? 7 : 3
    }

    /// A load that goes through `convert_bpf_ld_abs` (`seen_ld_abs`).
    static func readsPacket(_ instruction: Instruction) -> Bool {
        switch instruction.instructionClass {
        case .ld:
            instruction.addressMode == .ind
                || (instruction.addressMode == .abs && Ancillary(loadOffset: instruction.k) == nil)
        case .ldx: instruction.addressMode == .msh
        default: false
        }
    }

    /// eBPF instructions emitted for one accepted classic instruction.
    static func length(of instruction: Instruction) -> Int {
        switch instruction.instructionClass {
        case .alu:
            // Division and modulo by X first test X for zero (4 instructions).
            let op = instruction.aluOperation
            return instruction.operandSource == .x && (op == .div || op == .mod) ? 5 : 1
        case .ld:
            switch instruction.addressMode {
            case .abs:
                if let ancillary = Ancillary(loadOffset: instruction.k) { return length(of: ancillary) }
                return packetLoadLength(instruction.loadSize ?? .word, k: instruction.k, indirect: false)
            case .ind: return packetLoadLength(instruction.loadSize ?? .word, k: instruction.k, indirect: true)
            default: return 1
            }
        case .ldx:
            // ldxb 4*([k]&0xf): save A, a byte load, mask, shift, swap A and X.
            return instruction.addressMode == .msh
                ? 1 + packetLoadLength(.byte, k: instruction.k, indirect: false) + 5 : 1
        case .jmp:
            return jumps(of: instruction).last.map { $0.slot + 1 } ?? 1
        case .ret:
            return instruction.returnSource == .k ? 2 : 1
        case .st, .stx, .misc:
            return 1
        }
    }

    /// `convert_bpf_ld_abs`: a fast path for constant non-negative offsets
    /// (bounds test, load, byte swap, skip), then a helper call for the rest.
    static func packetLoadLength(_ size: LoadSize, k: UInt32, indirect: Bool) -> Int {
        var count = 0
        if !indirect && Int32(bitPattern: k) >= 0 {
            count += 1                                // tmp = headlen
            count += k != 0 ? 1 : 0                   // tmp -= k
            count += 1                                // if tmp < size goto slow path
            count += k <= UInt32(maximumOffset) ? 1 : 3  // load (via a pointer when k is large)
            count += size == .byte ? 0 : 1            // byte swap
            count += 1                                // skip the slow path
        }
        count += 3                                    // helper arguments: ctx, data, headlen
        count += indirect && k != 0 ? 2 : 1           // the offset (X + k, or k)
        count += 1                                    // call
        count += 3                                    // a negative result returns 0
        return count
    }

    /// `convert_bpf_extensions`: eBPF instructions per ancillary load.
    static func length(of ancillary: Ancillary) -> Int {
        switch ancillary {
        case .mark, .queue, .receiveHash, .vlanTag, .aluXorX: 1
        case .networkProtocol, .packetType, .vlanTPID: 2
        case .vlanTagPresent: 3
        case .interfaceIndex, .hardwareType, .payloadOffset, .netlinkAttribute,
             .netlinkAttributeNested, .cpu, .random: 4
        }
    }

    /// The eBPF jumps one classic jump becomes: the position of each among
    /// the instruction's eBPF instructions, and how many classic instructions
    /// it skips. A negative constant first goes to a register (one more
    /// instruction); a two-way jump needs a second, unconditional jump unless
    /// one side falls through.
    static func jumps(of instruction: Instruction) -> [(slot: Int, skip: Int)] {
        guard instruction.instructionClass == .jmp else { return [] }
        if instruction.jumpOperation == .ja { return [(0, Int(instruction.k))] }
        let first = instruction.operandSource == .k && Int32(bitPattern: instruction.k) < 0 ? 1 : 0
        if instruction.jf == 0 { return [(first, Int(instruction.jt))] }
        if instruction.jt == 0 && instruction.jumpOperation != .jset { return [(first, Int(instruction.jf))] }
        return [(first, Int(instruction.jt)), (first + 1, Int(instruction.jf))]
    }
}
