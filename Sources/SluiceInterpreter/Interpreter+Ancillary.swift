import SluiceBytecode

/// What an ancillary load does: set A, or end the program (Linux ends it,
/// returning A, when `SKF_AD_IFINDEX`/`SKF_AD_HATYPE` find no device).
enum AncillaryOutcome {
    case value(UInt32)
    case exit(UInt32)
}

/// `SKF_AD_*` loads, as Linux's `convert_bpf_extensions` and its helpers
/// compute them, from `PacketMetadata` and the packet.
extension Interpreter {
    @inline(never)
    static func ancillary<Observer: DivergenceObserver>(
        _ raw: UInt32, a: UInt32, x: UInt32, _ packet: UnsafeRawBufferPointer, _ reference: MetadataReference,
        _ random: inout RandomNumbers, _ index: Int, _ observer: inout Observer
    ) -> AncillaryOutcome {
        guard let which = Ancillary(rawValue: raw) else { return .exit(0) }
        let metadata = reference.value
        if Observer.isActive { observer.record(LibpcapDivergence(instructionIndex: index, kind: .ancillaryLoad(which))) }
        switch which {
        case .networkProtocol: return .value(UInt32(metadata.networkProtocol))
        case .packetType: return .value(UInt32(metadata.packetType & 7))  // a 3-bit field in sk_buff
        case .interfaceIndex:
            guard let device = metadata.device else { return .exit(a) }
            return .value(device.index)
        case .hardwareType:
            guard let device = metadata.device else { return .exit(a) }
            return .value(UInt32(device.hardwareType))
        case .netlinkAttribute: return .value(NetlinkAttributes.find(in: packet, at: a, type: x, nested: false))
        case .netlinkAttributeNested: return .value(NetlinkAttributes.find(in: packet, at: a, type: x, nested: true))
        case .mark: return .value(metadata.mark)
        case .queue: return .value(UInt32(metadata.queue))
        case .receiveHash: return .value(metadata.receiveHash)
        case .cpu: return .value(metadata.cpu)
        case .aluXorX: return .value(a ^ x)
        case .vlanTag: return .value(UInt32(metadata.vlanTag))
        case .vlanTagPresent: return .value(metadata.vlanTagPresent ? 1 : 0)
        case .payloadOffset: return .value(0)  // no flow dissector: as when Linux's fails
        case .random: return .value(random.next(seed: metadata.randomSeed))
        case .vlanTPID: return .value(UInt32(metadata.vlanTPID))
        }
    }
}

/// The numbers `SKF_AD_RANDOM` yields within one run: SplitMix64 from the
/// metadata's seed, so a run is repeatable. SplitMix64's state after n
/// draws is `seed + n * gamma`, so the loop keeps only the count and reads
/// the seed when a draw happens (never, for most programs).
struct RandomNumbers {
    private var draws: UInt64 = 0

    mutating func next(seed: UInt64) -> UInt32 {
        draws &+= 1
        var z = seed &+ draws &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z &>> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z &>> 27)) &* 0x94d0_49bb_1331_11eb
        return UInt32(truncatingIfNeeded: z ^ (z &>> 31))
    }
}
