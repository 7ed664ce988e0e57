/// PPP protocol numbers, as libpcap maps EtherTypes onto them for `pppoes`.
public enum PPPProtocol {
    /// libpcap's `ethertype_to_ppptype`: the PPP protocol field that stands
    /// for `etherType` inside a PPPoE session (other values pass through).
    /// Both code generators (cBPF and XDP) use it.
    public static func forEtherType(_ etherType: UInt16) -> UInt16 {
        switch etherType {
        case 0x0800: 0x0021
        case 0x86dd: 0x0057
        case 0x6003: 0x0027
        case 0x809b: 0x0029
        case 0x0600: 0x0025
        case 0xfe: 0x0023
        case 0x42: 0x0031
        case 0xe0: 0x002b
        case 0x8847: 0x0281
        case 0x8848: 0x0283
        default: etherType
        }
    }
}
