import SluiceBytecode

/// `geneve [vni]` and `vxlan [vni]`: UDP to port 6081/4789 over IPv4 or
/// IPv6, then the tunnel header.
struct TunnelCode {
    let lowering: AtomLowering

    func condition(_ atom: Atom) throws(GenerationError) -> Condition {
        throw GenerationError(message: "'\(atom)' is not supported by the cBPF generator yet", span: lowering.span)
    }

    /// A primitive inside a tunnel: find the inner frame, then test.
    static func inside(_ primitive: Primitive) throws(GenerationError) -> Condition {
        throw GenerationError(message: "primitives after 'geneve'/'vxlan' are not supported by the cBPF generator yet", span: primitive.span)
    }
}
