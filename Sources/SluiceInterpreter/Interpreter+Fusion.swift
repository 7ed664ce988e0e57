/// Superinstructions. Filters compiled from pcap-filter text are mostly
/// "load a field, compare it with a constant, branch"; fusing each such
/// pair into one operation halves the dispatches on the common path.
///
/// The fused operation replaces the load and does exactly what the load and
/// then the comparison would do; the comparison stays in place, so a jump
/// that lands on it directly still runs it alone, and no index or target
/// moves. That makes every fusion safe, whatever jumps where.
extension Interpreter {
    static func fuse(_ code: inout [DecodedInstruction]) {
        for index in code.indices.dropLast() {
            let load = code[index], test = code[index + 1]
            guard let fused = fusedOperation(load.operation, test.operation) else { continue }
            var instruction = DecodedInstruction(fused, k: load.k, jt: test.jt, jf: test.jf)
            instruction.value = test.k
            code[index] = instruction
        }
        // Second pass, over the pairs just made: the header length before
        // a fused port test. X <= 60 and k2 < 2^16, so X + k2 never wraps
        // and the load needs no header-window or divergence handling.
        for index in code.indices.dropLast() {
            let header = code[index], test = code[index + 1]
            guard header.operation == .loadHeaderLength, test.operation == .jeqHalfIndirect,
                  let offset = UInt16(exactly: test.k) else { continue }
            var instruction = test
            instruction.operation = .jeqHalfAfterHeaderLength
            instruction.k = header.k
            instruction.offset = offset
            code[index] = instruction
        }
    }

    /// The superinstruction for a load followed by a comparison with `k`, if any.
    private static func fusedOperation(_ load: Operation, _ test: Operation) -> Operation? {
        switch (load, test) {
        case (.loadWordAbsolute, .jeqK): .jeqWordAbsolute
        case (.loadHalfAbsolute, .jeqK): .jeqHalfAbsolute
        case (.loadByteAbsolute, .jeqK): .jeqByteAbsolute
        case (.loadHalfAbsolute, .jsetK): .jsetHalfAbsolute
        case (.loadByteAbsolute, .jsetK): .jsetByteAbsolute
        case (.loadHalfIndirect, .jeqK): .jeqHalfIndirect
        default: nil
        }
    }
}
