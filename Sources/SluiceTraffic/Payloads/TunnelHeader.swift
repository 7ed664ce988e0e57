/// Overlay encapsulations carried in UDP.
public enum TunnelHeader {
    /// The IANA port for VXLAN (RFC 7348).
    public static let vxlanPort: UInt16 = 4789
    /// The IANA port for Geneve (RFC 8926).
    public static let genevePort: UInt16 = 6081

    /// A VXLAN header (flags with I set, 24-bit VNI) followed by `innerFrame`.
    public static func vxlan(vni: UInt32, innerFrame: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0x08, 0, 0, 0]
        bytes.appendBigEndian((vni & 0xff_ffff) << 8)
        return bytes + innerFrame
    }

    /// A Geneve header (version 0, no options, protocol `ETH_P_TEB`, 24-bit VNI)
    /// followed by `innerFrame`.
    public static func geneve(vni: UInt32, innerFrame: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = [0, 0]
        bytes.appendBigEndian(EtherType.transparentEthernet)
        bytes.appendBigEndian((vni & 0xff_ffff) << 8)
        return bytes + innerFrame
    }
}
