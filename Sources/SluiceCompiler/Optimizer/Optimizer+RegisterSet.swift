import SluiceBytecode

extension Optimizer {
    /// A set of the places a program keeps values: A, X and the 16 scratch
    /// words. Liveness and the effects of steps are expressed with it.
    struct RegisterSet: OptionSet, Hashable, Sendable {
        let rawValue: UInt32

        static let a = RegisterSet(rawValue: 1)
        static let x = RegisterSet(rawValue: 2)

        /// Scratch word `M[index]`.
        static func memory(_ index: Int) -> Optimizer.RegisterSet {
            RegisterSet(rawValue: 4 << UInt32(index))
        }

        /// A or X.
        static func register(_ register: Register) -> Optimizer.RegisterSet {
            register == .a ? .a : .x
        }
    }
}

extension Ancillary {
    /// True for the ancillary loads that read a fixed per-packet value
    /// (metadata), as opposed to the ones that compute from A and X
    /// (`SKF_AD_ALU_XOR_X`, the netlink searches) or differ on every read
    /// (`SKF_AD_RANDOM`).
    var isPacketMetadata: Bool {
        switch self {
        case .aluXorX, .netlinkAttribute, .netlinkAttributeNested, .random: false
        default: true
        }
    }
}

extension Optimizer.Step {
    /// The registers this step reads.
    var uses: Optimizer.RegisterSet {
        switch self {
        case .load(_, let source):
            switch source {
            case .memory(let index): .memory(index)
            case .indirect: .x
            case .ancillary(_, let k): Ancillary(loadOffset: k)?.isPacketMetadata == true ? [] : [.a, .x]
            default: []
            }
        case .store(let register, _): .register(register)
        case .alu(_, .x): [.a, .x]
        case .alu(_, .constant): .a
        case .transfer(to: let register): register == .a ? .x : .a
        }
    }

    /// The registers this step writes.
    var defines: Optimizer.RegisterSet {
        switch self {
        case .load(let register, _): .register(register)
        case .store(_, let index): .memory(index)
        case .alu: .a
        case .transfer(to: let register): .register(register)
        }
    }

    /// True for a step whose result is not a function of the packet and the
    /// registers (random numbers, netlink searches): it is never removed or
    /// shared.
    var isOpaque: Bool {
        if case .load(_, .ancillary(_, let k)) = self {
            return Ancillary(loadOffset: k).map { !$0.isPacketMetadata && $0 != .aluXorX } ?? true
        }
        return false
    }
}

extension Optimizer.Exit {
    /// The registers the exit reads.
    var uses: Optimizer.RegisterSet {
        switch self {
        case .returnA: .a
        case .branch(let test, _, _): test.operand == .x ? [.a, .x] : .a
        default: []
        }
    }
}
