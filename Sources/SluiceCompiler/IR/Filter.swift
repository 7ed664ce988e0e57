/// The Filter IR: a boolean formula over primitives (DESIGN.md, "Filter IR").
///
/// This is what the pcap-filter parser and the Swift DSL build, what the
/// code generators (cBPF, eBPF) consume and what overlap/containment checks
/// reason about. It is a pure value: every offset a primitive needs follows
/// from the primitive itself (its `Atom` and its `Encapsulation`) and the
/// link type, never from state left behind by another part of the formula.
///
/// `and`/`or` are n-ary and evaluated left to right, like libpcap's
/// `gen_and`/`gen_or` chains; the order matters for packets whose loads run
/// past the captured bytes (a cBPF load out of bounds ends the program with 0).
///
/// The canonical printer (`description`, in `Filter+Description.swift`)
/// writes pcap-filter text that `FilterParser.parse` turns back into an
/// equal `Filter`.
public indirect enum Filter: Hashable, Sendable {
    /// Matches every packet (`true`, libpcap's empty expression) or none.
    case constant(Bool)
    /// One primitive test (`tcp port 80`, `ether[0] & 1 != 0`, ...).
    case primitive(Primitive)
    /// Logical negation (`not`, `!`).
    case not(Filter)
    /// Conjunction, evaluated left to right with short circuit (`and`, `&&`).
    case and([Filter])
    /// Disjunction, evaluated left to right with short circuit (`or`, `||`).
    case or([Filter])

    /// Matches every packet.
    public static let always = Filter.constant(true)
    /// Matches no packet.
    public static let never = Filter.constant(false)

    /// A primitive with no encapsulation and no source span.
    public static func atom(_ atom: Atom, in encapsulation: Encapsulation = .none) -> Filter {
        .primitive(Primitive(atom, encapsulation: encapsulation))
    }

    /// Both filters: flattens nested conjunctions so the formula stays canonical.
    public static func && (lhs: Filter, rhs: Filter) -> Filter {
        .and(lhs.conjuncts + rhs.conjuncts)
    }

    /// Either filter: flattens nested disjunctions so the formula stays canonical.
    public static func || (lhs: Filter, rhs: Filter) -> Filter {
        .or(lhs.disjuncts + rhs.disjuncts)
    }

    /// The negation.
    public static prefix func ! (operand: Filter) -> Filter {
        .not(operand)
    }

    /// The operands of a conjunction, or `[self]`.
    public var conjuncts: [Filter] {
        if case .and(let operands) = self { return operands }
        return [self]
    }

    /// The operands of a disjunction, or `[self]`.
    public var disjuncts: [Filter] {
        if case .or(let operands) = self { return operands }
        return [self]
    }

    /// Every primitive, in evaluation order.
    public var primitives: [Primitive] {
        var result: [Primitive] = []
        forEachPrimitive { result.append($0) }
        return result
    }

    /// Calls `body` with each primitive, left to right, without building
    /// `primitives`.
    public func forEachPrimitive(_ body: (Primitive) -> Void) {
        switch self {
        case .constant: break
        case .primitive(let primitive): body(primitive)
        case .not(let operand): operand.forEachPrimitive(body)
        case .and(let operands), .or(let operands): for operand in operands { operand.forEachPrimitive(body) }
        }
    }
}

/// One primitive test of the formula: what is tested (`atom`), below which
/// encapsulation headers (`encapsulation`), and where it came from.
///
/// Equality and hashing ignore `span`: two filters are the same IR whatever
/// text they were parsed from.
public struct Primitive: Hashable, Sendable {
    /// The test.
    public var atom: Atom
    /// The headers stacked between the link layer and the layer the atom
    /// tests (libpcap changes its offsets after `vlan`, `mpls`, `pppoes`,
    /// `geneve`, `vxlan`; the parser records that here).
    public var encapsulation: Encapsulation
    /// The part of the expression text this primitive came from, if any.
    public var span: SourceSpan?

    /// A primitive.
    public init(_ atom: Atom, encapsulation: Encapsulation = .none, span: SourceSpan? = nil) {
        self.atom = atom
        self.encapsulation = encapsulation
        self.span = span
    }

    public static func == (lhs: Primitive, rhs: Primitive) -> Bool {
        lhs.atom == rhs.atom && lhs.encapsulation == rhs.encapsulation
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(atom)
        hasher.combine(encapsulation)
    }
}

/// A range of characters in the filter expression (UTF-8 byte offsets,
/// half open), used for error carets and per-instruction annotations.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    /// First byte (0-based).
    public var start: Int
    /// One past the last byte.
    public var end: Int

    /// A span from `start` up to, not including, `end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The 1-based column of the first byte, as error messages print it.
    public var column: Int { start + 1 }

    /// The smallest span covering both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    /// "columns 5-12".
    public var description: String {
        end - start <= 1 ? "column \(column)" : "columns \(column)-\(end)"
    }
}
