extension Filter {
    /// This filter with every primitive's `Encapsulation` recomputed the way
    /// pcap-filter text means it: each `vlan`, `mpls`, `pppoes`, `geneve` or
    /// `vxlan` adds a header in front of every primitive after it, in
    /// evaluation order, whatever the nesting (pcap-filter(7)).
    ///
    /// DSL primitives are built without encapsulation; `Filter { }`,
    /// `allOf`, `anyOf` and `not` apply this, so a DSL filter means what its
    /// printed text means and `FilterParser.parse(filter.description)`
    /// gives it back.
    public func resolvingEncapsulation() -> Filter {
        var current = Encapsulation.none
        return stamped(&current)
    }

    private func stamped(_ current: inout Encapsulation) -> Filter {
        switch self {
        case .constant:
            return self
        case .primitive(var primitive):
            primitive.encapsulation = current
            if let layer = primitive.atom.encapsulationLayer {
                current = current.appending(layer)
            }
            return .primitive(primitive)
        case .not(let operand):
            return .not(operand.stamped(&current))
        case .and(let operands):
            return .and(operands.map { $0.stamped(&current) })
        case .or(let operands):
            return .or(operands.map { $0.stamped(&current) })
        }
    }
}

extension Atom {
    /// The header this primitive puts in front of the primitives after it.
    public var encapsulationLayer: EncapsulationLayer? {
        switch self {
        case .vlan: .vlan
        case .mpls: .mpls
        case .pppoeSession: .pppoeSession
        case .geneve: .geneve
        case .vxlan: .vxlan
        default: nil
        }
    }
}
