import SluiceEBPF

/// A filter made into an XDP program that passes or drops by the filter's
/// verdict and counts both in a per-CPU array (`sluice_counts`), which
/// `XDPStatus` reads back.
///
/// Every `exit` of the filter becomes a jump to a shared epilogue (so no
/// jump offset changes and annotations keep their indices); the epilogue
/// picks the action and bumps the counter with `bpf_map_lookup_elem`.
public final class CountingXDPProgram: Sendable {
    /// The loaded program.
    public let program: BPFProgram
    /// Its counters map.
    public let counters: BPFMap

    init(program: BPFProgram, counters: BPFMap) {
        self.program = program
        self.counters = counters
    }

    /// Builds and loads the counting program around `filter`.
    ///
    /// `verdict` says how the filter's return value reads (the mode it was
    /// generated in, e.g. `XDPResultMode.report`); `onMatch` is what the
    /// attached program does with a match (the rest gets the other of pass/drop).
    public static func load(filter: [EBPFInstruction], annotations: SlotNotes = [],
                            verdict: XDPResultMode, onMatch: XDPAction, name: String = "sluice_xdp",
                            options: LoadOptions = LoadOptions()) throws(KernelError) -> CountingXDPProgram {
        let counters = try BPFMap.create(.perCPUArray, name: XDPCounters.mapName, keySize: 4, valueSize: 8, maxEntries: 2)
        let instructions = try wrapped(filter, verdict: verdict, onMatch: onMatch, countersFD: counters.fd)
        let program = try BPFProgram.load(instructions: instructions, annotations: annotations, type: .xdp,
                                          name: name, options: options)
        return CountingXDPProgram(program: program, counters: counters)
    }

    /// The counts so far.
    public func read() throws(KernelError) -> XDPCounters { try XDPCounters.read(from: counters) }

    /// The filter with its exits redirected to the counting epilogue.
    static func wrapped(_ filter: [EBPFInstruction], verdict: XDPResultMode, onMatch: XDPAction,
                        countersFD: Int32) throws(KernelError) -> [EBPFInstruction] {
        if filter.contains(where: { $0.code == Op.call && $0.src == 1 }) {
            throw KernelError(call: "CountingXDPProgram", errno: 22 /* EINVAL */,
                              message: "the filter calls BPF subprograms; counting supports single-function filters")
        }
        let end = filter.count
        guard end + epilogueLength < Int(Int16.max) else {
            throw KernelError(call: "CountingXDPProgram", errno: 7 /* E2BIG */,
                              message: "the filter has \(end) instructions; jumps cannot reach past 32767")
        }
        var body = filter
        for index in body.indices where body[index].code == Op.exit && !isSecondSlot(of: filter, index) {
            body[index] = EBPFInstruction(code: Op.ja, offset: Int16(end - index - 1))
        }
        return body + epilogue(verdict: verdict, onMatch: onMatch, countersFD: countersFD)
    }

    /// True when slot `index` is the upper half of an `lddw` (raw data, never an opcode).
    static func isSecondSlot(of program: [EBPFInstruction], _ index: Int) -> Bool {
        index > 0 && program[index - 1].code == Op.lddw
    }

    static let epilogueLength = 16

    /// r6 = action; key at fp-4; counters[key] += 1 (per CPU, no atomics needed); r0 = r6.
    static func epilogue(verdict: XDPResultMode, onMatch: XDPAction, countersFD: Int32) -> [EBPFInstruction] {
        let other: XDPAction = onMatch == .pass ? .drop : .pass
        func key(_ action: XDPAction) -> Int32 {
            Int32(action == .pass ? XDPCounters.passedKey : XDPCounters.droppedKey)
        }
        let skipMatch: EBPFInstruction = switch verdict {
        case .verdict(let filterMatch, _): EBPFInstruction(code: Op.jneImm, dst: 0, offset: 2, imm: Int32(filterMatch.rawValue))
        case .raw: EBPFInstruction(code: Op.jeqImm, dst: 0, offset: 2, imm: 0)
        }
        return [
            EBPFInstruction(code: Op.movImm, dst: 6, imm: Int32(other.rawValue)),
            EBPFInstruction(code: Op.stWordImm, dst: 10, offset: -4, imm: key(other)),
            skipMatch,
            EBPFInstruction(code: Op.movImm, dst: 6, imm: Int32(onMatch.rawValue)),
            EBPFInstruction(code: Op.stWordImm, dst: 10, offset: -4, imm: key(onMatch)),
            EBPFInstruction(code: Op.movReg, dst: 2, src: 10),
            EBPFInstruction(code: Op.addImm, dst: 2, imm: -4),
            EBPFInstruction(code: Op.lddw, dst: 1, src: 1 /* BPF_PSEUDO_MAP_FD */, imm: countersFD),
            EBPFInstruction(code: 0),
            EBPFInstruction(code: Op.call, imm: 1 /* bpf_map_lookup_elem */),
            EBPFInstruction(code: Op.jeqImm, dst: 0, offset: 3, imm: 0),
            EBPFInstruction(code: Op.ldxDouble, dst: 1, src: 0),
            EBPFInstruction(code: Op.addImm, dst: 1, imm: 1),
            EBPFInstruction(code: Op.stxDouble, dst: 0, src: 1),
            EBPFInstruction(code: Op.movReg, dst: 0, src: 6),
            EBPFInstruction(code: Op.exit),
        ]
    }

    /// The raw opcodes used here (`linux/bpf.h` class | op | source).
    enum Op {
        static let movImm: UInt8 = 0xb7, movReg: UInt8 = 0xbf, addImm: UInt8 = 0x07
        static let ja: UInt8 = 0x05, jeqImm: UInt8 = 0x15, jneImm: UInt8 = 0x55
        static let call: UInt8 = 0x85, exit: UInt8 = 0x95, lddw: UInt8 = 0x18
        static let stWordImm: UInt8 = 0x62, ldxDouble: UInt8 = 0x79, stxDouble: UInt8 = 0x7b
    }
}
