import SluiceBytecode

/// Loads at negative offsets, as Linux's
/// `bpf_internal_load_pointer_neg_helper` serves them: `SKF_NET_OFF + n`
/// reads n bytes past the network header, `SKF_LL_OFF + n` past the
/// link-layer (MAC) header, both taken from `PacketMetadata`; anything
/// below `SKF_LL_OFF`, an unset header, or bytes outside the captured
/// buffer make the load fail (the program returns 0).
extension Interpreter {
    @inline(never)
    static func loadNegative<Observer: DivergenceObserver>(
        _ packet: PacketBytes, at offset: Int32, width: Int, _ reference: MetadataReference,
        _ index: Int, _ observer: inout Observer, wrapped: (x: UInt32, k: UInt32)? = nil
    ) -> UInt32? {
        let networkBase = Int32(bitPattern: Ancillary.networkBase)
        let linkLayerBase = Int32(bitPattern: Ancillary.linkLayerBase)
        let header: Int?
        let distance: Int
        let metadata = reference.value
        if offset >= networkBase {
            header = metadata.networkHeaderOffset
            distance = Int(offset - networkBase)
        } else if offset >= linkLayerBase {
            header = metadata.linkLayerHeaderOffset
            distance = Int(offset - linkLayerBase)
        } else {
            return nil
        }
        // Linux also requires the bytes to lie between skb->head (here: the
        // buffer's start) and the tail.
        guard let header, header >= 0, header <= packet.count else { return nil }
        guard let value = load(packet, at: header + distance, width: width) else { return nil }
        if Observer.isActive {
            let kind: LibpcapDivergence.Kind = if let wrapped {
                .indirectOffsetWrapped(x: wrapped.x, k: wrapped.k)
            } else {
                .negativeOffset(offset)
            }
            observer.record(LibpcapDivergence(instructionIndex: index, kind: kind))
        }
        return value
    }

    /// `ldxb 4*([k]&0xf)` at a negative k: X from a header window. The
    /// masking and shift happen here, not in the loop, so the compiler does
    /// not merge the hot non-negative case's tail into this path.
    @inline(never)
    static func headerLengthNegative<Observer: DivergenceObserver>(
        _ packet: PacketBytes, at offset: Int32, _ reference: MetadataReference, _ index: Int, _ observer: inout Observer
    ) -> UInt32? {
        loadNegative(packet, at: offset, width: 1, reference, index, &observer).map { ($0 & 0xf) &<< 2 }
    }
}
