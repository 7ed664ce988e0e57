import SluiceBytecode

/// Network- and transport-layer atoms (`gen_host`, `gen_host6`,
/// `gen_proto`, `gen_port`, `gen_portrange`), plus LLC and DECnet.
extension AtomLowering {
    func ipv4Address(_ network: IPv4Network, _ direction: Direction,
                     _ proto: AddressProtocol) throws(GenerationError) -> Condition {
        let (type, source, destination): (UInt16, UInt32, UInt32) =
            switch proto {
            case .ip: (0x0800, 12, 16)
            case .arp: (0x0806, 14, 24)
            case .rarp: (0x8035, 14, 24)
            }
        let present = try linkProtocol(type)
        let one = { (offset: UInt32) -> Condition in
            .and([present, .equal(self.load(.word, self.layout.network + offset), network.address & network.mask,
                                  mask: network.mask, span: self.span)])
        }
        return directed(direction, one(source), one(destination))
    }

    func ipv6Address(_ network: IPv6Network, _ direction: Direction) throws(GenerationError) -> Condition {
        let present = try linkProtocol(0x86dd)
        let one = { (offset: UInt32) -> Condition in
            // Words outside the prefix are not loaded (libpcap's optimizer drops them too).
            let words: [Condition] = (0..<4).compactMap { index in
                let mask = network.maskWord(index)
                guard mask != 0 else { return nil }
                return .equal(self.load(.word, self.layout.network + offset + UInt32(4 * index)),
                              network.word(index) & mask, mask: mask, span: self.span)
            }
            return .and([present] + words)
        }
        return directed(direction, one(8), one(24))
    }

    /// IPv4 protocol, or IPv6 next header directly or behind one fragment header.
    func ipProtocol(_ number: UInt32, _ version: IPVersion) throws(GenerationError) -> Condition {
        let nl = layout.network
        let v4 = { () throws(GenerationError) -> Condition in
            .and([try linkProtocol(0x0800), .equal(load(.byte, nl + 9), number, span: span)])
        }
        let v6 = { () throws(GenerationError) -> Condition in
            .and([try linkProtocol(0x86dd),
                  .or([.equal(load(.byte, nl + 6), number, span: span),
                       .and([.equal(load(.byte, nl + 6), 44, span: span), .equal(load(.byte, nl + 40), number, span: span)])])])
        }
        switch version {
        case .v4: return try v4()
        case .v6: return try v6()
        case .any: return .or([try v4(), try v6()])
        }
    }

    /// True for IPv4 packets that are not a non-first fragment.
    var ipv4FirstFragment: Condition {
        .not(.anyBits(load(.half, layout.network + 6), 0x1fff, span: span))
    }

    /// Ports over IPv6 (fixed header), then over IPv4 (first fragments),
    /// as libpcap orders them.
    func port(_ range: PortRange, _ direction: Direction, _ transport: Transport?) throws(GenerationError) -> Condition {
        let nl = layout.network
        let protocols: [UInt32] = transport.map { [UInt32($0.rawValue)] } ?? [132, 6, 17]
        let matches = { (value: [Instruction]) -> Condition in
            if range.isSinglePort { return .equal(value, UInt32(range.lower), span: self.span) }
            return .and([.jump(value, .jge, UInt32(range.lower), span: self.span),
                         .not(.jump(value, .jgt, UInt32(range.upper), span: self.span))])
        }
        let v6 = Condition.and([
            try linkProtocol(0x86dd),
            .or(protocols.map { .equal(load(.byte, nl + 6), $0, span: span) }),
            directed(direction, matches(load(.half, nl + 40)), matches(load(.half, nl + 42))),
        ])
        let v4 = Condition.and([
            try linkProtocol(0x0800),
            .or(protocols.map { .equal(load(.byte, nl + 9), $0, span: span) }),
            ipv4FirstFragment,
            directed(direction, matches(layout.loadTransport(.half, at: 0)), matches(layout.loadTransport(.half, at: 2))),
        ])
        return .or([v6, v4])
    }

    /// 802.3 with an 802.2 header that is not NetWare's 0xffff (`gen_llc`), and its frame kinds.
    func llc(_ kind: LLCKind?) throws(GenerationError) -> Condition {
        guard !layout.isPPP else { throw GenerationError(message: "'llc' not supported on DLT_PPP", span: span) }
        let llc = layout.linkPayload
        let isLLC = Condition.and([.not(.jump(load(.half, layout.linkType), .jgt, 1500, span: span)),
                                   .not(.equal(load(.half, llc), 0xffff, span: span))])
        let control = load(.byte, llc + 2)
        guard let kind else { return isLLC }
        let test: Condition
        switch kind {
        case .information: test = .not(.anyBits(control, 1, span: span))
        case .supervisory: test = .equal(control, 1, mask: 3, span: span)
        case .unnumbered: test = .equal(control, 3, mask: 3, span: span)
        case .supervisoryType(let value): test = .equal(control, UInt32(value), mask: 0x0f, span: span)
        case .unnumberedType(let value): test = .equal(control, UInt32(value), mask: 0xef, span: span)
        }
        return .and([isLLC, test])
    }

    /// One DECnet address field in the four header layouts (`gen_dnhostop`).
    func decnet(_ address: UInt16, short: UInt32, long: UInt32) -> Condition {
        let swapped = UInt32(address.byteSwapped)
        let flags = layout.network + 2
        let layouts: [(size: LoadSize, value: UInt32, mask: UInt32, offset: Position)] = [
            (.byte, 0x02, 0x07, flags + short), (.half, 0x8102, 0xff07, flags + 1 + short),
            (.byte, 0x06, 0x07, flags + long), (.half, 0x8106, 0xff07, flags + 1 + long),
        ]
        return .or(layouts.map { entry in
            .and([.equal(load(entry.size, flags), entry.value, mask: entry.mask, span: span),
                  .equal(load(.half, entry.offset), swapped, span: span)])
        })
    }
}
