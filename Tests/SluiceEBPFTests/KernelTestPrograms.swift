import SluiceEBPF

/// Hand-built eBPF for the kernel tests (raw `struct bpf_insn` fields), so
/// they depend on nothing but the kernel.
enum KernelTestPrograms {
    /// `r0 = XDP_PASS; exit`.
    static let pass: [EBPFInstruction] = [
        EBPFInstruction(code: 0xb7, dst: 0, imm: 2),
        EBPFInstruction(code: 0x95),
    ]

    /// Reads packet byte 0 without a bounds check: the verifier must reject slot 1.
    static let unchecked: [EBPFInstruction] = [
        EBPFInstruction(code: 0x61, dst: 2, src: 1, offset: 0),      // r2 = ctx->data
        EBPFInstruction(code: 0x71, dst: 0, src: 2, offset: 0),      // r0 = *(u8 *)(r2 + 0)
        EBPFInstruction(code: 0x95),
    ]
    static let uncheckedAnnotations: SlotNotes = ["ctx->data", "ether[0]", nil]

    /// IPv4 (IHL 5) UDP to destination `port`: XDP_PASS, else XDP_DROP.
    static func udpDestinationPort(_ port: UInt16) -> [EBPFInstruction] {
        let portLE = Int32(port.byteSwapped)  // A u16 load of network-order bytes on little-endian.
        return [
            EBPFInstruction(code: 0x61, dst: 2, src: 1, offset: 0),      // 0: r2 = data
            EBPFInstruction(code: 0x61, dst: 3, src: 1, offset: 4),      // 1: r3 = data_end
            EBPFInstruction(code: 0xbf, dst: 4, src: 2),                 // 2: r4 = r2
            EBPFInstruction(code: 0x07, dst: 4, imm: 38),                // 3: r4 += 38
            EBPFInstruction(code: 0x2d, dst: 4, src: 3, offset: 7),      // 4: if r4 > r3 goto 12
            EBPFInstruction(code: 0x69, dst: 5, src: 2, offset: 12),     // 5: r5 = ethertype
            EBPFInstruction(code: 0x55, dst: 5, offset: 5, imm: 0x0008), // 6: if r5 != 0x800 goto 12
            EBPFInstruction(code: 0x71, dst: 5, src: 2, offset: 23),     // 7: r5 = ip proto
            EBPFInstruction(code: 0x55, dst: 5, offset: 3, imm: 17),     // 8: if r5 != udp goto 12
            EBPFInstruction(code: 0x69, dst: 5, src: 2, offset: 36),     // 9: r5 = udp dport
            EBPFInstruction(code: 0x55, dst: 5, offset: 1, imm: portLE), // 10: if r5 != port goto 12
            EBPFInstruction(code: 0x05, offset: 2),                      // 11: goto 14
            EBPFInstruction(code: 0xb7, dst: 0, imm: 1),                 // 12: r0 = XDP_DROP
            EBPFInstruction(code: 0x95),                                 // 13: exit
            EBPFInstruction(code: 0xb7, dst: 0, imm: 2),                 // 14: r0 = XDP_PASS
            EBPFInstruction(code: 0x95),                                 // 15: exit
        ]
    }

    /// An Ethernet/IPv4/UDP frame to `port` with `payload` bytes (checksums zero).
    static func udpFrame(destinationPort port: UInt16, payload: Int = 18) -> [UInt8] {
        let ipLength = 20 + 8 + payload
        var frame: [UInt8] = [0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1, 0x08, 0x00]
        frame += [0x45, 0, UInt8(ipLength >> 8), UInt8(ipLength & 0xff), 0, 0, 0x40, 0, 64, 17, 0, 0,
                  10, 0, 0, 1, 10, 0, 0, 2]
        frame += [0x30, 0x39, UInt8(port >> 8), UInt8(port & 0xff), UInt8((8 + payload) >> 8), UInt8((8 + payload) & 0xff), 0, 0]
        frame += [UInt8](repeating: 0xab, count: payload)
        return frame
    }

    /// The same frame carrying TCP instead of UDP (protocol 6).
    static func tcpFrame(destinationPort port: UInt16) -> [UInt8] {
        var frame = udpFrame(destinationPort: port)
        frame[23] = 6
        return frame
    }
}
