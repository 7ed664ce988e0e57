import SluiceBytecode

/// `protochain N` (`gen_protochain`): follow IPv6 extension headers and
/// AH from the IP header until protocol N, "no next header" or anything
/// else. libpcap loops with a backward jump, which cBPF and the Linux
/// checker forbid; Sluice unrolls the loop: 104 headers for IPv6 (enough
/// for libpcap's own deep-stack test capture, about 2,300 instructions)
/// and 16 for IPv4 (only AH can repeat there). A longer chain does not
/// match, where libpcap would keep looking.
struct ProtocolChain {
    let lowering: AtomLowering

    /// Headers followed before giving up.
    static func maximumHeaders(ipv6: Bool) -> Int { ipv6 ? 104 : 16 }

    func condition(_ number: UInt32, _ version: IPVersion) throws(GenerationError) -> Condition {
        switch version {
        case .v4: return try chain(number, ipv6: false)
        case .v6: return try chain(number, ipv6: true)
        case .any: return .or([try chain(number, ipv6: false), try chain(number, ipv6: true)])
        }
    }

    private func chain(_ number: UInt32, ipv6: Bool) throws(GenerationError) -> Condition {
        let layout = lowering.layout
        guard layout.isFixed else {
            throw GenerationError(message: "'protochain' not supported with variable length headers", span: lowering.span)
        }
        let nl = layout.network.offset
        let span = lowering.span
        let slot = lowering.firstFreeScratch
        // A = next header / protocol; X = offset of the header after the IP header.
        let start: [Instruction] = ipv6
            ? [.load(.byte, absolute: nl + 6), .loadXImmediate(40)]
            : [.load(.byte, absolute: nl + 9), .loadXHeaderLength(nl)]
        // X += (length + 1) * 8, A = next header (read at the old X).
        let extensionAdvance: [Instruction] = [
            .load(.byte, indirect: nl + 1), .alu(.lsh, 3), .alu(.add, 8), .aluX(.add), .store(slot),
            .load(.byte, indirect: nl), .loadXScratch(slot),
        ]
        // AH: X += (length + 2) * 4.
        let authenticationAdvance: [Instruction] = [
            .load(.byte, indirect: nl + 1), .alu(.lsh, 2), .alu(.add, 8), .aluX(.add), .store(slot),
            .load(.byte, indirect: nl), .loadXScratch(slot),
        ]
        let isA = { (value: UInt32) -> Condition in
            .test(Test(statements: [], operation: .jeq, operand: .constant(value), span: span))
        }
        var rest = Condition.constant(false)
        for step in 0..<ProtocolChain.maximumHeaders(ipv6: ipv6) {
            rest = .shared("protochain \(ipv6) \(number) \(nl) \(step)", rest)
            let viaAH = Condition.choose(isA(51), .and([.effect(authenticationAdvance, span), rest]), .constant(false))
            let next: Condition = ipv6
                ? .choose(.or([isA(0), isA(60), isA(43), isA(44)]), .and([.effect(extensionAdvance, span), rest]), viaAH)
                : viaAH
            rest = .or([isA(number), .and([.not(isA(59)), next])])
        }
        let first = Condition.and([.effect(start, span), rest])
        return .and([try lowering.linkProtocol(ipv6 ? 0x86dd : 0x0800), first])
    }
}
