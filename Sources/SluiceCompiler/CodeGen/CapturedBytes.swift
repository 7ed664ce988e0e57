import SluiceBytecode

/// How many captured bytes every path to a point has proven present: a
/// load that succeeded proves the bytes it read were there. In cBPF a load
/// past the captured bytes ends the program with 0 (Linux and libpcap's
/// `bpf_filter`), so the graph simplifications may skip a block's loads
/// only when they cannot fail; otherwise a frame cut short would match
/// where the unsimplified code (libpcap's unoptimized program, and the XDP
/// code generated from the same IR) rejects it.
struct CapturedBytes {
    /// Bytes known captured; 0 knows nothing.
    var count: UInt32 = 0

    /// True when running `statements` with `count` bytes captured can end
    /// the program: a load at or past 2^31 (Linux's special offsets) or
    /// past what is proven, an indirect load (`[x + k]`: X is not tracked),
    /// a division or remainder by X.
    func mayFail(_ statements: [Instruction]) -> Bool {
        var known = self
        for statement in statements {
            guard let reach = CapturedBytes.reach(of: statement) else { continue }
            guard let end = reach.end, end <= known.count else { return true }
            if reach.isLoad { known.count = end }
        }
        return false
    }

    /// What is proven after `statements` ran to their end.
    func after(_ statements: [Instruction]) -> CapturedBytes {
        var known = self
        for statement in statements {
            if let reach = CapturedBytes.reach(of: statement), reach.isLoad, let end = reach.end {
                known.count = max(known.count, end)
            }
        }
        return known
    }

    /// The end of the bytes a statement reads (nil: it may fail whatever is
    /// captured), or nil when it cannot fail at all.
    private static func reach(of statement: Instruction) -> (end: UInt32?, isLoad: Bool)? {
        switch statement.instructionClass {
        case .ld:
            switch statement.addressMode {
            case .abs: return (end(statement.k, statement.loadSize?.byteCount ?? 4), true)
            case .ind: return (nil, true)
            default: return nil
            }
        case .ldx:
            return statement.addressMode == .msh ? (end(statement.k, 1), true) : nil
        case .alu:
            let operation = statement.aluOperation
            let dividesByX = statement.operandSource == .x && (operation == .div || operation == .mod)
            return dividesByX ? (nil, false) : nil
        default:
            return nil
        }
    }

    private static func end(_ offset: UInt32, _ size: Int) -> UInt32? {
        offset < 0x8000_0000 ? offset + UInt32(size) : nil
    }
}
