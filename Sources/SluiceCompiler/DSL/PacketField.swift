/// A 32-bit value computed from the packet, for relations in the DSL:
/// `PacketLayer.tcp[13] & 0x02 != 0` is pcap-filter's `tcp[13] & 2 != 0`.
///
/// Not `Equatable` on purpose: `==`, `<`, ... build a `Filter`.
public struct PacketField: Sendable, ExpressibleByIntegerLiteral {
    /// The IR expression.
    public var expression: ArithmeticExpression

    /// Wraps an IR expression.
    public init(_ expression: ArithmeticExpression) { self.expression = expression }

    /// A constant.
    public init(integerLiteral value: UInt32) { self.init(.constant(value)) }

    /// `len`: the packet's length on the wire.
    public static var length: PacketField { PacketField(.length) }

    /// `proto[offset : size]` with a computed offset; `size` is 1, 2 or 4.
    public static func load(_ layer: PacketLayer, offset: PacketField, size: LoadWidth = .byte) -> PacketField {
        PacketField(.load(layer, offset: offset.expression, size: size.rawValue))
    }

    /// `tcp[tcpflags]`.
    public static var tcpFlags: PacketField { PacketLayer.tcp[13] }
    /// `icmp[icmptype]`.
    public static var icmpType: PacketField { PacketLayer.icmp[0] }
    /// `icmp[icmpcode]`.
    public static var icmpCode: PacketField { PacketLayer.icmp[1] }
    /// `icmp6[icmp6type]`.
    public static var icmp6Type: PacketField { PacketLayer.icmp6[0] }
    /// `icmp6[icmp6code]`.
    public static var icmp6Code: PacketField { PacketLayer.icmp6[1] }
}

/// The width of a packet load (`[offset : 1|2|4]`).
public enum LoadWidth: Int, Sendable {
    case byte = 1, half = 2, word = 4
}

extension PacketLayer {
    /// `layer[offset]`: one byte at a constant offset.
    public subscript(offset: UInt32) -> PacketField {
        PacketField.load(self, offset: PacketField(.constant(offset)))
    }

    /// `layer[offset : size]`.
    public subscript(offset: UInt32, size: LoadWidth) -> PacketField {
        PacketField.load(self, offset: PacketField(.constant(offset)), size: size)
    }
}

/// TCP flag bits (`tcp-fin`, `tcp-syn`, ...) for `PacketField.tcpFlags`.
public enum TCPFlag {
    public static let fin: PacketField = 0x01
    public static let syn: PacketField = 0x02
    public static let rst: PacketField = 0x04
    public static let push: PacketField = 0x08
    public static let ack: PacketField = 0x10
    public static let urg: PacketField = 0x20
    public static let ece: PacketField = 0x40
    public static let cwr: PacketField = 0x80
}

extension PacketField {
    private static func binary(_ op: ArithmeticOperator, _ lhs: PacketField, _ rhs: PacketField) -> PacketField {
        PacketField(.binary(op, lhs.expression, rhs.expression))
    }
    private static func relation(_ lhs: PacketField, _ relation: Relation, _ rhs: PacketField) -> Filter {
        .atom(.comparison(lhs.expression, relation, rhs.expression))
    }

    public static func + (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.add, lhs, rhs) }
    public static func - (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.subtract, lhs, rhs) }
    public static func * (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.multiply, lhs, rhs) }
    public static func / (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.divide, lhs, rhs) }
    public static func % (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.modulo, lhs, rhs) }
    public static func & (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.and, lhs, rhs) }
    public static func | (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.or, lhs, rhs) }
    public static func ^ (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.xor, lhs, rhs) }
    public static func << (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.shiftLeft, lhs, rhs) }
    public static func >> (lhs: PacketField, rhs: PacketField) -> PacketField { binary(.shiftRight, lhs, rhs) }
    public static prefix func - (operand: PacketField) -> PacketField { PacketField(.negate(operand.expression)) }

    public static func == (lhs: PacketField, rhs: PacketField) -> Filter { relation(lhs, .equal, rhs) }
    public static func != (lhs: PacketField, rhs: PacketField) -> Filter { relation(lhs, .notEqual, rhs) }
    public static func < (lhs: PacketField, rhs: PacketField) -> Filter { relation(lhs, .less, rhs) }
    public static func <= (lhs: PacketField, rhs: PacketField) -> Filter { relation(lhs, .lessOrEqual, rhs) }
    public static func > (lhs: PacketField, rhs: PacketField) -> Filter { relation(lhs, .greater, rhs) }
    public static func >= (lhs: PacketField, rhs: PacketField) -> Filter { relation(lhs, .greaterOrEqual, rhs) }
}
