import SluiceCompiler

/// Evaluates the Filter IR directly on a packet, with libpcap's meaning
/// (`gencode.c` for DLT_EN10MB, pcap-filter(7)), without generating code:
/// the oracle the compiler fuzzer compares compiled programs with.
///
/// Formulas are evaluated left to right with short circuit, as libpcap's
/// code does. A load past the captured bytes or a division by zero ends a
/// cBPF program with 0 whatever surrounds it; division by zero is
/// reported as `.abort`, but an out-of-bounds field as `.unknown`, because
/// libpcap splits wide fields into several loads whose order decides
/// whether a short packet fails or merely mismatches.
///
/// Covered atoms (everything the fuzzer's grammar reaches but the tunnels):
/// link protocols above 1500 except AppleTalk/AARP, Ethernet host,
/// broadcast and multicast, IPv4 host/net (ip, arp, rarp), IPv6 host/net,
/// `ip broadcast`, IPv4/IPv6 multicast, `proto` (IPv6 looks behind one
/// fragment header), ports and port ranges, `vlan [id]`, and relations
/// over `len` and loads from the link, IPv4, IPv6, ARP/RARP, DEC and the
/// IPv4 transport layers and ICMPv6. Encapsulation: VLAN tags only.
/// Anything else is `.unknown` (docs/fuzzing.md lists it).
public enum IREvaluator {
    /// The result of evaluating a filter.
    public enum Result: Hashable, Sendable {
        /// The packet matches (a program returns its snap length).
        case match
        /// It does not (a program returns 0).
        case noMatch
        /// The program must end with 0 whatever the formula says (division by zero).
        case abort
        /// This evaluator cannot tell (an atom it does not cover, a field past the capture).
        case unknown(String)
    }

    /// Evaluates `filter` on `packet` (captured bytes) of length `wireLength` on the wire.
    public static func evaluate(_ filter: Filter, packet: [UInt8], wireLength: Int) -> Result {
        Evaluation(packet: packet, wireLength: UInt32(truncatingIfNeeded: wireLength)).formula(filter)
    }
}

/// Why an atom stopped evaluating.
enum Stop: Error {
    case abort
    case unknown(String)
}

/// One evaluation: the packet and the recursive walk.
struct Evaluation {
    let packet: [UInt8]
    let wireLength: UInt32

    func formula(_ filter: Filter) -> IREvaluator.Result {
        switch filter {
        case .constant(let value): return value ? .match : .noMatch
        case .not(let operand):
            switch formula(operand) {
            case .match: return .noMatch
            case .noMatch: return .match
            case let other: return other
            }
        case .and(let operands):
            for operand in operands {
                let result = formula(operand)
                if result != .match { return result }
            }
            return .match
        case .or(let operands):
            for operand in operands {
                let result = formula(operand)
                if result != .noMatch { return result }
            }
            return .noMatch
        case .primitive(let primitive):
            do {
                return try primitiveHolds(primitive) ? .match : .noMatch
            } catch Stop.abort {
                return .abort
            } catch Stop.unknown(let reason) {
                return .unknown(reason)
            } catch {
                return .unknown("\(error)")
            }
        }
    }

    // MARK: - Loads

    /// `width` bytes big-endian at `offset`, or `.unknown` past the capture.
    func load(_ offset: UInt64, _ width: Int) throws -> UInt64 {
        guard offset < 0x8000_0000, Int(offset) + width <= packet.count else {
            throw Stop.unknown("field at byte \(offset) lies past the \(packet.count) captured bytes")
        }
        return packet[Int(offset)..<Int(offset) + width].reduce(0) { $0 << 8 | UInt64($1) }
    }

    func bytes(_ offset: UInt64, _ count: Int) throws -> [UInt8] {
        guard offset < 0x8000_0000, Int(offset) + count <= packet.count else {
            throw Stop.unknown("field at byte \(offset) lies past the \(packet.count) captured bytes")
        }
        return Array(packet[Int(offset)..<Int(offset) + count])
    }

    // MARK: - Primitives

    func primitiveHolds(_ primitive: Primitive) throws -> Bool {
        let layers = primitive.encapsulation.layers
        guard layers.allSatisfy({ $0 == .vlan }) else { throw Stop.unknown("encapsulation \(layers)") }
        let frame = Frame(tags: layers.count)
        return try atomHolds(primitive.atom, frame)
    }

    /// Offsets in an Ethernet frame with `tags` VLAN tags before the ethertype.
    struct Frame {
        let tags: Int
        var linkType: UInt64 { 12 + 4 * UInt64(tags) }
        var network: UInt64 { linkType + 2 }
    }

    func linkTypeIs(_ type: UInt16, _ frame: Frame) throws -> Bool {
        guard type > 1500, type != 0x809b, type != 0x80f3 else { throw Stop.unknown("link protocol \(type) (LLC/SNAP)") }
        return try load(frame.linkType, 2) == UInt64(type)
    }

    /// Source first, then destination, as libpcap's `gen_*hostop` combine them.
    func directed(_ direction: Direction, source: () throws -> Bool,
                  destination: () throws -> Bool) throws -> Bool {
        switch direction {
        case .source: return try source()
        case .destination: return try destination()
        case .sourceOrDestination: return try source() || destination()
        case .sourceAndDestination: return try source() && destination()
        }
    }

    // swiftlint:disable:next cyclomatic_complexity
    func atomHolds(_ atom: Atom, _ frame: Frame) throws -> Bool {
        switch atom {
        case .linkProtocol(let type):
            return try linkTypeIs(type, frame)
        case .etherHost(let address, let direction):
            return try directed(direction, source: { () throws in try bytes(6, 6) == address.bytes },
                                destination: { () throws in try bytes(0, 6) == address.bytes })
        case .etherBroadcast:
            return try bytes(0, 6) == MACAddress.broadcast.bytes
        case .etherMulticast:
            return try load(0, 1) & 1 != 0
        case .ipv4Address(let network, let direction, let proto):
            let (type, source, destination): (UInt16, UInt64, UInt64) = switch proto {
            case .ip: (0x0800, 12, 16)
            case .arp: (0x0806, 14, 24)
            case .rarp: (0x8035, 14, 24)
            }
            guard try linkTypeIs(type, frame) else { return false }
            let matches = { (offset: UInt64) throws -> Bool in
                try UInt32(load(frame.network + offset, 4)) & network.mask == network.address & network.mask
            }
            return try directed(direction, source: { () throws in try matches(source) },
                                destination: { () throws in try matches(destination) })
        case .ipv6Address(let network, let direction):
            guard try linkTypeIs(0x86dd, frame) else { return false }
            let matches = { (offset: UInt64) throws -> Bool in
                let address = try bytes(frame.network + offset, 16)
                return (0..<4).allSatisfy { index in
                    let word = address[(index * 4)..<(index * 4 + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                    return word & network.maskWord(index) == network.word(index) & network.maskWord(index)
                }
            }
            return try directed(direction, source: { () throws in try matches(8) },
                                destination: { () throws in try matches(24) })
        case .ipBroadcast(let netmask):
            guard try linkTypeIs(0x0800, frame) else { return false }
            let host = UInt32(try load(frame.network + 16, 4)) & ~netmask
            return host == 0 || host == ~netmask
        case .ipMulticast:
            return try linkTypeIs(0x0800, frame) && load(frame.network + 16, 1) >= 224
        case .ipv6Multicast:
            return try linkTypeIs(0x86dd, frame) && load(frame.network + 24, 1) == 255
        case .ipProtocol(let number, let version):
            return try ipProtocol(number, version, frame)
        case .port(let range, let direction, let transport):
            return try port(range, direction, transport, frame)
        case .vlan(let id):
            let type = try load(frame.linkType, 2)
            guard [0x8100, 0x88a8, 0x9100].contains(type) else { return false }
            guard let id else { return true }
            return try load(frame.linkType + 2, 2) & 0xfff == UInt64(id)
        case .comparison(let lhs, let relation, let rhs):
            return try ArithmeticEvaluation(evaluation: self, frame: frame).relation(lhs, relation, rhs)
        case .protocolChain, .mpls, .pppoeDiscovery, .pppoeSession, .geneve, .vxlan, .llc,
             .decnetAddress, .isoProtocol, .isisPDU:
            throw Stop.unknown("atom \(atom) is not covered")
        }
    }

    /// `gen_proto`: IPv4's protocol byte; IPv6's next header, or the one
    /// after a fragment header.
    func ipProtocol(_ number: UInt8, _ version: IPVersion, _ frame: Frame) throws -> Bool {
        switch version {
        case .v4:
            return try linkTypeIs(0x0800, frame) && load(frame.network + 9, 1) == UInt64(number)
        case .v6:
            guard try linkTypeIs(0x86dd, frame) else { return false }
            let next = try load(frame.network + 6, 1)
            if next == UInt64(number) { return true }
            return try next == 44 && load(frame.network + 40, 1) == UInt64(number)
        case .any:
            return try ipProtocol(number, .v4, frame) || ipProtocol(number, .v6, frame)
        }
    }

    /// `gen_port6` or'ed with `gen_port` (IPv6 first); IPv4 skips fragments
    /// other than the first and finds the transport header with the IHL.
    func port(_ range: PortRange, _ direction: Direction, _ transport: Transport?, _ frame: Frame) throws -> Bool {
        let protocols: [UInt8] = transport.map { [$0.rawValue] } ?? [6, 17, 132]
        let inRange = { (offset: UInt64) throws -> Bool in
            let port = try load(offset, 2)
            return port >= UInt64(range.lower) && port <= UInt64(range.upper)
        }
        let ports = { (base: UInt64) throws -> Bool in
            try directed(direction, source: { () throws in try inRange(base) },
                         destination: { () throws in try inRange(base + 2) })
        }
        if try linkTypeIs(0x86dd, frame) {
            guard protocols.contains(UInt8(try load(frame.network + 6, 1))) else { return false }
            return try ports(frame.network + 40)
        }
        guard try linkTypeIs(0x0800, frame) else { return false }
        guard protocols.contains(UInt8(try load(frame.network + 9, 1))),
              try load(frame.network + 6, 2) & 0x1fff == 0 else { return false }
        let headerLength = (try load(frame.network, 1) & 0xf) * 4
        return try ports(frame.network + headerLength)
    }
}

/// `gen_relation` and `gen_load`: every load's protocol requirement first
/// (a failed one makes the relation false), then the 32-bit arithmetic.
struct ArithmeticEvaluation {
    let evaluation: Evaluation
    let frame: Evaluation.Frame

    func relation(_ lhs: ArithmeticExpression, _ relation: Relation, _ rhs: ArithmeticExpression) throws -> Bool {
        for load in lhs.loads + rhs.loads {
            guard try requirementHolds(load.layer) else { return false }
        }
        var dividedByZero = false
        let left = try value(lhs, &dividedByZero)
        let right = try value(rhs, &dividedByZero)
        if dividedByZero { throw Stop.abort }
        switch relation {
        case .equal: return left == right
        case .notEqual: return left != right
        case .less: return left < right
        case .lessOrEqual: return left <= right
        case .greater: return left > right
        case .greaterOrEqual: return left >= right
        }
    }

    /// What a load from `layer` needs the packet to be.
    func requirementHolds(_ layer: PacketLayer) throws -> Bool {
        switch layer {
        case .link: return true
        case .atalk: throw Stop.unknown("atalk[] (Ethernet II or SNAP)")
        case .icmp6:
            return try evaluation.linkTypeIs(0x86dd, frame) && evaluation.load(frame.network + 6, 1) == 58
        default:
            if let number = layer.ipProtocol {
                // An IPv4 datagram of that protocol, first or only fragment.
                return try evaluation.linkTypeIs(0x0800, frame)
                    && evaluation.load(frame.network + 9, 1) == UInt64(number)
                    && evaluation.load(frame.network + 6, 2) & 0x1fff == 0
            }
            guard let type = layer.linkProtocol else { throw Stop.unknown("\(layer.rawValue)[]") }
            return try evaluation.linkTypeIs(type, frame)
        }
    }

    /// Where `layer`'s header starts.
    func base(_ layer: PacketLayer) throws -> UInt64 {
        switch layer {
        case .link: return 0
        case .icmp6: return frame.network + 40
        default:
            guard layer.ipProtocol != nil else { return frame.network }
            return try frame.network + (evaluation.load(frame.network, 1) & 0xf) * 4
        }
    }

    func value(_ expression: ArithmeticExpression, _ dividedByZero: inout Bool) throws -> UInt32 {
        switch expression {
        case .constant(let value): return value
        case .length: return evaluation.wireLength
        case .negate(let operand): return 0 &- (try value(operand, &dividedByZero))
        case .load(let layer, let offset, let size):
            let index = try value(offset, &dividedByZero)
            return UInt32(try evaluation.load(base(layer) + UInt64(index), size))
        case .binary(let operation, let lhs, let rhs):
            let left = try value(lhs, &dividedByZero)
            let right = try value(rhs, &dividedByZero)
            switch operation {
            case .add: return left &+ right
            case .subtract: return left &- right
            case .multiply: return left &* right
            case .divide, .modulo:
                guard right != 0 else { dividedByZero = true; return 0 }
                return operation == .divide ? left / right : left % right
            case .and: return left & right
            case .or: return left | right
            case .xor: return left ^ right
            case .shiftLeft, .shiftRight:
                guard right < 32 else { throw Stop.unknown("shift by \(right): Linux and libpcap differ") }
                return operation == .shiftLeft ? left << right : left >> right
            }
        }
    }
}
