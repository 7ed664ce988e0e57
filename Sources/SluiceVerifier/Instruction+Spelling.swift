import SluiceBytecode

extension Instruction {
    /// The instruction in libpcap's `bpf_image` style ("ldh [12]",
    /// "jeq #0x800", "ret #0"), for diagnostics; an opcode Linux does not
    /// know is shown as `code 0x21`.
    var spelling: String {
        guard LinuxOpcodes.isAllowed(code) else { return "code \(opcodeHex(code))" }
        let size = loadSize.map { ["", "h", "b"][Int($0.rawValue >> 3)] } ?? ""
        switch instructionClass {
        case .ld:
            switch addressMode {
            case .abs:
                if let ancillary = Ancillary(loadOffset: k) { return "ld\(size) #\(ancillary.linuxName)" }
                return "ld\(size) [\(k)]"
            case .ind: return "ld\(size) [x + \(k)]"
            case .mem: return "ld M[\(k)]"
            case .len: return "ld #pktlen"
            default: return "ld #\(hex(k))"
            }
        case .ldx:
            switch addressMode {
            case .mem: return "ldx M[\(k)]"
            case .len: return "ldx #pktlen"
            case .msh: return "ldxb 4*([\(k)]&0xf)"
            default: return "ldx #\(hex(k))"
            }
        case .st: return "st M[\(k)]"
        case .stx: return "stx M[\(k)]"
        case .alu:
            let name = aluOperation.map { "\($0)" } ?? "alu"
            if aluOperation == .neg { return "neg" }
            return operandSource == .x ? "\(name) x" : "\(name) #\(hex(k))"
        case .jmp:
            let name = jumpOperation.map { "j\($0)" } ?? "jmp"
            if jumpOperation == .ja { return "ja \(k)" }
            return (operandSource == .x ? "\(name) x" : "\(name) #\(hex(k))") + " jt \(jt) jf \(jf)"
        case .ret: return returnSource == .a ? "ret a" : "ret #\(k)"
        case .misc: return miscOperation == .tax ? "tax" : "txa"
        }
    }
}

/// `0x1f` style hexadecimal, as libpcap prints constants.
func hex(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

/// An opcode as `0x05` (at least two digits).
func opcodeHex(_ code: UInt16) -> String {
    let digits = String(code, radix: 16)
    return "0x" + (digits.count < 2 ? "0" + digits : digits)
}

extension Ancillary {
    /// Linux's name without the `SKF_AD_` prefix, lower-cased, as tcpdump
    /// and libpcap's `bpf_image` spell it (`proto`, `vlan_tci`, …).
    var linuxName: String {
        switch self {
        case .networkProtocol: "proto"
        case .packetType: "type"
        case .interfaceIndex: "ifidx"
        case .netlinkAttribute: "nla"
        case .netlinkAttributeNested: "nlan"
        case .mark: "mark"
        case .queue: "queue"
        case .hardwareType: "hatype"
        case .receiveHash: "rxhash"
        case .cpu: "cpu"
        case .aluXorX: "xor_x"
        case .vlanTag: "vlan_tci"
        case .vlanTagPresent: "vlanp"
        case .payloadOffset: "poff"
        case .random: "rand"
        case .vlanTPID: "vlan_tpid"
        }
    }
}
