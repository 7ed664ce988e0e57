import SluiceCompiler

/// Link-level tests (`gen_linktype`, `gen_ether_linktype`, `gen_llc`,
/// `gen_vlan`, `gen_mpls`, `gen_dnhostop`) as Sluice's cBPF generator
/// lowers them: under MPLS only IPv4/IPv6 (the version nibble), under
/// PPPoE the PPP protocol, on Ethernet the EtherType or the 802.2 LLC/SNAP
/// encapsulations for SAPs (values up to 1500), IPX and AppleTalk.
extension XDPFilterEmitter {
    mutating func linkProtocol(_ value: UInt16, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        if layout.mplsDepth > 0 {
            // Bottom of the label stack, then the IP version nibble.
            let version: UInt32
            switch value {
            case 0x0800: version = 0x40
            case 0x86dd: version = 0x60
            default: return unsupported("unsupported protocol over mpls", ifFalse: ifFalse)
            }
            let bottom = asm.makeLabel("mpls_bottom")
            fieldEquals(.byte, at: network - 2, 1, mask: 1, ifTrue: bottom, ifFalse: ifFalse)
            bind(bottom)
            return fieldEquals(.byte, at: network, version, mask: 0xf0, ifTrue: ifTrue, ifFalse: ifFalse)
        }
        if layout.isPPP {
            return fieldEquals(.half, at: layout.linkType, UInt32(PPPProtocol.forEtherType(value)),
                               ifTrue: ifTrue, ifFalse: ifFalse)
        }
        ethernetType(UInt32(value), ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// `gen_ether_linktype`.
    private mutating func ethernetType(_ value: UInt32, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let type = layout.linkType, llc = layout.linkPayload
        // The common case first, without building the parts below.
        if value > 1500, value != 0x809b, value != 0x80f3 {
            return fieldEquals(.half, at: type, value, ifTrue: ifTrue, ifFalse: ifFalse)
        }
        let isLength: Part = { $0.fieldTest(.half, at: type, .jgt, 1500, ifTrue: $2, ifFalse: $1) }
        let typeIs = { (value: UInt32) -> Part in { $0.fieldEquals(.half, at: type, value, ifTrue: $1, ifFalse: $2) } }
        switch value {
        case 0xfe, 0x06, 0xf0:
            all([isLength, { $0.fieldEquals(.half, at: llc, value << 8 | value, ifTrue: $1, ifFalse: $2) }],
                ifTrue: ifTrue, ifFalse: ifFalse)
        case 0xe0:
            let encapsulated: Part = { emitter, t, f in
                emitter.any([{ $0.snap(0, 0x8137, ifTrue: $1, ifFalse: $2) },
                             { $0.fieldEquals(.byte, at: llc, 0xe0, ifTrue: $1, ifFalse: $2) },
                             { $0.fieldEquals(.half, at: llc, 0xffff, ifTrue: $1, ifFalse: $2) }], ifTrue: t, ifFalse: f)
            }
            any([typeIs(0x8137), { $0.all([isLength, encapsulated], ifTrue: $1, ifFalse: $2) }],
                ifTrue: ifTrue, ifFalse: ifFalse)
        case 0x809b, 0x80f3:
            let organization: UInt32 = value == 0x809b ? 0x08_0007 : 0
            any([typeIs(value), { emitter, t, f in
                emitter.all([isLength, { $0.snap(organization, value, ifTrue: $1, ifFalse: $2) }], ifTrue: t, ifFalse: f)
            }], ifTrue: ifTrue, ifFalse: ifFalse)
        default:  // an 802.2 SAP
            all([isLength, { $0.fieldEquals(.byte, at: llc, value, ifTrue: $1, ifFalse: $2) }],
                ifTrue: ifTrue, ifFalse: ifFalse)
        }
    }

    /// An 802.2 SNAP header with this organization code and type (`gen_snap`).
    private mutating func snap(_ organization: UInt32, _ type: UInt32, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let llc = layout.linkPayload
        all([{ $0.fieldEquals(.word, at: llc + 4, (organization & 0xffff) << 16 | type, ifTrue: $1, ifFalse: $2) },
             { $0.fieldEquals(.word, at: llc, 0xaaaa_0300 | organization >> 16, ifTrue: $1, ifFalse: $2) }],
            ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// 802.3 with an 802.2 header that is not NetWare's 0xffff (`gen_llc`), and its frame kinds.
    mutating func llc(_ kind: LLCKind?, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        guard !layout.isPPP else { return unsupported("'llc' not supported on DLT_PPP", ifFalse: ifFalse) }
        let llc = layout.linkPayload, type = layout.linkType
        let isLLC: [Part] = [{ $0.fieldTest(.half, at: type, .jgt, 1500, ifTrue: $2, ifFalse: $1) },
                             { $0.fieldEquals(.half, at: llc, 0xffff, ifTrue: $2, ifFalse: $1) }]
        guard let kind else { return all(isLLC, ifTrue: ifTrue, ifFalse: ifFalse) }
        let control = llc + 2
        let test: Part = switch kind {
        case .information: { $0.fieldTest(.byte, at: control, .jset, 1, ifTrue: $2, ifFalse: $1) }
        case .supervisory: { $0.fieldEquals(.byte, at: control, 1, mask: 3, ifTrue: $1, ifFalse: $2) }
        case .unnumbered: { $0.fieldEquals(.byte, at: control, 3, mask: 3, ifTrue: $1, ifFalse: $2) }
        case .supervisoryType(let value):
            { $0.fieldEquals(.byte, at: control, UInt32(value), mask: 0x0f, ifTrue: $1, ifFalse: $2) }
        case .unnumberedType(let value):
            { $0.fieldEquals(.byte, at: control, UInt32(value), mask: 0xef, ifTrue: $1, ifFalse: $2) }
        }
        all(isLLC + [test], ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// gen_vlan (no Linux extensions): an 802.1Q, 802.1ad or QinQ TPID
    /// where the link type would be, then the VLAN id in the TCI.
    mutating func vlan(_ id: UInt16?, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let tagged = id == nil ? ifTrue : asm.makeLabel("vlan")
        let type = layout.linkType
        any([0x8100, 0x88a8, 0x9100].map { (tpid: UInt32) -> Part in
            { $0.fieldEquals(.half, at: type, tpid, ifTrue: $1, ifFalse: $2) }
        }, ifTrue: tagged, ifFalse: ifFalse)
        guard let id else { return }
        bind(tagged)
        fieldEquals(.half, at: layout.linkType + 2, UInt32(id), mask: 0x0fff, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// gen_mpls: the first label is an MPLS EtherType, a later one follows
    /// an entry without the bottom-of-stack bit; then the label value.
    mutating func mpls(_ label: UInt32?, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let present = label == nil ? ifTrue : asm.makeLabel("mpls")
        if layout.mplsDepth == 0 {
            linkProtocol(0x8847, ifTrue: present, ifFalse: ifFalse)
        } else {
            fieldTest(.byte, at: network - 2, .jset, 1, ifTrue: ifFalse, ifFalse: present)
        }
        guard let label else { return }
        bind(present)
        fieldEquals(.word, at: network, label << 12, mask: 0xffff_f000, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// One DECnet address field in the four header layouts (`gen_dnhostop`).
    mutating func decnet(_ address: UInt16, short: Int, long: Int, ifTrue: EBPFLabel, ifFalse: EBPFLabel) {
        let swapped = UInt32(address.byteSwapped)
        let flags = network + 2
        let layouts: [(size: EBPFSize, value: UInt32, mask: UInt32, offset: XDPPosition)] = [
            (.byte, 0x02, 0x07, flags + short), (.half, 0x8102, 0xff07, flags + 1 + short),
            (.byte, 0x06, 0x07, flags + long), (.half, 0x8106, 0xff07, flags + 1 + long),
        ]
        any(layouts.map { entry in
            { emitter, t, f in
                emitter.all([{ $0.fieldEquals(entry.size, at: flags, entry.value, mask: entry.mask, ifTrue: $1, ifFalse: $2) },
                             { $0.fieldEquals(.half, at: entry.offset, swapped, ifTrue: $1, ifFalse: $2) }],
                            ifTrue: t, ifFalse: f)
            }
        }, ifTrue: ifTrue, ifFalse: ifFalse)
    }
}
